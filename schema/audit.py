"""The audit log query (an addition to the contract) for ADMIN and SUPERVISOR."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from api.domain import audit
from api.models.audit import AuditEntry
from schema.context import Info
from schema.ids import parse_id
from schema.pagination import PageInfo, decode_cursor, encode_cursor, page_size


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


@strawberry.type
class AuditEntryEdge:
    cursor: str
    node: AuditEntryType


@strawberry.type
class AuditEntryConnection:
    edges: list[AuditEntryEdge]
    page_info: PageInfo


@strawberry.input
class AuditLogFilter:
    action: str | None = None
    actor_id: strawberry.ID | None = None
    target_type: str | None = None
    target_id: str | None = None


@strawberry.type
class AuditQuery:
    @strawberry.field(description="Newest first; ADMIN and SUPERVISOR, for their unit and below.")
    async def audit_log(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: AuditLogFilter | None = None,
    ) -> AuditEntryConnection:
        size = page_size(first)
        key = decode_cursor(after, 1)
        before_id = int(key[0]) if key else None
        f = filter or AuditLogFilter()
        rows = await audit.entries_in_scope(
            info.context.call,
            limit=size + 1,
            before_id=before_id,
            action=f.action,
            actor_id=parse_id(f.actor_id, "filter.actorId"),
            target_type=f.target_type,
            target_id=f.target_id,
        )
        page = rows[:size]
        edges = [
            AuditEntryEdge(cursor=encode_cursor([e.id]), node=AuditEntryType.of(e)) for e in page
        ]
        return AuditEntryConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > size,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )
