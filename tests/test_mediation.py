"""People's mediation: registering disputes, visits, status, scope, lists and figures."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.mediation import disputes, figures, visits
from api.models.accounts import User
from api.models.audit import AuditEntry
from api.models.enums import (
    DisputeCategory,
    DisputeStatus,
    PartyRole,
    RiskLevel,
    Role,
    VisitOutcome,
)
from api.models.mediation import Dispute, DisputeParty, MediationVisit, ReferenceCounter
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World

REGISTER = """mutation($i: RegisterDisputeInput!) {
  registerDispute(input: $i) {
    id referenceNumber title status riskLevel mediator { username } orgUnit { name }
    parties { name role phone } registeredAt
  }
}"""
VISIT = """mutation($i: MediationVisitInput!) {
  logMediationVisit(input: $i) {
    id clientId outcome visitedAt nextFollowUpAt participants location { latitude longitude }
    mediator { username }
    dispute { id status nextFollowUpAt judicialConfirmationDueAt }
  }
}"""
SET_STATUS = """mutation($id: ID!, $s: DisputeStatus!, $n: String) {
  setDisputeStatus(id: $id, status: $s, note: $n) { id status judicialConfirmationDueAt }
}"""
DISPUTE = """query($id: ID!) { dispute(id: $id) { id title visits { totalCount } } }"""
DISPUTES = """query($first: Int, $after: String, $f: DisputeFilter) {
  disputes(first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title riskLevel status nextFollowUpAt } }
  }
}"""


def new_id() -> str:
    return str(uuid.uuid4())


def dispute_input(world: World, unit: str = "committee_a", **changes: Any) -> dict[str, Any]:
    base = {
        "clientId": new_id(),
        "title": "宅基地边界纠纷",
        "category": "LAND",
        "description": "两户因宅基地边界发生争执。",
        "riskLevel": "LOW",
        "parties": [
            {"name": "张大山", "role": "APPLICANT", "phone": "+86 138-0013-8001"},
            {"name": "李二河", "role": "RESPONDENT"},
        ],
        "orgUnitId": str(world.units[unit].id),
    }
    return {**base, **changes}


async def register(
    world: World,
    who: str = "mediator_a",
    unit: str = "committee_a",
    *,
    risk: RiskLevel = RiskLevel.LOW,
    title: str = "邻里纠纷",
    call: Call | None = None,
    mediator: str | None = None,
) -> Dispute:
    return await disputes.register_dispute(
        call or world.call(who),
        client_id=new_id(),
        title=title,
        category=DisputeCategory.NEIGHBOR,
        description="说明",
        risk_level=risk,
        parties=[disputes.PartyInput("王小梅", PartyRole.APPLICANT)],
        org_unit_id=world.units[unit].id,
        mediator_id=world.users[mediator].id if mediator else None,
    )


async def visit(
    world: World,
    dispute: Dispute,
    who: str = "mediator_a",
    *,
    at: datetime | None = None,
    outcome: VisitOutcome = VisitOutcome.IN_PROGRESS,
    follow_up: datetime | None = None,
    call: Call | None = None,
    client_id: str | None = None,
) -> MediationVisit:
    call = call or world.call(who)
    return await visits.log_visit(
        call,
        client_id=client_id or new_id(),
        dispute_id=dispute.id,
        visited_at=at or call.now - timedelta(hours=1),
        participants=["张大山"],
        summary="听取双方意见。",
        outcome=outcome,
        next_follow_up_at=follow_up,
    )


# ------------------------------------------------------------------ registering


async def test_register_dispute(gql: GraphQLClient, world: World) -> None:
    data = await gql.ok(REGISTER, {"i": dispute_input(world)}, token=world.tokens["mediator_a"])
    d = data["registerDispute"]
    year = datetime.now(UTC).astimezone().year
    assert d["referenceNumber"] in (f"东关调〔{year}〕1号", f"东关调〔{year + 1}〕1号")
    assert d["status"] == "OPEN"
    assert d["mediator"] == {"username": "mediator_a"}  # a mediator registers for self
    assert d["orgUnit"] == {"name": "东关镇人民调解委员会"}
    assert d["parties"] == [
        {"name": "张大山", "role": "APPLICANT", "phone": "13800138001"},
        {"name": "李二河", "role": "RESPONDENT", "phone": None},
    ]
    again = await gql.ok(REGISTER, {"i": dispute_input(world)}, token=world.tokens["mediator_a"])
    assert again["registerDispute"]["referenceNumber"].endswith("〕2号")
    # Another unit counts from 1 on its own.
    other = await gql.ok(
        REGISTER, {"i": dispute_input(world, "b")}, token=world.tokens["officer_b"]
    )
    assert other["registerDispute"]["referenceNumber"].startswith("西河调〔")
    assert other["registerDispute"]["referenceNumber"].endswith("〕1号")
    entry = await AuditEntry.filter(action="dispute.register").order_by("id").first()
    assert entry is not None and entry.target_id == d["id"]
    assert "张大山" not in str(entry.summary)


async def test_register_replay_returns_the_stored_dispute(gql: GraphQLClient, world: World) -> None:
    payload = dispute_input(world)
    first = await gql.ok(REGISTER, {"i": payload}, token=world.tokens["mediator_a"])
    changed = {**payload, "title": "另一个标题"}
    second = await gql.ok(REGISTER, {"i": changed}, token=world.tokens["mediator_a"])
    assert second == first  # unchanged, the stored record
    assert await Dispute.all().count() == 1
    ext = await gql.error(REGISTER, {"i": payload}, token=world.tokens["officer_a"])
    assert ext == {"code": "CONFLICT", "field": "clientId"}
    assert await Dispute.all().count() == 1


async def test_concurrent_duplicates_store_one_dispute(world: World) -> None:
    client_id = new_id()

    async def attempt() -> Dispute:
        return await disputes.register_dispute(
            world.call("mediator_a"),
            client_id=client_id,
            title="并发",
            category=DisputeCategory.OTHER,
            description="同一 clientId 二十次",
            risk_level=RiskLevel.HIGH,
            parties=[disputes.PartyInput("甲", PartyRole.APPLICANT)],
            org_unit_id=world.units["committee_a"].id,
            mediator_id=None,
        )

    results = await asyncio.gather(*(attempt() for _ in range(20)))
    assert {d.id for d in results} == {results[0].id}
    assert await Dispute.filter(client_id=client_id).count() == 1
    assert await DisputeParty.all().count() == 1
    counter = await ReferenceCounter.get(kind="dispute")
    assert counter.last_value == 1  # the losers' numbers rolled back with them
    # One alert per supervisor, not twenty.
    assert await Notification.filter(kind="dispute.high_risk").count() == 1


async def test_register_validates_input(gql: GraphQLClient, world: World) -> None:
    token = world.tokens["mediator_a"]
    cases: dict[str, dict[str, Any]] = {
        "parties": {"parties": [{"name": "李二河", "role": "RESPONDENT"}]},
        "parties.0.phone": {"parties": [{"name": "甲", "role": "APPLICANT", "phone": "12345"}]},
        "parties.1.name": {
            "parties": [{"name": "甲", "role": "APPLICANT"}, {"name": "乙" * 51, "role": "OTHER"}]
        },
        "title": {"title": "题" * 101},
        "description": {"description": "  "},
        "clientId": {"clientId": "not-a-uuid"},
        "mediatorId": {"mediatorId": str(world.users["mediator_x"].id)},
    }
    for field, change in cases.items():
        ext = await gql.error(REGISTER, {"i": dispute_input(world, **change)}, token=token)
        assert ext == {"code": "BAD_USER_INPUT", "field": field}, field
    empty = await gql.error(REGISTER, {"i": dispute_input(world, parties=[])}, token=token)
    assert empty == {"code": "BAD_USER_INPUT", "field": "parties"}
    # Not a mediator at all.
    ext = await gql.error(
        REGISTER,
        {"i": dispute_input(world, mediatorId=str(world.users["officer_a"].id))},
        token=token,
    )
    assert ext["field"] == "mediatorId"
    # A unit that handles no disputes (a correction centre) in the supervisor's scope.
    ext = await gql.error(
        REGISTER, {"i": dispute_input(world, "center")}, token=world.tokens["supervisor_bureau"]
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "orgUnitId"}
    assert await Dispute.all().count() == 0


async def test_register_scope_and_roles(gql: GraphQLClient, world: World) -> None:
    # A mediator only in its own unit; officers and the bureau's supervisors in
    # their scope; the correction centre's supervisors nowhere (corrections only).
    refused = [
        ("mediator_a", "a"),
        ("officer_a", "b"),
        ("officer_b", "committee_a"),
        ("supervisor_bureau", "committee_x"),
        ("supervisor", "b"),
        ("supervisor", "committee_a"),
        ("mediator_x", "committee_a"),
    ]
    for who, unit in refused:
        ext = await gql.error(REGISTER, {"i": dispute_input(world, unit)}, token=world.tokens[who])
        assert ext["code"] == "NOT_FOUND", (who, unit)
    for who in ("staff", "applicant", "lawyer"):
        ext = await gql.error(REGISTER, {"i": dispute_input(world)}, token=world.tokens[who])
        assert ext["code"] == "FORBIDDEN", who
    ok = [("officer_a", "committee_a"), ("officer_a", "a"), ("supervisor_bureau", "b")]
    for who, unit in ok:
        await gql.ok(REGISTER, {"i": dispute_input(world, unit)}, token=world.tokens[who])
    # An officer may name a mediator of a unit in scope.
    data = await gql.ok(
        REGISTER,
        {"i": dispute_input(world, "a", mediatorId=str(world.users["mediator_a"].id))},
        token=world.tokens["officer_a"],
    )
    assert data["registerDispute"]["mediator"] == {"username": "mediator_a"}


async def test_high_risk_alerts_the_mediation_side(world: World) -> None:
    """The office head and the bureau's 基层 section (its supervisors); not the
    county correction centre's supervisors, nor another office's head."""
    heads = {}
    for office in ("a", "b"):
        heads[office] = await User.create(
            username=f"head_{office}",
            display_name=f"所长 {office}",
            role=Role.SUPERVISOR,
            org_unit=world.units[office],
            password_hash="-",
        )
    await register(world, risk=RiskLevel.LOW)
    assert await Notification.all().count() == 0
    dispute = await register(world, risk=RiskLevel.HIGH, title="群体性纠纷")
    rows = await Notification.filter(kind="dispute.high_risk").order_by("recipient_id")
    assert [n.recipient_id for n in rows] == sorted(
        [world.users["supervisor_bureau"].id, heads["a"].id]
    )
    rows = [n for n in rows if n.recipient_id == world.users["supervisor_bureau"].id]
    alert = rows[0]
    assert alert.ttl_seconds == 3600 and alert.urgency == "high"
    assert alert.subject_id == str(dispute.id)
    assert "群体性纠纷" in alert.body and "东关镇人民调解委员会" in alert.body


# ------------------------------------------------------------------ visits


async def test_visit_moves_dispute_to_mediating(gql: GraphQLClient, world: World) -> None:
    dispute = await register(world)
    now = datetime.now(UTC)
    payload = {
        "clientId": new_id(),
        "disputeId": str(dispute.id),
        "visitedAt": (now - timedelta(hours=2)).isoformat(),
        "participants": ["张大山", "李二河"],
        "summary": "现场查看。",
        "outcome": "IN_PROGRESS",
        "latitude": 43.8,
        "longitude": 125.3,
        "nextFollowUpAt": (now + timedelta(days=3)).isoformat(),
    }
    data = await gql.ok(VISIT, {"i": payload}, token=world.tokens["mediator_a"])
    v = data["logMediationVisit"]
    assert v["dispute"]["status"] == "MEDIATING"
    assert v["dispute"]["nextFollowUpAt"] == v["nextFollowUpAt"]
    assert v["location"] == {"latitude": 43.8, "longitude": 125.3}
    assert v["mediator"] == {"username": "mediator_a"}
    # Replay: the stored visit, even with other content.
    again = await gql.ok(
        VISIT, {"i": {**payload, "summary": "别的"}}, token=world.tokens["mediator_a"]
    )
    assert again == data
    assert await MediationVisit.all().count() == 1
    ext = await gql.error(VISIT, {"i": payload}, token=world.tokens["officer_a"])
    assert ext == {"code": "CONFLICT", "field": "clientId"}
    # Staff in scope may log a visit too; others cannot see the dispute.
    await gql.ok(VISIT, {"i": {**payload, "clientId": new_id()}}, token=world.tokens["officer_a"])
    for who in ("officer_b", "mediator_x", "supervisor_x"):
        ext = await gql.error(
            VISIT, {"i": {**payload, "clientId": new_id()}}, token=world.tokens[who]
        )
        assert ext["code"] == "NOT_FOUND", who


async def test_concurrent_duplicate_visits_store_one(world: World) -> None:
    dispute = await register(world)
    client_id = new_id()
    results = await asyncio.gather(*(visit(world, dispute, client_id=client_id) for _ in range(20)))
    assert {v.id for v in results} == {results[0].id}
    assert await MediationVisit.filter(client_id=client_id).count() == 1
    assert await AuditEntry.filter(action="dispute.visit").count() == 1


async def test_visit_times_are_checked(gql: GraphQLClient, world: World) -> None:
    dispute = await register(world)
    call = world.call("mediator_a")
    now = call.now
    await visit(world, dispute, call=call, at=now + timedelta(minutes=4))  # clock skew
    await visit(world, dispute, call=call, at=now - timedelta(days=29, hours=23))
    hour = timedelta(hours=1)
    bad = [
        ({"at": now + timedelta(minutes=6)}, "visitedAt", "DEVICE_TIME_FUTURE"),
        ({"at": now - timedelta(days=30, minutes=1)}, "visitedAt", "DEVICE_TIME_TOO_OLD"),
        ({"at": now - hour, "follow_up": now - hour}, "nextFollowUpAt", "FOLLOW_UP_BEFORE_VISIT"),
        (
            {"at": now - hour, "follow_up": now - 2 * hour},
            "nextFollowUpAt",
            "FOLLOW_UP_BEFORE_VISIT",
        ),
    ]
    for kwargs, field, reason in bad:
        with pytest.raises(BadInput) as caught:
            await visit(world, dispute, call=call, **kwargs)
        assert (caught.value.field, caught.value.reason) == (field, reason)
    ext = await gql.error(
        VISIT,
        {
            "i": {
                "clientId": new_id(),
                "disputeId": str(dispute.id),
                "visitedAt": now.isoformat(),
                "participants": [],
                "summary": "x",
                "outcome": "IN_PROGRESS",
                "latitude": 43.8,
            }
        },
        token=world.tokens["mediator_a"],
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "longitude"}


async def test_follow_up_follows_the_latest_visit(world: World) -> None:
    dispute = await register(world)
    call = world.call("mediator_a")
    now = call.now
    later_follow_up = now + timedelta(days=5)
    await visit(world, dispute, call=call, at=now - timedelta(hours=1), follow_up=later_follow_up)
    # An older visit, recorded offline, arrives afterwards: it does not win.
    await visit(
        world, dispute, call=call, at=now - timedelta(days=2), follow_up=now + timedelta(days=1)
    )
    stored = await Dispute.get(id=dispute.id)
    assert stored.next_follow_up_at == later_follow_up
    # A newer visit without a follow-up clears it.
    await visit(world, dispute, call=call, at=now - timedelta(minutes=1))
    assert (await Dispute.get(id=dispute.id)).next_follow_up_at is None


async def test_agreement_reached_on_a_visit_starts_no_deadline_of_its_own(
    gql: GraphQLClient, world: World
) -> None:
    """The visit resolves the dispute; the 30 days of 人民调解法 Art. 33 run
    from the day the agreement takes effect, which the recorded agreement
    tells (tests/test_agreements.py), not from the visit."""
    dispute = await register(world)
    now = datetime.now(UTC)
    visited = now - timedelta(days=2)
    data = await gql.ok(
        VISIT,
        {
            "i": {
                "clientId": new_id(),
                "disputeId": str(dispute.id),
                "visitedAt": visited.isoformat(),
                "participants": ["张大山", "李二河"],
                "summary": "双方签订调解协议。",
                "outcome": "AGREEMENT_REACHED",
            }
        },
        token=world.tokens["officer_a"],
    )
    d = data["logMediationVisit"]["dispute"]
    assert d["status"] == "RESOLVED"
    assert d["judicialConfirmationDueAt"] is None
    stored = await Dispute.get(id=dispute.id)
    assert stored.resolved_at == visited
    assert not await Notification.exists(kind="dispute.confirmation_deadline")
    # A return visit (回访) on the resolved dispute is fine; a second agreement is not.
    await visit(world, dispute, outcome=VisitOutcome.FOLLOW_UP_DONE)
    with pytest.raises(Conflict):
        await visit(world, dispute, outcome=VisitOutcome.AGREEMENT_REACHED)


async def test_no_visits_to_a_closed_dispute(world: World) -> None:
    dispute = await register(world)
    await Dispute.filter(id=dispute.id).update(status=DisputeStatus.CLOSED)
    with pytest.raises(Conflict):
        await visit(world, dispute)
    assert await MediationVisit.all().count() == 0


# ------------------------------------------------------------------ status

ALLOWED = {
    ("OPEN", "MEDIATING"),
    ("MEDIATING", "RESOLVED"),
    ("MEDIATING", "FAILED"),
    ("MEDIATING", "REFERRED"),
    ("RESOLVED", "CLOSED"),
    ("FAILED", "CLOSED"),
    ("REFERRED", "CLOSED"),
}
STATUSES = [s.value for s in DisputeStatus]


async def test_status_transition_table(gql: GraphQLClient, world: World) -> None:
    dispute = await register(world)
    token = world.tokens["mediator_a"]
    for before in STATUSES:
        for after in STATUSES:
            await Dispute.filter(id=dispute.id).update(status=before)
            body = await gql(
                SET_STATUS, {"id": str(dispute.id), "s": after, "n": "记录"}, token=token
            )
            if (before, after) in ALLOWED:
                assert not body.get("errors"), (before, after, body)
                assert body["data"]["setDisputeStatus"]["status"] == after
            else:
                assert body["errors"][0]["extensions"]["code"] == "CONFLICT", (before, after)
                assert (await Dispute.get(id=dispute.id)).status == before
    assert await AuditEntry.filter(action="dispute.status").count() == len(ALLOWED)


async def test_resolving_and_closing(gql: GraphQLClient, world: World) -> None:
    dispute = await register(world)
    await visit(world, dispute, follow_up=datetime.now(UTC) + timedelta(days=1))
    token = world.tokens["mediator_a"]
    data = await gql.ok(SET_STATUS, {"id": str(dispute.id), "s": "RESOLVED"}, token=token)
    # Not "now" plus 30 days: the agreement's own effective day decides (Art. 33).
    assert data["setDisputeStatus"]["judicialConfirmationDueAt"] is None
    await gql.ok(SET_STATUS, {"id": str(dispute.id), "s": "CLOSED"}, token=token)
    stored = await Dispute.get(id=dispute.id)
    assert stored.closed_at is not None and stored.next_follow_up_at is None
    ext = await gql.error(SET_STATUS, {"id": str(dispute.id), "s": "OPEN"}, token=token)
    assert ext["code"] == "CONFLICT"
    ext = await gql.error(
        SET_STATUS, {"id": str(dispute.id), "s": "CLOSED"}, token=world.tokens["officer_b"]
    )
    assert ext["code"] == "NOT_FOUND"


# ------------------------------------------------------------------ reading and scope


async def test_every_role_sees_its_scope(gql: GraphQLClient, world: World) -> None:
    in_committee = await register(world, "mediator_a", "committee_a")
    in_a = await register(world, "officer_a", "a")
    in_b = await register(world, "officer_b", "b")
    in_x = await register(world, "mediator_x", "committee_x")
    expected = {
        "mediator_a": {in_committee.id},
        "officer_a": {in_committee.id, in_a.id},
        "officer_b": {in_b.id},
        "supervisor": set(),  # the correction centre's: corrections only
        "supervisor_bureau": {in_committee.id, in_a.id, in_b.id},
        "mediator_x": {in_x.id},
        "officer_x": {in_x.id},
        "supervisor_x": set(),
        "supervisor_bureau_x": {in_x.id},
        "admin": set(),
        "staff": set(),
        "lawyer": set(),
        "applicant": set(),
        "staff_x": set(),
    }
    every = {in_committee.id, in_a.id, in_b.id, in_x.id}
    for who, ids in expected.items():
        data = await gql.ok(DISPUTES, {"first": 100}, token=world.tokens[who])
        seen = {int(e["node"]["id"]) for e in data["disputes"]["edges"]}
        assert seen == ids, who
        assert data["disputes"]["totalCount"] == len(ids)
        for dispute_id in every:
            body = await gql(DISPUTE, {"id": str(dispute_id)}, token=world.tokens[who])
            if dispute_id in ids:
                assert body["data"]["dispute"]["id"] == str(dispute_id)
            else:
                assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", (who, dispute_id)
    assert (await gql.error(DISPUTES, {}))["code"] == "UNAUTHENTICATED"


async def test_a_mediator_sees_disputes_assigned_to_it(world: World) -> None:
    dispute = await register(world, "officer_a", "a", mediator="mediator_a")
    page = await disputes.list_disputes(
        world.call("mediator_a"), limit=10, after=None, filter=disputes.DisputeFilter()
    )
    assert [d.id for d in page.rows] == [dispute.id]


async def test_order_high_risk_then_due_follow_ups(gql: GraphQLClient, world: World) -> None:
    now = datetime.now(UTC)
    plain_old = await register(world, title="plain old")
    due = await register(world, title="due")
    high = await register(world, risk=RiskLevel.HIGH, title="high")
    later = await register(world, title="not yet due")
    plain_new = await register(world, title="plain new")
    closed_high = await register(world, risk=RiskLevel.HIGH, title="closed high")
    await Dispute.filter(id=due.id).update(next_follow_up_at=now - timedelta(hours=1))
    await Dispute.filter(id=later.id).update(next_follow_up_at=now + timedelta(days=1))
    await Dispute.filter(id=closed_high.id).update(status=DisputeStatus.CLOSED)
    # Still open: OPEN and MEDIATING; a RESOLVED one is not (the dashboard's figure).
    await Dispute.filter(id=later.id).update(status=DisputeStatus.MEDIATING)
    await Dispute.filter(id=plain_old.id).update(status=DisputeStatus.RESOLVED)
    order = [high.id, due.id, closed_high.id, plain_new.id, later.id, plain_old.id]
    token = world.tokens["mediator_a"]
    seen: list[int] = []
    after = None
    while True:
        data = await gql.ok(DISPUTES, {"first": 2, "after": after}, token=token)
        conn = data["disputes"]
        assert conn["totalCount"] == 6
        seen += [int(e["node"]["id"]) for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert seen == order
    filters: list[tuple[dict[str, Any], list[int]]] = [
        ({"followUpDue": True}, [due.id]),
        ({"riskLevel": "HIGH"}, [high.id, closed_high.id]),
        ({"status": "CLOSED"}, [closed_high.id]),
        ({"open": True}, [high.id, due.id, plain_new.id, later.id]),
        ({"open": False}, [closed_high.id, plain_old.id]),
        ({"open": True, "riskLevel": "HIGH"}, [high.id]),
        ({"search": "not yet"}, [later.id]),
        ({"search": "王小梅"}, order),  # a party's name
        ({"search": "   "}, order),  # a blank search box filters nothing
        ({"mediatorId": str(world.users["mediator_a"].id)}, order),
        ({"mediatorId": str(world.users["officer_a"].id)}, []),
    ]
    for f, ids in filters:
        data = await gql.ok(DISPUTES, {"first": 100, "f": f}, token=token)
        assert [int(e["node"]["id"]) for e in data["disputes"]["edges"]] == ids, f
        assert data["disputes"]["totalCount"] == len(ids)
    not_due = await gql.ok(DISPUTES, {"f": {"followUpDue": False}}, token=token)
    assert due.id not in {int(e["node"]["id"]) for e in not_due["disputes"]["edges"]}
    assert len(not_due["disputes"]["edges"]) == 5
    for bad in ({"first": 101}, {"first": 0}, {"after": "garbage!"}):
        assert (await gql.error(DISPUTES, bad, token=token))["code"] == "BAD_USER_INPUT"
    # A NUL cannot reach PostgreSQL: refused at the edge, on both databases.
    for search in ("王\x00", "x" * 101):
        refused = await gql.error(DISPUTES, {"f": {"search": search}}, token=token)
        assert refused["code"] == "BAD_USER_INPUT" and refused["field"] == "filter.search"


async def test_visits_are_paginated(gql: GraphQLClient, world: World) -> None:
    dispute = await register(world)
    now = datetime.now(UTC)
    made = [await visit(world, dispute, at=now - timedelta(hours=h)) for h in (5, 1, 3, 2, 4)]
    newest_first = [v.id for v in sorted(made, key=lambda v: v.visited_at, reverse=True)]
    query = """query($id: ID!, $after: String) { dispute(id: $id) {
      visits(first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id dispute { id } } }
      } } }"""
    seen: list[int] = []
    after = None
    while True:
        data = await gql.ok(
            query, {"id": str(dispute.id), "after": after}, token=world.tokens["mediator_a"]
        )
        conn = data["dispute"]["visits"]
        assert conn["totalCount"] == 5
        seen += [int(e["node"]["id"]) for e in conn["edges"]]
        assert all(e["node"]["dispute"]["id"] == str(dispute.id) for e in conn["edges"])
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert seen == newest_first


LIST_EVERYTHING = """query($first: Int) { disputes(first: $first) {
  totalCount edges { node {
    id referenceNumber parties { name } mediator { username orgUnit { name } }
    orgUnit { name parent { name } }
    visits(first: 5) { totalCount edges { node { id mediator { username } dispute { id } } } }
  } } } }"""


async def test_query_count_does_not_grow_with_page_size(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    for i in range(50):
        dispute = await register(
            world, "officer_a", "committee_a" if i % 2 else "a", mediator="mediator_a"
        )
        await visit(world, dispute, "officer_a")
    counts = {}
    for size in (1, 50):
        with count_queries() as counter:
            data = await gql.ok(LIST_EVERYTHING, {"first": size}, token=world.tokens["officer_a"])
        assert len(data["disputes"]["edges"]) == size
        counts[size] = counter.count
    assert counts[1] == counts[50], counts
    print(f"disputes query count: {counts}")


# ------------------------------------------------------------------ scheduler and figures


async def test_follow_ups_due(world: World) -> None:
    now = datetime.now(UTC)
    due = await register(world)
    not_yet = await register(world)
    closed = await register(world)
    no_mediator = await register(world, "officer_a", "a")
    await Dispute.filter(id__in=[due.id, closed.id, no_mediator.id]).update(
        next_follow_up_at=now - timedelta(minutes=1)
    )
    await Dispute.filter(id=not_yet.id).update(next_follow_up_at=now + timedelta(minutes=1))
    await Dispute.filter(id=closed.id).update(status=DisputeStatus.CLOSED)
    assert [d.id for d in await disputes.follow_ups_due(now)] == [due.id]
    later = await disputes.follow_ups_due(now + timedelta(minutes=2))
    assert [d.id for d in later] == [due.id, not_yet.id]


async def test_dashboard_figures(world: World) -> None:
    now = datetime.now(UTC)
    open_high = await register(world, risk=RiskLevel.HIGH)
    mediating = await register(world, "officer_a", "a")
    resolved = await register(world)
    old_resolved = await register(world)
    closed_high = await register(world, risk=RiskLevel.HIGH)
    await register(world, "mediator_x", "committee_x", risk=RiskLevel.HIGH)
    await Dispute.filter(id=mediating.id).update(status=DisputeStatus.MEDIATING)
    await Dispute.filter(id=resolved.id).update(
        status=DisputeStatus.CLOSED, resolved_at=now - timedelta(days=29)
    )
    await Dispute.filter(id=old_resolved.id).update(
        status=DisputeStatus.RESOLVED, resolved_at=now - timedelta(days=31)
    )
    await Dispute.filter(id=closed_high.id).update(status=DisputeStatus.CLOSED)
    units = [world.units[k].id for k in ("center", "a", "b", "committee_a")]
    assert await figures.dashboard_figures(units, now) == figures.MediationFigures(
        open_disputes=2, high_risk_disputes=1, disputes_resolved_last_30_days=1
    )
    assert open_high.risk_level == RiskLevel.HIGH
    only_a = await figures.dashboard_figures([world.units["a"].id], now)
    assert only_a == figures.MediationFigures(1, 0, 0)
    assert await figures.dashboard_figures([], now) == figures.MediationFigures(0, 0, 0)
