"""Dates as Chinese documents print them: 二〇二六年十二月一日."""

from __future__ import annotations

from datetime import date

_DIGITS = "〇一二三四五六七八九"


def _number(n: int) -> str:
    """1..31 in Chinese numerals: 一, 十, 十一, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else "十" if tens == 1 else _DIGITS[tens] + "十") + (
        _DIGITS[ones] if ones else ""
    )
    return text


def chinese_date(day: date) -> str:
    """The year digit by digit with 〇 for zero, month and day as numbers
    (GB/T 9704-2012 7.3.5.2 writes the date of a document this way)."""
    year = "".join(_DIGITS[int(d)] for d in f"{day.year:04d}")
    return f"{year}年{_number(day.month)}月{_number(day.day)}日"
