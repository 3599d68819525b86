"""Text messages behind the same outbox as push (DESIGN.md, Reminders).

Web Push does not reach many phones in mainland China, so after the push
dispatcher has done what it can with a notice, `offer` decides whether the
recipient also gets it as a text:

- no device took it (the account has none, or every push failed), or
- it is a notice that must arrive (MUST_ARRIVE), whatever push did;

and only to a number the account has proved (api/domain/accounts/phone.py),
and at most `sms_daily_cap` texts per recipient and calendar day. The text
inherits the notice's quiet hours (its `not_before`) and is tied to it by a
unique key, so a notice is texted at most once however often it is offered.
Texts are short and never carry an ID number, an address or a place: they
are the notice's own title and body (notices.CATALOGUE, which has none).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from api.models.accounts import User
from api.models.enums import NotificationStatus
from api.models.notifications import Notification
from api.models.sms import SmsMessage
from api.settings import Settings

# Notices the person must get even when a push was delivered: a push can sit
# unseen on a phone that is off, and these have a legal consequence — a missed
# report becomes a violation (社区矫正法 Art. 28), and a legal-aid decision
# starts the time to object (法律援助法 Art. 49).
MUST_ARRIVE = frozenset({"checkin.due_now", "checkin.overdue", "legal_aid.status"})

# One segment of a Chinese text is 70 characters; longer ones cost two.
MAX_TEXT = 70
_FALLBACK = frozenset({NotificationStatus.NO_DEVICE, NotificationStatus.FAILED})


def text_of(title: str, body: str) -> str:
    text = f"{title}：{body}" if body else title
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def wanted(kind: str, push_status: NotificationStatus) -> bool:
    """Whether a notice whose push ended in `push_status` should also go by text."""
    return kind in MUST_ARRIVE or push_status in _FALLBACK


def local_day(now: datetime, settings: Settings) -> str:
    return now.astimezone(ZoneInfo(settings.timezone)).date().isoformat()


async def sent_today(recipient_id: int, day: str) -> int:
    return await SmsMessage.filter(recipient_id=recipient_id, local_day=day).count()


async def queue(
    settings: Settings,
    recipient: User,
    phone: str,
    text: str,
    *,
    purpose: str,
    now: datetime,
    not_before: datetime | None = None,
    notification_id: int | None = None,
) -> SmsMessage | None:
    """One text for the SMS dispatcher, or None past the daily cap (or already queued)."""
    day = local_day(now, settings)
    if await sent_today(recipient.id, day) >= settings.sms_daily_cap:
        return None
    start = not_before if not_before is not None and not_before > now else now
    try:
        return await SmsMessage.create(
            recipient_id=recipient.id,
            notification_id=notification_id,
            purpose=purpose,
            phone=phone,
            text=text[:200],
            local_day=day,
            created_at=now,
            not_before=start,
            next_attempt_at=start,
        )
    except IntegrityError:
        # Another dispatcher offered the same notice first.
        return None


async def offer(
    settings: Settings, notice: Notification, push_status: NotificationStatus, now: datetime
) -> SmsMessage | None:
    """A text for `notice` after its push ended in `push_status`, when one is due."""
    if not settings.sms_provider or not wanted(notice.kind, push_status):
        return None
    recipient = await User.get_or_none(id=notice.recipient_id, is_active=True)
    if recipient is None or not recipient.sms_phone or recipient.sms_phone_verified_at is None:
        return None
    if await SmsMessage.exists(notification_id=notice.id):
        return None
    return await queue(
        settings,
        recipient,
        recipient.sms_phone,
        text_of(notice.title, notice.body),
        purpose="notice",
        now=now,
        not_before=notice.not_before,
        notification_id=notice.id,
    )
