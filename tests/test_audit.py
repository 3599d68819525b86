"""The audit log: entries for changes, sign-ins and refusals; the hash chain holds."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise import connections

from api.app import create_app
from api.domain.common import audit
from api.models.audit import AuditEntry, AuditHead
from api.settings import Rate, Settings
from tests.conftest import PASSWORD, GraphQLClient, QueryCounter, World
from tests.live_server import cli_process, sifasuo_env
from tests.test_corrections import enroll

CREATE_UNIT = """mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }"""
LOGIN = """mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"""
AUDIT_LOG = """query($after: String, $f: AuditLogFilter) {
  auditLog(first: 50, after: $after, filter: $f) {
    edges { node { id action outcome actorName role targetType targetId ip summary } }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def _make_some_history(gql: GraphQLClient, world: World) -> None:
    for n in range(3):
        unit = {
            "name": f"新单位{n}",
            "kind": "JUSTICE_OFFICE",
            "parentId": str(world.units["bureau"].id),
        }
        await gql.ok(CREATE_UNIT, {"i": unit}, token=world.tokens["admin"])
    await gql.error(LOGIN, {"u": "officer_a", "p": "wrong password!"})
    await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD})


async def test_changes_are_recorded_with_who_and_what(gql: GraphQLClient, world: World) -> None:
    await _make_some_history(gql, world)
    entry = await AuditEntry.filter(action="org_unit.create").order_by("id").first()
    assert entry is not None
    assert entry.actor_id == world.users["admin"].id
    assert entry.role == "ADMIN"
    assert entry.org_unit_id == world.units["bureau"].id
    assert entry.ip == "203.0.113.7"
    assert entry.target_type == "OrgUnit"
    assert entry.summary["name"] == "新单位0"
    assert entry.at.utcoffset() is not None


async def test_refusals_are_recorded(gql: GraphQLClient, world: World) -> None:
    unit = {"name": "越权", "kind": "JUSTICE_OFFICE", "parentId": str(world.units["bureau"].id)}
    ext = await gql.error(CREATE_UNIT, {"i": unit}, token=world.tokens["officer_a"])
    assert ext["code"] == "FORBIDDEN"
    entry = await AuditEntry.get(action="refused.createOrgUnit")
    assert entry.outcome == "forbidden"
    assert entry.actor_id == world.users["officer_a"].id


def _aliased(field: str, count: int, selection: str = "") -> str:
    """One field asked `count` times under aliases, the first named like an action."""
    names = ["checkin_submit_ok", *(f"a{n}" for n in range(1, count))]
    return "{ " + " ".join(f"{name}: {field}{selection}" for name in names) + " }"


async def test_one_row_per_refused_request(gql: GraphQLClient, world: World) -> None:
    query = _aliased('supervisedPerson(id: "999999")', 15, " { id }")
    before = await AuditEntry.all().count()
    body = await gql(query)
    assert len(body["errors"]) == 15
    assert {e["extensions"]["code"] for e in body["errors"]} == {"UNAUTHENTICATED"}
    entries = await AuditEntry.filter(id__gt=before)
    assert [(e.action, e.outcome) for e in entries] == [
        ("refused.supervisedPerson", "unauthenticated")
    ]
    assert entries[0].summary["refusals"] == 15
    # Signed in, too: one request, one row, whatever the aliases.
    body = await gql(query, token=world.tokens["officer_a"])
    assert {e["extensions"]["code"] for e in body["errors"]} == {"NOT_FOUND"}
    assert await AuditEntry.filter(id__gt=before, outcome="not_found").count() == 1


