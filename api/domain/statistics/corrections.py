"""Corrections' figures of the month (社区矫正).

On the register: from the intake (enrolled_at, the intake's own time once
confirmed) until the end's legal date (SupervisionEnd.ended_on, from which
the person is released or terminated); so the month's end equals its start
plus those taken in less those ended, which tests/test_statistics.py checks.

Left for records not on main yet: sanctions by kind (训诫, 警告, 提请撤销), leaves.
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
from api.models.search import SearchRecord
from api.models.supervision_end import SupervisionEnd

FIGURES = (
    Figure("on_register_start", "月初在册", "On the register at month start"),
    Figure("on_register_end", "月末在册", "On the register at month end"),
    Figure("admitted", "本月入矫", "Taken in"),
    Figure("released", "本月解除矫正", "Released"),
    Figure("terminated_revocation", "终止：撤销缓刑、假释", "Terminated: revoked"),
    Figure("terminated_imprisonment", "终止：收监执行", "Terminated: imprisoned"),
    Figure("terminated_death", "终止：死亡", "Terminated: died"),
    Figure("absconded", "本月脱管", "Lost contact (脱管)"),
    Figure("missed_intake", "本月漏管", "Missed intake (漏管)"),
)


async def compute(root: str, month: Month, as_of: datetime) -> Counts:
    return merge(
        await _persons(root, month),
        await _absconded(root, month),
        await _missed(root, month, as_of),
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


async def visible(call: Call, unit_id: int) -> bool:
    return await scope.corrections_unit_in_scope(call, unit_id)


AREA = register(
    AreaStatistics("corrections", "社区矫正", "Community corrections", FIGURES, compute, visible)
)
