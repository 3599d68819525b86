"""The append-only audit log, a hash chain."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField()
    # Plain columns rather than foreign keys: the log outlives what it names,
    # and its content must never change after it is written.
    actor_id = fields.IntField(null=True)
    actor_name = fields.CharField(max_length=100, null=True)
    role = fields.CharField(max_length=24, null=True)
    org_unit_id = fields.IntField(null=True)
    # The unit path of the actor, so a supervisor's scope is a prefix match.
    org_unit_path = fields.CharField(max_length=255, null=True)
    action = fields.CharField(max_length=64)
    target_type = fields.CharField(max_length=48, null=True)
    target_id = fields.CharField(max_length=64, null=True)
    ip = fields.CharField(max_length=45, null=True)
    outcome = fields.CharField(max_length=16, default="ok")
    summary: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_entry"
        indexes = (("org_unit_path", "id"), ("action", "id"))


class AuditHead(Model):
    """The single row that names the newest entry.

    Appending locks it, which orders concurrent writers, and its hash makes
    the removal of the newest entries show as well as a gap in the middle.
    """

    id = fields.IntField(primary_key=True)
    last_id = fields.BigIntField(default=0)
    last_hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_head"
