"""Community corrections: enrolment, activation, schedules, check-ins, review, scope, reading."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from api.domain.accounts import activation
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, NotFound
from api.domain.common.secrets import code_hash
from api.domain.common.validators import resident_id_check_char
from api.domain.corrections import check_ins, enrolment, persons, schedule, term_rules
from api.models.accounts import User
from api.models.audit import AuditEntry
from api.models.corrections import ActivationCode, CheckIn, SupervisedPerson
from api.models.enums import (
    CheckInKind,
    CheckInStatus,
    CorrectionType,
    SupervisionLevel,
    SupervisionStatus,
)
from api.models.notifications import Notification
from api.settings import Rate
from tests.conftest import PASSWORD, Clients, Clock, GraphQLClient, QueryCounter, World

# A fixed start far enough back that every rule can be walked through with
# explicit times, and recent enough that sessions opened then still work.
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(days=20)
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


def rid(seq: int, born: str = "19900307") -> str:
    """A valid resident ID of Changchun's Nanguan district (220102) with the given sequence."""
    first17 = f"220102{born}{seq:03d}"
    return first17 + resident_id_check_char(first17)


def rid_ending_in_x() -> str:
    seq = next(s for s in range(1000) if rid(s).endswith("X"))
    return rid(seq)


def at(call: Call, when: datetime) -> Call:
    call.now = when
    return call


async def enroll(
    world: World,
    who: str = "officer_a",
    *,
    unit: str = "a",
    when: datetime = T0,
    seq: int = 1,
    name: str = "张三",
    level: SupervisionLevel = SupervisionLevel.NORMAL,
    officer: str | None = None,
) -> enrolment.Enrolled:
    return await enrolment.enroll_person(
        at(world.call(who), when),
        full_name=name,
        id_number=rid(seq),
        phone=None,
        correction_type=CorrectionType.PROBATION,
        supervision_level=level,
        term_start=date(2026, 1, 1),
        term_end=date(2027, 1, 1),
        org_unit_id=world.units[unit].id,
        officer_id=world.users[officer].id if officer else None,
        check_in_interval_days=None,
    )


async def activate(
    world: World, enrolled: enrolment.Enrolled, username: str, when: datetime = T0
) -> tuple[Call, str]:
    """The person's own call (viewer set) and bearer token."""
    call = Call(settings=world.settings, now=when)
    signed = await activation.activate_account(call, enrolled.activation_code, username, PASSWORD)
    return call, signed.token


async def report(
    call: Call,
    now: datetime,
    captured: datetime | None = None,
    *,
    person_id: int | None = None,
    kind: CheckInKind = CheckInKind.SELF_REPORT,
    client_id: str | None = None,
    **extra: Any,
) -> CheckIn:
    values: dict[str, Any] = {
        "latitude_deg": None,
        "longitude_deg": None,
        "accuracy": None,
        "note": None,
    }
    values.update(extra)
    return await check_ins.submit_check_in(
        at(call, now),
        client_id=client_id or str(uuid.uuid4()),
        person_id=person_id,
        kind=kind,
        captured_at=captured or now,
        **values,
    )


async def reload(person_id: int) -> SupervisedPerson:
    return await SupervisedPerson.get(id=person_id)


ENROLL = """mutation($i: EnrollPersonInput!) {
  enrollPerson(input: $i) {
    activationCode
    person { id fullName idNumberMasked status checkInPlan { intervalDays graceHours }
             nextCheckInDue overdue orgUnit { name } officer { username } account { id } }
  }
}"""


LOGIN = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"


def enroll_input(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "fullName": "李四",
        "idNumber": rid(7),
        "correctionType": "PAROLE",
        "supervisionLevel": "STRICT",
        "termStart": "2026-01-01",
        "termEnd": "2026-12-31",
        "orgUnitId": str(world.units["a"].id),
        **changes,
    }


# ------------------------------------------------------------------ enrolment


async def test_enroll_validates_and_masks_the_id(gql: GraphQLClient, world: World) -> None:
    token = world.tokens["officer_a"]
    with_x = rid_ending_in_x()
    lower = with_x[:-1] + "x"
    data = await gql.ok(ENROLL, {"i": enroll_input(world, idNumber=lower)}, token=token)
    payload = data["enrollPerson"]
    person = payload["person"]
    assert person["idNumberMasked"] == with_x[:6] + "********" + with_x[-4:]
    assert person["idNumberMasked"].endswith("X")
    assert person["checkInPlan"] == {"intervalDays": 7, "graceHours": 24}
    assert person["officer"] == {"username": "officer_a"}  # the enrolling officer by default
    assert person["orgUnit"] == {"name": "东关镇司法所"}
    assert person["overdue"] is False and person["account"] is None
    stored = await SupervisedPerson.get(id=int(person["id"]))
    assert stored.id_number == with_x  # whole, upper-case X
    assert stored.active_id_number == with_x
    code = payload["activationCode"]
    assert len(code) == 8 and not set(code) & set("01IOL")
    assert await ActivationCode.filter(code_hash=code_hash(code)).count() == 1
    assert code not in str(await AuditEntry.filter(action="person.enroll").values())

    wrong_check = rid(8)[:-1] + ("0" if rid(8)[-1] != "0" else "1")
    impossible = "22010219900230" + "123"  # 30 February
    impossible += resident_id_check_char(impossible)
    for bad in (wrong_check, impossible, rid(8)[:17]):
        ext = await gql.error(ENROLL, {"i": enroll_input(world, idNumber=bad)}, token=token)
        assert ext == {"code": "BAD_USER_INPUT", "field": "idNumber"}
    ext = await gql.error(ENROLL, {"i": enroll_input(world, idNumber=with_x)}, token=token)
    assert ext["code"] == "CONFLICT"  # unique among active persons


async def test_an_id_supervised_elsewhere_is_one_fact_audited_and_limited(
    clients: Clients, clock: Clock, world: World
) -> None:
    """The officer learns only that the ID is already under supervision; each
    refusal is audited with its last four digits; probing is rate-limited."""
    elsewhere = rid(41)
    x = {"orgUnitId": str(world.units["x"].id), "fullName": "王秘密"}
    async with clients(enrolment_duplicate_rate=Rate(3, timedelta(hours=24))) as gql:
        await gql.ok(
            ENROLL,
            {"i": enroll_input(world, idNumber=elsewhere, **x)},
            token=world.tokens["officer_x"],
        )
        for _ in range(3):
            body = await gql(
                ENROLL,
                {"i": enroll_input(world, idNumber=elsewhere)},
                token=world.tokens["officer_a"],
            )
            (error,) = body["errors"]
            assert error["extensions"] == {
                "code": "CONFLICT",
                "reason": "ALREADY_SUPERVISED",
                "field": "idNumber",
            }
            for secret in ("南岭", "白水", "王秘密", "officer", "Officer X", elsewhere[:6]):
                assert secret not in error["message"]
        refusals = await AuditEntry.filter(action="person.enroll", outcome="conflict")
        assert len(refusals) == 3
        for entry in refusals:
            assert entry.actor_id == world.users["officer_a"].id
            assert entry.summary == {
                "idNumberLast4": elsewhere[-4:],
                "orgUnitId": world.units["a"].id,
            }
            assert elsewhere[:-4] not in str(entry.summary) + str(entry.target_id)
        # The limit is spent: every enrolment of the account is refused
        # unchecked, a new person as well as another duplicate.
        persons = await SupervisedPerson.all().count()
        for id_number in (rid(42), elsewhere):
            ext = await gql.error(
                ENROLL,
                {"i": enroll_input(world, idNumber=id_number)},
                token=world.tokens["officer_a"],
            )
            assert ext["code"] == "RATE_LIMITED"
        assert await SupervisedPerson.all().count() == persons
        # Another account is not limited by it.
        await gql.ok(
            ENROLL,
            {"i": enroll_input(world, idNumber=rid(43), orgUnitId=str(world.units["b"].id))},
            token=world.tokens["officer_b"],
        )
        # The window ends at the next UTC midnight.
        midnight = (clock.now + timedelta(days=1)).replace(hour=0)
        assert ext["retryAfterSeconds"] == (midnight - clock.now).total_seconds()
        clock.now = midnight
        signed_in = await gql.ok(LOGIN, {"u": "officer_a", "p": PASSWORD})
        await gql.ok(
            ENROLL, {"i": enroll_input(world, idNumber=rid(42))}, token=signed_in["login"]["token"]
        )


