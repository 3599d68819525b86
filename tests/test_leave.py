"""Leave (外出) and change of residence (迁居), 社区矫正法 Art. 27: who decides by
length and by the earlier leaves, overlaps, decisions, check-ins while away,
the return and a late one."""

from __future__ import annotations

import base64
import io
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.corrections import enrolment, leave, leave_rules, violation_checks
from api.models.audit import AuditEntry
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import CheckInKind, CheckInStatus, CorrectionType, SupervisionLevel
from api.models.leave import LeaveEvidence, LeaveKind, LeaveLevel, LeaveRequest, LeaveStatus
from api.models.notifications import Notification
from api.models.sanctions import SanctionMeasure, Violation, ViolationKind
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.test_corrections import activate, at, report, rid

CHINA = ZoneInfo("Asia/Shanghai")
DAY = timedelta(days=1)
NOW = datetime.now(CHINA).replace(second=0, microsecond=0)
D0 = NOW.date()
ENROLLED = NOW - 60 * DAY
RECENT = NOW - DAY


async def enrol(
    world: World,
    *,
    seq: int = 1,
    unit: str = "a",
    who: str = "officer_a",
    correction_type: CorrectionType = CorrectionType.PROBATION,
    account: str | None = "zhang.san",
    when: datetime = ENROLLED,
) -> tuple[SupervisedPerson, Call | None, str | None]:
    """A person with a term long enough for every leave here, its own call and token."""
    enrolled = await enrolment.enroll_person(
        at(world.call(who), when),
        full_name="张三",
        id_number=rid(seq),
        phone=None,
        correction_type=correction_type,
        supervision_level=SupervisionLevel.NORMAL,
        term_start=ENROLLED.date(),
        term_end=D0 + 400 * DAY,
        org_unit_id=world.units[unit].id,
        officer_id=world.users[who].id,
        check_in_interval_days=None,
    )
    if account is None:
        return enrolled.person, None, None
    # Activated when enrolled: a session opened then still works for the API's tests.
    me, token = await activate(world, enrolled, account, when)
    return await SupervisedPerson.get(id=enrolled.person.id), me, token


async def ask(
    me: Call,
    starts_on: date,
    ends_on: date | None,
    *,
    when: datetime = NOW,
    kind: LeaveKind = LeaveKind.LEAVE,
    client_id: str | None = None,
    evidence: str | None = None,
    person_id: int | None = None,
) -> LeaveRequest:
    return await leave.request_leave(
        at(me, when),
        client_id=client_id or str(uuid.uuid4()),
        person_id=person_id,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        destination="广州市天河区",
        reason="探望住院的母亲",
        captured_at=when,
        evidence=evidence,
    )


async def decide(
    world: World,
    leave_id: int,
    who: str = "supervisor",
    *,
    approve: bool = True,
    when: datetime = NOW,
    note: str | None = None,
    body: str | None = None,
) -> LeaveRequest:
    return await leave.decide_leave(
        at(world.call(who), when), leave_id, approve=approve, note=note, approving_body=body
    )


def days_from(start: date, days: int) -> tuple[date, date]:
    """A leave of `days` days, both ends counted."""
    return start, start + (days - 1) * DAY


def png(size: int = 8) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), (200, 30, 30)).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def test_days_count_both_ends_and_the_window_runs_back_two_months() -> None:
    assert leave_rules.leave_days(date(2026, 3, 1), date(2026, 3, 7)) == 7
    assert leave_rules.window_start(date(2026, 4, 30), 2) == date(2026, 3, 1)
    # A month with no such day ends on its last: two months to 30 April from 31 December.
    assert leave_rules.window_start(date(2026, 2, 28), 2) == date(2025, 12, 29)
    assert (
        leave_rules.days_within(
            date(2026, 2, 25), date(2026, 3, 5), date(2026, 3, 1), date(2026, 3, 31)
        )
        == 5
    )