async def test_the_action_is_the_field_never_the_alias(gql: GraphQLClient, world: World) -> None:
    await gql(_aliased("auditLog(first: 1)", 2, " { pageInfo { hasNextPage } }"))
    # A refusal of the whole operation (no path) takes its name from the fields,
    # not from the operation's name either.
    pending = await gql.ok(
        "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
        {"u": "admin", "p": PASSWORD},
    )
    refused = await gql.refusal(
        "query checkin_submit_ok { orgUnits { id } }", token=pending["login"]["token"]
    )
    assert refused["reason"] == "MFA_ENROLMENT_REQUIRED"
    actions = await AuditEntry.filter(action__startswith="refused.").values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["refused.auditLog", "refused.orgUnits"]
    # An alias named like a field the log leaves out does not hide a refusal.
    await gql("{ login: auditLog(first: 1) { pageInfo { hasNextPage } } }")
    assert await AuditEntry.filter(action="refused.auditLog").count() == 2


async def test_anonymous_refusals_are_rate_limited_per_address(db: Settings, world: World) -> None:
    settings = db.with_(anonymous_refusal_rate=Rate(3, timedelta(minutes=15)))
    app = create_app(settings, manage_db=False)
    query = "{ auditLog(first: 1) { pageInfo { hasNextPage } } }"

    async def refused_from(address: str) -> None:
        transport = httpx.ASGITransport(app=app, client=(address, 4711))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            body = (await http.post("/graphql", json={"query": query})).json()
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    for _ in range(4):
        await refused_from("198.51.100.1")
    rows = AuditEntry.filter(action="refused.auditLog")
    assert await rows.filter(ip="198.51.100.1").count() == 3
    await refused_from("198.51.100.2")  # another address has its own count
    assert await rows.filter(ip="198.51.100.2").count() == 1
    assert (await audit.verify_chain()).ok
    assert Settings().anonymous_refusal_rate == Rate(60, timedelta(minutes=15))
    from_env = Settings.from_env({"SIFASUO_RATE_LIMIT_REFUSALS": "10/60"})
    assert from_env.anonymous_refusal_rate == Rate(10, timedelta(minutes=1))


async def test_chain_verifies(gql: GraphQLClient, world: World) -> None:
    await _make_some_history(gql, world)
    report = await audit.verify_chain()
    assert report.ok, report
    assert report.entries == await AuditEntry.all().count() >= 5


async def test_edited_entry_breaks_the_chain(gql: GraphQLClient, world: World) -> None:
    await _make_some_history(gql, world)
    victim = await AuditEntry.filter(action="org_unit.create").order_by("id").offset(1).first()
    assert victim is not None
    await AuditEntry.filter(id=victim.id).update(summary={"name": "篡改"})
    report = await audit.verify_chain()
    assert not report.ok
    assert report.first_bad_id == victim.id


# A forged value for every stored column of an entry, given the entry and the
# world. `id` is not here: moving an entry is a gap, tested on its own below.
FORGERIES: dict[str, Callable[[AuditEntry, World], Any]] = {
    "at": lambda e, w: e.at - timedelta(seconds=1),
    "actor_id": lambda e, w: w.users["officer_a"].id,
    "actor_name": lambda e, w: "Officer A",
    "role": lambda e, w: "OFFICER",
    "org_unit_id": lambda e, w: w.units["a"].id,
    "org_unit_path": lambda e, w: w.units["a"].path,
    "action": lambda e, w: "org_unit.rename",
    "target_type": lambda e, w: "User",
    "target_id": lambda e, w: str(w.users["officer_a"].id),
    "ip": lambda e, w: "198.51.100.23",
    "outcome": lambda e, w: "forbidden",
    "summary": lambda e, w: {"name": "篡改"},
    "prev_hash": lambda e, w: "a" * 64,
    "hash": lambda e, w: "b" * 64,
}
# Emptying a column is an edit too (a deleted actor or address).
NULLABLE = [
    "actor_id",
    "actor_name",
    "role",
    "org_unit_id",
    "org_unit_path",
    "target_type",
    "target_id",
    "ip",
]


def test_every_stored_column_has_a_forgery() -> None:
    """A column added to the log must be tampered with below, and so covered by the hash."""
    assert set(AuditEntry._meta.db_fields) == {"id", *FORGERIES}


