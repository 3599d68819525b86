"""Education and public-interest sessions (法 Art. 36, 42), help (帮扶), the
monthly report (思想汇报): their rules, scope and the cost of their lists."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.corrections import education, help, thought_reports
from api.models.audit import AuditEntry
from api.models.education import (
    ActivityAttendance,
    EducationActivity,
    HelpRecord,
    ThoughtReport,
)
from api.models.enums import ActivityKind, HelpKind
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.test_corrections import activate, at, enroll

CHINA = ZoneInfo("Asia/Shanghai")


def on(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CHINA)


async def session(
    world: World,
    person_ids: list[int],
    *,
    who: str = "officer_a",
    held_on: date = date(2026, 3, 12),
    hours: float = 2,
    for_minors: bool = False,
    client_id: str | None = None,
    today: date = date(2026, 3, 10),
) -> EducationActivity:
    return await education.record_activity(
        at(world.call(who), on(today)),
        client_id=client_id or str(uuid.uuid4()),
        org_unit_id=world.units["a"].id,
        kind=ActivityKind.EDUCATION,
        title="法治教育",
        held_on=held_on,
        hours=hours,
        for_minors=for_minors,
        person_ids=person_ids,
    )


async def attend(
    world: World, activity_id: int, person_id: int, *, today: date, **changes: Any
) -> ActivityAttendance:
    values: dict[str, Any] = {"attended": True, "hours": None}
    values.update(changes)
    return await education.record_attendance(
        at(world.call(changes.pop("who", "officer_a")), on(today)),
        activity_id,
        person_id,
        **values,
    )


async def test_minors_and_adults_are_set_for_separate_sessions(world: World) -> None:
    """法 Art. 52 ¶3: 对未成年人的社区矫正，应当与成年人分别进行。"""
    adult = (await enroll(world)).person
    minor = (await enroll(world, seq=2, name="小明")).person
    minor.minor_at_start = True
    await minor.save(update_fields=["minor_at_start"])
    with pytest.raises(BadInput) as mixed:
        await session(world, [adult.id, minor.id])
    assert (mixed.value.reason, mixed.value.field) == ("ACTIVITY_MINORS_APART", "personIds.1")
    with pytest.raises(BadInput):
        await session(world, [adult.id], for_minors=True)
    assert await EducationActivity.all().count() == 0
    assert (await session(world, [minor.id], for_minors=True)).for_minors
    assert not (await session(world, [adult.id])).for_minors


async def test_a_session_is_stored_once_per_client_id(world: World) -> None:
    person = (await enroll(world)).person
    cid = str(uuid.uuid4())
    first = await session(world, [person.id], client_id=cid)
    again = await session(world, [person.id], client_id=cid, hours=5)
    assert again.id == first.id and again.hours == Decimal("2.0")
    with pytest.raises(Conflict):
        await session(world, [person.id], client_id=cid, who="supervisor")
    assert await ActivityAttendance.all().count() == 1


@pytest.mark.parametrize(("hours", "ok"), [(12, True), (12.1, False), (0, False)])
async def test_hours_of_a_session(world: World, hours: float, ok: bool) -> None:
    if ok:
        assert (await session(world, [], hours=hours)).hours == Decimal(str(hours))
    else:
        with pytest.raises(BadInput) as refused:
            await session(world, [], hours=hours)
        assert refused.value.reason == "HOURS_RANGE"


async def test_attendance_on_the_day_and_within_the_sessions_hours(world: World) -> None:
    person = (await enroll(world)).person
    row = await session(world, [person.id], hours=3)
    with pytest.raises(BadInput) as early:  # the day before the session
        await attend(world, row.id, person.id, today=date(2026, 3, 11))
    assert early.value.reason == "ATTENDANCE_BEFORE_SESSION"
    with pytest.raises(BadInput) as over:
        await attend(world, row.id, person.id, today=date(2026, 3, 12), hours=3.5)
    assert over.value.reason == "ATTENDANCE_HOURS_OVER"
    done = await attend(world, row.id, person.id, today=date(2026, 3, 12))
    assert (done.attended, done.hours) == (True, Decimal("3.0"))
    part = await attend(world, row.id, person.id, today=date(2026, 3, 13), hours=1.5)
    assert part.hours == Decimal("1.5")
    other = (await enroll(world, seq=2, name="李四")).person
    with pytest.raises(NotFound):  # not set for it
        await attend(world, row.id, other.id, today=date(2026, 3, 12))
    with pytest.raises(NotFound):  # another office's session
        await education.record_attendance(
            at(world.call("officer_b"), on(date(2026, 3, 12))),
            row.id,
            person.id,
            attended=True,
            hours=None,
        )
    assert await AuditEntry.filter(action="activity.attendance").count() == 2


async def test_the_month_shows_tasks_hours_and_the_units_table(world: World) -> None:
    """The hours a month are the unit's dated table: none before its date."""
    enrolled = await enroll(world)
    person = enrolled.person
    first = await session(world, [person.id], hours=2, held_on=date(2026, 3, 2))
    await session(world, [person.id], hours=3, held_on=date(2026, 3, 20))
    await session(world, [person.id], hours=4, held_on=date(2026, 4, 1))
    await attend(world, first.id, person.id, today=date(2026, 3, 2))
    await education.set_hours_standard(
        at(world.call("supervisor"), on(date(2026, 2, 1))),
        world.units["bureau"].id,
        date(2026, 3, 1),
        8,
    )
    me, _ = await activate(world, enrolled, "zhang.san")
    march = await education.month_summary(at(me, on(date(2026, 3, 25))), None, "2026-03")
    assert [t.held_on for t in march.tasks] == [date(2026, 3, 2), date(2026, 3, 20)]
    assert (march.hours_done, march.hours_expected) == (Decimal("2.0"), Decimal("8.0"))
    february = await education.month_summary(me, None, "2026-02")
    assert (february.tasks, february.hours_expected) == ([], None)
    with pytest.raises(BadInput):
        await education.month_summary(me, None, "2026-13")
    other = (await enroll(world, seq=2, name="李四")).person
    with pytest.raises(NotFound):
        await education.month_summary(me, other.id, "2026-03")
    with pytest.raises(NotFound):  # an office outside its county
        await education.set_hours_standard(
            world.call("supervisor"), world.units["x"].id, date(2026, 3, 1), 8
        )
    with pytest.raises(Forbidden):
        await education.set_hours_standard(
            world.call("officer_a"), world.units["a"].id, date(2026, 3, 1), 8
        )