@pytest.mark.parametrize(
    ("days", "level"),
    [
        (7, LeaveLevel.OFFICE),
        (8, LeaveLevel.COUNTY),
        (30, LeaveLevel.COUNTY),
        (31, LeaveLevel.ABOVE),
    ],
)
async def test_the_level_follows_the_length(world: World, days: int, level: LeaveLevel) -> None:
    """实施办法 Art. 27: up to 7 days the office, to 30 the county, beyond the level above."""
    _, me, _ = await enrol(world)
    assert me is not None
    row = await ask(me, *days_from(D0 + DAY, days))
    assert (row.days, row.level, row.status) == (days, level, LeaveStatus.PENDING)
    entry = await AuditEntry.get(action="leave.request")
    assert entry.summary["level"] == level
    # Staff hear of it, naming nobody.
    assert await Notification.filter(kind="leave.requested").count() >= 1


async def test_the_two_months_total_sends_a_short_leave_above(world: World) -> None:
    """More than 30 days within two months in total: the level above, however short."""
    person, me, _ = await enrol(world)
    assert me is not None
    first = await ask(me, *days_from(D0 + DAY, 25))  # county
    await decide(world, first.id)
    # 25 + 5 = 30 within the two months: not over, and 5 days is the office's.
    five = await ask(me, *days_from(D0 + 30 * DAY, 5))
    assert (five.window_days, five.level) == (30, LeaveLevel.OFFICE)
    # 25 + 6 = 31: over, to the level above.
    six = await ask(me, *days_from(D0 + 40 * DAY, 6))
    assert (six.days, six.window_days, six.level) == (6, 31, LeaveLevel.ABOVE)
    # Two months after the first leave's last day it no longer counts.
    _, last = days_from(D0 + DAY, 25)
    later_start = last + timedelta(days=1) + timedelta(days=62)
    later = await ask(me, *days_from(later_start, 6))
    assert (later.window_days, later.level) == (6, LeaveLevel.OFFICE)
    # A refused or pending leave does not count, an approved one does: the
    # level is computed again at the decision.
    await decide(world, five.id, "officer_a")
    with pytest.raises(Forbidden):
        await decide(world, six.id, "officer_a")
    with pytest.raises(BadInput) as no_body:
        await decide(world, six.id, "supervisor", body=" ")
    assert no_body.value.field == "approvingBody"
    decided = await decide(world, six.id, "supervisor", body="广州市社区矫正管理局")
    assert (decided.level, decided.window_days, decided.approving_body) == (
        LeaveLevel.ABOVE,
        36,
        "广州市社区矫正管理局",
    )
    assert person.id == decided.person_id


async def test_the_decision_recomputes_the_level(world: World) -> None:
    """Asked as the office's (5 days, nothing approved yet), it becomes the level
    above's once an earlier 26-day leave is approved meanwhile."""
    _, me, _ = await enrol(world)
    assert me is not None
    long = await ask(me, *days_from(D0 + DAY, 26))
    short = await ask(me, *days_from(D0 + 30 * DAY, 5))
    assert short.level == LeaveLevel.OFFICE
    await decide(world, long.id)
    with pytest.raises(Forbidden):
        await decide(world, short.id, "officer_a")
    assert (await LeaveRequest.get(id=short.id)).status == LeaveStatus.PENDING


async def test_an_office_not_entrusted_sends_a_short_leave_to_the_county(world: World) -> None:
    """法 Art. 9 ¶2: the office decides only what the county entrusted; a dated table."""
    _, me, _ = await enrol(world)
    assert me is not None
    figures = leave_rules.Figures(
        office_entrusted=False,
        office_max_days=7,
        approval_max_days=30,
        window_months=2,
        window_max_days=30,
    )
    with pytest.raises(Forbidden):
        await leave_rules.set_leave_standard(
            world.call("officer_a"), world.units["a"].id, D0, figures
        )
    with pytest.raises(NotFound):
        await leave_rules.set_leave_standard(
            world.call("supervisor_x"), world.units["a"].id, D0, figures
        )
    # From tomorrow: today's request is still the office's.
    await leave_rules.set_leave_standard(
        world.call("supervisor"), world.units["bureau"].id, D0 + DAY, figures
    )
    today = await ask(me, *days_from(D0 + DAY, 3))
    assert today.level == LeaveLevel.OFFICE
    tomorrow = await ask(me, *days_from(D0 + 10 * DAY, 3), when=NOW + DAY)
    assert tomorrow.level == LeaveLevel.COUNTY
    assert await AuditEntry.filter(action="leave_standard.set").count() == 1


