"""Where disputes come from, their deadlines, refusals, failures and police reports."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tortoise.context import TortoiseContext
from tortoise.migrations.api import migrate as tortoise_migrate

from api.db import tortoise_config
from api.domain.common import periods
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.mediation import deadlines, disputes, endings, referrals, sources, visits
from api.models.audit import AuditEntry
from api.models.enums import DisputeCategory, DisputeStatus, PartyRole, RiskLevel, VisitOutcome
from api.models.mediation import Dispute
from api.models.mediation_sources import (
    CourtProcedure,
    DisputeRefusal,
    DisputeSource,
    DisputeSourceKind,
    LegalRoute,
)
from api.models.notifications import Notification
from api.settings import Settings
from tests.conftest import Clients, Clock, GraphQLClient, QueryCounter, World
from tests.days import office_today
from tests.test_migrations import fresh_database_url  # noqa: F401  (a fixture)

# Noon in China: every "day N" below is the Nth calendar day after this one.
START = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
START_DAY = periods.local_day(START)

REGISTER = """mutation($i: RegisterDisputeInput!) {
  registerDispute(input: $i) {
    id parties { role }
    source { kind referringBody referenceNumber receivedOn procedure }
    deadlines { courtDueOn normalEndOn remindOn dueOn overdue daysLeft }
  }
}"""
OVERDUE = """query($first: Int, $after: String) { overdueDisputes(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node {
    id title source { kind referringBody } deadlines { dueOn overdue extensions { toOn } }
    refusal { partyName } failure { routesTold } policeReports { policeBody reference }
    orgUnit { name } mediator { username }
  } } } }"""


def new_id() -> str:
    return str(uuid.uuid4())


def on_day(world: World, who: str, day: int) -> Call:
    """A call of `who` at noon of day `day` after START."""
    call = world.call(who)
    call.now = START + timedelta(days=day)
    return call


async def register(
    world: World,
    source: sources.SourceInput | None = None,
    *,
    who: str = "mediator_a",
    unit: str = "committee_a",
    day: int = 0,
    roles: tuple[PartyRole, ...] = (PartyRole.APPLICANT, PartyRole.RESPONDENT),
) -> Dispute:
    return await disputes.register_dispute(
        on_day(world, who, day),
        client_id=new_id(),
        title="宅基地纠纷",
        category=DisputeCategory.LAND,
        description="两户争执。",
        risk_level=RiskLevel.LOW,
        parties=[disputes.PartyInput(f"当事人{i}", r) for i, r in enumerate(roles)],
        org_unit_id=world.units[unit].id,
        mediator_id=None,
        source=source,
    )


def court(
    kind: DisputeSourceKind, procedure: CourtProcedure | None = None, *, received: int = 0
) -> sources.SourceInput:
    """Referred by a court, its materials signed for `received` days after START."""
    return sources.SourceInput(
        kind=kind,
        referring_body="青山县人民法院",
        reference_number="（2026）青01民诉前调123号",
        received_on=START_DAY + timedelta(days=received),
        procedure=procedure,
    )


async def overdue_ids(world: World, day: int, who: str = "mediator_a") -> list[int]:
    page = await referrals.overdue_disputes(on_day(world, who, day), limit=100, after=None)
    return [d.id for d in page.rows]


# ------------------------------------------------------------------ sources


async def test_committee_initiative_needs_no_applicant(gql: GraphQLClient, world: World) -> None:
    """人民调解法 Art. 17: the committee may mediate on its own initiative."""
    base = {
        "clientId": new_id(),
        "title": "邻里纠纷",
        "category": "NEIGHBOR",
        "description": "噪音。",
        "riskLevel": "LOW",
        "parties": [{"name": "甲", "role": "RESPONDENT"}, {"name": "乙", "role": "OTHER"}],
        "orgUnitId": str(world.units["committee_a"].id),
    }
    token = world.tokens["mediator_a"]
    # By application (the default) an applicant is still needed.
    ext = await gql.refusal(REGISTER, {"i": base}, token=token)
    assert (ext["code"], ext["reason"], ext["field"]) == (
        "BAD_USER_INPUT",
        "APPLICANT_PARTY_REQUIRED",
        "parties",
    )
    data = await gql.ok(
        REGISTER, {"i": {**base, "source": {"kind": "COMMITTEE_INITIATIVE"}}}, token=token
    )
    d = data["registerDispute"]
    assert d["source"] == {
        "kind": "COMMITTEE_INITIATIVE",
        "referringBody": None,
        "referenceNumber": None,
        "receivedOn": None,
        "procedure": None,
    }
    assert [p["role"] for p in d["parties"]] == ["RESPONDENT", "OTHER"]
    entry = await AuditEntry.filter(action="dispute.register").first()
    assert entry is not None and entry.summary["source"] == "COMMITTEE_INITIATIVE"


async def test_referrals_name_body_and_number(gql: GraphQLClient, world: World) -> None:
    token = world.tokens["mediator_a"]
    base = {
        "clientId": new_id(),
        "title": "交通事故赔偿",
        "category": "TRAFFIC",
        "description": "赔偿争议。",
        "riskLevel": "MEDIUM",
        "parties": [{"name": "甲", "role": "RESPONDENT"}],
        "orgUnitId": str(world.units["committee_a"].id),
    }
    tomorrow = (periods.local_day(datetime.now(UTC)) + timedelta(days=1)).isoformat()
    cases = {
        "source.referringBody": {"kind": "POLICE", "referenceNumber": "青公调字1号"},
        "source.referenceNumber": {"kind": "PETITION_OFFICE", "referringBody": "县信访局"},
        "source.procedure": {
            "kind": "COURT_ENTRUSTED",
            "referringBody": "青山县人民法院",
            "referenceNumber": "（2026）青01民初5号",
        },
        "source.receivedOn": {
            "kind": "COURT_DELEGATED",
            "referringBody": "青山县人民法院",
            "referenceNumber": "（2026）青01民诉前调5号",
            "receivedOn": tomorrow,
        },
        "source.kind": {"kind": "SCREENING"},
    }
    for field, source in cases.items():
        ext = await gql.error(REGISTER, {"i": {**base, "source": source}}, token=token)
        assert ext == {"code": "BAD_USER_INPUT", "field": field}, field
    assert await Dispute.all().count() == 0
    data = await gql.ok(
        REGISTER,
        {
            "i": {
                **base,
                "source": {
                    "kind": "POLICE",
                    "referringBody": "东关派出所",
                    "referenceNumber": "（2026）青01民初5号",
                },
            }
        },
        token=token,
    )
    source = data["registerDispute"]["source"]
    assert source["kind"] == "POLICE" and source["referenceNumber"] == "（2026）青01民初5号"
    assert data["registerDispute"]["deadlines"]["courtDueOn"] is None


# ------------------------------------------------------------------ court deadlines


@pytest.mark.parametrize(
    ("kind", "procedure", "days"),
    [
        (DisputeSourceKind.COURT_ENTRUSTED, CourtProcedure.ORDINARY, 15),
        (DisputeSourceKind.COURT_ENTRUSTED, CourtProcedure.SUMMARY, 7),
        (DisputeSourceKind.COURT_DELEGATED, None, 30),
    ],
)
async def test_court_referral_period_from_signing(
    world: World, kind: DisputeSourceKind, procedure: CourtProcedure | None, days: int
) -> None:
    """特邀调解规定 Art. 27: 委托 15 days (summary 7), 委派 30, from the day
    the committee signed for the materials; day N is still in time, N+1 is not."""
    dispute = await register(world, court(kind, procedure))
    source = await DisputeSource.get(dispute_id=dispute.id)
    assert source.court_due_on == START_DAY + timedelta(days=days)
    assert source.due_on == source.court_due_on
    assert await overdue_ids(world, days) == []
    assert await overdue_ids(world, days + 1) == [dispute.id]
    # Once it ends, it is not overdue any more.
    await endings.record_failure(
        on_day(world, "mediator_a", days + 1),
        client_id=new_id(),
        dispute_id=dispute.id,
        failed_at=START + timedelta(days=days + 1),
        routes_told=[LegalRoute.LITIGATION],
        note=None,
    )
    assert await overdue_ids(world, days + 1) == []


async def test_court_deadline_is_reminded_and_shown(
    clients: Clients, clock: Clock, world: World
) -> None:
    dispute = await register(
        world, court(DisputeSourceKind.COURT_ENTRUSTED, CourtProcedure.SUMMARY)
    )
    # Two days before the 7th day, not before.
    assert await referrals.court_deadline_reminders(on_day(world, "mediator_a", 4)) == 0
    assert await referrals.court_deadline_reminders(on_day(world, "mediator_a", 5)) == 1
    assert await referrals.court_deadline_reminders(on_day(world, "mediator_a", 6)) == 0
    notice = await Notification.get(kind="dispute.court_deadline")
    assert notice.recipient_id == world.users["mediator_a"].id
    assert (START_DAY + timedelta(days=7)).isoformat() in notice.body
    query = """query($id: ID!) { dispute(id: $id) { deadlines { courtDueOn overdue daysLeft } } }"""
    for day, overdue, left in ((7, False, 0), (8, True, -1)):
        clock.now = START + timedelta(days=day)
        async with clients() as gql:
            data = await gql.ok(query, {"id": str(dispute.id)}, token=world.tokens["mediator_a"])
        assert data["dispute"]["deadlines"] == {
            "courtDueOn": (START_DAY + timedelta(days=7)).isoformat(),
            "overdue": overdue,
            "daysLeft": left,
        }


async def test_extension_needs_both_parties_consent(world: World) -> None:
    dispute = await register(
        world, court(DisputeSourceKind.COURT_ENTRUSTED, CourtProcedure.ORDINARY)
    )
    due = START_DAY + timedelta(days=15)
    call = on_day(world, "mediator_a", 10)
    with pytest.raises(BadInput) as refused:
        await referrals.record_deadline_extension(
            call, dispute.id, due + timedelta(days=5), False, "x"
        )
    assert refused.value.field == "partiesConsented"
    with pytest.raises(BadInput) as refused:
        await referrals.record_deadline_extension(call, dispute.id, due, True, "双方同意")
    assert refused.value.reason == "EXTENSION_NOT_LATER"
    plain = await register(world)
    with pytest.raises(Conflict):
        await referrals.record_deadline_extension(call, plain.id, due, True, "双方同意")
    with pytest.raises(NotFound):
        await referrals.record_deadline_extension(
            on_day(world, "mediator_x", 10), dispute.id, due + timedelta(days=5), True, "同意"
        )
    source = await referrals.record_deadline_extension(
        call, dispute.id, due + timedelta(days=5), True, "双方当事人书面同意延长"
    )
    assert source.court_due_on == due + timedelta(days=5)
    assert await overdue_ids(world, 16) == []
    assert await overdue_ids(world, 21) == [dispute.id]
    entry = await AuditEntry.get(action="dispute.deadline_extension")
    assert entry.summary["to"] == (due + timedelta(days=5)).isoformat()
    # The new last day is reminded anew.
    assert await referrals.court_deadline_reminders(on_day(world, "mediator_a", 18)) == 1


# ------------------------------------------------------------------ the month


async def test_one_month_reminder_at_25_days_and_overdue_after_30(world: World) -> None:
    """人民调解工作若干规定 Art. 33: normally within a month; reminded at 25 days."""
    dispute = await register(world)
    closed = await register(world)
    await Dispute.filter(id=closed.id).update(status=DisputeStatus.CLOSED)
    assert await referrals.one_month_reminders(on_day(world, "mediator_a", 24)) == 0
    assert await referrals.one_month_reminders(on_day(world, "mediator_a", 25)) == 1
    assert await referrals.one_month_reminders(on_day(world, "mediator_a", 26)) == 0
    notice = await Notification.get(kind="dispute.mediation_month")
    assert notice.subject_id == str(dispute.id)
    assert (START_DAY + timedelta(days=30)).isoformat() in notice.body
    assert await overdue_ids(world, 30) == []
    assert await overdue_ids(world, 31) == [dispute.id]


async def test_the_month_is_a_dated_table_per_unit(world: World) -> None:
    call = on_day(world, "supervisor_bureau", 0)
    await deadlines.set_mediation_period(
        call, world.units["bureau"].id, START_DAY, period_days=20, remind_after_days=15
    )
    dispute = await register(world)
    source = await DisputeSource.get(dispute_id=dispute.id)
    assert source.normal_end_on == START_DAY + timedelta(days=20)
    assert source.normal_remind_on == START_DAY + timedelta(days=15)
    # Not in force before its day: a dispute of the day before keeps the defaults.
    earlier = await register(world, day=-1)
    source = await DisputeSource.get(dispute_id=earlier.id)
    assert source.normal_end_on == START_DAY + timedelta(days=29)
    with pytest.raises(BadInput) as refused:
        await deadlines.set_mediation_period(call, world.units["bureau"].id, START_DAY, 20, 21)
    assert refused.value.field == "remindAfterDays"
    with pytest.raises(NotFound):
        await deadlines.set_mediation_period(
            on_day(world, "supervisor", 0), world.units["bureau"].id, START_DAY, 30, 25
        )
    with pytest.raises(Forbidden):
        await deadlines.set_mediation_period(
            on_day(world, "officer_a", 0), world.units["a"].id, START_DAY, 30, 25
        )


# ------------------------------------------------------------------ refusal and failure


async def test_a_refusal_ends_the_mediation(world: World) -> None:
    """Art. 17: 当事人一方明确拒绝调解的，不得调解."""
    dispute = await register(world)
    call = on_day(world, "mediator_a", 1)
    with pytest.raises(BadInput) as refused:
        await endings.record_refusal(
            call,
            client_id=new_id(),
            dispute_id=dispute.id,
            party_name="别人",
            refused_at=call.now,
            note=None,
        )
    assert refused.value.field == "partyName"
    cid = new_id()
    refusal = await endings.record_refusal(
        call,
        client_id=cid,
        dispute_id=dispute.id,
        party_name="当事人1",
        refused_at=call.now,
        note="明确表示不接受调解",
    )
    again = await endings.record_refusal(
        call,
        client_id=cid,
        dispute_id=dispute.id,
        party_name="当事人1",
        refused_at=call.now,
        note=None,
    )
    assert again.id == refusal.id and await DisputeRefusal.all().count() == 1
    stored = await Dispute.get(id=dispute.id)
    assert stored.status == DisputeStatus.CLOSED and stored.closed_at == call.now
    with pytest.raises(Conflict) as closed:
        await visits.log_visit(
            call,
            client_id=new_id(),
            dispute_id=dispute.id,
            visited_at=call.now,
            participants=[],
            summary="再去调解",
            outcome=VisitOutcome.IN_PROGRESS,
        )
    assert closed.value.reason == "DISPUTE_CLOSED"
    with pytest.raises(Conflict):
        await endings.record_failure(
            call,
            client_id=new_id(),
            dispute_id=dispute.id,
            failed_at=call.now,
            routes_told=[LegalRoute.LITIGATION],
            note=None,
        )
    # Nor reminded of its month.
    assert await referrals.one_month_reminders(on_day(world, "mediator_a", 25)) == 0


async def test_failure_records_the_routes_told(gql: GraphQLClient, world: World) -> None:
    dispute = await register(world, who="officer_a", unit="a")
    mutation = """mutation($i: MediationFailureInput!) { recordMediationFailure(input: $i) {
      dispute { id status failure { routesTold note } } failure { routesTold } } }"""
    now = datetime.now(UTC).isoformat()
    base = {"clientId": new_id(), "disputeId": str(dispute.id), "failedAt": now}
    token = world.tokens["officer_a"]
    ext = await gql.error(mutation, {"i": {**base, "routesTold": []}}, token=token)
    assert ext == {"code": "BAD_USER_INPUT", "field": "routesTold"}
    routes = ["LITIGATION", "ARBITRATION", "LITIGATION"]
    data = await gql.ok(
        mutation, {"i": {**base, "routesTold": routes, "note": "告知"}}, token=token
    )
    result = data["recordMediationFailure"]
    assert result["dispute"]["status"] == "FAILED"
    assert result["failure"]["routesTold"] == ["ARBITRATION", "LITIGATION"]
    assert result["dispute"]["failure"] == {
        "routesTold": ["ARBITRATION", "LITIGATION"],
        "note": "告知",
    }


# ------------------------------------------------------------------ police


async def test_report_to_police(gql: GraphQLClient, world: World) -> None:
    """Art. 25: reported to the local police; when, to whom, under which number."""
    dispute = await register(world)
    mutation = """mutation($i: PoliceReportInput!) { reportToPolice(input: $i) {
      id policeBody reference reportedAt } }"""
    cid = new_id()
    variables = {
        "i": {
            "clientId": cid,
            "disputeId": str(dispute.id),
            "reportedAt": datetime.now(UTC).isoformat(),
            "policeBody": "东关派出所",
            "reference": "东公(治)受字〔2026〕88号",
        }
    }
    first = await gql.ok(mutation, variables, token=world.tokens["mediator_a"])
    again = await gql.ok(mutation, variables, token=world.tokens["mediator_a"])
    assert first == again
    data = await gql.ok(
        """query($id: ID!) { dispute(id: $id) { policeReports { policeBody reference } } }""",
        {"id": str(dispute.id)},
        token=world.tokens["supervisor_bureau"],
    )
    assert data["dispute"]["policeReports"] == [
        {"policeBody": "东关派出所", "reference": "东公(治)受字〔2026〕88号"}
    ]
    assert await AuditEntry.filter(action="dispute.police_report").count() == 1


# ------------------------------------------------------------------ scope


WRITES: dict[str, tuple[str, str]] = {
    "refusal": (
        "mutation($i: RefusalInput!) { recordRefusal(input: $i) { dispute { id } } }",
        "refusal",
    ),
    "failure": (
        "mutation($i: MediationFailureInput!) {"
        " recordMediationFailure(input: $i) { dispute { id } } }",
        "failure",
    ),
    "police": ("mutation($i: PoliceReportInput!) { reportToPolice(input: $i) { id } }", "police"),
    "extension": (
        "mutation($i: DeadlineExtensionInput!) { recordDeadlineExtension(input: $i) { id } }",
        "extension",
    ),
}


def write_input(kind: str, dispute_id: int) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat()
    return {
        "refusal": {
            "clientId": new_id(),
            "disputeId": str(dispute_id),
            "partyName": "当事人0",
            "refusedAt": now,
        },
        "failure": {
            "clientId": new_id(),
            "disputeId": str(dispute_id),
            "failedAt": now,
            "routesTold": ["LITIGATION"],
        },
        "police": {
            "clientId": new_id(),
            "disputeId": str(dispute_id),
            "reportedAt": now,
            "policeBody": "东关派出所",
        },
        "extension": {
            "disputeId": str(dispute_id),
            "newDueOn": (office_today() + timedelta(days=60)).isoformat(),
            "partiesConsented": True,
            "note": "同意",
        },
    }[kind]


async def test_every_role_against_disputes_outside_its_scope(
    gql: GraphQLClient, world: World
) -> None:
    source = sources.SourceInput(
        kind=DisputeSourceKind.COURT_DELEGATED,
        referring_body="青山县人民法院",
        reference_number="（2026）青01民诉前调9号",
    )
    for kind, (mutation, _) in WRITES.items():
        dispute = await disputes.register_dispute(
            world.call("mediator_a"),
            client_id=new_id(),
            title="纠纷",
            category=DisputeCategory.OTHER,
            description="说明",
            risk_level=RiskLevel.LOW,
            parties=[disputes.PartyInput("当事人0", PartyRole.APPLICANT)],
            org_unit_id=world.units["committee_a"].id,
            mediator_id=None,
            source=source,
        )
        for who in ("mediator_x", "officer_b", "officer_x", "supervisor", "supervisor_bureau_x"):
            ext = await gql.error(
                mutation, {"i": write_input(kind, dispute.id)}, token=world.tokens[who]
            )
            assert ext["code"] == "NOT_FOUND", (kind, who)
        for who in ("admin", "staff", "lawyer", "applicant"):
            ext = await gql.error(
                mutation, {"i": write_input(kind, dispute.id)}, token=world.tokens[who]
            )
            assert ext["code"] == "FORBIDDEN", (kind, who)
        ext = await gql.error(mutation, {"i": write_input(kind, dispute.id)})
        assert ext["code"] == "UNAUTHENTICATED"
        # Refused writes changed nothing.
        assert (await Dispute.get(id=dispute.id)).status == DisputeStatus.OPEN
        await gql.ok(
            mutation, {"i": write_input(kind, dispute.id)}, token=world.tokens["officer_a"]
        )


async def test_overdue_list_scope(world: World) -> None:
    in_committee = await register(world)
    in_a = await register(world, who="officer_a", unit="a")
    in_b = await register(world, who="officer_b", unit="b")
    in_x = await register(world, who="mediator_x", unit="committee_x")
    expected = {
        "mediator_a": [in_committee.id],
        "officer_a": [in_committee.id, in_a.id],
        "officer_b": [in_b.id],
        "supervisor": [],
        "supervisor_bureau": [in_committee.id, in_a.id, in_b.id],
        "mediator_x": [in_x.id],
        "supervisor_bureau_x": [in_x.id],
        "admin": [],
        "staff": [],
        "applicant": [],
    }
    for who, ids in expected.items():
        assert sorted(await overdue_ids(world, 31, who)) == sorted(ids), who


async def test_overdue_list_pages_and_query_count(
    clients: Clients, clock: Clock, world: World, count_queries: type[QueryCounter]
) -> None:
    for i in range(20):
        d = await register(world, court(DisputeSourceKind.COURT_DELEGATED, received=-(i % 3)))
        if i % 4 == 0:
            await referrals.report_to_police(
                on_day(world, "mediator_a", 0),
                client_id=new_id(),
                dispute_id=d.id,
                reported_at=START,
                police_body="东关派出所",
                reference=None,
                note=None,
            )
    clock.now = START + timedelta(days=40)
    counts = {}
    async with clients() as gql:
        for size in (2, 20):
            with count_queries() as counter:
                data = await gql.ok(OVERDUE, {"first": size}, token=world.tokens["mediator_a"])
            assert len(data["overdueDisputes"]["edges"]) == size
            counts[size] = counter.count
        assert counts[2] == counts[20], counts
        # Pages follow one another, longest overdue first.
        seen: list[str] = []
        after = None
        while True:
            data = await gql.ok(
                OVERDUE, {"first": 7, "after": after}, token=world.tokens["mediator_a"]
            )
            page = data["overdueDisputes"]
            seen += [e["node"]["deadlines"]["dueOn"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert len(seen) == 20 and seen == sorted(seen)
        assert data["overdueDisputes"]["totalCount"] == 20


# ------------------------------------------------------------------ migration


async def test_0016_gives_earlier_disputes_their_source(
    fresh_database_url: str,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    """A dispute registered before 0016 came by application; its month runs
    from its registration day (the defaults: no unit had set a table)."""
    settings = Settings(database_url=fresh_database_url, data_dir=tmp_path)
    config = tortoise_config(settings)
    sqlite = settings.is_sqlite

    def marks(n: int) -> str:
        return ", ".join("?" if sqlite else f"${k}" for k in range(1, n + 1))

    def at(moment: datetime) -> object:
        return moment.isoformat() if sqlite else moment

    # risk, status, unit, registrar, registration time
    old = ["LOW", "OPEN", 1, 1, at(START)]
    async with TortoiseContext() as ctx:
        await tortoise_migrate(config=config, target="models.0011_supervision_status_values")
        await ctx.init(config=config)
        conn = ctx.connections.get("default")
        await conn.execute_query(
            f"INSERT INTO org_unit (id, name, kind, path, created_at) VALUES ({marks(5)})",
            [1, "东关镇人民调解委员会", "MEDIATION_COMMITTEE", "/1/", at(START)],
        )
        await conn.execute_query(
            "INSERT INTO account (id, username, display_name, role, locale, password_hash,"
            f" is_active, created_at, org_unit_id) VALUES ({marks(9)})",
            [1, "m", "m", "MEDIATOR", "zh-CN", "-", True, at(START), 1],
        )
        await conn.execute_query(
            "INSERT INTO dispute (id, client_id, reference_number, reference_year, reference_seq,"
            " title, category, description, risk_level, status, org_unit_id, registered_by_id,"
            f" registered_at) VALUES ({marks(13)})",
            [7, new_id(), "东关调〔2026〕1号", 2026, 1, "旧纠纷", "LAND", "说明", *old],
        )
    async with TortoiseContext() as ctx:
        await tortoise_migrate(config=config)
        await ctx.init(config=config)
        rows = await ctx.connections.get("default").execute_query_dict(
            "SELECT dispute_id, kind, normal_end_on, normal_remind_on, due_on, court_due_on"
            " FROM dispute_source"
        )
    (row,) = rows
    day = START_DAY

    def as_date(value: object) -> date:
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    assert row["dispute_id"] == 7 and row["kind"] == "APPLICATION"
    assert as_date(row["normal_end_on"]) == day + timedelta(days=30)
    assert as_date(row["normal_remind_on"]) == day + timedelta(days=25)
    assert as_date(row["due_on"]) == day + timedelta(days=30) and row["court_due_on"] is None
