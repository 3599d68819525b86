"""Community corrections (社区矫正): enrolment, activation, check-in plans, check-ins, review.

The rules come from the Community Corrections Law (社区矫正法, 2020) and its
implementation measures (社区矫正法实施办法, 2020): graded supervision
(分类管理, 实施办法 §22-23) sets how often a person reports; the office must
know where the person is (法 §23, 实施办法 §24) and acts at once when contact
is lost (脱管, 法 §30, 实施办法 §37).

Every write locks the person's row first, so the schedule kept on the row
(`last_check_in_at`, `next_due_at`, `overdue_at`) is always computed by one
writer at a time from every committed check-in, by `plan_schedule`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.functions import Max
from tortoise.transactions import in_transaction

from api.domain import accounts, audit, idempotency, limits, links, notices, paging, scope, sql
from api.domain.call import Call, Viewer
from api.domain.errors import BadInput, Conflict, NotFound
from api.domain.secrets import check_password_rules, code_hash, hash_password, new_code
from api.domain.validators import (
    CHINA_TZ,
    accuracy_meters,
    client_uuid,
    device_time,
    int_range,
    latitude,
    longitude,
    mask_resident_id,
    mobile_phone,
    proper_name,
    resident_id,
    text,
)
from api.models.accounts import OrgUnit, User
from api.models.corrections import ActivationCode, CheckIn, SupervisedPerson
from api.models.enums import (
    CheckInKind,
    CheckInStatus,
    CorrectionType,
    OrgUnitKind,
    Role,
    SupervisionLevel,
    SupervisionStatus,
)

# Default self-report interval per supervision level (分类管理, 实施办法 §22-23):
# the stricter the level, the more often the person reports.
DEFAULT_INTERVAL_DAYS: dict[SupervisionLevel, int] = {
    SupervisionLevel.STRICT: 7,
    SupervisionLevel.NORMAL: 14,
    SupervisionLevel.LENIENT: 30,
}
DEFAULT_GRACE_HOURS = 24
INTERVAL_DAYS_RANGE = (1, 90)
# The caseload's queries rely on the upper bound (see caseload._in_group).
GRACE_HOURS_RANGE = (0, 168)

ACTIVATION_CODE_LIFETIME = timedelta(days=7)
MAX_NOTE = 2000
FULL_NAME_MAX = 50
# Ended supervision (解除/终止矫正, 撤销缓刑/假释): no way back in this app;
# a new term is a new enrolment.
FINAL_STATUSES = frozenset({SupervisionStatus.TERMINATED, SupervisionStatus.REVOKED})
STAFF = scope.CORRECTIONS_STAFF
READERS = scope.CORRECTIONS_READERS
# The rate-limit counting an account's enrolments refused as already supervised.
DUPLICATE_LIMIT = "enrolmentDuplicate"


@dataclass(frozen=True)
class Enrolled:
    person: SupervisedPerson
    activation_code: str


# ---------------------------------------------------------------- schedule


@dataclass(frozen=True)
class Schedule:
    last_check_in_at: datetime | None
    next_due_at: datetime
    overdue_at: datetime


def plan_schedule(
    enrolled_at: datetime,
    last_check_in_at: datetime | None,
    interval_days: int,
    grace_hours: int,
) -> Schedule:
    """The one rule for when a check-in is due and when it is missed.

    Due `interval_days` after the last accepted check-in (or after intake,
    入矫), missed `grace_hours` after that.
    """
    anchor = last_check_in_at or enrolled_at
    due = anchor + timedelta(days=interval_days)
    return Schedule(last_check_in_at, due, due + timedelta(hours=grace_hours))


def is_overdue(person: SupervisedPerson, now: datetime) -> bool:
    return person.status == SupervisionStatus.ACTIVE and now > person.overdue_at


def next_check_in_due(person: SupervisedPerson) -> datetime | None:
    return person.next_due_at if person.status == SupervisionStatus.ACTIVE else None


async def _last_accepted_at(person_id: int, before: datetime | None = None) -> datetime | None:
    """capturedAt of the newest check-in that counts (not REJECTED), optionally before a time."""
    query = CheckIn.filter(person_id=person_id).exclude(status=CheckInStatus.REJECTED)
    if before is not None:
        query = query.filter(captured_at__lt=before)
    rows = await query.annotate(last=Max("captured_at")).values_list("last", flat=True)
    return _as_datetime(rows[0] if rows else None)


def _as_datetime(value: object) -> datetime | None:
    # SQLite hands an aggregate of a timestamp back as text.
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


async def _refresh_schedule(person: SupervisedPerson) -> None:
    """Recompute the row's schedule from the committed check-ins and the plan."""
    schedule = plan_schedule(
        person.enrolled_at,
        await _last_accepted_at(person.id),
        person.check_in_interval_days,
        person.grace_hours,
    )
    await _save_schedule(person, schedule)


