"""Community corrections: supervised persons and check-ins, their types and inputs."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.domain.common.paging import TimePosition
from api.domain.common.validators import mask_resident_id
from api.domain.corrections import check_ins, ending, revocation, schedule, termination
from api.domain.corrections.persons import STAFF
from api.models import corrections as m
from api.models.enums import (
    CheckInKind,
    CheckInStatus,
    CorrectionType,
    SupervisionLevel,
    SupervisionStatus,
)
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info
from schema.common.geo import GeoPoint
from schema.common.lookahead import answer
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size

if TYPE_CHECKING:
    from schema.corrections.ending import (
        CourtRulingType,
        RevocationProposalType,
        SupervisionEndType,
    )

_ENDING = "schema.corrections.ending"


@strawberry.type
class CheckInPlan:
    interval_days: int = strawberry.field(description="A self-report is due every intervalDays.")
    grace_hours: int = strawberry.field(
        description="Hours after the due time before a report counts as missed."
    )


@strawberry.type(name="CheckIn")
class CheckInType:
    id: strawberry.ID
    client_id: strawberry.ID
    kind: CheckInKind
    captured_at: datetime = strawberry.field(
        description="When the device recorded it; earlier than receivedAt after offline use."
    )
    received_at: datetime
    location: GeoPoint | None
    note: str | None
    late: bool = strawberry.field(description="capturedAt is after the due time plus grace.")
    status: CheckInStatus
    review_note: str | None
    person_id: strawberry.Private[int]
    recorded_by_id: strawberry.Private[int]
    reviewed_by_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, row: m.CheckIn) -> CheckInType:
        return cls(
            id=strawberry.ID(str(row.id)),
            client_id=strawberry.ID(row.client_id),
            kind=CheckInKind(row.kind),
            captured_at=row.captured_at,
            received_at=row.received_at,
            location=GeoPoint.maybe(row.latitude, row.longitude, row.accuracy_meters),
            note=row.note,
            late=row.late,
            status=CheckInStatus(row.status),
            review_note=row.review_note,
            person_id=row.person_id,
            recorded_by_id=row.recorded_by_id,
            reviewed_by_id=row.reviewed_by_id,
        )

    @strawberry.field
    async def person(self, info: Info) -> SupervisedPersonType:
        person = await info.context.loaders.person_by_id.load(self.person_id)
        assert person is not None  # a RESTRICT foreign key
        return SupervisedPersonType.of(person, info.context.call.now)

    @strawberry.field(description="The person, or the officer for IN_PERSON and HOME_VISIT.")
    async def recorded_by(self, info: Info) -> UserType:
        user = await user_of(info, self.recorded_by_id)
        assert user is not None  # a RESTRICT foreign key
        return user

    @strawberry.field
    async def reviewed_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.reviewed_by_id)


@strawberry.type(name="SupervisedPerson")
class SupervisedPersonType:
    id: strawberry.ID
    full_name: str
    id_number_masked: str = strawberry.field(
        description="Resident ID with the middle digits hidden, e.g. 220102********123X."
    )
    phone: str | None
    correction_type: CorrectionType
    supervision_level: SupervisionLevel
    status: SupervisionStatus
    term_start: date
    term_end: date
    check_in_plan: CheckInPlan
    next_check_in_due: datetime | None = strawberry.field(description="Null unless ACTIVE.")
    overdue: bool = strawberry.field(
        description="The due time plus grace has passed with no check-in."
    )
    org_unit_id: strawberry.Private[int]
    officer_id: strawberry.Private[int | None]
    account_id: strawberry.Private[int | None]
    last_check_in_at: strawberry.Private[datetime | None]
    # Related values a list fetched ahead for its page, by field name (see
    # schema/common/lookahead.py and queries._fetch_ahead); the fields below
    # load the rest.
    ahead: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, p: m.SupervisedPerson, as_of: datetime) -> SupervisedPersonType:
        return cls(
            id=strawberry.ID(str(p.id)),
            full_name=p.full_name,
            id_number_masked=mask_resident_id(p.id_number),
            phone=p.phone,
            correction_type=CorrectionType(p.correction_type),
            supervision_level=SupervisionLevel(p.supervision_level),
            status=SupervisionStatus(p.status),
            term_start=p.term_start,
            term_end=p.term_end,
            check_in_plan=CheckInPlan(
                interval_days=p.check_in_interval_days, grace_hours=p.grace_hours
            ),
            next_check_in_due=schedule.next_check_in_due(p),
            overdue=schedule.is_overdue(p, as_of),
            org_unit_id=p.org_unit_id,
            officer_id=p.officer_id,
            account_id=p.account_id,
            last_check_in_at=p.last_check_in_at,
        )

    @strawberry.field(description="The justice office responsible.")
    def org_unit(self, info: Info) -> OrgUnitType:
        return answer(self.ahead, "orgUnit", lambda: _required_unit(info, self.org_unit_id))

    @strawberry.field
    def officer(self, info: Info) -> UserType | None:
        return answer(self.ahead, "officer", lambda: user_of(info, self.officer_id))

    @strawberry.field(description="The person's own account, once activated.")
    async def account(self, info: Info) -> UserType | None:
        return await user_of(info, self.account_id)

    @strawberry.field(description="The check-in the schedule runs from: the newest not rejected.")
    def last_check_in(self, info: Info) -> CheckInType | None:
        return answer(self.ahead, "lastCheckIn", lambda: _last_check_in(info, self))

    @strawberry.field(description="Newest capturedAt first.")
    async def check_ins(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> CountedConnection[CheckInType]:
        page = await check_ins.check_ins_of(
            int(self.id), limit=page_size(first), after=decode_cursor(after, TimePosition)
        )
        return counted_connection(page, [CheckInType.of(r) for r in page.rows])

    @strawberry.field(description="How supervision ended (release or termination), once it has.")
    async def supervision_end(
        self,
    ) -> Annotated[SupervisionEndType, strawberry.lazy(_ENDING)] | None:
        from schema.corrections.ending import SupervisionEndType

        end = await termination.end_of(int(self.id))
        return SupervisionEndType.of(end) if end else None

    @strawberry.field(description="Revocation or 收监 proposals, newest first; staff only.")
    async def revocation_proposals(
        self, info: Info
    ) -> list[Annotated[RevocationProposalType, strawberry.lazy(_ENDING)]]:
        from schema.corrections.ending import RevocationProposalType

        call = info.context.call
        if call.viewer is None or call.viewer.role not in STAFF:
            return []
        today = ending.today(call)
        rows = await revocation.proposals_of(int(self.id))
        return [RevocationProposalType.of(r, today) for r in rows]

    @strawberry.field(description="The deciding body's rulings, newest first; staff only.")
    async def court_rulings(
        self, info: Info
    ) -> list[Annotated[CourtRulingType, strawberry.lazy(_ENDING)]]:
        from schema.corrections.ending import CourtRulingType

        call = info.context.call
        if call.viewer is None or call.viewer.role not in STAFF:
            return []
        return [CourtRulingType.of(r) for r in await revocation.rulings_of(int(self.id))]


async def _required_unit(info: Info, unit_id: int) -> OrgUnitType:
    unit = await org_unit_of(info, unit_id)
    assert unit is not None  # a RESTRICT foreign key
    return unit


async def _last_check_in(info: Info, person: SupervisedPersonType) -> CheckInType | None:
    if person.last_check_in_at is None:
        return None
    row = await info.context.loaders.last_check_in_by_person.load(
        (int(person.id), person.last_check_in_at)
    )
    return CheckInType.of(row) if row else None


@strawberry.input
class SupervisedPersonFilter:
    status: SupervisionStatus | None = None
    overdue: bool | None = None
    officer_id: strawberry.ID | None = None
    search: str | None = strawberry.field(
        default=None, description="Matches name or the last digits of the ID number."
    )


@strawberry.input
class EnrollPersonInput:
    full_name: str
    id_number: str = strawberry.field(
        description="18-character resident ID; its check digit is verified."
    )
    correction_type: CorrectionType
    supervision_level: SupervisionLevel
    term_start: date
    term_end: date
    org_unit_id: strawberry.ID = strawberry.field(description="A JUSTICE_OFFICE.")
    phone: str | None = None
    officer_id: strawberry.ID | None = None
    check_in_interval_days: int | None = strawberry.field(
        default=None, description="Defaults by level: STRICT 7, NORMAL 14, LENIENT 30."
    )


@strawberry.type
class EnrollPersonPayload:
    person: SupervisedPersonType
    activation_code: str = strawberry.field(
        description="One-time code the person uses to activate an account on a phone."
    )


@strawberry.input
class CheckInInput:
    client_id: strawberry.ID
    captured_at: datetime
    person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Required when an officer records IN_PERSON or HOME_VISIT; "
        "omitted by the person.",
    )
    kind: CheckInKind = CheckInKind.SELF_REPORT
    latitude: float | None = None
    longitude: float | None = None
    accuracy_meters: float | None = None
    note: str | None = None
