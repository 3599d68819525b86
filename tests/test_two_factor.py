"""Two-step sign-in: TOTP enrolment, required roles, recovery codes, replays, lockout."""

from __future__ import annotations

import time

import httpx
import pyotp
import pytest

from api.app import create_app
from api.domain import totp_seal
from api.models.accounts import RecoveryCode, User
from api.models.audit import AuditEntry
from api.models.enums import Role
from api.settings import Settings, SettingsError
from tests.conftest import PASSWORD, GraphQLClient, World

LOGIN = """mutation($u: String!, $p: String!, $otp: String) {
  login(username: $u, password: $p, otp: $otp) { token mfaEnrolmentRequired }
}"""
BEGIN = "mutation { beginTotpEnrolment { secret otpauthUri } }"
CONFIRM = "mutation($c: String!) { confirmTotpEnrolment(code: $c) }"
DISABLE = "mutation($c: String!) { disableTotp(code: $c) }"
UNITS = "{ orgUnits { id } }"


def code_at(secret: str, offset_steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * offset_steps)


async def login(gql: GraphQLClient, user: str, otp: str | None = None) -> dict[str, object]:
    data = await gql.ok(LOGIN, {"u": user, "p": PASSWORD, "otp": otp})
    payload: dict[str, object] = data["login"]
    return payload


async def enrol(gql: GraphQLClient, token: str) -> tuple[str, list[str]]:
    begun = (await gql.ok(BEGIN, token=token))["beginTotpEnrolment"]
    codes = (await gql.ok(CONFIRM, {"c": code_at(begun["secret"])}, token=token))[
        "confirmTotpEnrolment"
    ]
    return begun["secret"], codes


async def test_admin_must_enrol_before_anything_else(gql: GraphQLClient, world: World) -> None:
    signed_in = await login(gql, "admin")
    assert signed_in["mfaEnrolmentRequired"] is True
    token = str(signed_in["token"])
    refused = await gql.error(UNITS, token=token)
    assert refused == {"code": "FORBIDDEN", "reason": "MFA_ENROLMENT_REQUIRED"}
    mixed = await gql.error("{ viewer { id } orgUnits { id } }", token=token)
    assert mixed["reason"] == "MFA_ENROLMENT_REQUIRED"
    assert (await gql.ok("{ viewer { username } }", token=token))["viewer"]["username"] == "admin"

    begun = (await gql.ok(BEGIN, token=token))["beginTotpEnrolment"]
    assert begun["otpauthUri"].startswith("otpauth://totp/")
    assert begun["secret"] in begun["otpauthUri"]
    wrong = await gql.error(CONFIRM, {"c": "000000"}, token=token)
    assert wrong["code"] == "BAD_USER_INPUT"
    codes = (await gql.ok(CONFIRM, {"c": code_at(begun["secret"])}, token=token))[
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


async def test_enrolled_sign_in_needs_a_fresh_code(gql: GraphQLClient, world: World) -> None:
    secret, recovery = await enrol(gql, world.tokens["supervisor"])
    missing = await gql.error(LOGIN, {"u": "supervisor", "p": PASSWORD})
    assert missing == {"code": "UNAUTHENTICATED", "reason": "OTP_REQUIRED"}
    invalid = await gql.error(LOGIN, {"u": "supervisor", "p": PASSWORD, "otp": "123456"})
    assert invalid["reason"] == "OTP_INVALID"
    fresh = code_at(secret, 1)
    signed_in = await login(gql, "supervisor", fresh)
    assert signed_in["mfaEnrolmentRequired"] is False
    replay = await gql.error(LOGIN, {"u": "supervisor", "p": PASSWORD, "otp": fresh})
    assert replay["reason"] == "OTP_INVALID"
    # A recovery code works once, typed in any case and without the dash.
    await login(gql, "supervisor", recovery[0].replace("-", "").lower())
    again = await gql.error(LOGIN, {"u": "supervisor", "p": PASSWORD, "otp": recovery[0]})
    assert again["reason"] == "OTP_INVALID"


async def test_missing_and_wrong_codes_count_toward_the_lockout(
    gql: GraphQLClient, world: World
) -> None:
    secret, _ = await enrol(gql, world.tokens["officer_a"])
    for _ in range(5):
        await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD, "otp": "000000"})
    locked = await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD, "otp": code_at(secret, 1)})
    assert locked["code"] == "RATE_LIMITED"