async def _save_schedule(person: SupervisedPerson, schedule: Schedule) -> None:
    """Keep the schedule on the row: one UPDATE of the three columns."""
    person.last_check_in_at = schedule.last_check_in_at
    person.next_due_at = schedule.next_due_at
    person.overdue_at = schedule.overdue_at
    await person.save(update_fields=["last_check_in_at", "next_due_at", "overdue_at"])


# ---------------------------------------------------------------- scope


async def _can_see(call: Call, viewer: Viewer, person: SupervisedPerson) -> bool:
    if viewer.role is Role.SUPERVISED_PERSON:
        return person.account_id == viewer.id
    return await scope.unit_in_scope(call, person.org_unit_id)


async def _person(
    call: Call, person_id: int, roles: frozenset[Role], *, lock: bool = False
) -> SupervisedPerson:
    """The person if the viewer may act on it, else NOT_FOUND (never a different answer)."""
    viewer = scope.require_role(call, roles)
    query = SupervisedPerson.select_for_update() if lock else SupervisedPerson
    person = await query.get_or_none(id=person_id)
    if person is None or not await _can_see(call, viewer, person):
        raise scope.not_found("Supervised person")
    return person


def _note(value: str | None, field: str, *, required: bool) -> str | None:
    if value is None or (not required and not value.strip()):
        if required:
            raise BadInput("A note is required.", field=field)
        return None
    return text(value, field, max_len=MAX_NOTE)


# ---------------------------------------------------------------- enrolment (入矫)


