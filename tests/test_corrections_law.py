"""Community corrections by the statute: who ends supervision, what a report
is, when the term has run out, and how compliance is counted."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from api.domain.common.validators import CHINA_TZ
from api.domain.corrections import compliance, enrolment, schedule
from api.models.audit import AuditEntry
from api.models.corrections import SupervisedPerson
from api.models.enums import CheckInKind, CorrectionType, SupervisionLevel
from api.models.notifications import Notification
from api.models.supervision import CheckInIntervalStandard
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.push_helpers import Clock, utc
from tests.test_corrections import activate, at, report, rid
from workers.scheduler import Scheduler

T0 = utc(2026, 3, 2, 2, 0)  # 10:00 in Shanghai
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

STATUS = """mutation($id: ID!, $s: SupervisionStatus!, $n: String!) {
  setSupervisionStatus(personId: $id, status: $s, note: $n) { status }
}"""


async def enrol(
    world: World,
    when: datetime = T0,
    *,
    seq: int = 1,
    level: SupervisionLevel = SupervisionLevel.NORMAL,
    term_end: date = date(2027, 1, 1),
    who: str = "officer_a",
    unit: str = "a",
) -> enrolment.Enrolled:
    return await enrolment.enroll_person(
        at(world.call(who), when),
        full_name="王五",
        id_number=rid(seq),
        phone=None,
        correction_type=CorrectionType.PROBATION,
        supervision_level=level,
        term_start=date(2026, 1, 1),
        term_end=term_end,
        org_unit_id=world.units[unit].id,
        officer_id=None,
        check_in_interval_days=None,
    )


# ------------------------------------------------------------------ who ends supervision


async def test_an_officer_sets_only_active_and_absconded(gql: GraphQLClient, world: World) -> None:
    """法 Art. 46-49: a court revokes, the deciding body orders 收监; the office
    only proposes. REVOKED and TERMINATED are refused and change nothing."""
    person = (await enrol(world)).person
    pid = str(person.id)
    for who in ("officer_a", "supervisor"):
        for status in ("REVOKED", "TERMINATED"):
            ext = await gql.error(
                STATUS, {"id": pid, "s": status, "n": "建议撤销"}, token=world.tokens[who]
            )
            assert ext == {"code": "BAD_USER_INPUT", "field": "status"}, (who, status)
    stored = await SupervisedPerson.get(id=person.id)
    assert (stored.status, stored.active_id_number) == ("ACTIVE", person.id_number)
    assert not await AuditEntry.filter(action="person.set_status").exists()
    # The two a person may be set to by hand still work.
    officer = world.tokens["officer_a"]
    data = await gql.ok(STATUS, {"id": pid, "s": "ABSCONDED", "n": "失联"}, token=officer)
    assert data["setSupervisionStatus"]["status"] == "ABSCONDED"
    data = await gql.ok(STATUS, {"id": pid, "s": "ACTIVE", "n": "已报到"}, token=officer)
    assert data["setSupervisionStatus"]["status"] == "ACTIVE"


# ------------------------------------------------------------------ what a report is


async def test_a_home_visit_does_not_clear_an_overdue(world: World) -> None:
    """法 Art. 26: a home visit is the office checking; Art. 23: the report is the person's."""
    enrolled = await enrol(world, level=SupervisionLevel.STRICT)  # due day 7, missed after day 8
    person_id = enrolled.person.id
    officer = world.call("officer_a")
    missed = T0 + 8 * DAY + MINUTE
    assert schedule.is_overdue(await SupervisedPerson.get(id=person_id), missed)
    visit = await report(officer, missed, person_id=person_id, kind=CheckInKind.HOME_VISIT)
    assert visit.late is False  # the office's own check is never late
    after_visit = await SupervisedPerson.get(id=person_id)
    assert after_visit.last_check_in_at is None
    assert (after_visit.next_due_at, after_visit.overdue_at) == (T0 + 7 * DAY, T0 + 8 * DAY)
    assert schedule.is_overdue(after_visit, missed + HOUR)
    assert await schedule.last_accepted_at(person_id) is None
    # The person reporting in person at the office does count.
    in_person = await report(
        officer, missed + HOUR, person_id=person_id, kind=CheckInKind.IN_PERSON, note="到所报到"
    )
    assert in_person.late is True
    reported = await SupervisedPerson.get(id=person_id)
    assert reported.last_check_in_at == missed + HOUR
    assert not schedule.is_overdue(reported, missed + 2 * HOUR)
    # A later visit leaves the schedule where the report put it.
    await report(officer, missed + 2 * DAY, person_id=person_id, kind=CheckInKind.HOME_VISIT)
    again = await SupervisedPerson.get(id=person_id)
    assert again.last_check_in_at == missed + HOUR
    assert again.next_due_at == missed + HOUR + 7 * DAY


