"""Check-ins: a person's own reports and an officer's visits, their review and lists.

The office must know where the person is (法 §23, 实施办法 §24 报告); the
schedule each check-in moves is kept by api/domain/corrections/schedule.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, scope, sql
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, NotFound
from api.domain.common.validators import (
    accuracy_meters,
    client_uuid,
    device_time,
    point,
)
from api.domain.corrections import ending, identity, photos, places
from api.domain.corrections import wellbeing as wellbeing_answers
from api.domain.corrections.persons import STAFF, alert, note_text, person_for
from api.domain.corrections.schedule import (
    is_report,
    last_accepted_at,
    plan_schedule,
    refresh_schedule,
    save_schedule,
)
from api.domain.notices import notices
from api.models.accounts import User
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import CheckInKind, CheckInStatus, Role, SupervisionStatus


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
    photo: str | None = None,
    wellbeing: wellbeing_answers.Answers | None = None,
) -> CheckIn:
    """Store a check-in once per clientId, made offline or not (实施办法 §24 报告).

    A replay from the same account returns the stored row unchanged; the same
    clientId from another account is CONFLICT (api/domain/common/idempotency.py).
    Lateness is judged on the device's capturedAt, so a report made on time
    and sent later is on time.
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
            photo=photo,
            wellbeing=wellbeing,
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
    photo: str | None,
    wellbeing: wellbeing_answers.Answers | None,
) -> CheckIn:
    # Ended (released, revoked, terminated): the account reads its history only.
    await ending.require_account_writable(call)
    if viewer.role is Role.SUPERVISED_PERSON and kind is not CheckInKind.SELF_REPORT:
        raise BadInput("CHECK_IN_SELF_REPORT_ONLY", field="kind")
    if viewer.role is Role.OFFICER:
        if kind is CheckInKind.SELF_REPORT:
            raise BadInput("CHECK_IN_OFFICER_KIND", field="kind")
        if person_id is None:
            raise BadInput("PERSON_REQUIRED", field="personId")
    captured = device_time(captured_at, "capturedAt", call.now)
    where = point(latitude_deg, longitude_deg, "latitude", "longitude")
    acc = None
    if accuracy is not None:
        acc = accuracy_meters(accuracy, "accuracyMeters")
    # An in-person report is what the person said: with no note it would
    # clear an overdue person on a tap and record nothing.
    text_note = note_text(note, "note", required=kind is CheckInKind.IN_PERSON)
    # Identity at check-in (identity.py): the person's own report carries the app's photo.
    jpeg = None
    if photo is not None:
        if not identity.carries_photo(kind):
            raise BadInput("PHOTO_SELF_REPORT_ONLY", field="photo")
        jpeg = photos.jpeg_from_base64(photo, "photo")
    # The person's own answers (wellbeing.py): asked of a self-report only.
    answers = wellbeing_answers.checked(wellbeing)
    if answers is not None and kind is not CheckInKind.SELF_REPORT:
        raise BadInput("WELLBEING_SELF_REPORT_ONLY", field="wellbeing")
    async with in_transaction():
        person = await _check_in_person(call, viewer, person_id)
        absconded = person.status == SupervisionStatus.ABSCONDED
        # A person marked 脱管 who reports from the phone is the surest sign of
        # where they are (社区矫正法 Art. 30: the search goes on until found):
        # the report is taken, reviewed like any other, and alerts at once.
        # The officer, who would first find the person, marks them found.
        if not (
            person.status == SupervisionStatus.ACTIVE
            or (absconded and kind is CheckInKind.SELF_REPORT)
        ):
            raise BadInput("CHECK_IN_NOT_ACTIVE", field="personId")
        if captured < person.enrolled_at:
            raise BadInput("CHECK_IN_BEFORE_ENROLMENT", field="capturedAt")
        # The row's last_check_in_at is the newest accepted report's capturedAt
        # (kept so under this lock). Captured after it, the common case, the
        # new report becomes the newest and nothing needs counting; captured
        # at or before it (an offline report sent late), the schedule stays
        # and only the lateness needs the reports before it. A home visit is
        # no report (schedule.REPORT_KINDS): it leaves the schedule as it is.
        counts = is_report(kind)
        newest = counts and (person.last_check_in_at is None or captured > person.last_check_in_at)
        late = False  # a visit is the office's own check, never late
        if counts:
            # "Due at that time": the schedule as it stood when the device
            # recorded it, from the accepted reports made before it.
            before = (
                person.last_check_in_at
                if newest
                else await last_accepted_at(person.id, before=captured)
            )
            due = plan_schedule(
                person.enrolled_at, before, person.check_in_interval_days, person.grace_hours
            )
            late = captured > due.overdue_at
        # What an officer records in person needs no review of its own.
        by_officer = viewer.role is Role.OFFICER
        row = await CheckIn.create(
            client_id=cid,
            person_id=person.id,
            kind=kind,
            captured_at=captured,
            received_at=call.now,
            latitude=where[0] if where else None,
            longitude=where[1] if where else None,
            accuracy_meters=acc,
            **(await places.measured(person, where, captured)),
            note=text_note,
            late=late,
            status=CheckInStatus.VERIFIED if by_officer else CheckInStatus.PENDING_REVIEW,
            recorded_by_id=viewer.id,
            reviewed_by_id=viewer.id if by_officer else None,
            reviewed_at=call.now if by_officer else None,
        )
        if jpeg is not None:
            await identity.attach_check_in_photo(call, row, jpeg)
        await wellbeing_answers.store(row, answers)
        if newest:
            await save_schedule(
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
            summary={
                "personId": person.id,
                "kind": kind,
                "late": row.late,
                "photo": jpeg is not None,
            },
        )
        if absconded:
            await alert(call, person, "person.reported_while_absconded", urgency="high")
    return row


