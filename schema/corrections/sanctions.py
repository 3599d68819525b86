"""Violations, sanctions and praise (考核奖惩, 社区矫正法 Art. 28)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.common.paging import IdPosition
from api.domain.corrections import sanction_rules, sanctions, violations
from api.models.enums import DecidingBodyType
from api.models.sanctions import (
    Praise,
    Sanction,
    SanctionMeasure,
    SanctionStatus,
    Violation,
    ViolationKind,
)
from schema.accounts.types import UserType, user_of
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.corrections.ending import document_url
from schema.corrections.leave import person_of
from schema.corrections.types import SupervisedPersonType


@strawberry.type(name="Violation")
class ViolationType:
    id: strawberry.ID
    kind: ViolationKind
    occurred_on: date
    facts: str
    days: int | None = strawberry.field(description="Days late or absconded, where counted.")
    by_app: bool = strawberry.field(description="Recorded by the app itself.")
    recorded_at: datetime
    suggested_measure: SanctionMeasure = strawberry.field(
        description="The measure the record suggested when it was recorded."
    )
    suggestion_basis: str = strawberry.field(description="The rule and article it rests on.")
    sanction_id: strawberry.ID | None = strawberry.field(
        description="The proposal that deals with it; null while open."
    )
    person_id: strawberry.ID
    recorded_by_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, row: Violation) -> ViolationType:
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=ViolationKind(row.kind),
            occurred_on=row.occurred_on,
            facts=row.facts,
            days=row.days,
            by_app=row.recorded_by_id is None,
            recorded_at=row.recorded_at,
            suggested_measure=SanctionMeasure(row.suggested_measure),
            suggestion_basis=sanction_rules.BY_BASIS[row.suggestion_basis].cite,
            sanction_id=None if row.sanction_id is None else strawberry.ID(str(row.sanction_id)),
            person_id=strawberry.ID(str(row.person_id)),
            recorded_by_id=row.recorded_by_id,
        )

    @strawberry.field
    async def person(self, info: Info) -> SupervisedPersonType:
        return await person_of(info, int(self.person_id))

    @strawberry.field(description="Who recorded it; null when the app did.")
    async def recorded_by(self, info: Info) -> UserType | None:
        return None if self.recorded_by_id is None else await user_of(info, self.recorded_by_id)


@strawberry.type(name="Sanction")
class SanctionType:
    id: strawberry.ID
    measure: SanctionMeasure
    suggested_measure: SanctionMeasure
    override_reason: str | None
    facts: str
    status: SanctionStatus
    proposed_at: datetime
    decided_at: datetime | None
    decided_on: date | None
    decision_note: str | None
    revocation_proposal_id: strawberry.ID | None = strawberry.field(
        description="The revocation proposal an approved proposal to revoke became."
    )
    person_id: strawberry.ID
    document_id: strawberry.Private[int | None]
    proposed_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: Sanction) -> SanctionType:
        return cls(
            id=strawberry.ID(str(row.id)),
            measure=SanctionMeasure(row.measure),
            suggested_measure=SanctionMeasure(row.suggested_measure),
            override_reason=row.override_reason,
            facts=row.facts,
            status=SanctionStatus(row.status),
            proposed_at=row.proposed_at,
            decided_at=row.decided_at,
            decided_on=row.decided_on,
            decision_note=row.decision_note,
            revocation_proposal_id=(
                None
                if row.revocation_proposal_id is None
                else strawberry.ID(str(row.revocation_proposal_id))
            ),
            person_id=strawberry.ID(str(row.person_id)),
            document_id=row.document_id,
            proposed_by_id=row.proposed_by_id,
        )

    @strawberry.field(description="The written decision's PDF, GET with the bearer token.")
    def decision_url(self) -> str | None:
        return None if self.document_id is None else document_url(self.document_id)

    @strawberry.field
    async def person(self, info: Info) -> SupervisedPersonType:
        return await person_of(info, int(self.person_id))

    @strawberry.field
    async def proposed_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.proposed_by_id)


@strawberry.type(name="Praise")
class PraiseType:
    id: strawberry.ID
    praised_on: date
    facts: str
    recorded_at: datetime
    person_id: strawberry.ID

    @classmethod
    def of(cls, row: Praise) -> PraiseType:
        return cls(
            id=strawberry.ID(str(row.id)),
            praised_on=row.praised_on,
            facts=row.facts,
            recorded_at=row.recorded_at,
            person_id=strawberry.ID(str(row.person_id)),
        )


@strawberry.input
class RecordViolationInput:
    person_id: strawberry.ID
    kind: ViolationKind
    occurred_on: date
    facts: str
    days: int | None = strawberry.field(
        default=None, description="Days late (LATE_REPORT) or absconded (ABSCONDED) only."
    )


@strawberry.input
class ProposeSanctionInput:
    person_id: strawberry.ID
    violation_ids: list[strawberry.ID]
    facts: str
    measure: SanctionMeasure | None = strawberry.field(
        default=None, description="Null: the suggestion. Another needs overrideReason."
    )
    override_reason: str | None = None


@strawberry.input
class SanctionRevocationInput:
    deciding_body_type: DecidingBodyType
    deciding_body: str
    received_on: date | None = None
    procuratorate_copied_on: date | None = None


@strawberry.input
class DecideSanctionInput:
    sanction_id: strawberry.ID
    approve: bool
    decided_on: date
    note: str | None = strawberry.field(default=None, description="Required to refuse.")
    revocation: SanctionRevocationInput | None = strawberry.field(
        default=None, description="For an approved proposal to revoke: where it goes."
    )


@strawberry.type
class SanctionsQuery:
    @strawberry.field(description="Violations in the viewer's scope, newest first.")
    async def violations(
        self,
        info: Info,
        person_id: strawberry.ID | None = None,
        open_only: bool = False,
        first: int | None = 20,
        after: str | None = None,
    ) -> CountedConnection[ViolationType]:
        page = await violations.violations(
            info.context.call,
            person_id=parse_id(person_id, "personId"),
            open_only=open_only,
            limit=page_size(first),
            after=decode_cursor(after, IdPosition),
        )
        return counted_connection(page, [ViolationType.of(r) for r in page.rows])

    @strawberry.field(description="Sanctions proposed and decided in the viewer's scope.")
    async def sanctions(
        self,
        info: Info,
        person_id: strawberry.ID | None = None,
        status: SanctionStatus | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> CountedConnection[SanctionType]:
        page = await sanctions.sanctions(
            info.context.call,
            person_id=parse_id(person_id, "personId"),
            status=status,
            limit=page_size(first),
            after=decode_cursor(after, IdPosition),
        )
        return counted_connection(page, [SanctionType.of(r) for r in page.rows])

    @strawberry.field(description="Praise (表扬) in the viewer's scope, newest first.")
    async def praises(
        self,
        info: Info,
        person_id: strawberry.ID | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> CountedConnection[PraiseType]:
        page = await sanctions.praises(
            info.context.call,
            person_id=parse_id(person_id, "personId"),
            limit=page_size(first),
            after=decode_cursor(after, IdPosition),
        )
        return counted_connection(page, [PraiseType.of(r) for r in page.rows])


@strawberry.type
class SanctionsMutation:
    @strawberry.mutation(
        description="Record a breach with its facts; the suggestion comes with it."
    )
    async def record_violation(self, info: Info, input: RecordViolationInput) -> ViolationType:
        row = await violations.record_violation(
            info.context.call,
            require_id(input.person_id, "personId"),
            kind=input.kind,
            occurred_on=input.occurred_on,
            facts=input.facts,
            days=input.days,
        )
        return ViolationType.of(row)

    @strawberry.mutation(description="The office proposes a measure; the county body decides.")
    async def propose_sanction(self, info: Info, input: ProposeSanctionInput) -> SanctionType:
        row = await sanctions.propose_sanction(
            info.context.call,
            require_id(input.person_id, "personId"),
            violation_ids=[
                require_id(v, f"violationIds.{i}") for i, v in enumerate(input.violation_ids)
            ],
            measure=input.measure,
            facts=input.facts,
            override_reason=input.override_reason,
        )
        return SanctionType.of(row)

    @strawberry.mutation(description="The county body approves (the written decision) or refuses.")
    async def decide_sanction(self, info: Info, input: DecideSanctionInput) -> SanctionType:
        rev = input.revocation
        row = await sanctions.decide_sanction(
            info.context.call,
            require_id(input.sanction_id, "sanctionId"),
            approve=input.approve,
            decided_on=input.decided_on,
            note=input.note,
            revocation_input=None
            if rev is None
            else sanctions.RevocationInput(
                deciding_body_type=rev.deciding_body_type,
                deciding_body=rev.deciding_body,
                received_on=rev.received_on,
                procuratorate_copied_on=rev.procuratorate_copied_on,
            ),
        )
        return SanctionType.of(row)

    @strawberry.mutation(description="表扬 for outstanding conduct (法 Art. 28 ¶1).")
    async def record_praise(
        self, info: Info, person_id: strawberry.ID, praised_on: date, facts: str
    ) -> PraiseType:
        row = await sanctions.record_praise(
            info.context.call, require_id(person_id, "personId"), praised_on=praised_on, facts=facts
        )
        return PraiseType.of(row)