async def test_overlapping_requests_are_refused(world: World) -> None:
    _, me, _ = await enrol(world)
    assert me is not None
    first = await ask(me, D0 + 5 * DAY, D0 + 9 * DAY)
    for start, end in [
        (D0 + 9 * DAY, D0 + 12 * DAY),
        (D0 + 2 * DAY, D0 + 5 * DAY),
        (D0 + 6 * DAY, D0 + 7 * DAY),
    ]:
        with pytest.raises(Conflict) as overlap:
            await ask(me, start, end)
        assert overlap.value.reason == "LEAVE_OVERLAP"
    # The days either side are free.
    await ask(me, D0 + 10 * DAY, D0 + 11 * DAY)
    await ask(me, D0 + 2 * DAY, D0 + 4 * DAY)
    # A refused request frees its days.
    await decide(world, first.id, "officer_a", approve=False, note="理由不充分")
    await ask(me, D0 + 5 * DAY, D0 + 9 * DAY)
    assert await LeaveRequest.filter(status=LeaveStatus.PENDING).count() == 3


async def test_request_rules_and_the_outbox_replay(world: World) -> None:
    person, me, _ = await enrol(world)
    assert me is not None
    with pytest.raises(BadInput) as past:
        await ask(me, D0 - DAY, D0 + DAY)
    assert past.value.field == "startsOn"
    with pytest.raises(BadInput) as backwards:
        await ask(me, D0 + 3 * DAY, D0 + 2 * DAY)
    assert backwards.value.field == "endsOn"
    with pytest.raises(BadInput) as beyond:
        await ask(me, D0 + 399 * DAY, D0 + 402 * DAY)
    assert beyond.value.field == "endsOn"
    with pytest.raises(BadInput):
        await ask(me, D0 + DAY, D0 + 2 * DAY, evidence="bm90IGFuIGltYWdl")
    too_big = "data:image/png;base64," + base64.b64encode(b"\x89PNG" + bytes(400 * 1024)).decode()
    with pytest.raises(BadInput) as large:
        await ask(me, D0 + DAY, D0 + 2 * DAY, evidence=too_big)
    assert large.value.reason == "EVIDENCE_TOO_LARGE"
    assert await LeaveRequest.all().count() == 0  # a refused write changes nothing
    cid = str(uuid.uuid4())
    row = await ask(me, D0 + DAY, D0 + 2 * DAY, client_id=cid, evidence=png())
    again = await ask(me, D0 + DAY, D0 + 2 * DAY, client_id=cid, evidence=png())
    assert again.id == row.id
    evidence = await LeaveEvidence.get(leave_id=row.id)
    assert evidence.content_type == "image/png" and evidence.data.startswith(b"\x89PNG")
    # The same clientId from another account: CONFLICT, nothing told.
    with pytest.raises(Conflict):
        await ask(
            world.call("officer_a"), D0 + DAY, D0 + 2 * DAY, client_id=cid, person_id=person.id
        )
    # An officer asks on the person's behalf; another office's cannot.
    await ask(world.call("officer_a"), D0 + 20 * DAY, D0 + 21 * DAY, person_id=person.id)
    with pytest.raises(NotFound):
        await ask(world.call("officer_b"), D0 + 30 * DAY, D0 + 31 * DAY, person_id=person.id)
    with pytest.raises(Forbidden):
        await ask(world.call("supervisor"), D0 + 30 * DAY, D0 + 31 * DAY, person_id=person.id)