def _verify_on_the_command_line(world: World) -> tuple[int, str]:
    env = sifasuo_env(Path(tempfile.mkdtemp()), world.settings.resolved_database_url)
    result = cli_process(["audit", "verify"], env, check=False)
    return result.returncode, result.stdout + result.stderr


async def _tamper_and_verify(
    gql: GraphQLClient, world: World, column: str, forge: Callable[[AuditEntry, World], Any]
) -> None:
    await _make_some_history(gql, world)
    victim = await AuditEntry.filter(action="org_unit.create").order_by("id").offset(1).first()
    assert victim is not None
    forged = forge(victim, world)
    assert forged != getattr(victim, column)
    await AuditEntry.filter(id=victim.id).update(**{column: forged})
    stored = await AuditEntry.get(id=victim.id)
    assert getattr(stored, column) == forged

    report = await audit.verify_chain()
    assert not report.ok
    assert report.first_bad_id == victim.id, report
    code, output = await asyncio.to_thread(_verify_on_the_command_line, world)
    assert code == 2
    assert f"audit chain broken at entry {victim.id}:" in output


@pytest.mark.parametrize("column", sorted(FORGERIES))
async def test_each_edited_column_names_the_entry(
    gql: GraphQLClient, world: World, column: str
) -> None:
    await _tamper_and_verify(gql, world, column, FORGERIES[column])


@pytest.mark.parametrize("column", NULLABLE)
async def test_each_emptied_column_names_the_entry(
    gql: GraphQLClient, world: World, column: str
) -> None:
    await _tamper_and_verify(gql, world, column, lambda e, w: None)


async def test_untouched_chain_is_intact_on_the_command_line(
    gql: GraphQLClient, world: World
) -> None:
    await _make_some_history(gql, world)
    code, output = await asyncio.to_thread(_verify_on_the_command_line, world)
    assert code == 0, output
    assert f"audit chain intact: {await AuditEntry.all().count()} entries" in output


async def test_deleted_entry_breaks_the_chain(gql: GraphQLClient, world: World) -> None:
    await _make_some_history(gql, world)
    victim = await AuditEntry.all().order_by("id").offset(2).first()
    assert victim is not None
    await AuditEntry.filter(id=victim.id).delete()
    report = await audit.verify_chain()
    assert not report.ok
    assert report.first_bad_id == victim.id


async def test_deleting_the_newest_entry_shows(gql: GraphQLClient, world: World) -> None:
    await _make_some_history(gql, world)
    newest = await AuditEntry.all().order_by("-id").first()
    assert newest is not None
    await AuditEntry.filter(id=newest.id).delete()
    report = await audit.verify_chain()
    assert not report.ok
    assert report.first_bad_id == newest.id


async def test_inserted_entry_breaks_the_chain(gql: GraphQLClient, world: World) -> None:
    await _make_some_history(gql, world)
    head = await AuditHead.get(id=audit.HEAD_ID)
    forged = AuditEntry(
        id=head.last_id + 1,
        at=head and (await AuditEntry.get(id=head.last_id)).at,
        action="user.create",
        prev_hash="f" * 64,
        hash="e" * 64,
        summary={},
    )
    await forged.save(force_create=True)
    report = await audit.verify_chain()
    assert not report.ok
    assert report.first_bad_id == forged.id


async def test_concurrent_writers_keep_one_chain(gql: GraphQLClient, world: World) -> None:
    units = [
        {"name": f"并发{n}", "kind": "JUSTICE_OFFICE", "parentId": str(world.units["bureau"].id)}
        for n in range(12)
    ]
    await asyncio.gather(
        *(gql.ok(CREATE_UNIT, {"i": u}, token=world.tokens["admin"]) for u in units)
    )
    report = await audit.verify_chain()
    assert report.ok, report
    assert await AuditEntry.filter(action="org_unit.create").count() == 12


