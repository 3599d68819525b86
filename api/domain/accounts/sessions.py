"""Signed-in sessions: one's own list and revocation, and ending every session
of an account at once (an administrator's, api/domain/accounts/admin.py)."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.models.accounts import Session
from api.models.enums import Role


def _live(call: Call, session: Session, role: Role) -> bool:
    if session.revoked_at is not None or session.expires_at <= call.now:
        return False
    idle = None if role.is_public else call.settings.staff_idle_timeout
    return idle is None or session.last_seen_at + idle > call.now


async def my_sessions(call: Call) -> list[Session]:
    """The viewer's sessions still valid now, newest first."""
    viewer = scope.require_viewer(call)
    rows = await Session.filter(
        user_id=viewer.id, revoked_at=None, expires_at__gt=call.now
    ).order_by("-created_at", "-id")
    return [s for s in rows if _live(call, s, viewer.role)]


async def revoke_session(call: Call, session_id: int) -> bool:
    """End one of the viewer's own sessions (another's reads as NOT_FOUND)."""
    viewer = scope.require_viewer(call)
    async with in_transaction():
        session = await Session.get_or_none(id=session_id, user_id=viewer.id)
        if session is None:
            raise scope.not_found("SESSION_NOT_FOUND")
        if session.revoked_at is None:
            await Session.filter(id=session.id, revoked_at=None).update(revoked_at=call.now)
        await audit.record(call, "session.revoke", target_type="Session", target_id=session.id)
    return True


async def end_all_sessions(call: Call, user_id: int) -> int:
    """End every session of an account at once (its tokens stop working on
    the next request, in every process); how many were still open."""
    return await Session.filter(user_id=user_id, revoked_at=None).update(revoked_at=call.now)
