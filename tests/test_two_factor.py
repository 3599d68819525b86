"""Two-step sign-in: TOTP enrolment, required roles, recovery codes, replays, lockout.

The app runs on the test's clock, and the codes are made for its time: a
right code is right and a wrong one (`wrong_code`) is wrong in every step the
server accepts, whenever the test runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime

import httpx
import pyotp
import pytest

from api.app import create_app
from api.domain.accounts import totp_seal
from api.domain.accounts.two_factor import TOTP_DRIFT_STEPS, TOTP_STEP, _matching_step
from api.domain.common.call import Call
from api.models.accounts import RecoveryCode, Session, User
from api.models.audit import AuditEntry
from api.models.enums import Role
from api.settings import Settings, SettingsError
from tests.conftest import PASSWORD, Clients, Clock, GraphQLClient, World

LOGIN = """mutation($u: String!, $p: String!, $otp: String) {
  login(username: $u, password: $p, otp: $otp) { token mfaEnrolmentRequired }
}"""
BEGIN = "mutation { beginTotpEnrolment { secret otpauthUri } }"
BEGIN_WITH = "mutation($c: String) { beginTotpEnrolment(code: $c) { secret } }"
CONFIRM = "mutation($c: String!) { confirmTotpEnrolment(code: $c) }"
DISABLE = "mutation($c: String!) { disableTotp(code: $c) }"
UNITS = "{ orgUnits { id } }"


@pytest.fixture
async def gql(clients: Clients) -> AsyncIterator[GraphQLClient]:
    """The app on the test's clock (the conftest's `gql` runs on the real one)."""
    async with clients() as client:
        yield client


def code_at(secret: str, at: datetime, offset_steps: int = 0) -> str:
    return pyotp.TOTP(secret, interval=TOTP_STEP).at(at, counter_offset=offset_steps)


def wrong_code(secret: str, at: datetime) -> str:
    """Six digits that are the code of no step the server accepts at `at`."""
    accepted = {code_at(secret, at, d) for d in range(-TOTP_DRIFT_STEPS, TOTP_DRIFT_STEPS + 1)}
    return next(c for c in (f"{n:06d}" for n in range(len(accepted) + 1)) if c not in accepted)


def test_wrong_code_is_wrong_in_every_accepted_step() -> None:
    """Checked against the server's own matching, at the edges of a step too."""
    for at in ("2026-03-02T09:00:00+00:00", "2026-03-02T09:00:29.999+00:00"):
        call = Call(settings=Settings(), now=datetime.fromisoformat(at))
        for _ in range(50):
            secret = pyotp.random_base32()
            assert _matching_step(secret, code_at(secret, call.now, 1), call) is not None
            wrong = wrong_code(secret, call.now)
            assert len(wrong) == 6 and _matching_step(secret, wrong, call) is None


async def login(gql: GraphQLClient, user: str, otp: str | None = None) -> dict[str, object]:
    data = await gql.ok(LOGIN, {"u": user, "p": PASSWORD, "otp": otp})
    payload: dict[str, object] = data["login"]
    return payload


async def enrol(gql: GraphQLClient, clock: Clock, token: str) -> tuple[str, list[str]]:
    begun = (await gql.ok(BEGIN, token=token))["beginTotpEnrolment"]
    codes = (await gql.ok(CONFIRM, {"c": code_at(begun["secret"], clock.now)}, token=token))[
        "confirmTotpEnrolment"
    ]
    return begun["secret"], codes


