"""Scheduled reminders: what is due at a given moment, queued as notices.

The scheduler calls `queue_due_reminders(call)` every minute. Each rule finds
what has come due within a look-back window (so a scheduler that was down for
a while catches up) and queues one notice per recipient and due period; the
outbox's unique dedupe key makes every later tick a no-op for the same period.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

from api.domain.common import links
from api.domain.common.call import Call
from api.domain.corrections import intake, monitoring, persons, release, violation_checks
from api.domain.corrections.schedule import due_in_term, in_term_on, term_ended
from api.domain.legal_aid import closing, materials
from api.domain.mediation import confirmation, disputes, performance, referrals, screening
from api.domain.notices import notices
from api.domain.resettlement import reminders as resettlement
from api.models.accounts import User
from api.models.corrections import SupervisedPerson
from api.models.enums import LegalAidStatus, Role, SupervisionStatus
from api.models.intake import PendingIntake
from api.models.legal_aid import LegalAidRequest

# How far back a rule looks for what came due while no scheduler ran.
CATCH_UP = timedelta(days=1)
DUE_SOON = timedelta(hours=24)
DECISION_WARNING = timedelta(days=1)
# An approved request should be assigned within 3 days (法律援助法 Art. 43);
# staff hear of it after 2.
UNASSIGNED_AFTER = timedelta(days=2)
# Not law but the app's choice: the officer hears of an intake deadline (法
# Art. 21) two days before it passes, time enough to call the person.
INTAKE_WARNING = timedelta(days=2)
BATCH = 500

R = TypeVar("R")


def _period(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


async def _users(ids: set[int]) -> dict[int, User]:
    if not ids:
        return {}
    return {u.id: u for u in await User.filter(id__in=list(ids), is_active=True)}


async def _owing(query: Any, call: Call, *, missed: bool = False) -> list[SupervisedPerson]:
    """The persons of `query` who owe the report due at their next_due_at: one
    due within the term (schedule.due_in_term). The person is reminded only
    while the term runs; the officer hears of a report missed on the term's
    last days even after it (`missed`)."""
    if not missed:
        query = query.filter(in_term_on(call.now))
    rows = await query.limit(BATCH)
    return [
        p for p in rows if due_in_term(p, p.next_due_at) and (missed or not term_ended(p, call.now))
    ]


async def check_ins_due_soon(call: Call) -> int:
    """To the person: a check-in is due within 24 hours."""
    now = call.now
    persons = await _owing(
        SupervisedPerson.filter(
            status=SupervisionStatus.ACTIVE,
            account_id__not_isnull=True,
            next_due_at__gt=now,
            next_due_at__lte=now + DUE_SOON,
        ),
        call,
    )
    return await _to_accounts(call, persons, "checkin.due_soon")


async def check_ins_due_now(call: Call) -> int:
    """To the person: the check-in is due now (and not yet overdue)."""
    now = call.now
    persons = await _owing(
        SupervisedPerson.filter(
            status=SupervisionStatus.ACTIVE,
            account_id__not_isnull=True,
            next_due_at__lte=now,
            next_due_at__gt=now - CATCH_UP,
            overdue_at__gt=now,
        ),
        call,
    )
    return await _to_accounts(call, persons, "checkin.due_now")


async def _each_to_one(
    call: Call,
    rows: Sequence[R],
    recipient_id: Callable[[R], int | None],
    kind: str,
    notice: Callable[[R], dict[str, Any]],
) -> int:
    """One notice per row to the one account `recipient_id` names (skipped when
    it is gone or inactive); `notice` gives the rest of enqueue's arguments."""
    users = await _users({i for i in map(recipient_id, rows) if i is not None})
    queued = 0
    for row in rows:
        user = users.get(recipient_id(row))  # type: ignore[arg-type]
        if user is not None:
            queued += await notices.enqueue(call, [user], kind, **notice(row))
    return queued


