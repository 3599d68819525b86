"""Sign-in, sessions, sign-up and the ADMIN-only account operations."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from api.models.accounts import Session, User
from api.models.audit import AuditEntry
from api.models.limits import SignInSlot
from tests.conftest import PASSWORD, Clients, Clock, GraphQLClient, World

LOGIN = """mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) { token expiresAt viewer { username role orgUnit { name } } }
}"""
VIEWER = "{ viewer { username role } }"


async def test_login_returns_token_and_viewer(gql: GraphQLClient, world: World) -> None:
    data = await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD})
    payload = data["login"]
    assert len(payload["token"]) >= 43  # 256 bits, base64url
    assert payload["viewer"] == {
        "username": "officer_a",
        "role": "OFFICER",
        "orgUnit": {"name": "东关镇司法所"},
    }
    me = await gql.ok(VIEWER, token=payload["token"])
    assert me["viewer"]["username"] == "officer_a"
    stored = await Session.filter(user_id=world.users["officer_a"].id).values_list(
        "token_hash", flat=True
    )
    assert payload["token"] not in stored  # kept only as a hash


async def test_username_is_case_insensitive(gql: GraphQLClient, world: World) -> None:
    await gql.ok(LOGIN, {"u": "  Officer_A ", "p": PASSWORD})


async def test_unknown_user_reads_like_wrong_password(gql: GraphQLClient, world: World) -> None:
    wrong = await gql(LOGIN, {"u": "officer_a", "p": "not the password"})
    unknown = await gql(LOGIN, {"u": "nobody_here", "p": "not the password"})
    assert wrong["errors"][0]["message"] == unknown["errors"][0]["message"]
    assert wrong["errors"][0]["extensions"] == unknown["errors"][0]["extensions"]
    assert wrong["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


WRONG = "wrong password!"


async def test_five_failures_lock_the_username_for_15_minutes(
    clients: Clients, clock: Clock, world: World
) -> None:
    async with clients() as gql:
        for _ in range(5):
            ext = await gql.error(LOGIN, {"u": "officer_a", "p": WRONG})
            assert ext["code"] == "UNAUTHENTICATED"
        ext = await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD})
        assert ext["code"] == "RATE_LIMITED"
        assert 14 * 60 < ext["retryAfterSeconds"] <= 15 * 60
        # Another account is not affected.
        await gql.ok(LOGIN, {"u": "officer_b", "p": PASSWORD})
        clock.advance(minutes=14)
        ext = await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD})
        assert ext == {"code": "RATE_LIMITED", "retryAfterSeconds": 60}
        clock.advance(minutes=1)
        await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD})


async def test_at_most_five_attempts_in_any_15_minutes(
    clients: Clients, clock: Clock, world: World
) -> None:
    async with clients() as gql:
        for _ in range(4):
            await gql.error(LOGIN, {"u": "officer_a", "p": WRONG})
        clock.advance(minutes=10)
        await gql.error(LOGIN, {"u": "officer_a", "p": WRONG})
        # Five within 15 minutes: locked until the first four are 15 minutes old.
        ext = await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD})
        assert ext == {"code": "RATE_LIMITED", "retryAfterSeconds": 5 * 60}
        clock.advance(minutes=5)
        await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD})


async def test_failures_spread_out_do_not_lock(
    clients: Clients, clock: Clock, world: World
) -> None:
    async with clients() as gql:
        for _ in range(4):
            await gql.error(LOGIN, {"u": "officer_a", "p": WRONG})
        clock.advance(minutes=20)
        for _ in range(4):
            await gql.error(LOGIN, {"u": "officer_a", "p": WRONG})
        await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD})


async def test_a_sign_in_that_succeeds_does_not_count(
    clients: Clients, clock: Clock, world: World
) -> None:
    async with clients() as gql:
        for _ in range(4):
            await gql.error(LOGIN, {"u": "officer_a", "p": WRONG})
        for _ in range(3):
            await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD})
        await gql.error(LOGIN, {"u": "officer_a", "p": WRONG})
        assert (await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD}))["code"] == (
            "RATE_LIMITED"
        )
    assert await SignInSlot.filter(username="officer_a").count() == 5


async def checked_failures(username: str) -> int:
    """Sign-in attempts whose password was checked and found wrong."""
    return await AuditEntry.filter(
        action="auth.login", actor_name=username, outcome="failed"
    ).count()


async def test_concurrent_guesses_get_five_checks(clients: Clients, world: World) -> None:
    """30 guesses at once, as one burst: 5 are checked, the rest refused unchecked,
    and the right password among a second burst does not get in."""
    async with clients(rate_limits_enabled=False) as gql:
        burst = [gql.error(LOGIN, {"u": "officer_a", "p": f"{WRONG}{n}"}) for n in range(30)]
        codes = [ext["code"] for ext in await asyncio.gather(*burst)]
        assert codes.count("UNAUTHENTICATED") == 5
        assert codes.count("RATE_LIMITED") == 25
        assert await checked_failures("officer_a") == 5
        guesses = [{"u": "officer_a", "p": f"{WRONG}{n}"} for n in range(29)]
        guesses.insert(17, {"u": "officer_a", "p": PASSWORD})
        answers = await asyncio.gather(*(gql(LOGIN, g) for g in guesses))
        assert all(a["data"] is None for a in answers)
        assert {a["errors"][0]["extensions"]["code"] for a in answers} == {"RATE_LIMITED"}
        assert await checked_failures("officer_a") == 5


async def test_sign_ins_are_audited(gql: GraphQLClient, world: World) -> None:
    await gql.error(LOGIN, {"u": "officer_a", "p": "wrong password!"})
    await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD})
    entries = await AuditEntry.filter(action="auth.login").order_by("id")
    assert [e.outcome for e in entries] == ["failed", "ok"]
    for entry in entries:
        assert entry.ip == "203.0.113.7"
        assert PASSWORD not in str(entry.summary)
        assert "wrong password!" not in str(entry.summary)


async def test_logout_revokes_the_token(gql: GraphQLClient, world: World) -> None:
    token = (await gql.ok(LOGIN, {"u": "mediator_a", "p": PASSWORD}))["login"]["token"]
    assert (await gql.ok("mutation { logout }", token=token))["logout"] is True
    assert (await gql.ok(VIEWER, token=token))["viewer"] is None
    assert (await gql.error("mutation { logout }", token=token))["code"] == "UNAUTHENTICATED"


async def test_staff_token_idles_out_after_30_minutes(gql: GraphQLClient, world: World) -> None:
    token = world.tokens["officer_a"]
    session = await Session.get(user_id=world.users["officer_a"].id)
    session.last_seen_at -= timedelta(minutes=29)
    await session.save()
    assert (await gql.ok(VIEWER, token=token))["viewer"] is not None  # and slides on
    session = await Session.get(id=session.id)
    session.last_seen_at -= timedelta(minutes=31)
    await session.save()
    assert (await gql.ok(VIEWER, token=token))["viewer"] is None


async def test_staff_token_ends_after_12_hours(gql: GraphQLClient, world: World) -> None:
    data = await gql.ok(LOGIN, {"u": "supervisor", "p": PASSWORD})
    token = data["login"]["token"]
    session = await Session.filter(user_id=world.users["supervisor"].id).order_by("-id").first()
    assert session is not None
    lifetime = session.expires_at - session.created_at
    assert lifetime == timedelta(hours=12)
    session.expires_at = session.created_at - timedelta(seconds=1)
    await session.save()
    assert (await gql.ok(VIEWER, token=token))["viewer"] is None


async def test_public_tokens_last_30_days_without_idle(gql: GraphQLClient, world: World) -> None:
    token = world.tokens["applicant"]
    session = await Session.get(user_id=world.users["applicant"].id)
    assert session.expires_at - session.created_at == timedelta(days=30)
    session.last_seen_at -= timedelta(days=3)
    await session.save()
    assert (await gql.ok(VIEWER, token=token))["viewer"]["role"] == "APPLICANT"


async def test_disabled_account_token_stops_working(gql: GraphQLClient, world: World) -> None:
    await User.filter(id=world.users["lawyer"].id).update(is_active=False)
    assert (await gql.ok(VIEWER, token=world.tokens["lawyer"]))["viewer"] is None


async def test_garbage_tokens_are_anonymous(gql: GraphQLClient, world: World) -> None:
    assert (await gql.ok(VIEWER, token="x" * 43))["viewer"] is None


SIGN_UP = """mutation($i: SignUpApplicantInput!) {
  signUpApplicant(input: $i) { token viewer { username role locale } }
}"""


async def test_sign_up_applicant(gql: GraphQLClient, world: World) -> None:
    data = await gql.ok(
        SIGN_UP,
        {
            "i": {
                "username": "wang.fang",
                "displayName": "王芳",
                "password": "a long enough secret",
                "phone": "+86 138 0013 8000",
                "locale": "en",
            }
        },
    )
    assert data["signUpApplicant"]["viewer"] == {
        "username": "wang.fang",
        "role": "APPLICANT",
        "locale": "en",
    }
    user = await User.get(username="wang.fang")
    assert user.phone == "13800138000"
    assert user.password_hash.startswith("$argon2id$")
    # The account reads its own number back, in full: its forms start from it.
    own = "{ textMessages { accountPhone phone } }"
    token = data["signUpApplicant"]["token"]
    assert (await gql.ok(own, token=token))["textMessages"] == {
        "accountPhone": "13800138000",
        "phone": None,
    }
    assert (await gql.ok(own, token=world.tokens["applicant"]))["textMessages"] == {
        "accountPhone": None,
        "phone": None,
    }


async def test_sign_up_validates_input(gql: GraphQLClient, world: World) -> None:
    base = {
        "username": "wang.fang",
        "displayName": "王芳",
        "password": "a long enough secret",
        "phone": "13800138000",
    }
    cases = {
        "password": {"password": "short"},
        "phone": {"phone": "12345"},
        "username": {"username": "x"},
        "locale": {"locale": "fr"},
    }
    for field, change in cases.items():
        ext = await gql.error(SIGN_UP, {"i": {**base, **change}})
        assert ext == {"code": "BAD_USER_INPUT", "field": field}
    ext = await gql.error(SIGN_UP, {"i": {**base, "username": "applicant"}})
    assert ext["code"] == "CONFLICT"
    assert await User.filter(username="wang.fang").count() == 0


CREATE_USER = """mutation($i: CreateUserInput!) { createUser(input: $i) { id username role } }"""
CREATE_UNIT = (
    """mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id name parent { name } } }"""
)


async def test_create_user_is_admin_only(gql: GraphQLClient, world: World) -> None:
    new = {
        "username": "officer_c",
        "displayName": "王五",
        "password": "a long enough secret",
        "role": "OFFICER",
        "orgUnitId": str(world.units["a"].id),
    }
    for who in ("supervisor", "officer_a", "applicant"):
        ext = await gql.error(CREATE_USER, {"i": new}, token=world.tokens[who])
        assert ext["code"] == "FORBIDDEN"
    assert (await gql.error(CREATE_USER, {"i": new}))["code"] == "UNAUTHENTICATED"
    data = await gql.ok(CREATE_USER, {"i": new}, token=world.tokens["admin"])
    assert data["createUser"]["role"] == "OFFICER"
    # The other county's admin cannot place anyone in this county.
    other = {**new, "username": "officer_d"}
    ext = await gql.error(CREATE_USER, {"i": other}, token=world.tokens["admin_x"])
    assert ext == {"code": "BAD_USER_INPUT", "field": "orgUnitId"}
    # A role must fit its unit.
    wrong_kind = {**new, "username": "officer_e", "orgUnitId": str(world.units["legal"].id)}
    ext = await gql.error(CREATE_USER, {"i": wrong_kind}, token=world.tokens["admin"])
    assert ext == {"code": "BAD_USER_INPUT", "field": "orgUnitId"}


async def test_create_org_unit(gql: GraphQLClient, world: World) -> None:
    new = {
        "name": "北山镇司法所",
        "kind": "JUSTICE_OFFICE",
        "parentId": str(world.units["bureau"].id),
    }
    # Not under the correction centre: the office is the bureau's (法 Art. 9).
    ext = await gql.error(
        CREATE_UNIT,
        {"i": {**new, "parentId": str(world.units["center"].id)}},
        token=world.tokens["admin"],
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "parentId"}
    data = await gql.ok(CREATE_UNIT, {"i": new}, token=world.tokens["admin"])
    assert data["createOrgUnit"]["parent"] == {"name": "青山县司法局"}
    ext = await gql.error(CREATE_UNIT, {"i": new}, token=world.tokens["admin_x"])
    assert ext == {"code": "BAD_USER_INPUT", "field": "parentId"}
    assert (await gql.error(CREATE_UNIT, {"i": new}, token=world.tokens["officer_a"]))[
        "code"
    ] == "FORBIDDEN"


ORG_UNITS = "{ orgUnits { name children { name } } }"


async def test_org_units_are_the_viewers_unit_and_below(gql: GraphQLClient, world: World) -> None:
    def names(data: dict[str, Any]) -> list[str]:
        return sorted(u["name"] for u in data["orgUnits"])

    # The county correction centre's supervisor: the county whose offices'
    # corrections it oversees (the bureau below which they sit, and all below it).
    sup = await gql.ok(ORG_UNITS, token=world.tokens["supervisor"])
    county = ["青山县司法局", "青山县社区矫正中心", "东关镇司法所", "西河乡司法所"]
    county += ["东关镇人民调解委员会", "青山县法律援助中心"]
    assert names(sup) == sorted(county)
    bureau = await gql.ok(ORG_UNITS, token=world.tokens["supervisor_bureau"])
    assert names(bureau) == sorted(county)
    officer = await gql.ok(ORG_UNITS, token=world.tokens["officer_b"])
    assert names(officer) == ["西河乡司法所"]
    assert (await gql.ok(ORG_UNITS, token=world.tokens["applicant"]))["orgUnits"] == []
    assert (await gql.error(ORG_UNITS))["code"] == "UNAUTHENTICATED"


async def test_nul_in_a_username_is_a_failed_sign_in(gql: GraphQLClient, world: World) -> None:
    """Found by the fuzzer: PostgreSQL refuses NUL in text, which made this a 500."""
    ext = await gql.error(LOGIN, {"u": "officer\x00a", "p": PASSWORD})
    assert ext["code"] == "UNAUTHENTICATED"
