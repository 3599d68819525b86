"""Corrections' figures of the month (社区矫正).

On the register: from the intake (enrolled_at, the intake's own time once
confirmed) until the end's legal date (SupervisionEnd.ended_on, from which
the person is released or terminated); so the month's end equals its start
plus those taken in less those ended, which tests/test_statistics.py checks.

Sanctions are counted in the month of the county body's decision (decided_on,
the date it gave) when it approved the measure; leaves and changes of
residence in the month they were approved (decided_at), a leave since
returned counted too, for it was approved.
"""

from __future__ import annotations

from datetime import datetime

from api.domain.common import scope
from api.domain.common.call import Call
from api.domain.statistics.month import Month
from api.domain.statistics.registry import (
    AreaStatistics,
    Counts,
    Figure,
    Query,
    merge,
    register,
    when,
)
from api.models.corrections import SupervisedPerson
from api.models.enums import TerminationReason
from api.models.intake import PendingIntake
from api.models.leave import LeaveKind, LeaveRequest, LeaveStatus
from api.models.sanctions import Sanction, SanctionMeasure, SanctionStatus
from api.models.search import SearchRecord
from api.models.supervision_end import SupervisionEnd

SANCTION_WORDS = {
    SanctionMeasure.ADMONITION: ("训诫", "admonition"),
    SanctionMeasure.WARNING: ("警告", "warning"),
    SanctionMeasure.REVOCATION_PROPOSAL: ("提请撤销", "revocation proposed"),
}

FIGURES = (
    Figure("on_register_start", "月初在册", "On the register at month start"),
    Figure("on_register_end", "月末在册", "On the register at month end"),
    Figure("admitted", "本月入矫", "Taken in"),
    Figure("released", "本月解除矫正", "Released"),
    Figure("terminated_revocation", "终止：撤销缓刑、假释", "Terminated: revoked"),
    Figure("terminated_imprisonment", "终止：收监执行", "Terminated: imprisoned"),
    Figure("terminated_death", "终止：死亡", "Terminated: died"),
    Figure("absconded", "本月脱管", "Lost contact"),
    Figure("missed_intake", "本月漏管", "Missed intake"),
    *(
        Figure(f"sanction_{m.value.lower()}", f"本月决定{zh}", f"Sanctions decided: {en}")
        for m, (zh, en) in SANCTION_WORDS.items()
    ),
    Figure("leave_approved", "本月批准外出", "Leaves approved"),
    Figure("residence_change_approved", "本月批准迁居", "Changes of residence approved"),
)


async def compute(root: str, month: Month, as_of: datetime) -> Counts:
    return merge(
        await _persons(root, month),
        await _absconded(root, month),
        await _missed(root, month, as_of),
        await _sanctions(root, month),
        await _leaves(root, month),
    )


async def _persons(root: str, month: Month) -> Counts:
    q = Query()
    start = q.value(SupervisedPerson, "enrolled_at", month.starts_at)
    end = q.value(SupervisedPerson, "enrolled_at", month.ends_at)
    first = q.value(SupervisionEnd, "ended_on", month.first_day)
    after = q.value(SupervisionEnd, "ended_on", month.next().first_day)
    last = q.value(SupervisionEnd, "ended_on", month.last_day)
    ended_in = f"e.ended_on >= {first} AND e.ended_on <= {last}"
    figures = [
        when(
            f"p.enrolled_at < {start} AND (e.ended_on IS NULL OR e.ended_on >= {first})",
            "on_register_start",
        ),
        when(
            f"p.enrolled_at < {end} AND (e.ended_on IS NULL OR e.ended_on >= {after})",
            "on_register_end",
        ),
        when(f"p.enrolled_at >= {start} AND p.enrolled_at < {end}", "admitted"),
        when(f"e.outcome = 'RELEASED' AND {ended_in}", "released"),
    ]
    for reason, name in (
        (TerminationReason.REVOCATION, "terminated_revocation"),
        (TerminationReason.IMPRISONMENT, "terminated_imprisonment"),
        (TerminationReason.DEATH, "terminated_death"),
    ):
        figures.append(when(f"e.termination_reason = {q(reason.value)} AND {ended_in}", name))
    text = (
        f"SELECT p.org_unit_id AS unit, {', '.join(figures)}"  # noqa: S608
        " FROM supervised_person p JOIN org_unit u ON u.id = p.org_unit_id"
        " LEFT JOIN supervision_end e ON e.person_id = p.id"
        f" WHERE {q.under('u.path', root)} AND p.status <> 'PENDING_INTAKE'"
        " GROUP BY p.org_unit_id"
    )
    return await q.counts(text)


