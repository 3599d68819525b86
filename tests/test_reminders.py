"""Scheduled reminders: each fires once per due period, at the injected time; the outbox dedupes."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from tortoise.transactions import in_transaction

from api.domain.accounts import activation
from api.domain.common.call import Call
from api.domain.corrections import check_ins, enrolment, persons
from api.domain.notices import notices
from api.models.enums import (
    CheckInKind,
    CorrectionType,
    DisputeCategory,
    LegalAidMatter,
    LegalAidStatus,
    RiskLevel,
    SupervisionLevel,
)
from api.models.legal_aid import LegalAidRequest
from api.models.mediation import Dispute
from api.models.notifications import Notification
from tests.conftest import PASSWORD, World
from tests.push_helpers import Clock, utc
from tests.test_corrections import rid
from workers.scheduler import Scheduler

T0 = utc(2026, 3, 2, 2, 0)  # 10:00 in Shanghai
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


async def kinds(kind: str) -> list[Notification]:
    return await Notification.filter(kind=kind).order_by("id")


async def enroll_with_account(world: World, when: datetime, seq: int = 1) -> tuple[int, Call]:
    """A person enrolled by officer_a at `when`, with an activated account; its id and call."""
    enrolled = await enrolment.enroll_person(
        Call(settings=world.settings, viewer=world.call("officer_a").viewer, now=when),
        full_name="王五",
        id_number=rid(seq),
        phone=None,
        correction_type=CorrectionType.PROBATION,
        supervision_level=SupervisionLevel.NORMAL,  # a self-report every 14 days
        term_start=date(2026, 1, 1),
        term_end=date(2027, 1, 1),
        org_unit_id=world.units["a"].id,
        officer_id=None,
        check_in_interval_days=None,
    )
    call = Call(settings=world.settings, now=when)
    await activation.activate_account(call, enrolled.activation_code, f"person{seq}", PASSWORD)
    return enrolled.person.id, call


# ------------------------------------------------------------------ check-ins


async def test_check_in_reminders_to_the_person_once_per_period(world: World) -> None:
    person_id, person_call = await enroll_with_account(world, T0)
    due = T0 + 14 * DAY
    clock = Clock(due - DAY - MINUTE)
    scheduler = Scheduler(world.settings, clock)

    assert (await scheduler.tick())["check_ins_due_soon"] == 0  # 24 h and a minute ahead
    clock.now = due - DAY + MINUTE
    assert (await scheduler.tick())["check_ins_due_soon"] == 1
    clock.now += MINUTE
    assert (await scheduler.tick())["check_ins_due_soon"] == 0
    clock.now = due - HOUR
    assert (await scheduler.tick())["check_ins_due_soon"] == 0
    [soon] = await kinds("checkin.due_soon")
    person = await persons.read_person(world.call("officer_a"), person_id)
    assert soon.recipient_id == person.account_id
    assert (soon.body, soon.ttl_seconds, soon.urgency) == (
        "请在 2026-03-16 10:00 前完成报到。",
        24 * 3600,
        "normal",
    )

    clock.now = due + MINUTE
    counts = await scheduler.tick()
    assert (counts["check_ins_due_now"], counts["check_ins_overdue"]) == (1, 0)
    clock.now += 10 * MINUTE
    assert (await scheduler.tick())["check_ins_due_now"] == 0
    assert len(await kinds("checkin.due_now")) == 1

    # The person reports: the next period gets its own reminders.
    person_call.now = due + 2 * HOUR
    await check_ins.submit_check_in(
        person_call,
        client_id=str(uuid.uuid4()),
        person_id=None,
        kind=CheckInKind.SELF_REPORT,
        captured_at=due + 2 * HOUR,
        latitude_deg=None,
        longitude_deg=None,
        accuracy=None,
        note=None,
    )
    next_due = due + 2 * HOUR + 14 * DAY
    clock.now = next_due - 23 * HOUR
    assert (await scheduler.tick())["check_ins_due_soon"] == 1
    assert (await scheduler.tick())["check_ins_due_soon"] == 0
    periods = [n.period for n in await kinds("checkin.due_soon")]
    assert periods == [due.isoformat(), next_due.isoformat()]
    assert await kinds("checkin.overdue") == []  # reported within the grace period


async def test_overdue_alerts_the_officer_once_per_period(world: World) -> None:
    await enroll_with_account(world, T0)
    overdue_at = T0 + 14 * DAY + 24 * HOUR
    clock = Clock(overdue_at - MINUTE)
    scheduler = Scheduler(world.settings, clock)
    assert (await scheduler.tick())["check_ins_overdue"] == 0
    clock.now = overdue_at
    assert (await scheduler.tick())["check_ins_overdue"] == 1
    for _ in range(3):
        clock.now += HOUR
        assert (await scheduler.tick())["check_ins_overdue"] == 0
    [alert] = await kinds("checkin.overdue")
    assert alert.recipient_id == world.users["officer_a"].id
    assert (alert.urgency, alert.ttl_seconds) == ("high", 3600)
    assert alert.body == "一名社区矫正对象已逾期未报到，请打开查看。"  # no name (法 Art. 54)


async def test_quiet_hours_hold_the_persons_reminder_but_not_the_officers_alert(
    world: World,
) -> None:
    enrolled_at = utc(2026, 3, 2, 15, 30)  # 23:30 in Shanghai
    await enroll_with_account(world, enrolled_at)
    due = enrolled_at + 14 * DAY
    clock = Clock(due + MINUTE)
    scheduler = Scheduler(world.settings, clock)
    await scheduler.tick()
    [now_due] = await kinds("checkin.due_now")
    assert now_due.created_at == due + MINUTE
    # 07:00 in Shanghai the next morning.
    assert now_due.not_before == now_due.next_attempt_at == utc(2026, 3, 16, 23, 0)

    clock.now = due + DAY + MINUTE  # overdue, 23:31 in Shanghai
    await scheduler.tick()
    [alert] = await kinds("checkin.overdue")
    assert alert.not_before == alert.next_attempt_at == clock.now


# ------------------------------------------------------------------ mediation


async def dispute(world: World, **fields: object) -> Dispute:
    return await Dispute.create(
        client_id=str(uuid.uuid4()),
        reference_number="调〔2026〕1号",
        reference_year=2026,
        reference_seq=await Dispute.all().count() + 1,
        title="宅基地边界",
        category=DisputeCategory.LAND,
        description="两户宅基地边界争议",
        risk_level=RiskLevel.LOW,
        org_unit=world.units["committee_a"],
        mediator=world.users["mediator_a"],
        registered_by=world.users["mediator_a"],
        registered_at=T0,
        **fields,
    )


async def test_mediation_follow_up_once(world: World) -> None:
    follow_up = T0 + 3 * DAY
    row = await dispute(world, next_follow_up_at=follow_up)
    clock = Clock(follow_up - MINUTE)
    scheduler = Scheduler(world.settings, clock)
    assert (await scheduler.tick())["follow_ups_due"] == 0
    clock.now = follow_up
    assert (await scheduler.tick())["follow_ups_due"] == 1
    clock.now += HOUR
    assert (await scheduler.tick())["follow_ups_due"] == 0
    [notice] = await kinds("dispute.follow_up_due")
    assert notice.recipient_id == world.users["mediator_a"].id
    assert notice.url == f"/#/dispute/{row.id}"

    # A later visit sets the next follow-up: a new period, a new reminder.
    row.next_follow_up_at = follow_up + 7 * DAY
    await row.save(update_fields=["next_follow_up_at"])
    clock.now = follow_up + 7 * DAY
    assert (await scheduler.tick())["follow_ups_due"] == 1
    assert (await scheduler.tick())["follow_ups_due"] == 0


# The judicial-confirmation deadline runs from the agreement's effective day:
# tests/test_agreements.py.


# ------------------------------------------------------------------ legal aid


async def legal_aid(world: World, **fields: object) -> LegalAidRequest:
    values: dict[str, object] = {
        "client_id": str(uuid.uuid4()),
        "reference_number": "援〔2026〕7号",
        "reference_year": 2026,
        "reference_seq": await LegalAidRequest.all().count() + 1,
        "applicant": world.users["applicant"],
        "filed_by": world.users["applicant"],
        "applicant_name": "赵六",
        "applicant_phone": "13800000000",
        "matter": LegalAidMatter.WAGE_ARREARS,
        "description": "拖欠工资",
        "household_size": 3,
        "monthly_household_income": Decimal("1800.00"),
        "eligible": True,
        "exempt": False,
        "eligibility_reason": "收入低于标准",
        "org_unit": world.units["legal"],
        "submitted_at": T0,
        "decision_due_at": T0 + 7 * DAY,
    }
    values.update(fields)
    return await LegalAidRequest.create(**values)


async def test_decision_due_tomorrow_reminds_the_centres_staff_once(world: World) -> None:
    due = T0 + 7 * DAY  # 法律援助法 Art. 43
    await legal_aid(world)
    await legal_aid(world, status=LegalAidStatus.APPROVED, decided_at=T0 + DAY)  # decided
    clock = Clock(due - DAY - MINUTE)
    scheduler = Scheduler(world.settings, clock)
    assert (await scheduler.tick())["decisions_due"] == 0
    clock.now = due - DAY
    assert (await scheduler.tick())["decisions_due"] == 1
    clock.now += 12 * HOUR
    assert (await scheduler.tick())["decisions_due"] == 0
    [notice] = await kinds("legal_aid.decision_due")
    # LEGAL_AID_STAFF of that centre only: not its lawyer, not another centre's staff.
    assert notice.recipient_id == world.users["staff"].id


async def test_approved_but_unassigned_for_two_days_once(world: World) -> None:
    decided = T0 + 2 * DAY
    await legal_aid(world, status=LegalAidStatus.APPROVED, decided_at=decided)
    clock = Clock(decided + 2 * DAY - MINUTE)
    scheduler = Scheduler(world.settings, clock)
    assert (await scheduler.tick())["unassigned_approvals"] == 0
    clock.now = decided + 2 * DAY
    assert (await scheduler.tick())["unassigned_approvals"] == 1
    clock.now += 6 * HOUR
    assert (await scheduler.tick())["unassigned_approvals"] == 0
    [notice] = await kinds("legal_aid.unassigned")
    assert notice.recipient_id == world.users["staff"].id


# ------------------------------------------------------------------ the outbox


async def _enqueue(world: World, period: str) -> int:
    async with in_transaction():
        return await notices.enqueue(
            Call(settings=world.settings, now=T0),
            [world.users["officer_a"]],
            "checkin.overdue",
            subject_type="SupervisedPerson",
            subject_id=1,
            period=period,
            url="/#/person/1",
            params={"name": "王五"},
            alert=True,
        )


async def test_same_dedupe_key_is_queued_once(world: World) -> None:
    assert await _enqueue(world, "p1") == 1
    assert await _enqueue(world, "p1") == 0
    assert await _enqueue(world, "p2") == 1
    assert sorted(n.period for n in await Notification.all()) == ["p1", "p2"]


async def test_same_dedupe_key_is_queued_once_under_concurrency(world: World) -> None:
    """Many schedulers at once (one per worker process): the unique key lets one row in."""
    await asyncio.gather(*(_enqueue(world, "same") for _ in range(12)))
    assert await Notification.filter(period="same").count() == 1


async def test_schedulers_running_together_queue_once(world: World) -> None:
    await enroll_with_account(world, T0)
    await legal_aid(world)
    now = T0 + 7 * DAY - HOUR
    await asyncio.gather(*(Scheduler(world.settings, Clock(now)).tick() for _ in range(5)))
    assert await Notification.filter(kind="legal_aid.decision_due").count() == 1
