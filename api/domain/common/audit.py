"""The append-only audit log: every change, sign-in and refusal, hash-chained.

Each entry stores the SHA-256 of its canonical content, which includes the
hash of the entry before it; the single `audit_head` row names the newest
entry. Appending locks the head row, so entries get consecutive ids in the
order they commit, and an edited, inserted or deleted entry breaks the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient
from tortoise.transactions import in_transaction

from api.domain.common import paging, periods, scope, sql
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.validators import search_term
from api.models.audit import AuditEntry, AuditHead
from api.models.enums import Role

GENESIS_HASH = "0" * 64
HEAD_ID = 1
# Never written to the log, whatever a caller passes in a summary.
SECRET_KEYS = frozenset({"password", "token", "code", "activationCode", "secret", "auth"})

AuditValue = str | int | bool | None


def _plain(value: Any) -> AuditValue | list[AuditValue] | dict[str, Any]:
    """Reduce a summary value to JSON that reads back identically on both databases."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date | Decimal | float):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if str(k) not in SECRET_KEYS}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]  # type: ignore[misc]
    return str(value)


def canonical_content(entry: AuditEntry) -> bytes:
    at = entry.at.astimezone(UTC).isoformat(timespec="microseconds")
    content = {
        "id": int(entry.id),
        "at": at,
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "role": entry.role,
        "org_unit_id": entry.org_unit_id,
        "org_unit_path": entry.org_unit_path,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "ip": entry.ip,
        "outcome": entry.outcome,
        "summary": entry.summary,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical_content(entry)).hexdigest()


async def record(
    call: Call,
    action: str,
    *,
    target_type: str | None = None,
    target_id: object = None,
    summary: Mapping[str, Any] | None = None,
    outcome: str = "ok",
    actor_name: str | None = None,
) -> AuditEntry:
    """Append one entry. Inside the caller's transaction when there is one,
    so the entry commits (or rolls back) with the change it describes."""
    viewer = call.viewer
    entry = AuditEntry(
        at=call.now.astimezone(UTC),
        actor_id=viewer.id if viewer else None,
        actor_name=viewer.display_name if viewer else actor_name,
        role=str(viewer.role) if viewer else None,
        org_unit_id=viewer.org_unit_id if viewer else None,
        org_unit_path=viewer.unit_path if viewer else None,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        ip=call.ip,
        outcome=outcome,
        summary=_plain(dict(summary or {})),
    )
    conn = sql.connection()
    if isinstance(conn, TransactionalDBClient):
        # Already in the caller's transaction: append there, no savepoint
        # round trips (an error rolls the whole transaction back anyway).
        await _append(conn, entry)
    else:
        async with in_transaction() as tx:
            await _append(tx, entry)
    return entry


# Every change writes one entry, so appending is on the hot path of every
# mutation: three parameterised statements through the connection instead of
# the ORM's query building. Values go through each field's own to_db_value,
# so they are stored exactly as the ORM stores them and verify_chain (which
# reads through the ORM) recomputes the same hash.
_ENTRY_COLUMNS = (
    "id",
    "at",
    "actor_id",
    "actor_name",
    "role",
    "org_unit_id",
    "org_unit_path",
    "action",
    "target_type",
    "target_id",
    "ip",
    "outcome",
    "summary",
    "prev_hash",
    "hash",
)


async def _lock_head(conn: BaseDBAsyncClient) -> tuple[int, str] | None:
    bind = sql.Binder(conn)
    _, rows = await conn.execute_query(
        f"SELECT last_id, last_hash FROM audit_head WHERE id = {bind(HEAD_ID)}"  # noqa: S608
        + sql.for_update(conn),
        bind.values,
    )
    return (int(rows[0][0]), str(rows[0][1])) if rows else None