async def _absconded(root: str, month: Month) -> Counts:
    """Absences begun in the month (one person twice counts twice)."""
    q = Query()
    first = q.value(SearchRecord, "lost_on", month.first_day)
    last = q.value(SearchRecord, "lost_on", month.last_day)
    text = (
        "SELECT p.org_unit_id AS unit, COUNT(*) AS absconded"  # noqa: S608
        " FROM search_record r JOIN supervised_person p ON p.id = r.person_id"
        " JOIN org_unit u ON u.id = p.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND r.lost_on >= {first} AND r.lost_on <= {last}"
        " GROUP BY p.org_unit_id"
    )
    return await q.counts(text)


async def _missed(root: str, month: Month, as_of: datetime) -> Counts:
    """漏管: intakes whose last day to report fell in the month and that were
    not taken in by it (taken in late, or still not, as of the computing)."""
    q = Query()
    first = q.value(PendingIntake, "report_due_on", month.first_day)
    last = q.value(PendingIntake, "report_due_on", month.last_day)
    now = q.value(PendingIntake, "report_due_at", as_of)
    text = (
        "SELECT i.org_unit_id AS unit, COUNT(*) AS missed_intake"  # noqa: S608
        " FROM pending_intake i JOIN org_unit u ON u.id = i.org_unit_id"
        f" WHERE {q.under('u.path', root)}"
        f" AND i.report_due_on >= {first} AND i.report_due_on <= {last}"
        f" AND (i.arrived_late = TRUE OR (i.confirmed_at IS NULL AND i.report_due_at <= {now}))"
        " GROUP BY i.org_unit_id"
    )
    return await q.counts(text)


async def _sanctions(root: str, month: Month) -> Counts:
    """Measures approved in the month, at the person's office."""
    q = Query()
    first = q.value(Sanction, "decided_on", month.first_day)
    last = q.value(Sanction, "decided_on", month.last_day)
    figures = [
        when(f"s.measure = {q(m.value)}", f"sanction_{m.value.lower()}") for m in SANCTION_WORDS
    ]
    text = (
        f"SELECT p.org_unit_id AS unit, {', '.join(figures)}"  # noqa: S608
        " FROM sanction s JOIN supervised_person p ON p.id = s.person_id"
        " JOIN org_unit u ON u.id = p.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND s.status = {q(SanctionStatus.APPROVED.value)}"
        f" AND s.decided_on >= {first} AND s.decided_on <= {last}"
        " GROUP BY p.org_unit_id"
    )
    return await q.counts(text)


async def _leaves(root: str, month: Month) -> Counts:
    """Leaves and moves approved in the month, at the person's office."""
    q = Query()
    start = q.value(LeaveRequest, "decided_at", month.starts_at)
    end = q.value(LeaveRequest, "decided_at", month.ends_at)
    # A returned leave was approved before the person came back.
    approved = q.bind.many((LeaveStatus.APPROVED.value, LeaveStatus.RETURNED.value))
    figures = [
        when(f"l.kind = {q(LeaveKind.LEAVE.value)}", "leave_approved"),
        when(f"l.kind = {q(LeaveKind.RESIDENCE_CHANGE.value)}", "residence_change_approved"),
    ]
    text = (
        f"SELECT p.org_unit_id AS unit, {', '.join(figures)}"  # noqa: S608
        " FROM leave_request l JOIN supervised_person p ON p.id = l.person_id"
        " JOIN org_unit u ON u.id = p.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND l.status IN ({approved})"
        f" AND l.decided_at >= {start} AND l.decided_at < {end}"
        " GROUP BY p.org_unit_id"
    )
    return await q.counts(text)


async def visible(call: Call, unit_id: int) -> bool:
    return await scope.corrections_unit_in_scope(call, unit_id)


AREA = register(
    AreaStatistics("corrections", "社区矫正", "Community corrections", FIGURES, compute, visible)
)
