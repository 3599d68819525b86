"""A resettlement record: the prison's notice, opening one from corrections,
who may act on one, its list and reading it.

Scope (scope.resettlement_root): the office's officers do the work, the
bureau's supervisors above see it; NOT_FOUND for everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, paging, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import (
    CHINA_TZ,
    mask_resident_id,
    mobile_phone,
    proper_name,
    resident_id,
    text,
)
from api.domain.corrections.ending import past_date, today
from api.domain.corrections.persons import person_for
from api.domain.resettlement import standards
from api.domain.resettlement.period import assistance_ends_on
from api.models.accounts import OrgUnit, User
from api.models.enums import (
    OrgUnitKind,
    ResettlementSource,
    ResettlementStatus,
    RiskLevel,
    Role,
    SupervisionStatus,
)
from api.models.resettlement import ResettlementRecord
from api.models.supervision_end import SupervisionEnd

STAFF = scope.RESETTLEMENT_STAFF
FULL_NAME_MAX = 50
PRISON_MAX = 100
OFFENCE_MAX = 200
ASSESSMENT_MAX = 2000


async def record_for(call: Call, record_id: int, *, lock: bool = False) -> ResettlementRecord:
    """The record if the viewer may act on it, else NOT_FOUND."""
    scope.require_role(call, STAFF)
    ids = await scope.resettlement_unit_ids(call)
    where = Q(org_unit_id__in=ids) if ids else None
    return await scope.one_in_scope(
        ResettlementRecord, where, record_id, "RESETTLEMENT_NOT_FOUND", lock=lock
    )


async def _receiving_office(
    call: Call, viewer: Viewer, org_unit_id: int, officer_id: int | None
) -> tuple[OrgUnit, int | None]:
    """The receiving justice office, in the viewer's scope, and its officer."""
    if org_unit_id not in await scope.resettlement_unit_ids(call):
        raise scope.not_found("UNIT_NOT_FOUND")
    unit = await OrgUnit.get(id=org_unit_id)
    if unit.kind != OrgUnitKind.JUSTICE_OFFICE:
        raise BadInput("RESETTLEMENT_AT_JUSTICE_OFFICE", field="orgUnitId")
    if officer_id is None and viewer.role is Role.OFFICER and viewer.org_unit_id == unit.id:
        officer_id = viewer.id
    if officer_id is not None and not await User.exists(
        id=officer_id, org_unit_id=unit.id, role=Role.OFFICER, is_active=True
    ):
        raise BadInput("NOT_AN_OFFICER_THERE", field="officerId")
    return unit, officer_id


async def _refuse_if_open(call: Call, id_number: str) -> None:
    """One record a person while the assistance period runs."""
    if await ResettlementRecord.exists(id_number=id_number, assistance_ends_on__gte=today(call)):
        raise Conflict("RESETTLEMENT_ALREADY_OPEN", field="idNumber")


@dataclass(frozen=True)
class Notice:
    days_ahead: int
    late: bool


def notice_timing(received_on: date, expected_release_on: date, notice_days: int) -> Notice:
    """How many days before the release the notice came, and whether that is
    fewer than the province's table asks (accepted all the same, flagged)."""
    days = (expected_release_on - received_on).days
    return Notice(days, days < notice_days)


async def register_release_notice(
    call: Call,
    *,
    full_name: str,
    id_number: str,
    phone: str | None,
    prison: str,
    expected_release_on: date,
    offence: str,
    prison_risk_assessment: str | None,
    risk_grade: RiskLevel,
    org_unit_id: int,
    officer_id: int | None,
    notice_received_on: date | None,
) -> ResettlementRecord:
    """The prison's notice of a release (刑满释放人员通知书) to the receiving office."""
    viewer = scope.require_role(call, STAFF)
    name = proper_name(full_name, "fullName", max_len=FULL_NAME_MAX)
    id_no = resident_id(id_number, "idNumber", today=call.now.astimezone(CHINA_TZ).date())
    phone_no = mobile_phone(phone, "phone") if phone else None
    prison_name = proper_name(prison, "prison", max_len=PRISON_MAX)
    offence_text = text(offence, "offence", max_len=OFFENCE_MAX)
    assessment = (
        text(prison_risk_assessment, "prisonRiskAssessment", max_len=ASSESSMENT_MAX)
        if prison_risk_assessment and prison_risk_assessment.strip()
        else None
    )
    received_on = past_date(call, notice_received_on or today(call), "noticeReceivedOn")
    unit, officer = await _receiving_office(call, viewer, org_unit_id, officer_id)
    figures = await standards.in_force(unit.path, received_on)
    timing = notice_timing(received_on, expected_release_on, figures.notice_days)
    async with in_transaction():
        await _refuse_if_open(call, id_no)
        record = await ResettlementRecord.create(
            full_name=name,
            id_number=id_no,
            phone=phone_no,
            source=ResettlementSource.PRISON,
            prison=prison_name,
            offence=offence_text,
            prison_risk_assessment=assessment,
            risk_grade=RiskLevel(risk_grade),
            org_unit_id=unit.id,
            officer_id=officer,
            notice_received_on=received_on,
            notice_days_ahead=timing.days_ahead,
            notice_late=timing.late,
            expected_release_on=expected_release_on,
            released_on=expected_release_on,
            assistance_ends_on=assistance_ends_on(expected_release_on),
            status=ResettlementStatus.NOTIFIED,
            registered_at=call.now,
            registered_by_id=viewer.id,
        )
        await audit.record(
            call,
            "resettlement.register_notice",
            target_type="ResettlementRecord",
            target_id=record.id,
            summary={
                "idNumberMasked": mask_resident_id(id_no),
                "orgUnitId": unit.id,
                "expectedReleaseOn": expected_release_on,
                "noticeDaysAhead": timing.days_ahead,
                "noticeLate": timing.late,
                "noticeDays": figures.notice_days,
            },
        )
    return record


