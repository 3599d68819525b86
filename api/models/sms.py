"""Text messages: the second channel behind the notification outbox, and phone checks."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import User
from api.models.enums import NotificationStatus
from api.models.notifications import Notification


class SmsMessage(Model):
    """One text to one phone, claimed and sent like a notice (workers/sms_dispatcher.py).

    A notice has at most one (the unique `notification`); a phone check's code
    has none. `local_day` is the recipient's calendar day in the office's time
    zone, which the per-recipient daily cap counts by.
    """

    id = fields.BigIntField(primary_key=True)
    recipient: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sms_messages", on_delete=fields.CASCADE
    )
    recipient_id: int
    notification: fields.ForeignKeyNullableRelation[Notification] = fields.OneToOneField(
        "models.Notification", related_name="sms", null=True, on_delete=fields.CASCADE
    )
    notification_id: int | None
    purpose = fields.CharField(max_length=12)  # "notice" | "phone_check"
    phone = fields.CharField(max_length=20)
    text = fields.CharField(max_length=200)
    local_day = fields.CharField(max_length=10)
    status = fields.CharEnumField(NotificationStatus, max_length=12, default="PENDING")
    attempts = fields.SmallIntField(default=0)
    created_at = fields.DatetimeField()
    not_before = fields.DatetimeField()
    next_attempt_at = fields.DatetimeField()
    claimed_by = fields.CharField(max_length=64, null=True)
    claimed_until = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)
    provider_ref = fields.CharField(max_length=64, null=True)
    last_error = fields.CharField(max_length=300, null=True)

    class Meta:
        table = "sms_message"
        indexes = (("status", "next_attempt_at"), ("recipient_id", "local_day"))


class PhoneCheck(Model):
    """A code sent by text to prove a number is the account's before notices go to it."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="phone_checks", on_delete=fields.CASCADE
    )
    user_id: int
    phone = fields.CharField(max_length=20)
    code_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    attempts = fields.SmallIntField(default=0)
    confirmed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "phone_check"
        indexes = (("user_id", "created_at"),)
