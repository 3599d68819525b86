"""Own sessions (list, revoke) and an administrator turning an account off."""

from __future__ import annotations

from api.models.accounts import Session
from api.models.audit import AuditEntry
from tests.conftest import PASSWORD, GraphQLClient, World

SESSIONS = "{ mySessions { id createdAt lastSeenAt expiresAt ip userAgent current } }"
REVOKE = "mutation($id: ID!) { revokeSession(id: $id) }"
SET_ACTIVE = """mutation($u: ID!, $a: Boolean!) {
  setAccountActive(userId: $u, active: $a) { username }
}"""
LOGIN = 'mutation($u: String!) { login(username: $u, password: "' + PASSWORD + '") { token } }'
VIEWER = "{ viewer { username } }"


async def test_my_sessions_and_revoking_one(gql: GraphQLClient, world: World) -> None:
    second = (await gql.ok(LOGIN, {"u": "officer_a"}))["login"]["token"]
    listed = (await gql.ok(SESSIONS, token=second))["mySessions"]
    assert len(listed) == 2
    current = [s for s in listed if s["current"]]
    assert len(current) == 1 and current[0]["ip"] == "203.0.113.7"
    other = next(s for s in listed if not s["current"])
    assert await gql.ok(REVOKE, {"id": other["id"]}, token=second)
    assert (await gql.ok(VIEWER, token=world.tokens["officer_a"]))["viewer"] is None
    assert [s["id"] for s in (await gql.ok(SESSIONS, token=second))["mySessions"]] == [
        current[0]["id"]
    ]
    assert await AuditEntry.filter(action="session.revoke", target_id=other["id"]).exists()


async def test_another_accounts_session_is_not_found(gql: GraphQLClient, world: World) -> None:
    theirs = await Session.filter(user_id=world.users["officer_b"].id).first()
    assert theirs is not None
    ext = await gql.error(REVOKE, {"id": str(theirs.id)}, token=world.tokens["officer_a"])
    assert ext["code"] == "NOT_FOUND"
    assert (await gql.ok(VIEWER, token=world.tokens["officer_b"]))["viewer"] is not None
    assert (await gql.error(SESSIONS))["code"] == "UNAUTHENTICATED"


async def test_turning_an_account_off_ends_its_sessions(gql: GraphQLClient, world: World) -> None:
    extra = (await gql.ok(LOGIN, {"u": "officer_a"}))["login"]["token"]
    officer = str(world.users["officer_a"].id)
    await gql.ok(SET_ACTIVE, {"u": officer, "a": False}, token=world.tokens["admin"])
    for token in (world.tokens["officer_a"], extra):
        assert (await gql.ok(VIEWER, token=token))["viewer"] is None
    assert await Session.filter(user_id=officer, revoked_at=None).count() == 0
    assert (await gql.error(LOGIN, {"u": "officer_a"}))["code"] == "UNAUTHENTICATED"
    entry = await AuditEntry.get(action="user.set_active", target_id=officer)
    assert entry.summary == {"active": False, "sessionsRevoked": 2}
    await gql.ok(SET_ACTIVE, {"u": officer, "a": True}, token=world.tokens["admin"])
    await gql.ok(LOGIN, {"u": "officer_a"})


async def test_set_account_active_scope(gql: GraphQLClient, world: World) -> None:
    outside = str(world.users["officer_x"].id)
    ext = await gql.error(SET_ACTIVE, {"u": outside, "a": False}, token=world.tokens["admin"])
    assert ext["code"] == "NOT_FOUND"
    public = str(world.users["applicant"].id)
    ext = await gql.error(SET_ACTIVE, {"u": public, "a": False}, token=world.tokens["admin"])
    assert ext["code"] == "NOT_FOUND"  # only a whole-tree admin has the public's accounts
    mine = str(world.users["officer_a"].id)
    for role in ("supervisor", "officer_b"):
        ext = await gql.error(SET_ACTIVE, {"u": mine, "a": False}, token=world.tokens[role])
        assert ext["code"] == "FORBIDDEN"
    own = str(world.users["admin"].id)
    ext = await gql.error(SET_ACTIVE, {"u": own, "a": False}, token=world.tokens["admin"])
    assert ext["code"] == "BAD_USER_INPUT"
    assert (await gql.ok(VIEWER, token=world.tokens["officer_x"]))["viewer"] is not None