async def test_optional_for_officers_and_kept_by_required_roles(
    gql: GraphQLClient, world: World
) -> None:
    signed_in = await login(gql, "officer_a")
    assert signed_in["mfaEnrolmentRequired"] is False
    secret, _ = await enrol(gql, world.tokens["officer_a"])
    wrong = await gql.error(DISABLE, {"c": "000000"}, token=world.tokens["officer_a"])
    assert wrong["code"] == "BAD_USER_INPUT"
    await gql.ok(DISABLE, {"c": code_at(secret, 1)}, token=world.tokens["officer_a"])
    assert (await login(gql, "officer_a"))["mfaEnrolmentRequired"] is False

    sup_secret, _ = await enrol(gql, world.tokens["supervisor"])
    kept = await gql.error(DISABLE, {"c": code_at(sup_secret, 1)}, token=world.tokens["supervisor"])
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
    gql: GraphQLClient, world: World
) -> None:
    from api.domain.call import Call
    from api.domain.errors import NotFound
    from api.domain.two_factor import reset

    token = world.tokens["supervisor"]
    await enrol(gql, token)
    user = await User.get(username="supervisor")
    await reset(Call(settings=world.settings), "supervisor")
    # Every session ended, the factor and its recovery codes are gone.
    assert (await gql.error(UNITS, token=token))["code"] == "UNAUTHENTICATED"
    assert await RecoveryCode.filter(user_id=user.id).count() == 0
    # The password alone signs in again, to a session good only for enrolling.
    signed_in = await login(gql, "supervisor")
    assert signed_in["mfaEnrolmentRequired"] is True
    fresh = str(signed_in["token"])
    assert (await gql.error(UNITS, token=fresh))["reason"] == "MFA_ENROLMENT_REQUIRED"
    await enrol(gql, fresh)
    assert (await gql.ok(UNITS, token=fresh))["orgUnits"]
    entry = await AuditEntry.get(action="totp.reset")
    assert entry.target_id == str(user.id) and entry.actor_name == "sifasuo two-step reset"
    with pytest.raises(NotFound):
        await reset(Call(settings=world.settings), "nobody-here")


async def test_seeds_are_sealed_per_account_and_old_ones_get_sealed_at_use(
    gql: GraphQLClient, world: World
) -> None:
    data_dir = world.settings.data_dir
    key_file = data_dir / totp_seal.KEY_FILE_NAME
    # A seed stored before seeds were sealed still signs in, and is sealed then.
    officer = await User.get(username="officer_a")
    old_seed = pyotp.random_base32()
    await User.filter(id=officer.id).update(totp_secret=old_seed)
    await login(gql, "officer_a", code_at(old_seed))
    stored = (await User.get(id=officer.id)).totp_secret
    assert stored is not None and totp_seal.is_sealed(stored) and old_seed not in stored
    assert totp_seal.unseal(data_dir, officer.id, stored) == old_seed
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    # Bound to its account: copied onto another one, it does not open.
    with pytest.raises(totp_seal.UnreadableSecret):
        totp_seal.unseal(data_dir, officer.id + 1, stored)


async def test_a_replaced_key_file_leaves_the_recovery_codes(
    gql: GraphQLClient, world: World
) -> None:
    secret, recovery = await enrol(gql, world.tokens["supervisor"])
    key_file = world.settings.data_dir / totp_seal.KEY_FILE_NAME
    key_file.unlink()  # a restore without the key file
    totp_seal._aead.cache_clear()
    try:
        wrong = await gql.error(
            LOGIN, {"u": "supervisor", "p": PASSWORD, "otp": code_at(secret, 1)}
        )
        assert wrong["reason"] == "OTP_INVALID"
        assert (await login(gql, "supervisor", recovery[0]))["token"]
    finally:
        totp_seal._aead.cache_clear()
