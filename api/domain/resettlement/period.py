"""The assistance period (帮教期): five years from the release.

The five years, from the release from prison or from the end of community
correction for those released from it, are the figure of the national
policy on 安置帮教 (中央社会治安综合治理委员会 等《关于进一步加强刑满释放
解除劳教人员安置帮教工作的意见》, 2010: 「刑满释放……五年内的人员」), cited as the
issue gives it: its text could not be read here. It is national, not set
by provinces, so it is a constant.

How the years count: 民法典 Art. 201-202 「按照年、月、日计算期间的，开始的
当日不计入，自下一日开始计算」「按照年、月计算期间的，到期月的对应日为期间的最后
一日；没有对应日的，月末日为期间的最后一日。」 So released on 2021-03-10, the
last day in assistance is 2026-03-10; released on 2020-02-29, 2025-02-28.
"""

from __future__ import annotations

import calendar
from datetime import date

ASSISTANCE_YEARS = 5


def assistance_ends_on(released_on: date) -> date:
    """The last day of the assistance period (民法典 Art. 202)."""
    year = released_on.year + ASSISTANCE_YEARS
    last = calendar.monthrange(year, released_on.month)[1]
    return date(year, released_on.month, min(released_on.day, last))


def in_assistance_on(released_on: date, ends_on: date, day: date) -> bool:
    return released_on <= day <= ends_on