async def enroll_person(
    call: Call,
    *,
    full_name: str,
    id_number: str,
    phone: str | None,
    correction_type: CorrectionType,
    supervision_level: SupervisionLevel,
    term_start: date,
    term_end: date,
    org_unit_id: int,
    officer_id: int | None,
    check_in_interval_days: int | None,
) -> Enrolled:
    """Take a person under supervision at a justice office (法 §21, 实施办法 §15-17).

    An ID number already under supervision, in this office or any other, is
    refused (CONFLICT on idNumber): one person is supervised once, and the
    officer needs to know it to ask for a transfer instead. That one fact is
    all the answer tells: not the unit, the officer, the name or the term,
    and the same words wherever the person is. Each such refusal is on the
    audit log with the ID's last four digits only, and counts against the
    account's `enrolment_duplicate_rate`: past it, the account's every
    enrolment is refused (RATE_LIMITED, before any check) until the window
    ends, so ID numbers cannot be tried one after another to find out who is
    supervised.
    """
    viewer = scope.require_role(call, STAFF)
    duplicates = (DUPLICATE_LIMIT, f"user:{viewer.id}", call.settings.enrolment_duplicate_rate)
    await limits.refuse_when_spent(call, *duplicates)
    name = proper_name(full_name, "fullName", max_len=FULL_NAME_MAX)
    id_no = resident_id(id_number, "idNumber", today=call.now.astimezone(CHINA_TZ).date())
    phone_no = mobile_phone(phone, "phone") if phone else None
    if term_end <= term_start:
        raise BadInput("The term must end after it starts.", field="termEnd")
    level = SupervisionLevel(supervision_level)
    interval = DEFAULT_INTERVAL_DAYS[level]
    if check_in_interval_days is not None:
        interval = int_range(check_in_interval_days, "checkInIntervalDays", *INTERVAL_DAYS_RANGE)
    if not await scope.unit_in_scope(call, org_unit_id):
        raise scope.not_found("Org unit")
    unit = await OrgUnit.get(id=org_unit_id)
    if unit.kind != OrgUnitKind.JUSTICE_OFFICE:
        raise BadInput("Persons are enrolled at a justice office.", field="orgUnitId")
    if officer_id is None and viewer.role is Role.OFFICER and viewer.org_unit_id == unit.id:
        officer_id = viewer.id  # the officer who takes the person in is responsible
    if officer_id is not None and not await User.exists(
        id=officer_id, org_unit_id=unit.id, role=Role.OFFICER, is_active=True
    ):
        raise BadInput("Not an officer of that justice office.", field="officerId")
    schedule = plan_schedule(call.now, None, interval, DEFAULT_GRACE_HOURS)
    code = new_code()
    try:
        async with in_transaction():
            person = await SupervisedPerson.create(
                full_name=name,
                id_number=id_no,
                active_id_number=id_no,
                phone=phone_no,
                correction_type=correction_type,
                supervision_level=level,
                status=SupervisionStatus.ACTIVE,
                term_start=term_start,
                term_end=term_end,
                org_unit_id=unit.id,
                officer_id=officer_id,
                check_in_interval_days=interval,
                grace_hours=DEFAULT_GRACE_HOURS,
                enrolled_at=call.now,
                enrolled_by_id=viewer.id,
                last_check_in_at=None,
                next_due_at=schedule.next_due_at,
                overdue_at=schedule.overdue_at,
            )
            await _issue_code(call, person, code)
            await audit.record(
                call,
                "person.enroll",
                target_type="SupervisedPerson",
                target_id=person.id,
                summary={
                    "idNumberMasked": mask_resident_id(id_no),
                    "orgUnitId": unit.id,
                    "officerId": officer_id,
                    "correctionType": correction_type,
                    "supervisionLevel": level,
                    "intervalDays": interval,
                },
            )
    except IntegrityError as exc:
        # active_id_number is unique: one person is under supervision once.
        await audit.record_refusal(
            call,
            "person.enroll",
            "conflict",
            summary={"idNumberLast4": id_no[-4:], "orgUnitId": unit.id},
        )
        await limits.hit(call, *duplicates)
        raise Conflict(
            "This person is already under supervision. Ask a supervisor about a transfer.",
            field="idNumber",
        ) from exc
    return Enrolled(person, code)


async def _issue_code(call: Call, person: SupervisedPerson, code: str) -> None:
    await ActivationCode.create(
        person=person,
        code_hash=code_hash(code),
        created_at=call.now,
        expires_at=call.now + ACTIVATION_CODE_LIFETIME,
    )


async def reissue_activation_code(call: Call, person_id: int) -> str:
    """A new one-time code; every earlier unused code stops working."""
    code = new_code()
    async with in_transaction():
        person = await _person(call, person_id, STAFF, lock=True)
        if person.account_id is not None:
            raise Conflict("The person has already activated an account.")
        await ActivationCode.filter(person_id=person.id, used_at=None, voided_at=None).update(
            voided_at=call.now
        )
        await _issue_code(call, person, code)
        await audit.record(
            call, "person.reissue_code", target_type="SupervisedPerson", target_id=person.id
        )
    return code


async def activate_account(
    call: Call, code: str, username: str, password: str
) -> accounts.SignedIn:
    """The person turns the code from intake into an account on a phone; once only."""
    name = accounts.check_username(username)
    check_password_rules(password)
    invalid = BadInput("The activation code is not valid or has expired.", field="code")
    found = await ActivationCode.get_or_none(code_hash=code_hash(code))
    if found is None or found.used_at or found.voided_at or found.expires_at <= call.now:
        raise invalid
    password_hash = hash_password(call.settings, password)
    try:
        async with in_transaction():
            # Marking the code used is the guard: of two concurrent activations
            # only one changes the row.
            claimed = await ActivationCode.filter(
                id=found.id, used_at=None, voided_at=None, expires_at__gt=call.now
            ).update(used_at=call.now)
            if not claimed:
                raise invalid
            person = await SupervisedPerson.select_for_update().get(id=found.person_id)
            if person.account_id is not None:
                raise invalid
            unit = await OrgUnit.get(id=person.org_unit_id)
            user = await User.create(
                username=name,
                display_name=person.full_name,
                role=Role.SUPERVISED_PERSON,
                # The office's unit, so the person's own actions are in its audit scope.
                org_unit=unit,
                locale="zh-CN",
                password_hash=password_hash,
                phone=person.phone,
            )
            person.account = user
            await person.save(update_fields=["account_id"])
            await ActivationCode.filter(person_id=person.id, used_at=None, voided_at=None).update(
                voided_at=call.now
            )
            signed_in = await accounts.open_session(call, user)
            call.viewer = accounts.viewer_of(user, unit)
            await audit.record(
                call,
                "person.activate",
                target_type="SupervisedPerson",
                target_id=person.id,
                summary={"username": name},
            )
    except IntegrityError as exc:
        raise Conflict("That username is taken.", field="username") from exc
    return signed_in


