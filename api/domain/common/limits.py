"""Rate limits (OWASP ASVS 5.0 V2.4, OWASP GraphQL Cheat Sheet): counted in the database.

Each limit is a fixed window: the request's key names the limit, the subject
(a client address or an account) and the window, and counting it is one
atomic `INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`,
so any number of server processes share one count (DESIGN.md: the database is
the only shared state). A fixed window lets a client spend up to twice the
rate across a window boundary; the rates are set with that in mind.

The sign-in lockout (api/domain/accounts/lockout.py) is separate and always on;
SIFASUO_RATE_LIMITS=off turns off only what is here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise import connections

from api.domain.common.call import Call
from api.domain.common.errors import RateLimited
from api.models.limits import RateLimitBucket
from api.settings import Rate

_UPSERT = (
    'INSERT INTO rate_limit_bucket ("key", count, expires_at) VALUES ({0}, 1, {1}) '
    'ON CONFLICT ("key") DO UPDATE SET count = rate_limit_bucket.count + 1 RETURNING count'
)


@dataclass(frozen=True)
class Window:
    key: str
    ends_at: datetime


def window_of(call: Call, limit: str, subject: str, rate: Rate) -> Window:
    seconds = rate.window_seconds
    index = int(call.now.timestamp()) // seconds
    ends_at = datetime.fromtimestamp((index + 1) * seconds, UTC)
    return Window(f"{limit}:{subject}:{seconds}:{index}"[:160], ends_at)


async def _count(window: Window) -> int:
    conn = connections.get("default")
    marks = ("?", "?") if conn.capabilities.dialect == "sqlite" else ("$1", "$2")
    # execute_query_dict: the one call that returns rows of an INSERT on both drivers.
    rows = await conn.execute_query_dict(_UPSERT.format(*marks), [window.key, window.ends_at])
    return int(rows[0]["count"])


def _limited(call: Call, window: Window) -> RateLimited:
    retry_after = math.ceil((window.ends_at - call.now).total_seconds())
    return RateLimited("RATE_LIMITED", retry_after_seconds=retry_after)


async def hit(call: Call, limit: str, subject: str, rate: Rate) -> None:
    """Count one request of `subject` against `rate`; RATE_LIMITED when over it."""
    if not call.settings.rate_limits_enabled:
        return
    window = window_of(call, limit, subject, rate)
    count = await _count(window)
    if count == 1:
        # The first request of a new window sweeps the windows that ended,
        # so the table holds about one row per active subject and limit.
        await RateLimitBucket.filter(expires_at__lte=call.now).delete()
    if count > rate.count:
        raise _limited(call, window)


async def refuse_when_spent(call: Call, limit: str, subject: str, rate: Rate) -> None:
    """RATE_LIMITED when `subject` has used all of `rate` in this window,
    counting nothing: for a limit that counts only some outcomes (`hit` them)
    but must then refuse every request, whatever its outcome would be."""
    if not call.settings.rate_limits_enabled:
        return
    window = window_of(call, limit, subject, rate)
    bucket = await RateLimitBucket.get_or_none(key=window.key)
    if bucket is not None and bucket.count >= rate.count:
        raise _limited(call, window)


# Mutations anyone may call without an account, limited per client address:
# each is a guess (activation codes, passwords) or makes an account (sign-up).
PER_ADDRESS_LIMITS = {
    "signUpApplicant": "sign_up_rate",
    "activateAccount": "activation_rate",
    "login": "login_rate",
}


async def check_mutation(call: Call, field: str) -> None:
    """The limits on one root mutation field, before it runs."""
    settings = call.settings
    if not settings.rate_limits_enabled:
        return
    if (rate_name := PER_ADDRESS_LIMITS.get(field)) is not None:
        rate: Rate = getattr(settings, rate_name)
        await hit(call, field, f"ip:{call.ip or 'unknown'}", rate)
    if call.viewer is not None:
        await hit(call, "writes", f"user:{call.viewer.id}", settings.write_rate)


async def may_record_refusal(call: Call) -> bool:
    """Whether a refused request goes to the audit log. Without an account it
    is counted per client address first, so that no one can grow the hash
    chain (and slow every write behind its lock) with requests of their own."""
    if call.viewer is not None:
        return True
    try:
        await hit(
            call, "refusals", f"ip:{call.ip or 'unknown'}", call.settings.anonymous_refusal_rate
        )
    except RateLimited:
        return False
    return True
