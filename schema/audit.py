"""The audit log query (an addition to the contract) for ADMIN and SUPERVISOR."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from api.domain.common import audit
from api.domain.common.paging import IdPosition
from api.models.audit import AuditEntry
from schema.common.context import Info
from schema.common.ids import parse_id
from schema.common.pagination import Connection, connection, decode_cursor, page_size


@strawberry.type(name="AuditEntry")
class AuditEntryType:
    id: strawberry.ID
    at: datetime
    actor_id: strawberry.ID | None
    actor_name: str | None
    role: str | None
    org_unit_id: strawberry.ID | None
    action: str
    target_type: str | None
    target_id: str | None
    ip: str | None
    outcome: str
    summary: JSON
    hash: str

    @classmethod
    def of(cls, e: AuditEntry) -> AuditEntryType:
        return cls(
            id=strawberry.ID(str(e.id)),
            at=e.at,
            actor_id=strawberry.ID(str(e.actor_id)) if e.actor_id is not None else None,
            actor_name=e.actor_name,
            role=e.role,
            org_unit_id=strawberry.ID(str(e.org_unit_id)) if e.org_unit_id is not None else None,
            action=e.action,
            target_type=e.target_type,
            target_id=e.target_id,
            ip=e.ip,
            outcome=e.outcome,
            summary=JSON(e.summary),
            hash=e.hash,
        )


@strawberry.input
class AuditLogFilter:
    action: str | None = None
    actor_id: strawberry.ID | None = None
    target_type: str | None = None
    target_id: str | None = None
    since: date | None = strawberry.field(default=None, description="From this day (in China).")
    until: date | None = strawberry.field(default=None, description="To this day, included.")


@strawberry.type
class AuditQuery:
    @strawberry.field(description="Newest first; ADMIN and SUPERVISOR, for their unit and below.")
    async def audit_log(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: AuditLogFilter | None = None,
    ) -> Connection[AuditEntryType]:
        f = filter or AuditLogFilter()
        page = await audit.entries_in_scope(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, IdPosition),
            action=f.action,
            actor_id=parse_id(f.actor_id, "filter.actorId"),
            target_type=f.target_type,
            target_id=f.target_id,
            since=f.since,
            until=f.until,
        )
        return connection(page, [AuditEntryType.of(e) for e in page.rows])