# (kind, start, end, refused with): each bound on its day and the day past it.
TERM_CASES: list[tuple[CorrectionType, date, date, str | None]] = [
    # 缓刑: 拘役's at least 2 months (刑法 Art. 73 ¶1): 1 January to 28 February.
    (CorrectionType.PROBATION, date(2026, 1, 1), date(2026, 2, 28), None),
    (CorrectionType.PROBATION, date(2026, 1, 1), date(2026, 2, 27), "TERM_TOO_SHORT"),
    # 有期徒刑's at most 5 years (Art. 73 ¶2).
    (CorrectionType.PROBATION, date(2026, 1, 1), date(2030, 12, 31), None),
    (CorrectionType.PROBATION, date(2026, 1, 1), date(2031, 1, 1), "TERM_TOO_LONG"),
    # 31 March + 2 months is 31 May: its last day the 30th.
    (CorrectionType.PROBATION, date(2026, 3, 31), date(2026, 5, 30), None),
    (CorrectionType.PROBATION, date(2026, 3, 31), date(2026, 5, 29), "TERM_TOO_SHORT"),
    # 管制: at most 3 years for several crimes (Art. 38 ¶1, 69 ¶1); custody
    # counted double (Art. 41) leaves less than 3 months to serve.
    (CorrectionType.CONTROL, date(2026, 1, 1), date(2028, 12, 31), None),
    (CorrectionType.CONTROL, date(2026, 1, 1), date(2029, 1, 1), "TERM_TOO_LONG"),
    (CorrectionType.CONTROL, date(2026, 1, 1), date(2026, 1, 20), None),
    # 假释 and 暂予监外执行: within the longest fixed term, 25 years (Art. 50, 69, 83).
    (CorrectionType.PAROLE, date(2026, 1, 1), date(2050, 12, 31), None),
    (CorrectionType.PAROLE, date(2026, 1, 1), date(2051, 1, 1), "TERM_TOO_LONG"),
    (CorrectionType.TEMPORARY_OUTSIDE_PRISON, date(2026, 1, 1), date(2050, 12, 31), None),
    (CorrectionType.TEMPORARY_OUTSIDE_PRISON, date(2026, 1, 1), date(2051, 1, 1), "TERM_TOO_LONG"),
    # The term the office saw typed: refused whatever its kind.
    (CorrectionType.PAROLE, date(1900, 1, 1), date(9999, 12, 31), "TERM_TOO_LONG"),
    (CorrectionType.PROBATION, date(9999, 1, 1), date(9999, 12, 31), None),
    (CorrectionType.PROBATION, date(2026, 1, 1), date(2026, 1, 1), "TERM_END_BEFORE_START"),
]


@pytest.mark.parametrize(("kind", "start", "end", "refused"), TERM_CASES)
def test_a_term_lies_within_its_kinds_lawful_length(
    kind: CorrectionType, start: date, end: date, refused: str | None
) -> None:
    if refused is None:
        term_rules.check_term(kind, start, end)
        return
    with pytest.raises(BadInput) as error:
        term_rules.check_term(kind, start, end)
    assert (error.value.reason, error.value.field) == (refused, "termEnd")


async def test_an_absurd_term_is_refused_at_enrolment_and_nothing_stored(
    gql: GraphQLClient, world: World
) -> None:
    officer = world.tokens["officer_a"]
    absurd = {"correctionType": "PROBATION", "termStart": "1900-01-01", "termEnd": "9999-12-31"}
    ext = await gql.refusal(ENROLL, {"i": enroll_input(world, **absurd)}, token=officer)
    assert (ext["code"], ext["field"], ext["reason"]) == (
        "BAD_USER_INPUT",
        "termEnd",
        "TERM_TOO_LONG",
    )
    assert ext["params"] == {"months": 60}
    control = {"correctionType": "CONTROL", "termStart": "2026-01-01"}
    ext = await gql.refusal(
        ENROLL, {"i": enroll_input(world, termEnd="2029-01-01", **control)}, token=officer
    )
    assert (ext["reason"], ext["params"]) == ("TERM_TOO_LONG", {"months": 36})
    assert not await SupervisedPerson.exists()
    await gql.ok(ENROLL, {"i": enroll_input(world, termEnd="2028-12-31", **control)}, token=officer)


async def test_enroll_rules(gql: GraphQLClient, world: World) -> None:
    officer, supervisor = world.tokens["officer_a"], world.tokens["supervisor"]
    cases: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
        (officer, {"termEnd": "2026-01-01"}, {"code": "BAD_USER_INPUT", "field": "termEnd"}),
        (
            supervisor,
            {"orgUnitId": str(world.units["center"].id)},
            {"code": "BAD_USER_INPUT", "field": "orgUnitId"},
        ),
        (officer, {"orgUnitId": str(world.units["b"].id)}, {"code": "NOT_FOUND"}),
        (
            supervisor,
            {"orgUnitId": str(world.units["b"].id), "officerId": str(world.users["officer_a"].id)},
            {"code": "BAD_USER_INPUT", "field": "officerId"},
        ),
        (
            officer,
            {"checkInIntervalDays": 91},
            {"code": "BAD_USER_INPUT", "field": "checkInIntervalDays"},
        ),
        (officer, {"phone": "12345"}, {"code": "BAD_USER_INPUT", "field": "phone"}),
        (world.tokens["mediator_a"], {}, {"code": "FORBIDDEN"}),
        (world.tokens["supervisor_x"], {}, {"code": "NOT_FOUND"}),
    ]
    for token, change, expected in cases:
        ext = await gql.error(ENROLL, {"i": enroll_input(world, **change)}, token=token)
        assert {k: ext.get(k) for k in expected} == expected, change
    assert await SupervisedPerson.all().count() == 0
    # A supervisor enrols at an office below, with that office's officer.
    data = await gql.ok(
        ENROLL,
        {
            "i": enroll_input(
                world,
                orgUnitId=str(world.units["b"].id),
                officerId=str(world.users["officer_b"].id),
                supervisionLevel="LENIENT",
            )
        },
        token=supervisor,
    )
    person = data["enrollPerson"]["person"]
    assert person["officer"] == {"username": "officer_b"}
    assert person["checkInPlan"]["intervalDays"] == 30


async def test_default_intervals_by_level(world: World) -> None:
    for seq, (level, days) in enumerate(
        [
            (SupervisionLevel.STRICT, 7),
            (SupervisionLevel.NORMAL, 14),
            (SupervisionLevel.LENIENT, 30),
        ]
    ):
        person = (await enroll(world, seq=seq, level=level)).person
        assert person.check_in_interval_days == days
        assert person.next_due_at == T0 + days * DAY
        assert person.overdue_at == T0 + days * DAY + 24 * HOUR


async def test_a_terminated_person_may_be_enrolled_again(world: World) -> None:
    first = await enroll(world)
    # As the flows that end supervision leave the row (法 Art. 45).
    await SupervisedPerson.filter(id=first.person.id).update(
        status=SupervisionStatus.TERMINATED, active_id_number=None
    )
    again = await enroll(world)
    assert again.person.id != first.person.id
    with pytest.raises(Conflict):
        await persons.set_supervision_status(
            world.call("officer_a"), first.person.id, SupervisionStatus.ACTIVE, "误操作"
        )


# ------------------------------------------------------------------ activation

ACTIVATE = """mutation($c: String!, $u: String!, $p: String!) {
  activateAccount(code: $c, username: $u, password: $p) { token viewer { username role } }
}"""
REISSUE = "mutation($id: ID!) { reissueActivationCode(personId: $id) }"