# ---------------------------------------------------------------- plan and status


async def set_check_in_plan(
    call: Call, person_id: int, interval_days: int, grace_hours: int
) -> SupervisedPerson:
    """The officer adjusts how often the person reports (实施办法 §23: levels are reviewed)."""
    interval = int_range(interval_days, "intervalDays", *INTERVAL_DAYS_RANGE)
    grace = int_range(grace_hours, "graceHours", *GRACE_HOURS_RANGE)
    async with in_transaction():
        person = await _person(call, person_id, STAFF, lock=True)
        before = {"intervalDays": person.check_in_interval_days, "graceHours": person.grace_hours}
        person.check_in_interval_days = interval
        person.grace_hours = grace
        await person.save(update_fields=["check_in_interval_days", "grace_hours"])
        await _refresh_schedule(person)
        await audit.record(
            call,
            "person.set_plan",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"before": before, "intervalDays": interval, "graceHours": grace},
        )
    return person


async def set_supervision_status(
    call: Call, person_id: int, status: SupervisionStatus, note: str
) -> SupervisedPerson:
    """Change the status with a reason; losing contact (脱管) and regaining it alert
    the officer and the supervisors above at once (法 §30, 实施办法 §37)."""
    new = SupervisionStatus(status)
    reason = _note(note, "note", required=True)
    async with in_transaction():
        person = await _person(call, person_id, STAFF, lock=True)
        old = SupervisionStatus(person.status)
        if old == new:
            return person
        if old in FINAL_STATUSES:
            raise Conflict("Supervision has ended; enrol the person again for a new term.")
        person.status = new
        if new in FINAL_STATUSES:
            # No longer under supervision: the ID may be enrolled again.
            person.active_id_number = None
        await person.save(update_fields=["status", "active_id_number"])
        await audit.record(
            call,
            "person.set_status",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"from": old, "to": new, "note": reason},
        )
        if new == SupervisionStatus.ABSCONDED:
            await _alert(call, person, "person.absconded", urgency="high")
        elif old == SupervisionStatus.ABSCONDED and new == SupervisionStatus.ACTIVE:
            await _alert(call, person, "person.contact_restored", urgency="normal")
    return person


async def _alert(call: Call, person: SupervisedPerson, kind: str, *, urgency: str) -> None:
    unit = await OrgUnit.get(id=person.org_unit_id)
    recipients = {u.id: u for u in await notices.supervisors_above(unit.path)}
    if person.officer_id is not None:
        officer = await User.get_or_none(id=person.officer_id, is_active=True)
        if officer is not None:
            recipients[officer.id] = officer
    await notices.enqueue(
        call,
        recipients.values(),
        kind,
        subject_type="SupervisedPerson",
        subject_id=person.id,
        # Each change is its own alert: absconding twice alerts twice.
        period=call.now.isoformat(),
        url=links.person(person.id),
        params={"name": person.full_name},
        alert=True,
        urgency=urgency,
    )


# ---------------------------------------------------------------- check-ins