async def open_from_supervision(
    call: Call, person_id: int, *, risk_grade: RiskLevel, officer_id: int | None
) -> ResettlementRecord:
    """After a release from community correction (解除, 社区矫正法 Art. 44): a
    record of the same office, prefilled from the person's file, in assistance
    from the end of the correction. The person was met at the office all along,
    so there is no reception to record."""
    viewer = scope.require_role(call, STAFF)
    async with in_transaction():
        person = await person_for(call, person_id, scope.CORRECTIONS_STAFF, lock=True)
        if SupervisionStatus(person.status) is not SupervisionStatus.RELEASED:
            raise Conflict("RESETTLEMENT_NOT_RELEASED", field="personId")
        if await ResettlementRecord.exists(supervised_person_id=person.id):
            raise Conflict("RESETTLEMENT_ALREADY_OPEN", field="personId")
        if officer_id is None and person.officer_id is not None:
            # The person's officer goes on with them, while still an officer there.
            still = await User.exists(
                id=person.officer_id,
                org_unit_id=person.org_unit_id,
                role=Role.OFFICER,
                is_active=True,
            )
            officer_id = person.officer_id if still else None
        unit, officer = await _receiving_office(call, viewer, person.org_unit_id, officer_id)
        end = await SupervisionEnd.get(person_id=person.id)
        await _refuse_if_open(call, person.id_number)
        grade = RiskLevel(risk_grade)
        contact_days = (await standards.in_force(unit.path, end.ended_on)).high_risk_contact_days
        record = await ResettlementRecord.create(
            full_name=person.full_name,
            id_number=person.id_number,
            phone=person.phone,
            source=ResettlementSource.COMMUNITY_CORRECTION,
            supervised_person_id=person.id,
            risk_grade=grade,
            org_unit_id=unit.id,
            officer_id=officer,
            expected_release_on=end.ended_on,
            released_on=end.ended_on,
            assistance_ends_on=assistance_ends_on(end.ended_on),
            status=ResettlementStatus.IN_ASSISTANCE,
            received_on=end.ended_on,
            next_contact_due_on=next_contact_due(grade, end.ended_on, contact_days),
            registered_at=call.now,
            registered_by_id=viewer.id,
        )
        await audit.record(
            call,
            "resettlement.open_from_supervision",
            target_type="ResettlementRecord",
            target_id=record.id,
            summary={"personId": person.id, "orgUnitId": unit.id, "releasedOn": end.ended_on},
        )
    return record


def next_contact_due(grade: RiskLevel, since: date, contact_days: int) -> date | None:
    """A person graded HIGH is contacted at least every `contact_days` (the
    province's table); the others have no due date."""
    if RiskLevel(grade) is not RiskLevel.HIGH:
        return None
    return since + timedelta(days=contact_days)


async def read_record(call: Call, record_id: int) -> ResettlementRecord:
    """One person's full record; every such read is on the audit log."""
    record = await record_for(call, record_id)
    await audit.record(
        call, "resettlement.read", target_type="ResettlementRecord", target_id=record.id
    )
    return record


async def resettlement_records(
    call: Call,
    *,
    status: ResettlementStatus | None,
    limit: int,
    after: paging.IdPosition | None,
) -> paging.Page[ResettlementRecord]:
    """The records of the viewer's offices, newest first."""
    scope.require_role(call, STAFF)
    ids = await scope.resettlement_unit_ids(call)
    if not ids:
        return paging.empty()
    query = ResettlementRecord.filter(org_unit_id__in=ids)
    if status is not None:
        query = query.filter(status=ResettlementStatus(status))
    total = await query.count()
    if after is not None:
        query = query.filter(id__lt=after.id)
    rows = await query.order_by("-id").limit(limit + 1)
    return paging.page_of(rows, limit, lambda r: paging.IdPosition(r.id), total=total)


async def set_risk_grade(
    call: Call, record_id: int, grade: RiskLevel, note: str
) -> ResettlementRecord:
    """The office's own grade (the prison's assessment stays as it came)."""
    reason = text(note, "note", max_len=ASSESSMENT_MAX)
    new = RiskLevel(grade)
    async with in_transaction():
        record = await record_for(call, record_id, lock=True)
        old = RiskLevel(record.risk_grade)
        if old is new:
            return record
        record.risk_grade = new
        unit = await OrgUnit.get(id=record.org_unit_id)
        days = (await standards.in_force(unit.path, today(call))).high_risk_contact_days
        record.next_contact_due_on = (
            next_contact_due(new, today(call), days)
            if record.status == ResettlementStatus.IN_ASSISTANCE
            else None
        )
        await record.save(update_fields=["risk_grade", "next_contact_due_on"])
        await audit.record(
            call,
            "resettlement.set_risk_grade",
            target_type="ResettlementRecord",
            target_id=record.id,
            summary={"from": old, "to": new, "note": reason},
        )
    return record
