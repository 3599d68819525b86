"""Leave (外出) and change of residence (迁居): requests, decisions, returns (法 Art. 27)."""

from __future__ import annotations

import base64
from datetime import date, datetime

import strawberry

from api.domain.common.paging import IdPosition
from api.domain.corrections import leave, leave_rules
from api.models.leave import LeaveKind, LeaveLevel, LeaveRequest, LeaveStandard, LeaveStatus
from schema.accounts.types import UserType, user_of
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.corrections.types import SupervisedPersonType


async def person_of(info: Info, person_id: int) -> SupervisedPersonType:
    """The person a record of the lists is about, batched over the page."""
    person = await info.context.loaders.person_by_id.load(person_id)
    assert person is not None  # a RESTRICT foreign key
    return SupervisedPersonType.of(person, info.context.call.now)


@strawberry.type(name="LeaveRequest")
class LeaveRequestType:
    id: strawberry.ID
    client_id: strawberry.ID
    kind: LeaveKind
    starts_on: date
    ends_on: date | None = strawberry.field(description="The last day away; null for a move.")
    destination: str
    reason: str
    days: int | None = strawberry.field(description="Days away, both ends counted.")
    window_days: int | None = strawberry.field(
        description="These days and the approved leaves' within the two months ending with it."
    )
    level: LeaveLevel = strawberry.field(
        description="Who decides: the office up to 7 days (where entrusted), the county body "
        "up to 30, the level above beyond (实施办法 Art. 27; a dated table per unit)."
    )
    status: LeaveStatus
    captured_at: datetime
    requested_at: datetime
    decided_at: datetime | None
    decision_note: str | None
    approving_body: str | None
    returned_at: datetime | None
    return_late: bool
    person_id: strawberry.ID
    requested_by_id: strawberry.Private[int]
    decided_by_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, row: LeaveRequest) -> LeaveRequestType:
        return cls(
            id=strawberry.ID(str(row.id)),
            client_id=strawberry.ID(row.client_id),
            kind=LeaveKind(row.kind),
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            destination=row.destination,
            reason=row.reason,
            days=row.days,
            window_days=row.window_days,
            level=LeaveLevel(row.level),
            status=LeaveStatus(row.status),
            captured_at=row.captured_at,
            requested_at=row.requested_at,
            decided_at=row.decided_at,
            decision_note=row.decision_note,
            approving_body=row.approving_body,
            returned_at=row.returned_at,
            return_late=row.return_late,
            person_id=strawberry.ID(str(row.person_id)),
            requested_by_id=row.requested_by_id,
            decided_by_id=row.decided_by_id,
        )

    @strawberry.field
    async def person(self, info: Info) -> SupervisedPersonType:
        return await person_of(info, int(self.person_id))

    @strawberry.field
    async def decided_by(self, info: Info) -> UserType | None:
        return None if self.decided_by_id is None else await user_of(info, self.decided_by_id)

    @strawberry.field(description="The evidence photo as a data: URL, if one was attached.")
    async def evidence_photo(self, info: Info) -> str | None:
        row = await info.context.loaders.leave_evidence_by_leave.load(int(self.id))
        if row is None:
            return None
        return f"data:{row.content_type};base64,{base64.b64encode(row.data).decode()}"


@strawberry.input
class RequestLeaveInput:
    client_id: strawberry.ID = strawberry.field(description="Made on the device (outbox).")
    kind: LeaveKind = LeaveKind.LEAVE
    starts_on: date
    ends_on: date | None = None
    destination: str
    reason: str
    captured_at: datetime
    evidence_photo: str | None = strawberry.field(
        default=None, description="A small JPEG, PNG or WebP, base64 (a data: URL or bare)."
    )
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="OFFICER only: the person asked for; a person asks for self."
    )


