"""Relay cursor connections: one generic Connection/Edge, `first` checks and the cursor codec.

A cursor is a domain `Position` (api/domain/common/paging.py) as base64url of a
JSON array of its fields. `decode_cursor` is the only reader: whatever a
cursor holds that this server did not make is the same BAD_USER_INPUT.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar, cast, get_type_hints

import strawberry

from api.domain.common.errors import BadInput
from api.domain.common.paging import Page, Position

DEFAULT_PAGE = 20
MAX_PAGE = 100
# The longest position (the caseload's: two times and two integers) encodes
# to about 120 characters; anything much longer was not made here, and is
# refused before it is decoded at all.
MAX_CURSOR_CHARS = 400

NodeT = TypeVar("NodeT")
P = TypeVar("P", bound=Position)


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    """Named <Node>Connection in the schema (e.g. AuditEntryConnection)."""

    edges: list[Edge[NodeT]]
    page_info: PageInfo


# Named "Connection" too, so that its specialisations keep the contract's
# names (CheckInConnection, DisputeConnection, ...): a node type has either
# connection, never both, or the schema would refuse the duplicate name.
@strawberry.type(name="Connection")
class CountedConnection(Connection[NodeT]):
    """A connection whose list counts its rows: given, or loaded only when asked."""

    total: strawberry.Private[int | Callable[[], Awaitable[int]]]

    @strawberry.field
    def total_count(self) -> int:
        # graphql-core awaits what a resolver returns when it is awaitable,
        # so the count is read only by a query that selects it.
        return self.total if isinstance(self.total, int) else cast(int, self.total())


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if first < 1 or first > MAX_PAGE:
        raise BadInput("PAGE_SIZE", field="first", max=MAX_PAGE)
    return first


def _edges(page: Page[Any], nodes: Sequence[NodeT]) -> tuple[list[Edge[NodeT]], PageInfo]:
    edges = [
        Edge(cursor=encode_cursor(position), node=node)
        for position, node in zip(page.positions, nodes, strict=True)
    ]
    end = edges[-1].cursor if edges else None
    return edges, PageInfo(has_next_page=page.has_next, end_cursor=end)


def connection(page: Page[Any], nodes: Sequence[NodeT]) -> Connection[NodeT]:
    """The connection of a page, `nodes` being its rows as GraphQL types."""
    edges, info = _edges(page, nodes)
    return Connection(edges=edges, page_info=info)


def counted_connection(
    page: Page[Any],
    nodes: Sequence[NodeT],
    total: Callable[[], Awaitable[int]] | None = None,
) -> CountedConnection[NodeT]:
    """As `connection`, with totalCount: the page's own, or `total` loaded when asked."""
    edges, info = _edges(page, nodes)
    count = total if total is not None else page.total
    assert count is not None, "a counted list's page carries its total"
    return CountedConnection(edges=edges, page_info=info, total=count)


# ------------------------------------------------------------------ the cursor codec


_SHAPES: dict[type, tuple[tuple[str, type], ...]] = {}


def _shape(kind: type[Position]) -> tuple[tuple[str, type], ...]:
    """A position's fields with their types, read once per kind (a page
    encodes a cursor per row)."""
    shape = _SHAPES.get(kind)
    if shape is None:
        hints = get_type_hints(kind)
        shape = _SHAPES[kind] = tuple((f.name, hints[f.name]) for f in dataclasses.fields(kind))
    return shape


def encode_cursor(position: Position) -> str:
    key = [getattr(position, name) for name, _ in _shape(type(position))]
    plain = [v.astimezone(UTC).isoformat() if isinstance(v, datetime) else v for v in key]
    raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _field(value: Any, kind: type) -> Any:
    """One field of a position from its JSON value; ValueError if it is not of `kind`."""
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is str and isinstance(value, str):
        return value
    if kind is datetime and isinstance(value, str):
        at = datetime.fromisoformat(value)
        if at.tzinfo is not None:
            # In UTC, as stored: on SQLite times compare as their text.
            return at.astimezone(UTC)
    raise ValueError(f"not a {kind.__name__}")


def decode_cursor(cursor: str | None, kind: type[P]) -> P | None:
    """The position a cursor of a `kind` list carries; any other is BAD_USER_INPUT."""
    if cursor is None:
        return None
    shape = _shape(kind)
    try:
        if len(cursor) > MAX_CURSOR_CHARS:
            raise ValueError("too long")
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(key, list) or len(key) != len(shape):
            raise ValueError("not this list's key")
        # The position's own checks (__post_init__) raise ValueError as well.
        return kind(*(_field(v, t) for v, (_, t) in zip(key, shape, strict=True)))
    except (ValueError, TypeError, RecursionError) as exc:
        raise BadInput("CURSOR_INVALID", field="after") from exc