async def submit_check_in(
    call: Call,
    *,
    client_id: str,
    person_id: int | None,
    kind: CheckInKind,
    captured_at: datetime,
    latitude_deg: float | None,
    longitude_deg: float | None,
    accuracy: float | None,
    note: str | None,
) -> CheckIn:
    """Store a check-in once per clientId, made offline or not (实施办法 §24 报告).

    A replay from the same account returns the stored row unchanged; the same
    clientId from another account is CONFLICT (api/domain/idempotency.py). Lateness is judged on the
    device's capturedAt, so a report made on time and sent later is on time.
    """
    viewer = scope.require_role(call, {Role.SUPERVISED_PERSON, Role.OFFICER})
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        CheckIn,
        cid,
        viewer,
        lambda stored: stored.recorded_by_id,
        _store_check_in(
            call,
            viewer,
            cid,
            person_id=person_id,
            kind=CheckInKind(kind),
            captured_at=captured_at,
            latitude_deg=latitude_deg,
            longitude_deg=longitude_deg,
            accuracy=accuracy,
            note=note,
        ),
    )


async def _store_check_in(
    call: Call,
    viewer: Viewer,
    cid: str,
    *,
    person_id: int | None,
    kind: CheckInKind,
    captured_at: datetime,
    latitude_deg: float | None,
    longitude_deg: float | None,
    accuracy: float | None,
    note: str | None,
) -> CheckIn:
    if viewer.role is Role.SUPERVISED_PERSON and kind is not CheckInKind.SELF_REPORT:
        raise BadInput("A person reports with SELF_REPORT.", field="kind")
    if viewer.role is Role.OFFICER:
        if kind is CheckInKind.SELF_REPORT:
            raise BadInput("An officer records IN_PERSON or HOME_VISIT.", field="kind")
        if person_id is None:
            raise BadInput("Name the person.", field="personId")
    captured = device_time(captured_at, "capturedAt", call.now)
    lat = lon = acc = None
    if latitude_deg is not None or longitude_deg is not None:
        if latitude_deg is None or longitude_deg is None:
            field = "latitude" if latitude_deg is None else "longitude"
            raise BadInput("A location needs both latitude and longitude.", field=field)
        lat = latitude(latitude_deg, "latitude")
        lon = longitude(longitude_deg, "longitude")
    if accuracy is not None:
        acc = accuracy_meters(accuracy, "accuracyMeters")
    # An in-person report is what the person said: with no note it would
    # clear an overdue person on a tap and record nothing.
    text_note = _note(note, "note", required=kind is CheckInKind.IN_PERSON)
    async with in_transaction():
        person = await _check_in_person(call, viewer, person_id)
        if person.status != SupervisionStatus.ACTIVE:
            raise BadInput("Only a person under active supervision checks in.", field="personId")
        if captured < person.enrolled_at:
            raise BadInput("capturedAt is before enrolment.", field="capturedAt")
        # The row's last_check_in_at is the newest accepted capturedAt (kept
        # so under this lock). Captured after it, the common case, the new
        # check-in becomes the newest and nothing needs counting; captured at
        # or before it (an offline report sent late), the schedule stays and
        # only the lateness needs the check-ins before it.
        newest = person.last_check_in_at is None or captured > person.last_check_in_at
        # "Due at that time": the schedule as it stood when the device
        # recorded it, from the accepted check-ins made before it.
        before = (
            person.last_check_in_at
            if newest
            else await _last_accepted_at(person.id, before=captured)
        )
        due = plan_schedule(
            person.enrolled_at, before, person.check_in_interval_days, person.grace_hours
        )
        # What an officer records in person needs no review of its own.
        by_officer = viewer.role is Role.OFFICER
        row = await CheckIn.create(
            client_id=cid,
            person_id=person.id,
            kind=kind,
            captured_at=captured,
            received_at=call.now,
            latitude=lat,
            longitude=lon,
            accuracy_meters=acc,
            note=text_note,
            late=captured > due.overdue_at,
            status=CheckInStatus.VERIFIED if by_officer else CheckInStatus.PENDING_REVIEW,
            recorded_by_id=viewer.id,
            reviewed_by_id=viewer.id if by_officer else None,
            reviewed_at=call.now if by_officer else None,
        )
        if newest:
            await _save_schedule(
                person,
                plan_schedule(
                    person.enrolled_at,
                    captured,
                    person.check_in_interval_days,
                    person.grace_hours,
                ),
            )
        await audit.record(
            call,
            "checkin.submit",
            target_type="CheckIn",
            target_id=row.id,
            summary={"personId": person.id, "kind": kind, "late": row.late},
        )
    return row