async def test_admin_must_enrol_before_anything_else(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    signed_in = await login(gql, "admin")
    assert signed_in["mfaEnrolmentRequired"] is True
    token = str(signed_in["token"])
    refused = await gql.refusal(UNITS, token=token)
    assert refused == {"code": "FORBIDDEN", "reason": "MFA_ENROLMENT_REQUIRED"}
    mixed = await gql.refusal("{ viewer { id } orgUnits { id } }", token=token)
    assert mixed["reason"] == "MFA_ENROLMENT_REQUIRED"
    assert (await gql.ok("{ viewer { username } }", token=token))["viewer"]["username"] == "admin"

    begun = (await gql.ok(BEGIN, token=token))["beginTotpEnrolment"]
    assert begun["otpauthUri"].startswith("otpauth://totp/")
    assert begun["secret"] in begun["otpauthUri"]
    wrong = await gql.error(CONFIRM, {"c": wrong_code(begun["secret"], clock.now)}, token=token)
    assert wrong["code"] == "BAD_USER_INPUT"
    codes = (await gql.ok(CONFIRM, {"c": code_at(begun["secret"], clock.now)}, token=token))[
        "confirmTotpEnrolment"
    ]
    assert len(codes) == 10 and len(set(codes)) == 10
    # The same session now works in full.
    assert (await gql.ok(UNITS, token=token))["orgUnits"]
    user = await User.get(username="admin")
    assert user.totp_secret is not None and user.totp_pending_secret is None
    # Sealed at rest: the database alone does not give the seed away.
    assert begun["secret"] not in user.totp_secret
    assert totp_seal.unseal(world.settings.data_dir, user.id, user.totp_secret) == begun["secret"]
    stored = await RecoveryCode.filter(user_id=user.id).values_list("code_hash", flat=True)
    assert not set(codes) & set(stored)  # only hashes are kept
    summaries = await AuditEntry.filter(action__startswith="totp.").values_list(
        "summary", flat=True
    )
    assert begun["secret"] not in str(summaries)


async def test_enrolled_sign_in_needs_a_fresh_code(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    secret, recovery = await enrol(gql, clock, world.tokens["supervisor"])
    missing = await gql.refusal(LOGIN, {"u": "supervisor", "p": PASSWORD})
    assert missing == {"code": "UNAUTHENTICATED", "reason": "OTP_REQUIRED"}
    wrong = wrong_code(secret, clock.now)
    invalid = await gql.refusal(LOGIN, {"u": "supervisor", "p": PASSWORD, "otp": wrong})
    assert invalid["reason"] == "OTP_INVALID"
    fresh = code_at(secret, clock.now, 1)
    signed_in = await login(gql, "supervisor", fresh)
    assert signed_in["mfaEnrolmentRequired"] is False
    replay = await gql.refusal(LOGIN, {"u": "supervisor", "p": PASSWORD, "otp": fresh})
    assert replay["reason"] == "OTP_INVALID"
    # A recovery code works once, typed in any case and without the dash.
    await login(gql, "supervisor", recovery[0].replace("-", "").lower())
    again = await gql.refusal(LOGIN, {"u": "supervisor", "p": PASSWORD, "otp": recovery[0]})
    assert again["reason"] == "OTP_INVALID"


async def test_missing_and_wrong_codes_count_toward_the_lockout(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    secret, _ = await enrol(gql, clock, world.tokens["officer_a"])
    await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD})
    for _ in range(4):
        otp = wrong_code(secret, clock.now)
        ext = await gql.refusal(LOGIN, {"u": "officer_a", "p": PASSWORD, "otp": otp})
        assert ext["reason"] == "OTP_INVALID"
    otp = code_at(secret, clock.now, 1)
    locked = await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD, "otp": otp})
    assert locked["code"] == "RATE_LIMITED"
    assert locked["retryAfterSeconds"] > 14 * 60


async def test_concurrent_wrong_codes_get_five_checks(
    clients: Clients, clock: Clock, world: World
) -> None:
    """30 sign-ins at once with the right password and wrong codes: 5 codes are
    checked; the right code in a second burst does not get in."""
    async with clients(rate_limits_enabled=False) as gql:
        secret, _ = await enrol(gql, clock, world.tokens["supervisor"])
        clock.advance(seconds=TOTP_STEP)  # the enrolment's code is spent
        wrong = {"u": "supervisor", "p": PASSWORD, "otp": wrong_code(secret, clock.now)}
        answers = await asyncio.gather(*(gql.refusal(LOGIN, wrong) for _ in range(30)))
        reasons = [a["reason"] for a in answers]
        assert reasons.count("OTP_INVALID") == 5
        assert reasons.count("SIGN_IN_LOCKED") == 25
        assert {a["code"] for a in answers if a["reason"] == "SIGN_IN_LOCKED"} == {"RATE_LIMITED"}
        checked = AuditEntry.filter(action="auth.login", outcome="otp_invalid")
        assert await checked.count() == 5
        burst = [wrong] * 29
        burst.insert(11, {**wrong, "otp": code_at(secret, clock.now)})
        answers = await asyncio.gather(*(gql(LOGIN, v) for v in burst))
        assert {a["errors"][0]["extensions"]["code"] for a in answers} == {"RATE_LIMITED"}
        assert await checked.count() == 5
        assert await Session.filter(user_id=world.users["supervisor"].id).count() == 1


