"""Parameterised SQL through the ORM's connection, for the few hot statements.

The ORM builds each query anew on every call; on the paths that run on every
request (the audit append, the person a self-report locks, the caseload page
and the rows lists fetch by id) a fixed statement through the connection
costs a fraction of that, and `models` still builds the ORM's own instances. The two drivers spell
placeholders differently: sqlite3 `?`, asyncpg `$1`. Only placeholders and
fixed names are ever put into the text (hence the `noqa: S608` at each
statement); every value is bound.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

M = TypeVar("M", bound=Model)


def connection() -> BaseDBAsyncClient:
    """The current connection: the transaction's inside `in_transaction()`."""
    return connections.get("default")


def is_sqlite(conn: BaseDBAsyncClient) -> bool:
    return conn.capabilities.dialect == "sqlite"


def for_update(conn: BaseDBAsyncClient) -> str:
    """Row lock clause; SQLite has none (its one writer and Tortoise's lock on
    its single connection already serialise the transactions)."""
    return "" if is_sqlite(conn) else " FOR UPDATE"


class Binder:
    """Placeholders for one statement, each bound to its value.

    Numbered on both drivers (sqlite3's `?NNN`, asyncpg's `$n`), so the text
    may be put together in any order: a placeholder names its value's place.
    """

    def __init__(self, conn: BaseDBAsyncClient) -> None:
        self._mark = "?" if is_sqlite(conn) else "$"
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        self.values.append(value)
        return f"{self._mark}{len(self.values)}"

    def many(self, values: Iterable[Any]) -> str:
        """A comma-separated list of placeholders, for `IN (…)`."""
        return ", ".join(self(value) for value in values)


def db_value(model: type[Model], field: str, value: Any) -> Any:
    """`value` as the ORM binds it for `field`, so a comparison in fixed SQL
    meets what the ORM stored (on SQLite, datetimes compare as their text).

    A datetime is first put in the zone a model holds it in (UTC, api/db.py),
    as the ORM does on assignment: a China-time bound such as a month's start
    would otherwise be compared as "…+08:00" text with "…+00:00" stored."""
    column = model._meta.fields_map[field]
    if isinstance(value, datetime):
        value = column.to_python_value(value)
    return column.to_db_value(value, model)


@cache
def select_all(model: type[Model]) -> str:
    """`SELECT <every column> FROM <table>`, made once per model."""
    columns = ", ".join(f'"{column}"' for column in sorted(model._meta.db_fields))
    return f'SELECT {columns} FROM "{model._meta.db_table}"'  # noqa: S608


async def models(model: type[M], text: str, values: Sequence[Any]) -> list[M]:
    """The rows of `text` (a `select_all(model)` statement) as the ORM builds
    them, without building the query anew on every call.

    `_init_from_db` is private to Tortoise: pyproject.toml keeps it below its
    next minor and tests/test_orm_private_api.py checks it on every model."""
    _, rows = await connection().execute_query(text, list(values))
    return [model._init_from_db(**row) for row in rows]


async def by_ids(model: type[M], ids: Collection[int]) -> list[M]:
    """The rows with these ids, in no particular order: one statement."""
    if not ids:
        return []
    bind = Binder(connection())
    return await models(model, f"{select_all(model)} WHERE id IN ({bind.many(ids)})", bind.values)
