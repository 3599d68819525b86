"""Leave (外出) and change of residence (迁居): asked from the phone, decided by the
level the rules set, the return reported (社区矫正法 Art. 27).

The person asks through the phone's outbox (`request_leave`, once per
clientId); the level that decides is computed from the length and the
earlier approved leaves (leave_rules.py) and computed again when it is
decided, since a leave approved meanwhile counts towards the two months.
The person is told of the decision by a notice (push, or SMS behind it).

During an approved leave the person reports as usual: a check-in is judged
on its time only (check_ins.py), never on where it was made, so one made at
the destination is accepted as any other and nothing needs changing there.
A return reported after the leave's last day, or none by then, is recorded
as a violation by the app (violations.py).
"""

from __future__ import annotations

import base64
import binascii
import io
from datetime import date, datetime, timedelta

from PIL import Image, UnidentifiedImageError
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.common.periods import local_day
from api.domain.common.validators import client_uuid, device_time, text
from api.domain.corrections import ending, leave_rules, persons, records, violations
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.enums import Role, SupervisionStatus
from api.models.leave import LeaveEvidence, LeaveKind, LeaveLevel, LeaveRequest, LeaveStatus
from api.models.sanctions import ViolationKind

DESTINATION_MAX = 200
REASON_MAX = 2000
# A photo of a ticket or a letter, resized on the phone: a few hundred KB at most.
EVIDENCE_MAX_BYTES = 300 * 1024
EVIDENCE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# Open requests a new leave may not overlap.
HELD = (LeaveStatus.PENDING, LeaveStatus.APPROVED)
REQUESTERS = frozenset({Role.SUPERVISED_PERSON, Role.OFFICER})


def evidence_photo(value: str, field: str) -> tuple[str, bytes]:
    """A small base64 image (a data: URL or bare), checked to be a JPEG, PNG or
    WebP that Pillow reads; its content type and bytes."""
    raw = value.split(",", 1)[1] if value.startswith("data:") else value
    try:
        data = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise BadInput("EVIDENCE_NOT_IMAGE", field=field) from None
    if len(data) > EVIDENCE_MAX_BYTES:
        raise BadInput("EVIDENCE_TOO_LARGE", field=field, max=EVIDENCE_MAX_BYTES // 1024)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = image.format
    # A picture claiming to be huge (a decompression bomb) is no proof either.
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise BadInput("EVIDENCE_NOT_IMAGE", field=field) from None
    if kind not in EVIDENCE_TYPES:
        raise BadInput("EVIDENCE_NOT_IMAGE", field=field)
    return EVIDENCE_TYPES[kind], data


async def request_leave(
    call: Call,
    *,
    client_id: str,
    person_id: int | None,
    kind: LeaveKind,
    starts_on: date,
    ends_on: date | None,
    destination: str,
    reason: str,
    captured_at: datetime,
    evidence: str | None,
) -> LeaveRequest:
    """A request to leave the city or county, or to move (法 Art. 27 ¶1), stored
    once per clientId: a replay from the same account gets it back."""
    viewer = scope.require_role(call, REQUESTERS)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        LeaveRequest,
        cid,
        viewer,
        lambda stored: stored.requested_by_id,
        _store_request(
            call,
            viewer,
            cid,
            person_id=person_id,
            kind=LeaveKind(kind),
            starts_on=starts_on,
            ends_on=ends_on,
            destination=destination,
            reason=reason,
            captured_at=captured_at,
            evidence=evidence,
        ),
    )