async def test_enrolling_ends_the_other_enrolment_only_sessions(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    """Two password-only sessions: the one that enrols ends the other, which
    therefore cannot put its own secret and recovery codes in their place."""
    first = str((await login(gql, "admin"))["token"])
    second = str((await login(gql, "admin"))["token"])
    secret, _ = await enrol(gql, clock, first)
    assert (await gql.ok("{ viewer { username } }", token=second))["viewer"] is None
    assert (await gql.error(BEGIN, token=second))["code"] == "UNAUTHENTICATED"
    assert (await gql.ok(UNITS, token=first))["orgUnits"]
    # A session that was already whole (not waiting to enrol) goes on.
    assert (await gql.ok(UNITS, token=world.tokens["admin"]))["orgUnits"]
    entry = await AuditEntry.get(action="totp.enable")
    assert entry.summary == {"sessionsRevoked": 1}
    # Had the second outlived the enrolment, it still could not begin another.
    await Session.filter(revoked_at__not_isnull=True).update(revoked_at=None)
    refused = await gql.error(BEGIN, token=second)
    assert refused == {"code": "BAD_USER_INPUT", "field": "code"}
    user = await User.get(username="admin")
    assert user.totp_pending_secret is None
    assert totp_seal.unseal(world.settings.data_dir, user.id, user.totp_secret or "") == secret


async def test_replacing_a_factor_needs_a_current_code(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    token = world.tokens["officer_a"]
    old, _ = await enrol(gql, clock, token)
    for code in (None, wrong_code(old, clock.now)):
        ext = await gql.error(BEGIN_WITH, {"c": code}, token=token)
        assert ext == {"code": "BAD_USER_INPUT", "field": "code"}
    assert (await User.get(username="officer_a")).totp_pending_secret is None
    begun = await gql.ok(BEGIN_WITH, {"c": code_at(old, clock.now, 1)}, token=token)
    new = begun["beginTotpEnrolment"]["secret"]
    await gql.ok(CONFIRM, {"c": code_at(new, clock.now)}, token=token)
    clock.advance(seconds=TOTP_STEP * 3)
    stale = await gql.refusal(
        LOGIN, {"u": "officer_a", "p": PASSWORD, "otp": code_at(old, clock.now)}
    )
    assert stale["reason"] == "OTP_INVALID"
    await login(gql, "officer_a", code_at(new, clock.now))


async def test_codes_proving_a_factor_count_toward_the_lockout(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    token = world.tokens["officer_a"]
    secret, _ = await enrol(gql, clock, token)
    for _ in range(5):
        ext = await gql.error(DISABLE, {"c": wrong_code(secret, clock.now)}, token=token)
        assert ext["code"] == "BAD_USER_INPUT"
    right = code_at(secret, clock.now, 1)
    locked = await gql.error(BEGIN_WITH, {"c": right}, token=token)
    assert locked["code"] == "RATE_LIMITED"
    assert (await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD, "otp": right}))[
        "code"
    ] == "RATE_LIMITED"
    assert await AuditEntry.filter(action="totp.prove", outcome="otp_invalid").count() == 5
    clock.advance(minutes=15)
    await gql.ok(DISABLE, {"c": code_at(secret, clock.now)}, token=token)


async def test_optional_for_officers_and_kept_by_required_roles(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    signed_in = await login(gql, "officer_a")
    assert signed_in["mfaEnrolmentRequired"] is False
    secret, _ = await enrol(gql, clock, world.tokens["officer_a"])
    otp = wrong_code(secret, clock.now)
    wrong = await gql.error(DISABLE, {"c": otp}, token=world.tokens["officer_a"])
    assert wrong == {"code": "BAD_USER_INPUT", "field": "code"}
    await gql.ok(DISABLE, {"c": code_at(secret, clock.now, 1)}, token=world.tokens["officer_a"])
    assert (await login(gql, "officer_a"))["mfaEnrolmentRequired"] is False

    sup_secret, _ = await enrol(gql, clock, world.tokens["supervisor"])
    otp = code_at(sup_secret, clock.now, 1)
    kept = await gql.refusal(DISABLE, {"c": otp}, token=world.tokens["supervisor"])
    assert kept == {"code": "FORBIDDEN", "reason": "TOTP_REQUIRED"}
    public = await gql.error(BEGIN, token=world.tokens["applicant"])
    assert public["code"] == "FORBIDDEN"
    assert (await gql.error(BEGIN))["code"] == "UNAUTHENTICATED"


async def test_setting_extends_the_required_roles(db: Settings, world: World) -> None:
    settings = db.with_(require_2fa_roles=frozenset({Role.ADMIN, Role.SUPERVISOR, Role.OFFICER}))
    transport = httpx.ASGITransport(app=create_app(settings, manage_db=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        assert (await login(GraphQLClient(http), "officer_a"))["mfaEnrolmentRequired"] is True
        assert (await login(GraphQLClient(http), "mediator_a"))["mfaEnrolmentRequired"] is False
    parsed = Settings.from_env({"SIFASUO_REQUIRE_2FA_ROLES": "officer, MEDIATOR"})
    assert parsed.require_2fa_roles == {Role.ADMIN, Role.SUPERVISOR, Role.OFFICER, Role.MEDIATOR}
    try:
        Settings.from_env({"SIFASUO_REQUIRE_2FA_ROLES": "APPLICANT"})
    except SettingsError:
        pass
    else:
        raise AssertionError("a public role was accepted")


async def test_operator_reset_sends_a_lost_phone_back_to_enrolment(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    from api.domain.accounts.two_factor import reset
    from api.domain.common.call import Call
    from api.domain.common.errors import NotFound

    token = world.tokens["supervisor"]
    await enrol(gql, clock, token)
    user = await User.get(username="supervisor")
    await reset(Call(settings=world.settings), "supervisor")
    # Every session ended, the factor and its recovery codes are gone.
    assert (await gql.error(UNITS, token=token))["code"] == "UNAUTHENTICATED"
    assert await RecoveryCode.filter(user_id=user.id).count() == 0
    # The password alone signs in again, to a session good only for enrolling.
    signed_in = await login(gql, "supervisor")
    assert signed_in["mfaEnrolmentRequired"] is True
    fresh = str(signed_in["token"])
    assert (await gql.refusal(UNITS, token=fresh))["reason"] == "MFA_ENROLMENT_REQUIRED"
    await enrol(gql, clock, fresh)
    assert (await gql.ok(UNITS, token=fresh))["orgUnits"]
    entry = await AuditEntry.get(action="totp.reset")
    assert entry.target_id == str(user.id) and entry.actor_name == "sifasuo two-step reset"
    with pytest.raises(NotFound):
        await reset(Call(settings=world.settings), "nobody-here")


async def test_seeds_are_sealed_per_account_and_old_ones_get_sealed_at_use(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    data_dir = world.settings.data_dir
    key_file = data_dir / totp_seal.KEY_FILE_NAME
    # A seed stored before seeds were sealed still signs in, and is sealed then.
    officer = await User.get(username="officer_a")
    old_seed = pyotp.random_base32()
    await User.filter(id=officer.id).update(totp_secret=old_seed)
    await login(gql, "officer_a", code_at(old_seed, clock.now))
    stored = (await User.get(id=officer.id)).totp_secret
    assert stored is not None and totp_seal.is_sealed(stored) and old_seed not in stored
    assert totp_seal.unseal(data_dir, officer.id, stored) == old_seed
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    # Bound to its account: copied onto another one, it does not open.
    with pytest.raises(totp_seal.UnreadableSecret):
        totp_seal.unseal(data_dir, officer.id + 1, stored)


async def test_a_replaced_key_file_leaves_the_recovery_codes(
    gql: GraphQLClient, clock: Clock, world: World
) -> None:
    secret, recovery = await enrol(gql, clock, world.tokens["supervisor"])
    key_file = world.settings.data_dir / totp_seal.KEY_FILE_NAME
    key_file.unlink()  # a restore without the key file
    totp_seal._aead.cache_clear()
    try:
        wrong = await gql.refusal(
            LOGIN, {"u": "supervisor", "p": PASSWORD, "otp": code_at(secret, clock.now, 1)}
        )
        assert wrong["reason"] == "OTP_INVALID"
        assert (await login(gql, "supervisor", recovery[0]))["token"]
    finally:
        totp_seal._aead.cache_clear()