async def test_a_move_is_the_county_bodys(world: World) -> None:
    """法 Art. 27 ¶2: a change of the place of execution is the county body's decision."""
    _, me, _ = await enrol(world)
    assert me is not None
    with pytest.raises(BadInput):
        await ask(me, D0 + DAY, D0 + 2 * DAY, kind=LeaveKind.RESIDENCE_CHANGE)
    move = await ask(me, D0 + 30 * DAY, None, kind=LeaveKind.RESIDENCE_CHANGE)
    assert (move.level, move.days) == (LeaveLevel.COUNTY, None)
    with pytest.raises(Conflict):
        await ask(me, D0 + 40 * DAY, None, kind=LeaveKind.RESIDENCE_CHANGE)
    with pytest.raises(Forbidden):
        await decide(world, move.id, "officer_a")
    await decide(world, move.id)
    with pytest.raises(Conflict):
        await leave.report_return(at(me, NOW), move.id, returned_at=NOW)


async def test_deciding_who_and_how(world: World) -> None:
    person, me, _ = await enrol(world)
    assert me is not None
    week = await ask(me, *days_from(D0 + DAY, 7))
    with pytest.raises(BadInput) as no_reason:  # 应当批准 for a proper reason: a refusal says why
        await decide(world, week.id, "officer_a", approve=False)
    assert no_reason.value.field == "note"
    for who, error in [
        ("officer_b", NotFound),
        ("supervisor_x", NotFound),
        ("mediator_a", Forbidden),
    ]:
        with pytest.raises(error):
            await decide(world, week.id, who)
    with pytest.raises(Forbidden):  # the person decides nothing
        await leave.decide_leave(at(me, NOW), week.id, approve=True, note=None, approving_body=None)
    approved = await decide(world, week.id, "officer_a", note="同意")
    assert approved.status == LeaveStatus.APPROVED
    with pytest.raises(Conflict):
        await decide(world, week.id, "officer_a")
    told = await Notification.get(kind="leave.approved")
    assert told.recipient_id == person.account_id and "张三" not in told.body
    # The county body decides what the office may, too.
    other = await ask(me, *days_from(D0 + 20 * DAY, 3))
    await decide(world, other.id, "supervisor", approve=False, note="与庭审日期冲突")
    assert (
        await Notification.filter(kind="leave.refused", recipient_id=person.account_id).count() == 1
    )
    entries = await AuditEntry.filter(action="leave.decide").order_by("id")
    assert [e.summary["status"] for e in entries] == ["APPROVED", "REFUSED"]


async def test_a_check_in_during_approved_leave_is_judged_as_any(world: World) -> None:
    """The person checks in as usual while away: a check-in is judged on its time,
    not its place, so one from the destination is accepted like any other."""
    person, me, _ = await enrol(world)
    assert me is not None
    # Seen at the office yesterday: the next report is due in 14 days.
    await report(
        world.call("officer_a"),
        NOW - DAY,
        person_id=person.id,
        kind=CheckInKind.IN_PERSON,
        note="到所报告",
    )
    away = await ask(me, D0, D0 + 4 * DAY)
    await decide(world, away.id, "officer_a")
    # From Guangzhou, some 2,000 km from a Changchun home.
    row = await report(
        me, NOW + DAY, NOW + DAY, latitude_deg=23.13, longitude_deg=113.26, accuracy=20.0
    )
    assert (row.late, row.status) == (False, CheckInStatus.PENDING_REVIEW)
    assert row.kind == CheckInKind.SELF_REPORT
    stored = await SupervisedPerson.get(id=person.id)
    assert stored.last_check_in_at == NOW + DAY
    assert await CheckIn.filter(person_id=person.id).count() == 2
    assert await Violation.all().count() == 0


