"""Screening campaigns (矛盾纠纷排查): starting one, the units' reports and zero
reports, the units missing at the cut-off, figures per unit, scope."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from api.domain.common import periods
from api.domain.common.call import Call
from api.domain.common.errors import Conflict
from api.domain.mediation import screening
from api.models.accounts import User
from api.models.enums import Role
from api.models.mediation import Dispute
from api.models.mediation_sources import (
    DisputeSource,
    DisputeSourceKind,
    ScreeningKind,
    ScreeningReport,
)
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World

START = """mutation($i: StartScreeningCampaignInput!) { startScreeningCampaign(input: $i) {
  id title kind reportDueOn orgUnit { name } startedBy { username }
  units { orgUnit { name } missing report { id } }
  figures { units reported missing zeroReports disputesFound highRiskFound }
} }"""
FILE = """mutation($i: ScreeningReportInput!) { fileScreeningReport(input: $i) {
  id units { orgUnit { name } disputesFound highRiskFound
    report { zeroReport villagesCovered late filedBy { username }
      disputes { id title riskLevel status source { kind } } } }
  figures { units reported missing zeroReports disputesFound highRiskFound }
} }"""
CAMPAIGNS = """query($first: Int, $after: String) {
screeningCampaigns(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node {
    id title orgUnit { name } startedBy { username }
    units { orgUnit { name } missing disputesFound
      report { villagesCovered filedBy { username } disputes { id title parties { name } } } }
    figures { units reported missing disputesFound }
  } } } }"""


def new_id() -> str:
    return str(uuid.uuid4())


def today() -> date:
    return periods.local_day(datetime.now(UTC))


def campaign_input(world: World, **changes: Any) -> dict[str, Any]:
    base = {
        "title": "春节前矛盾纠纷集中排查",
        "kind": "CONCENTRATED",
        "focus": "婚姻家庭、邻里、土地纠纷",
        "startsOn": today().isoformat(),
        "endsOn": (today() + timedelta(days=14)).isoformat(),
        "reportDueOn": (today() + timedelta(days=10)).isoformat(),
    }
    return {**base, **changes}


def found(title: str = "土地承包纠纷", risk: str = "LOW") -> dict[str, Any]:
    return {
        "clientId": new_id(),
        "title": title,
        "category": "LAND",
        "description": "排查中发现。",
        "riskLevel": risk,
        "parties": [{"name": "赵甲", "role": "RESPONDENT"}, {"name": "钱乙", "role": "OTHER"}],
    }


async def start(gql: GraphQLClient, world: World, **changes: Any) -> dict[str, Any]:
    data = await gql.ok(
        START, {"i": campaign_input(world, **changes)}, token=world.tokens["supervisor_bureau"]
    )
    campaign: dict[str, Any] = data["startScreeningCampaign"]
    return campaign


async def test_start_a_campaign_for_the_units_overseen(gql: GraphQLClient, world: World) -> None:
    await User.create(
        username="mediator_a2",
        display_name="调解员二",
        role=Role.MEDIATOR,
        org_unit=world.units["committee_a"],
        password_hash="-",
    )
    campaign = await start(gql, world)
    assert campaign["orgUnit"] == {"name": "青山县司法局"}
    assert campaign["startedBy"] == {"username": "supervisor_bureau"}
    # Every committee and office whose mediation the bureau oversees.
    assert {u["orgUnit"]["name"] for u in campaign["units"]} == {
        "东关镇司法所",
        "西河乡司法所",
        "东关镇人民调解委员会",
    }
    assert campaign["figures"] == {
        "units": 3,
        "reported": 0,
        "missing": 0,
        "zeroReports": 0,
        "disputesFound": 0,
        "highRiskFound": 0,
    }
    # The mediators of those units are told.
    told = await Notification.filter(kind="screening.started").values_list(
        "recipient__username", flat=True
    )
    assert sorted(told) == ["mediator_a", "mediator_a2"]
    chosen = await start(gql, world, orgUnitIds=[str(world.units["committee_a"].id)])
    assert [u["orgUnit"]["name"] for u in chosen["units"]] == ["东关镇人民调解委员会"]


async def test_start_is_checked(gql: GraphQLClient, world: World) -> None:
    token = world.tokens["supervisor_bureau"]
    yesterday = (today() - timedelta(days=1)).isoformat()
    cases = {
        "endsOn": {"endsOn": yesterday},
        "reportDueOn": {"reportDueOn": yesterday},
        "title": {"title": " "},
        "focus": {"focus": ""},
    }
    for field, change in cases.items():
        ext = await gql.error(START, {"i": campaign_input(world, **change)}, token=token)
        assert ext == {"code": "BAD_USER_INPUT", "field": field}, field
    # A unit that handles no disputes, and one of another county.
    ext = await gql.error(
        START, {"i": campaign_input(world, orgUnitIds=[str(world.units["center"].id)])}, token=token
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "orgUnitIds"}
    ext = await gql.error(
        START,
        {"i": campaign_input(world, orgUnitIds=[str(world.units["committee_x"].id)])},
        token=token,
    )
    assert ext == {"code": "NOT_FOUND", "field": "orgUnitIds"}
    # Corrections' supervisors oversee no mediation; other roles start none.
    ext = await gql.error(START, {"i": campaign_input(world)}, token=world.tokens["supervisor"])
    assert ext["code"] == "NOT_FOUND"
    for who in ("officer_a", "mediator_a", "admin", "staff", "applicant"):
        ext = await gql.error(START, {"i": campaign_input(world)}, token=world.tokens[who])
        assert ext["code"] == "FORBIDDEN", who
    assert await gql.ok("{ screeningCampaigns { totalCount } }", token=token) == {
        "screeningCampaigns": {"totalCount": 0}
    }


async def test_reports_register_disputes_and_zero_reports(gql: GraphQLClient, world: World) -> None:
    campaign = await start(gql, world)
    report = {
        "clientId": new_id(),
        "campaignId": campaign["id"],
        "villagesCovered": ["东关村", "南坪村"],
        "disputes": [found(), found("宅基地冲突", "HIGH")],
    }
    data = await gql.ok(FILE, {"i": report}, token=world.tokens["mediator_a"])
    result = data["fileScreeningReport"]
    # A mediator sees its own unit only.
    (unit,) = result["units"]
    assert unit["orgUnit"] == {"name": "东关镇人民调解委员会"}
    assert (unit["disputesFound"], unit["highRiskFound"]) == (2, 1)
    assert unit["report"]["villagesCovered"] == ["东关村", "南坪村"]
    assert unit["report"]["filedBy"] == {"username": "mediator_a"}
    found_disputes = unit["report"]["disputes"]
    assert [d["source"] for d in found_disputes] == [{"kind": "SCREENING"}] * 2
    assert {d["status"] for d in found_disputes} == {"OPEN"}
    # No applicant: the committee found them (人民调解法 Art. 17).
    assert await Dispute.all().count() == 2
    # A HIGH-risk dispute found alerts the mediation side, not corrections.
    alerted = await Notification.filter(kind="dispute.high_risk").values_list(
        "recipient__username", flat=True
    )
    assert alerted == ["supervisor_bureau"]
    # The same clientId again: the stored report, nothing new.
    again = await gql.ok(FILE, {"i": report}, token=world.tokens["mediator_a"])
    assert again["fileScreeningReport"]["units"] == result["units"]
    assert await Dispute.all().count() == 2
    # One report per unit.
    ext = await gql.error(
        FILE, {"i": {**report, "clientId": new_id()}}, token=world.tokens["mediator_a"]
    )
    assert ext == {"code": "CONFLICT", "field": "orgUnitId"}
    # 零报告 from office a.
    zero = {
        "clientId": new_id(),
        "campaignId": campaign["id"],
        "orgUnitId": str(world.units["a"].id),
        "villagesCovered": ["东关社区"],
        "zeroReport": True,
    }
    data = await gql.ok(FILE, {"i": zero}, token=world.tokens["officer_a"])
    units = {u["orgUnit"]["name"]: u for u in data["fileScreeningReport"]["units"]}
    assert units["东关镇司法所"]["report"]["zeroReport"] is True
    assert units["东关镇司法所"]["disputesFound"] == 0
    bureau = await gql.ok(CAMPAIGNS, {}, token=world.tokens["supervisor_bureau"])
    (node,) = [e["node"] for e in bureau["screeningCampaigns"]["edges"]]
    assert node["figures"] == {"units": 3, "reported": 2, "missing": 0, "disputesFound": 2}


async def test_report_is_checked(gql: GraphQLClient, world: World) -> None:
    campaign = await start(gql, world)
    token = world.tokens["mediator_a"]
    base = {"clientId": new_id(), "campaignId": campaign["id"], "villagesCovered": ["东关村"]}
    cases = {
        "disputes": {},  # neither findings nor a zero report
        "zeroReport": {"zeroReport": True, "disputes": [found()]},
        "villagesCovered": {"villagesCovered": []},
        "disputes.1.title": {"disputes": [found(), found("题" * 101)]},
    }
    for field, change in cases.items():
        ext = await gql.error(FILE, {"i": {**base, **change}}, token=token)
        assert ext == {"code": "BAD_USER_INPUT", "field": field}, field
    # A refused report registered none of its disputes.
    assert await Dispute.all().count() == 0
    assert await ScreeningReport.all().count() == 0
    # Units outside the campaign or the viewer's reach; roles that file none.
    for who, unit in (("mediator_a", "a"), ("officer_b", "a"), ("officer_a", "b")):
        ext = await gql.error(
            FILE,
            {"i": {**base, "zeroReport": True, "orgUnitId": str(world.units[unit].id)}},
            token=world.tokens[who],
        )
        assert ext == {"code": "NOT_FOUND", "field": "orgUnitId"}, (who, unit)
    for who in ("mediator_x", "supervisor"):
        ext = await gql.error(FILE, {"i": {**base, "zeroReport": True}}, token=world.tokens[who])
        assert ext["code"] == "NOT_FOUND", who
    for who in ("staff", "applicant", "admin"):
        ext = await gql.error(FILE, {"i": {**base, "zeroReport": True}}, token=world.tokens[who])
        assert ext["code"] == "FORBIDDEN", who


def at(world: World, who: str, moment: datetime) -> Call:
    call = world.call(who)
    call.now = moment
    return call


async def test_units_missing_at_the_cut_off_are_flagged_and_reminded(world: World) -> None:
    now = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
    day = periods.local_day(now)
    campaign = await screening.start_campaign(
        at(world, "supervisor_bureau", now),
        title="常态化排查",
        kind=ScreeningKind.ROUTINE,
        focus="全面排查",
        starts_on=day,
        ends_on=day + timedelta(days=30),
        report_due_on=day + timedelta(days=5),
        org_unit_ids=None,
    )
    await screening.file_report(
        at(world, "mediator_a", now + timedelta(days=1)),
        client_id=new_id(),
        campaign_id=campaign.id,
        org_unit_id=None,
        villages_covered=["东关村"],
        zero_report=True,
        found=[],
        note=None,
    )
    # On the cut-off day itself nobody is missing yet.
    call = at(world, "supervisor_bureau", now + timedelta(days=5))
    assert await screening.missing_reports(call) == 0
    units = (await screening.standings(call, [campaign]))[campaign.id]
    assert not any(u.missing for u in units)
    call = at(world, "supervisor_bureau", now + timedelta(days=6))
    # Offices a and b have no mediators: the campaign's starter hears of each.
    assert await screening.missing_reports(call) == 2
    assert await screening.missing_reports(call) == 0
    bodies = await Notification.filter(kind="screening.report_missing").values_list(
        "recipient__username", "body"
    )
    assert {u for u, _ in bodies} == {"supervisor_bureau"}
    assert any("西河乡司法所" in b for _, b in bodies)
    units = (await screening.standings(call, [campaign]))[campaign.id]
    assert sorted(u.missing for u in units) == [False, True, True]
    assert screening.figures(units).missing == 2
    # A late report is taken, and marked late.
    late = await screening.file_report(
        at(world, "officer_b", now + timedelta(days=7)),
        client_id=new_id(),
        campaign_id=campaign.id,
        org_unit_id=world.units["b"].id,
        villages_covered=["西河村"],
        zero_report=True,
        found=[],
        note=None,
    )
    units = (await screening.standings(call, [campaign]))[campaign.id]
    (b,) = [u for u in units if u.org_unit_id == world.units["b"].id]
    assert b.report is not None and b.report.id == late.id and b.late and not b.missing


async def test_every_role_sees_its_campaigns(gql: GraphQLClient, world: World) -> None:
    ours = await start(gql, world)
    theirs = await gql.ok(
        START, {"i": campaign_input(world)}, token=world.tokens["supervisor_bureau_x"]
    )
    theirs_id = theirs["startScreeningCampaign"]["id"]
    expected = {
        "supervisor_bureau": {ours["id"]},
        "officer_a": {ours["id"]},
        "officer_b": {ours["id"]},
        "mediator_a": {ours["id"]},
        "supervisor_bureau_x": {theirs_id},
        "mediator_x": {theirs_id},
        "supervisor": set(),
    }
    for who, ids in expected.items():
        data = await gql.ok(CAMPAIGNS, {}, token=world.tokens[who])
        assert {e["node"]["id"] for e in data["screeningCampaigns"]["edges"]} == ids, who
        for campaign_id in (ours["id"], theirs_id):
            body = await gql(
                "query($id: ID!) { screeningCampaign(id: $id) { id } }",
                {"id": campaign_id},
                token=world.tokens[who],
            )
            if campaign_id in ids:
                assert body["data"]["screeningCampaign"]["id"] == campaign_id
            else:
                assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", who
    # An officer sees the units of its office only.
    data = await gql.ok(CAMPAIGNS, {}, token=world.tokens["officer_a"])
    names = {u["orgUnit"]["name"] for u in data["screeningCampaigns"]["edges"][0]["node"]["units"]}
    assert names == {"东关镇司法所", "东关镇人民调解委员会"}
    for who in ("staff", "applicant", "lawyer"):
        ext = await gql.error(CAMPAIGNS, {}, token=world.tokens[who])
        assert ext["code"] == "FORBIDDEN", who


async def test_campaign_list_query_count(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    for i in range(20):
        campaign = await start(gql, world, title=f"排查 {i}")
        await gql.ok(
            FILE,
            {
                "i": {
                    "clientId": new_id(),
                    "campaignId": campaign["id"],
                    "villagesCovered": ["东关村"],
                    "disputes": [found(f"纠纷 {i}")],
                }
            },
            token=world.tokens["mediator_a"],
        )
    assert await DisputeSource.filter(kind=DisputeSourceKind.SCREENING).count() == 20
    counts = {}
    for size in (2, 20):
        with count_queries() as counter:
            data = await gql.ok(CAMPAIGNS, {"first": size}, token=world.tokens["supervisor_bureau"])
        assert len(data["screeningCampaigns"]["edges"]) == size
        counts[size] = counter.count
    assert counts[2] == counts[20], counts
    # Paged newest first.
    page = await gql.ok(CAMPAIGNS, {"first": 15}, token=world.tokens["supervisor_bureau"])
    after = page["screeningCampaigns"]["pageInfo"]["endCursor"]
    rest = await gql.ok(
        CAMPAIGNS, {"first": 15, "after": after}, token=world.tokens["supervisor_bureau"]
    )
    titles = [e["node"]["title"] for e in page["screeningCampaigns"]["edges"]] + [
        e["node"]["title"] for e in rest["screeningCampaigns"]["edges"]
    ]
    assert titles == [f"排查 {i}" for i in reversed(range(20))]


async def test_one_report_per_unit_under_concurrent_filing(world: World) -> None:
    now = datetime.now(UTC)
    day = periods.local_day(now)
    campaign = await screening.start_campaign(
        at(world, "supervisor_bureau", now),
        title="集中排查",
        kind=ScreeningKind.CONCENTRATED,
        focus="邻里纠纷",
        starts_on=day,
        ends_on=day + timedelta(days=3),
        report_due_on=day + timedelta(days=2),
        org_unit_ids=[world.units["committee_a"].id],
    )

    async def file() -> object:
        try:
            return await screening.file_report(
                world.call("mediator_a"),
                client_id=new_id(),
                campaign_id=campaign.id,
                org_unit_id=None,
                villages_covered=["东关村"],
                zero_report=True,
                found=[],
                note=None,
            )
        except Conflict as refused:
            return refused.reason

    outcomes = await asyncio.gather(file(), file())
    assert sorted(type(o).__name__ for o in outcomes) == ["ScreeningReport", "str"]
    assert "SCREENING_REPORTED" in outcomes
    assert await ScreeningReport.all().count() == 1
