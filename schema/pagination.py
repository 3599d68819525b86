"""Relay cursor connections: `first`/`after` checks and opaque keyset cursors."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

import strawberry

from api.domain.errors import BadInput
from api.domain.ranked import ListPosition

DEFAULT_PAGE = 20
MAX_PAGE = 100

T = TypeVar("T")


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if first < 1 or first > MAX_PAGE:
        raise BadInput(f"first must be between 1 and {MAX_PAGE}.", field="first")
    return first


def encode_cursor(key: Sequence[Any]) -> str:
    raw = json.dumps(list(key), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, arity: int) -> list[Any] | None:
    """The sort key a cursor carries; a cursor this server did not make is BAD_USER_INPUT."""
    if cursor is None:
        return None
    # This server's cursors are under 200 characters. The bound keeps what
    # json.loads is given small (a 5,000-deep array made it raise
    # RecursionError, a 500); that error is caught too should the bound grow.
    max_length = 1024
    if len(cursor) > max_length:
        raise BadInput("Not a cursor of this list.", field="after")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError, RecursionError) as exc:
        raise BadInput("Not a cursor of this list.", field="after") from exc
    if not isinstance(key, list) or len(key) != arity:
        raise BadInput("Not a cursor of this list.", field="after")
    return key


class Page(Generic[T]):
    """One page of rows fetched with one row more than asked, to know if more follow."""

    def __init__(self, rows: Sequence[T], size: int) -> None:
        self.rows = list(rows[:size])
        self.has_next = len(rows) > size


def ranked_position(after: str | None) -> ListPosition | None:
    """The position a cursor of a ranked list (api/domain/ranked.py) carries."""
    key = decode_cursor(after, 3)
    if key is None:
        return None
    try:
        asof = datetime.fromisoformat(str(key[0]))
        position = ListPosition(asof=asof, rank=int(key[1]), id=int(key[2]))
    except (TypeError, ValueError) as exc:
        raise BadInput("Not a cursor of this list.", field="after") from exc
    if asof.tzinfo is None:
        raise BadInput("Not a cursor of this list.", field="after")
    return position


def ranked_cursor(asof: datetime, rank: int, row_id: int) -> str:
    return encode_cursor([asof.isoformat(), rank, row_id])