async def _check_in_person(call: Call, viewer: Viewer, person_id: int | None) -> SupervisedPerson:
    if viewer.role is Role.SUPERVISED_PERSON:
        person = await _locked_person_of_account(viewer.id)
        if person is None or (person_id is not None and person_id != person.id):
            raise scope.not_found("PERSON_NOT_FOUND")
        return person
    assert person_id is not None
    return await person_for(call, person_id, frozenset({Role.OFFICER}), lock=True)


async def _locked_person_of_account(account_id: int) -> SupervisedPerson | None:
    """The person of an account, its row locked for this transaction.

    Every self-report starts here, so the statement is written out rather
    than built by the ORM on each call (see api/domain/common/sql.py).
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
        raise BadInput("REVIEW_STATUS", field="status")
    reason = note_text(note, "note", required=new is CheckInStatus.REJECTED)
    ids = list(dict.fromkeys(check_in_ids))
    if not ids:
        raise BadInput("REVIEW_NONE", field="ids")
    if len(ids) > MAX_REVIEW_BATCH:
        raise BadInput("REVIEW_TOO_MANY", field="ids", max=MAX_REVIEW_BATCH)
    found = await CheckIn.filter(id__in=ids).values_list("id", "person_id")
    if len(found) != len(ids):
        raise scope.not_found("CHECK_IN_NOT_FOUND")
    async with in_transaction():
        persons: dict[int, SupervisedPerson] = {}
        # Locked in id order, so two batches over the same people cannot deadlock.
        for person_id in sorted({pid for _, pid in found}):
            try:
                persons[person_id] = await person_for(call, person_id, STAFF, lock=True)
            except NotFound as exc:
                raise scope.not_found("CHECK_IN_NOT_FOUND") from exc
        rows = {r.id: r for r in await CheckIn.filter(id__in=ids).select_for_update()}
        previous = {i: CheckInStatus(r.status) for i, r in rows.items()}
        await CheckIn.filter(id__in=ids).update(
            status=new, reviewed_by_id=viewer.id, reviewed_at=call.now, review_note=reason
        )
        for person in persons.values():
            await refresh_schedule(person)
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
    unit_ids = await scope.corrections_unit_ids(call)
    query = CheckIn.filter(status=CheckInStatus.PENDING_REVIEW, person__org_unit_id__in=unit_ids)
    total = await query.count()
    if after is not None:
        query = query.filter(Q(captured_at__gt=after.at) | Q(captured_at=after.at, id__gt=after.id))
    rows = await query.order_by("captured_at", "id").limit(limit + 1)
    return paging.page_of(rows, limit, _check_in_position, total=total)


def _check_in_position(row: CheckIn) -> paging.TimePosition:
    return paging.TimePosition(row.captured_at, row.id)
