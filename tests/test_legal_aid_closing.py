"""Ended cases: closing materials within the period (法律援助法 Art. 50), the
subsidy from the dated table (Art. 52), return calls and file reviews (Art. 59)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from api.domain.common import periods
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.legal_aid import closing, decisions, quality, subsidies
from api.domain.notices import reminders
from api.models.enums import LegalAidStatus
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_closing import FileGrade, SubsidyCaseType, SubsidyStage
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.test_legal_aid import submit

CIVIL, FIRST = SubsidyCaseType.CIVIL, SubsidyStage.FIRST_INSTANCE
CLOSINGS = """query($first: Int, $f: CaseClosingFilter) {
  legalAidClosings(first: $first, filter: $f) {
    totalCount edges { node { requestId referenceNumber endedOn materialsDueOn materialsOverdue
      assignee { displayName } subsidy { amount status } returnCalls { satisfaction }
      fileReviews { grade } } }
  }
}"""
CLOSING = """query($id: ID!) {
  legalAidClosing(requestId: $id) { endedOn materialsLate subsidy { amount tableEffectiveFrom } }
}"""


def at_day(day: date, hour: int = 12) -> datetime:
    """Noon of a day in China, as UTC."""
    return periods.start_of(day).astimezone(UTC) + timedelta(hours=hour)


def call_on(world: World, who: str, day: date, hour: int = 12) -> Call:
    call = world.call(who)
    call.now = at_day(day, hour)
    return call


async def assigned(world: World, submitted_on: date | None = None) -> LegalAidRequest:
    call = call_on(world, "staff", submitted_on or today(), hour=8)
    request = await submit(world, "staff", call=call)
    await decisions.decide(world.call("staff"), request.id, True, "符合条件")
    return await decisions.assign(world.call("staff"), request.id, world.users["lawyer"].id)


def today() -> date:
    return periods.local_day(datetime.now(UTC))


async def ended(world: World, ended_on: date | None = None) -> LegalAidRequest:
    request = await assigned(world, ended_on)
    await closing.record_case_end(
        world.call("lawyer"), request.id, ended_on or today(), "一审判决生效"
    )
    return request


# ------------------------------------------------------------------ closing materials


async def test_materials_on_day_30_on_time_day_31_late(world: World) -> None:
    end = today()
    on_time, late = await ended(world, end), await ended(world, end)
    c = await closing.closing_in_scope(await closing.closing_scope(world.call("staff")), on_time.id)
    assert c is not None and c.materials_due_on == end + timedelta(days=30)
    # The last hour of day 30 is on time; the first minute of day 31 is late.
    done = await closing.submit_closing_materials(
        call_on(world, "lawyer", end + timedelta(days=30), hour=23),
        on_time.id,
        "判决书副本、结案报告",
    )
    assert done.materials_late is False
    done = await closing.submit_closing_materials(
        call_on(world, "lawyer", end + timedelta(days=31), hour=0), late.id, "判决书副本、结案报告"
    )
    assert done.materials_late is True
    # Both closed the request.
    for r in (on_time, late):
        assert (await LegalAidRequest.get(id=r.id)).status == LegalAidStatus.CLOSED
    with pytest.raises(Conflict):
        await closing.submit_closing_materials(world.call("lawyer"), late.id, "again")


async def test_closing_period_is_a_dated_table(world: World) -> None:
    end = today()
    await closing.set_closing_period(world.call("admin"), world.units["bureau"].id, 15, end)
    request = await ended(world, end)
    c = await closing.closing_in_scope(await closing.closing_scope(world.call("staff")), request.id)
    assert c is not None and c.materials_due_on == end + timedelta(days=15)
    # Where no unit above set it: 30 days.
    assert await closing.closing_days(world.units["legal_x"], end) == 30


async def test_case_end_rules(world: World) -> None:
    request = await assigned(world)
    with pytest.raises(BadInput) as e:
        await closing.record_case_end(
            world.call("lawyer"), request.id, today() + timedelta(days=1), "x"
        )
    assert e.value.reason == "CASE_END_FUTURE"
    with pytest.raises(BadInput):
        await closing.record_case_end(
            world.call("lawyer"), request.id, today() - timedelta(days=3), "x"
        )
    for who in ("lawyer_x", "staff_x"):
        with pytest.raises(NotFound):
            await closing.record_case_end(world.call(who), request.id, today(), "x")
    with pytest.raises(Forbidden):
        await closing.record_case_end(world.call("applicant"), request.id, today(), "x")
    # Not yet assigned: no end.
    pending = await submit(world, "staff")
    with pytest.raises(Conflict):
        await closing.record_case_end(world.call("staff"), pending.id, today(), "x")
    await closing.record_case_end(world.call("staff"), request.id, today(), "调解结案")
    with pytest.raises(Conflict):
        await closing.record_case_end(world.call("lawyer"), request.id, today(), "again")


async def test_overdue_flagged_and_reminded(gql: GraphQLClient, world: World) -> None:
    end = today()
    request = await ended(world, end)
    soon = call_on(world, "admin", end + timedelta(days=28))
    assert await closing.closings_due_soon(soon) == 1
    assert await closing.closings_overdue(soon) == 0
    late = call_on(world, "admin", end + timedelta(days=31), hour=9)
    counts = await reminders.queue_due_reminders(late)
    assert counts["closings_overdue"] == 2  # the lawyer and the centre's staff
    kinds = set(await Notification.filter(subject_id=request.id).values_list("kind", flat=True))
    assert {"legal_aid.closing_due", "legal_aid.closing_overdue"} <= kinds
    # Once per period however often the scheduler looks.
    assert await closing.closings_overdue(late) == 0
    # Day 30 is not overdue yet; the list marks it after.
    day30 = await closing.list_closings(
        call_on(world, "staff", end + timedelta(days=30)), limit=10, after=None, overdue=True
    )
    assert day30.rows == []
    day31 = await closing.list_closings(
        call_on(world, "staff", end + timedelta(days=31)), limit=10, after=None, overdue=True
    )
    assert [c.request_id for c in day31.rows] == [request.id]


# ------------------------------------------------------------------ subsidies


async def test_subsidy_from_the_table_in_force_on_the_case_date(world: World) -> None:
    end = today() - timedelta(days=1)
    admin = world.call("admin")
    await subsidies.set_subsidy_standard(
        admin,
        world.units["bureau"].id,
        date(2020, 1, 1),
        [
            subsidies.Rate(CIVIL, FIRST, Decimal("2000.00")),
            subsidies.Rate(CIVIL, SubsidyStage.SECOND_INSTANCE, Decimal("1500")),
        ],
    )
    earlier = await ended(world, end)
    later = await ended(world, today())
    # A new table from today: it does not change the case that ended yesterday.
    await subsidies.set_subsidy_standard(
        admin, world.units["bureau"].id, today(), [subsidies.Rate(CIVIL, FIRST, Decimal("3000"))]
    )
    for r in (earlier, later):
        await closing.submit_closing_materials(world.call("lawyer"), r.id, "材料")
    staff = world.call("staff")
    a = await subsidies.compute_subsidy(staff, earlier.id, CIVIL, FIRST)
    assert a.subsidy_amount == Decimal("2000.00") and a.subsidy_table_from == date(2020, 1, 1)
    b = await subsidies.compute_subsidy(staff, later.id, CIVIL, FIRST)
    assert b.subsidy_amount == Decimal("3000.00") and b.subsidy_table_from == today()
    # The new table has no second instance: none for the later case.
    with pytest.raises(BadInput) as e:
        await subsidies.compute_subsidy(staff, later.id, CIVIL, SubsidyStage.SECOND_INSTANCE)
    assert e.value.reason == "SUBSIDY_RATE_MISSING"
    assert (
        await closing.closing_in_scope(await closing.closing_scope(staff), later.id)
    ).subsidy_amount == Decimal("3000.00")  # type: ignore[union-attr]


async def test_subsidy_approved_then_paid(world: World) -> None:
    await subsidies.set_subsidy_standard(
        world.call("admin"),
        world.units["bureau"].id,
        date(2020, 1, 1),
        [subsidies.Rate(CIVIL, FIRST, Decimal("2000"))],
    )
    request = await ended(world)
    staff = world.call("staff")
    with pytest.raises(Conflict):  # the materials first
        await subsidies.compute_subsidy(staff, request.id, CIVIL, FIRST)
    await closing.submit_closing_materials(world.call("lawyer"), request.id, "材料")
    with pytest.raises(Conflict):
        await subsidies.approve_subsidy(staff, request.id)
    # The lawyer computes nothing for itself.
    with pytest.raises(Forbidden):
        await subsidies.compute_subsidy(world.call("lawyer"), request.id, CIVIL, FIRST)
    await subsidies.compute_subsidy(staff, request.id, CIVIL, FIRST)
    with pytest.raises(Conflict):
        await subsidies.record_subsidy_paid(staff, request.id, "PAY-1")
    await subsidies.approve_subsidy(staff, request.id)
    with pytest.raises(Conflict):  # approved: no recomputing
        await subsidies.compute_subsidy(staff, request.id, CIVIL, SubsidyStage.FIRST_INSTANCE)
    with pytest.raises(NotFound):
        await subsidies.record_subsidy_paid(world.call("staff_x"), request.id, "PAY-1")
    paid = await subsidies.record_subsidy_paid(staff, request.id, "财付2026-001")
    assert paid.subsidy_status == "PAID" and paid.subsidy_payment_reference == "财付2026-001"


async def test_subsidy_table_input(world: World) -> None:
    admin = world.call("admin")
    unit = world.units["bureau"].id
    with pytest.raises(BadInput):
        await subsidies.set_subsidy_standard(admin, unit, date(2020, 1, 1), [])
    with pytest.raises(BadInput):
        await subsidies.set_subsidy_standard(
            admin, unit, date(2020, 1, 1), [subsidies.Rate(CIVIL, FIRST, Decimal("0"))]
        )
    with pytest.raises(BadInput):
        await subsidies.set_subsidy_standard(
            admin,
            unit,
            date(2020, 1, 1),
            [
                subsidies.Rate(CIVIL, FIRST, Decimal("1")),
                subsidies.Rate(CIVIL, FIRST, Decimal("2")),
            ],
        )
    with pytest.raises(NotFound):
        await subsidies.set_subsidy_standard(
            admin,
            world.units["bureau_x"].id,
            date(2020, 1, 1),
            [subsidies.Rate(CIVIL, FIRST, Decimal("1"))],
        )
    with pytest.raises(Forbidden):
        await subsidies.set_subsidy_standard(
            world.call("staff"),
            unit,
            date(2020, 1, 1),
            [subsidies.Rate(CIVIL, FIRST, Decimal("1"))],
        )


# ------------------------------------------------------------------ quality


async def closed(world: World) -> LegalAidRequest:
    request = await ended(world)
    await closing.submit_closing_materials(world.call("lawyer"), request.id, "材料")
    return request


async def test_return_call_after_closing_with_a_score(world: World) -> None:
    open_case = await ended(world)
    with pytest.raises(Conflict) as e:
        await quality.record_return_call(
            world.call("staff"), open_case.id, reached=True, satisfaction=5, note=None
        )
    assert e.value.reason == "CASE_NOT_CLOSED"
    request = await closed(world)
    for score in (0, 6):
        with pytest.raises(BadInput):
            await quality.record_return_call(
                world.call("staff"), request.id, reached=True, satisfaction=score, note=None
            )
    with pytest.raises(BadInput):
        await quality.record_return_call(
            world.call("staff"), request.id, reached=True, satisfaction=None, note=None
        )
    with pytest.raises(BadInput):
        await quality.record_return_call(
            world.call("staff"), request.id, reached=False, satisfaction=3, note=None
        )
    # Not the lawyer's own call to make.
    with pytest.raises(Forbidden):
        await quality.record_return_call(
            world.call("lawyer"), request.id, reached=True, satisfaction=5, note=None
        )
    for score in (1, 5):
        row = await quality.record_return_call(
            world.call("staff"), request.id, reached=True, satisfaction=score, note="满意"
        )
        assert row.satisfaction == score
    await quality.record_return_call(
        world.call("staff"), request.id, reached=False, satisfaction=None, note="无人接听"
    )


async def test_quality_figures_per_assignee(gql: GraphQLClient, world: World) -> None:
    a, b = await closed(world), await closed(world)
    staff = world.call("staff")
    await quality.record_return_call(staff, a.id, reached=True, satisfaction=5, note=None)
    await quality.record_return_call(staff, b.id, reached=True, satisfaction=4, note=None)
    await quality.record_return_call(staff, b.id, reached=False, satisfaction=None, note=None)
    await quality.record_file_review(staff, a.id, FileGrade.EXCELLENT, None)
    await quality.record_file_review(staff, b.id, FileGrade.FAIL, "缺少判决书")
    rows = await quality.quality_figures(staff, since=None, until=None)
    assert len(rows) == 1
    r = rows[0]
    assert r.assignee_id == world.users["lawyer"].id
    assert (r.closed, r.closed_late, r.return_calls, r.reached) == (2, 0, 3, 2)
    assert r.average_satisfaction == Decimal("4.50")
    assert (r.file_reviews, r.failed_reviews) == (2, 1)
    assert await quality.quality_figures(world.call("staff_x"), since=None, until=None) == []
    bureau = await quality.quality_figures(world.call("supervisor_bureau"), since=None, until=None)
    assert [x.closed for x in bureau] == [2]
    # A period before the cases: nothing.
    old = await quality.quality_figures(staff, since=date(2020, 1, 1), until=date(2020, 12, 31))
    assert old == []
    with pytest.raises(Forbidden):
        await quality.quality_figures(world.call("lawyer"), since=None, until=None)


# ------------------------------------------------------------------ the list


async def test_closings_scope(gql: GraphQLClient, world: World) -> None:
    request = await ended(world)
    for who, n in {
        "staff": 1,
        "lawyer": 1,
        "supervisor_bureau": 1,
        "staff_x": 0,
        "lawyer_x": 0,
        "supervisor_bureau_x": 0,
        "applicant": 0,
        "officer_a": 0,
    }.items():
        data = await gql.ok(CLOSINGS, token=world.tokens[who])
        assert data["legalAidClosings"]["totalCount"] == n, who
        if n:
            one = await gql.ok(CLOSING, {"id": str(request.id)}, token=world.tokens[who])
            assert one["legalAidClosing"]["endedOn"] == today().isoformat()
        else:
            body = await gql(CLOSING, {"id": str(request.id)}, token=world.tokens[who])
            assert body.get("errors") or body["data"]["legalAidClosing"] is None, who


async def test_closings_query_count_is_flat(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    await subsidies.set_subsidy_standard(
        world.call("admin"),
        world.units["bureau"].id,
        date(2020, 1, 1),
        [subsidies.Rate(CIVIL, FIRST, Decimal("2000"))],
    )
    counts = {}
    made = 0
    for size in (2, 20):
        while made < size:
            r = await closed(world)
            await subsidies.compute_subsidy(world.call("staff"), r.id, CIVIL, FIRST)
            await quality.record_return_call(
                world.call("staff"), r.id, reached=True, satisfaction=4, note=None
            )
            await quality.record_file_review(world.call("staff"), r.id, FileGrade.GOOD, None)
            made += 1
        with count_queries() as counter:
            data = await gql.ok(CLOSINGS, {"first": size}, token=world.tokens["staff"])
        assert len(data["legalAidClosings"]["edges"]) == size
        counts[size] = counter.count
    assert counts[2] == counts[20], counts
