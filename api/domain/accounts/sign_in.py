"""Sign-in, sign-out, sessions opened and the bearer token checked on every request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from api.domain.accounts import lockout, two_factor
from api.domain.accounts.users import normalise_username
from api.domain.common import audit, scope, sql
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import Unauthenticated
from api.domain.common.secrets import new_token, token_hash, verify_password
from api.models.accounts import OrgUnit, Session, User
from api.models.enums import OrgUnitKind, Role

# How often a session's last-seen time is written: often enough for the idle
# timeout, rarely enough that reads stay reads.
LAST_SEEN_RESOLUTION = timedelta(seconds=60)


@dataclass(frozen=True)
class SignedIn:
    token: str
    expires_at: datetime
    user: User
    # The session is good only for enrolling a second factor.
    mfa_pending: bool = False


def viewer_of(
    user: User, unit: OrgUnit | None, session_id: int | None = None, *, mfa_pending: bool = False
) -> Viewer:
    return Viewer(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        org_unit_id=unit.id if unit else None,
        unit_path=unit.path if unit else None,
        locale=user.locale,
        session_id=session_id,
        mfa_pending=mfa_pending,
        unit_kind=OrgUnitKind(unit.kind) if unit else None,
    )


def _session_lengths(call: Call, role: Role) -> tuple[timedelta, timedelta | None]:
    """(absolute lifetime, idle timeout) for an account of this role."""
    s = call.settings
    if role.is_public:
        return s.public_max_session, None
    return s.staff_max_session, s.staff_idle_timeout


async def _open_session(
    call: Call, user: User, unit: OrgUnit | None, *, mfa_pending: bool = False
) -> SignedIn:
    token = new_token()
    lifetime, _ = _session_lengths(call, Role(user.role))
    expires_at = call.now + lifetime
    session = await Session.create(
        user=user,
        token_hash=token_hash(token),
        created_at=call.now,
        last_seen_at=call.now,
        expires_at=expires_at,
        ip=call.ip,
        user_agent=(call.user_agent or "")[:200] or None,
        mfa_pending=mfa_pending,
    )
    call.viewer = viewer_of(user, unit, session.id, mfa_pending=mfa_pending)
    return SignedIn(token=token, expires_at=expires_at, user=user, mfa_pending=mfa_pending)


async def open_session(call: Call, user: User) -> SignedIn:
    """A session for an account that has just proved who it is (activation, sign-up)."""
    return await _open_session(call, user, None)


async def _refuse_sign_in(call: Call, name: str, reason: str, outcome: str) -> None:
    """A failed sign-in, on the audit log (as `outcome`); its lockout slot stays taken."""
    await audit.record_refusal(
        call, "auth.login", outcome, actor_name=name, summary={"username": name}
    )
    raise Unauthenticated(reason)


async def login(call: Call, username: str, password: str, otp: str | None = None) -> SignedIn:
    """Password, then (when enrolled) the second factor; each failure counts
    toward the lockout. A role that must have a second factor but has none
    gets a session good only for enrolling one."""
    # No NUL reaches the database: PostgreSQL refuses it in text (found by the fuzzer).
    name = normalise_username(username)[:64].replace("\x00", "\ufffd")
    # Counted before anything is checked, so concurrent guesses get no more
    # checks than the lockout allows.
    slot = await lockout.claim(call, name)
    user = await User.get_or_none(username=name).select_related("org_unit")
    ok = verify_password(call.settings, user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        # The same answer for an unknown user and a wrong password.
        await _refuse_sign_in(call, name, "BAD_CREDENTIALS", "failed")
    assert user is not None
    if user.totp_secret is not None:
        if not otp:
            await _refuse_sign_in(call, name, "OTP_REQUIRED", "otp_required")
        elif not await two_factor.verify_second_factor(call, user, otp):
            await _refuse_sign_in(call, name, "OTP_INVALID", "otp_invalid")
    role = Role(user.role)
    mfa_pending = user.totp_secret is None and two_factor.required_for(call.settings, role)
    async with in_transaction():
        signed_in = await _open_session(call, user, user.org_unit, mfa_pending=mfa_pending)
        await audit.record(
            call,
            "auth.login",
            target_type="User",
            target_id=user.id,
            summary={"mfaPending": True} if mfa_pending else None,
        )
    await lockout.give_back(slot)
    return signed_in


async def logout(call: Call) -> bool:
    viewer = scope.require_viewer(call)
    async with in_transaction():
        await Session.filter(id=viewer.session_id, revoked_at=None).update(revoked_at=call.now)
        await audit.record(call, "auth.logout", target_type="Session", target_id=viewer.session_id)
    return True


_AUTHENTICATE = """SELECT s.id, s.expires_at, s.revoked_at, s.last_seen_at, s.mfa_pending,
 u.id AS user_id, u.username, u.display_name, u.role, u.locale, u.is_active,
 o.id AS unit_id, o.path, o.kind AS unit_kind
 FROM session s JOIN account u ON u.id = s.user_id LEFT JOIN org_unit o ON o.id = u.org_unit_id
 WHERE s.token_hash = {0}"""


def _moment(value: object) -> datetime:
    """A timestamp as the driver returns it (text on SQLite), made aware."""
    parsed = Session._meta.fields_map["expires_at"].to_python_value(value)
    assert isinstance(parsed, datetime)
    return parsed


async def authenticate(call: Call, token: str) -> Viewer | None:
    """The viewer a bearer token stands for, or None when it is not valid now.

    Every request runs this, so it is one fixed statement selecting only what
    a viewer needs, not an ORM query built anew with three whole rows.
    """
    conn = sql.connection()
    bind = sql.Binder(conn)
    statement = _AUTHENTICATE.format(bind(token_hash(token)))
    _, rows = await conn.execute_query(statement, bind.values)
    if not rows:
        return None
    row = dict(rows[0])
    if row["revoked_at"] is not None or _moment(row["expires_at"]) <= call.now:
        return None
    if not row["is_active"]:
        return None
    role = Role(row["role"])
    _, idle = _session_lengths(call, role)
    last_seen = _moment(row["last_seen_at"])
    if idle is not None and last_seen + idle <= call.now:
        return None
    if call.now - last_seen >= LAST_SEEN_RESOLUTION:
        await Session.filter(id=row["id"]).update(last_seen_at=call.now)
    return Viewer(
        id=row["user_id"],
        username=row["username"],
        display_name=row["display_name"],
        role=role,
        org_unit_id=row["unit_id"],
        unit_path=row["path"],
        locale=row["locale"],
        session_id=row["id"],
        unit_kind=OrgUnitKind(row["unit_kind"]) if row["unit_kind"] else None,
        mfa_pending=bool(row["mfa_pending"]),
    )
