"""Intake (入矫): the notice, the 10-day deadline (法 Art. 20-21), 漏管, the intake (Art. 22)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from api.domain.accounts import activation
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, DomainError
from api.domain.common.validators import CHINA_TZ, resident_id_check_char
from api.domain.corrections import check_ins, enrolment, intake, persons
from api.domain.notices import reminders
from api.models.audit import AuditEntry
from api.models.corrections import ActivationCode, SupervisedPerson
from api.models.enums import (
    AnnouncementItem,
    CheckInKind,
    CorrectionType,
    DecidingBodyType,
    SupervisionLevel,
    SupervisionStatus,
)
from api.models.intake import PendingIntake
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World

_ids = iter(range(1, 10_000))


def rid() -> str:
    first17 = f"320102{1970 + next(_ids) % 30}0615{next(_ids) % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def china(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=CHINA_TZ).astimezone(UTC)


def at(world: World, who: str, now: datetime) -> Any:
    return dataclasses.replace(world.call(who), now=now)


# The judgment takes effect on 2024-03-01; the notice is registered the next day.
EFFECTIVE = date(2024, 3, 1)
REGISTERED = china(2024, 3, 2, 9)


async def register(
    world: World,
    *,
    who: str = "officer_a",
    unit: str = "a",
    now: datetime = REGISTERED,
    correction_type: CorrectionType = CorrectionType.PROBATION,
    body_type: DecidingBodyType = DecidingBodyType.COURT,
    effective_on: date = EFFECTIVE,
    received_on: date | None = None,
    id_number: str | None = None,
    documents_at: datetime | None = REGISTERED,
    notified_at: datetime | None = REGISTERED,
) -> PendingIntake:
    return await intake.register_pending_intake(
        at(world, who, now),
        deciding_body_type=body_type,
        deciding_body="青山县人民法院",
        document_number="（2024）青刑初字第12号",
        effective_on=effective_on,
        decision_received_on=received_on,
        correction_type=correction_type,
        org_unit_id=world.units[unit].id,
        officer_id=None,
        full_name="李四",
        id_number=id_number or rid(),
        phone="13800138000",
        term_start=effective_on,
        term_end=date(2026, 3, 1),
        notified_at=notified_at,
        documents_received_at=documents_at,
    )


ALL_ITEMS = list(AnnouncementItem)


async def confirm(
    world: World,
    row: PendingIntake,
    arrived: datetime,
    *,
    who: str = "officer_a",
    client_id: str | None = None,
    items: list[AnnouncementItem] = ALL_ITEMS,
    identity_checked: bool = True,
    now: datetime | None = None,
) -> intake.Confirmed:
    return await intake.confirm_intake(
        at(world, who, now or arrived + timedelta(minutes=30)),
        client_id=client_id or str(uuid.uuid4()),
        intake_id=row.id,
        arrived_at=arrived,
        identity_checked=identity_checked,
        documents_checked=True,
        file_opened=True,
        documents_received_at=None,
        announcement=intake.Announcement(
            announced_at=arrived + timedelta(minutes=20),
            attendees=["王警官", "社区工作者赵六"],
            items=items,
        ),
        supervision_level=SupervisionLevel.STRICT,
        check_in_interval_days=None,
    )


# ------------------------------------------------------------------ the deadlines


def test_the_deadlines_leave_out_the_day_of_the_event() -> None:
    """刑事诉讼法 Art. 105: day 0 is the effective date; 法 Art. 20 (5 and 10 days), Art. 21."""
    due = intake.deadlines(CorrectionType.PAROLE, date(2024, 3, 1), None)
    assert due.report_due_on == date(2024, 3, 11)
    assert due.notice_due_on == date(2024, 3, 6)
    assert due.documents_due_on == date(2024, 3, 11)
    # 暂予监外执行: from the day the transferring body received the decision.
    due = intake.deadlines(
        CorrectionType.TEMPORARY_OUTSIDE_PRISON, date(2024, 3, 1), date(2024, 3, 4)
    )
    assert due.report_due_on == date(2024, 3, 14)
    assert due.documents_due_on == date(2024, 3, 11)


async def test_reporting_on_day_10_is_on_time_and_on_day_11_late(world: World) -> None:
    on_time = await register(world)
    late = await register(world)
    assert on_time.report_due_on == date(2024, 3, 11)
    last_moment = china(2024, 3, 11, 23, 59, 59)
    first_late = china(2024, 3, 12)
    done = await confirm(world, on_time, last_moment)
    assert done.intake.arrived_late is False
    assert intake.is_missed(done.intake, first_late) is False
    done = await confirm(world, late, first_late)
    assert done.intake.arrived_late is True
    assert intake.is_missed(done.intake, first_late) is True


async def test_an_unconfirmed_intake_is_missed_from_day_11(world: World) -> None:
    row = await register(world)
    assert intake.is_missed(row, china(2024, 3, 11, 23, 59, 59)) is False
    assert intake.is_missed(row, china(2024, 3, 12)) is True


async def test_a_hand_over_runs_from_the_receipt_of_the_decision(world: World) -> None:
    """法 Art. 21 ¶2-3: 10 days from the day the prison or 看守所 received it."""
    row = await register(
        world,
        correction_type=CorrectionType.TEMPORARY_OUTSIDE_PRISON,
        body_type=DecidingBodyType.PRISON_ADMIN,
        received_on=date(2024, 3, 2),
        now=china(2024, 3, 3, 9),
    )
    assert row.report_due_on == date(2024, 3, 12)
    done = await confirm(world, row, china(2024, 3, 12, 18))
    assert done.intake.arrived_late is False
    row = await register(
        world,
        correction_type=CorrectionType.TEMPORARY_OUTSIDE_PRISON,
        body_type=DecidingBodyType.PUBLIC_SECURITY,
        received_on=date(2024, 3, 2),
        now=china(2024, 3, 3, 9),
    )
    done = await confirm(world, row, china(2024, 3, 13))
    assert done.intake.arrived_late is True


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        # 法 Art. 17 ¶4: a prison administration decides no probation.
        ({"body_type": DecidingBodyType.PRISON_ADMIN}, "decidingBodyType"),
        ({"received_on": date(2024, 3, 2)}, "decisionReceivedOn"),
        (
            {
                "correction_type": CorrectionType.TEMPORARY_OUTSIDE_PRISON,
                "body_type": DecidingBodyType.COURT,
            },
            "decisionReceivedOn",
        ),
        (
            {
                "correction_type": CorrectionType.TEMPORARY_OUTSIDE_PRISON,
                "received_on": date(2024, 2, 28),
            },
            "decisionReceivedOn",
        ),
        ({"effective_on": date(2024, 3, 3)}, "effectiveOn"),
        ({"notified_at": china(2024, 2, 29, 23)}, "notifiedAt"),
        ({"documents_at": REGISTERED + timedelta(hours=1)}, "documentsReceivedAt"),
        ({"id_number": "320102197006150000"}, "idNumber"),
    ],
)
async def test_a_notice_is_refused_with_the_field_and_stores_nothing(
    world: World, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(BadInput) as refused:
        await register(world, **changes)
    assert refused.value.field == field
    assert await PendingIntake.all().count() == 0
    assert await SupervisedPerson.all().count() == 0


async def test_the_notice_and_documents_late_are_shown(world: World) -> None:
    """法 Art. 20: notice within 5 days, documents within 10, of the effective date."""
    row = await register(
        world,
        now=china(2024, 3, 13, 9),
        notified_at=china(2024, 3, 7, 9),
        documents_at=china(2024, 3, 12, 9),
    )
    assert (row.notice_due_on, row.documents_due_on) == (date(2024, 3, 6), date(2024, 3, 11))
    assert intake.late(row.notified_at, row.notice_due_on) is True
    assert intake.late(row.documents_received_at, row.documents_due_on) is True
    assert intake.late(china(2024, 3, 6, 23, 59), row.notice_due_on) is False


# ------------------------------------------------------------------ the pending person


async def test_a_pending_person_holds_the_id_number_and_cannot_report_yet(world: World) -> None:
    id_number = rid()
    row = await register(world, id_number=id_number)
    person = await SupervisedPerson.get(id=row.person_id)
    assert person.status == SupervisionStatus.PENDING_INTAKE
    assert person.officer_id == world.users["officer_a"].id  # the registering officer's
    # The same person again, as a notice or an enrolment: already under supervision.
    with pytest.raises(Conflict) as again:
        await register(world, id_number=id_number)
    assert again.value.field == "idNumber"
    with pytest.raises(Conflict):
        await enrolment.enroll_person(
            world.call("officer_a"),
            full_name="李四",
            id_number=id_number,
            phone=None,
            correction_type=CorrectionType.PROBATION,
            supervision_level=SupervisionLevel.NORMAL,
            term_start=EFFECTIVE,
            term_end=date(2026, 3, 1),
            org_unit_id=world.units["a"].id,
            officer_id=None,
            check_in_interval_days=None,
        )
    # No code, no status change, no check-in before the intake.
    with pytest.raises(Conflict):
        await enrolment.reissue_activation_code(world.call("officer_a"), person.id)
    with pytest.raises(Conflict):
        await persons.set_supervision_status(
            world.call("officer_a"), person.id, SupervisionStatus.ACTIVE, "已报到"
        )
    with pytest.raises(BadInput):
        await check_ins.submit_check_in(
            world.call("officer_a"),
            client_id=str(uuid.uuid4()),
            person_id=person.id,
            kind=CheckInKind.IN_PERSON,
            captured_at=datetime.now(UTC),
            latitude_deg=None,
            longitude_deg=None,
            accuracy=None,
            note="面谈",
        )
    assert await ActivationCode.filter(person_id=person.id).count() == 0


# ------------------------------------------------------------------ the intake


async def test_the_intake_starts_supervision_with_the_first_report_due(world: World) -> None:
    row = await register(world)
    arrived = china(2024, 3, 8, 10)
    done = await confirm(world, row, arrived)
    assert done.activation_code
    person = await SupervisedPerson.get(id=row.person_id)
    assert person.status == SupervisionStatus.ACTIVE
    assert person.supervision_level == SupervisionLevel.STRICT
    assert person.enrolled_at == arrived
    assert person.next_due_at == arrived + timedelta(days=7)  # STRICT's default
    stored = await PendingIntake.get(id=row.id)
    assert stored.confirmed_by_id == world.users["officer_a"].id
    assert (stored.identity_checked, stored.documents_checked, stored.file_opened) == (
        True,
        True,
        True,
    )
    assert sorted(stored.announced_items or []) == sorted(ALL_ITEMS)
    assert stored.announcement_attendees == ["王警官", "社区工作者赵六"]
    assert await AuditEntry.filter(action="intake.confirm", target_id=str(row.id)).exists()
    # The code from the intake opens the person's account.
    signed_in = await activation.activate_account(
        Call(settings=world.settings, now=arrived + timedelta(hours=1)),
        done.activation_code,
        "li.si",
        "a long enough password",
    )
    assert (await SupervisedPerson.get(id=row.person_id)).account_id == signed_in.user.id


async def test_a_replayed_intake_returns_the_stored_one_and_no_second_code(world: World) -> None:
    row = await register(world)
    cid = str(uuid.uuid4())
    arrived = china(2024, 3, 8, 10)
    first = await confirm(world, row, arrived, client_id=cid)
    again = await confirm(world, row, arrived, client_id=cid, now=arrived + timedelta(days=3))
    assert again.intake.id == first.intake.id
    assert again.activation_code is None
    assert await ActivationCode.filter(person_id=row.person_id).count() == 1
    # Another account's replay of the clientId is told nothing of it.
    with pytest.raises(Conflict) as other:
        await confirm(world, row, arrived, client_id=cid, who="supervisor")
    assert other.value.field == "clientId"
    # A second intake of the same person under a new clientId is refused.
    with pytest.raises(Conflict):
        await confirm(world, row, arrived)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"items": [AnnouncementItem.CRIMINAL_FACTS, AnnouncementItem.TERM]}, "announcement.items"),
        ({"identity_checked": False}, "identityChecked"),
    ],
)
async def test_an_intake_missing_a_step_of_art_22_changes_nothing(
    world: World, changes: dict[str, Any], field: str
) -> None:
    row = await register(world)
    with pytest.raises(BadInput) as refused:
        await confirm(world, row, china(2024, 3, 8, 10), **changes)
    assert refused.value.field == field
    assert (await SupervisedPerson.get(id=row.person_id)).status == SupervisionStatus.PENDING_INTAKE
    assert (await PendingIntake.get(id=row.id)).confirmed_at is None


async def test_an_intake_needs_the_documents(world: World) -> None:
    row = await register(world, documents_at=None)
    with pytest.raises(BadInput) as refused:
        await confirm(world, row, china(2024, 3, 8, 10))
    assert refused.value.field == "documentsReceivedAt"


async def test_intakes_of_other_offices_are_not_found(world: World) -> None:
    row = await register(world)
    for who in ("officer_b", "officer_x", "supervisor_x"):
        with pytest.raises(DomainError) as refused:
            await confirm(world, row, china(2024, 3, 8, 10), who=who)
        assert refused.value.extensions["code"] == "NOT_FOUND"
    with pytest.raises(DomainError) as refused:
        await register(world, who="officer_x")
    assert refused.value.extensions["code"] == "NOT_FOUND"


# ------------------------------------------------------------------ reminders and 漏管


async def notices_of(kind: str) -> list[Notification]:
    return await Notification.filter(kind=kind).order_by("recipient_id")


async def test_the_officer_is_reminded_two_days_before_the_deadline(world: World) -> None:
    row = await register(world)
    deadline = china(2024, 3, 12)  # the end of day 10
    assert row.report_due_at == deadline
    await reminders.intakes_due_soon(
        at(world, "officer_a", deadline - timedelta(days=2, seconds=1))
    )
    assert await notices_of("intake.due_soon") == []
    await reminders.intakes_due_soon(at(world, "officer_a", deadline - timedelta(days=2)))
    await reminders.intakes_due_soon(at(world, "officer_a", deadline - timedelta(days=1)))
    sent = await notices_of("intake.due_soon")
    assert [n.recipient_id for n in sent] == [world.users["officer_a"].id]
    assert "2024-03-11" in sent[0].body and "李四" in sent[0].body


async def test_a_missed_intake_alerts_the_officer_and_the_supervisors_once(world: World) -> None:
    row = await register(world)
    await reminders.intakes_missed(at(world, "officer_a", china(2024, 3, 11, 23, 59, 59)))
    assert await notices_of("intake.missed") == []
    assert (await PendingIntake.get(id=row.id)).missed_at is None
    day_11 = china(2024, 3, 12)
    await reminders.intakes_missed(at(world, "officer_a", day_11))
    await reminders.intakes_missed(at(world, "officer_a", day_11 + timedelta(hours=1)))
    sent = await notices_of("intake.missed")
    recipients = sorted(n.recipient_id for n in sent)
    assert recipients == sorted([world.users["officer_a"].id, world.users["supervisor"].id])
    assert all(n.urgency == "high" for n in sent)
    assert (await PendingIntake.get(id=row.id)).missed_at == day_11


async def test_a_confirmed_intake_gets_no_reminder(world: World) -> None:
    row = await register(world)
    await confirm(world, row, china(2024, 3, 5, 10))
    await reminders.intakes_due_soon(at(world, "officer_a", china(2024, 3, 10, 12)))
    await reminders.intakes_missed(at(world, "officer_a", china(2024, 3, 13)))
    assert await Notification.filter(kind__startswith="intake.").count() == 0


# ------------------------------------------------------------------ GraphQL

REGISTER = """
mutation($i: RegisterPendingIntakeInput!) {
  registerPendingIntake(input: $i) { id reportDueOn missed person { status } }
}"""
PENDING = """
query($first: Int, $after: String) {
  pendingIntakes(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id reportDueOn missed decidingBody
      person { id fullName status orgUnit { name } officer { displayName } }
      orgUnit { name } } }
  }
}"""
CONFIRM = """
mutation($i: ConfirmIntakeInput!) {
  confirmIntake(input: $i) {
    activationCode
    person { status nextCheckInDue }
    intake { missed confirmation { late announcement { items attendees } } }
  }
}"""


def register_vars(world: World, effective_on: date, unit: str = "a") -> dict[str, Any]:
    return {
        "i": {
            "decidingBodyType": "COURT",
            "decidingBody": "青山县人民法院",
            "documentNumber": "（2024）青刑初字第7号",
            "effectiveOn": effective_on.isoformat(),
            "correctionType": "CONTROL",
            "orgUnitId": str(world.units[unit].id),
            "fullName": "王五",
            "idNumber": rid(),
            "termStart": effective_on.isoformat(),
            # 管制: at most 3 years (term_rules.py, 刑法 Art. 38, 69).
            "termEnd": (effective_on + timedelta(days=2 * 365)).isoformat(),
            "documentsReceivedAt": datetime.now(UTC).isoformat(),
        }
    }


async def test_the_pending_list_is_nearest_deadline_first_in_scope(
    gql: GraphQLClient, world: World
) -> None:
    today = datetime.now(CHINA_TZ).date()
    token = world.tokens["officer_a"]
    made = {}
    for days_ago in (3, 11, 0, 7):
        data = await gql.ok(
            REGISTER, register_vars(world, today - timedelta(days=days_ago)), token=token
        )
        made[days_ago] = data["registerPendingIntake"]
    assert made[11]["missed"] is True and made[3]["missed"] is False
    assert made[0]["person"]["status"] == "PENDING_INTAKE"
    await gql.ok(REGISTER, register_vars(world, today, unit="b"), token=world.tokens["officer_b"])
    data = await gql.ok(PENDING, {"first": 2}, token=token)
    page = data["pendingIntakes"]
    assert page["totalCount"] == 4
    assert [e["node"]["id"] for e in page["edges"]] == [made[11]["id"], made[7]["id"]]
    after = await gql.ok(PENDING, {"first": 2, "after": page["pageInfo"]["endCursor"]}, token=token)
    assert [e["node"]["id"] for e in after["pendingIntakes"]["edges"]] == [
        made[3]["id"],
        made[0]["id"],
    ]
    # The county's supervisor sees both offices; another county's nothing.
    sup = await gql.ok(PENDING, {"first": 10}, token=world.tokens["supervisor"])
    assert sup["pendingIntakes"]["totalCount"] == 5
    other = await gql.ok(PENDING, {"first": 10}, token=world.tokens["supervisor_x"])
    assert other["pendingIntakes"]["totalCount"] == 0
    # Confirmed, an intake leaves the list and the person is ACTIVE.
    now = datetime.now(UTC)
    confirmed = (
        await gql.ok(
            CONFIRM,
            {
                "i": {
                    "clientId": str(uuid.uuid4()),
                    "intakeId": made[3]["id"],
                    "arrivedAt": now.isoformat(),
                    "identityChecked": True,
                    "documentsChecked": True,
                    "fileOpened": True,
                    "announcement": {
                        "announcedAt": now.isoformat(),
                        "attendees": ["王警官"],
                        "items": ["CRIMINAL_FACTS", "TERM", "RULES"],
                    },
                    "supervisionLevel": "NORMAL",
                }
            },
            token=token,
        )
    )["confirmIntake"]
    assert confirmed["activationCode"]
    assert confirmed["person"]["status"] == "ACTIVE"
    assert confirmed["intake"]["confirmation"]["late"] is False
    left = await gql.ok(PENDING, {"first": 10}, token=token)
    assert made[3]["id"] not in [e["node"]["id"] for e in left["pendingIntakes"]["edges"]]


async def test_a_page_of_pending_intakes_costs_the_same_for_2_and_8(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    today = datetime.now(CHINA_TZ).date()
    for n in range(9):
        who = "officer_a" if n % 2 else "officer_b"
        await gql.ok(
            REGISTER,
            register_vars(world, today - timedelta(days=n), unit="a" if n % 2 else "b"),
            token=world.tokens[who],
        )
    counts = []
    for first in (2, 8):
        with count_queries() as counter:
            data = await gql.ok(PENDING, {"first": first}, token=world.tokens["supervisor"])
        assert len(data["pendingIntakes"]["edges"]) == first
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
