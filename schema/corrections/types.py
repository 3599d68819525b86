"""Community corrections: supervised persons and check-ins, their types and inputs."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.domain.common.paging import Page, TimePosition
from api.domain.common.validators import mask_resident_id
from api.domain.corrections import (
    caseload,
    check_ins,
    ending,
    minors,
    places,
    revocation,
    schedule,
    termination,
)
from api.domain.corrections.persons import STAFF
from api.models import corrections as m
from api.models.enums import (
    CheckInKind,
    CheckInStatus,
    CorrectionType,
    Role,
    SupervisionLevel,
    SupervisionStatus,
)
from api.models.minors import MinorDetails
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info
from schema.common.geo import GeoPoint
from schema.common.lookahead import answer
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.corrections.search import SearchRecordType, records_for
from schema.corrections.wellbeing_input import CheckInWellbeingInput

if TYPE_CHECKING:
    from schema.corrections.education import HelpRecordType, WellbeingAnswerType
    from schema.corrections.ending import (
        CourtRulingType,
        RevocationProposalType,
        SupervisionEndType,
    )
    from schema.corrections.identity import CheckInIdentityType
    from schema.corrections.places import CheckInPlaceType

_ENDING = "schema.corrections.ending"
_IDENTITY = "schema.corrections.identity"
_PLACES = "schema.corrections.places"
_EDUCATION = "schema.corrections.education"


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
    measured: strawberry.Private[places.Place]

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
            measured=places.Place.of(row),
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

    @strawberry.field(description="The face check of a self check-in, for staff.")
    async def identity(
        self, info: Info
    ) -> Annotated[CheckInIdentityType, strawberry.lazy(_IDENTITY)] | None:
        from schema.corrections.identity import identity_of

        return await identity_of(info, self)

    @strawberry.field(
        description="How far from the residence (else the office) it was made, for staff."
    )
    def place(self, info: Info) -> Annotated[CheckInPlaceType, strawberry.lazy(_PLACES)] | None:
        from schema.corrections.places import place_of

        return place_of(info, self)

    @strawberry.field(description="The person's optional answers given with a self check-in.")
    async def wellbeing(
        self, info: Info
    ) -> Annotated[WellbeingAnswerType, strawberry.lazy(_EDUCATION)] | None:
        from schema.corrections.education import WellbeingAnswerType

        row = await info.context.loaders.wellbeing_by_check_in.load(int(self.id))
        return WellbeingAnswerType.of(row) if row else None


@strawberry.type(name="MinorDetails")
class MinorDetailsType:
    guardian_name: str | None = strawberry.field(description="The guardian (法 Art. 53).")
    guardian_relation: str | None
    guardian_phone: str | None
    school: str | None = strawberry.field(description="The school (法 Art. 55).")

    @classmethod
    def of(cls, row: MinorDetails) -> MinorDetailsType:
        return cls(
            guardian_name=row.guardian_name,
            guardian_relation=row.guardian_relation,
            guardian_phone=row.guardian_phone,
            school=row.school,
        )


@strawberry.type(name="SupervisedPerson")
class SupervisedPersonType:
    id: strawberry.ID
    id_number_masked: str = strawberry.field(
        description="Resident ID with the middle digits hidden, e.g. 220102********123X."
    )
    minor_at_start: bool = strawberry.field(
        description="Under 18 when the term started: a minor case for the whole term (法 Art. 58)."
    )
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
    row: strawberry.Private[m.SupervisedPerson]
    # Related values a list fetched ahead for its page, by field name (see
    # schema/common/lookahead.py and queries._fetch_ahead); the fields below
    # load the rest.
    ahead: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, p: m.SupervisedPerson, as_of: datetime) -> SupervisedPersonType:
        return cls(
            id=strawberry.ID(str(p.id)),
            id_number_masked=mask_resident_id(p.id_number),
            minor_at_start=p.minor_at_start,
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
            row=p,
        )

    async def _knows_identity(self, info: Info) -> bool:
        """法 Art. 54, as minors.knows_identity says; a designation looked up
        only for a minor case, batched over the page."""
        if not self.row.minor_at_start:
            return True
        viewer = info.context.call.viewer
        staff = await info.context.loaders.minor_staff_by_person.load(self.row.id)
        return minors.knows_identity(viewer, self.row, viewer is not None and viewer.id in staff)

    @strawberry.field(
        description="A minor case's name is masked (张**) for all but the assigned officer, "
        "the designated staff and the person (法 Art. 54)."
    )
    async def full_name(self, info: Info) -> str:
        if await self._knows_identity(info):
            return self.row.full_name
        return minors.mask_name(self.row.full_name)

    @strawberry.field(description="Null for a minor case to those who see the name masked.")
    async def phone(self, info: Info) -> str | None:
        return self.row.phone if await self._knows_identity(info) else None

    @strawberry.field(
        description="The registered residence's coordinates, check-ins are measured from; "
        "null for a minor case to those who see the name masked."
    )
    async def residence_location(self, info: Info) -> GeoPoint | None:
        if not await self._knows_identity(info):
            return None
        where = places.residence_of(self.row)
        return GeoPoint.maybe(*where, None) if where else None

    @strawberry.field(
        description="Guardian and school of a minor case, to those who may know its identity."
    )
    async def minor_details(self, info: Info) -> MinorDetailsType | None:
        if not self.row.minor_at_start or not await self._knows_identity(info):
            return None
        row = await info.context.loaders.minor_details_by_person.load(self.row.id)
        return (
            MinorDetailsType.of(row)
            if row
            else MinorDetailsType(
                guardian_name=None, guardian_relation=None, guardian_phone=None, school=None
            )
        )

    @strawberry.field(
        description="Staff designated to know a minor case's identity (法 Art. 54), "
        "to those who may know it."
    )
    async def minor_case_staff(self, info: Info) -> list[UserType]:
        if not self.row.minor_at_start or not await self._knows_identity(info):
            return []
        ids = await info.context.loaders.minor_staff_by_person.load(self.row.id)
        users = await info.context.loaders.user_by_id.load_many(ids)
        return [UserType.of(u) for u in users if u is not None]

    @strawberry.field(
        description="The open 脱管 search (法 Art. 30); null unless ABSCONDED. Staff only."
    )
    async def search_record(self, info: Info) -> SearchRecordType | None:
        records = await self.search_records(info)
        return records[0] if records and records[0].open else None

    @strawberry.field(description="Every 脱管 search of the person, newest first. Staff only.")
    async def search_records(self, info: Info) -> list[SearchRecordType]:
        viewer = info.context.call.viewer
        if viewer is None or viewer.role is Role.SUPERVISED_PERSON:
            return []
        return await records_for(info, self.row.id)

    @strawberry.field(description="The justice office responsible.")
    def org_unit(self, info: Info) -> OrgUnitType:
        return answer(self.ahead, "orgUnit", lambda: _required_unit(info, self.org_unit_id))

    @strawberry.field
    def officer(self, info: Info) -> UserType | None:
        return answer(self.ahead, "officer", lambda: user_of(info, self.officer_id))

    @strawberry.field(
        description="The officer's work phone: for the person to call, above all when marked "
        "absconded (脱管)."
    )
    async def officer_phone(self, info: Info) -> str | None:
        if self.officer_id is None:
            return None
        officer = await info.context.loaders.user_by_id.load(self.officer_id)
        return officer.phone if officer is not None and officer.is_active else None

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

    @strawberry.field(description="Help given (帮扶), the latest first.")
    async def help_records(
        self, info: Info
    ) -> list[Annotated[HelpRecordType, strawberry.lazy(_EDUCATION)]]:
        from schema.corrections.education import HelpRecordType

        rows = await info.context.loaders.help_by_person.load(self.row.id)
        return [HelpRecordType.of(r) for r in rows]

    @strawberry.field(
        description="A check-in answer with a change or a low mood the officer has not yet "
        "acknowledged (the oldest); staff only."
    )
    async def attention(
        self, info: Info
    ) -> Annotated[WellbeingAnswerType, strawberry.lazy(_EDUCATION)] | None:
        from schema.corrections.education import WellbeingAnswerType

        call = info.context.call
        if call.viewer is None or call.viewer.role not in STAFF:
            return None
        row = await info.context.loaders.attention_by_person.load(self.row.id)
        return WellbeingAnswerType.of(row) if row else None


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
class MinorDetailsInput:
    guardian_name: str | None = None
    guardian_relation: str | None = None
    guardian_phone: str | None = None
    school: str | None = None

    def details(self) -> minors.Details:
        return minors.Details(
            guardian_name=self.guardian_name,
            guardian_relation=self.guardian_relation,
            guardian_phone=self.guardian_phone,
            school=self.school,
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
    minor: MinorDetailsInput | None = strawberry.field(
        default=None, description="Guardian and school; for a minor case only (法 Art. 53, 55)."
    )
    residence_latitude: float | None = strawberry.field(
        default=None,
        description="The registered residence's coordinates (both or neither): "
        "check-ins are measured from there.",
    )
    residence_longitude: float | None = None


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
    photo: str | None = strawberry.field(
        default=None,
        description="A self check-in's photo taken in the app: a JPEG, base64 "
        "(a data: URL too), a few hundred KB at most.",
    )
    wellbeing: CheckInWellbeingInput | None = strawberry.field(
        default=None, description="The optional questions of a self check-in."
    )


# The contract's name for a list of persons (the caseload, the terms ending):
# a counted connection that also counts the persons the officer must act on.
@strawberry.type(name="SupervisedPersonConnection")
class SupervisedPersonConnection(CountedConnection[SupervisedPersonType]):
    tally: strawberry.Private[caseload.Tally | Callable[[], Awaitable[caseload.Tally]]]

    async def _tally(self) -> caseload.Tally:
        return self.tally if isinstance(self.tally, caseload.Tally) else await self.tally()

    @strawberry.field(description="Of totalCount, the persons absconded (脱管).")
    async def absconded_count(self) -> int:
        return (await self._tally()).absconded

    @strawberry.field(
        description="Of totalCount, the persons overdue with a check-in; "
        "an absconded person is counted in abscondedCount only."
    )
    async def overdue_count(self) -> int:
        return (await self._tally()).overdue


def person_connection(
    page: Page[m.SupervisedPerson],
    nodes: Sequence[SupervisedPersonType],
    tally: caseload.Tally | Callable[[], Awaitable[caseload.Tally]],
) -> SupervisedPersonConnection:
    counted = counted_connection(page, nodes)
    return SupervisedPersonConnection(
        edges=counted.edges, page_info=counted.page_info, total=counted.total, tally=tally
    )