ACTIVITIES = """query($m: String) { activities(month: $m, first: 50) { totalCount edges { node {
  id title hours recordedBy { displayName }
  attendance { attended hours person { fullName } } } } } }"""


async def test_activities_list_scope_and_cost(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    month = datetime.now(CHINA).date().replace(day=1)
    enrolled = await enroll(world)
    me = enrolled.person
    _, token = await activate(world, enrolled, "zhang.san")
    counts = []
    for n in (2, 20):
        await EducationActivity.all().delete()
        others = [(await enroll(world, seq=10 * n + i, name=f"人员{i}")).person for i in range(2)]
        for _ in range(n):
            await session(world, [me.id, *(p.id for p in others)], held_on=month, today=month)
        with count_queries() as counted:
            data = await gql.ok(ACTIVITIES, token=world.tokens["officer_a"])
        assert data["activities"]["totalCount"] == n
        assert len(data["activities"]["edges"][0]["node"]["attendance"]) == 3
        counts.append(counted.count)
    assert counts[0] == counts[1]
    # The person sees the sessions set for it, and only its own row of each.
    own = await gql.ok(ACTIVITIES, token=token)
    rows = own["activities"]["edges"][0]["node"]["attendance"]
    assert [r["person"]["fullName"] for r in rows] == ["张三"]
    for who in ("officer_b", "officer_x", "supervisor_x"):
        seen = await gql.ok(ACTIVITIES, token=world.tokens[who])
        assert seen["activities"]["totalCount"] == 0
    refused = await gql.error(ACTIVITIES, token=world.tokens["mediator_a"])
    assert refused["code"] == "FORBIDDEN"


# ------------------------------------------------------------------ help


async def test_help_is_recorded_and_listed_on_the_person(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    person = (await enroll(world)).person

    async def record(who: str = "officer_a", **changes: Any) -> HelpRecord:
        values: dict[str, Any] = {
            "kind": HelpKind.EMPLOYMENT,
            "helped_on": date(2026, 3, 1),
            "helper": "东关镇劳动保障所",
            "description": "推荐到本镇食品厂面试",
            "outcome": "已录用",
        }
        values.update(changes)
        return await help.record_help(world.call(who), person.id, **values)

    row = await record()
    assert (row.kind, row.outcome) == (HelpKind.EMPLOYMENT, "已录用")
    with pytest.raises(BadInput):
        await record(outcome="  ")
    with pytest.raises(BadInput):
        await record(helped_on=datetime.now(CHINA).date() + timedelta(days=1))
    for who in ("officer_b", "supervisor_x"):
        with pytest.raises(NotFound):
            await record(who)
    with pytest.raises(Forbidden):
        await record("mediator_a")
    assert await HelpRecord.all().count() == 1
    query = """query($p: ID!) { supervisedPerson(id: $p) { helpRecords {
      kind helper outcome recordedBy { displayName } } } }"""
    counts = []
    for n in (2, 20):
        await HelpRecord.all().delete()
        for i in range(n):
            await record(kind=list(HelpKind)[i % 4], helper=f"帮扶单位{i}")
        with count_queries() as counted:
            data = await gql.ok(query, {"p": str(person.id)}, token=world.tokens["officer_a"])
        assert len(data["supervisedPerson"]["helpRecords"]) == n
        counts.append(counted.count)
    assert counts[0] == counts[1]


# ------------------------------------------------------------------ the monthly report


async def test_one_monthly_report_a_month_stored_once(world: World) -> None:
    enrolled = await enroll(world)
    me, _ = await activate(world, enrolled, "zhang.san")
    now = datetime.now(UTC).replace(microsecond=0)
    cid = str(uuid.uuid4())
    first = await thought_reports.submit(
        at(me, now), client_id=cid, body="本月思想汇报", captured_at=now
    )
    again = await thought_reports.submit(at(me, now), client_id=cid, body="改过的", captured_at=now)
    assert (again.id, again.body) == (first.id, "本月思想汇报")
    with pytest.raises(Conflict) as taken:
        await thought_reports.submit(
            at(me, now), client_id=str(uuid.uuid4()), body="第二份", captured_at=now
        )
    assert taken.value.reason == "THOUGHT_REPORT_MONTH_TAKEN"
    assert await ThoughtReport.all().count() == 1
    with pytest.raises(Forbidden):
        await thought_reports.submit(
            world.call("officer_a"), client_id=str(uuid.uuid4()), body="x", captured_at=now
        )


async def test_the_month_is_chinas_month_of_capture(world: World) -> None:
    """Captured at 23:30 UTC on the last day of a month is the next month in China."""
    enrolled = await enroll(world)
    me, _ = await activate(world, enrolled, "zhang.san")
    last = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    row = await thought_reports.submit(
        at(me, last + timedelta(hours=1)),
        client_id=str(uuid.uuid4()),
        body="汇报",
        captured_at=last,
    )
    assert row.month == "2026-04"
    earlier = await thought_reports.submit(
        at(me, last + timedelta(hours=1)),
        client_id=str(uuid.uuid4()),
        body="汇报",
        captured_at=last - timedelta(hours=8),
    )
    assert earlier.month == "2026-03"


async def test_the_officer_replies_once_and_the_person_is_told(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    enrolled = await enroll(world)
    me, token = await activate(world, enrolled, "zhang.san")
    now = datetime.now(UTC).replace(microsecond=0)
    row = await thought_reports.submit(
        at(me, now), client_id=str(uuid.uuid4()), body="汇报", captured_at=now
    )
    for who in ("officer_b", "supervisor_x"):
        with pytest.raises(NotFound):
            await thought_reports.reply(world.call(who), row.id, "收到")
    replied = await thought_reports.reply(world.call("officer_a"), row.id, "收到，继续努力")
    assert replied.reply == "收到，继续努力"
    with pytest.raises(Conflict):
        await thought_reports.reply(world.call("supervisor"), row.id, "再回复")
    notice = await Notification.get(kind="thought_report.replied")
    assert me.viewer is not None and notice.recipient_id == me.viewer.id
    query = """query($u: Boolean!) { thoughtReports(unanswered: $u, first: 50) { totalCount
      edges { node { month reply repliedBy { displayName } person { fullName } } } } }"""
    own = await gql.ok(query, {"u": False}, token=token)
    assert own["thoughtReports"]["edges"][0]["node"]["reply"] == "收到，继续努力"
    assert (await gql.ok(query, {"u": True}, token=world.tokens["officer_a"]))["thoughtReports"][
        "totalCount"
    ] == 0
    for who in ("officer_b", "officer_x"):
        seen = await gql.ok(query, {"u": False}, token=world.tokens[who])
        assert seen["thoughtReports"]["totalCount"] == 0
    counts = []
    for n in (2, 20):
        await ThoughtReport.all().delete()
        persons = [(await enroll(world, seq=10 * n + i, name=f"人员{i}")).person for i in range(n)]
        await ThoughtReport.bulk_create(
            [
                ThoughtReport(
                    client_id=str(uuid.uuid4()),
                    person_id=p.id,
                    month="2026-03",
                    body="汇报",
                    captured_at=now,
                    received_at=now,
                    submitted_by_id=world.users["officer_a"].id,
                    reply="收到",
                    replied_by_id=world.users["officer_a"].id,
                    replied_at=now,
                )
                for p in persons
            ]
        )
        with count_queries() as counted:
            data = await gql.ok(query, {"u": False}, token=world.tokens["officer_a"])
        assert data["thoughtReports"]["totalCount"] == n
        counts.append(counted.count)
    assert counts[0] == counts[1]


def test_months_are_written_yyyy_mm(world: World) -> None:
    call = Call(settings=world.settings)
    assert str(education.month_of("2026-03", call)) == "2026-03"
    assert education.month_of("2026-12", call).next_first == date(2027, 1, 1)
    for bad in ("2026-3", "2026-00", "26-03", "2026-03-01"):
        with pytest.raises(BadInput):
            education.month_of(bad, call)
