"""Second factor for staff sign-in: TOTP (RFC 6238) and one-time recovery codes.

Required for the roles in settings.require_2fa_roles (ADMIN and SUPERVISOR
always; CJIS Security Policy 5.6.2.2 asks for advanced authentication of
privileged access), optional for other staff. An account of a required role
that has not enrolled signs in with its password to a session marked
`mfa_pending`, good only for the enrolment; confirming the enrolment with a
first code lifts the mark from that session and ends every other session
still waiting for it, so a second password-only session cannot replace the
factor just enrolled. Once a factor is on, only a current code of it (or a
recovery code) begins a new one or turns it off; those codes count toward
the sign-in lockout like the ones `login` checks.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import pyotp
from tortoise.transactions import in_transaction

from api.domain.accounts import lockout, sessions, totp_seal
from api.domain.common import audit, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Forbidden, NotFound
from api.domain.common.secrets import CODE_ALPHABET, code_hash, same
from api.domain.common.validators import ascii_digits
from api.models.accounts import RecoveryCode, Session, User
from api.models.enums import Role
from api.settings import Settings

ISSUER = "Sifasuo 司法所"
RECOVERY_CODES = 10
RECOVERY_CODE_LENGTH = 10  # 10 of 31 symbols: about 50 bits each
# Codes of the step before and after are accepted: a phone's clock a little off.
TOTP_STEP = 30
TOTP_DRIFT_STEPS = 1
# Root fields a session pending enrolment may use: who am I, sign out, enrol.
ENROLMENT_FIELDS = frozenset(
    {"__typename", "viewer", "logout", "beginTotpEnrolment", "confirmTotpEnrolment"}
)


def required_for(settings: Settings, role: Role) -> bool:
    return role in settings.require_2fa_roles


def require_full_session(call: Call, fields: Iterable[str]) -> None:
    """FORBIDDEN (reason MFA_ENROLMENT_REQUIRED) for anything but the enrolment
    while the session waits for it."""
    viewer = call.viewer
    if viewer is None or not viewer.mfa_pending:
        return
    if any(field not in ENROLMENT_FIELDS for field in fields):
        raise Forbidden("MFA_ENROLMENT_REQUIRED")


def _staff(call: Call) -> Viewer:
    viewer = scope.require_viewer(call)
    if viewer.role.is_public:
        raise Forbidden("TWO_STEP_STAFF_ONLY")
    return viewer


def _matching_step(secret: str, code: str, call: Call) -> int | None:
    """The time step whose code this is, within the allowed drift, or None."""
    digits = "".join(ch for ch in code if ascii_digits(ch))
    if len(digits) != 6:
        return None
    totp = pyotp.TOTP(secret, interval=TOTP_STEP)
    now_step = totp.timecode(call.now)
    for step in range(now_step - TOTP_DRIFT_STEPS, now_step + TOTP_DRIFT_STEPS + 1):
        if same(totp.generate_otp(step), digits):
            return step
    return None


async def _use_totp(call: Call, user: User, secret: str, code: str) -> bool:
    """True once per time step: a code seen before (a replay) is refused (RFC 6238 §5.2)."""
    step = _matching_step(secret, code, call)
    if step is None:
        return False
    claimed = await User.filter(id=user.id, totp_last_step__lt=step).update(totp_last_step=step)
    return bool(claimed)


async def _use_recovery_code(call: Call, user: User, code: str) -> bool:
    claimed = await RecoveryCode.filter(
        user_id=user.id, code_hash=code_hash(code), used_at=None
    ).update(used_at=call.now)
    return bool(claimed)


async def verify_second_factor(call: Call, user: User, code: str) -> bool:
    """A current TOTP code or an unused recovery code; either is spent by use."""
    stored = user.totp_secret
    if stored is None:
        return False
    data_dir = call.settings.data_dir
    try:
        secret: str | None = totp_seal.unseal(data_dir, user.id, stored)
    except totp_seal.UnreadableSecret:
        secret = None  # the key file changed: only a recovery code helps now
    if secret is not None and await _use_totp(call, user, secret, code):
        if not totp_seal.is_sealed(stored):  # stored before seeds were sealed
            sealed = totp_seal.seal(data_dir, user.id, secret)
            await User.filter(id=user.id).update(totp_secret=sealed)
        return True
    return await _use_recovery_code(call, user, code)


async def _prove_factor(call: Call, user: User, code: str | None) -> None:
    """`code` is a current code (or an unused recovery code) of the account's
    factor, checked within the sign-in lockout; BAD_USER_INPUT (audited) if not."""
    action = "totp.prove"
    if not code:
        raise BadInput("CURRENT_CODE_REQUIRED", field="code")
    slot = await lockout.claim(call, user.username, action)
    if not await verify_second_factor(call, user, code):
        await audit.record_refusal(
            call, action, "otp_invalid", target_type="User", target_id=user.id
        )
        raise BadInput("OTP_INVALID", field="code")
    await lockout.give_back(slot)


@dataclass(frozen=True)
class Enrolment:
    secret: str
    otpauth_uri: str


async def begin_enrolment(call: Call, code: str | None = None) -> Enrolment:
    """A new secret for the authenticator app; it takes effect on confirmation.
    While a factor is on, `code` must be a current one of it: holding a
    session (or the password) is not enough to replace it."""
    viewer = _staff(call)
    user = await User.get(id=viewer.id)
    if user.totp_secret is not None:
        await _prove_factor(call, user, code)
    secret = pyotp.random_base32()  # 160 bits, the RFC 4226 recommendation
    async with in_transaction():
        sealed = totp_seal.seal(call.settings.data_dir, viewer.id, secret)
        await User.filter(id=viewer.id).update(totp_pending_secret=sealed)
        await audit.record(call, "totp.begin", target_type="User", target_id=viewer.id)
    uri = pyotp.TOTP(secret, interval=TOTP_STEP).provisioning_uri(
        name=viewer.username, issuer_name=ISSUER
    )
    return Enrolment(secret=secret, otpauth_uri=uri)


def _recovery_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    half = RECOVERY_CODE_LENGTH // 2
    return f"{raw[:half]}-{raw[half:]}"


async def confirm_enrolment(call: Call, code: str) -> list[str]:
    """Turn the pending secret on with its first code; the recovery codes, shown once.
    Every other session of the account opened only to enrol ends."""
    viewer = _staff(call)
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    async with in_transaction():
        user = await User.select_for_update().get(id=viewer.id)
        if user.totp_pending_secret is None:
            raise BadInput("ENROLMENT_NOT_BEGUN", field="code")
        data_dir = call.settings.data_dir
        try:
            pending = totp_seal.unseal(data_dir, user.id, user.totp_pending_secret)
        except totp_seal.UnreadableSecret as exc:
            raise BadInput("ENROLMENT_RESTART", field="code") from exc
        step = _matching_step(pending, code, call)
        if step is None:
            raise BadInput("OTP_INVALID_CHECK_TIME", field="code")
        user.totp_secret = totp_seal.seal(data_dir, user.id, pending)
        user.totp_pending_secret = None
        user.totp_enabled_at = call.now
        user.totp_last_step = step
        await user.save(
            update_fields=[
                "totp_secret",
                "totp_pending_secret",
                "totp_enabled_at",
                "totp_last_step",
            ]
        )
        await RecoveryCode.filter(user_id=user.id).delete()
        await RecoveryCode.bulk_create(
            [RecoveryCode(user_id=user.id, code_hash=code_hash(c)) for c in codes]
        )
        if viewer.session_id is not None:
            await Session.filter(id=viewer.session_id).update(mfa_pending=False)
        ended = (
            await Session.filter(user_id=user.id, mfa_pending=True, revoked_at=None)
            .exclude(id=viewer.session_id)
            .update(revoked_at=call.now)
        )
        await audit.record(
            call,
            "totp.enable",
            target_type="User",
            target_id=user.id,
            summary={"sessionsRevoked": ended} if ended else None,
        )
    return codes


async def disable(call: Call, code: str) -> bool:
    """Turn the second factor off, proven with a current code; not for required roles."""
    viewer = _staff(call)
    if required_for(call.settings, viewer.role):
        raise Forbidden("TOTP_REQUIRED")
    user = await User.get(id=viewer.id)
    if user.totp_secret is None:
        raise BadInput("TWO_STEP_OFF", field="code")
    await _prove_factor(call, user, code)
    async with in_transaction():
        await User.filter(id=user.id).update(
            totp_secret=None, totp_pending_secret=None, totp_enabled_at=None
        )
        await RecoveryCode.filter(user_id=user.id).delete()
        await audit.record(call, "totp.disable", target_type="User", target_id=user.id)
    return True


async def reset(call: Call, username: str) -> User:
    """The operator's way back in for staff who lost both the phone and the
    recovery codes (`sifasuo two-step reset`): the second factor and the
    recovery codes go and every session ends. A role that must use two-step
    sign-in enrols again at its next sign-in; the password is unchanged."""
    async with in_transaction():
        user = await User.select_for_update().get_or_none(username=username)
        if user is None:
            raise NotFound("USERNAME_UNKNOWN")
        await User.filter(id=user.id).update(
            totp_secret=None, totp_pending_secret=None, totp_enabled_at=None
        )
        await RecoveryCode.filter(user_id=user.id).delete()
        ended = await sessions.end_all_sessions(call, user.id)
        await audit.record(
            call,
            "totp.reset",
            target_type="User",
            target_id=user.id,
            summary={"sessionsRevoked": ended},
            actor_name="sifasuo two-step reset",
        )
    return user