async def test_the_last_check_in_shown_is_the_last_report(gql: GraphQLClient, world: World) -> None:
    enrolled = await enrol(world, datetime.now(tz=T0.tzinfo) - 3 * DAY)
    person_id = enrolled.person.id
    me, _ = await activate(world, enrolled, "wang.wu", enrolled.person.enrolled_at)
    now = datetime.now(tz=T0.tzinfo)
    own = await report(me, now - 2 * DAY)
    await report(
        world.call("officer_a"), now - DAY, person_id=person_id, kind=CheckInKind.HOME_VISIT
    )
    data = await gql.ok(
        "query($id: ID!) { supervisedPerson(id: $id) { lastCheckIn { id kind } } }",
        {"id": str(person_id)},
        token=world.tokens["officer_a"],
    )
    assert data["supervisedPerson"]["lastCheckIn"] == {"id": str(own.id), "kind": "SELF_REPORT"}


# ------------------------------------------------------------------ the end of the term


async def test_term_ended_after_the_last_day_in_china(world: World) -> None:
    person = (await enrol(world, term_end=date(2026, 3, 16))).person
    last_day_ends = utc(2026, 3, 16, 16, 0)  # 2026-03-17 00:00 in Shanghai
    assert not schedule.term_ended(person, last_day_ends - timedelta(seconds=1))
    assert schedule.term_ended(person, last_day_ends)


async def _reminders_around_the_due(world: World, term_end: date) -> dict[str, int]:
    """A NORMAL person enrolled at T0 (due 2026-03-16 10:00 in Shanghai): the
    reminders each rule queues from the day before the due to after its grace."""
    enrolled = await enrol(world, term_end=term_end)
    await activate(world, enrolled, "wang.wu", T0)
    due = T0 + 14 * DAY
    clock = Clock(due - 23 * HOUR)
    scheduler = Scheduler(world.settings, clock)
    totals: dict[str, int] = {}
    for moment in (due - 23 * HOUR, due + MINUTE, due + DAY + MINUTE):
        clock.now = moment
        for rule, n in (await scheduler.tick()).items():
            totals[rule] = totals.get(rule, 0) + n
    return {k: v for k, v in totals.items() if k.startswith("check_ins")}


async def test_a_report_due_on_the_term_end_day_is_reminded(world: World) -> None:
    counts = await _reminders_around_the_due(world, date(2026, 3, 16))
    # ... and, missed, the officer hears of it the next day, after the term.
    assert counts == {"check_ins_due_soon": 1, "check_ins_due_now": 1, "check_ins_overdue": 1}


async def test_no_reminders_for_a_report_due_the_day_after_the_term(world: World) -> None:
    counts = await _reminders_around_the_due(world, date(2026, 3, 15))
    assert counts == {"check_ins_due_soon": 0, "check_ins_due_now": 0, "check_ins_overdue": 0}
    assert not await Notification.filter(kind__startswith="checkin.").exists()


async def test_a_report_missed_on_the_last_day_alerts_the_officer(world: World) -> None:
    # Due 03-16 10:00, the term's last day, missed at 03-17 10:00: the report
    # was owed within the term, so the officer hears of the miss after it.
    enrolled = await enrol(world, term_end=date(2026, 3, 16))
    await activate(world, enrolled, "wang.wu", T0)
    clock = Clock(T0 + 15 * DAY)
    assert (await Scheduler(world.settings, clock).tick())["check_ins_overdue"] == 1
    # Due the day after the term: never owed, never missed.
    await SupervisedPerson.filter(id=enrolled.person.id).update(term_end=date(2026, 3, 15))
    await Notification.all().delete()
    assert (await Scheduler(world.settings, clock).tick())["check_ins_overdue"] == 0


# ------------------------------------------------------------------ the on-time rate


async def test_a_missed_period_counts_at_its_deadline(world: World) -> None:
    """Deadlines of a STRICT person who never reports: T0+8d, T0+15d, T0+22d, …
    A period is missed at its deadline: counted from `since` on, not yet at `now`."""
    await enrol(world, level=SupervisionLevel.STRICT)
    units = [world.units["a"].id]
    second = timedelta(seconds=1)

    async def due(since: datetime, now: datetime) -> tuple[int, int]:
        got = await compliance.compliance(units, since, now)
        return got.due, got.on_time

    assert await due(T0 + 8 * DAY, T0 + 15 * DAY) == (1, 0)  # day 8 in, day 15 not yet
    assert await due(T0 + 8 * DAY + second, T0 + 15 * DAY) == (0, 0)
    assert await due(T0 + 8 * DAY + second, T0 + 15 * DAY + second) == (1, 0)
    assert await due(T0, T0 + 22 * DAY + second) == (3, 0)
    assert (await compliance.compliance(units, T0, T0 + 8 * DAY)).rate is None


