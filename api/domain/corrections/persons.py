"""A supervised person: who may act on one, the supervision status and reading the record.

The office acts at once when contact is lost (脱管, 法 Art. 30): losing it and
regaining it alert the officer and the corrections supervisors of the county
(scope.area_supervisors).
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from api.domain.common import audit, links, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import text
from api.domain.corrections import search, violations
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.enums import Role, SupervisionStatus

MAX_NOTE = 2000
FULL_NAME_MAX = 50
# Ended supervision (解除/终止矫正, 撤销缓刑/假释): no way back in this app;
# a new term is a new enrolment.
FINAL_STATUSES = frozenset(
    {SupervisionStatus.RELEASED, SupervisionStatus.TERMINATED, SupervisionStatus.REVOKED}
)
# What an officer or supervisor may set by hand: losing contact (è±ç®¡, æ³ Art. 30)
# and regaining it. Supervision ends otherwise, never by this switch: only a
# court revokes probation or parole (æ³ Art. 46, 48), and æ¶ç of a person on
# æäºçå¤æ§è¡ is decided by the deciding body, which may be a court, a prison
# administration or a police body (æ³ Art. 49, Art. 17 Â¶4); the office only
# proposes. Those ends come from the flows that record the decision.
SETTABLE_STATUSES = frozenset({SupervisionStatus.ACTIVE, SupervisionStatus.ABSCONDED})
STAFF = scope.CORRECTIONS_STAFF
READERS = scope.CORRECTIONS_READERS


async def _can_see(call: Call, viewer: Viewer, person: SupervisedPerson) -> bool:
    if viewer.role is Role.SUPERVISED_PERSON:
        return person.account_id == viewer.id
    return await scope.corrections_unit_in_scope(call, person.org_unit_id)


async def person_for(
    call: Call, person_id: int, roles: frozenset[Role], *, lock: bool = False
) -> SupervisedPerson:
    """The person if the viewer may act on it, else NOT_FOUND (never a different answer)."""
    viewer = scope.require_role(call, roles)
    query = SupervisedPerson.select_for_update() if lock else SupervisedPerson
    person = await query.get_or_none(id=person_id)
    if person is None or not await _can_see(call, viewer, person):
        raise scope.not_found("PERSON_NOT_FOUND")
    return person


def note_text(value: str | None, field: str, *, required: bool) -> str | None:
    if value is None or (not required and not value.strip()):
        if required:
            raise BadInput("NOTE_REQUIRED", field=field)
        return None
    return text(value, field, max_len=MAX_NOTE)


async def set_supervision_status(
    call: Call, person_id: int, status: SupervisionStatus, note: str
) -> SupervisedPerson:
    """ACTIVE ↔ ABSCONDED, with a reason; losing contact (脱管) and regaining it
    alert the officer and the corrections supervisors at once (法 Art. 30).
    Any other status is BAD_USER_INPUT on `status` (see SETTABLE_STATUSES)."""
    new = SupervisionStatus(status)
    if new not in SETTABLE_STATUSES:
        raise BadInput(
            "STATUS_NOT_SETTABLE",
            field="status",
        )
    reason = note_text(note, "note", required=True)
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        old = SupervisionStatus(person.status)
        if old == new:
            return person
        if old in FINAL_STATUSES:
            raise Conflict("SUPERVISION_ENDED")
        if SupervisionStatus.PENDING_INTAKE in (old, new):
            # Supervision starts with the intake (法 Art. 22), recorded by confirmIntake.
            raise Conflict("INTAKE_STARTS_SUPERVISION")
        person.status = new
        await person.save(update_fields=["status"])
        await audit.record(
            call,
            "person.set_status",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"from": old, "to": new, "note": reason},
        )
        if new == SupervisionStatus.ABSCONDED:
            await search.open_record(call, person)
            await alert(call, person, "person.absconded", urgency="high")
        elif old == SupervisionStatus.ABSCONDED and new == SupervisionStatus.ACTIVE:
            record = await search.close_record(call, person)
            if record is not None:
                # The days absconded go on the record as a violation (法 Art. 28).
                await violations.record_absconding(call, person, record)
            await alert(call, person, "person.contact_restored", urgency="normal")
    return person


async def alert_recipients(person: SupervisedPerson) -> list[User]:
    """Who hears of an alert about a person: the officer and the supervisors above."""
    unit = await OrgUnit.get(id=person.org_unit_id)
    supervisors = await scope.area_supervisors(scope.Area.CORRECTIONS, unit.path)
    recipients = {u.id: u for u in supervisors}
    if person.officer_id is not None:
        officer = await User.get_or_none(id=person.officer_id, is_active=True)
        if officer is not None:
            recipients[officer.id] = officer
    return list(recipients.values())


async def alert(call: Call, person: SupervisedPerson, kind: str, *, urgency: str) -> None:
    """An alert about a person to its officer and the supervisors above, sent at once."""
    await notices.enqueue(
        call,
        await alert_recipients(person),
        kind,
        subject_type="SupervisedPerson",
        subject_id=person.id,
        # Each change is its own alert: absconding twice alerts twice.
        period=call.now.isoformat(),
        url=links.person(person.id),
        alert=True,
        urgency=urgency,
    )


async def read_person(call: Call, person_id: int) -> SupervisedPerson:
    """One person's full record; every such read is on the audit log."""
    person = await person_for(call, person_id, READERS)
    await audit.record(call, "person.read", target_type="SupervisedPerson", target_id=person.id)
    return person