async def _check_in_person(call: Call, viewer: Viewer, person_id: int | None) -> SupervisedPerson:
    if viewer.role is Role.SUPERVISED_PERSON:
        person = await _locked_person_of_account(viewer.id)
        if person is None or (person_id is not None and person_id != person.id):
            raise scope.not_found("Supervised person")
        return person
    assert person_id is not None
    return await _person(call, person_id, frozenset({Role.OFFICER}), lock=True)


async def _locked_person_of_account(account_id: int) -> SupervisedPerson | None:
    """The person of an account, its row locked for this transaction.

    Every self-report starts here, so the statement is written out rather
    than built by the ORM on each call (see api/domain/sql.py).
    """
    conn = sql.connection()
    bind = sql.Binder(conn)
    text = f"{sql.select_all(SupervisedPerson)} WHERE account_id = {bind(account_id)}"
    rows = await sql.models(SupervisedPerson, text + sql.for_update(conn), bind.values)
    return rows[0] if rows else None


MAX_REVIEW_BATCH = 100


async def review_check_in(
    call: Call, check_in_id: int, status: CheckInStatus, note: str | None
) -> CheckIn:
    """Verify or reject a self-report; a rejection tells the person why and
    the schedule falls back to the check-in before it."""
    (row,) = await review_check_ins(call, [check_in_id], status, note)
    return row


async def review_check_ins(
    call: Call, check_in_ids: Sequence[int], status: CheckInStatus, note: str | None
) -> list[CheckIn]:
    """Review several check-ins at once (the review queue's "confirm all" for
    a person who tapped more than once), all or nothing: one transaction, and
    any id the viewer may not act on refuses the whole batch as NOT_FOUND."""
    viewer = scope.require_role(call, STAFF)
    new = CheckInStatus(status)
    if new is CheckInStatus.PENDING_REVIEW:
        raise BadInput("Review as VERIFIED or REJECTED.", field="status")
    reason = _note(note, "note", required=new is CheckInStatus.REJECTED)
    ids = list(dict.fromkeys(check_in_ids))
    if not ids:
        raise BadInput("Name at least one check-in.", field="ids")
    if len(ids) > MAX_REVIEW_BATCH:
        raise BadInput(f"At most {MAX_REVIEW_BATCH} check-ins at once.", field="ids")
    found = await CheckIn.filter(id__in=ids).values_list("id", "person_id")
    if len(found) != len(ids):
        raise scope.not_found("Check-in")
    async with in_transaction():
        persons: dict[int, SupervisedPerson] = {}
        # Locked in id order, so two batches over the same people cannot deadlock.
        for person_id in sorted({pid for _, pid in found}):
            try:
                persons[person_id] = await _person(call, person_id, STAFF, lock=True)
            except NotFound as exc:
                raise scope.not_found("Check-in") from exc
        rows = {r.id: r for r in await CheckIn.filter(id__in=ids).select_for_update()}
        previous = {i: CheckInStatus(r.status) for i, r in rows.items()}
        await CheckIn.filter(id__in=ids).update(
            status=new, reviewed_by_id=viewer.id, reviewed_at=call.now, review_note=reason
        )
        for person in persons.values():
            await _refresh_schedule(person)
        for i in ids:
            row = rows[i]
            row.status = new
            row.reviewed_by_id = viewer.id
            row.reviewed_at = call.now
            row.review_note = reason  # type: ignore[assignment]  # nullable TextField
            await audit.record(
                call,
                "checkin.review",
                target_type="CheckIn",
                target_id=row.id,
                summary={"personId": row.person_id, "from": previous[i], "to": new, "note": reason},
            )
        if new is CheckInStatus.REJECTED:
            await _tell_rejected(call, [rows[i] for i in ids], persons, reason)
    return [rows[i] for i in ids]


async def _tell_rejected(
    call: Call,
    rows: Sequence[CheckIn],
    persons: dict[int, SupervisedPerson],
    reason: str | None,
) -> None:
    for row in rows:
        person = persons[row.person_id]
        if person.account_id is None:
            continue
        account = await User.get(id=person.account_id)
        await notices.enqueue(
            call,
            [account],
            "checkin.rejected",
            subject_type="CheckIn",
            subject_id=row.id,
            period="",
            url=links.home(),
            params={"note": reason or ""},
        )


