"""Figures that provinces and counties set: dated tables per unit, inherited
down the org tree. The nearest unit, from the unit itself upwards, that has a
row in force decides; of its rows the newest with effective_from <= the day.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from tortoise.models import Model

M = TypeVar("M", bound=Model)


def ancestor_ids(path: str) -> list[int]:
    """Unit ids of a materialised path, nearest first ("/1/6/" gives [6, 1])."""
    return [int(part) for part in reversed(path.strip("/").split("/")) if part]


async def in_force(model: type[M], unit_path: str, on: date) -> M | None:
    """The row of `model` (with org_unit_id and effective_from) in force for
    the unit of `unit_path` on that day, or None when no unit above has one."""
    ids = ancestor_ids(unit_path)
    rows: list[Any] = await model.filter(org_unit_id__in=ids, effective_from__lte=on).order_by(
        "-effective_from"
    )
    for unit_id in ids:
        for row in rows:
            if row.org_unit_id == unit_id:
                return row
    return None