async def test_the_return_on_time_and_late(world: World) -> None:
    person, me, _ = await enrol(world)
    assert me is not None
    on_time = await ask(me, D0 - 20 * DAY, D0 - 16 * DAY, when=NOW - 21 * DAY)
    await decide(world, on_time.id, "officer_a", when=NOW - 21 * DAY)
    with pytest.raises(BadInput):  # before it began
        await leave.report_return(at(me, NOW - 21 * DAY), on_time.id, returned_at=NOW - 21 * DAY)
    # Back on the evening of the last day: on time.
    evening = datetime.combine(D0 - 16 * DAY, datetime.min.time(), CHINA) + timedelta(hours=22)
    back = await leave.report_return(at(me, evening), on_time.id, returned_at=evening)
    assert (back.status, back.return_late, back.returned_on) == (
        LeaveStatus.RETURNED,
        False,
        D0 - 16 * DAY,
    )
    late = await ask(me, D0 - 10 * DAY, D0 - 6 * DAY, when=NOW - 11 * DAY)
    await decide(world, late.id, "officer_a", when=NOW - 11 * DAY)
    # The day after the last day: late by one day.
    back = await leave.report_return(at(me, NOW - 4 * DAY), late.id, returned_at=NOW - 5 * DAY)
    assert back.return_late is True
    again = await leave.report_return(at(me, NOW - 3 * DAY), late.id, returned_at=NOW - 3 * DAY)
    assert again.returned_at == NOW - 5 * DAY  # the outbox's resend changes nothing
    violation = await Violation.get(person_id=person.id)
    assert (violation.kind, violation.leave_id, violation.recorded_by_id) == (
        ViolationKind.LATE_RETURN,
        late.id,
        None,
    )
    assert violation.occurred_on == D0 - 5 * DAY
    assert violation.suggested_measure == SanctionMeasure.ADMONITION
    assert "1 日" in violation.facts
    # Another office's officer cannot report it; a pending leave has no return.
    with pytest.raises(NotFound):
        await leave.report_return(at(world.call("officer_b"), NOW), late.id, returned_at=NOW)
    pending = await ask(me, D0 + DAY, D0 + 2 * DAY)
    with pytest.raises(Conflict):
        await leave.report_return(at(me, NOW), pending.id, returned_at=NOW)


async def test_no_return_by_the_end_is_recorded_by_the_app_once(world: World) -> None:
    person, me, _ = await enrol(world)
    assert me is not None
    row = await ask(me, D0 - 10 * DAY, D0 - 6 * DAY, when=NOW - 11 * DAY)
    await decide(world, row.id, "officer_a", when=NOW - 11 * DAY)
    # On its last day nothing is late yet.
    assert await violation_checks.late_returns(at(world.call(), NOW - 6 * DAY)) == 0
    assert await violation_checks.late_returns(at(world.call(), NOW - 5 * DAY)) == 1
    assert await violation_checks.late_returns(at(world.call(), NOW)) == 0
    # Reported later still: the same violation, not a second.
    await leave.report_return(at(me, NOW), row.id, returned_at=NOW)
    assert await Violation.filter(person_id=person.id).count() == 1
    assert (await Violation.get(person_id=person.id)).kind == ViolationKind.LATE_RETURN


LIST = """query($p: ID, $s: LeaveStatus, $first: Int) {
  leaveRequests(personId: $p, status: $s, first: $first) {
    totalCount
    edges { node { id kind level status days destination evidencePhoto
      person { id fullName } decidedBy { id displayName } } }
  } }"""


