"""Rate-limit counters, kept in the database so every server process shares them."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class RateLimitBucket(Model):
    """The count of one subject's requests in one fixed window.

    `key` names the limit, the subject and the window ("activation:ip:203.0.113.7:1938271"),
    so a request is one atomic upsert of one row; rows of past windows are deleted.
    """

    key = fields.CharField(max_length=160, primary_key=True)
    count = fields.IntField()
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "rate_limit_bucket"


class SignInSlot(Model):
    """One sign-in attempt of a username that is still counted (api/domain/lockout.py).

    A username has at most `login_max_failures` rows, numbered by `slot`; the
    unique pair makes taking a slot one INSERT that a concurrent one cannot
    also win. A row is deleted when it is a window old or its sign-in
    succeeded.
    """

    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64)
    slot = fields.SmallIntField()
    taken_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "sign_in_slot"
        unique_together = (("username", "slot"),)