async def test_activation_works_once(gql: GraphQLClient, world: World) -> None:
    enrolled = await enroll(world, when=datetime.now(UTC))
    code = enrolled.activation_code
    data = await gql.ok(ACTIVATE, {"c": code.lower(), "u": "zhang.san", "p": PASSWORD})
    payload = data["activateAccount"]
    assert payload["viewer"] == {"username": "zhang.san", "role": "SUPERVISED_PERSON"}
    me = await gql.ok("{ viewer { username } }", token=payload["token"])
    assert me["viewer"]["username"] == "zhang.san"
    person = await reload(enrolled.person.id)
    user = await User.get(username="zhang.san")
    assert person.account_id == user.id
    ext = await gql.error(ACTIVATE, {"c": code, "u": "zhang.san2", "p": PASSWORD})
    assert ext == {"code": "BAD_USER_INPUT", "field": "code"}
    assert await User.filter(username="zhang.san2").count() == 0
    # No new code once the account exists.
    ext = await gql.error(REISSUE, {"id": str(person.id)}, token=world.tokens["officer_a"])
    assert ext["code"] == "CONFLICT"
    assert await AuditEntry.filter(action="person.activate", target_id=str(person.id)).count() == 1


async def test_activation_code_expires_after_7_days(gql: GraphQLClient, world: World) -> None:
    enrolled = await enroll(world, when=datetime.now(UTC))
    row = await ActivationCode.get(person_id=enrolled.person.id)
    assert row.expires_at - row.created_at == timedelta(days=7)
    row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    await row.save()
    ext = await gql.error(
        ACTIVATE, {"c": enrolled.activation_code, "u": "zhang.san", "p": PASSWORD}
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "code"}


async def test_reissue_voids_the_old_code(gql: GraphQLClient, world: World) -> None:
    enrolled = await enroll(world, when=datetime.now(UTC))
    ext = await gql.error(REISSUE, {"id": str(enrolled.person.id)}, token=world.tokens["officer_b"])
    assert ext["code"] == "NOT_FOUND"
    new = (await gql.ok(REISSUE, {"id": str(enrolled.person.id)}, token=world.tokens["officer_a"]))[
        "reissueActivationCode"
    ]
    assert new != enrolled.activation_code
    ext = await gql.error(
        ACTIVATE, {"c": enrolled.activation_code, "u": "zhang.san", "p": PASSWORD}
    )
    assert ext["field"] == "code"
    # A taken username is refused without using up the code.
    ext = await gql.error(ACTIVATE, {"c": new, "u": "officer_a", "p": PASSWORD})
    assert ext == {"code": "CONFLICT", "field": "username"}
    await gql.ok(ACTIVATE, {"c": new, "u": "zhang.san", "p": PASSWORD})


# ------------------------------------------------------------------ schedule


async def test_due_and_overdue_from_enrolment(world: World) -> None:
    person = (await enroll(world)).person  # NORMAL: 14 days, grace 24 h
    due = T0 + 14 * DAY
    assert schedule.next_check_in_due(person) == due
    assert not schedule.is_overdue(person, due + 24 * HOUR)
    assert schedule.is_overdue(person, due + 24 * HOUR + timedelta(seconds=1))


async def test_check_in_moves_the_due_time_and_lateness(world: World) -> None:
    enrolled = await enroll(world)
    me, _ = await activate(world, enrolled, "zhang.san")
    first = await report(me, T0 + 10 * DAY)
    assert first.late is False and first.status == CheckInStatus.PENDING_REVIEW
    person = await reload(enrolled.person.id)
    assert person.last_check_in_at == T0 + 10 * DAY
    assert person.next_due_at == T0 + 24 * DAY
    # 24 h of grace after the due time is still on time; one minute more is late.
    on_edge = await report(me, T0 + 25 * DAY, T0 + 25 * DAY)
    assert on_edge.late is False
    late = await report(me, T0 + 40 * DAY + 2 * HOUR, T0 + 40 * DAY + 1 * HOUR)
    assert late.late is True
    assert (await reload(enrolled.person.id)).next_due_at == T0 + 54 * DAY + HOUR


async def test_offline_check_in_is_judged_on_captured_at(world: World) -> None:
    enrolled = await enroll(world)
    me, _ = await activate(world, enrolled, "zhang.san")
    overdue_at = T0 + 15 * DAY
    # Recorded on the phone before the deadline, with no signal ...
    captured = T0 + 14 * DAY
    # ... and the office sees the person overdue until it arrives.
    assert schedule.is_overdue(await reload(enrolled.person.id), overdue_at + HOUR)
    row = await report(me, T0 + 17 * DAY, captured)
    assert row.late is False
    assert row.captured_at == captured and row.received_at == T0 + 17 * DAY
    person = await reload(enrolled.person.id)
    assert person.next_due_at == captured + 14 * DAY
    assert not schedule.is_overdue(person, T0 + 17 * DAY)


async def test_a_check_in_captured_before_the_last_one_keeps_the_schedule(
    world: World, count_queries: type[QueryCounter]
) -> None:
    """The two ways of submit_check_in: captured after the newest accepted
    check-in (the row's own last_check_in_at decides, no counting), and an
    offline report that arrives after a newer one (judged on the check-ins
    before it; the schedule, which runs from the newest, stays)."""
    enrolled = await enroll(world)  # NORMAL: 14 days, grace 24 h
    me, _ = await activate(world, enrolled, "zhang.san")
    with count_queries() as newest:
        await report(me, T0 + 20 * DAY, T0 + 20 * DAY)  # late: due T0+14d, grace to T0+15d
    assert not any("MAX(" in q for q in newest.statements)
    person = await reload(enrolled.person.id)
    assert person.last_check_in_at == T0 + 20 * DAY
    assert person.next_due_at == T0 + 34 * DAY
    # Made offline on day 16 (late then: due day 14, grace to day 15), sent
    # on day 21, after the day-20 one.
    with count_queries() as older:
        late = await report(me, T0 + 21 * DAY, T0 + 16 * DAY)
    assert any("MAX(" in q for q in older.statements)
    assert late.late is True
    # Made on day 12 (on time then), sent later still.
    assert (await report(me, T0 + 21 * DAY, T0 + 12 * DAY)).late is False
    # Captured at the very time of the newest: judged on the one before it
    # (day 16: due day 30), so on time.
    assert (await report(me, T0 + 21 * DAY, T0 + 20 * DAY)).late is False
    # The schedule still runs from the newest, as a full recount says.
    person = await reload(enrolled.person.id)
    assert person.last_check_in_at == T0 + 20 * DAY
    assert (person.next_due_at, person.overdue_at) == (T0 + 34 * DAY, T0 + 35 * DAY)
    assert await schedule.last_accepted_at(person.id) == person.last_check_in_at


async def test_captured_after_due_plus_grace_is_late_even_if_sent_at_once(world: World) -> None:
    enrolled = await enroll(world, level=SupervisionLevel.STRICT)  # 7 days
    me, _ = await activate(world, enrolled, "zhang.san")
    row = await report(me, T0 + 8 * DAY + timedelta(seconds=1))
    assert row.late is True


async def test_rejection_recomputes_from_the_previous_accepted(world: World) -> None:
    enrolled = await enroll(world)
    me, _ = await activate(world, enrolled, "zhang.san")
    await report(me, T0 + 5 * DAY)
    second = await report(me, T0 + 12 * DAY)
    assert (await reload(enrolled.person.id)).next_due_at == T0 + 26 * DAY
    await check_ins.review_check_in(
        at(world.call("officer_a"), T0 + 13 * DAY),
        second.id,
        CheckInStatus.REJECTED,
        "定位不在辖区",
    )
    person = await reload(enrolled.person.id)
    assert person.last_check_in_at == T0 + 5 * DAY
    assert person.next_due_at == T0 + 19 * DAY
    # A later report is late if it comes after the fallback deadline.
    third = await report(me, T0 + 20 * DAY + HOUR)
    assert third.late is True


