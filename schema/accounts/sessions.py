"""One's own sessions, and an administrator turning accounts off (additions to the contract)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.domain.accounts import admin, sessions
from api.models.accounts import Session
from schema.accounts.types import UserType
from schema.common.context import Info
from schema.common.ids import require_id


@strawberry.type
class SessionInfo:
    id: strawberry.ID
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    ip: str | None
    user_agent: str | None
    current: bool = strawberry.field(description="The session of this request's token.")

    @classmethod
    def of(cls, row: Session, current_id: int | None) -> SessionInfo:
        return cls(
            id=strawberry.ID(str(row.id)),
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            expires_at=row.expires_at,
            ip=row.ip,
            user_agent=row.user_agent,
            current=row.id == current_id,
        )


@strawberry.type
class SessionsQuery:
    @strawberry.field(description="The viewer's sessions still valid, newest first.")
    async def my_sessions(self, info: Info) -> list[SessionInfo]:
        call = info.context.call
        rows = await sessions.my_sessions(call)
        current = call.viewer.session_id if call.viewer else None
        return [SessionInfo.of(row, current) for row in rows]


@strawberry.type
class SessionsMutation:
    @strawberry.mutation(description="Ends one of the viewer's own sessions.")
    async def revoke_session(self, info: Info, id: strawberry.ID) -> bool:
        return await sessions.revoke_session(info.context.call, require_id(id, "id"))

    @strawberry.mutation(
        description="ADMIN: turns an account of its units off (ending all its sessions) or on."
    )
    async def set_account_active(
        self, info: Info, user_id: strawberry.ID, active: bool
    ) -> UserType:
        user = await admin.set_account_active(
            info.context.call, require_id(user_id, "userId"), active
        )
        return UserType.of(user)
