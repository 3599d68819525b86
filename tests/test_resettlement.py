"""Resettlement (安置帮教): the notice's lead time (a dated table), meeting the
person or the loss-of-contact alert, the five-year period, high-risk
contacts, opening a record from corrections, scope, audit and the list."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from api.domain.common import periods
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, DomainError, Forbidden, NotFound
from api.domain.common.validators import resident_id_check_char
from api.domain.corrections import ending
from api.domain.resettlement import care, period, records, reminders, standards
from api.models.audit import AuditEntry
from api.models.enums import ContactMethod, ResettlementHelpKind, ResettlementStatus, RiskLevel
from api.models.notifications import Notification
from api.models.resettlement import ResettlementRecord
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.test_release import enrol, release_now

DAY = timedelta(days=1)
_seq = iter(range(1, 10_000))


def rid() -> str:
    seq = next(_seq)
    first17 = f"330102{1960 + seq % 30}0918{seq % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def at(world: World, who: str, now: datetime) -> Call:
    return dataclasses.replace(world.call(who), now=now)


def today(world: World) -> date:
    return ending.today(world.call("officer_a"))


async def notice(
    world: World,
    *,
    ahead: int = 30,
    who: str = "officer_a",
    unit: str = "a",
    grade: RiskLevel = RiskLevel.LOW,
    received_on: date | None = None,
    id_number: str | None = None,
    call: Call | None = None,
) -> ResettlementRecord:
    received = received_on or today(world)
    return await records.register_release_notice(
        call or world.call(who),
        full_name="王五",
        id_number=id_number or rid(),
        phone="13900139000",
        prison="省第一监狱",
        expected_release_on=received + timedelta(days=ahead),
        offence="盗窃罪",
        prison_risk_assessment="再犯风险较低",
        risk_grade=grade,
        org_unit_id=world.units[unit].id,
        officer_id=None,
        notice_received_on=received,
    )


async def meet(
    call: Call, record: ResettlementRecord, on: date, *, met: bool = True, client_id: str = ""
) -> Any:
    return await care.record_reception(
        call,
        client_id=client_id or str(uuid.uuid4()),
        record_id=record.id,
        met=met,
        on=on,
        met_by="司法所张干事、家属" if met else None,
        place="监狱门口" if met else None,
        picked_up=met,
        released_on=None,
        note=None if met else "未到司法所报到",
    )


# ------------------------------------------------------------------ the notice


async def test_a_notice_fewer_days_ahead_than_the_default_is_accepted_and_flagged_late(
    world: World,
) -> None:
    on_time = await notice(world, ahead=30)
    late = await notice(world, ahead=29)
    assert (on_time.notice_days_ahead, on_time.notice_late) == (30, False)
    assert (late.notice_days_ahead, late.notice_late) == (29, True)
    assert on_time.status == ResettlementStatus.NOTIFIED
    assert on_time.account_id is None  # no account by default


async def test_the_lead_time_is_the_provinces_table_30_late_and_31_on_time(world: World) -> None:
    # The bureau sets 31 days for its county from a date; the office inherits it.
    await standards.set_standard(
        world.call("supervisor_bureau"),
        world.units["bureau"].id,
        today(world) - 10 * DAY,
        notice_days=31,
        no_show_days=7,
        high_risk_contact_days=30,
    )
    thirty = await notice(world, ahead=30)
    thirty_one = await notice(world, ahead=31)
    assert thirty.notice_late is True
    assert thirty_one.notice_late is False
    # Another county keeps the defaults: 30 days ahead is on time there.
    elsewhere = await notice(world, ahead=30, who="officer_x", unit="x")
    assert elsewhere.notice_late is False
    # A row from tomorrow is not in force today.
    await standards.set_standard(
        world.call("supervisor_bureau"),
        world.units["bureau"].id,
        today(world) + DAY,
        notice_days=60,
        no_show_days=7,
        high_risk_contact_days=30,
    )
    assert (await notice(world, ahead=31)).notice_late is False
    entry = await AuditEntry.filter(action="resettlement_standard.set").order_by("-id").first()
    assert entry is not None and entry.summary["noticeDays"] == 60


async def test_a_notice_is_checked_and_a_refused_one_changes_nothing(world: World) -> None:
    with pytest.raises(BadInput) as bad:
        await notice(world, received_on=today(world) + DAY)
    assert bad.value.extensions["field"] == "noticeReceivedOn"
    with pytest.raises(BadInput) as bad:
        await records.register_release_notice(
            world.call("officer_a"),
            full_name="王五",
            id_number="330102199009180000",
            phone=None,
            prison="省第一监狱",
            expected_release_on=today(world),
            offence="盗窃罪",
            prison_risk_assessment=None,
            risk_grade=RiskLevel.LOW,
            org_unit_id=world.units["a"].id,
            officer_id=None,
            notice_received_on=None,
        )
    assert bad.value.extensions["field"] == "idNumber"
    with pytest.raises(BadInput):  # a bureau is not a receiving office
        await notice(world, who="supervisor_bureau", unit="bureau")
    assert await ResettlementRecord.all().count() == 0
    first = await notice(world)
    with pytest.raises(Conflict):
        await notice(world, id_number=first.id_number)
    assert await ResettlementRecord.all().count() == 1


# ------------------------------------------------------------------ meeting the person


async def test_a_non_arrival_becomes_a_loss_of_contact_alert_after_the_tables_days(
    world: World,
) -> None:
    record = await notice(world, ahead=0)
    day = today(world)
    await meet(world.call("officer_a"), record, day, met=False)
    record = await ResettlementRecord.get(id=record.id)
    assert record.status == ResettlementStatus.NOT_ARRIVED
    # Seven days (the default) after the day not counted: the alert at the end of day 7.
    due = periods.end_of(day + 7 * DAY)
    assert record.lost_contact_due_at == due
    before = at(world, "officer_a", due - timedelta(seconds=1))
    assert await reminders.lost_contact(before) == 0
    then = at(world, "officer_a", due)
    assert await reminders.lost_contact(then) == 2
    alerted = await Notification.filter(kind="resettlement.lost_contact")
    # The office's officer and the bureau's supervisor; not the correction centre.
    assert {n.recipient_id for n in alerted} == {
        world.users["officer_a"].id,
        world.users["supervisor_bureau"].id,
    }
    assert all("王五" not in n.body for n in alerted)
    assert await reminders.lost_contact(at(world, "officer_a", due + DAY)) == 0
    # Met later after all: in assistance, and no further alert.
    later = at(world, "officer_a", due + DAY)
    await meet(later, record, periods.local_day(later.now))
    record = await ResettlementRecord.get(id=record.id)
    assert record.status == ResettlementStatus.IN_ASSISTANCE
    assert record.lost_contact_due_at is None


async def test_a_reception_is_stored_once_and_a_second_one_is_refused(world: World) -> None:
    record = await notice(world, ahead=0)
    key = str(uuid.uuid4())
    first = await meet(world.call("officer_a"), record, today(world), client_id=key)
    again = await meet(world.call("officer_a"), record, today(world), client_id=key)
    assert first.id == again.id
    with pytest.raises(Conflict):
        await meet(world.call("officer_a"), record, today(world))
    with pytest.raises(BadInput) as bad:  # not before the release
        await meet(world.call("officer_a"), await notice(world, ahead=3), today(world))
    assert bad.value.extensions["field"] == "on"


# ------------------------------------------------------------------ the assistance period


def test_five_years_end_on_the_corresponding_day() -> None:
    # 民法典 Art. 202: the corresponding day; none (29 February): the month's last.
    assert period.assistance_ends_on(date(2021, 3, 10)) == date(2026, 3, 10)
    assert period.assistance_ends_on(date(2020, 2, 29)) == date(2025, 2, 28)
    ends = date(2026, 3, 10)
    assert period.in_assistance_on(date(2021, 3, 10), ends, date(2026, 3, 10))
    assert not period.in_assistance_on(date(2021, 3, 10), ends, date(2026, 3, 11))


async def test_help_on_the_last_day_of_the_five_years_and_not_the_day_after(
    world: World,
) -> None:
    released = today(world) - timedelta(days=5 * 366)  # at least five years ago
    five = period.assistance_ends_on(released)
    record = await notice(world, received_on=released - 30 * DAY, ahead=30)
    assert record.assistance_ends_on == five
    await meet(at(world, "officer_a", periods.start_of(released + DAY)), record, released)

    def help_on(day: date) -> Any:
        call = at(world, "officer_a", periods.start_of(day + DAY))
        return care.record_help(
            call,
            client_id=str(uuid.uuid4()),
            record_id=record.id,
            on=day,
            kind=ResettlementHelpKind.EMPLOYMENT,
            description="介绍到镇上工厂就业",
        )

    assert (await help_on(five)).given_on == five
    with pytest.raises(BadInput) as bad:
        await help_on(five + DAY)
    assert bad.value.reason == "RESETTLEMENT_OUTSIDE_PERIOD"


async def test_a_high_risk_person_is_contacted_monthly_with_reminders(world: World) -> None:
    record = await notice(world, ahead=0, grade=RiskLevel.HIGH)
    day = today(world)
    await meet(world.call("officer_a"), record, day)
    record = await ResettlementRecord.get(id=record.id)
    assert record.next_contact_due_on == day + 30 * DAY
    # Reminded three days before it is due (the app's choice), once.
    assert (
        await reminders.contacts_due(at(world, "officer_a", periods.start_of(day + 26 * DAY))) == 0
    )
    assert (
        await reminders.contacts_due(at(world, "officer_a", periods.start_of(day + 27 * DAY))) == 1
    )
    assert (
        await reminders.contacts_due(at(world, "officer_a", periods.start_of(day + 28 * DAY))) == 0
    )
    later = at(world, "officer_a", periods.start_of(day + 10 * DAY))
    await care.record_contact(
        later,
        client_id=str(uuid.uuid4()),
        record_id=record.id,
        on=day + 10 * DAY,
        method=ContactMethod.VISIT,
        note="上门走访，情绪稳定",
    )
    record = await ResettlementRecord.get(id=record.id)
    assert record.next_contact_due_on == day + 40 * DAY
    # A low grade has no due date.
    await records.set_risk_grade(world.call("officer_a"), record.id, RiskLevel.LOW, "表现良好")
    assert (await ResettlementRecord.get(id=record.id)).next_contact_due_on is None


# ------------------------------------------------------------------ from corrections


async def test_a_released_supervised_person_opens_a_prefilled_record(world: World) -> None:
    ended_on = today(world) - DAY
    enrolled = await enrol(world, term_end=ended_on)
    with pytest.raises(Conflict):  # not released yet
        await records.open_from_supervision(
            world.call("officer_a"), enrolled.person.id, risk_grade=RiskLevel.LOW, officer_id=None
        )
    await release_now(world, enrolled.person.id, ended_on)
    record = await records.open_from_supervision(
        world.call("officer_a"), enrolled.person.id, risk_grade=RiskLevel.MEDIUM, officer_id=None
    )
    assert (record.full_name, record.id_number) == ("李四", enrolled.person.id_number)
    assert record.org_unit_id == world.units["a"].id
    assert record.released_on == ended_on
    assert record.assistance_ends_on == period.assistance_ends_on(ended_on)
    assert record.status == ResettlementStatus.IN_ASSISTANCE
    with pytest.raises(Conflict):
        await records.open_from_supervision(
            world.call("officer_a"), enrolled.person.id, risk_grade=RiskLevel.LOW, officer_id=None
        )
    with pytest.raises(NotFound):  # another office's person
        await records.open_from_supervision(
            world.call("officer_b"), enrolled.person.id, risk_grade=RiskLevel.LOW, officer_id=None
        )


# ------------------------------------------------------------------ scope, masking, audit


RECORD = """query($id: ID!) { resettlementRecord(id: $id) {
  id fullName idNumberMasked status noticeLate orgUnit { name } } }"""


async def test_every_role_sees_only_its_own_offices_records(
    world: World, gql: GraphQLClient
) -> None:
    record = await notice(world)
    variables = {"id": str(record.id)}
    seen = await gql.ok(RECORD, variables, token=world.tokens["officer_a"])
    assert seen["resettlementRecord"]["idNumberMasked"] != record.id_number
    assert record.id_number[6:14] not in seen["resettlementRecord"]["idNumberMasked"]
    bureau = await gql.ok(RECORD, variables, token=world.tokens["supervisor_bureau"])
    assert bureau["resettlementRecord"]["fullName"] == "王五"
    for who in ("officer_b", "officer_x", "supervisor", "supervisor_bureau_x"):
        error = await gql.error(RECORD, variables, token=world.tokens[who])
        assert error["code"] == "NOT_FOUND", who
    for who in ("mediator_a", "staff", "lawyer", "admin", "applicant"):
        error = await gql.error(RECORD, variables, token=world.tokens[who])
        assert error["code"] == "FORBIDDEN", who
    reads = await AuditEntry.filter(action="resettlement.read", target_id=str(record.id))
    assert {r.actor_id for r in reads} == {
        world.users["officer_a"].id,
        world.users["supervisor_bureau"].id,
    }
    listed = "{ resettlementRecords { totalCount edges { node { id } } } }"
    for who, count in (
        ("officer_a", 1),
        ("officer_b", 0),
        ("supervisor_bureau", 1),
        ("supervisor", 0),
        ("supervisor_bureau_x", 0),
    ):
        data = await gql.ok(listed, token=world.tokens[who])
        assert data["resettlementRecords"]["totalCount"] == count, who
    # A refused write changes nothing.
    with pytest.raises(DomainError):
        await meet(world.call("officer_b"), record, today(world))
    assert (await ResettlementRecord.get(id=record.id)).status == ResettlementStatus.NOTIFIED
    with pytest.raises(Forbidden):
        await meet(world.call("mediator_a"), record, today(world))


LIST = """query($first: Int) { resettlementRecords(first: $first) { totalCount
  edges { cursor node { id fullName idNumberMasked orgUnit { name } officer { displayName }
    receptions { met on } contacts { on } help { kind } inAssistance } } } }"""


async def test_the_list_costs_the_same_for_2_and_20(
    world: World, gql: GraphQLClient, count_queries: type[QueryCounter]
) -> None:
    for _ in range(20):
        record = await notice(world, ahead=0)
        await meet(world.call("officer_a"), record, today(world))
    counts = {}
    for size in (2, 20):
        with count_queries() as counted:
            data = await gql.ok(LIST, {"first": size}, token=world.tokens["officer_a"])
        edges = data["resettlementRecords"]["edges"]
        assert len(edges) == size
        assert all(e["node"]["receptions"][0]["met"] for e in edges)
        assert all(e["node"]["officer"]["displayName"] for e in edges)
        counts[size] = counted.count
    # Session, scope, count, page, units, officers, receptions, contacts, help.
    assert counts[2] == counts[20] <= 12, counts


async def test_paging_walks_every_record_once(world: World, gql: GraphQLClient) -> None:
    made = [(await notice(world)).id for _ in range(5)]
    seen: list[str] = []
    after = None
    while True:
        page = await gql.ok(
            "query($after: String) { resettlementRecords(first: 2, after: $after) {"
            " edges { node { id } } pageInfo { hasNextPage endCursor } } }",
            {"after": after},
            token=world.tokens["officer_a"],
        )
        conn = page["resettlementRecords"]
        seen += [e["node"]["id"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert sorted(map(int, seen)) == sorted(made)


async def test_register_release_notice_over_graphql(world: World, gql: GraphQLClient) -> None:
    data = await gql.ok(
        """mutation($input: RegisterReleaseNoticeInput!) { registerReleaseNotice(input: $input) {
          id status noticeDaysAhead noticeLate assistanceEndsOn hasAccount } }""",
        {
            "input": {
                "fullName": "赵六",
                "idNumber": rid(),
                "prison": "省女子监狱",
                "expectedReleaseOn": (today(world) + 31 * DAY).isoformat(),
                "offence": "诈骗罪",
                "riskGrade": "MEDIUM",
                "orgUnitId": str(world.units["a"].id),
            }
        },
        token=world.tokens["officer_a"],
    )
    made = data["registerReleaseNotice"]
    assert (made["status"], made["noticeDaysAhead"], made["noticeLate"]) == ("NOTIFIED", 31, False)
    assert made["hasAccount"] is False
    entry = await AuditEntry.get(action="resettlement.register_notice", target_id=made["id"])
    assert "idNumber" not in entry.summary and entry.summary["noticeDaysAhead"] == 31
    assert datetime.now(UTC) >= entry.at
