"""Statutory periods in days: when "within N days" of an event ends.

刑事诉讼法 Art. 105: 「期间开始的时和日不算在期间以内。」 The day of the event is
day 0, so "within 10 days" of 2024-03-01 ends with 2024-03-11. The article's
holiday roll-over (a last day on a public holiday moves to the next working
day) needs the State Council's yearly holiday calendar as a dated table and
is not applied here: every period ends on its calendar day.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from api.domain.common.validators import CHINA_TZ


def last_day(event: date, days: int) -> date:
    """The last day of a period of `days` days from `event` (刑事诉讼法 Art. 105)."""
    return event + timedelta(days=days)


def end_of(day: date) -> datetime:
    """The moment `day` ends in China, when a period ending that day has passed."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=CHINA_TZ)


def local_day(moment: datetime) -> date:
    """The calendar day in China of a moment."""
    return moment.astimezone(CHINA_TZ).date()


def start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=CHINA_TZ)


def add_months(day: date, months: int) -> date:
    """The same day number `months` months on (or back, when negative), or that
    month's last day where it has none: 31 January + 1 month is 28 (or 29)
    February. How "a month" is read for 脱管 "over one month" and a leave's
    two months (docs/law/community-corrections.md §0, an interpretation)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
