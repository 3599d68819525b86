"""An administrator's accounts on the phone (list, end sessions, reset the
second factor) and one's own password, each against every role and scope."""

from __future__ import annotations

from typing import Any

import pyotp

from api.domain.common.secrets import hash_password
from api.models.accounts import OrgUnit, Session, User
from api.models.audit import AuditEntry
from api.models.enums import Role
from tests.conftest import PASSWORD, GraphQLClient, QueryCounter, World

ACCOUNTS = """query($f: AccountsFilter, $first: Int) { accounts(first: $first, filter: $f) {
  edges { node { id username displayName role active twoStepEnabled openSessions
  orgUnit { name } } } } }"""
END = "mutation($u: ID!) { endAccountSessions(userId: $u) }"
RESET = "mutation($u: ID!) { resetTwoStep(userId: $u) { id } }"
CHANGE = """mutation($c: String!, $n: String!) {
  changePassword(currentPassword: $c, newPassword: $n) }"""
LOGIN = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"
VIEWER = "{ viewer { username } }"
ROLES = [
    "supervisor",
    "supervisor_bureau",
    "officer_a",
    "mediator_a",
    "staff",
    "lawyer",
    "applicant",
]


def names(data: dict[str, Any]) -> set[str]:
    return {e["node"]["username"] for e in data["accounts"]["edges"]}


async def test_an_administrator_lists_the_accounts_of_its_units(
    gql: GraphQLClient, world: World
) -> None:
    mine = names(await gql.ok(ACCOUNTS, {"first": 100}, token=world.tokens["admin"]))
    assert {"officer_a", "supervisor", "staff", "admin"} <= mine
    # Another county's, and the public's (no unit), are not this admin's.
    assert not {"officer_x", "admin_x", "applicant"} & mine
    officers = await gql.ok(
        ACCOUNTS, {"f": {"role": "OFFICER", "search": "_a"}}, token=world.tokens["admin"]
    )
    assert names(officers) == {"officer_a"}
    node = officers["accounts"]["edges"][0]["node"]
    assert node["active"] is True and node["openSessions"] >= 1
    assert node["orgUnit"]["name"] == "东关镇司法所"
    for role in ROLES:
        assert (await gql.error(ACCOUNTS, token=world.tokens[role]))["code"] == "FORBIDDEN"


async def test_the_account_list_costs_the_same_for_2_and_20(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    unit = await OrgUnit.get(id=world.units["a"].id)
    password = hash_password(world.settings, PASSWORD)
    for i in range(20):
        await User.create(
            username=f"extra{i}",
            display_name=f"新增{i}",
            role=Role.OFFICER,
            org_unit=unit,
            password_hash=password,
        )
    costs = []
    for first in (2, 20):
        with count_queries() as counted:
            data = await gql.ok(ACCOUNTS, {"first": first}, token=world.tokens["admin"])
        assert len(data["accounts"]["edges"]) == first
        costs.append(counted.count)
    assert costs[0] == costs[1], costs


async def test_ending_every_session_of_a_lost_phone(gql: GraphQLClient, world: World) -> None:
    officer = str(world.users["officer_a"].id)
    assert await gql.ok(END, {"u": officer}, token=world.tokens["admin"]) == {
        "endAccountSessions": 1
    }
    assert (await gql.ok(VIEWER, token=world.tokens["officer_a"]))["viewer"] is None
    entry = await AuditEntry.get(action="user.end_sessions", target_id=officer)
    assert entry.summary == {"sessionsRevoked": 1}
    outside = str(world.users["officer_x"].id)
    assert (await gql.error(END, {"u": outside}, token=world.tokens["admin"]))["code"] == (
        "NOT_FOUND"
    )
    own = str(world.users["admin"].id)
    assert (await gql.error(END, {"u": own}, token=world.tokens["admin"]))["code"] == (
        "BAD_USER_INPUT"
    )
    for role in (r for r in ROLES if r != "officer_a"):  # its sessions just ended
        ext = await gql.error(
            END, {"u": str(world.users["officer_b"].id)}, token=world.tokens[role]
        )
        assert ext["code"] == "FORBIDDEN"
    assert (await gql.ok(VIEWER, token=world.tokens["officer_b"]))["viewer"] is not None


async def test_resetting_a_lost_second_factor(gql: GraphQLClient, world: World) -> None:
    staff = world.users["staff"]
    await User.filter(id=staff.id).update(
        totp_secret=pyotp.random_base32(), totp_enabled_at=staff.created_at
    )
    await gql.ok(RESET, {"u": str(staff.id)}, token=world.tokens["admin"])
    after = await User.get(id=staff.id)
    assert after.totp_secret is None and after.totp_enabled_at is None
    assert await Session.filter(user_id=staff.id, revoked_at=None).count() == 0
    entry = await AuditEntry.get(action="totp.reset", target_id=str(staff.id))
    assert entry.actor_id == world.users["admin"].id
    outside = str(world.users["staff_x"].id)
    assert (await gql.error(RESET, {"u": outside}, token=world.tokens["admin"]))["code"] == (
        "NOT_FOUND"
    )
    for role in (r for r in ROLES if r != "staff"):  # its sessions ended with the reset
        ext = await gql.error(RESET, {"u": str(staff.id)}, token=world.tokens[role])
        assert ext["code"] == "FORBIDDEN"


async def test_changing_ones_password(gql: GraphQLClient, world: World) -> None:
    # A second session of the officer, on another phone.
    other = (await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD}))["login"]["token"]
    token = world.tokens["officer_a"]
    new = "a new and long passphrase"

    short = await gql.refusal(CHANGE, {"c": PASSWORD, "n": "short"}, token=token)
    assert short["field"] == "newPassword" and short["reason"] == "PASSWORD_TOO_SHORT"
    wrong = await gql.refusal(CHANGE, {"c": "not it at all", "n": new}, token=token)
    assert wrong["field"] == "currentPassword" and wrong["reason"] == "PASSWORD_WRONG"
    same = await gql.refusal(CHANGE, {"c": PASSWORD, "n": PASSWORD}, token=token)
    assert same["reason"] == "PASSWORD_SAME"
    # Nothing changed by the refusals.
    await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD})

    ended = await gql.ok(CHANGE, {"c": PASSWORD, "n": new}, token=token)
    assert ended["changePassword"] == 2  # the other phone and the login just above
    assert (await gql.ok(VIEWER, token=token))["viewer"] == {"username": "officer_a"}
    assert (await gql.ok(VIEWER, token=other))["viewer"] is None
    assert (await gql.error(LOGIN, {"u": "officer_a", "p": PASSWORD}))["code"] == "UNAUTHENTICATED"
    await gql.ok(LOGIN, {"u": "officer_a", "p": new})


async def test_guessing_the_current_password_meets_the_lockout(
    gql: GraphQLClient, world: World
) -> None:
    token = world.tokens["officer_b"]
    codes = [
        (
            await gql.error(
                CHANGE, {"c": f"guess number {i}", "n": "whatever it may be"}, token=token
            )
        )["code"]
        for i in range(6)
    ]
    assert codes == ["BAD_USER_INPUT"] * 5 + ["RATE_LIMITED"]
