"""A calendar month of the report, in China time: "2026-11"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from api.domain.common import periods
from api.domain.common.errors import BadInput

_SHAPE = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, value: str, field: str = "month") -> Month:
        match = _SHAPE.fullmatch(value or "")
        if match is None or int(match.group(1)) < 2000:
            raise BadInput("MONTH_FORMAT", field=field)
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    @property
    def starts_at(self) -> datetime:
        return periods.start_of(self.first_day)

    @property
    def ends_at(self) -> datetime:
        """The moment the month is over: the next one's first instant."""
        return periods.start_of(self.next().first_day)

    def chinese(self) -> str:
        return f"{self.year}年{self.month}月"