async def test_leave_requests_by_role(gql: GraphQLClient, world: World) -> None:
    person, me, token = await enrol(world, when=RECENT)
    other, other_me, _ = await enrol(
        world, seq=2, unit="b", who="officer_b", account="li.si", when=RECENT
    )
    assert me is not None and other_me is not None
    mine = await ask(me, *days_from(D0 + DAY, 3), when=datetime.now(CHINA), evidence=png())
    await ask(other_me, *days_from(D0 + DAY, 3), when=datetime.now(CHINA))

    async def ids(who: str, **variables: Any) -> set[str]:
        tok = token if who == "zhang.san" else world.tokens[who]
        data = await gql.ok(LIST, variables, token=tok)
        return {e["node"]["id"] for e in data["leaveRequests"]["edges"]}

    assert await ids("zhang.san") == {str(mine.id)}
    assert await ids("officer_a") == {str(mine.id)}
    assert len(await ids("supervisor")) == 2  # the county's centre
    assert await ids("officer_x") == set()
    assert await ids("supervisor_x") == set()
    assert await ids("supervisor_bureau") == set()  # the bureau oversees no corrections
    for who in ("officer_b", "supervisor_x", "officer_x"):
        ext = await gql.error(LIST, {"p": str(person.id)}, token=world.tokens[who])
        assert ext["code"] == "NOT_FOUND"
    ext = await gql.error(LIST, {"p": str(other.id)}, token=token)
    assert ext["code"] == "NOT_FOUND"
    for who in ("mediator_a", "admin", "staff", "lawyer", "applicant"):
        ext = await gql.error(LIST, {}, token=world.tokens[who])
        assert ext["code"] == "FORBIDDEN"
    data = await gql.ok(LIST, {"p": str(person.id)}, token=world.tokens["officer_a"])
    node = data["leaveRequests"]["edges"][0]["node"]
    assert node["evidencePhoto"].startswith("data:image/png;base64,")
    assert node["person"]["fullName"] == "张三" and node["decidedBy"] is None


REQUEST = """mutation($i: RequestLeaveInput!) { requestLeave(input: $i) { id level status } }"""
DECIDE = (
    """mutation($i: DecideLeaveInput!) { decideLeave(input: $i) { id status decidedBy { id } } }"""
)
RETURN = """mutation($i: ReportReturnInput!) { reportReturn(input: $i) { status returnLate } }"""


async def test_the_operations_through_the_api(gql: GraphQLClient, world: World) -> None:
    _, _, token = await enrol(world, when=RECENT)
    now = datetime.now(CHINA)
    asked = {
        "clientId": str(uuid.uuid4()),
        "startsOn": now.date().isoformat(),
        "endsOn": (now.date() + 7 * DAY).isoformat(),
        "destination": "北京",
        "reason": "出差",
        "capturedAt": now.isoformat(),
    }
    row = (await gql.ok(REQUEST, {"i": asked}, token=token))["requestLeave"]
    assert (row["level"], row["status"]) == ("COUNTY", "PENDING")
    ext = await gql.error(
        DECIDE, {"i": {"leaveId": row["id"], "approve": True}}, token=world.tokens["officer_a"]
    )
    assert ext["code"] == "FORBIDDEN"
    done = await gql.ok(
        DECIDE, {"i": {"leaveId": row["id"], "approve": True}}, token=world.tokens["supervisor"]
    )
    assert done["decideLeave"]["status"] == "APPROVED"
    returned = {"clientId": str(uuid.uuid4()), "leaveId": row["id"], "returnedAt": now.isoformat()}
    back = await gql.ok(RETURN, {"i": returned}, token=token)
    assert back["reportReturn"] == {"status": "RETURNED", "returnLate": False}


async def test_a_page_of_leave_requests_costs_the_same_for_2_and_20(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    counts = []
    for n, seq0 in ((2, 10), (20, 40)):
        await LeaveRequest.all().delete()
        for i in range(n):
            person, _, _ = await enrol(world, seq=seq0 + i, account=None)
            row = await ask(world.call("officer_a"), *days_from(D0 + DAY, 3), person_id=person.id)
            if i % 2:
                await decide(world, row.id, "officer_a")
        # A first request refreshes the session's last use, written at most once in a while.
        await gql.ok(LIST, {"first": 1}, token=world.tokens["officer_a"])
        with count_queries() as counter:
            data = await gql.ok(LIST, {"first": 50}, token=world.tokens["officer_a"])
        assert data["leaveRequests"]["totalCount"] == n
        counts.append(counter.count)
    assert counts[0] == counts[1]