@strawberry.input
class DecideLeaveInput:
    leave_id: strawberry.ID
    approve: bool
    note: str | None = strawberry.field(default=None, description="Required to refuse.")
    approving_body: str | None = strawberry.field(
        default=None, description="For a leave decided above the county: that body's name."
    )


@strawberry.input
class ReportReturnInput:
    client_id: strawberry.ID = strawberry.field(
        description="Made on the device (outbox); a resend is answered with the stored return."
    )
    leave_id: strawberry.ID
    returned_at: datetime = strawberry.field(description="When the device recorded the return.")


@strawberry.type(name="LeaveFigures")
class LeaveFiguresType:
    effective_from: date
    office_entrusted: bool
    office_max_days: int
    approval_max_days: int
    window_months: int
    window_max_days: int

    @classmethod
    def of(cls, row: LeaveStandard) -> LeaveFiguresType:
        return cls(
            effective_from=row.effective_from,
            office_entrusted=row.office_entrusted,
            office_max_days=row.office_max_days,
            approval_max_days=row.approval_max_days,
            window_months=row.window_months,
            window_max_days=row.window_max_days,
        )


@strawberry.type
class LeaveQuery:
    @strawberry.field(
        description="Leave and move requests in the viewer's scope (a person: own), newest first."
    )
    async def leave_requests(
        self,
        info: Info,
        person_id: strawberry.ID | None = None,
        status: LeaveStatus | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> CountedConnection[LeaveRequestType]:
        page = await leave.leave_requests(
            info.context.call,
            person_id=parse_id(person_id, "personId"),
            status=status,
            limit=page_size(first),
            after=decode_cursor(after, IdPosition),
        )
        return counted_connection(page, [LeaveRequestType.of(r) for r in page.rows])


@strawberry.type
class LeaveMutation:
    @strawberry.mutation(description="Ask to leave the city or county, or to move (法 Art. 27).")
    async def request_leave(self, info: Info, input: RequestLeaveInput) -> LeaveRequestType:
        row = await leave.request_leave(
            info.context.call,
            client_id=str(input.client_id),
            person_id=parse_id(input.person_id, "personId"),
            kind=input.kind,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            destination=input.destination,
            reason=input.reason,
            captured_at=input.captured_at,
            evidence=input.evidence_photo,
        )
        return LeaveRequestType.of(row)

    @strawberry.mutation(description="Approve or refuse (with reasons), by the deciding level.")
    async def decide_leave(self, info: Info, input: DecideLeaveInput) -> LeaveRequestType:
        row = await leave.decide_leave(
            info.context.call,
            require_id(input.leave_id, "leaveId"),
            approve=input.approve,
            note=input.note,
            approving_body=input.approving_body,
        )
        return LeaveRequestType.of(row)

    @strawberry.mutation(description="Report back from an approved leave; late is a violation.")
    async def report_return(self, info: Info, input: ReportReturnInput) -> LeaveRequestType:
        row = await leave.report_return(
            info.context.call, require_id(input.leave_id, "leaveId"), returned_at=input.returned_at
        )
        return LeaveRequestType.of(row)

    @strawberry.mutation(
        description="SUPERVISOR (where it oversees corrections) or ADMIN: who approves a leave "
        "of how many days, for a unit and those below it, from a date."
    )
    async def set_leave_figures(
        self,
        info: Info,
        org_unit_id: strawberry.ID,
        effective_from: date,
        office_entrusted: bool,
        office_max_days: int,
        approval_max_days: int,
        window_months: int,
        window_max_days: int,
    ) -> LeaveFiguresType:
        row = await leave_rules.set_leave_standard(
            info.context.call,
            require_id(org_unit_id, "orgUnitId"),
            effective_from,
            leave_rules.Figures(
                office_entrusted=office_entrusted,
                office_max_days=office_max_days,
                approval_max_days=approval_max_days,
                window_months=window_months,
                window_max_days=window_max_days,
            ),
        )
        return LeaveFiguresType.of(row)
