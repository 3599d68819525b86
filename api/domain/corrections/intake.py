"""Intake (入矫): the deciding body's notice, the deadline to report, 漏管, and the intake.

The deciding body's notice reaches the office before the person does
(法 Art. 20): `register_pending_intake` records it, and the person with
status PENDING_INTAKE. `confirm_intake` records the intake itself (法 Art. 22)
and starts supervision through enrolment's own functions. The reminders
before and after the deadline are rules of api/domain/notices/reminders.py.

Where the notes on the statute differ from the first description of this
flow, the statute is followed: a 暂予监外执行 hand-over runs from the day the
transferring body received the decision, not from the day it took effect
(法 Art. 21 ¶2-3); the 5-day notice of 法 Art. 20 is kept beside the 10-day
documents; the intake records that the documents were checked and the file
opened, and that the announcement covered all three items of 法 Art. 22.

Under 法 Art. 21 the person reports to the county 社区矫正机构; the receiving
justice office stands for it where the county has entrusted intake to the
office (法 Art. 9 ¶2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, paging, periods, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import (
    DEVICE_CLOCK_SKEW,
    aware,
    client_uuid,
    device_time,
    mask_resident_id,
    proper_name,
)
from api.domain.corrections import enrolment
from api.domain.corrections.persons import STAFF
from api.domain.corrections.schedule import DEFAULT_GRACE_HOURS
from api.domain.notices import notices
from api.models.accounts import User
from api.models.corrections import SupervisedPerson
from api.models.enums import (
    AnnouncementItem,
    CorrectionType,
    DecidingBodyType,
    Role,
    SupervisionLevel,
    SupervisionStatus,
)
from api.models.intake import PendingIntake

# 法 Art. 21 ¶1: 管制, 缓刑 and 假释 report within 10 days of the judgment or
# ruling taking effect; ¶2-3: a 暂予监外执行 person is handed over within 10
# days of the transferring body receiving the decision.
REPORT_DAYS = 10
# 法 Art. 20: the deciding body notifies within 5 days of the effective date
# and delivers the documents within 10.
NOTICE_DAYS = 5
DOCUMENTS_DAYS = 10
# 法 Art. 17 ¶4: 管制, 缓刑 and 假释 are decided by a court; 暂予监外执行 by a
# court, or approved by a prison administration or a public-security body.
DECIDING_BODIES: dict[CorrectionType, frozenset[DecidingBodyType]] = {
    CorrectionType.CONTROL: frozenset({DecidingBodyType.COURT}),
    CorrectionType.PROBATION: frozenset({DecidingBodyType.COURT}),
    CorrectionType.PAROLE: frozenset({DecidingBodyType.COURT}),
    CorrectionType.TEMPORARY_OUTSIDE_PRISON: frozenset(DecidingBodyType),
}
DECIDING_BODY_MAX = 100
DOCUMENT_NUMBER_MAX = 64
ATTENDEE_MAX = 50
MAX_ATTENDEES = 20
# 法 Art. 22: the announcement tells the criminal facts, the term and the rules.
ANNOUNCED_ITEMS = frozenset(AnnouncementItem)
# Graded at the intake (confirmIntake sets the level); the pending row holds
# the middle grade until then, and no schedule runs from it.
PENDING_LEVEL = SupervisionLevel.NORMAL


@dataclass(frozen=True)
class Deadlines:
    report_due_on: date
    notice_due_on: date
    documents_due_on: date


def deadlines(
    correction_type: CorrectionType, effective_on: date, decision_received_on: date | None
) -> Deadlines:
    """The statutory last days, the day of the event not counted (刑事诉讼法 Art. 105)."""
    if correction_type is CorrectionType.TEMPORARY_OUTSIDE_PRISON:
        assert decision_received_on is not None  # checked by the caller
        report_from = decision_received_on  # 法 Art. 21 ¶2-3
    else:
        report_from = effective_on  # 法 Art. 21 ¶1
    return Deadlines(
        report_due_on=periods.last_day(report_from, REPORT_DAYS),
        notice_due_on=periods.last_day(effective_on, NOTICE_DAYS),  # 法 Art. 20
        documents_due_on=periods.last_day(effective_on, DOCUMENTS_DAYS),  # 法 Art. 20
    )


def late(moment: datetime | None, due_on: date) -> bool:
    """Recorded after the last day of its period (China time)."""
    return moment is not None and periods.local_day(moment) > due_on


def is_missed(intake: PendingIntake, now: datetime) -> bool:
    """漏管: the deadline passed before the person was taken in."""
    if intake.confirmed_at is not None:
        return bool(intake.arrived_late)
    return now >= intake.report_due_at


def _past_time(value: datetime | None, field: str, now: datetime, since: date) -> datetime | None:
    """A time an officer records from a paper or a call: not in the future,
    not before the day the decision took effect."""
    if value is None:
        return None
    moment = aware(value, field)
    if moment > now + DEVICE_CLOCK_SKEW:
        raise BadInput("IN_THE_FUTURE", field=field, name=field)
    if moment < periods.start_of(since):
        raise BadInput("BEFORE_DECISION_EFFECTIVE", field=field, name=field)
    return moment


async def register_pending_intake(
    call: Call,
    *,
    deciding_body_type: DecidingBodyType,
    deciding_body: str,
    document_number: str,
    effective_on: date,
    decision_received_on: date | None,
    correction_type: CorrectionType,
    org_unit_id: int,
    officer_id: int | None,
    full_name: str,
    id_number: str,
    phone: str | None,
    term_start: date,
    term_end: date,
    notified_at: datetime | None,
    documents_received_at: datetime | None,
) -> PendingIntake:
    """The deciding body's notice of a person to take in (法 Art. 20-21).

    The person's details are checked and stored as enrolment does, and the
    ID number counts as under supervision from now: a second notice or an
    enrolment of the same person is CONFLICT, rate-limited alike.
    """
    viewer = scope.require_role(call, STAFF)
    duplicates = await enrolment.refuse_if_probing(call, viewer)
    kind = CorrectionType(correction_type)
    body_type = DecidingBodyType(deciding_body_type)
    if body_type not in DECIDING_BODIES[kind]:
        raise BadInput("DECIDED_BY_COURT_ONLY", field="decidingBodyType")
    body = proper_name(deciding_body, "decidingBody", max_len=DECIDING_BODY_MAX)
    number = proper_name(document_number, "documentNumber", max_len=DOCUMENT_NUMBER_MAX)
    today = periods.local_day(call.now)
    if effective_on > today:
        raise BadInput("IN_THE_FUTURE", field="effectiveOn", name="effectiveOn")
    if kind is CorrectionType.TEMPORARY_OUTSIDE_PRISON:
        if decision_received_on is None:
            raise BadInput("DECISION_RECEIVED_REQUIRED", field="decisionReceivedOn")
        if not effective_on <= decision_received_on <= today:
            raise BadInput("DECISION_RECEIVED_RANGE", field="decisionReceivedOn")
    elif decision_received_on is not None:
        raise BadInput("DECISION_RECEIVED_NOT_TEMPORARY", field="decisionReceivedOn")
    notified = _past_time(notified_at, "notifiedAt", call.now, effective_on)
    documents = _past_time(documents_received_at, "documentsReceivedAt", call.now, effective_on)
    identity = await enrolment.checked_identity(
        call,
        viewer,
        full_name=full_name,
        id_number=id_number,
        phone=phone,
        correction_type=kind,
        term_start=term_start,
        term_end=term_end,
        org_unit_id=org_unit_id,
        officer_id=officer_id,
    )
    due = deadlines(kind, effective_on, decision_received_on)
    report_due_at = periods.end_of(due.report_due_on)
    # Until the intake sets the plan: the office's interval for the grade.
    _, interval = await enrolment.check_in_plan(call, identity.org_unit_id, PENDING_LEVEL, None)
    async with (
        enrolment.once_under_supervision(call, identity, "intake.register", duplicates),
        in_transaction(),
    ):
        person = await enrolment.create_person(
            call,
            viewer,
            identity,
            status=SupervisionStatus.PENDING_INTAKE,
            supervision_level=PENDING_LEVEL,
            check_in_interval_days=interval,
            grace_hours=DEFAULT_GRACE_HOURS,
            # Replaced by the intake's own time when it is confirmed.
            enrolled_at=call.now,
            last_check_in_at=None,
            next_due_at=report_due_at,
            overdue_at=report_due_at,
        )
        intake = await PendingIntake.create(
            person_id=person.id,
            org_unit_id=identity.org_unit_id,
            deciding_body_type=body_type,
            deciding_body=body,
            document_number=number,
            effective_on=effective_on,
            decision_received_on=decision_received_on,
            report_due_on=due.report_due_on,
            report_due_at=report_due_at,
            notice_due_on=due.notice_due_on,
            documents_due_on=due.documents_due_on,
            notified_at=notified,
            documents_received_at=documents,
            registered_at=call.now,
            registered_by_id=viewer.id,
        )
        await audit.record(
            call,
            "intake.register",
            target_type="PendingIntake",
            target_id=intake.id,
            summary={
                "personId": person.id,
                "idNumberMasked": mask_resident_id(identity.id_number),
                "orgUnitId": identity.org_unit_id,
                "correctionType": kind,
                "decidingBodyType": body_type,
                "reportDueOn": due.report_due_on.isoformat(),
            },
        )
    return intake


async def intake_for(call: Call, intake_id: int, *, lock: bool = False) -> PendingIntake:
    """The intake if it belongs to an office in the viewer's scope, else NOT_FOUND."""
    scope.require_role(call, STAFF)
    ids = await scope.corrections_unit_ids(call)
    where = Q(org_unit_id__in=ids) if ids else None
    return await scope.one_in_scope(PendingIntake, where, intake_id, "INTAKE_NOT_FOUND", lock=lock)