# ---------------------------------------------------------------- reading


async def read_person(call: Call, person_id: int) -> SupervisedPerson:
    """One person's full record; every such read is on the audit log."""
    person = await _person(call, person_id, READERS)
    await audit.record(call, "person.read", target_type="SupervisedPerson", target_id=person.id)
    return person


async def check_ins_of(
    person_id: int, *, limit: int, after: paging.TimePosition | None
) -> paging.Page[CheckIn]:
    """A person's check-ins, newest capturedAt first. The caller holds a person
    already checked for scope."""
    query = CheckIn.filter(person_id=person_id)
    total = await query.count()
    if after is not None:
        query = query.filter(Q(captured_at__lt=after.at) | Q(captured_at=after.at, id__lt=after.id))
    rows = await query.order_by("-captured_at", "-id").limit(limit + 1)
    return paging.page_of(rows, limit, _check_in_position, total=total)


async def pending_check_ins(
    call: Call, *, limit: int, after: paging.TimePosition | None
) -> paging.Page[CheckIn]:
    """Self-reports waiting for review of persons in the viewer's offices, oldest
    capturedAt first, so the longest-waiting are reviewed first."""
    scope.require_role(call, STAFF)
    unit_ids = await scope.unit_ids_in_scope(call)
    query = CheckIn.filter(status=CheckInStatus.PENDING_REVIEW, person__org_unit_id__in=unit_ids)
    total = await query.count()
    if after is not None:
        query = query.filter(Q(captured_at__gt=after.at) | Q(captured_at=after.at, id__gt=after.id))
    rows = await query.order_by("captured_at", "id").limit(limit + 1)
    return paging.page_of(rows, limit, _check_in_position, total=total)


def _check_in_position(row: CheckIn) -> paging.TimePosition:
    return paging.TimePosition(row.captured_at, row.id)


# ---------------------------------------------------------------- dashboard


@dataclass(frozen=True)
class CorrectionsFigures:
    active_persons: int
    overdue_persons: int
    check_ins_last_30_days: int
    on_time_rate_last_30_days: float | None


_PERSON_FIGURES = """SELECT COUNT(*) AS active,
 COALESCE(SUM(CASE WHEN overdue_at < {0} THEN 1 ELSE 0 END), 0) AS overdue
 FROM supervised_person WHERE status = 'ACTIVE' AND org_unit_id IN ({1})"""
_CHECK_IN_FIGURES = """SELECT COUNT(*) AS total,
 COALESCE(SUM(CASE WHEN c.late THEN 0 ELSE 1 END), 0) AS on_time
 FROM check_in c JOIN supervised_person p ON p.id = c.person_id
 WHERE c.captured_at >= {0} AND c.status <> 'REJECTED' AND p.org_unit_id IN ({1})"""


async def dashboard_figures(unit_ids: Sequence[int], now: datetime) -> CorrectionsFigures:
    """Counts for the dashboard: two aggregate statements, whatever the data's size.

    Each statement counts every figure of its table in one pass; the 30-day
    check-ins are an index-only range scan on (captured_at, person_id, late,
    status). Rejected check-ins do not count.
    """
    ids = list(unit_ids)
    if not ids:
        return CorrectionsFigures(0, 0, 0, None)
    conn = sql.connection()
    by_persons, by_check_ins = sql.Binder(conn), sql.Binder(conn)
    persons = _PERSON_FIGURES.format(
        by_persons(sql.db_value(CheckIn, "captured_at", now)), by_persons.many(ids)
    )
    since = sql.db_value(CheckIn, "captured_at", now - timedelta(days=30))
    check_ins = _CHECK_IN_FIGURES.format(by_check_ins(since), by_check_ins.many(ids))
    (person_row,) = (await conn.execute_query(persons, by_persons.values))[1]
    (check_in_row,) = (await conn.execute_query(check_ins, by_check_ins.values))[1]
    active, overdue = int(person_row["active"]), int(person_row["overdue"])
    total, on_time = int(check_in_row["total"]), int(check_in_row["on_time"])
    return CorrectionsFigures(
        active_persons=active,
        overdue_persons=overdue,
        check_ins_last_30_days=total,
        on_time_rate_last_30_days=on_time / total if total else None,
    )
