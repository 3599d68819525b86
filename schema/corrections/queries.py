"""The caseload, the check-ins waiting for review and one person's record."""

from __future__ import annotations

import asyncio
from datetime import datetime

import strawberry

from api.domain.common.paging import TimePosition
from api.domain.corrections import caseload, check_ins, persons
from api.models.enums import SupervisionStatus
from schema.accounts.types import OrgUnitType, UserType
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.lookahead import selected
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.corrections.types import (
    CheckInType,
    SupervisedPersonConnection,
    SupervisedPersonFilter,
    SupervisedPersonType,
    person_connection,
)


async def _fetch_ahead(info: Info, nodes: list[SupervisedPersonType]) -> None:
    """The related rows the query asks of the caseload's nodes: one batch per
    relation for the page, through the request's DataLoaders (so nothing is
    read twice), each distinct row turned into its type once."""
    wanted = selected(info, "edges", "node")
    loaders = info.context.loaders
    units: list[int] = []
    officers: list[int] = []
    last: list[tuple[int, datetime]] = []
    if "orgUnit" in wanted:
        units = list({n.org_unit_id for n in nodes})
    if "officer" in wanted:
        officers = list({n.officer_id for n in nodes if n.officer_id is not None})
    if "lastCheckIn" in wanted:
        last = [(int(n.id), n.last_check_in_at) for n in nodes if n.last_check_in_at is not None]
    # Asked together, the DataLoaders send their queries in the same turn.
    unit_rows, officer_rows, last_rows = await asyncio.gather(
        loaders.org_unit_by_id.load_many(units),
        loaders.user_by_id.load_many(officers),
        loaders.last_check_in_by_person.load_many(last),
    )
    unit_by_id = {u.id: OrgUnitType.of(u) for u in unit_rows if u is not None}
    officer_by_id = {u.id: UserType.of(u) for u in officer_rows if u is not None}
    last_by_person = {
        pid: CheckInType.of(row) for (pid, _), row in zip(last, last_rows, strict=True) if row
    }
    for node in nodes:
        if "orgUnit" in wanted:
            node.ahead["orgUnit"] = unit_by_id[node.org_unit_id]  # a RESTRICT foreign key
        if "officer" in wanted:
            node.ahead["officer"] = officer_by_id.get(node.officer_id or 0)
        if "lastCheckIn" in wanted:
            node.ahead["lastCheckIn"] = last_by_person.get(int(node.id))


@strawberry.type
class CorrectionsQuery:
    @strawberry.field(
        description="The viewer's caseload: absconded first, then overdue, then by next due time."
    )
    async def supervised_persons(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: SupervisedPersonFilter | None = None,
    ) -> SupervisedPersonConnection:
        f = filter or SupervisedPersonFilter()
        counts = selected(info) & {"abscondedCount", "overdueCount"}
        page, tally = await caseload.list_persons(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, caseload.CaseloadPosition),
            filter=caseload.PersonFilter(
                status=SupervisionStatus(f.status) if f.status else None,
                overdue=f.overdue,
                officer_id=parse_id(f.officer_id, "filter.officerId"),
                search=f.search,
            ),
            # Counted in the total's statement, and only when the query asks.
            tally=bool(counts),
        )
        assert page.as_of is not None  # the caseload's order is judged at a moment
        nodes = [SupervisedPersonType.of(p, page.as_of) for p in page.rows]
        await _fetch_ahead(info, nodes)
        return person_connection(page, nodes, tally or caseload.Tally(0, 0))

    @strawberry.field
    async def pending_check_ins(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> CountedConnection[CheckInType]:
        """Self-reports waiting for review in the viewer's offices, oldest first."""
        page = await check_ins.pending_check_ins(
            info.context.call, limit=page_size(first), after=decode_cursor(after, TimePosition)
        )
        return counted_connection(page, [CheckInType.of(r) for r in page.rows])

    @strawberry.field(description="One person's full record; the read is audited.")
    async def supervised_person(self, info: Info, id: strawberry.ID) -> SupervisedPersonType | None:
        call = info.context.call
        person = await persons.read_person(call, require_id(id, "id"))
        return SupervisedPersonType.of(person, call.now)
