"""Legal aid: submission, eligibility, standards, decisions, deadlines, scope, lists."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from api.domain.common.call import Call
from api.domain.common.errors import Conflict
from api.domain.legal_aid import decisions, eligibility, figures, requests
from api.models.enums import (
    ExemptionGround,
    HardshipArea,
    LegalAidMatter,
    LegalAidStatus,
    SpecialGroup,
)
from api.models.legal_aid import HardshipStandard, LegalAidRequest, LegalAidStatusChange
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World

SUBMIT = """mutation($i: LegalAidRequestInput!) {
  submitLegalAidRequest(input: $i) {
    id clientId referenceNumber applicantName applicantIdNumberMasked status
    submittedAt decisionDueAt urgent limitationDeadline monthlyHouseholdIncome
    eligibility { eligible exempt monthlyIncomePerCapita threshold reason }
    orgUnit { name } history { from to by { username } note }
  }
}"""
DECIDE = """mutation($id: ID!, $a: Boolean!, $r: String!) {
  decideLegalAidRequest(id: $id, approve: $a, reason: $r) {
    status decidedAt decisionReason assignmentDueAt history { from to by { username } note }
  }
}"""
ASSIGN = """mutation($id: ID!, $to: ID!) {
  assignLegalAidRequest(id: $id, assigneeId: $to) { status assignee { username } }
}"""
CLOSE = """mutation($id: ID!, $n: String!) { closeLegalAidRequest(id: $id, note: $n) { status } }"""
WITHDRAW = """mutation($id: ID!) { withdrawLegalAidRequest(id: $id) { status } }"""
REQUEST = """query($id: ID!) { legalAidRequest(id: $id) { id status } }"""
REQUESTS = """query($first: Int, $after: String, $f: LegalAidRequestFilter) {
  legalAidRequests(first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id urgent status } }
  }
}"""
STANDARD = """mutation($u: ID!, $m: Decimal!, $d: Date!) {
  setHardshipStandard(orgUnitId: $u, monthlyIncomePerCapita: $m, effectiveFrom: $d) {
    id monthlyIncomePerCapita effectiveFrom orgUnit { name }
  }
}"""
VALID_ID = "11010519491231002X"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def new_id() -> str:
    return str(uuid.uuid4())


def request_input(world: World, **changes: Any) -> dict[str, Any]:
    base = {
        "clientId": new_id(),
        "applicantName": "孙丽",
        "applicantPhone": "13900139000",
        "applicantIdNumber": VALID_ID,
        "matter": "MARRIAGE_FAMILY",
        "specialGroups": ["WOMAN"],
        "description": "离婚纠纷，需要律师代理。",
        "householdSize": 2,
        "monthlyHouseholdIncome": "3000.00",
        "orgUnitId": str(world.units["legal"].id),
    }
    return {**base, **changes}


def data_of(world: World, **changes: Any) -> requests.RequestInput:
    base = requests.RequestInput(
        client_id=new_id(),
        applicant_name="孙丽",
        applicant_phone="13900139000",
        applicant_id_number=None,
        matter=LegalAidMatter.OTHER_CIVIL,
        special_groups=[],
        description="合同纠纷",
        household_size=1,
        monthly_household_income=Decimal("1000.00"),
        org_unit_id=world.units["legal"].id,
    )
    return replace(base, **changes)


async def submit(
    world: World, who: str = "applicant", call: Call | None = None, **changes: Any
) -> LegalAidRequest:
    return await requests.submit_request(call or world.call(who), data_of(world, **changes))


async def set_standard(world: World, unit: str, amount: str, start: date) -> None:
    await eligibility.set_hardship_standard(
        world.call("admin"), world.units[unit].id, amount, start
    )


def at_local(y: int, m: int, d: int, hh: int = 12, mm: int = 0) -> datetime:
    """A moment given in Asia/Shanghai local time (UTC+8), as UTC."""
    return datetime(y, m, d, hh, mm, tzinfo=UTC) - timedelta(hours=8)


def call_at(world: World, who: str, now: datetime) -> Call:
    call = world.call(who)
    call.now = now
    return call


# ------------------------------------------------------------------ submission


async def test_submit_request(gql: GraphQLClient, world: World) -> None:
    await set_standard(world, "bureau", "1850.00", date(2020, 1, 1))
    data = await gql.ok(SUBMIT, {"i": request_input(world)}, token=world.tokens["applicant"])
    r = data["submitLegalAidRequest"]
    assert r["referenceNumber"].startswith("青山法援〔") and r["referenceNumber"].endswith("〕1号")
    assert r["status"] == "SUBMITTED"
    assert r["applicantIdNumberMasked"] == "110105********002X"
    assert VALID_ID not in str(data)
    assert r["monthlyHouseholdIncome"] == "3000.00"
    # 法律援助法 Art. 43: by the end of the 7th day after receipt (local time).
    submitted = datetime.fromisoformat(r["submittedAt"])
    local_day = requests.local_date(submitted, "Asia/Shanghai")
    due = datetime.fromisoformat(r["decisionDueAt"])
    assert requests.local_date(due - timedelta(microseconds=1), "Asia/Shanghai") == (
        local_day + timedelta(days=7)
    )
    assert due.astimezone(SHANGHAI).time() == time(0)
    assert r["eligibility"] == {
        "eligible": True,
        "exempt": False,
        "monthlyIncomePerCapita": "1500.00",
        "threshold": "1850.00",
        "reason": r["eligibility"]["reason"],
    }
    assert "1850.00" in r["eligibility"]["reason"] and "第三十四条" in r["eligibility"]["reason"]
    assert r["history"] == [
        {"from": None, "to": "SUBMITTED", "by": {"username": "applicant"}, "note": None}
    ]
    assert r["urgent"] is False and r["limitationDeadline"] is None
    stored = await LegalAidRequest.get(id=int(r["id"]))
    assert stored.applicant_id == world.users["applicant"].id
    assert stored.filed_by_id == world.users["applicant"].id
    assert stored.applicant_id_number == VALID_ID  # stored whole


async def test_submit_replay_and_conflict(gql: GraphQLClient, world: World) -> None:
    payload = request_input(world)
    first = await gql.ok(SUBMIT, {"i": payload}, token=world.tokens["applicant"])
    again = await gql.ok(
        SUBMIT, {"i": {**payload, "description": "改过"}}, token=world.tokens["applicant"]
    )
    assert again == first
    ext = await gql.error(SUBMIT, {"i": payload}, token=world.tokens["applicant2"])
    assert ext == {"code": "CONFLICT", "field": "clientId"}
    assert await LegalAidRequest.all().count() == 1
    assert await LegalAidStatusChange.all().count() == 1


async def test_concurrent_duplicates_store_one_request(world: World) -> None:
    client_id = new_id()
    results = await asyncio.gather(*(submit(world, client_id=client_id) for _ in range(20)))
    assert {r.id for r in results} == {results[0].id}
    assert await LegalAidRequest.filter(client_id=client_id).count() == 1
    assert await LegalAidStatusChange.all().count() == 1


async def test_staff_file_on_behalf(gql: GraphQLClient, world: World) -> None:
    data = await gql.ok(SUBMIT, {"i": request_input(world)}, token=world.tokens["staff"])
    stored = await LegalAidRequest.get(id=int(data["submitLegalAidRequest"]["id"]))
    assert stored.applicant_id is None
    assert stored.filed_by_id == world.users["staff"].id
    # No applicant account, so nobody to notify.
    assert await Notification.all().count() == 0
    ext = await gql.error(
        SUBMIT,
        {"i": request_input(world, orgUnitId=str(world.units["legal_x"].id))},
        token=world.tokens["staff"],
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "orgUnitId"}
    for who in ("lawyer", "officer_a", "mediator_a", "admin"):
        assert (await gql.error(SUBMIT, {"i": request_input(world)}, token=world.tokens[who]))[
            "code"
        ] == "FORBIDDEN"


async def test_submit_validates_input(gql: GraphQLClient, world: World) -> None:
    cases: dict[str, dict[str, Any]] = {
        "monthlyHouseholdIncome": {"monthlyHouseholdIncome": "-0.01"},
        "householdSize": {"householdSize": 0},
        "applicantIdNumber": {"applicantIdNumber": "110105194912310021"},
        "applicantPhone": {"applicantPhone": "010-12345678"},
        "applicantName": {"applicantName": ""},
        "orgUnitId": {"orgUnitId": str(world.units["a"].id)},
    }
    for field, change in cases.items():
        ext = await gql.error(
            SUBMIT, {"i": request_input(world, **change)}, token=world.tokens["applicant"]
        )
        assert ext == {"code": "BAD_USER_INPUT", "field": field}, field
    ext = await gql.error(
        SUBMIT,
        {"i": request_input(world, monthlyHouseholdIncome="1.001")},
        token=world.tokens["applicant"],
    )
    assert ext["field"] == "monthlyHouseholdIncome"
    assert await LegalAidRequest.all().count() == 0


async def test_legal_aid_centers(gql: GraphQLClient, world: World) -> None:
    query = "{ legalAidCenters { name kind } }"
    data = await gql.ok(query, token=world.tokens["applicant"])
    assert sorted(u["name"] for u in data["legalAidCenters"]) == [
        "白水县法律援助中心",
        "青山县法律援助中心",
    ]
    assert {u["kind"] for u in data["legalAidCenters"]} == {"LEGAL_AID_CENTER"}
    assert (await gql.error(query))["code"] == "UNAUTHENTICATED"


# ------------------------------------------------------------------ eligibility

G = ExemptionGround
EXEMPT_CASES = [
    # Art. 32(4): the applicant is a victim, whatever the matter (a support claim).
    (LegalAidMatter.FAMILY_SUPPORT, [], [G.ABUSE_VICTIM], "50000.00", "第三十二条"),
    (LegalAidMatter.DOMESTIC_VIOLENCE, [], [G.ABUSE_VICTIM], "50000.00", "第三十二条"),
    (LegalAidMatter.WAGE_ARREARS, [SpecialGroup.MIGRANT_WORKER], [], "50000.00", "第四十二条"),
    (LegalAidMatter.WORK_INJURY, [SpecialGroup.MIGRANT_WORKER], [], "50000.00", "第四十二条"),
    # Art. 42(1): no fixed income of the person's own, whatever the household earns.
    (LegalAidMatter.FAMILY_SUPPORT, [SpecialGroup.MINOR], [G.NO_FIXED_INCOME], "9000", "未成年人"),
    (LegalAidMatter.FAMILY_SUPPORT, [SpecialGroup.ELDERLY], [G.NO_FIXED_INCOME], "0", "老年人"),
    (LegalAidMatter.PERSONAL_INJURY, [SpecialGroup.DISABLED], [G.NO_FIXED_INCOME], "0", "残疾人"),
    # Art. 42(2): recipients of social or judicial assistance, 优抚对象.
    (LegalAidMatter.OTHER_CIVIL, [], [G.SUBSISTENCE_ALLOWANCE], "50000", "最低生活保障"),
    (LegalAidMatter.OTHER_CIVIL, [], [G.SPECIAL_HARDSHIP], "50000", "特困"),
    (LegalAidMatter.OTHER_CIVIL, [], [G.JUDICIAL_ASSISTANCE], "50000", "司法救助"),
    (LegalAidMatter.OTHER_CIVIL, [SpecialGroup.VETERAN], [G.ENTITLED_GROUP], "50000", "优抚对象"),
]


@pytest.mark.parametrize(("matter", "groups", "grounds", "income", "words"), EXEMPT_CASES)
async def test_exemption_grounds(
    world: World,
    matter: LegalAidMatter,
    groups: list[SpecialGroup],
    grounds: list[ExemptionGround],
    income: str,
    words: str,
) -> None:
    await set_standard(world, "bureau", "1850.00", date(2020, 1, 1))
    fields = {
        "matter": matter,
        "special_groups": groups,
        "exemption_grounds": grounds,
        "monthly_household_income": income,
    }
    r = await submit(world, exemption_evidence="证明材料一份", **fields)
    assert (r.eligible, r.exempt, r.threshold) == (True, True, None)
    assert words in r.eligibility_reason and "证明材料一份" in r.eligibility_reason
    # Art. 41: the applicant's personal pledge stands in for the evidence.
    pledged = await submit(world, pledge=True, **fields)
    assert pledged.exempt and "诚信承诺" in pledged.eligibility_reason
    # Neither evidence nor pledge: the ground is not applied, the means test is.
    bare = await submit(world, **fields)
    assert (bare.exempt, bare.threshold) == (False, Decimal("1850.00"))
    assert "未提供证明材料" in bare.eligibility_reason


async def test_domestic_violence_matter_alone_is_not_the_ground(world: World) -> None:
    """Art. 32(4) is about the applicant, not the matter: a matter of domestic
    violence with no victim claimed is means-tested."""
    await set_standard(world, "bureau", "1850.00", date(2020, 1, 1))
    r = await submit(
        world,
        matter=LegalAidMatter.DOMESTIC_VIOLENCE,
        monthly_household_income="50000",
        pledge=True,
    )
    assert (r.eligible, r.exempt) == (False, False)


async def test_urban_and_rural_standards(gql: GraphQLClient, world: World) -> None:
    """Art. 34: a standard has an urban and a rural amount; the request says which applies."""
    data = await gql.ok(
        """mutation($u: ID!) { setHardshipStandard(orgUnitId: $u, monthlyIncomePerCapita: "2000",
          ruralMonthlyIncomePerCapita: "1200", effectiveFrom: "2020-01-01") {
          monthlyIncomePerCapita ruralMonthlyIncomePerCapita } }""",
        {"u": str(world.units["bureau"].id)},
        token=world.tokens["admin"],
    )
    assert data["setHardshipStandard"] == {
        "monthlyIncomePerCapita": "2000.00",
        "ruralMonthlyIncomePerCapita": "1200.00",
    }
    # 1500 a head: under the urban standard, over the rural one.
    urban = await submit(world, monthly_household_income="1500")
    rural = await submit(world, monthly_household_income="1500", hardship_area=HardshipArea.RURAL)
    assert (urban.eligible, urban.threshold) == (True, Decimal("2000.00"))
    assert (rural.eligible, rural.threshold) == (False, Decimal("1200.00"))
    assert rural.hardship_area == HardshipArea.RURAL
    # At the rural amount exactly: eligible (不高于).
    edge = await submit(world, monthly_household_income="1200", hardship_area=HardshipArea.RURAL)
    assert edge.eligible


async def test_a_passed_limitation_deadline_is_taken_with_a_warning(
    gql: GraphQLClient, world: World
) -> None:
    data = await gql.ok(
        """mutation($i: LegalAidRequestInput!) { submitLegalAidRequest(input: $i) {
          status deadlinePassed urgent } }""",
        {"i": request_input(world, limitationDeadline="2000-01-01")},
        token=world.tokens["applicant"],
    )
    assert data["submitLegalAidRequest"] == {
        "status": "SUBMITTED",
        "deadlinePassed": True,
        "urgent": True,
    }
    today = requests.local_date(datetime.now(UTC), "Asia/Shanghai")
    on_time = await submit(world, limitation_deadline=today)
    assert not requests.deadline_passed(on_time, "Asia/Shanghai")
    late = await submit(world, limitation_deadline=today - timedelta(days=1))
    assert requests.deadline_passed(late, "Asia/Shanghai")


NOT_EXEMPT_CASES = [
    # A migrant worker, but not about wages or a work injury.
    (LegalAidMatter.OTHER_CIVIL, [SpecialGroup.MIGRANT_WORKER], "50000.00"),
    # Wages, but not a migrant worker.
    (LegalAidMatter.WAGE_ARREARS, [SpecialGroup.WOMAN], "50000.00"),
    # Elderly with an income: means-tested.
    (LegalAidMatter.FAMILY_SUPPORT, [SpecialGroup.ELDERLY], "50000.00"),
    (LegalAidMatter.FAMILY_SUPPORT, [SpecialGroup.VETERAN], "50000.00"),
]


@pytest.mark.parametrize(("matter", "groups", "income"), NOT_EXEMPT_CASES)
async def test_no_exemption(
    world: World, matter: LegalAidMatter, groups: list[SpecialGroup], income: str
) -> None:
    await set_standard(world, "bureau", "1850.00", date(2020, 1, 1))
    r = await submit(world, matter=matter, special_groups=groups, monthly_household_income=income)
    assert (r.eligible, r.exempt, r.threshold) == (False, False, Decimal("1850.00"))
    assert "高于" in r.eligibility_reason


async def test_means_test_boundary(world: World) -> None:
    await set_standard(world, "bureau", "1850.00", date(2020, 1, 1))
    cases = [
        (3, "5550.00", "1850.00", True),  # exactly at the standard
        (3, "5550.03", "1850.01", False),  # one fen above
        (3, "5550.01", "1850.00", True),  # 1850.0033 rounds down
        (2, "3700.01", "1850.01", False),  # 1850.005 rounds half up
        (2, "3700.00", "1850.00", True),
        (1, "0", "0.00", True),
    ]
    for size, income, per_capita, eligible in cases:
        r = await submit(world, household_size=size, monthly_household_income=income)
        assert r.income_per_capita == Decimal(per_capita), (size, income)
        assert r.eligible is eligible, (size, income)
        assert r.exempt is False


async def test_standard_in_force_on_the_local_submission_date(world: World) -> None:
    await set_standard(world, "bureau", "1850.00", date(2026, 1, 1))
    await set_standard(world, "bureau", "2000.00", date(2026, 7, 1))
    # 1900 per person: above the old standard, under the new one.
    before = call_at(world, "applicant", at_local(2026, 6, 30, 23, 59))
    after = call_at(world, "applicant", at_local(2026, 7, 1, 0, 0))
    assert after.now.astimezone(UTC).date() == date(2026, 6, 30)  # still June in UTC
    r1 = await submit(world, call=before, monthly_household_income="1900.00")
    r2 = await submit(world, call=after, monthly_household_income="1900.00")
    assert (r1.eligible, r1.threshold) == (False, Decimal("1850.00"))
    assert (r2.eligible, r2.threshold) == (True, Decimal("2000.00"))
    # Before any standard took effect: eligible pending review, and it says so.
    early = call_at(world, "applicant", at_local(2025, 12, 31))
    r0 = await submit(world, call=early, monthly_household_income="90000.00")
    assert (r0.eligible, r0.exempt, r0.threshold) == (True, False, None)
    assert "尚未设定" in r0.eligibility_reason
    # The stored outcome does not change when the standard does.
    await set_standard(world, "bureau", "1000.00", date(2026, 1, 1))
    assert (await LegalAidRequest.get(id=r2.id)).threshold == Decimal("2000.00")


async def test_the_nearest_unit_standard_wins(world: World) -> None:
    await set_standard(world, "bureau", "1850.00", date(2026, 1, 1))
    await set_standard(world, "legal", "1700.00", date(2026, 3, 1))
    call = call_at(world, "applicant", at_local(2026, 2, 1))
    assert (await submit(world, call=call)).threshold == Decimal("1850.00")
    call = call_at(world, "applicant", at_local(2026, 3, 1))
    assert (await submit(world, call=call)).threshold == Decimal("1700.00")
    # Another county has no standard at all.
    other = await submit(world, call=call, org_unit_id=world.units["legal_x"].id)
    assert other.threshold is None


async def test_set_hardship_standard(gql: GraphQLClient, world: World) -> None:
    variables = {"u": str(world.units["bureau"].id), "m": "1850.00", "d": "2026-01-01"}
    data = await gql.ok(STANDARD, variables, token=world.tokens["admin"])
    assert data["setHardshipStandard"]["monthlyIncomePerCapita"] == "1850.00"
    assert data["setHardshipStandard"]["orgUnit"]["name"] == "青山县司法局"
    # The same unit and date again corrects the amount.
    data2 = await gql.ok(STANDARD, {**variables, "m": "1900"}, token=world.tokens["admin"])
    assert data2["setHardshipStandard"]["id"] == data["setHardshipStandard"]["id"]
    assert data2["setHardshipStandard"]["monthlyIncomePerCapita"] == "1900.00"
    assert await HardshipStandard.all().count() == 1
    assert (await gql.error(STANDARD, variables, token=world.tokens["staff"]))[
        "code"
    ] == "FORBIDDEN"
    assert (await gql.error(STANDARD, variables, token=world.tokens["admin_x"]))[
        "code"
    ] == "NOT_FOUND"
    ext = await gql.error(STANDARD, {**variables, "m": "-5"}, token=world.tokens["admin"])
    assert ext == {"code": "BAD_USER_INPUT", "field": "monthlyIncomePerCapita"}


# ------------------------------------------------------------------ decisions


async def test_approve_assign_close(gql: GraphQLClient, world: World) -> None:
    await (
        world.users["applicant"]
        .__class__.filter(id=world.users["applicant"].id)
        .update(locale="en")
    )
    r = await submit(world)
    rid = str(r.id)
    data = await gql.ok(
        DECIDE, {"id": rid, "a": True, "r": "符合条件。"}, token=world.tokens["staff"]
    )
    d = data["decideLegalAidRequest"]
    assert d["status"] == "APPROVED" and d["decisionReason"] == "符合条件。"
    # Art. 43: assigned by the end of the 3rd day after the decision, local time.
    decided = datetime.fromisoformat(d["decidedAt"]).astimezone(SHANGHAI)
    due = datetime.fromisoformat(d["assignmentDueAt"]).astimezone(SHANGHAI)
    assert (due.date(), due.time()) == (decided.date() + timedelta(days=4), time(0))
    assert d["history"][-1] == {
        "from": "SUBMITTED",
        "to": "APPROVED",
        "by": {"username": "staff"},
        "note": "符合条件。",
    }
    notice = await Notification.get(kind="legal_aid.status", period="APPROVED")
    assert notice.recipient_id == world.users["applicant"].id
    assert notice.body == f"Your request {r.reference_number} is now approved."
    # Only a lawyer of the same centre.
    for who in ("lawyer_x", "staff", "officer_a"):
        ext = await gql.error(
            ASSIGN, {"id": rid, "to": str(world.users[who].id)}, token=world.tokens["staff"]
        )
        assert ext == {"code": "BAD_USER_INPUT", "field": "assigneeId"}, who
    data = await gql.ok(
        ASSIGN, {"id": rid, "to": str(world.users["lawyer"].id)}, token=world.tokens["staff"]
    )
    assert data["assignLegalAidRequest"] == {
        "status": "ASSIGNED",
        "assignee": {"username": "lawyer"},
    }
    assigned = await Notification.get(kind="legal_aid.assigned")
    assert assigned.recipient_id == world.users["lawyer"].id
    assert r.reference_number in assigned.body
    data = await gql.ok(CLOSE, {"id": rid, "n": "已结案。"}, token=world.tokens["lawyer"])
    assert data["closeLegalAidRequest"]["status"] == "CLOSED"
    history = await LegalAidStatusChange.filter(request_id=r.id).order_by("id")
    assert [(h.from_status, h.to_status) for h in history] == [
        (None, "SUBMITTED"),
        ("SUBMITTED", "APPROVED"),
        ("APPROVED", "ASSIGNED"),
        ("ASSIGNED", "CLOSED"),
    ]
    assert [h.by_id for h in history] == [
        world.users[u].id for u in ("applicant", "staff", "staff", "lawyer")
    ]
    kinds = await Notification.filter(recipient_id=world.users["applicant"].id).values_list(
        "period", flat=True
    )
    assert sorted(kinds) == ["APPROVED", "ASSIGNED", "CLOSED", "SUBMITTED"]


async def test_denial_states_reasons_and_the_right_to_object(
    gql: GraphQLClient, world: World
) -> None:
    r = await submit(world)
    ext = await gql.error(
        DECIDE, {"id": str(r.id), "a": False, "r": "  "}, token=world.tokens["staff"]
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "reason"}
    data = await gql.ok(
        DECIDE,
        {"id": str(r.id), "a": False, "r": "家庭收入高于标准。"},
        token=world.tokens["staff"],
    )
    d = data["decideLegalAidRequest"]
    assert d["status"] == "REJECTED" and d["assignmentDueAt"] is None
    reason = d["decisionReason"]
    assert reason.startswith("家庭收入高于标准。")
    assert "青山县司法局" in reason and "第四十九条" in reason and "异议" in reason
    assert d["history"][-1]["note"] == reason
    notice = await Notification.get(kind="legal_aid.status", period="REJECTED")
    assert "未批准" in notice.body


STATUSES = [s.value for s in LegalAidStatus]
# Each operation and the statuses it may start from.
OPERATIONS = {
    "approve": {"SUBMITTED"},
    "reject": {"SUBMITTED"},
    # Art. 43 ¶2: also while the materials are awaited.
    "withdraw": {"SUBMITTED", "INCOMPLETE"},
    "assign": {"APPROVED"},
    "close": {"ASSIGNED"},
}


async def test_transition_table(world: World) -> None:
    r = await submit(world)
    lawyer = world.users["lawyer"].id
    for operation, allowed_from in OPERATIONS.items():
        for before in STATUSES:
            await LegalAidRequest.filter(id=r.id).update(status=before, assignee_id=lawyer)
            work = {
                "approve": lambda: decisions.decide(world.call("staff"), r.id, True, "可以"),
                "reject": lambda: decisions.decide(world.call("staff"), r.id, False, "不可以"),
                "withdraw": lambda: decisions.withdraw(world.call("applicant"), r.id),
                "assign": lambda: decisions.assign(world.call("staff"), r.id, lawyer),
                "close": lambda: decisions.close(world.call("lawyer"), r.id, "结案"),
            }[operation]
            if before in allowed_from:
                await work()
            else:
                with pytest.raises(Conflict):
                    await work()
                assert (await LegalAidRequest.get(id=r.id)).status == before, (operation, before)


async def test_who_may_act(gql: GraphQLClient, world: World) -> None:
    r = await submit(world)
    rid = str(r.id)
    # Roles that never decide: FORBIDDEN; staff of another centre: NOT_FOUND.
    for who in ("applicant", "lawyer", "officer_a"):
        ext = await gql.error(DECIDE, {"id": rid, "a": True, "r": "x"}, token=world.tokens[who])
        assert ext["code"] == "FORBIDDEN", who
    ext = await gql.error(DECIDE, {"id": rid, "a": True, "r": "x"}, token=world.tokens["staff_x"])
    assert ext["code"] == "NOT_FOUND"
    assert (await gql.error(WITHDRAW, {"id": rid}, token=world.tokens["applicant2"]))[
        "code"
    ] == "NOT_FOUND"
    assert (await gql.error(WITHDRAW, {"id": rid}, token=world.tokens["staff"]))[
        "code"
    ] == "FORBIDDEN"
    data = await gql.ok(WITHDRAW, {"id": rid}, token=world.tokens["applicant"])
    assert data["withdrawLegalAidRequest"]["status"] == "WITHDRAWN"
    # Closing: the assignee or staff, not another lawyer.
    r2 = await submit(world)
    await decisions.decide(world.call("staff"), r2.id, True, "可以")
    await decisions.assign(world.call("staff"), r2.id, world.users["lawyer"].id)
    ext = await gql.error(CLOSE, {"id": str(r2.id), "n": "x"}, token=world.tokens["lawyer_x"])
    assert ext["code"] == "NOT_FOUND"
    await gql.ok(CLOSE, {"id": str(r2.id), "n": "结案"}, token=world.tokens["staff"])


async def test_every_role_sees_its_scope(gql: GraphQLClient, world: World) -> None:
    mine = await submit(world, "applicant")
    theirs = await submit(world, "applicant2")
    on_behalf = await submit(world, "staff")
    other_county = await submit(world, "applicant", org_unit_id=world.units["legal_x"].id)
    await decisions.decide(world.call("staff"), theirs.id, True, "可以")
    await decisions.assign(world.call("staff"), theirs.id, world.users["lawyer"].id)
    expected = {
        "applicant": {mine.id, other_county.id},
        "applicant2": {theirs.id},
        "staff": {mine.id, theirs.id, on_behalf.id},
        "lawyer": {theirs.id},
        "staff_x": {other_county.id},
        "lawyer_x": set(),
        "officer_a": set(),
        "mediator_a": set(),
        "supervisor": set(),
        "admin": set(),
    }
    every = {mine.id, theirs.id, on_behalf.id, other_county.id}
    for who, ids in expected.items():
        data = await gql.ok(REQUESTS, {"first": 100}, token=world.tokens[who])
        assert {int(e["node"]["id"]) for e in data["legalAidRequests"]["edges"]} == ids, who
        assert data["legalAidRequests"]["totalCount"] == len(ids)
        for request_id in every:
            body = await gql(REQUEST, {"id": str(request_id)}, token=world.tokens[who])
            if request_id in ids:
                assert body["data"]["legalAidRequest"]["id"] == str(request_id)
            else:
                assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", (who, request_id)


# ------------------------------------------------------------------ urgency and order


async def test_urgent_and_overdue_list_first(gql: GraphQLClient, world: World) -> None:
    now = datetime.now(UTC)
    today = requests.local_date(now, world.settings.timezone)
    plain = await submit(world)
    urgent = await submit(world, limitation_deadline=today + timedelta(days=6))
    not_urgent = await submit(world, limitation_deadline=today + timedelta(days=7))
    overdue = await submit(world)
    urgent_but_done = await submit(world, limitation_deadline=today + timedelta(days=1))
    newest = await submit(world)
    await LegalAidRequest.filter(id=overdue.id).update(decision_due_at=now - timedelta(minutes=1))
    await LegalAidRequest.filter(id=urgent_but_done.id).update(status=LegalAidStatus.WITHDRAWN)
    order = [urgent.id, overdue.id, newest.id, urgent_but_done.id, not_urgent.id, plain.id]
    seen: list[int] = []
    flags: dict[int, bool] = {}
    after = None
    while True:
        data = await gql.ok(REQUESTS, {"first": 4, "after": after}, token=world.tokens["staff"])
        conn = data["legalAidRequests"]
        assert conn["totalCount"] == 6
        for e in conn["edges"]:
            seen.append(int(e["node"]["id"]))
            flags[int(e["node"]["id"])] = e["node"]["urgent"]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert seen == order
    assert [i for i, u in flags.items() if u] == [urgent.id]
    data = await gql.ok(REQUESTS, {"f": {"decisionOverdue": True}}, token=world.tokens["staff"])
    assert [int(e["node"]["id"]) for e in data["legalAidRequests"]["edges"]] == [overdue.id]
    data = await gql.ok(REQUESTS, {"f": {"status": "WITHDRAWN"}}, token=world.tokens["staff"])
    assert [int(e["node"]["id"]) for e in data["legalAidRequests"]["edges"]] == [urgent_but_done.id]
    data = await gql.ok(
        REQUESTS, {"f": {"search": newest.reference_number}}, token=world.tokens["staff"]
    )
    assert [int(e["node"]["id"]) for e in data["legalAidRequests"]["edges"]] == [newest.id]


LIST_EVERYTHING = """query($first: Int) { legalAidRequests(first: $first) {
  totalCount edges { node {
    id urgent decisionOverdue eligibility { reason } orgUnit { name parent { name } }
    assignee { username orgUnit { name } } history { from to by { username } }
  } } } }"""


async def test_query_count_does_not_grow_with_page_size(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    for i in range(50):
        r = await submit(world, "staff")
        if i % 2:
            await decisions.decide(world.call("staff"), r.id, True, "可以")
            await decisions.assign(world.call("staff"), r.id, world.users["lawyer"].id)
    # The session's last-seen time is touched at most once a while: touched
    # now, it is not counted in either page (writing 50 decisions takes time).
    await gql.ok("{ viewer { id } }", token=world.tokens["staff"])
    counts = {}
    for size in (1, 50):
        with count_queries() as counter:
            data = await gql.ok(LIST_EVERYTHING, {"first": size}, token=world.tokens["staff"])
        assert len(data["legalAidRequests"]["edges"]) == size
        counts[size] = counter.count
    assert counts[1] == counts[50], counts
    print(f"legalAidRequests query count: {counts}")


async def test_dashboard_figures(world: World) -> None:
    now = datetime.now(UTC)
    await submit(world)
    overdue = await submit(world)
    decided = await submit(world)
    await submit(world, org_unit_id=world.units["legal_x"].id)
    await LegalAidRequest.filter(id=overdue.id).update(decision_due_at=now - timedelta(hours=1))
    await decisions.decide(world.call("staff"), decided.id, True, "可以")
    units = [world.units[k].id for k in ("bureau", "legal", "center")]
    assert await figures.dashboard_figures(units, now) == figures.LegalAidFigures(
        pending_requests=2, decisions_overdue=1
    )
    assert await figures.dashboard_figures(
        [world.units["legal_x"].id], now
    ) == figures.LegalAidFigures(pending_requests=1, decisions_overdue=0)
    assert await figures.dashboard_figures([], now) == figures.LegalAidFigures(0, 0)


async def test_seed_demo_is_idempotent(db: Any) -> None:
    from api.domain.seeding import seed_demo
    from api.models.mediation import Dispute, MediationVisit

    call = Call(settings=db)
    assert await seed_demo(call) is True
    counts = (
        await Dispute.all().count(),
        await MediationVisit.all().count(),
        await LegalAidRequest.all().count(),
        await HardshipStandard.all().count(),
    )
    assert counts == (2, 1, 2, 1)
    assert await seed_demo(call) is False
    assert (
        await Dispute.all().count(),
        await MediationVisit.all().count(),
        await LegalAidRequest.all().count(),
        await HardshipStandard.all().count(),
    ) == counts
    statuses = sorted(await LegalAidRequest.all().values_list("status", flat=True))
    assert statuses == ["APPROVED", "SUBMITTED"]


async def test_staff_see_the_lawyers_of_their_centre(gql: GraphQLClient, world: World) -> None:
    query = "{ assignableLawyers { username role } }"
    data = await gql.ok(query, token=world.tokens["staff"])
    assert data["assignableLawyers"] == [{"username": "lawyer", "role": "LAWYER"}]
    other = await gql.ok(query, token=world.tokens["staff_x"])
    assert other["assignableLawyers"] == [{"username": "lawyer_x", "role": "LAWYER"}]
    for who in ("lawyer", "applicant", "officer_a"):
        assert (await gql.error(query, token=world.tokens[who]))["code"] == "FORBIDDEN"