async def test_set_check_in_plan(world: World) -> None:
    enrolled = await enroll(world)
    officer = world.call("officer_a")
    person = await schedule.set_check_in_plan(officer, enrolled.person.id, 3, 0)
    assert (person.check_in_interval_days, person.grace_hours) == (3, 0)
    assert person.next_due_at == T0 + 3 * DAY
    assert person.overdue_at == T0 + 3 * DAY  # no grace
    assert schedule.is_overdue(person, T0 + 3 * DAY + timedelta(seconds=1))
    stored = await reload(enrolled.person.id)
    assert stored.overdue_at == T0 + 3 * DAY
    for interval, grace, field in [
        (0, 24, "intervalDays"),
        (91, 24, "intervalDays"),
        (7, -1, "graceHours"),
        (7, 169, "graceHours"),
    ]:
        with pytest.raises(BadInput) as info:
            await schedule.set_check_in_plan(officer, enrolled.person.id, interval, grace)
        assert info.value.field == field
    person = await schedule.set_check_in_plan(officer, enrolled.person.id, 90, 168)
    assert person.overdue_at == T0 + 90 * DAY + 168 * HOUR
    with pytest.raises(NotFound):
        await schedule.set_check_in_plan(world.call("officer_b"), enrolled.person.id, 7, 24)


async def test_non_active_persons_are_never_due(world: World) -> None:
    enrolled = await enroll(world, when=T0 - 60 * DAY)
    person = await persons.set_supervision_status(
        world.call("officer_a"), enrolled.person.id, SupervisionStatus.ABSCONDED, "联系不上"
    )
    assert schedule.next_check_in_due(person) is None
    assert schedule.is_overdue(person, T0) is False


# ------------------------------------------------------------------ check-in input

SUBMIT = """mutation($i: CheckInInput!) {
  submitCheckIn(input: $i) {
    id clientId kind capturedAt late status note location { latitude longitude accuracyMeters }
    recordedBy { username } person { id }
  }
}"""


async def person_with_token(world: World) -> tuple[enrolment.Enrolled, str]:
    enrolled = await enroll(world, when=datetime.now(UTC) - 2 * DAY, seq=99)
    _, token = await activate(world, enrolled, "zhang.san", datetime.now(UTC))
    return enrolled, token


def iso(moment: datetime) -> str:
    return moment.isoformat()


async def test_check_in_input_is_validated(gql: GraphQLClient, world: World) -> None:
    enrolled, token = await person_with_token(world)
    now = datetime.now(UTC)
    base = {"clientId": str(uuid.uuid4()), "capturedAt": iso(now)}
    cases = [
        ({"clientId": "not-a-uuid"}, "clientId"),
        ({"capturedAt": iso(now + timedelta(minutes=6))}, "capturedAt"),
        ({"capturedAt": iso(now - 3 * DAY)}, "capturedAt"),  # before enrolment
        ({"latitude": 90.5, "longitude": 120.0}, "latitude"),
        ({"latitude": 30.0, "longitude": -180.5}, "longitude"),
        ({"latitude": 30.0}, "longitude"),
        ({"latitude": 30.0, "longitude": 120.0, "accuracyMeters": -1.0}, "accuracyMeters"),
        ({"note": "字" * 2001}, "note"),
        ({"kind": "HOME_VISIT"}, "kind"),
    ]
    for change, field in cases:
        ext = await gql.error(SUBMIT, {"i": {**base, **change}}, token=token)
        assert ext == {"code": "BAD_USER_INPUT", "field": field}, change
    assert await CheckIn.all().count() == 0
    data = await gql.ok(
        SUBMIT,
        {
            "i": {
                **base,
                "capturedAt": iso(now + timedelta(minutes=4)),  # within clock skew
                "latitude": 43.88,
                "longitude": 125.35,
                "accuracyMeters": 12.5,
                "note": "字" * 2000,
            }
        },
        token=token,
    )
    row = data["submitCheckIn"]
    assert row["location"] == {"latitude": 43.88, "longitude": 125.35, "accuracyMeters": 12.5}
    assert row["recordedBy"] == {"username": "zhang.san"}
    assert row["person"] == {"id": str(enrolled.person.id)}
    assert row["kind"] == "SELF_REPORT" and row["late"] is False


async def test_check_ins_older_than_30_days_are_refused(world: World) -> None:
    enrolled = await enroll(world, when=T0 - 60 * DAY)
    me, _ = await activate(world, enrolled, "zhang.san", T0 - 60 * DAY)
    with pytest.raises(BadInput) as info:
        await report(me, T0, T0 - 30 * DAY - timedelta(seconds=1))
    assert info.value.field == "capturedAt"
    await report(me, T0, T0 - 29 * DAY)


async def test_an_absconded_person_reports_and_the_officer_hears_at_once(world: World) -> None:
    """脱管 (社区矫正法 Art. 30): the person's own report is taken and alerts at once;
    the officer marks the person found. An ended supervision takes no report."""
    enrolled = await enroll(world, officer="officer_a")
    me, _ = await activate(world, enrolled, "zhang.san")
    await persons.set_supervision_status(
        at(world.call("officer_a"), T0 + DAY),
        enrolled.person.id,
        SupervisionStatus.ABSCONDED,
        "失联",
    )
    row = await report(me, T0 + 2 * DAY, latitude_deg=31.2, longitude_deg=121.4)
    assert row.status == CheckInStatus.PENDING_REVIEW
    assert (await reload(enrolled.person.id)).status == SupervisionStatus.ABSCONDED
    alerted = await Notification.filter(kind="person.reported_while_absconded").values_list(
        "recipient_id", flat=True
    )
    assert world.users["officer_a"].id in alerted and world.users["supervisor"].id in alerted
    assert world.users["supervisor_x"].id not in alerted
    # Not a way round marking the person found: the office records no report for them.
    with pytest.raises(BadInput):
        await report(
            world.call("officer_a"),
            T0 + 2 * DAY,
            person_id=enrolled.person.id,
            kind=CheckInKind.IN_PERSON,
            note="来所",
        )
    await SupervisedPerson.filter(id=enrolled.person.id).update(status=SupervisionStatus.RELEASED)
    with pytest.raises(Conflict):  # the account reads its history only
        await report(me, T0 + 3 * DAY)


async def test_officer_records_in_person_and_home_visits(gql: GraphQLClient, world: World) -> None:
    enrolled, _ = await person_with_token(world)
    officer = world.tokens["officer_a"]
    data = await gql.ok(
        SUBMIT,
        {
            "i": {
                "clientId": str(uuid.uuid4()),
                "personId": str(enrolled.person.id),
                "kind": "HOME_VISIT",
                "capturedAt": iso(datetime.now(UTC)),
            }
        },
        token=officer,
    )
    row = data["submitCheckIn"]
    assert row["recordedBy"] == {"username": "officer_a"}
    assert row["status"] == "VERIFIED"
    base = {"clientId": str(uuid.uuid4()), "capturedAt": iso(datetime.now(UTC))}
    ext = await gql.error(
        SUBMIT, {"i": {**base, "personId": str(enrolled.person.id)}}, token=officer
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "kind"}  # SELF_REPORT is the person's
    ext = await gql.error(SUBMIT, {"i": {**base, "kind": "IN_PERSON"}}, token=officer)
    assert ext == {"code": "BAD_USER_INPUT", "field": "personId"}
    ext = await gql.error(
        SUBMIT,
        {"i": {**base, "kind": "IN_PERSON", "personId": str(enrolled.person.id), "note": "面谈"}},
        token=world.tokens["officer_b"],
    )
    assert ext["code"] == "NOT_FOUND"
    ext = await gql.error(SUBMIT, {"i": base}, token=world.tokens["mediator_a"])
    assert ext["code"] == "FORBIDDEN"


async def test_an_in_person_report_needs_a_note(gql: GraphQLClient, world: World) -> None:
    # With no note, a tap on "record in-person report" cleared an overdue
    # person and recorded nothing of what was said.
    enrolled, _ = await person_with_token(world)
    officer = world.tokens["officer_a"]
    base = {
        "personId": str(enrolled.person.id),
        "kind": "IN_PERSON",
        "capturedAt": iso(datetime.now(UTC)),
    }
    for note in (None, "", "   "):
        ext = await gql.error(
            SUBMIT, {"i": {**base, "clientId": str(uuid.uuid4()), "note": note}}, token=officer
        )
        assert ext == {"code": "BAD_USER_INPUT", "field": "note"}, note
    assert await CheckIn.all().count() == 0
    before = await SupervisedPerson.get(id=enrolled.person.id)
    assert before.last_check_in_at is None
    stored = await gql.ok(
        SUBMIT,
        {"i": {**base, "clientId": str(uuid.uuid4()), "note": "谈了就业情况"}},
        token=officer,
    )
    assert stored["submitCheckIn"]["status"] == "VERIFIED"


