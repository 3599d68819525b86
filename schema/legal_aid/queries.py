"""Legal-aid requests, the centres and the lawyers to assign to."""

from __future__ import annotations

import strawberry

from api.domain.common.ranked import ListPosition
from api.domain.legal_aid import decisions, requests
from api.models.enums import LegalAidStatus
from schema.accounts.types import OrgUnitType, UserType
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.legal_aid.types import LegalAidRequestFilter, LegalAidRequestType


@strawberry.type
class LegalAidQuery:
    @strawberry.field(description="Lawyers of the viewer's legal-aid centre, to assign to.")
    async def assignable_lawyers(self, info: Info) -> list[UserType]:
        return [UserType.of(u) for u in await decisions.assignable_lawyers(info.context.call)]

    @strawberry.field(
        description="The viewer's requests: urgent first, then overdue decisions, newest first."
    )
    async def legal_aid_requests(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: LegalAidRequestFilter | None = None,
    ) -> CountedConnection[LegalAidRequestType]:
        f = filter or LegalAidRequestFilter()
        page = await requests.list_requests(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, ListPosition),
            filter=requests.RequestFilter(
                status=LegalAidStatus(f.status) if f.status else None,
                decision_overdue=f.decision_overdue,
                assignee_id=parse_id(f.assignee_id, "filter.assigneeId"),
                search=f.search,
            ),
        )
        return counted_connection(page, [LegalAidRequestType.of(r) for r in page.rows])

    @strawberry.field
    async def legal_aid_request(self, info: Info, id: strawberry.ID) -> LegalAidRequestType | None:
        request = await requests.get_request(info.context.call, require_id(id, "id"))
        return LegalAidRequestType.of(request)

    @strawberry.field(description="Every legal-aid centre, for the application form.")
    async def legal_aid_centers(self, info: Info) -> list[OrgUnitType]:
        return [OrgUnitType.of(u) for u in await requests.legal_aid_centers(info.context.call)]
