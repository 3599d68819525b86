"""The areas' figures: each area module registers one AreaStatistics.

An area's `compute` answers, for every unit of a subtree that has records,
its named counts of the month, each counted where the record is kept (the
record's own unit); report.py sums them up the tree. `visible` says whether
a viewer may see the area's figures of a unit, by that area's own scope
rule. Figures whose records are not kept yet are not listed: none is typed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.models import Model

from api.domain.common import sql
from api.domain.common.call import Call
from api.domain.statistics.month import Month

Counts = dict[int, dict[str, int]]


@dataclass(frozen=True)
class Figure:
    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class AreaStatistics:
    name: str
    zh: str
    en: str
    figures: tuple[Figure, ...]
    compute: Callable[[str, Month, datetime], Awaitable[Counts]]
    visible: Callable[[Call, int], Awaitable[bool]]


AREAS: dict[str, AreaStatistics] = {}


def register(area: AreaStatistics) -> AreaStatistics:
    AREAS[area.name] = area
    return area


def areas() -> list[AreaStatistics]:
    # The modules register on import; imported here so that any reader has all.
    from api.domain.statistics import (  # noqa: F401
        corrections,
        legal_aid,
        mediation,
        resettlement,
    )

    return list(AREAS.values())


# ------------------------------------------------------------------ counting helpers


class Query:
    """One grouped statement over a subtree: `SUM(CASE WHEN … THEN 1 ELSE 0 END)`
    per figure, grouped by the record's unit. Values are bound (sql.Binder)."""

    def __init__(self) -> None:
        self.conn = sql.connection()
        self.bind = sql.Binder(self.conn)

    def __call__(self, value: Any) -> str:
        return self.bind(value)

    def value(self, model: type[Model], field: str, value: Any) -> str:
        """`value` bound as the ORM stores `field` (dates and times compare as
        stored on SQLite too)."""
        return self.bind(sql.db_value(model, field, value))

    def under(self, path_column: str, root: str) -> str:
        """The condition that the unit's path lies in the subtree of `root`."""
        escaped = root.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{path_column} LIKE {self.bind(escaped + '%')} ESCAPE '\\'"

    async def counts(self, text: str) -> Counts:
        _, rows = await self.conn.execute_query(text, self.bind.values)
        return {
            int(row["unit"]): {k: int(v or 0) for k, v in dict(row).items() if k != "unit"}
            for row in rows
        }


def merge(*parts: Counts) -> Counts:
    out: Counts = {}
    for part in parts:
        for unit, values in part.items():
            out.setdefault(unit, {}).update(values)
    return out


def when(condition: str, name: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END) AS {name}"
