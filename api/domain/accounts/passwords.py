"""Changing one's own password.

The current password is checked under the sign-in lockout (a stolen
unlocked phone must not become a way to guess it), and a change ends every
other session of the account: whoever else held one had it by the old
password (OWASP ASVS 5.0 V7.4.3).
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from api.domain.accounts import lockout
from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.secrets import check_password_rules, hash_password, verify_password
from api.models.accounts import Session, User

ACTION = "auth.password_change"


async def change_password(call: Call, current: str, new: str) -> int:
    """The new password in force; how many other sessions ended."""
    viewer = scope.require_viewer(call)
    check_password_rules(new, "newPassword")
    user = await User.get(id=viewer.id)
    slot = await lockout.claim(call, user.username, ACTION)
    if not verify_password(call.settings, user.password_hash, current):
        await audit.record_refusal(call, ACTION, "failed", target_type="User", target_id=user.id)
        raise BadInput("PASSWORD_WRONG", field="currentPassword")
    await lockout.give_back(slot)
    if verify_password(call.settings, user.password_hash, new):
        raise BadInput("PASSWORD_SAME", field="newPassword")
    password_hash = hash_password(call.settings, new)
    async with in_transaction():
        await User.filter(id=user.id).update(password_hash=password_hash)
        ended = (
            await Session.filter(user_id=user.id, revoked_at=None)
            .exclude(id=viewer.session_id)
            .update(revoked_at=call.now)
        )
        await audit.record(
            call, ACTION, target_type="User", target_id=user.id, summary={"sessionsRevoked": ended}
        )
    return ended