async def _append(conn: BaseDBAsyncClient, entry: AuditEntry) -> None:
    head = await _lock_head(conn)
    if head is None:
        # The very first entry: concurrent first writers all try to make the
        # head row, one wins, and everyone then waits on its lock.
        bind = sql.Binder(conn)
        await conn.execute_query(
            "INSERT INTO audit_head (id, last_id, last_hash)"  # noqa: S608
            f" VALUES ({bind(HEAD_ID)}, 0, {bind(GENESIS_HASH)}) ON CONFLICT (id) DO NOTHING",
            bind.values,
        )
        head = await _lock_head(conn)
        assert head is not None
    entry.id, entry.prev_hash = head[0] + 1, head[1]
    entry.hash = entry_hash(entry)
    fields = AuditEntry._meta.fields_map
    bind = sql.Binder(conn)
    placeholders = bind.many(
        fields[c].to_db_value(getattr(entry, c), entry) for c in _ENTRY_COLUMNS
    )
    await conn.execute_query(
        f"INSERT INTO audit_entry ({', '.join(_ENTRY_COLUMNS)}) VALUES ({placeholders})",  # noqa: S608
        bind.values,
    )
    bind = sql.Binder(conn)
    await conn.execute_query(
        f"UPDATE audit_head SET last_id = {bind(entry.id)}, last_hash = {bind(entry.hash)}"  # noqa: S608
        f" WHERE id = {bind(HEAD_ID)}",
        bind.values,
    )
    # Inserted by hand above: marked as stored, as the ORM's own save would
    # (private to Tortoise, pinned and tested like sql.models).
    entry._saved_in_db = True


async def record_refusal(call: Call, action: str, code: str, **target: Any) -> None:
    """A refused operation, in a transaction of its own: the refused change
    rolled back, but the attempt must stay on record."""
    async with in_transaction():
        await record(call, action, outcome=code.lower(), **target)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_id: int | None = None
    problem: str | None = None


async def verify_chain(batch: int = 5000) -> ChainReport:
    """Walk the whole log in id order and check every link."""
    head = await AuditHead.get_or_none(id=HEAD_ID)
    expected_prev = GENESIS_HASH
    expected_id = 1
    count = 0
    last_id = 0
    while True:
        rows = await AuditEntry.filter(id__gt=last_id).order_by("id").limit(batch)
        if not rows:
            break
        for entry in rows:
            if entry.id != expected_id:
                return ChainReport(
                    False, count, expected_id, f"entry {expected_id} is missing or out of order"
                )
            if entry.prev_hash != expected_prev:
                return ChainReport(False, count, entry.id, "does not link to the entry before it")
            if entry_hash(entry) != entry.hash:
                return ChainReport(False, count, entry.id, "content does not match its hash")
            expected_prev = entry.hash
            expected_id += 1
            count += 1
        last_id = rows[-1].id
    head_id = head.last_id if head else 0
    head_hash = head.last_hash if head else GENESIS_HASH
    if head_id != count or head_hash != expected_prev:
        return ChainReport(
            False, count, count + 1, f"the newest entries after {count} were removed"
        )
    return ChainReport(True, count)


async def entries_in_scope(
    call: Call,
    *,
    limit: int,
    after: paging.IdPosition | None = None,
    action: str | None = None,
    actor_id: int | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> paging.Page[AuditEntry]:
    """Newest first, of what scope.audit_scope lets the viewer see; `since` and
    `until` are calendar days in China, both included."""
    viewer = scope.require_role(call, {Role.ADMIN, Role.SUPERVISOR})
    if since is not None and until is not None and until < since:
        raise BadInput("AUDIT_DAYS_ORDER", field="filter.until")
    query = AuditEntry.all()
    if (where := scope.audit_scope(viewer)) is not None:
        query = query.filter(where)
    if after is not None:
        query = query.filter(id__lt=after.id)
    if action := search_term(action, "filter.action", max_len=64):
        query = query.filter(action=action)
    if actor_id is not None:
        query = query.filter(actor_id=actor_id)
    if target_type := search_term(target_type, "filter.targetType", max_len=48):
        query = query.filter(target_type=target_type)
    if target_id := search_term(target_id, "filter.targetId", max_len=64):
        query = query.filter(target_id=target_id)
    # In UTC, as `at` is stored: SQLite compares the text.
    if since is not None:
        query = query.filter(at__gte=periods.start_of(since).astimezone(UTC))
    if until is not None:
        query = query.filter(at__lt=periods.end_of(until).astimezone(UTC))
    rows = await query.order_by("-id").limit(limit + 1)
    return paging.page_of(rows, limit, lambda e: paging.IdPosition(e.id))
