"""The dashboard: figures counted in SQL for the viewer's units, or a unit within them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from api.domain.corrections import check_ins, persons
from api.models.enums import (
    CheckInKind,
    CheckInStatus,
    DisputeCategory,
    DisputeStatus,
    LegalAidMatter,
    LegalAidStatus,
    RiskLevel,
    SupervisionLevel,
    SupervisionStatus,
)
from api.models.legal_aid import LegalAidRequest
from api.models.mediation import Dispute
from tests.conftest import GraphQLClient, World
from tests.test_corrections import activate, at, enroll, report

DASHBOARD = """query($unit: ID) {
  dashboard(orgUnitId: $unit) {
    activePersons overduePersons abscondedPersons checkInsLast30Days onTimeRateLast30Days
    openDisputes highRiskDisputes disputesResolvedLast30Days
    pendingLegalAidRequests legalAidDecisionsOverdue
  }
}"""
DAY = timedelta(days=1)


async def dashboard(gql: GraphQLClient, world: World, who: str, unit: str | None = None) -> Any:
    variables = {"unit": str(world.units[unit].id)} if unit else {}
    return (await gql.ok(DASHBOARD, variables, token=world.tokens[who]))["dashboard"]


async def test_empty_dashboard_has_no_on_time_rate(gql: GraphQLClient, world: World) -> None:
    figures = await dashboard(gql, world, "supervisor")
    assert figures["onTimeRateLast30Days"] is None
    assert figures["activePersons"] == 0


async def test_corrections_figures(gql: GraphQLClient, world: World) -> None:
    now = datetime.now(UTC)
    # Office A: one person reporting (one on time, one late, one rejected, one
    # older than 30 days), one overdue; office B: one on time; office X: one.
    busy = await enroll(world, when=now - 45 * DAY, seq=1)  # every 14 days
    me, _ = await activate(world, busy, "zhang.san", now - 45 * DAY)
    await report(me, now - 40 * DAY)  # outside the 30 days
    await report(me, now - 20 * DAY)  # late: due at -26, grace to -25
    await report(me, now - 15 * DAY)  # on time
    rejected = await report(me, now - 10 * DAY)
    await check_ins.review_check_in(
        at(world.call("officer_a"), now), rejected.id, CheckInStatus.REJECTED, "不实"
    )
    await report(me, now - 9 * DAY)  # on time (due -1 from -15), next due in 5 days
    await enroll(world, when=now - 20 * DAY, seq=2, level=SupervisionLevel.STRICT)  # overdue
    quiet = await enroll(world, "officer_b", unit="b", when=now - 2 * DAY, seq=3)
    await report(
        at(world.call("officer_b"), now),
        now,
        person_id=quiet.person.id,
        kind=CheckInKind.HOME_VISIT,
    )
    await enroll(world, "officer_x", unit="x", when=now - 20 * DAY, seq=4)
    # Absconded, its check-in long overdue too: counted once, as absconded
    # (neither active nor overdue), and it owes no report in the on-time rate.
    gone = await enroll(world, when=now - 20 * DAY, seq=5, level=SupervisionLevel.STRICT)
    await persons.set_supervision_status(
        at(world.call("officer_a"), now - 13 * DAY),
        gone.person.id,
        SupervisionStatus.ABSCONDED,
        "失联",
    )

    figures = await dashboard(gql, world, "supervisor")
    assert figures["activePersons"] == 3
    assert figures["overduePersons"] == 1
    assert figures["abscondedPersons"] == 1
    assert figures["checkInsLast30Days"] == 4  # the rejected one does not count
    # Due in the 30 days: the three reports of office A's first person (two
    # on time) and the second person's two missed periods (days -12 and -5);
    # the home visit in office B is no report, and nothing else falls due.
    assert figures["onTimeRateLast30Days"] == 2 / 5
    office_a = await dashboard(gql, world, "officer_a")
    assert (office_a["activePersons"], office_a["checkInsLast30Days"]) == (2, 3)
    assert office_a["onTimeRateLast30Days"] == 2 / 5
    assert await dashboard(gql, world, "supervisor", "b") == {
        **figures,
        "activePersons": 1,
        "overduePersons": 0,
        "abscondedPersons": 0,
        "checkInsLast30Days": 1,
        "onTimeRateLast30Days": None,
    }
    other = await dashboard(gql, world, "supervisor_x")
    assert (other["activePersons"], other["overduePersons"], other["abscondedPersons"]) == (1, 1, 0)
    admin = await dashboard(gql, world, "admin")
    assert admin["activePersons"] == 3


async def test_casework_figures(gql: GraphQLClient, world: World) -> None:
    now = datetime.now(UTC)
    author = world.users["mediator_a"]

    async def dispute(unit: str, status: DisputeStatus, risk: RiskLevel, **extra: Any) -> None:
        count = await Dispute.all().count()
        await Dispute.create(
            client_id=str(uuid.uuid4()),
            reference_number=f"调〔2026〕{count + 1}号",
            reference_year=2026,
            reference_seq=count + 1,
            title="邻里纠纷",
            category=DisputeCategory.NEIGHBOR,
            description="…",
            risk_level=risk,
            status=status,
            org_unit=world.units[unit],
            registered_by=author,
            registered_at=now - 40 * DAY,
            **extra,
        )

    async def request(unit: str, status: LegalAidStatus, due: datetime) -> None:
        count = await LegalAidRequest.all().count()
        await LegalAidRequest.create(
            client_id=str(uuid.uuid4()),
            reference_number=f"援〔2026〕{count + 1}号",
            reference_year=2026,
            reference_seq=count + 1,
            filed_by=world.users["staff"],
            applicant_name="王五",
            applicant_phone="13800138000",
            matter=LegalAidMatter.WAGE_ARREARS,
            description="…",
            household_size=3,
            monthly_household_income=Decimal("1200.00"),
            eligible=True,
            exempt=True,
            eligibility_reason="…",
            status=status,
            org_unit=world.units[unit],
            submitted_at=due - 7 * DAY,
            decision_due_at=due,
        )

    await dispute("committee_a", DisputeStatus.OPEN, RiskLevel.HIGH)
    await dispute("committee_a", DisputeStatus.MEDIATING, RiskLevel.LOW)
    await dispute("a", DisputeStatus.RESOLVED, RiskLevel.HIGH, resolved_at=now - 5 * DAY)
    await dispute("a", DisputeStatus.RESOLVED, RiskLevel.LOW, resolved_at=now - 31 * DAY)
    await dispute("committee_x", DisputeStatus.OPEN, RiskLevel.HIGH)
    await request("legal", LegalAidStatus.SUBMITTED, now - DAY)
    await request("legal", LegalAidStatus.SUBMITTED, now + 3 * DAY)
    await request("legal", LegalAidStatus.APPROVED, now - DAY)
    await request("legal_x", LegalAidStatus.SUBMITTED, now - DAY)

    admin = await dashboard(gql, world, "admin")
    assert {k: v for k, v in admin.items() if k not in {"onTimeRateLast30Days"}} == {
        "activePersons": 0,
        "overduePersons": 0,
        "abscondedPersons": 0,
        "checkInsLast30Days": 0,
        "openDisputes": 2,
        "highRiskDisputes": 1,
        "disputesResolvedLast30Days": 1,
        "pendingLegalAidRequests": 2,
        "legalAidDecisionsOverdue": 1,
    }
    office_a = await dashboard(gql, world, "officer_a")
    assert (office_a["openDisputes"], office_a["pendingLegalAidRequests"]) == (2, 0)
    committee = await dashboard(gql, world, "supervisor_bureau", "a")
    assert committee["openDisputes"] == 2
    # The correction centre's supervisor counts corrections only.
    centre = await dashboard(gql, world, "supervisor")
    assert (centre["openDisputes"], centre["pendingLegalAidRequests"]) == (0, 0)
    bureau = await dashboard(gql, world, "supervisor_bureau")
    assert (bureau["openDisputes"], bureau["pendingLegalAidRequests"]) == (2, 2)
    other = await dashboard(gql, world, "admin_x")
    assert (other["highRiskDisputes"], other["legalAidDecisionsOverdue"]) == (1, 1)


async def test_dashboard_scope(gql: GraphQLClient, world: World) -> None:
    ext = await gql.error(
        DASHBOARD, {"unit": str(world.units["x"].id)}, token=world.tokens["supervisor"]
    )
    assert ext["code"] == "NOT_FOUND"
    ext = await gql.error(
        DASHBOARD, {"unit": str(world.units["b"].id)}, token=world.tokens["officer_a"]
    )
    assert ext["code"] == "NOT_FOUND"
    for who in ("mediator_a", "staff", "applicant"):
        assert (await gql.error(DASHBOARD, token=world.tokens[who]))["code"] == "FORBIDDEN"
    assert (await gql.error(DASHBOARD))["code"] == "UNAUTHENTICATED"


LISTED = """query($unit: ID) { dashboard(orgUnitId: $unit) {
  personsListed disputesListed legalAidRequestsListed } }"""


async def test_a_figure_opens_a_list_only_where_the_list_holds_what_it_counts(
    gql: GraphQLClient, world: World
) -> None:
    async def listed(who: str, unit: str | None = None) -> tuple[bool, bool, bool]:
        variables = {"unit": str(world.units[unit].id)} if unit else {}
        d = (await gql.ok(LISTED, variables, token=world.tokens[who]))["dashboard"]
        return d["personsListed"], d["disputesListed"], d["legalAidRequestsListed"]

    # The correction centre's supervisor: the county's persons, no casework.
    assert await listed("supervisor") == (True, False, False)
    # An officer: its office's persons and disputes; legal aid is not its list.
    assert await listed("officer_a") == (True, True, False)
    # The administrator counts every area but reads no area's list.
    assert await listed("admin") == (False, False, False)
    # One unit's figures: the lists cannot be narrowed to it.
    assert await listed("supervisor", "a") == (False, False, False)
