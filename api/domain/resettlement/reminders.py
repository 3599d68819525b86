"""The resettlement reminders (listed in notices/reminders.py queue_due_reminders):
a person who did not arrive becomes a loss-of-contact alert to the office and
the bureau; a high-risk person's contact coming due reminds the officer."""

from __future__ import annotations

from datetime import timedelta

from api.domain.common import links, scope
from api.domain.common.call import Call
from api.domain.corrections.ending import today
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.enums import ResettlementStatus, Role
from api.models.resettlement import ResettlementRecord

BATCH = 500
# Not law but the app's choice: the officer hears of a contact three days before it is due.
CONTACT_WARNING_DAYS = 3


async def office_staff(record: ResettlementRecord) -> list[User]:
    """Who works the record: its officer, or else the office's officers."""
    if record.officer_id is not None:
        officer = await User.get_or_none(id=record.officer_id, is_active=True)
        if officer is not None:
            return [officer]
    return await User.filter(org_unit_id=record.org_unit_id, role=Role.OFFICER, is_active=True)


async def lost_contact(call: Call) -> int:
    """NOT_ARRIVED past the table's days: the office and the bureau's supervisors
    are alerted once, and the record keeps when."""
    rows = await ResettlementRecord.filter(
        status=ResettlementStatus.NOT_ARRIVED,
        lost_contact_alerted_at=None,
        lost_contact_due_at__lte=call.now,
    ).limit(BATCH)
    queued = 0
    for row in rows:
        unit = await OrgUnit.get(id=row.org_unit_id)
        recipients = {u.id: u for u in await office_staff(row)}
        recipients.update({u.id: u for u in await scope.resettlement_supervisors(unit.path)})
        assert row.not_arrived_on is not None  # set with the status
        queued += await notices.enqueue(
            call,
            recipients.values(),
            "resettlement.lost_contact",
            subject_type="ResettlementRecord",
            subject_id=row.id,
            period="lost",
            url=links.resettlement(row.id),
            params={"since": row.not_arrived_on.isoformat()},
            alert=True,
            urgency="high",
        )
    if rows:
        await ResettlementRecord.filter(id__in=[r.id for r in rows]).update(
            lost_contact_alerted_at=call.now
        )
    return queued


async def contacts_due(call: Call) -> int:
    """To the officer: a high-risk person's contact is due within three days
    (or overdue), once per due date."""
    rows = await ResettlementRecord.filter(
        status=ResettlementStatus.IN_ASSISTANCE,
        next_contact_due_on__lte=today(call) + timedelta(days=CONTACT_WARNING_DAYS),
        assistance_ends_on__gte=today(call),
    ).limit(BATCH)
    queued = 0
    for row in rows:
        assert row.next_contact_due_on is not None  # filtered on it
        queued += await notices.enqueue(
            call,
            await office_staff(row),
            "resettlement.contact_due",
            subject_type="ResettlementRecord",
            subject_id=row.id,
            period=row.next_contact_due_on.isoformat(),
            url=links.resettlement(row.id),
            params={"due": row.next_contact_due_on.isoformat()},
            alert=True,
        )
    return queued
