"""The corrections figures of the dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from api.domain.common import sql
from api.domain.corrections.compliance import compliance
from api.models.corrections import CheckIn


@dataclass(frozen=True)
class CorrectionsFigures:
    active_persons: int
    overdue_persons: int
    absconded_persons: int
    check_ins_last_30_days: int
    on_time_rate_last_30_days: float | None


# The absconded (脱管) are a range of the (org_unit_id, status, …) index of
# their own, counted in the same statement; the units' placeholders named again.
_PERSON_FIGURES = """SELECT COUNT(*) AS active,
 COALESCE(SUM(CASE WHEN overdue_at < {0} THEN 1 ELSE 0 END), 0) AS overdue,
 (SELECT COUNT(*) FROM supervised_person
  WHERE status = 'ABSCONDED' AND org_unit_id IN ({1})) AS absconded
 FROM supervised_person WHERE status = 'ACTIVE' AND org_unit_id IN ({1})"""
_CHECK_IN_FIGURES = """SELECT COUNT(*) AS total
 FROM check_in c JOIN supervised_person p ON p.id = c.person_id
 WHERE c.captured_at >= {0} AND c.status <> 'REJECTED' AND p.org_unit_id IN ({1})"""


async def dashboard_figures(unit_ids: Sequence[int], now: datetime) -> CorrectionsFigures:
    """Counts for the dashboard: a constant number of statements, whatever the
    data's size.

    The counts are one pass each; the 30-day check-ins an index-only range
    scan on (captured_at, person_id, late, status). Rejected check-ins do not
    count. The on-time rate walks the reports due (compliance.py).
    """
    ids = list(unit_ids)
    if not ids:
        return CorrectionsFigures(0, 0, 0, 0, None)
    conn = sql.connection()
    by_persons, by_check_ins = sql.Binder(conn), sql.Binder(conn)
    persons = _PERSON_FIGURES.format(
        by_persons(sql.db_value(CheckIn, "captured_at", now)), by_persons.many(ids)
    )
    since = sql.db_value(CheckIn, "captured_at", now - timedelta(days=30))
    check_ins = _CHECK_IN_FIGURES.format(by_check_ins(since), by_check_ins.many(ids))
    (person_row,) = (await conn.execute_query(persons, by_persons.values))[1]
    (check_in_row,) = (await conn.execute_query(check_ins, by_check_ins.values))[1]
    active, overdue = int(person_row["active"]), int(person_row["overdue"])
    # The contract: the share of check-ins *due* in the period made on time,
    # a due period with no report counting as missed (compliance.py).
    due = await compliance(ids, now - timedelta(days=30), now)
    return CorrectionsFigures(
        active_persons=active,
        overdue_persons=overdue,
        absconded_persons=int(person_row["absconded"]),
        check_ins_last_30_days=int(check_in_row["total"]),
        on_time_rate_last_30_days=due.rate,
    )