async def pending_intakes(
    call: Call, *, limit: int, after: paging.TimePosition | None
) -> paging.Page[PendingIntake]:
    """The intakes still to confirm in the viewer's offices, nearest deadline first."""
    scope.require_role(call, STAFF)
    ids = await scope.corrections_unit_ids(call)
    if not ids:
        return paging.empty()
    query = PendingIntake.filter(confirmed_at=None, org_unit_id__in=ids)
    total = await query.count()
    if after is not None:
        query = query.filter(
            Q(report_due_at__gt=after.at) | Q(report_due_at=after.at, id__gt=after.id)
        )
    rows = await query.order_by("report_due_at", "id").limit(limit + 1)
    return paging.page_of(
        rows, limit, lambda r: paging.TimePosition(r.report_due_at, r.id), total=total
    )


@dataclass(frozen=True)
class Confirmed:
    intake: PendingIntake
    # None when the answer repeats an earlier one: the code was shown then,
    # and only its hash is kept (reissueActivationCode gives a new one).
    activation_code: str | None


@dataclass(frozen=True)
class Announcement:
    """The 宣告 (法 Art. 22): when, before whom, and what was announced."""

    announced_at: datetime
    attendees: list[str]
    items: list[AnnouncementItem]


async def confirm_intake(
    call: Call,
    *,
    client_id: str,
    intake_id: int,
    arrived_at: datetime,
    identity_checked: bool,
    documents_checked: bool,
    file_opened: bool,
    documents_received_at: datetime | None,
    announcement: Announcement,
    supervision_level: SupervisionLevel,
    check_in_interval_days: int | None,
) -> Confirmed:
    """The intake (法 Art. 22): the person has arrived, identity and documents are
    checked, the file is opened and the 宣告 held; the person becomes ACTIVE
    with the first report due, and gets the activation code.

    Recorded on the officer's phone, offline or not: stored once per clientId
    (api/domain/common/idempotency.py); the arrival counts by the phone's time.
    """
    viewer = scope.require_role(call, STAFF)
    cid = client_uuid(client_id, "clientId")
    codes: list[str] = []

    async def write() -> PendingIntake:
        # Every check runs inside the write: a replay gets the stored intake
        # back whatever has changed since (idempotency.py).
        # 法 Art. 22: 核实身份、核对法律文书、建立档案 are each required at intake.
        for done, field in (
            (identity_checked, "identityChecked"),
            (documents_checked, "documentsChecked"),
            (file_opened, "fileOpened"),
        ):
            if done is not True:
                raise BadInput("INTAKE_STEP_REQUIRED", field=field)
        items = {AnnouncementItem(i) for i in announcement.items}
        if items != ANNOUNCED_ITEMS:
            raise BadInput("ANNOUNCEMENT_ITEMS", field="announcement.items")
        if not 1 <= len(announcement.attendees) <= MAX_ATTENDEES:
            raise BadInput("ATTENDEES_COUNT", field="announcement.attendees", max=MAX_ATTENDEES)
        attendees = [
            proper_name(a, f"announcement.attendees.{n}", max_len=ATTENDEE_MAX)
            for n, a in enumerate(announcement.attendees)
        ]
        arrived = device_time(arrived_at, "arrivedAt", call.now)
        announced = device_time(announcement.announced_at, "announcement.announcedAt", call.now)
        if announced < arrived:
            raise BadInput("ANNOUNCEMENT_BEFORE_ARRIVAL", field="announcement.announcedAt")
        async with in_transaction():
            intake = await intake_for(call, intake_id, lock=True)
            if intake.confirmed_at is not None:
                raise Conflict("INTAKE_ALREADY_CONFIRMED")
            if arrived < periods.start_of(intake.effective_on):
                raise BadInput("BEFORE_DECISION_EFFECTIVE", field="arrivedAt", name="arrivedAt")
            documents = intake.documents_received_at or _past_time(
                documents_received_at, "documentsReceivedAt", call.now, intake.effective_on
            )
            if documents is None:
                raise BadInput("DOCUMENTS_NOT_RECEIVED", field="documentsReceivedAt")
            person = await SupervisedPerson.select_for_update().get(id=intake.person_id)
            if person.status != SupervisionStatus.PENDING_INTAKE:
                raise Conflict("NOT_PENDING_INTAKE")
            level, interval = await enrolment.check_in_plan(
                call, person.org_unit_id, supervision_level, check_in_interval_days
            )
            codes.append(
                await enrolment.start_supervision(
                    call, person, at=arrived, level=level, interval=interval
                )
            )
            intake.update_from_dict(
                {
                    "client_id": cid,
                    "arrived_at": arrived,
                    "confirmed_at": call.now,
                    "confirmed_by_id": viewer.id,
                    # 法 Art. 21: on time up to the end of the last day, in China.
                    "arrived_late": late(arrived, intake.report_due_on),
                    "identity_checked": True,
                    "documents_checked": True,
                    "file_opened": True,
                    "documents_received_at": documents,
                    "announced_at": announced,
                    "announcement_attendees": attendees,
                    "announced_items": sorted(items),
                }
            )
            await intake.save()
            await audit.record(
                call,
                "intake.confirm",
                target_type="PendingIntake",
                target_id=intake.id,
                summary={
                    "personId": person.id,
                    "late": intake.arrived_late,
                    "supervisionLevel": level,
                    "intervalDays": interval,
                },
            )
        return intake

    stored = await idempotency.store_once(
        PendingIntake, cid, viewer, lambda s: s.confirmed_by_id or 0, write()
    )
    return Confirmed(stored, codes[0] if codes else None)


async def officers_to_remind(person: SupervisedPerson) -> list[User]:
    """The responsible officer, or every officer of the office while none is named."""
    if person.officer_id is not None:
        officer = await User.get_or_none(id=person.officer_id, is_active=True)
        if officer is not None:
            return [officer]
    return await notices.staff_of_unit(person.org_unit_id, Role.OFFICER)
