"""The viewer's disputes and one dispute."""

from __future__ import annotations

import strawberry

from api.domain.common.ranked import ListPosition
from api.domain.mediation import disputes
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.mediation.types import DisputeFilter, DisputeType


@strawberry.type
class MediationQuery:
    @strawberry.field(
        description="The viewer's disputes: HIGH risk first, then due follow-ups, newest first."
    )
    async def disputes(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: DisputeFilter | None = None,
    ) -> CountedConnection[DisputeType]:
        f = filter or DisputeFilter()
        page = await disputes.list_disputes(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, ListPosition),
            filter=disputes.DisputeFilter(
                status=f.status,
                risk_level=f.risk_level,
                mediator_id=parse_id(f.mediator_id, "filter.mediatorId"),
                follow_up_due=f.follow_up_due,
                open=f.open,
                search=f.search,
            ),
        )
        return counted_connection(page, [DisputeType.of(d) for d in page.rows])

    @strawberry.field
    async def dispute(self, info: Info, id: strawberry.ID) -> DisputeType | None:
        dispute = await disputes.get_dispute(info.context.call, require_id(id, "id"))
        return DisputeType.of(dispute)
