"""Lists ordered by rank, then newest first (the dispute list, the legal-aid queue).

What needs action now ranks first. Pages are keyset-based on (rank, id), and
the listing's reference time travels in the cursor, so every page of one
listing ranks "overdue" or "due" against the same moment and an insert never
shifts a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from tortoise.expressions import Case, Q, When
from tortoise.models import Model
from tortoise.queryset import QuerySet

from api.domain.common import paging

M = TypeVar("M", bound=Model)

# Every ranked list has three ranks: what needs action now, what is due, the rest.
RANK_COUNT = 3
Ranks = tuple[Q, Q, Q]


@dataclass(frozen=True)
class ListPosition(paging.Position):
    """Where a row is: the listing's reference time, the row's rank and id."""

    asof: datetime
    rank: int
    id: int

    def __post_init__(self) -> None:
        if not 0 <= self.rank < RANK_COUNT:
            raise ValueError("no such rank")


async def ranked_page(
    query: QuerySet[M],
    ranks: Ranks,
    *,
    limit: int,
    after: ListPosition | None,
    asof: datetime,
) -> paging.Page[M]:
    """One page of `query` in (rank, newest id first) order; `ranks` are
    disjoint filters that together cover every row, highest priority first."""
    total = await query.count()
    if after is not None:
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
    return paging.page_of(
        rows,
        limit,
        lambda row: ListPosition(asof, int(row.rank), row.id),  # type: ignore[attr-defined]
        total=total,
        as_of=asof,
    )
