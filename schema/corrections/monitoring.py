"""The register of electronic positioning (电子定位, 社区矫正法 Art. 29)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.corrections import ending, monitoring
from api.models import monitoring as m
from api.models.enums import MonitoringGround
from schema.accounts.types import UserType, user_of
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.corrections.types import SupervisedPersonType


async def _user(info: Info, user_id: int) -> UserType:
    user = await user_of(info, user_id)
    assert user is not None  # a RESTRICT foreign key
    return user


@strawberry.type(name="MonitoringRenewal", description="An extension (法 Art. 29 ¶2).")
class MonitoringRenewalType:
    id: strawberry.ID
    previous_ends_on: date
    ends_on: date
    assessment: str = strawberry.field(description="The assessment that found it still needed.")
    approved_on: date
    approval_document: str
    recorded_at: datetime
    approved_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: m.MonitoringRenewal) -> MonitoringRenewalType:
        return cls(
            id=strawberry.ID(str(row.id)),
            previous_ends_on=row.previous_ends_on,
            ends_on=row.ends_on,
            assessment=row.assessment,
            approved_on=row.approved_on,
            approval_document=row.approval_document,
            recorded_at=row.recorded_at,
            approved_by_id=row.approved_by_id,
        )

    @strawberry.field
    async def approved_by(self, info: Info) -> UserType:
        return await _user(info, self.approved_by_id)


@strawberry.type(
    name="ElectronicMonitoring",
    description="A decision to use a positioning device (法 Art. 29): the app records the "
    "decision and tracks no one.",
)
class ElectronicMonitoringType:
    id: strawberry.ID
    ground: MonitoringGround = strawberry.field(description="One of the five of 法 Art. 29 ¶1.")
    facts: str
    approved_on: date
    approval_document: str
    starts_on: date
    ends_on: date = strawberry.field(description="The last day in force, moved by renewals.")
    state: monitoring.MonitoringState
    ended_on: date | None
    end_reason: str | None
    recorded_at: datetime
    person_id: strawberry.Private[int]
    approved_by_id: strawberry.Private[int]
    recorded_by_id: strawberry.Private[int]
    ended_by_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, row: m.ElectronicMonitoring, today: date) -> ElectronicMonitoringType:
        return cls(
            id=strawberry.ID(str(row.id)),
            ground=MonitoringGround(row.ground),
            facts=row.facts,
            approved_on=row.approved_on,
            approval_document=row.approval_document,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            state=monitoring.state_of(row, today),
            ended_on=row.ended_on,
            end_reason=row.end_reason,
            recorded_at=row.recorded_at,
            person_id=row.person_id,
            approved_by_id=row.approved_by_id,
            recorded_by_id=row.recorded_by_id,
            ended_by_id=row.ended_by_id,
        )

    @strawberry.field(description="The latest a renewal could run to (three months on).")
    def latest_renewal_end(self) -> date:
        return monitoring.latest_end(self.ends_on)

    @strawberry.field
    async def person(self, info: Info) -> SupervisedPersonType:
        person = await info.context.loaders.person_by_id.load(self.person_id)
        assert person is not None  # a RESTRICT foreign key
        return SupervisedPersonType.of(person, info.context.call.now)

    @strawberry.field(description="The county justice bureau's head who approved it.")
    async def approved_by(self, info: Info) -> UserType:
        return await _user(info, self.approved_by_id)

    @strawberry.field
    async def recorded_by(self, info: Info) -> UserType:
        return await _user(info, self.recorded_by_id)

    @strawberry.field
    async def ended_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.ended_by_id)

    @strawberry.field(description="Renewals, oldest first.")
    async def renewals(self, info: Info) -> list[MonitoringRenewalType]:
        rows = await info.context.loaders.renewals_by_monitoring.load(int(self.id))
        return [MonitoringRenewalType.of(r) for r in rows]


@strawberry.input
class ApprovalInput:
    approver_id: strawberry.ID | None = strawberry.field(
        default=None, description="A SUPERVISOR of the county justice bureau (its head)."
    )
    approved_on: date | None = None
    approval_document: str | None = None

    def approval(self) -> monitoring.Approval:
        return monitoring.Approval(
            approver_id=parse_id(self.approver_id, "approverId"),
            approved_on=self.approved_on,
            document=self.approval_document,
        )


@strawberry.input
class StartElectronicMonitoringInput:
    person_id: strawberry.ID
    ground: MonitoringGround
    facts: str
    starts_on: date
    ends_on: date = strawberry.field(description="At most three months after startsOn.")
    approval: ApprovalInput | None = None


@strawberry.input
class RenewElectronicMonitoringInput:
    id: strawberry.ID
    ends_on: date = strawberry.field(description="At most three months after the current endsOn.")
    assessment: str
    approval: ApprovalInput | None = None


def _approval(given: ApprovalInput | None) -> monitoring.Approval:
    return (given or ApprovalInput()).approval()


@strawberry.type
class MonitoringQuery:
    @strawberry.field(
        description="Electronic positioning decisions: of one person (the person reads its "
        "own), or of the viewer's offices; the soonest to run out first."
    )
    async def electronic_monitoring(
        self,
        info: Info,
        person_id: strawberry.ID | None = None,
        in_force_only: bool = False,
        first: int | None = 20,
        after: str | None = None,
    ) -> CountedConnection[ElectronicMonitoringType]:
        call = info.context.call
        page = await monitoring.list_monitoring(
            call,
            person_id=parse_id(person_id, "personId"),
            in_force_only=in_force_only,
            limit=page_size(first),
            after=decode_cursor(after, monitoring.MonitoringPosition),
        )
        today = ending.today(call)
        return counted_connection(page, [ElectronicMonitoringType.of(r, today) for r in page.rows])

    @strawberry.field(description="Who may approve electronic positioning for a person.")
    async def electronic_monitoring_approvers(
        self, info: Info, person_id: strawberry.ID
    ) -> list[UserType]:
        users = await monitoring.approvers(info.context.call, require_id(person_id, "personId"))
        return [UserType.of(u) for u in users]


@strawberry.type
class MonitoringMutation:
    @strawberry.mutation(description="Record an approved decision (法 Art. 29).")
    async def start_electronic_monitoring(
        self, info: Info, input: StartElectronicMonitoringInput
    ) -> ElectronicMonitoringType:
        call = info.context.call
        row = await monitoring.start(
            call,
            require_id(input.person_id, "personId"),
            ground=MonitoringGround(input.ground),
            facts=input.facts,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            approval=_approval(input.approval),
        )
        return ElectronicMonitoringType.of(row, ending.today(call))

    @strawberry.mutation(description="Extend after an assessment, with approval (法 Art. 29 ¶2).")
    async def renew_electronic_monitoring(
        self, info: Info, input: RenewElectronicMonitoringInput
    ) -> ElectronicMonitoringType:
        call = info.context.call
        row = await monitoring.renew(
            call,
            require_id(input.id, "id"),
            ends_on=input.ends_on,
            assessment=input.assessment,
            approval=_approval(input.approval),
        )
        return ElectronicMonitoringType.of(row, ending.today(call))

    @strawberry.mutation(description="End it once no longer needed (法 Art. 29 ¶2: 及时解除).")
    async def end_electronic_monitoring(
        self, info: Info, id: strawberry.ID, ended_on: date, reason: str
    ) -> ElectronicMonitoringType:
        call = info.context.call
        row = await monitoring.end(call, require_id(id, "id"), ended_on=ended_on, reason=reason)
        return ElectronicMonitoringType.of(row, ending.today(call))