async def test_audit_log_query_is_scoped(gql: GraphQLClient, world: World) -> None:
    await _make_some_history(gql, world)
    await gql.ok(LOGIN, {"u": "officer_x", "p": PASSWORD})
    for who, office in (("officer_a", "a"), ("officer_x", "x")):
        await enroll(world, who, unit=office, seq=1 if office == "a" else 2)
    sup = await gql.ok(AUDIT_LOG, token=world.tokens["supervisor"])
    seen = {(e["node"]["actorName"], e["node"]["action"]) for e in sup["auditLog"]["edges"]}
    # The supervisor's unit is the correction centre, beside the offices: of
    # officer_a it sees the corrections work (the county's), not the sign-in;
    # nothing of the admin at the bureau, nor of the other county's officer.
    assert {a for a, _ in seen} == {"Officer A"}
    assert {action for _, action in seen} == {"person.enroll"}
    # The bureau's supervisor: what was done below it, but not to corrections records.
    bureau = await gql.ok(AUDIT_LOG, token=world.tokens["supervisor_bureau"])
    seen = {(e["node"]["actorName"], e["node"]["action"]) for e in bureau["auditLog"]["edges"]}
    assert {("Officer A", "auth.login"), ("Admin", "org_unit.create")} <= seen
    assert not {a for a, action in seen if action == "person.enroll" or a == "Officer X"}
    admin = await gql.ok(
        AUDIT_LOG, {"f": {"action": "org_unit.create"}}, token=world.tokens["admin"]
    )
    assert len(admin["auditLog"]["edges"]) == 3
    blank = await gql.ok(AUDIT_LOG, {"f": {"targetType": " "}}, token=world.tokens["admin"])
    unfiltered = await gql.ok(AUDIT_LOG, token=world.tokens["admin"])
    assert blank == unfiltered
    for field in ("action", "targetType", "targetId"):
        refused = await gql.error(
            AUDIT_LOG, {"f": {field: "org\x00unit"}}, token=world.tokens["admin"]
        )
        assert refused["code"] == "BAD_USER_INPUT" and refused["field"] == f"filter.{field}"
    assert (await gql.error(AUDIT_LOG, token=world.tokens["officer_a"]))["code"] == "FORBIDDEN"
    assert (await gql.error(AUDIT_LOG, token=world.tokens["applicant"]))["code"] == "FORBIDDEN"


async def test_audit_log_pages(gql: GraphQLClient, world: World) -> None:
    await _make_some_history(gql, world)
    query = """query($after: String) { auditLog(first: 2, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
    seen: list[int] = []
    after = None
    while True:
        page = (await gql.ok(query, {"after": after}, token=world.tokens["admin"]))["auditLog"]
        seen += [int(e["node"]["id"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(seen, reverse=True)
    assert len(seen) == len(set(seen)) == await AuditEntry.all().count()
    bad = await gql.error(query, {"after": "not-a-cursor"}, token=world.tokens["admin"])
    assert bad == {"code": "BAD_USER_INPUT", "field": "after"}


async def test_an_audit_page_costs_the_same_for_1_and_50(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    for n in range(50):
        await audit.record(world.call("supervisor"), "test.entry", target_type="Thing", target_id=n)
    counts = {}
    for size in (1, 50):
        query = AUDIT_LOG.replace("first: 50", f"first: {size}")
        with count_queries() as counter:
            data = await gql.ok(query, {}, token=world.tokens["admin"])
        assert len(data["auditLog"]["edges"]) == size
        counts[size] = counter.count
    assert counts[1] == counts[50], counts


async def test_chain_survives_a_fresh_connection(
    db: object, gql: GraphQLClient, world: World
) -> None:
    """Hashes are computed from what the database gives back, not from memory."""
    await _make_some_history(gql, world)
    conn = connections.get("default")
    rows = await conn.execute_query_dict("SELECT COUNT(*) AS n FROM audit_entry")
    assert rows[0]["n"] >= 5
    assert (await audit.verify_chain()).ok
