"""What an administrator does to the accounts of its units, from a phone:
list them, and for a lost phone end every session or clear the second
factor, or turn the account off or on.

An account is the administrator's when its unit is in the administrator's
scope; an account with no unit (the public, a whole-tree administrator) is
only for an administrator of the whole tree. Any other reads as not found.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from api.domain.accounts import sessions, two_factor
from api.domain.common import audit, paging, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput
from api.domain.common.validators import search_term
from api.models.accounts import Session, User
from api.models.enums import Role

SEARCH_MAX = 64


async def managed_account(call: Call, user_id: int, *, for_update: bool = False) -> User:
    """An account the viewing administrator manages, or USER_NOT_FOUND."""
    viewer = scope.require_role(call, {Role.ADMIN})
    query = User.select_for_update() if for_update else User
    user = await query.get_or_none(id=user_id)
    in_scope = user is not None and (
        await scope.unit_in_scope(call, user.org_unit_id)
        if user.org_unit_id is not None
        else viewer.unit_path is None
    )
    if user is None or not in_scope:
        raise scope.not_found("USER_NOT_FOUND")
    return user


def _not_self(viewer: Viewer, user: User, reason: str) -> None:
    if user.id == viewer.id:
        raise BadInput(reason, field="userId")


@dataclass(frozen=True)
class AccountRow:
    user: User
    open_sessions: int


async def accounts(
    call: Call,
    *,
    limit: int,
    after: paging.IdPosition | None = None,
    search: str | None = None,
    role: Role | None = None,
    active: bool | None = None,
) -> paging.Page[AccountRow]:
    """The administrator's accounts, newest first; `search` in the username or name."""
    viewer = scope.require_role(call, {Role.ADMIN})
    query = User.all().select_related("org_unit")
    if viewer.unit_path is not None:
        # An administrator of the whole tree also has the accounts without a unit.
        query = query.filter(org_unit_id__in=await scope.unit_ids_in_scope(call))
    if term := search_term(search, "filter.search", max_len=SEARCH_MAX):
        query = query.filter(Q(username__icontains=term) | Q(display_name__icontains=term))
    if role is not None:
        query = query.filter(role=role)
    if active is not None:
        query = query.filter(is_active=active)
    if after is not None:
        query = query.filter(id__lt=after.id)
    users = await query.order_by("-id").limit(limit + 1)
    shown = users[:limit]
    open_by_user = dict(
        await Session.filter(
            user_id__in=[u.id for u in shown], revoked_at=None, expires_at__gt=call.now
        )
        .annotate(n=Count("id"))
        .group_by("user_id")
        .values_list("user_id", "n")
    )
    rows = [AccountRow(u, int(open_by_user.get(u.id, 0))) for u in users]
    return paging.page_of(rows, limit, lambda r: paging.IdPosition(r.user.id))


async def set_account_active(call: Call, user_id: int, active: bool) -> User:
    """A managed account off or on; off ends every session of it (CJIS 5.5.5)."""
    viewer = scope.require_role(call, {Role.ADMIN})
    async with in_transaction():
        user = await managed_account(call, user_id, for_update=True)
        _not_self(viewer, user, "SELF_DEACTIVATE")
        revoked = 0
        if user.is_active != active:
            user.is_active = active
            await user.save(update_fields=["is_active"])
        if not active:
            revoked = await sessions.end_all_sessions(call, user.id)
        await audit.record(
            call,
            "user.set_active",
            target_type="User",
            target_id=user.id,
            summary={"active": active, "sessionsRevoked": revoked},
        )
    return user


async def end_sessions(call: Call, user_id: int) -> int:
    """Every session of a managed account ends (a phone lost or taken); how many were open."""
    viewer = scope.require_role(call, {Role.ADMIN})
    async with in_transaction():
        user = await managed_account(call, user_id, for_update=True)
        _not_self(viewer, user, "SELF_END_SESSIONS")
        ended = await sessions.end_all_sessions(call, user.id)
        await audit.record(
            call,
            "user.end_sessions",
            target_type="User",
            target_id=user.id,
            summary={"sessionsRevoked": ended},
        )
    return ended


async def reset_two_factor(call: Call, user_id: int) -> User:
    """A managed account lost its phone and its recovery codes: see two_factor.reset."""
    viewer = scope.require_role(call, {Role.ADMIN})
    user = await managed_account(call, user_id)
    _not_self(viewer, user, "SELF_RESET_TWO_STEP")
    return await two_factor.reset(call, user.username)