async def _store_request(
    call: Call,
    viewer: Viewer,
    cid: str,
    *,
    person_id: int | None,
    kind: LeaveKind,
    starts_on: date,
    ends_on: date | None,
    destination: str,
    reason: str,
    captured_at: datetime,
    evidence: str | None,
) -> LeaveRequest:
    await ending.require_account_writable(call)
    captured = device_time(captured_at, "capturedAt", call.now)
    place = text(destination, "destination", max_len=DESTINATION_MAX)
    why = text(reason, "reason", max_len=REASON_MAX)
    photo = None if not evidence else evidence_photo(evidence, "evidence")
    # Asked ahead: not for days already past when the phone recorded it.
    if starts_on < local_day(captured):
        raise BadInput("LEAVE_STARTS_IN_PAST", field="startsOn")
    if kind is LeaveKind.LEAVE:
        if ends_on is None:
            raise BadInput("LEAVE_END_REQUIRED", field="endsOn")
        if ends_on < starts_on:
            raise BadInput("LEAVE_ENDS_BEFORE_START", field="endsOn")
    elif ends_on is not None:
        raise BadInput("RESIDENCE_CHANGE_HAS_NO_END", field="endsOn")
    async with in_transaction():
        person = await _requesting_person(call, viewer, person_id)
        if SupervisionStatus(person.status) is not SupervisionStatus.ACTIVE:
            raise BadInput("LEAVE_NOT_ACTIVE", field="personId")
        if (ends_on or starts_on) > person.term_end:
            raise BadInput("LEAVE_AFTER_TERM", field="endsOn" if ends_on else "startsOn")
        unit = await OrgUnit.get(id=person.org_unit_id)
        if kind is LeaveKind.LEAVE:
            assert ends_on is not None
            await _refuse_overlap(person.id, starts_on, ends_on)
            level = await leave_rules.leave_level(
                unit, person.id, starts_on, ends_on, on=local_day(call.now)
            )
            decided_by, days, window = level.level, level.days, level.window_days
        else:
            if await LeaveRequest.exists(
                person_id=person.id, kind=LeaveKind.RESIDENCE_CHANGE, status=LeaveStatus.PENDING
            ):
                raise Conflict("RESIDENCE_CHANGE_PENDING", field="personId")
            # 法 Art. 27 ¶2: the county body decides a change of the place of execution.
            decided_by, days, window = LeaveLevel.COUNTY, None, None
        row = await LeaveRequest.create(
            client_id=cid,
            person_id=person.id,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            destination=place,
            reason=why,
            days=days,
            window_days=window,
            level=decided_by,
            captured_at=captured,
            requested_by_id=viewer.id,
            requested_at=call.now,
        )
        if photo is not None:
            await LeaveEvidence.create(leave_id=row.id, content_type=photo[0], data=photo[1])
        await audit.record(
            call,
            "leave.request",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "leave": row.id,
                "kind": kind,
                "startsOn": starts_on.isoformat(),
                "endsOn": ends_on.isoformat() if ends_on else None,
                "level": decided_by,
                "evidence": photo is not None,
            },
        )
        await notices.enqueue(
            call,
            await persons.alert_recipients(person),
            "leave.requested",
            subject_type="LeaveRequest",
            subject_id=row.id,
            period="",
            url=links.person(person.id),
            alert=True,
        )
    return row


async def _requesting_person(call: Call, viewer: Viewer, person_id: int | None) -> SupervisedPerson:
    if viewer.role is Role.SUPERVISED_PERSON:
        person = await SupervisedPerson.select_for_update().get_or_none(account_id=viewer.id)
        if person is None or (person_id is not None and person_id != person.id):
            raise scope.not_found("PERSON_NOT_FOUND")
        return person
    if person_id is None:
        raise BadInput("PERSON_REQUIRED", field="personId")
    return await persons.person_for(call, person_id, persons.STAFF, lock=True)


async def _refuse_overlap(person_id: int, starts_on: date, ends_on: date) -> None:
    """One leave at a time: a request overlapping one pending or approved is refused."""
    if await LeaveRequest.exists(
        person_id=person_id,
        kind=LeaveKind.LEAVE,
        status__in=list(HELD),
        starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    ):
        raise Conflict("LEAVE_OVERLAP", field="startsOn")


async def _leave_for(
    call: Call, leave_id: int, roles: frozenset[Role]
) -> tuple[LeaveRequest, SupervisedPerson]:
    """The leave, locked, with its person (locked), if the viewer may act on the
    person; NOT_FOUND otherwise."""
    scope.require_role(call, roles)
    found = await LeaveRequest.filter(id=leave_id).only("id", "person_id").first()
    if found is None:
        raise scope.not_found("LEAVE_NOT_FOUND")
    try:
        person = await persons.person_for(call, found.person_id, roles, lock=True)
    except NotFound as exc:
        raise scope.not_found("LEAVE_NOT_FOUND") from exc
    row = await LeaveRequest.filter(id=leave_id).select_for_update().get()
    return row, person