async def _to_accounts(call: Call, persons: list[SupervisedPerson], kind: str) -> int:
    def notice(person: SupervisedPerson) -> dict[str, Any]:
        local_due = person.next_due_at.astimezone(_tz(call))
        return {
            "subject_type": "SupervisedPerson",
            "subject_id": person.id,
            "period": _period(person.next_due_at),
            "url": links.home(),
            "params": {"due": local_due.strftime("%Y-%m-%d %H:%M")},
        }

    return await _each_to_one(
        call,
        persons,
        lambda p: p.account_id,
        kind,
        notice,
    )


def _tz(call: Call) -> ZoneInfo:
    return ZoneInfo(call.settings.timezone)


async def check_ins_overdue(call: Call) -> int:
    """To the officer: due plus grace has passed, once per due period."""
    now = call.now
    persons = await _owing(
        SupervisedPerson.filter(
            status=SupervisionStatus.ACTIVE,
            officer_id__not_isnull=True,
            overdue_at__lte=now,
            overdue_at__gt=now - CATCH_UP,
        ),
        call,
        missed=True,
    )
    return await _each_to_one(
        call,
        persons,
        lambda p: p.officer_id,
        "checkin.overdue",
        lambda p: {
            "subject_type": "SupervisedPerson",
            "subject_id": p.id,
            "period": _period(p.next_due_at),
            "url": links.person(p.id),
            "alert": True,
            "urgency": "high",
        },
    )


async def terms_ending(call: Call) -> int:
    """To the officer: the term ends in 30 days, then in 7 (an app choice, not
    law: api/domain/corrections/release.py), while under supervision."""
    due = await release.terms_ending(call, BATCH)
    today = release.ending.today(call)
    return await _each_to_one(
        call,
        due,
        lambda d: d[0].officer_id,
        "release.due",
        lambda d: {
            "subject_type": "SupervisedPerson",
            "subject_id": d[0].id,
            "period": f"{d[0].term_end.isoformat()}:{d[1]}",
            "url": links.person(d[0].id),
            "params": {
                "name": d[0].full_name,
                "date": d[0].term_end.isoformat(),
                "days": (d[0].term_end - today).days,
            },
            "alert": True,
        },
    )


async def follow_ups_due(call: Call) -> int:
    """To the mediator: a dispute's follow-up date has come."""
    due = await disputes.follow_ups_due(call.now, since=call.now - CATCH_UP, limit=BATCH)
    return await _each_to_one(
        call,
        due,
        lambda d: d.mediator_id,
        "dispute.follow_up_due",
        lambda d: {
            "subject_type": "Dispute",
            "subject_id": d.id,
            "period": _period(d.next_follow_up_at),
            "url": links.dispute(d.id),
            "params": {"title": d.title},
            "alert": True,
        },
    )


async def _centre_staff(unit_ids: set[int]) -> dict[int, list[User]]:
    staff: dict[int, list[User]] = {u: [] for u in unit_ids}
    if unit_ids:
        for user in await User.filter(
            org_unit_id__in=list(unit_ids), role=Role.LEGAL_AID_STAFF, is_active=True
        ):
            assert user.org_unit_id is not None  # filtered on it
            staff[user.org_unit_id].append(user)
    return staff


async def decisions_due(call: Call) -> int:
    """To the centre's staff: a decision is due within a day (法律援助法 Art. 43)."""
    now = call.now
    requests = await LegalAidRequest.filter(
        status=LegalAidStatus.SUBMITTED,
        decision_due_at__gt=now,
        decision_due_at__lte=now + DECISION_WARNING,
    ).limit(BATCH)
    staff = await _centre_staff({r.org_unit_id for r in requests})
    queued = 0
    for request in requests:
        due = request.decision_due_at.astimezone(_tz(call))
        queued += await notices.enqueue(
            call,
            staff[request.org_unit_id],
            "legal_aid.decision_due",
            subject_type="LegalAidRequest",
            subject_id=request.id,
            period=_period(request.decision_due_at),
            url=links.legal_aid_request(request.id),
            params={"reference": request.reference_number, "due": due.strftime("%Y-%m-%d %H:%M")},
            alert=True,
        )
    return queued


