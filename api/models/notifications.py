"""Push subscriptions and the notification outbox."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import User
from api.models.enums import NotificationStatus


class PushSubscription(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="push_subscriptions", on_delete=fields.CASCADE
    )
    user_id: int
    endpoint = fields.CharField(max_length=2048)
    # SHA-256 of the endpoint: a short unique key, where a 2 KB one would not
    # fit every index.
    endpoint_hash = fields.CharField(max_length=64, unique=True)
    p256dh = fields.CharField(max_length=128)
    auth = fields.CharField(max_length=64)
    expiration_time = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    last_success_at = fields.DatetimeField(null=True)

    class Meta:
        table = "push_subscription"
        indexes = (("user_id", "created_at"),)


class Notification(Model):
    """One notice to one account: the outbox row the dispatcher sends.

    Written in the same transaction as the change that causes it, and
    `dedupe_key` (recipient, kind, subject, period) is unique so the same
    reminder is never queued twice.
    """

    id = fields.BigIntField(primary_key=True)
    recipient: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="notifications", on_delete=fields.CASCADE
    )
    recipient_id: int
    kind = fields.CharField(max_length=40)
    subject_type = fields.CharField(max_length=32, null=True)
    subject_id = fields.CharField(max_length=64, null=True)
    period = fields.CharField(max_length=64, default="")
    dedupe_key = fields.CharField(max_length=200, unique=True)
    title = fields.CharField(max_length=120)
    body = fields.CharField(max_length=400)
    url = fields.CharField(max_length=200)
    urgency = fields.CharField(max_length=8, default="normal")
    ttl_seconds = fields.IntField(default=86400)
    topic = fields.CharField(max_length=32, null=True)
    created_at = fields.DatetimeField()
    # Not sent before this time (quiet hours for the public).
    not_before = fields.DatetimeField()
    status = fields.CharEnumField(NotificationStatus, max_length=12, default="PENDING")
    attempts = fields.SmallIntField(default=0)
    next_attempt_at = fields.DatetimeField()
    claimed_by = fields.CharField(max_length=64, null=True)
    claimed_until = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)
    last_status = fields.SmallIntField(null=True)
    last_error = fields.CharField(max_length=300, null=True)

    class Meta:
        table = "notification"
        indexes = (("status", "next_attempt_at"), ("recipient_id", "created_at"))
