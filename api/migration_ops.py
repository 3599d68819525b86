"""Operations the migrations share (api/migrations/)."""

from __future__ import annotations

from typing import Any

from tortoise.migrations import operations as ops


class AlterDescription(ops.AlterField):
    """An enum field whose values grew: only its description (a column comment)
    changes, nothing the database checks. Altered for real, SQLite remakes the
    table, and the remade table lost its indexes and unique constraints (which
    0011 did once: 0021 puts them back)."""

    async def database_forward(self, *args: Any, **kwargs: Any) -> None:
        return None

    async def database_backward(self, *args: Any, **kwargs: Any) -> None:
        return None
