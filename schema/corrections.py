"""Community corrections: supervised persons, check-ins, their queries and mutations."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import date, datetime
from typing import Any

import strawberry

from api.domain.accounts import activation
from api.domain.common.paging import TimePosition
from api.domain.common.validators import mask_resident_id
from api.domain.corrections import caseload, check_ins, enrolment, persons, schedule
from api.models import corrections as m
from api.models.enums import (
    CheckInKind,
    CheckInStatus,
    CorrectionType,
    SupervisionLevel,
    SupervisionStatus,
)
from schema.accounts import LoginPayload, OrgUnitType, UserType, org_unit_of, user_of
from schema.context import Info
from schema.geo import GeoPoint
from schema.ids import parse_id, require_id
from schema.lookahead import answer, selected
from schema.pagination import CountedConnection, counted_connection, decode_cursor, page_size


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
    # schema/lookahead.py and _fetch_ahead); the fields below load the rest.
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


@strawberry.type
class CorrectionsQuery:
    @strawberry.field(description="The viewer's caseload: overdue first, then by next due time.")
    async def supervised_persons(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: SupervisedPersonFilter | None = None,
    ) -> CountedConnection[SupervisedPersonType]:
        f = filter or SupervisedPersonFilter()
        page = await caseload.list_persons(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, caseload.CaseloadPosition),
            filter=caseload.PersonFilter(
                status=SupervisionStatus(f.status) if f.status else None,
                overdue=f.overdue,
                officer_id=parse_id(f.officer_id, "filter.officerId"),
                search=f.search,
            ),
        )
        assert page.as_of is not None  # the caseload's order is judged at a moment
        nodes = [SupervisedPersonType.of(p, page.as_of) for p in page.rows]
        await _fetch_ahead(info, nodes)
        return counted_connection(page, nodes)

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


@strawberry.type
class CorrectionsMutation:
    @strawberry.mutation
    async def enroll_person(self, info: Info, input: EnrollPersonInput) -> EnrollPersonPayload:
        call = info.context.call
        enrolled = await enrolment.enroll_person(
            call,
            full_name=input.full_name,
            id_number=input.id_number,
            phone=input.phone,
            correction_type=CorrectionType(input.correction_type),
            supervision_level=SupervisionLevel(input.supervision_level),
            term_start=input.term_start,
            term_end=input.term_end,
            org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
            officer_id=parse_id(input.officer_id, "officerId"),
            check_in_interval_days=input.check_in_interval_days,
        )
        return EnrollPersonPayload(
            person=SupervisedPersonType.of(enrolled.person, call.now),
            activation_code=enrolled.activation_code,
        )

    @strawberry.mutation(
        description="A new one-time activation code; the earlier one stops working."
    )
    async def reissue_activation_code(self, info: Info, person_id: strawberry.ID) -> str:
        return await enrolment.reissue_activation_code(
            info.context.call, require_id(person_id, "personId")
        )

    @strawberry.mutation
    async def activate_account(
        self, info: Info, code: str, username: str, password: str
    ) -> LoginPayload:
        return LoginPayload.of(
            await activation.activate_account(info.context.call, code, username, password)
        )

    @strawberry.mutation
    async def set_check_in_plan(
        self, info: Info, person_id: strawberry.ID, interval_days: int, grace_hours: int
    ) -> SupervisedPersonType:
        call = info.context.call
        person = await schedule.set_check_in_plan(
            call, require_id(person_id, "personId"), interval_days, grace_hours
        )
        return SupervisedPersonType.of(person, call.now)

    @strawberry.mutation
    async def set_supervision_status(
        self, info: Info, person_id: strawberry.ID, status: SupervisionStatus, note: str
    ) -> SupervisedPersonType:
        call = info.context.call
        person = await persons.set_supervision_status(
            call, require_id(person_id, "personId"), SupervisionStatus(status), note
        )
        return SupervisedPersonType.of(person, call.now)

    @strawberry.mutation
    async def submit_check_in(self, info: Info, input: CheckInInput) -> CheckInType:
        row = await check_ins.submit_check_in(
            info.context.call,
            client_id=str(input.client_id),
            person_id=parse_id(input.person_id, "personId"),
            kind=CheckInKind(input.kind),
            captured_at=input.captured_at,
            latitude_deg=input.latitude,
            longitude_deg=input.longitude,
            accuracy=input.accuracy_meters,
            note=input.note,
        )
        return CheckInType.of(row)

    @strawberry.mutation
    async def review_check_in(
        self, info: Info, id: strawberry.ID, status: CheckInStatus, note: str | None = None
    ) -> CheckInType:
        row = await check_ins.review_check_in(
            info.context.call, require_id(id, "id"), CheckInStatus(status), note
        )
        return CheckInType.of(row)