# ------------------------------------------------------------------ replays


async def test_same_client_id_returns_the_stored_check_in(gql: GraphQLClient, world: World) -> None:
    _, token = await person_with_token(world)
    captured = datetime.now(UTC) - HOUR
    first_input = {"clientId": str(uuid.uuid4()), "capturedAt": iso(captured), "note": "在家"}
    first = (await gql.ok(SUBMIT, {"i": first_input}, token=token))["submitCheckIn"]
    again = (await gql.ok(SUBMIT, {"i": {**first_input, "note": "changed"}}, token=token))[
        "submitCheckIn"
    ]
    assert again == first  # unchanged, not updated
    assert await CheckIn.all().count() == 1


async def test_concurrent_duplicates_store_one_row(gql: GraphQLClient, world: World) -> None:
    _, token = await person_with_token(world)
    payload = {"i": {"clientId": str(uuid.uuid4()), "capturedAt": iso(datetime.now(UTC))}}
    results = await asyncio.gather(*(gql(SUBMIT, payload, token=token) for _ in range(20)))
    for body in results:
        assert not body.get("errors"), body["errors"]
    ids = {body["data"]["submitCheckIn"]["id"] for body in results}
    assert len(ids) == 1
    assert await CheckIn.all().count() == 1
    assert await AuditEntry.filter(action="checkin.submit").count() == 1


async def test_client_id_of_another_account_is_conflict(gql: GraphQLClient, world: World) -> None:
    enrolled, token = await person_with_token(world)
    client_id = str(uuid.uuid4())
    now = iso(datetime.now(UTC))
    await gql.ok(SUBMIT, {"i": {"clientId": client_id, "capturedAt": now}}, token=token)
    ext = await gql.error(
        SUBMIT,
        {
            "i": {
                "clientId": client_id,
                "capturedAt": now,
                "kind": "IN_PERSON",
                "personId": str(enrolled.person.id),
            }
        },
        token=world.tokens["officer_a"],
    )
    assert ext == {"code": "CONFLICT", "field": "clientId"}
    assert await CheckIn.all().count() == 1


# ------------------------------------------------------------------ review

REVIEW = """mutation($id: ID!, $s: CheckInStatus!, $n: String) {
  reviewCheckIn(id: $id, status: $s, note: $n) { status reviewNote reviewedBy { username } }
}"""


async def test_review(gql: GraphQLClient, world: World) -> None:
    enrolled, token = await person_with_token(world)
    data = await gql.ok(
        SUBMIT,
        {"i": {"clientId": str(uuid.uuid4()), "capturedAt": iso(datetime.now(UTC))}},
        token=token,
    )
    check_in_id = data["submitCheckIn"]["id"]
    officer = world.tokens["officer_a"]
    ext = await gql.error(REVIEW, {"id": check_in_id, "s": "REJECTED"}, token=officer)
    assert ext == {"code": "BAD_USER_INPUT", "field": "note"}
    ext = await gql.error(REVIEW, {"id": check_in_id, "s": "PENDING_REVIEW"}, token=officer)
    assert ext == {"code": "BAD_USER_INPUT", "field": "status"}
    for outsider in ("officer_b", "supervisor_x"):
        ext = await gql.error(
            REVIEW, {"id": check_in_id, "s": "VERIFIED"}, token=world.tokens[outsider]
        )
        assert ext["code"] == "NOT_FOUND"
    ext = await gql.error(REVIEW, {"id": check_in_id, "s": "VERIFIED"}, token=token)
    assert ext["code"] == "FORBIDDEN"
    data = await gql.ok(
        REVIEW, {"id": check_in_id, "s": "REJECTED", "n": "照片不清楚"}, token=officer
    )
    assert data["reviewCheckIn"] == {
        "status": "REJECTED",
        "reviewNote": "照片不清楚",
        "reviewedBy": {"username": "officer_a"},
    }
    person = await reload(enrolled.person.id)
    notice = await Notification.get(kind="checkin.rejected")
    assert notice.recipient_id == person.account_id
    assert "照片不清楚" in notice.body
    assert person.last_check_in_at is None  # the rejected one does not count
    entry = await AuditEntry.get(action="checkin.review")
    assert entry.target_id == check_in_id
    assert entry.summary["to"] == "REJECTED"
    assert entry.actor_name == world.users["officer_a"].display_name


# ------------------------------------------------------------------ status

STATUS = """mutation($id: ID!, $s: SupervisionStatus!, $n: String!) {
  setSupervisionStatus(personId: $id, status: $s, note: $n) { status nextCheckInDue overdue }
}"""


async def test_absconded_alerts_officer_and_supervisors(gql: GraphQLClient, world: World) -> None:
    enrolled = await enroll(world)
    pid = str(enrolled.person.id)
    officer = world.tokens["officer_a"]
    ext = await gql.error(STATUS, {"id": pid, "s": "ABSCONDED", "n": "  "}, token=officer)
    assert ext == {"code": "BAD_USER_INPUT", "field": "note"}
    ext = await gql.error(
        STATUS, {"id": pid, "s": "ABSCONDED", "n": "失联"}, token=world.tokens["officer_b"]
    )
    assert ext["code"] == "NOT_FOUND"
    data = await gql.ok(STATUS, {"id": pid, "s": "ABSCONDED", "n": "三天联系不上"}, token=officer)
    assert data["setSupervisionStatus"] == {
        "status": "ABSCONDED",
        "nextCheckInDue": None,
        "overdue": False,
    }
    alerts = await Notification.filter(kind="person.absconded")
    assert {n.recipient_id for n in alerts} == {
        world.users["officer_a"].id,
        world.users["supervisor"].id,
    }
    assert {n.urgency for n in alerts} == {"high"}
    await gql.ok(
        STATUS, {"id": pid, "s": "ACTIVE", "n": "已到所报到"}, token=world.tokens["supervisor"]
    )
    restored = await Notification.filter(kind="person.contact_restored")
    assert len(restored) == 2
    entries = await AuditEntry.filter(action="person.set_status").order_by("id")
    assert [(e.summary["from"], e.summary["to"]) for e in entries] == [
        ("ACTIVE", "ABSCONDED"),
        ("ABSCONDED", "ACTIVE"),
    ]
    assert entries[0].summary["note"] == "三天联系不上"


# ------------------------------------------------------------------ reading

LIST = """query($first: Int, $after: String, $f: SupervisedPersonFilter) {
  supervisedPersons(first: $first, after: $after, filter: $f) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id fullName overdue status nextCheckInDue } }
  }
}"""


def names(data: dict[str, Any]) -> list[str]:
    return [e["node"]["fullName"] for e in data["supervisedPersons"]["edges"]]


async def caseload(world: World) -> dict[str, int]:
    """Persons of office A and B with known due times, relative to the real now."""
    now = datetime.now(UTC)
    made = {}
    specs = [
        ("甲", "a", now - 20 * DAY, SupervisionLevel.STRICT),  # overdue by 12 days
        ("乙", "a", now - 10 * DAY, SupervisionLevel.STRICT),  # overdue by 2 days
        ("丙", "a", now - 2 * DAY, SupervisionLevel.STRICT),  # due in 5 days
        ("丁", "a", now - 1 * DAY, SupervisionLevel.NORMAL),  # due in 13 days
        ("戊", "b", now - 3 * DAY, SupervisionLevel.LENIENT),  # due in 27 days
        ("己", "a", now - 30 * DAY, SupervisionLevel.STRICT),  # absconded
    ]
    for seq, (name, unit, when, level) in enumerate(specs):
        who = "officer_a" if unit == "a" else "officer_b"
        enrolled = await enroll(world, who, unit=unit, when=when, seq=seq, name=name, level=level)
        made[name] = enrolled.person.id
    await persons.set_supervision_status(
        world.call("officer_a"), made["己"], SupervisionStatus.ABSCONDED, "失联"
    )
    return made