async def unassigned_approvals(call: Call) -> int:
    """To the centre's staff: approved two days ago and still not assigned."""
    now = call.now
    requests = await LegalAidRequest.filter(
        status=LegalAidStatus.APPROVED,
        decided_at__lte=now - UNASSIGNED_AFTER,
        decided_at__gt=now - UNASSIGNED_AFTER - CATCH_UP,
    ).limit(BATCH)
    staff = await _centre_staff({r.org_unit_id for r in requests})
    queued = 0
    for request in requests:
        queued += await notices.enqueue(
            call,
            staff[request.org_unit_id],
            "legal_aid.unassigned",
            subject_type="LegalAidRequest",
            subject_id=request.id,
            period="approved",
            url=links.legal_aid_request(request.id),
            params={"reference": request.reference_number},
            alert=True,
        )
    return queued


def _intake_notice(row: PendingIntake) -> dict[str, Any]:
    return {
        "subject_type": "PendingIntake",
        "subject_id": row.id,
        "url": links.intake(row.id),
        "params": {"name": row.person.full_name, "due": row.report_due_on.isoformat()},
        "alert": True,
    }


async def intakes_due_soon(call: Call) -> int:
    """To the officer: the person has not reported and the intake deadline is
    two days away (法 Art. 21; the two days are the app's choice)."""
    now = call.now
    rows = (
        await PendingIntake.filter(
            confirmed_at=None,
            report_due_at__gt=now,
            report_due_at__lte=now + INTAKE_WARNING,
        )
        .select_related("person")
        .limit(BATCH)
    )
    queued = 0
    for row in rows:
        queued += await notices.enqueue(
            call,
            await intake.officers_to_remind(row.person),
            "intake.due_soon",
            period=row.report_due_on.isoformat(),
            **_intake_notice(row),
        )
    return queued


async def intakes_missed(call: Call) -> int:
    """漏管: the deadline passed with nobody taken in. The officer and the
    supervisors above the office are alerted once, and the intake records
    when (`missed_at`), whenever the scheduler first sees it."""
    rows = (
        await PendingIntake.filter(confirmed_at=None, missed_at=None, report_due_at__lte=call.now)
        .select_related("person")
        .limit(BATCH)
    )
    queued = 0
    for row in rows:
        recipients = {u.id: u for u in await persons.alert_recipients(row.person)}
        recipients.update({u.id: u for u in await intake.officers_to_remind(row.person)})
        queued += await notices.enqueue(
            call,
            recipients.values(),
            "intake.missed",
            period="missed",
            urgency="high",
            **_intake_notice(row),
        )
    if rows:
        await PendingIntake.filter(id__in=[r.id for r in rows]).update(missed_at=call.now)
    return queued


RULES: tuple[Callable[[Call], Awaitable[int]], ...] = (
    check_ins_due_soon,
    check_ins_due_now,
    check_ins_overdue,
    terms_ending,
    follow_ups_due,
    confirmation.confirmation_deadlines,
    performance.terms_overdue,
    decisions_due,
    unassigned_approvals,
    intakes_due_soon,
    intakes_missed,
    closing.closings_due_soon,
    closing.closings_overdue,
    monitoring.remind_expiring,
    referrals.one_month_reminders,
    referrals.court_deadline_reminders,
    screening.missing_reports,
    violation_checks.missed_reports,
    violation_checks.late_returns,
    resettlement.lost_contact,
    resettlement.contacts_due,
    materials.lapse_unanswered,
)


async def queue_due_reminders(call: Call) -> dict[str, int]:
    """Run every rule once; how many new notices each queued."""
    counts: dict[str, int] = {}
    for rule in RULES:
        async with in_transaction():
            counts[rule.__name__] = await rule(call)
    return counts
