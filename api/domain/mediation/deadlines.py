"""How long a mediation may take: a court-referred case's period, and the
month in which a mediation is normally finished.

Days are counted as the procedure laws count periods: the day the period
starts from is day 0 (期间开始的日不计算在期间内; periods.last_day), so a
15-day period from a signing on the 1st runs to the end of the 16th.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from api.domain.common import audit, dated_tables, periods, scope
from api.domain.common.call import Call
from api.domain.common.validators import int_range
from api.models.accounts import OrgUnit
from api.models.enums import Role
from api.models.mediation_sources import (
    CourtProcedure,
    DisputeSourceKind,
    MediationPeriodStandard,
)

# 最高人民法院关于人民法院特邀调解的规定 (2016) Art. 27: a case a court refers
# before filing (委派) is mediated within 30 days; one it refers after filing
# (委托) within 15 days in ordinary procedure and 7 in summary procedure;
# both counted from the day the mediator signs for the court's materials, and
# longer when both parties agree. National rules, read in LawRefBook/Laws.
DELEGATED_DAYS = 30
ENTRUSTED_DAYS = {CourtProcedure.ORDINARY: 15, CourtProcedure.SUMMARY: 7}

# 人民调解工作若干规定 (司法部, 2002) Art. 33: a dispute is normally mediated
# within a month; the issue asks for a reminder at 25 days. The text of the
# 若干规定 could not be checked here, so the figures are a dated table per
# unit (MediationPeriodStandard) a bureau may set; these are the defaults
# where no unit above has set one (one month read as 30 days).
UNSET_PERIOD_DAYS = 30
UNSET_REMIND_AFTER_DAYS = 25
PERIOD_DAYS_RANGE = (1, 365)

SETTERS = frozenset({Role.SUPERVISOR, Role.ADMIN})


def court_due_on(
    kind: DisputeSourceKind, procedure: CourtProcedure | None, received_on: date
) -> date | None:
    """The last day of a court-referred case's period (特邀调解规定 Art. 27)."""
    if kind is DisputeSourceKind.COURT_DELEGATED:
        return periods.last_day(received_on, DELEGATED_DAYS)
    if kind is DisputeSourceKind.COURT_ENTRUSTED:
        assert procedure is not None  # sources.clean requires it
        return periods.last_day(received_on, ENTRUSTED_DAYS[CourtProcedure(procedure)])
    return None


@dataclass(frozen=True)
class NormalPeriod:
    period_days: int
    remind_after_days: int
    row: MediationPeriodStandard | None = None


async def normal_period(unit: OrgUnit, on: date) -> NormalPeriod:
    """The unit's normal mediation period in force on that day (若干规定 Art. 33)."""
    row = await dated_tables.in_force(MediationPeriodStandard, unit.path, on)
    if row is None:
        return NormalPeriod(UNSET_PERIOD_DAYS, UNSET_REMIND_AFTER_DAYS)
    return NormalPeriod(row.period_days, row.remind_after_days, row)


async def set_mediation_period(
    call: Call, org_unit_id: int, effective_from: date, period_days: int, remind_after_days: int
) -> MediationPeriodStandard:
    """A SUPERVISOR overseeing the unit's mediation (or an ADMIN) sets, or for
    the same day corrects, the unit's period from a date; the units below
    inherit it. Disputes registered before keep the dates they were given."""
    viewer = scope.require_role(call, SETTERS)
    days = int_range(period_days, "periodDays", *PERIOD_DAYS_RANGE)
    remind = int_range(remind_after_days, "remindAfterDays", 1, days)
    if viewer.role is Role.ADMIN:
        allowed = await scope.unit_in_scope(call, org_unit_id)
    else:
        allowed = await scope.area_unit_in_scope(call, scope.Area.MEDIATION, org_unit_id)
    if not allowed:
        raise scope.not_found("UNIT_NOT_FOUND")
    values: dict[str, object] = {
        "period_days": days,
        "remind_after_days": remind,
        "set_by_id": viewer.id or None,
        "created_at": call.now,
    }
    return await dated_tables.set_row(
        MediationPeriodStandard, org_unit_id, effective_from, values, partial(_audit, call)
    )


async def _audit(call: Call, row: MediationPeriodStandard) -> None:
    await audit.record(
        call,
        "mediation_period.set",
        target_type="MediationPeriodStandard",
        target_id=row.id,
        summary={
            "orgUnitId": row.org_unit_id,
            "effectiveFrom": row.effective_from,
            "periodDays": row.period_days,
            "remindAfterDays": row.remind_after_days,
        },
    )
