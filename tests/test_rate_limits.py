"""Rate limits: counted in the database, per address on the public mutations,
per account on every write, RATE_LIMITED with retryAfterSeconds.

Every count runs on the test's clock (tests/conftest.py `Clock`), which starts
at the top of an hour and moves only when told: a window ends exactly when a
test moves the clock past it, never in the middle of a count.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from api.domain.common import limits
from api.domain.common.call import Call
from api.domain.common.errors import RateLimited
from api.models.limits import RateLimitBucket
from api.settings import Rate, Settings, SettingsError
from tests.conftest import PASSWORD, Clients, Clock, World

ACTIVATE = """mutation($c: String!) {
  activateAccount(code: $c, username: "someone.new", password: "a long password") { token }
}"""
REVOKE = "mutation { revokeSession(id: 999999) }"


async def test_activation_guesses_are_limited_per_address(clients: Clients, clock: Clock) -> None:
    async with clients() as first, clients() as second, clients(ip="198.51.100.2") as other:
        for i in range(10):
            gql = first if i % 2 else second  # two processes, one count
            assert (await gql.error(ACTIVATE, {"c": f"WRONG{i:03}"}))["code"] == "BAD_USER_INPUT"
        limited = await first.error(ACTIVATE, {"c": "WRONG999"})
        assert limited["code"] == "RATE_LIMITED"
        # The window began with the clock: all of it is left.
        assert limited["retryAfterSeconds"] == 15 * 60
        # Another address has its own count.
        assert (await other.error(ACTIVATE, {"c": "WRONG000"}))["code"] == "BAD_USER_INPUT"
        clock.advance(minutes=14, seconds=59)
        limited = await first.error(ACTIVATE, {"c": "WRONG998"})
        assert limited == {"code": "RATE_LIMITED", "retryAfterSeconds": 1}
        clock.advance(seconds=1)  # the next window
        assert (await first.error(ACTIVATE, {"c": "WRONG997"}))["code"] == "BAD_USER_INPUT"


async def test_sign_ups_are_limited_per_address(clients: Clients) -> None:
    query = """mutation($u: String!) { signUpApplicant(input: {username: $u,
      displayName: "申请人", password: "a long password", phone: "13800138000"}) { token } }"""
    async with clients(sign_up_rate=Rate(2, timedelta(hours=1))) as gql:
        await gql.ok(query, {"u": "applicant.one"})
        await gql.ok(query, {"u": "applicant.two"})
        assert (await gql.error(query, {"u": "applicant.three"}))["code"] == "RATE_LIMITED"


async def test_sign_ins_are_limited_per_address_across_usernames(
    clients: Clients, world: World
) -> None:
    # One password tried against many usernames never trips the per-username
    # lockout; the per-address limit stops it.
    login = """mutation($u: String!) { login(username: $u, password: "Password123!") { token } }"""
    rate = Rate(4, timedelta(minutes=15))
    async with (
        clients(login_rate=rate) as gql,
        clients(login_rate=rate, ip="198.51.100.9") as other,
    ):
        for n in range(4):
            assert (await gql.error(login, {"u": f"guess{n}"}))["code"] == "UNAUTHENTICATED"
        limited = await gql.error(login, {"u": "guess4"})
        assert limited == {"code": "RATE_LIMITED", "retryAfterSeconds": 15 * 60}
        # The limit is the address's, not the account's: the real user signs
        # in from elsewhere.
        officer = world.users["officer_a"].username
        assert (await other.ok(login.replace("Password123!", PASSWORD), {"u": officer}))["login"]


async def test_writes_are_limited_per_account(clients: Clients, clock: Clock, world: World) -> None:
    async with clients(write_rate=Rate(3, timedelta(minutes=1))) as gql:
        clock.advance(seconds=20)
        for _ in range(3):
            ext = await gql.error(REVOKE, token=world.tokens["officer_a"])
            assert ext["code"] == "NOT_FOUND"
        limited = await gql.error(REVOKE, token=world.tokens["officer_a"])
        assert limited == {"code": "RATE_LIMITED", "retryAfterSeconds": 40}
        # Reads go on; another account's writes too.
        await gql.ok("{ viewer { id } }", token=world.tokens["officer_a"])
        assert (await gql.error(REVOKE, token=world.tokens["officer_b"]))["code"] == "NOT_FOUND"
        clock.advance(seconds=39)
        assert (await gql.error(REVOKE, token=world.tokens["officer_a"]))["code"] == "RATE_LIMITED"
        clock.advance(seconds=1)
        assert (await gql.error(REVOKE, token=world.tokens["officer_a"]))["code"] == "NOT_FOUND"


async def test_limits_off_leaves_only_the_lockout(clients: Clients, world: World) -> None:
    async with clients(rate_limits_enabled=False, write_rate=Rate(1, timedelta(minutes=1))) as gql:
        for i in range(12):
            assert (await gql.error(ACTIVATE, {"c": f"WRONG{i:03}"}))["code"] == "BAD_USER_INPUT"
        for _ in range(3):
            ext = await gql.error(REVOKE, token=world.tokens["officer_a"])
            assert ext["code"] == "NOT_FOUND"
        login = 'mutation { login(username: "officer_a", password: "wrong password") { token } }'
        codes = [(await gql.error(login))["code"] for _ in range(6)]
        assert codes[-1] == "RATE_LIMITED"
    assert await RateLimitBucket.all().count() == 0


async def test_concurrent_hits_are_counted_exactly(db: Settings, clock: Clock) -> None:
    call = Call(settings=db, now=clock.now)
    rate = Rate(10, timedelta(minutes=5))

    async def one() -> bool:
        try:
            await limits.hit(call, "test", "ip:192.0.2.1", rate)
        except RateLimited:
            return False
        return True

    results = await asyncio.gather(*(one() for _ in range(25)))
    assert results.count(True) == 10
    row = await RateLimitBucket.get(key=limits.window_of(call, "test", "ip:192.0.2.1", rate).key)
    assert row.count == 25


async def test_ended_windows_are_swept(db: Settings, clock: Clock) -> None:
    rate = Rate(10, timedelta(seconds=60))
    await limits.hit(Call(settings=db, now=clock.now), "test", "a", rate)
    clock.advance(minutes=5)
    now = Call(settings=db, now=clock.now)
    await limits.hit(now, "test", "a", rate)
    keys = await RateLimitBucket.all().values_list("key", flat=True)
    assert keys == [limits.window_of(now, "test", "a", rate).key]


def test_default_limits_are_pinned() -> None:
    """Every test replaces the limits, so this is what guards the shipped ones:
    the defaults of `Settings()` and of an environment that sets nothing."""
    for settings in (Settings(), Settings.from_env({})):
        assert settings.rate_limits_enabled is True
        assert settings.sign_up_rate == Rate(5, timedelta(hours=1))
        assert settings.activation_rate == Rate(10, timedelta(minutes=15))
        assert settings.login_rate == Rate(60, timedelta(minutes=15))
        assert settings.write_rate == Rate(120, timedelta(minutes=1))
        assert settings.login_max_failures == 5
        assert settings.login_failure_window == timedelta(minutes=15)
        assert settings.enrolment_duplicate_rate == Rate(10, timedelta(hours=24))
        assert settings.anonymous_refusal_rate == Rate(60, timedelta(minutes=15))
        assert settings.staff_idle_timeout == timedelta(minutes=30)
        assert settings.staff_max_session == timedelta(hours=12)
        assert settings.public_max_session == timedelta(days=30)
        assert settings.phone_check_rate == Rate(5, timedelta(hours=24))
        assert settings.sms_daily_cap == 10
    assert Settings.from_env({}) == Settings()


def test_rate_settings() -> None:
    settings = Settings.from_env(
        {
            "SIFASUO_RATE_LIMIT_WRITES": "60/30",
            "SIFASUO_RATE_LIMIT_ACTIVATION": "5/600",
            "SIFASUO_RATE_LIMIT_LOGIN": "30/900",
            "SIFASUO_RATE_LIMIT_ENROLMENT_DUPLICATES": "3/3600",
            "SIFASUO_RATE_LIMIT_REFUSALS": "10/60",
        }
    )
    assert settings.anonymous_refusal_rate == Rate(10, timedelta(minutes=1))
    assert settings.enrolment_duplicate_rate == Rate(3, timedelta(hours=1))
    assert settings.login_rate == Rate(30, timedelta(minutes=15))
    assert settings.write_rate == Rate(60, timedelta(seconds=30))
    assert settings.activation_rate == Rate(5, timedelta(minutes=10))
    assert Settings.from_env({"SIFASUO_RATE_LIMITS": "off"}).rate_limits_enabled is False
    with pytest.raises(SettingsError):
        Settings.from_env({"SIFASUO_RATE_LIMIT_SIGN_UP": "lots"})
