"""What release (解除) and termination (终止) share: the dates they take, the
notices to the deciding body, the procuratorate and the police (法 Art. 44,
51), the record of how supervision ended, and the ended account's limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import proper_name
from api.models.corrections import SupervisedPerson
from api.models.enums import (
    NoticeMethod,
    NoticeRecipient,
    NotificationStatus,
    Role,
    SupervisionStatus,
)
from api.models.notifications import Notification
from api.models.supervision_end import EndNotice, SupervisionEnd

# Supervision is over in these: no reminders, no check-ins, the person's
# account reads its history only. REVOKED is over too (法 Art. 45: 被裁定撤销
# 缓刑、假释…社区矫正终止) though the office still records the termination.
ENDED = frozenset(
    {SupervisionStatus.RELEASED, SupervisionStatus.TERMINATED, SupervisionStatus.REVOKED}
)
# Still under supervision: what the end-of-term reminders and lists look at.
UNDER_SUPERVISION = (SupervisionStatus.ACTIVE, SupervisionStatus.ABSCONDED)
BODY_NAME_MAX = 100
DOCUMENT_NUMBER_MAX = 64


def today(call: Call) -> date:
    """The office's date now (the settings' time zone): release and ruling dates are days."""
    return call.now.astimezone(ZoneInfo(call.settings.timezone)).date()


def past_date(call: Call, value: date, field: str) -> date:
    """A date of something done: today or earlier, never a day still to come."""
    if value > today(call):
        raise BadInput("DATE_IN_FUTURE", field=field)
    return value


def body_name(value: str, field: str) -> str:
    return proper_name(value, field, max_len=BODY_NAME_MAX)


@dataclass(frozen=True)
class NoticeInput:
    """One notice sent: to whom (which body, its name), when and how."""

    recipient: NoticeRecipient
    name: str
    sent_on: date
    method: NoticeMethod


def checked_notices(
    call: Call, notices: Sequence[NoticeInput], *, required: bool, not_before: date
) -> list[NoticeInput]:
    """The notices, each body at most once; with `required`, all three bodies
    (法 Art. 44 for a release, 51 for a death: 通知社区矫正决定机关、所在地的人民
    检察院、公安机关). A notice is sent on the day supervision ended or later."""
    seen: set[NoticeRecipient] = set()
    checked: list[NoticeInput] = []
    for i, notice in enumerate(notices):
        recipient = NoticeRecipient(notice.recipient)
        if recipient in seen:
            raise BadInput("NOTICE_BODY_TWICE", field=f"notices.{i}.recipient")
        seen.add(recipient)
        sent_on = past_date(call, notice.sent_on, f"notices.{i}.sentOn")
        if sent_on < not_before:
            raise BadInput("NOTICE_BEFORE_END", field=f"notices.{i}.sentOn")
        checked.append(
            NoticeInput(
                recipient=recipient,
                name=body_name(notice.name, f"notices.{i}.name"),
                sent_on=sent_on,
                method=NoticeMethod(notice.method),
            )
        )
    missing = [r for r in NoticeRecipient if r not in seen]
    if required and missing:
        raise BadInput("NOTICES_MISSING", field="notices", missing=", ".join(missing))
    return checked


async def record_end(
    call: Call,
    person: SupervisedPerson,
    outcome: SupervisionStatus,
    ended_on: date,
    notices: Sequence[NoticeInput],
    **details: Any,
) -> SupervisionEnd:
    """The one record of how the person's supervision ended, and its notices.
    Call inside the transaction that changes the person's status."""
    assert call.viewer is not None  # the callers checked the role
    end = await SupervisionEnd.create(
        person_id=person.id,
        outcome=outcome,
        ended_on=ended_on,
        recorded_by_id=call.viewer.id,
        recorded_at=call.now,
        **details,
    )
    for notice in notices:
        await EndNotice.create(
            end_id=end.id,
            recipient=notice.recipient,
            recipient_name=notice.name,
            sent_on=notice.sent_on,
            method=notice.method,
        )
    return end


def end_status(person: SupervisedPerson, outcome: SupervisionStatus) -> None:
    """Set the ended status. No longer under supervision: the ID may be enrolled again."""
    person.status = outcome
    person.active_id_number = None


# The reminders of a supervision still running: those not yet sent go when it ends.
REMINDER_KINDS = ("checkin.due_soon", "checkin.due_now", "checkin.overdue", "release.due")


async def cancel_reminders(person: SupervisedPerson) -> None:
    """No reminder about a supervision that has ended: the queued ones go."""
    await Notification.filter(
        subject_type="SupervisedPerson",
        subject_id=str(person.id),
        kind__in=REMINDER_KINDS,
        status=NotificationStatus.PENDING,
    ).delete()


async def require_account_writable(call: Call) -> None:
    """A supervised person's account whose supervision has ended reads its
    history only: every write of its own (a check-in, a push device) is
    refused with CONFLICT and the reason. Staff and other roles pass."""
    viewer = call.viewer
    if viewer is None or viewer.role is not Role.SUPERVISED_PERSON:
        return
    person = await SupervisedPerson.filter(account_id=viewer.id).only("id", "status").first()
    if person is not None and SupervisionStatus(person.status) in ENDED:
        raise Conflict("ACCOUNT_READ_ONLY")
