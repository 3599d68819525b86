"""Org units, accounts, sessions and recovery codes."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.enums import OrgUnitKind, Role


class OrgUnit(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    # The unit's short name (简称) that opens its numbers, 青山 in
    # 青山司矫解字〔2026〕第3号; unset, the first two characters of the name do
    # (api/domain/references.py).
    short_name = fields.CharField(max_length=20, null=True)
    kind = fields.CharEnumField(OrgUnitKind, max_length=24)
    parent: fields.ForeignKeyNullableRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    parent_id: int | None
    # Materialised path of ids, "/1/4/9/", so "this unit and everything below
    # it" is one indexed prefix match instead of a recursive query.
    path = fields.CharField(max_length=255, db_index=True)
    # A justice office's coordinates: a check-in's distance is from here when
    # the person's residence has none (api/domain/corrections/places.py).
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "org_unit"


class User(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    display_name = fields.CharField(max_length=100)
    role = fields.CharEnumField(Role, max_length=24)
    org_unit: fields.ForeignKeyNullableRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    org_unit_id: int | None
    locale = fields.CharField(max_length=10, default="zh-CN")
    password_hash = fields.CharField(max_length=255)
    phone = fields.CharField(max_length=20, null=True)
    # The number text messages go to, once a code sent to it came back
    # (api/domain/accounts/phone.py); `phone` is only what the account was given.
    sms_phone = fields.CharField(max_length=20, null=True)
    sms_phone_verified_at = fields.DatetimeField(null=True)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    # TOTP second factor (RFC 6238). The secret is never returned after
    # enrolment; the pending one waits for the first code that proves the
    # authenticator app has it. The last accepted time step stops a replay.
    totp_secret = fields.CharField(max_length=64, null=True)
    totp_pending_secret = fields.CharField(max_length=64, null=True)
    totp_enabled_at = fields.DatetimeField(null=True)
    totp_last_step = fields.BigIntField(default=0, db_default=0)

    class Meta:
        table = "account"
        indexes = (("org_unit_id", "role"),)


class Session(Model):
    """A bearer token, stored only as its SHA-256."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    user_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    ip = fields.CharField(max_length=45, null=True)
    user_agent = fields.CharField(max_length=200, null=True)
    # Signed in with the password only, by a role that must enrol a second
    # factor first: good for nothing but the enrolment.
    mfa_pending = fields.BooleanField(default=False, db_default=False)

    class Meta:
        table = "session"
        indexes = (("user_id", "revoked_at"),)


class RecoveryCode(Model):
    """A one-time code that stands in for the TOTP app, stored only as its SHA-256."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="recovery_codes", on_delete=fields.CASCADE
    )
    user_id: int
    code_hash = fields.CharField(max_length=64)
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "recovery_code"
        unique_together = (("user_id", "code_hash"),)
