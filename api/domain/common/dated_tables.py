"""Figures that provinces and counties set: dated tables per unit, inherited
down the org tree. The nearest unit, from the unit itself upwards, that has a
row in force decides; of its rows the newest with effective_from <= the day.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

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


async def set_row(
    model: type[M],
    org_unit_id: int,
    effective_from: date,
    values: dict[str, Any],
    audited: Callable[[M], Awaitable[None]],
) -> M:
    """The unit's row of `model` from that day, with `values`, audited by
    `audited` in the same transaction. One row per unit and date (a unique
    constraint): setting it again corrects it."""
    try:
        async with in_transaction():
            row = model(org_unit_id=org_unit_id, effective_from=effective_from, **values)
            await row.save()
            await audited(row)
    except IntegrityError:
        async with in_transaction():
            row = (
                await model.filter(org_unit_id=org_unit_id, effective_from=effective_from)
                .select_for_update()
                .get()
            )
            for name, value in values.items():
                setattr(row, name, value)
            await row.save(update_fields=list(values))
            await audited(row)
    return row