async def test_a_late_report_closes_its_own_period_and_the_silence_before_counts(
    world: World,
) -> None:
    enrolled = await enrol(world, level=SupervisionLevel.STRICT)
    me, _ = await activate(world, enrolled, "wang.wu", T0)
    units = [world.units["a"].id]
    await report(me, T0 + 5 * DAY)  # on time; next deadline day 13, then day 20
    late = await report(me, T0 + 21 * DAY)  # late: day 13 is its period, day 20 missed
    assert late.late is True
    got = await compliance.compliance(units, T0, T0 + 22 * DAY)
    assert (got.due, got.on_time, got.rate) == (3, 1, 1 / 3)
    # The window starting after the first report: the late one and the miss.
    got = await compliance.compliance(units, T0 + 6 * DAY, T0 + 22 * DAY)
    assert (got.due, got.on_time) == (2, 0)


async def test_nothing_falls_due_after_the_term(world: World) -> None:
    # STRICT from T0 (03-02): due 03-09, 03-16, 03-23; the term's last day is 03-16.
    await enrol(world, level=SupervisionLevel.STRICT, term_end=date(2026, 3, 16))
    got = await compliance.compliance([world.units["a"].id], T0, T0 + 40 * DAY)
    assert got.due == 2  # due 03-09 and due 03-16 (missed 03-17, after the term)


async def test_the_rate_costs_the_same_for_1_and_12_persons(
    world: World, count_queries: type[QueryCounter]
) -> None:
    units = [world.units["a"].id]
    counts = []
    for seq in range(1, 13):
        enrolled = await enrol(world, seq=seq)
        me, _ = await activate(world, enrolled, f"person.{seq}", T0)
        await report(me, T0 + 2 * DAY)
        await report(me, T0 + 20 * DAY)
        if seq in (1, 12):
            with count_queries() as counter:
                await compliance.compliance(units, T0 + 10 * DAY, T0 + 40 * DAY)
            counts.append(counter.count)
    assert counts[0] == counts[1] == 3


# ------------------------------------------------------------------ intervals by grade

SET_INTERVALS = """mutation($unit: ID!, $from: Date!, $s: Int!, $n: Int!, $l: Int!) {
  setCheckInIntervals(orgUnitId: $unit, effectiveFrom: $from, strictDays: $s,
                      normalDays: $n, lenientDays: $l) {
    effectiveFrom strictDays normalDays lenientDays orgUnit { name }
  }
}"""


def intervals_vars(world: World, unit: str, since: str, s: int, n: int, lv: int) -> dict[str, Any]:
    return {"unit": str(world.units[unit].id), "from": since, "s": s, "n": n, "l": lv}


async def test_enrolment_takes_the_interval_in_force_for_the_office(
    gql: GraphQLClient, world: World
) -> None:
    supervisor = world.tokens["supervisor"]  # the county correction centre's
    data = await gql.ok(
        SET_INTERVALS, intervals_vars(world, "bureau", "2026-01-01", 10, 20, 40), token=supervisor
    )
    assert data["setCheckInIntervals"] == {
        "effectiveFrom": "2026-01-01",
        "strictDays": 10,
        "normalDays": 20,
        "lenientDays": 40,
        "orgUnit": {"name": "青山县司法局"},
    }
    await gql.ok(
        SET_INTERVALS, intervals_vars(world, "a", "2026-03-05", 5, 10, 20), token=supervisor
    )
    # 2026-03-04 23:59 and 2026-03-05 00:00 in Shanghai.
    eve, day = utc(2026, 3, 4, 15, 59), utc(2026, 3, 4, 16, 0)
    assert (await enrol(world, eve, seq=1)).person.check_in_interval_days == 20  # the county's
    assert (await enrol(world, day, seq=2)).person.check_in_interval_days == 10  # office a's
    strict = await enrol(world, day, seq=3, level=SupervisionLevel.STRICT)
    assert strict.person.check_in_interval_days == 5
    assert strict.person.next_due_at == day + 5 * DAY
    other = await enrol(world, day, seq=4, who="officer_b", unit="b")
    assert other.person.check_in_interval_days == 20  # office b inherits the county's
    elsewhere = await enrol(world, day, seq=5, who="officer_x", unit="x")
    assert elsewhere.person.check_in_interval_days == 14  # no table there: the defaults
    # The officer may still choose for the person.
    chosen = await enrolment.enroll_person(
        at(world.call("officer_a"), day),
        full_name="赵六",
        id_number=rid(6),
        phone=None,
        correction_type=CorrectionType.PAROLE,
        supervision_level=SupervisionLevel.NORMAL,
        term_start=date(2026, 1, 1),
        term_end=date(2027, 1, 1),
        org_unit_id=world.units["a"].id,
        officer_id=None,
        check_in_interval_days=3,
    )
    assert chosen.person.check_in_interval_days == 3
    # Set again for the same day: corrected, not doubled.
    await gql.ok(
        SET_INTERVALS, intervals_vars(world, "a", "2026-03-05", 6, 12, 24), token=supervisor
    )
    assert await CheckInIntervalStandard.filter(org_unit_id=world.units["a"].id).count() == 1
    assert (await enrol(world, day, seq=7)).person.check_in_interval_days == 12
    entries = await AuditEntry.filter(action="check_in_intervals.set").count()
    assert entries == 3


