"""Lists ordered by rank, then newest first (the dispute list, the legal-aid queue).

What needs action now ranks first. Pages are keyset-based on (rank, id), and
the listing's reference time travels in the cursor, so every page of one
listing ranks "overdue" or "due" against the same moment and an insert never
shifts a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from tortoise.expressions import Case, Q, When
from tortoise.models import Model
from tortoise.queryset import QuerySet

from api.domain.errors import BadInput

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class ListPosition:
    """Where a page ended: the listing's reference time, the rank and the id."""

    asof: datetime
    rank: int
    id: int


@dataclass(frozen=True)
class RankedPage(Generic[M]):
    rows: list[tuple[M, int]]
    has_next: bool
    total: int
    asof: datetime


def empty(asof: datetime) -> RankedPage[M]:
    return RankedPage(rows=[], has_next=False, total=0, asof=asof)


async def ranked_page(
    query: QuerySet[M],
    ranks: Sequence[Q],
    *,
    limit: int,
    after: ListPosition | None,
    asof: datetime,
) -> RankedPage[M]:
    """One page of `query` in (rank, newest id first) order; `ranks` are
    disjoint filters that together cover every row, highest priority first."""
    total = await query.count()
    if after is not None:
        if not 0 <= after.rank < len(ranks):
            raise BadInput("Not a cursor of this list.", field="after")
        later = ranks[after.rank] & Q(id__lt=after.id)
        for rank in ranks[after.rank + 1 :]:
            later |= rank
        query = query.filter(later)
    # Ranks as one-character strings: a bound integer would be sent as text to
    # PostgreSQL's CASE anyway, and "0" < "1" < "2" sorts alike.
    rank_expr = Case(
        *(When(rank, then=str(n)) for n, rank in enumerate(ranks[:-1])),
        default=str(len(ranks) - 1),
    )
    rows = await query.annotate(rank=rank_expr).order_by("rank", "-id").limit(limit + 1)
    page = [(row, int(row.rank)) for row in rows[:limit]]  # type: ignore[attr-defined]
    return RankedPage(rows=page, has_next=len(rows) > limit, total=total, asof=asof)