async def test_caseload_order_and_filters(gql: GraphQLClient, world: World) -> None:
    made = await caseload(world)
    officer, supervisor = world.tokens["officer_a"], world.tokens["supervisor"]
    data = await gql.ok(LIST, token=officer)
    # The absconded person first, above the overdue: its own due date (30 days
    # past) is older than theirs, yet it is absconded, not overdue as well.
    assert names(data) == ["己", "甲", "乙", "丙", "丁"]
    assert data["supervisedPersons"]["totalCount"] == 5
    overdue = [e["node"]["overdue"] for e in data["supervisedPersons"]["edges"]]
    assert overdue == [False, True, True, False, False]
    assert data["supervisedPersons"]["edges"][0]["node"]["nextCheckInDue"] is None
    assert names(await gql.ok(LIST, token=supervisor)) == ["己", "甲", "乙", "丙", "丁", "戊"]
    assert names(await gql.ok(LIST, token=world.tokens["officer_b"])) == ["戊"]
    assert names(await gql.ok(LIST, token=world.tokens["supervisor_x"])) == []
    filters: list[tuple[dict[str, Any], list[str]]] = [
        ({"overdue": True}, ["甲", "乙"]),
        ({"overdue": False}, ["己", "丙", "丁", "戊"]),
        ({"status": "ABSCONDED"}, ["己"]),
        ({"officerId": str(world.users["officer_b"].id)}, ["戊"]),
        ({"search": "丙"}, ["丙"]),
        ({"search": rid(3)[-4:]}, ["丁"]),
        ({"search": rid(3)[-4:].lower()}, ["丁"]),
        # LIKE's wildcards are the user's text, not patterns.
        ({"search": "%"}, []),
        ({"search": "_"}, []),
        ({"search": "\\"}, []),
    ]
    for f, expected in filters:
        data = await gql.ok(LIST, {"f": f}, token=supervisor)
        assert names(data) == expected, f
        assert data["supervisedPersons"]["totalCount"] == len(expected)
    assert made["戊"]
    # Only the four digits the mask shows: a longer suffix would probe hidden ones.
    ext = await gql.error(LIST, {"f": {"search": rid(3)[-5:]}}, token=supervisor)
    assert ext == {"code": "BAD_USER_INPUT", "field": "filter.search"}
    ext = await gql.error(LIST, {"first": 101}, token=officer)
    assert ext == {"code": "BAD_USER_INPUT", "field": "first"}
    ext = await gql.error(LIST, {"after": "garbage"}, token=officer)
    assert ext == {"code": "BAD_USER_INPUT", "field": "after"}
    assert (await gql.error(LIST, token=world.tokens["mediator_a"]))["code"] == "FORBIDDEN"
    assert (await gql.error(LIST))["code"] == "UNAUTHENTICATED"