IN_FORCE = """query($unit: ID!) { checkInIntervalsInForce(orgUnitId: $unit) {
  on strictDays normalDays lenientDays standard { effectiveFrom orgUnit { name } } } }"""


async def test_the_intervals_in_force_for_an_office_today(gql: GraphQLClient, world: World) -> None:
    """What the enrol form shows: the figures an enrolment there takes today
    (a row from today applies, one from tomorrow not yet), or the defaults."""
    today = datetime.now(CHINA_TZ).date()
    tomorrow = today + DAY
    supervisor = world.tokens["supervisor"]
    for unit, since, figures in [
        ("bureau", "2020-01-01", (10, 20, 40)),
        ("a", today.isoformat(), (5, 10, 20)),
        ("b", tomorrow.isoformat(), (6, 12, 24)),
    ]:
        await gql.ok(SET_INTERVALS, intervals_vars(world, unit, since, *figures), token=supervisor)

    async def in_force(who: str, unit: str) -> dict[str, Any]:
        variables = {"unit": str(world.units[unit].id)}
        data = await gql.ok(IN_FORCE, variables, token=world.tokens[who])
        found: dict[str, Any] = data["checkInIntervalsInForce"]
        assert found["on"] == today.isoformat()
        return found

    office_a = await in_force("officer_a", "a")
    assert (office_a["strictDays"], office_a["normalDays"], office_a["lenientDays"]) == (5, 10, 20)
    assert office_a["standard"]["effectiveFrom"] == today.isoformat()
    office_b = await in_force("officer_b", "b")  # its own row is not in force yet
    assert (office_b["strictDays"], office_b["normalDays"], office_b["lenientDays"]) == (10, 20, 40)
    assert office_b["standard"]["orgUnit"]["name"] == "青山县司法局"
    assert await in_force("supervisor", "b") == office_b
    defaults = await in_force("officer_x", "x")  # no table in that county
    assert (defaults["strictDays"], defaults["normalDays"], defaults["lenientDays"]) == (7, 14, 30)
    assert defaults["standard"] is None
    elsewhere = {"unit": str(world.units["x"].id)}
    ext = await gql.error(IN_FORCE, elsewhere, token=world.tokens["officer_a"])
    assert ext["code"] == "NOT_FOUND"


async def test_intervals_are_validated_and_scoped(gql: GraphQLClient, world: World) -> None:
    supervisor = world.tokens["supervisor"]
    cases = [
        ((0, 14, 30), "strictDays"),
        ((7, 91, 91), "normalDays"),
        ((7, 14, 91), "lenientDays"),
        ((14, 7, 30), "normalDays"),  # NORMAL more often than STRICT
        ((7, 30, 14), "lenientDays"),
    ]
    for (s, n, lv), field in cases:
        ext = await gql.error(
            SET_INTERVALS, intervals_vars(world, "bureau", "2026-01-01", s, n, lv), token=supervisor
        )
        assert ext == {"code": "BAD_USER_INPUT", "field": field}, (s, n, lv)
    ok = intervals_vars(world, "bureau", "2026-01-01", 7, 7, 7)
    for who, unit, code in [
        ("supervisor", "x", "NOT_FOUND"),  # another county
        ("supervisor_bureau", "a", "NOT_FOUND"),  # the bureau's side: no corrections
        ("officer_a", "a", "FORBIDDEN"),
        ("mediator_a", "a", "FORBIDDEN"),
    ]:
        ext = await gql.error(
            SET_INTERVALS, {**ok, "unit": str(world.units[unit].id)}, token=world.tokens[who]
        )
        assert ext["code"] == code, who
    assert await CheckInIntervalStandard.all().count() == 0
    assert (await gql.ok(SET_INTERVALS, ok, token=world.tokens["admin"]))["setCheckInIntervals"]