async def decide_leave(
    call: Call,
    leave_id: int,
    *,
    approve: bool,
    note: str | None,
    approving_body: str | None,
) -> LeaveRequest:
    """Approve or refuse, by the level that decides it (leave_rules.py): the
    office's staff up to its level, the county body above it, and for the level
    above the county the county body records that body's decision, named.
    A refusal gives its reasons: a proper reason must be approved (法 Art. 27 ¶1)."""
    viewer = scope.require_role(call, persons.STAFF)
    reason = persons.note_text(note, "note", required=not approve)
    async with in_transaction():
        row, person = await _leave_for(call, leave_id, persons.STAFF)
        if LeaveStatus(row.status) is not LeaveStatus.PENDING:
            raise Conflict("LEAVE_DECIDED", field="leaveId")
        if row.kind == LeaveKind.LEAVE:
            assert row.ends_on is not None
            unit = await OrgUnit.get(id=person.org_unit_id)
            level = await leave_rules.leave_level(
                unit, person.id, row.starts_on, row.ends_on, on=local_day(call.now), leave_id=row.id
            )
            row.level, row.window_days = level.level, level.window_days
        body = None
        if row.level != LeaveLevel.OFFICE and not leave_rules.is_county_body(call):
            raise Forbidden("LEAVE_DECIDED_BY_COUNTY")
        if row.level == LeaveLevel.ABOVE:
            if not approving_body or not approving_body.strip():
                raise BadInput("LEAVE_APPROVING_BODY_REQUIRED", field="approvingBody")
            body = ending.body_name(approving_body, "approvingBody")
        if approve and SupervisionStatus(person.status) is not SupervisionStatus.ACTIVE:
            raise Conflict("LEAVE_NOT_ACTIVE", field="leaveId")
        row.status = LeaveStatus.APPROVED if approve else LeaveStatus.REFUSED
        row.decided_by_id = viewer.id
        row.decided_at = call.now
        row.decision_note = reason  # type: ignore[assignment]  # nullable TextField
        row.approving_body = body
        await row.save(
            update_fields=[
                "status",
                "level",
                "window_days",
                "decided_by_id",
                "decided_at",
                "decision_note",
                "approving_body",
            ]
        )
        await audit.record(
            call,
            "leave.decide",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "leave": row.id,
                "status": row.status,
                "level": row.level,
                "note": reason,
                "approvingBody": body,
            },
        )
        await _tell_person(call, person, "leave.approved" if approve else "leave.refused", row.id)
    return row


async def _tell_person(call: Call, person: SupervisedPerson, kind: str, leave_id: int) -> None:
    if person.account_id is None:
        return
    account = await User.get(id=person.account_id)
    await notices.enqueue(
        call,
        [account],
        kind,
        subject_type="LeaveRequest",
        subject_id=leave_id,
        period="",
        url=links.home(),
    )


async def report_return(call: Call, leave_id: int, *, returned_at: datetime) -> LeaveRequest:
    """The person reports back (or the officer records it); after the leave's last
    day it is a late return, on the record as a violation. Reported again, the
    stored return is answered unchanged (the phone's outbox resends)."""
    scope.require_role(call, persons.READERS)
    when = device_time(returned_at, "returnedAt", call.now)
    async with in_transaction():
        row, person = await _leave_for(call, leave_id, persons.READERS)
        if LeaveStatus(row.status) is LeaveStatus.RETURNED:
            return row
        if row.kind != LeaveKind.LEAVE or LeaveStatus(row.status) is not LeaveStatus.APPROVED:
            raise Conflict("LEAVE_NOT_APPROVED", field="leaveId")
        assert row.ends_on is not None
        day = local_day(when)
        if day < row.starts_on:
            raise BadInput("RETURN_BEFORE_LEAVE", field="returnedAt")
        row.status = LeaveStatus.RETURNED
        row.returned_at = when
        row.returned_on = day
        row.return_late = day > row.ends_on
        await row.save(update_fields=["status", "returned_at", "returned_on", "return_late"])
        await audit.record(
            call,
            "leave.return",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"leave": row.id, "returnedOn": day.isoformat(), "late": row.return_late},
        )
        if row.return_late:
            days = (day - row.ends_on).days
            await violations.record_by_app(
                call,
                person,
                violations.late_return_key(row.id),
                kind=ViolationKind.LATE_RETURN,
                occurred_on=row.ends_on + timedelta(days=1),
                facts=violations.late_return_facts(row, days, returned=True),
                days=None,
                leave_id=row.id,
            )
    return row


async def leave_requests(
    call: Call,
    *,
    person_id: int | None,
    status: LeaveStatus | None,
    limit: int,
    after: paging.IdPosition | None,
) -> paging.Page[LeaveRequest]:
    filters = {} if status is None else {"status": LeaveStatus(status)}
    return await records.person_records(
        call, LeaveRequest, person_id=person_id, limit=limit, after=after, **filters
    )


async def evidence_of(leave_ids: list[int]) -> dict[int, LeaveEvidence]:
    rows = await LeaveEvidence.filter(leave_id__in=leave_ids)
    return {r.leave_id: r for r in rows}