async def test_the_caseload_finds_a_person_by_the_whole_id(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    """A whole 18-character ID finds its person, compared whole (never a LIKE
    on the number); any other length of digits is told what is accepted."""
    await caseload(world)
    supervisor = world.tokens["supervisor"]
    whole = rid(3)
    spaced = f"{whole[:6]} {whole[6:14]} {whole[14:]}"
    full_width = "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in whole)
    with count_queries() as counted:
        for term in (whole, spaced, full_width):
            assert names(await gql.ok(LIST, {"f": {"search": term}}, token=supervisor)) == ["丁"]
    listing = [q for q in counted.statements if "supervised_person" in q and "id_number" in q]
    assert listing and not any("LIKE" in q.upper() for q in listing), listing
    # A valid ID of nobody here: no one. Another office's person outside the viewer's scope: no one.
    assert names(await gql.ok(LIST, {"f": {"search": rid(99)}}, token=supervisor)) == []
    officer_b = world.tokens["officer_b"]
    assert names(await gql.ok(LIST, {"f": {"search": whole}}, token=officer_b)) == []
    # A wrong check character is said to be one; 5 to 17 digits are told what is accepted.
    wrong = whole[:17] + ("0" if whole[17] != "0" else "1")
    ext = await gql.refusal(LIST, {"f": {"search": wrong}}, token=supervisor)
    assert (ext["code"], ext["reason"]) == ("BAD_USER_INPUT", "RESIDENT_ID_CHECK_DIGIT")
    body = await gql(LIST, {"f": {"search": whole[:17]}}, token=supervisor)
    assert body["errors"][0]["extensions"]["reason"] == "SEARCH_ID_DIGITS"
    assert "18" in body["errors"][0]["message"]


async def test_keyset_pages_are_stable_under_inserts(gql: GraphQLClient, world: World) -> None:
    await caseload(world)
    supervisor = world.tokens["supervisor"]
    first = await gql.ok(LIST, {"first": 2}, token=supervisor)
    assert names(first) == ["己", "甲"]
    cursor = first["supervisedPersons"]["pageInfo"]["endCursor"]
    # Someone enrolled meanwhile, sorting before the cursor: no repeat, no skip.
    await enroll(world, when=datetime.now(UTC) - 40 * DAY, seq=50, name="庚")
    seen = names(first)
    while cursor:
        page = await gql.ok(LIST, {"first": 2, "after": cursor}, token=supervisor)
        seen += names(page)
        info = page["supervisedPersons"]["pageInfo"]
        cursor = info["endCursor"] if info["hasNextPage"] else None
    assert seen == ["己", "甲", "乙", "丙", "丁", "戊"]


async def test_a_person_sees_only_self(gql: GraphQLClient, world: World) -> None:
    await caseload(world)
    enrolled, token = await person_with_token(world)
    data = await gql.ok(LIST, token=token)
    assert names(data) == ["张三"]
    assert data["supervisedPersons"]["totalCount"] == 1
    other = await SupervisedPerson.get(full_name="甲")
    ext = await gql.error(ONE, {"id": str(other.id)}, token=token)
    assert ext["code"] == "NOT_FOUND"
    mine = await gql.ok(ONE, {"id": str(enrolled.person.id)}, token=token)
    assert mine["supervisedPerson"]["fullName"] == "张三"


ONE = """query($id: ID!) {
  supervisedPerson(id: $id) {
    id fullName idNumberMasked
    checkIns(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { note } } }
    lastCheckIn { note }
  }
}"""


async def test_reading_one_record_is_audited_and_scoped(gql: GraphQLClient, world: World) -> None:
    enrolled, token = await person_with_token(world)
    now = datetime.now(UTC)
    for i in range(3):
        await gql.ok(
            SUBMIT,
            {
                "i": {
                    "clientId": str(uuid.uuid4()),
                    "capturedAt": iso(now - (3 - i) * HOUR),
                    "note": f"第{i + 1}次",
                }
            },
            token=token,
        )
    pid = str(enrolled.person.id)
    data = await gql.ok(ONE, {"id": pid}, token=world.tokens["supervisor"])
    record = data["supervisedPerson"]
    assert record["lastCheckIn"] == {"note": "第3次"}
    check_ins = record["checkIns"]
    assert check_ins["totalCount"] == 3
    assert [e["node"]["note"] for e in check_ins["edges"]] == ["第3次", "第2次"]
    rest = await gql.ok(
        """query($id: ID!, $after: String) { supervisedPerson(id: $id) {
             checkIns(first: 2, after: $after) { edges { node { note } } } } }""",
        {"id": pid, "after": check_ins["pageInfo"]["endCursor"]},
        token=world.tokens["officer_a"],
    )
    assert [e["node"]["note"] for e in rest["supervisedPerson"]["checkIns"]["edges"]] == ["第1次"]
    reads = await AuditEntry.filter(action="person.read", target_id=pid).order_by("id")
    assert [e.actor_name for e in reads] == [
        world.users["supervisor"].display_name,
        world.users["officer_a"].display_name,
    ]
    for outsider in ("officer_b", "supervisor_x", "officer_x"):
        ext = await gql.error(ONE, {"id": pid}, token=world.tokens[outsider])
        assert ext["code"] == "NOT_FOUND"
    ext = await gql.error(ONE, {"id": "999999"}, token=world.tokens["officer_a"])
    assert ext["code"] == "NOT_FOUND"
    assert await AuditEntry.filter(action="person.read").count() == 2
    assert await AuditEntry.filter(action="person.enroll", target_id=pid).count() == 1


PAGE = """query($first: Int) {
  supervisedPersons(first: $first) {
    totalCount
    edges { cursor node {
      id fullName idNumberMasked nextCheckInDue overdue checkInPlan { intervalDays }
      orgUnit { name } officer { username orgUnit { name } } account { username }
      lastCheckIn { capturedAt late recordedBy { username } }
    } }
  }
}"""


async def test_a_page_costs_a_bounded_number_of_queries_for_1_and_100(
    gql: GraphQLClient, world: World, count_queries: Any
) -> None:
    await _many_persons(world)
    token = world.tokens["supervisor"]
    counts = {}
    for size in (1, 100):
        with count_queries() as counter:
            data = await gql.ok(PAGE, {"first": size}, token=token)
        edges = data["supervisedPersons"]["edges"]
        assert len(edges) == size
        assert all(e["node"]["lastCheckIn"]["recordedBy"] for e in edges)
        assert all(e["node"]["officer"]["orgUnit"] for e in edges)
        counts[size] = counter.count
        if size == 100:
            overdue = [e["node"]["overdue"] for e in edges]
            assert overdue[:12] == [True] * 12 and not any(overdue[12:])
    # A page of one stops once it knows hasNextPage; a full page asks every group.
    assert counts[1] <= counts[100] <= 10, counts


async def test_the_caseload_summary_costs_no_statement_of_its_own(
    gql: GraphQLClient, world: World, count_queries: Any
) -> None:
    """The summary's counts (the phone's caseload asks them on every visit)
    come with the total: the same statements as the page without them."""
    await _many_persons(world)
    # Every seventh active person absconded: the page draws on all four groups.
    await SupervisedPerson.filter(
        status=SupervisionStatus.ACTIVE,
        id__in=[p.id for p in await SupervisedPerson.all() if p.id % 7 == 0],
    ).update(status=SupervisionStatus.ABSCONDED)
    absconded = await SupervisedPerson.filter(status=SupervisionStatus.ABSCONDED).count()
    overdue = await SupervisedPerson.filter(
        status=SupervisionStatus.ACTIVE, overdue_at__lt=datetime.now(UTC)
    ).count()
    assert absconded and overdue
    with_counts = PAGE.replace("totalCount", "totalCount abscondedCount overdueCount")
    token = world.tokens["supervisor"]
    counts = {}
    for query, size in ((PAGE, 100), (with_counts, 1), (with_counts, 100)):
        with count_queries() as counter:
            data = await gql.ok(query, {"first": size}, token=token)
        counts[query is PAGE, size] = counter.count
        edges = data["supervisedPersons"]["edges"]
        assert len(edges) == size
        if query is with_counts:
            page = data["supervisedPersons"]
            assert (page["abscondedCount"], page["overdueCount"]) == (absconded, overdue)
            statuses = [e["node"]["overdue"] for e in edges[absconded:]]
            assert size == 1 or statuses[:overdue] == [True] * overdue
    assert counts[False, 1] <= counts[False, 100] == counts[True, 100], counts


async def _many_persons(world: World) -> None:
    """120 persons in offices A and B, each with a last check-in."""
    now = datetime.now(UTC)
    officers = [world.users["officer_a"], world.users["officer_b"]]
    units = [world.units["a"], world.units["b"]]
    persons = [
        SupervisedPerson(
            full_name=f"人员{i}",
            id_number=rid(i),
            active_id_number=rid(i),
            correction_type=CorrectionType.CONTROL,
            supervision_level=SupervisionLevel.NORMAL,
            term_start=date(2026, 1, 1),
            term_end=date(2027, 1, 1),
            org_unit=units[i % 2],
            officer=officers[i % 2],
            check_in_interval_days=14,
            grace_hours=24,
            enrolled_at=now - 5 * DAY,
            last_check_in_at=now - (i % 7) * HOUR - DAY,
            # Every tenth is overdue and every fifteenth has left supervision,
            # so the page draws on all three groups of the order.
            next_due_at=now - (i % 7) * HOUR + (-3 if i % 10 == 0 else 13) * DAY,
            overdue_at=now - (i % 7) * HOUR + (-2 if i % 10 == 0 else 14) * DAY,
            status=SupervisionStatus.TERMINATED if i % 15 == 1 else SupervisionStatus.ACTIVE,
        )
        for i in range(120)
    ]
    await SupervisedPerson.bulk_create(persons)
    stored = await SupervisedPerson.all()
    await CheckIn.bulk_create(
        [
            CheckIn(
                client_id=str(uuid.uuid4()),
                person_id=p.id,
                kind=CheckInKind.IN_PERSON,
                captured_at=p.last_check_in_at,
                received_at=p.last_check_in_at,
                late=False,
                status=CheckInStatus.VERIFIED,
                recorded_by_id=p.officer_id,
            )
            for p in stored
        ]
    )


async def test_caseload_groups_at_their_edges(gql: GraphQLClient, world: World) -> None:
    """Each group is read as index ranges: the active ones bounded by the
    greatest grace, the ended statuses merged in due order across statuses."""
    now = datetime.now(UTC)
    specs: list[tuple[str, SupervisionStatus, timedelta, int]] = [
        # (name, status, next due relative to now, grace hours)
        ("宽限满", SupervisionStatus.ACTIVE, -167 * HOUR, 168),  # not overdue: 1 h left
        ("零宽限", SupervisionStatus.ACTIVE, -1 * HOUR, 0),  # overdue by an hour
        ("明天到", SupervisionStatus.ACTIVE, 1 * DAY, 24),
        ("逃一", SupervisionStatus.ABSCONDED, -5 * DAY, 24),
        ("终一", SupervisionStatus.TERMINATED, -4 * DAY, 24),
        ("撤一", SupervisionStatus.REVOKED, -3 * DAY, 24),
        ("终二", SupervisionStatus.TERMINATED, -2 * DAY, 24),
        ("逃二", SupervisionStatus.ABSCONDED, -1 * DAY, 24),
    ]
    await SupervisedPerson.bulk_create(
        [
            SupervisedPerson(
                full_name=name,
                id_number=rid(60 + i),
                active_id_number=rid(60 + i) if status is SupervisionStatus.ACTIVE else None,
                correction_type=CorrectionType.CONTROL,
                supervision_level=SupervisionLevel.NORMAL,
                term_start=date(2026, 1, 1),
                term_end=date(2027, 1, 1),
                org_unit=world.units["a"],
                officer=world.users["officer_a"],
                check_in_interval_days=14,
                grace_hours=grace,
                enrolled_at=now - 30 * DAY,
                next_due_at=now + due,
                overdue_at=now + due + grace * HOUR,
                status=status,
            )
            for i, (name, status, due, grace) in enumerate(specs)
        ]
    )
    # The absconded first (their check-ins overdue too, but counted once, as
    # absconded), then the overdue, the other active, the ended.
    expected = ["逃一", "逃二", "零宽限", "宽限满", "明天到", "终一", "撤一", "终二"]
    token = world.tokens["officer_a"]
    whole = await gql.ok(COUNTED, {"first": 100}, token=token)
    assert names(whole) == expected
    assert [e["node"]["overdue"] for e in whole["supervisedPersons"]["edges"]][:4] == [
        False,
        False,
        True,
        False,
    ]
    assert counted(whole) == (8, 2, 1)
    for size in (1, 2, 3):  # cursors inside each group and across them
        seen: list[str] = []
        cursor = None
        for _ in expected:
            page = await gql.ok(COUNTED, {"first": size, "after": cursor}, token=token)
            seen += names(page)
            # Every page counts the whole listing, not its own rows.
            assert counted(page) == (8, 2, 1)
            info = page["supervisedPersons"]["pageInfo"]
            if not info["hasNextPage"]:
                break
            cursor = info["endCursor"]
        assert seen == expected, (size, seen)
    not_overdue = await gql.ok(COUNTED, {"first": 100, "f": {"overdue": False}}, token=token)
    assert names(not_overdue) == expected[:2] + expected[3:]
    assert counted(not_overdue) == (7, 2, 0)
    only_overdue = await gql.ok(COUNTED, {"first": 100, "f": {"overdue": True}}, token=token)
    assert (names(only_overdue), counted(only_overdue)) == (["零宽限"], (1, 0, 1))
    absconded = await gql.ok(COUNTED, {"first": 1, "f": {"status": "ABSCONDED"}}, token=token)
    assert (names(absconded), counted(absconded)) == (["逃一"], (2, 2, 0))
    # Outside the office's scope nothing is counted.
    elsewhere = await gql.ok(COUNTED, {"first": 5}, token=world.tokens["officer_b"])
    assert counted(elsewhere) == (0, 0, 0)


COUNTED = """query($first: Int, $after: String, $f: SupervisedPersonFilter) {
  supervisedPersons(first: $first, after: $after, filter: $f) {
    totalCount abscondedCount overdueCount
    pageInfo { hasNextPage endCursor }
    edges { node { id fullName overdue status } }
  }
}"""


def counted(data: dict[str, Any]) -> tuple[int, int, int]:
    c = data["supervisedPersons"]
    return c["totalCount"], c["abscondedCount"], c["overdueCount"]


RELATED = "id orgUnit { id name } officer { id displayName } lastCheckIn { id capturedAt }"
PLAIN_PAGE = "query { supervisedPersons(first: 20) { edges { node { " + RELATED + " } } } }"
FRAGMENT_PAGE = """query { supervisedPersons(first: 20) { edges { ...Edge } } }
fragment Edge on SupervisedPersonEdge {
  node { id ... on SupervisedPerson { orgUnit { id name } } ...Who }
}
fragment Who on SupervisedPerson { officer { id displayName } lastCheckIn { id capturedAt } }"""
ONE_PERSON = "query($id: ID!) { supervisedPerson(id: $id) { " + RELATED + " } }"


async def test_related_fields_answer_the_same_in_a_page_or_alone(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    # The caseload fetches a page's units, officers and last check-ins ahead
    # (also when asked through fragments); a person read alone loads them.
    first = await enroll(world, seq=1, name="甲", officer="officer_a")
    second = await enroll(world, seq=2, name="乙")
    await SupervisedPerson.filter(id=second.person.id).update(officer_id=None)
    person_call, _ = await activate(world, first, "jia")
    await report(person_call, T0 + HOUR)
    token = world.tokens["officer_a"]
    with count_queries() as plain_count:
        plain = await gql.ok(PLAIN_PAGE, token=token)
    with count_queries() as fragment_count:
        fragments = await gql.ok(FRAGMENT_PAGE, token=token)
    assert fragments == plain
    assert fragment_count.count == plain_count.count
    nodes = [e["node"] for e in plain["supervisedPersons"]["edges"]]
    assert {n["officer"]["id"] if n["officer"] else None for n in nodes} == {
        str(world.users["officer_a"].id),
        None,
    }
    assert sum(n["lastCheckIn"] is not None for n in nodes) == 1
    for node in nodes:
        alone = await gql.ok(ONE_PERSON, {"id": node["id"]}, token=token)
        assert alone["supervisedPerson"] == node


# ------------------------------------------------------------------ demo data


async def test_demo_caseload_is_seeded_once(gql: GraphQLClient, db: Any) -> None:
    from api.domain.seeding import DEMO_PASSWORD, seed_demo

    assert await seed_demo(Call(settings=db)) is True
    assert await seed_demo(Call(settings=db)) is False  # idempotent
    assert await SupervisedPerson.all().count() == 2
    assert await CheckIn.filter(late=False).count() == 2
    login = """mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"""
    officer = (await gql.ok(login, {"u": "officer", "p": DEMO_PASSWORD}))["login"]["token"]
    data = await gql.ok(LIST, token=officer)
    assert names(data) == ["吴刚", "周强"]
    assert [e["node"]["overdue"] for e in data["supervisedPersons"]["edges"]] == [True, False]
    person = (await gql.ok(login, {"u": "person", "p": DEMO_PASSWORD}))["login"]["token"]
    assert names(await gql.ok(LIST, token=person)) == ["周强"]


PENDING_EVERYTHING = """query($first: Int) { pendingCheckIns(first: $first) {
  totalCount edges { node { id capturedAt late
    person { fullName orgUnit { name } officer { username } lastCheckIn { id } }
    recordedBy { username orgUnit { name } } reviewedBy { username } } } } }"""


async def test_the_review_queue_costs_the_same_for_1_and_50(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    now = datetime.now(UTC)
    units, officers = [world.units["a"], world.units["b"]], ["officer_a", "officer_b"]
    await SupervisedPerson.bulk_create(
        [
            SupervisedPerson(
                full_name=f"待审{i}",
                id_number=rid(200 + i),
                active_id_number=rid(200 + i),
                correction_type=CorrectionType.PROBATION,
                supervision_level=SupervisionLevel.NORMAL,
                term_start=date(2026, 1, 1),
                term_end=date(2027, 1, 1),
                org_unit=units[i % 2],
                officer=world.users[officers[i % 2]],
                check_in_interval_days=14,
                grace_hours=24,
                enrolled_at=now - 5 * DAY,
                next_due_at=now + 9 * DAY,
                overdue_at=now + 10 * DAY,
            )
            for i in range(50)
        ]
    )
    await CheckIn.bulk_create(
        [
            CheckIn(
                client_id=str(uuid.uuid4()),
                person_id=p.id,
                kind=CheckInKind.SELF_REPORT,
                captured_at=now - (i + 1) * HOUR,
                received_at=now - (i + 1) * HOUR,
                late=False,
                status=CheckInStatus.PENDING_REVIEW,
                recorded_by_id=p.officer_id,  # type: ignore[attr-defined]
            )
            for i, p in enumerate(await SupervisedPerson.filter(full_name__startswith="待审"))
        ]
    )
    counts = {}
    for size in (1, 50):
        with count_queries() as counter:
            data = await gql.ok(
                PENDING_EVERYTHING, {"first": size}, token=world.tokens["supervisor"]
            )
        page = data["pendingCheckIns"]
        assert len(page["edges"]) == size and page["totalCount"] == 50
        assert all(e["node"]["recordedBy"]["orgUnit"] for e in page["edges"])
        counts[size] = counter.count
    assert counts[1] == counts[50], counts


PENDING = """query($after: String) { pendingCheckIns(first: 2, after: $after) {
  totalCount edges { node { id person { fullName } } } pageInfo { hasNextPage endCursor } } }"""


async def test_pending_check_ins_are_the_review_queue(gql: GraphQLClient, world: World) -> None:
    now = datetime.now(UTC)
    mine = await enroll(world, when=now - timedelta(days=3), seq=11, name="甲")
    theirs = await enroll(world, "officer_b", unit="b", when=now - timedelta(days=3), seq=12)
    call_a, _ = await activate(world, mine, "person_a", now - timedelta(days=3))
    call_b, _ = await activate(world, theirs, "person_b", now - timedelta(days=3))
    made = [await report(call_a, now - timedelta(hours=h)) for h in (30, 20, 10)]
    await report(call_b, now - timedelta(hours=5))
    await check_ins.review_check_in(
        world.call("officer_a"), made[0].id, CheckInStatus.VERIFIED, None
    )

    seen: list[str] = []
    after = None
    while True:
        page = (await gql.ok(PENDING, {"after": after}, token=world.tokens["officer_a"]))[
            "pendingCheckIns"
        ]
        assert page["totalCount"] == 2
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [str(made[1].id), str(made[2].id)]  # oldest first, reviewed ones gone
    sup = await gql.ok(PENDING, token=world.tokens["supervisor"])
    assert sup["pendingCheckIns"]["totalCount"] == 3
    other = await gql.ok(PENDING, token=world.tokens["supervisor_x"])
    assert other["pendingCheckIns"]["totalCount"] == 0
    for who in ("person_a", "mediator_a", "applicant"):
        token = world.tokens.get(who)
        if token:
            assert (await gql.error(PENDING, token=token))["code"] == "FORBIDDEN"
