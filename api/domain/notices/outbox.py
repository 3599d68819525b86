"""The dispatcher's side of the notification outbox: claim due rows, record outcomes.

Any number of dispatchers (threads of one process or separate processes) may
claim at once; a row is claimed by exactly one of them. On PostgreSQL the
claim is one statement that locks the chosen rows with `FOR UPDATE SKIP
LOCKED`, so concurrent claimers pass over each other's rows instead of
waiting for them. SQLite has no row locks but runs one write at a time, and
the same conditional UPDATE (the claimable condition checked again on the
row it changes) with RETURNING says which rows this claimer won.

A claim is a lease (`claimed_until`): a dispatcher that dies mid-send leaves
SENDING rows that another one takes over once the lease has run out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from tortoise import connections

from api.models.enums import NotificationStatus
from api.models.notifications import Notification

# Both statements claim what is due: PENDING rows whose time has come, and
# SENDING rows whose claimer's lease has run out. Parameters: 1 the worker,
# 2 the lease's end, 3 now, 4 how many.
_CLAIM_POSTGRES = """
UPDATE {table} SET status = 'SENDING', claimed_by = $1, claimed_until = $2
WHERE id IN (
    SELECT id FROM {table}
    WHERE (status = 'PENDING' AND not_before <= $3 AND next_attempt_at <= $3)
       OR (status = 'SENDING' AND claimed_until <= $3)
    ORDER BY next_attempt_at, id
    LIMIT $4
    FOR UPDATE SKIP LOCKED
)
RETURNING id
"""

# SQLite: the same UPDATE; the outer WHERE checks each row again as it is
# written, so a row another claimer took in between is not taken twice.
_CLAIM_SQLITE = """
UPDATE {table} SET status = 'SENDING', claimed_by = ?1, claimed_until = ?2
WHERE id IN (
    SELECT id FROM {table}
    WHERE (status = 'PENDING' AND not_before <= ?3 AND next_attempt_at <= ?3)
       OR (status = 'SENDING' AND claimed_until <= ?3)
    ORDER BY next_attempt_at, id
    LIMIT ?4
)
AND (
    (status = 'PENDING' AND not_before <= ?3 AND next_attempt_at <= ?3)
    OR (status = 'SENDING' AND claimed_until <= ?3)
)
RETURNING id
"""


# Outboxes claimed this way: the notices, and the texts (api/models/sms.py),
# which keep the same status, time and claim columns.
CLAIMABLE_TABLES = frozenset({"notification", "sms_message"})


async def claim_ids(
    table: str, worker_id: str, now: datetime, *, limit: int, lease: timedelta
) -> list[int]:
    """Claim up to `limit` due rows of an outbox `table` for `worker_id` until `now + lease`."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if table not in CLAIMABLE_TABLES:
        raise ValueError(f"{table} is not an outbox")
    conn = connections.get("default")
    now = now.astimezone(UTC)
    until = now + lease
    sql = _CLAIM_POSTGRES if conn.capabilities.dialect == "postgres" else _CLAIM_SQLITE
    rows = await conn.execute_query_dict(sql.format(table=table), [worker_id, until, now, limit])
    return [int(row["id"]) for row in rows]


async def claim_due(
    worker_id: str, now: datetime, *, limit: int, lease: timedelta
) -> list[Notification]:
    """Claim up to `limit` due notices for `worker_id` until `now + lease`; oldest due first."""
    ids = await claim_ids("notification", worker_id, now, limit=limit, lease=lease)
    if not ids:
        return []
    return await Notification.filter(id__in=ids).order_by("next_attempt_at", "id")


def payload(notice: Notification) -> bytes:
    """What the service worker shows: small, already in the recipient's language.

    Only what the notice row holds (rendered from the message catalogue,
    which never carries an ID number, an address or a place).
    """
    body = {
        "title": notice.title,
        "body": notice.body,
        "url": notice.url,
        "kind": notice.kind,
        "id": str(notice.id),
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


async def record_outcome(
    notice_id: int,
    worker_id: str,
    *,
    status: NotificationStatus,
    attempts: int,
    next_attempt_at: datetime | None = None,
    sent_at: datetime | None = None,
    last_status: int | None = None,
    last_error: str | None = None,
) -> bool:
    """Write what became of one claimed notice; False if the claim was lost.

    Only the current claimer writes: a dispatcher whose lease ran out (and
    whose row another one took over) changes nothing.
    """
    changes: dict[str, object] = {
        "status": status,
        "attempts": attempts,
        "claimed_until": None,
        "last_status": last_status,
        "last_error": None if last_error is None else last_error[:300],
    }
    if next_attempt_at is not None:
        changes["next_attempt_at"] = next_attempt_at
    if sent_at is not None:
        changes["sent_at"] = sent_at
    updated = await Notification.filter(
        id=notice_id, status=NotificationStatus.SENDING, claimed_by=worker_id
    ).update(**changes)
    return bool(updated)


async def counts_by_status(ids: Sequence[int] | None = None) -> dict[str, int]:
    """How many notices are in each status (all, or these ids)."""
    query = Notification.all() if ids is None else Notification.filter(id__in=list(ids))
    counts: dict[str, int] = {}
    for status in await query.values_list("status", flat=True):
        key = str(status)
        counts[key] = counts.get(key, 0) + 1
    return counts
