"""Parameterised SQL through the ORM's connection, for the few hot statements.

The ORM builds each query anew on every call; on the paths that run on every
request (the audit append, the person a self-report locks) a fixed statement
through the connection costs a fraction of that. The two drivers spell
placeholders differently: sqlite3 `?`, asyncpg `$1`. Only placeholders and
fixed names are ever put into the text (hence the `noqa: S608` at each
statement); every value is bound.
"""

from __future__ import annotations

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient


def connection() -> BaseDBAsyncClient:
    """The current connection: the transaction's inside `in_transaction()`."""
    return connections.get("default")


def is_sqlite(conn: BaseDBAsyncClient) -> bool:
    return conn.capabilities.dialect == "sqlite"


def params(conn: BaseDBAsyncClient, count: int) -> list[str]:
    """`count` placeholders in the connection's driver's style."""
    if is_sqlite(conn):
        return ["?"] * count
    return [f"${n}" for n in range(1, count + 1)]


def for_update(conn: BaseDBAsyncClient) -> str:
    """Row lock clause; SQLite has none (its one writer and Tortoise's lock on
    its single connection already serialise the transactions)."""
    return "" if is_sqlite(conn) else " FOR UPDATE"
