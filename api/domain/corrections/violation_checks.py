"""The app's own checks that put violations on the record, run by the reminder
scheduler (api/domain/notices/reminders.py): a periodic report missed, and a
leave that ended with no return reported."""

from __future__ import annotations

from datetime import timedelta

from api.domain.common.call import Call
from api.domain.common.periods import local_day
from api.domain.corrections import ending
from api.domain.corrections.schedule import due_in_term
from api.domain.corrections.violations import late_return_facts, late_return_key, record_by_app
from api.models.corrections import SupervisedPerson
from api.models.enums import SupervisionStatus
from api.models.leave import LeaveKind, LeaveRequest, LeaveStatus
from api.models.sanctions import ViolationKind

# How far back a check looks for what came due while none ran (as the
# reminders do).
CATCH_UP = timedelta(days=1)
BATCH = 500


async def missed_reports(call: Call) -> int:
    """The app's own record of a periodic report missed (due plus grace has
    passed), once per due period: a breach of the reporting rules (法 Art. 23)."""
    now = call.now
    due = await SupervisedPerson.filter(
        status=SupervisionStatus.ACTIVE, overdue_at__lte=now, overdue_at__gt=now - CATCH_UP
    ).limit(BATCH)
    recorded = 0
    for person in due:
        if not due_in_term(person, person.next_due_at):
            continue
        row = await record_by_app(
            call,
            person,
            f"missed:{person.id}:{person.next_due_at.isoformat()}",
            kind=ViolationKind.MISSED_REPORT,
            occurred_on=local_day(person.overdue_at),
            facts=f"未按规定时间报告（应于 {local_day(person.next_due_at).isoformat()} 报告）。",
        )
        recorded += row is not None
    return recorded


async def late_returns(call: Call) -> int:
    """The app's own record of a leave that ended with no return reported: a
    breach of the rules on going out (实施办法 Art. 28 as cited: back before the
    leave ends, and report)."""
    today = local_day(call.now)
    leaves = (
        await LeaveRequest.filter(
            kind=LeaveKind.LEAVE, status=LeaveStatus.APPROVED, ends_on__lt=today
        )
        .prefetch_related("person")
        .limit(BATCH)
    )
    recorded = 0
    for leave in leaves:
        person = leave.person
        if SupervisionStatus(person.status) not in ending.UNDER_SUPERVISION:
            continue
        assert leave.ends_on is not None
        row = await record_by_app(
            call,
            person,
            late_return_key(leave.id),
            kind=ViolationKind.LATE_RETURN,
            occurred_on=leave.ends_on + timedelta(days=1),
            facts=late_return_facts(leave, (today - leave.ends_on).days, returned=False),
            leave_id=leave.id,
        )
        recorded += row is not None
    return recorded
