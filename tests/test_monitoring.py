"""Electronic positioning (社区矫正法 Art. 29): the register's rules at their
boundaries, who may record and read it, the expiry reminder."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.corrections import monitoring
from api.models.audit import AuditEntry
from api.models.enums import MonitoringGround
from api.models.monitoring import ElectronicMonitoring, MonitoringRenewal
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.test_corrections import activate, at, enroll

CHINA = ZoneInfo("Asia/Shanghai")


def on(day: date, hour: int = 10) -> datetime:
    """A moment of that day in China: the register's dates are the office's days."""
    return datetime.combine(day, time(hour), tzinfo=CHINA)


def approval(world: World, who: str = "supervisor_bureau", **changes: Any) -> monitoring.Approval:
    values: dict[str, Any] = {
        "approver_id": world.users[who].id,
        "approved_on": date(2026, 3, 9),
        "document": "青司电定〔2026〕1号",
    }
    values.update(changes)
    return monitoring.Approval(**values)


async def start(
    world: World,
    person_id: int,
    *,
    who: str = "officer_a",
    today: date = date(2026, 3, 10),
    starts_on: date = date(2026, 3, 10),
    ends_on: date = date(2026, 6, 10),
    given: monitoring.Approval | None = None,
) -> ElectronicMonitoring:
    return await monitoring.start(
        at(world.call(who), on(today)),
        person_id,
        ground=MonitoringGround.LEFT_AREA_WITHOUT_APPROVAL,
        facts="未经批准离开所居住的县三日",
        starts_on=starts_on,
        ends_on=ends_on,
        approval=given or approval(world),
    )


async def renew(
    world: World,
    monitoring_id: int,
    ends_on: date,
    *,
    today: date = date(2026, 6, 5),
    given: monitoring.Approval | None = None,
    who: str = "officer_a",
) -> ElectronicMonitoring:
    return await monitoring.renew(
        at(world.call(who), on(today)),
        monitoring_id,
        ends_on=ends_on,
        assessment="评估认为仍有必要继续使用",
        approval=given or approval(world, approved_on=date(2026, 6, 4)),
    )


def test_months_run_to_the_same_day_or_the_months_last() -> None:
    assert monitoring.latest_end(date(2026, 3, 10)) == date(2026, 6, 10)
    assert monitoring.latest_end(date(2025, 11, 30)) == date(2026, 2, 28)
    assert monitoring.latest_end(date(2027, 11, 30)) == date(2028, 2, 29)
    assert monitoring.latest_end(date(2026, 10, 31)) == date(2027, 1, 31)


async def test_three_months_is_allowed_and_a_day_more_refused(world: World) -> None:
    """法 Art. 29 ¶2: 期限不得超过三个月."""
    person = (await enroll(world)).person
    with pytest.raises(BadInput) as long:
        await start(world, person.id, ends_on=date(2026, 6, 11))
    assert long.value.field == "endsOn"
    assert long.value.reason == "MONITORING_TOO_LONG"
    assert long.value.params == {"months": 3, "latest": "2026-06-10"}
    assert await ElectronicMonitoring.all().count() == 0
    row = await start(world, person.id, ends_on=date(2026, 6, 10))
    assert (row.starts_on, row.ends_on) == (date(2026, 3, 10), date(2026, 6, 10))
    assert row.approved_by_id == world.users["supervisor_bureau"].id
    entry = await AuditEntry.get(action="monitoring.start")
    assert entry.summary["ground"] == "LEFT_AREA_WITHOUT_APPROVAL"
    # One decision in force at a time.
    with pytest.raises(Conflict):
        await start(world, person.id)


async def test_each_renewal_at_most_three_months_and_never_without_approval(
    world: World,
) -> None:
    person = (await enroll(world)).person
    row = await start(world, person.id)
    for missing in (
        {"approver_id": None},
        {"approved_on": None},
        {"document": "  "},
    ):
        with pytest.raises(BadInput) as refused:
            await renew(world, row.id, date(2026, 9, 10), given=approval(world, **missing))
        assert refused.value.reason == "MONITORING_NEEDS_APPROVAL"
    with pytest.raises(BadInput) as long:
        await renew(world, row.id, date(2026, 9, 11))
    assert long.value.params["latest"] == "2026-09-10"
    with pytest.raises(BadInput):  # not later than the current last day
        await renew(world, row.id, date(2026, 6, 10))
    # A refused renewal changed nothing.
    assert (await ElectronicMonitoring.get(id=row.id)).ends_on == date(2026, 6, 10)
    assert await MonitoringRenewal.all().count() == 0
    renewed = await renew(world, row.id, date(2026, 9, 10))
    assert renewed.ends_on == date(2026, 9, 10)
    second = await renew(world, row.id, date(2026, 12, 10), today=date(2026, 9, 1))
    assert second.ends_on == date(2026, 12, 10)
    renewals = await MonitoringRenewal.filter(monitoring_id=row.id).order_by("id")
    assert [(r.previous_ends_on, r.ends_on) for r in renewals] == [
        (date(2026, 6, 10), date(2026, 9, 10)),
        (date(2026, 9, 10), date(2026, 12, 10)),
    ]
    # Past the term's end (2027-01-01) is refused whatever the months.
    with pytest.raises(BadInput) as past:
        await renew(world, row.id, date(2027, 1, 2), today=date(2026, 12, 5))
    assert past.value.reason == "MONITORING_AFTER_TERM"


async def test_the_approver_is_the_county_bureaus_head(world: World) -> None:
    """法 Art. 29 ¶1: 经县级司法行政部门负责人批准: a SUPERVISOR of the county
    bureau above the office; not the centre's, not an officer, not another county's."""
    person = (await enroll(world)).person
    for who in ("supervisor", "officer_a", "supervisor_bureau_x", "admin"):
        with pytest.raises(BadInput) as refused:
            await start(world, person.id, given=approval(world, who))
        assert refused.value.reason == "MONITORING_APPROVER_NOT_COUNTY_HEAD"
    with pytest.raises(BadInput):  # started before it was approved
        await start(world, person.id, starts_on=date(2026, 3, 8))
    approvers = await monitoring.approvers(world.call("officer_a"), person.id)
    assert [u.username for u in approvers] == ["supervisor_bureau"]


async def test_renewal_of_an_expired_or_ended_decision_is_refused(world: World) -> None:
    person = (await enroll(world)).person
    row = await start(world, person.id)
    with pytest.raises(Conflict):  # ran out on 10 June, renewed on the 11th
        await renew(world, row.id, date(2026, 9, 10), today=date(2026, 6, 11))
    ended = await monitoring.end(
        at(world.call("officer_a"), on(date(2026, 5, 1))),
        row.id,
        ended_on=date(2026, 5, 1),
        reason="不需要继续使用",
    )
    assert monitoring.state_of(ended, date(2026, 5, 2)) is monitoring.MonitoringState.ENDED
    with pytest.raises(Conflict):
        await renew(world, row.id, date(2026, 9, 10), today=date(2026, 5, 2))
    with pytest.raises(Conflict):
        await monitoring.end(
            at(world.call("officer_a"), on(date(2026, 5, 2))),
            row.id,
            ended_on=date(2026, 5, 2),
            reason="again",
        )


@pytest.mark.parametrize(("days_left", "reminded"), [(7, True), (8, False), (0, True)])
async def test_the_officer_is_reminded_seven_days_before_the_end(
    world: World, days_left: int, reminded: bool
) -> None:
    person = (await enroll(world, officer="officer_a")).person
    row = await start(world, person.id)
    today = date.fromordinal(row.ends_on.toordinal() - days_left)
    call = at(Call(settings=world.settings), on(today))
    assert await monitoring.remind_expiring(call) == (1 if reminded else 0)
    assert await monitoring.remind_expiring(call) == 0  # once per last day
    notices = await Notification.filter(kind="monitoring.expiring")
    assert [n.recipient_id for n in notices] == ([world.users["officer_a"].id] if reminded else [])
    if reminded:
        assert "张三" not in notices[0].body  # no name on a lock screen


async def test_scope_of_the_register(world: World) -> None:
    person = (await enroll(world)).person
    with pytest.raises(NotFound):  # another office
        await start(world, person.id, who="officer_b")
    with pytest.raises(NotFound):  # another county's centre
        await start(world, person.id, who="supervisor_x")
    for who in ("mediator_a", "staff", "applicant", "supervisor_bureau"):
        with pytest.raises((Forbidden, NotFound)):
            await start(world, person.id, who=who)
    # The county centre's supervisor records for every office of the county.
    row = await start(world, person.id, who="supervisor")
    with pytest.raises(NotFound):
        await renew(world, row.id, date(2026, 9, 10), who="officer_b")
    with pytest.raises(NotFound):
        await monitoring.end(
            at(world.call("officer_x"), on(date(2026, 4, 1))),
            row.id,
            ended_on=date(2026, 4, 1),
            reason="x",
        )
    for who in ("officer_b", "officer_x", "supervisor_x"):
        page = await monitoring.list_monitoring(
            world.call(who), person_id=None, in_force_only=False, limit=20, after=None
        )
        assert page.rows == []
        with pytest.raises(NotFound):
            await monitoring.list_monitoring(
                world.call(who), person_id=person.id, in_force_only=False, limit=20, after=None
            )


LIST = """query { electronicMonitoring(first: 50) { totalCount edges { node {
  id ground state endsOn latestRenewalEnd approvedBy { displayName } recordedBy { displayName }
  renewals { endsOn approvedBy { displayName } } person { fullName orgUnit { name } } } } } }"""


async def test_the_list_costs_the_same_for_2_and_20(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    counts = []
    for n in (2, 20):
        await ElectronicMonitoring.all().delete()
        officer = world.users["officer_a"]
        approver = world.users["supervisor_bureau"]
        rows = []
        for i in range(n):
            person = (await enroll(world, seq=10 * n + i)).person
            rows.append(
                ElectronicMonitoring(
                    person_id=person.id,
                    ground=MonitoringGround.PROHIBITION_ORDER_BREACH,
                    facts="违反禁止令",
                    approved_by_id=approver.id,
                    approved_on=date(2026, 3, 9),
                    approval_document="1",
                    starts_on=date(2026, 3, 10),
                    ends_on=date(2026, 6, 10),
                    recorded_by_id=officer.id,
                    recorded_at=on(date(2026, 3, 10)),
                )
            )
        await ElectronicMonitoring.bulk_create(rows)
        for row in await ElectronicMonitoring.all():
            await MonitoringRenewal.create(
                monitoring_id=row.id,
                previous_ends_on=date(2026, 6, 10),
                ends_on=date(2026, 6, 10),
                assessment="a",
                approved_by_id=approver.id,
                approved_on=date(2026, 6, 1),
                approval_document="2",
                recorded_by_id=officer.id,
                recorded_at=on(date(2026, 6, 1)),
            )
        with count_queries() as counted:
            data = await gql.ok(LIST, token=world.tokens["officer_a"])
        assert data["electronicMonitoring"]["totalCount"] == n
        counts.append(counted.count)
    assert counts[0] == counts[1]


START = """mutation($i: StartElectronicMonitoringInput!) { startElectronicMonitoring(input: $i) {
  id state endsOn approvedBy { displayName } } }"""


async def test_start_over_graphql_refuses_without_approval(
    gql: GraphQLClient, world: World
) -> None:
    enrolled = await enroll(world)
    person = enrolled.person
    _, own_token = await activate(world, enrolled, "zhang.san")
    other = (await enroll(world, seq=2, name="李四")).person
    today = datetime.now(CHINA).date()
    base = {
        "personId": str(person.id),
        "ground": "REVOCATION_PLANNED",
        "facts": "拟提请撤销缓刑",
        "startsOn": today.isoformat(),
        "endsOn": min(monitoring.latest_end(today), date(2027, 1, 1)).isoformat(),
    }
    refused = await gql.refusal(START, {"i": base}, token=world.tokens["officer_a"])
    assert (refused["code"], refused["reason"]) == ("BAD_USER_INPUT", "MONITORING_NEEDS_APPROVAL")
    given = {
        "approverId": str(world.users["supervisor_bureau"].id),
        "approvedOn": today.isoformat(),
        "approvalDocument": "青司电定〔2026〕2号",
    }
    data = await gql.ok(START, {"i": {**base, "approval": given}}, token=world.tokens["officer_a"])
    assert data["startElectronicMonitoring"]["state"] == "IN_FORCE"
    assert data["startElectronicMonitoring"]["approvedBy"]["displayName"] == "Supervisor Bureau"
    # The person reads its own register; nobody's position is in it.
    own = await gql.ok("query { electronicMonitoring { totalCount } }", token=own_token)
    assert own["electronicMonitoring"]["totalCount"] == 1
    theirs = await gql.error(
        "query($p: ID!) { electronicMonitoring(personId: $p) { totalCount } }",
        {"p": str(other.id)},
        token=own_token,
    )
    assert theirs["code"] == "NOT_FOUND"
    forbidden = await gql.error(START, {"i": {**base, "approval": given}}, token=own_token)
    assert forbidden["code"] == "FORBIDDEN"
