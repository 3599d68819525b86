"""Keyset pages: what every list function of the domain returns.

A list is read in a fixed order and a page ends at a row's position in it
(its sort key). The position travels to the client as an opaque cursor
(schema/common/pagination.py encodes and decodes it, the one place that does) and
comes back as the same dataclass, checked there against its field types and
its own `__post_init__`: the domain gets either a valid position or none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Position:
    """A row's place in a list's order. Subclasses declare the sort key as
    fields of the types a cursor can carry (int, str, aware datetime) and
    raise ValueError in `__post_init__` for a value the order cannot hold."""


@dataclass(frozen=True)
class IdPosition(Position):
    """For lists in id order."""

    id: int


@dataclass(frozen=True)
class TimePosition(Position):
    """For lists in (a time, id) order: check-ins, visits."""

    at: datetime
    id: int


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its rows, each row's position, whether more follow,
    and how many rows the whole list has where the list counts them."""

    rows: list[T]
    positions: list[Position]
    has_next: bool
    total: int | None = None
    # The moment the list's order was judged at (what is overdue or due),
    # for the lists whose order depends on one; their cursors carry it.
    as_of: datetime | None = None


def page_of(
    fetched: Sequence[T],
    limit: int,
    position: Callable[[T], Position],
    *,
    total: int | None = None,
    as_of: datetime | None = None,
) -> Page[T]:
    """The page of rows fetched with one row more than asked, to know if more follow."""
    rows = list(fetched[:limit])
    return Page(rows, [position(row) for row in rows], len(fetched) > limit, total, as_of)


def empty(*, total: int | None = 0, as_of: datetime | None = None) -> Page[T]:
    return Page([], [], False, total, as_of)
