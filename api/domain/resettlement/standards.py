"""The hand-over's figures: a dated table per unit (dated_tables).

The prison's notice of release (刑满释放人员通知书) reaching the office about a
month before the release is 司法部 practice, not a statute read here; the
province sets the lead time, the days after which a person who did not
arrive counts as lost, and how often a high-risk person is contacted. So
they are rows of ResettlementStandard per unit from a date; where no unit
above has one, the app's own defaults below (not law) apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from api.domain.common import audit, dated_tables, scope
from api.domain.common.call import Call
from api.domain.common.validators import int_range
from api.models.enums import Role
from api.models.resettlement import ResettlementStandard

NOTICE_DAYS_DEFAULT = 30
NO_SHOW_DAYS_DEFAULT = 7
HIGH_RISK_CONTACT_DAYS_DEFAULT = 30
DAYS_RANGE = (1, 366)


@dataclass(frozen=True)
class Figures:
    notice_days: int
    no_show_days: int
    high_risk_contact_days: int
    effective_from: date | None


DEFAULTS = Figures(NOTICE_DAYS_DEFAULT, NO_SHOW_DAYS_DEFAULT, HIGH_RISK_CONTACT_DAYS_DEFAULT, None)


async def in_force(unit_path: str, on: date) -> Figures:
    row = await dated_tables.in_force(ResettlementStandard, unit_path, on)
    if row is None:
        return DEFAULTS
    return Figures(
        row.notice_days, row.no_show_days, row.high_risk_contact_days, row.effective_from
    )


async def set_standard(
    call: Call,
    org_unit_id: int,
    effective_from: date,
    *,
    notice_days: int,
    no_show_days: int,
    high_risk_contact_days: int,
) -> ResettlementStandard:
    """A SUPERVISOR of a bureau (or of the office) sets the unit's figures from a
    date, for it and the units below; setting the same day again corrects it."""
    viewer = scope.require_role(call, {Role.SUPERVISOR})
    values: dict[str, object] = {
        "notice_days": int_range(notice_days, "noticeDays", *DAYS_RANGE),
        "no_show_days": int_range(no_show_days, "noShowDays", *DAYS_RANGE),
        "high_risk_contact_days": int_range(
            high_risk_contact_days, "highRiskContactDays", *DAYS_RANGE
        ),
        "set_by_id": viewer.id,
        "created_at": call.now,
    }
    if org_unit_id not in await scope.resettlement_unit_ids(call):
        raise scope.not_found("UNIT_NOT_FOUND")
    return await dated_tables.set_row(
        ResettlementStandard, org_unit_id, effective_from, values, partial(_audit, call)
    )


async def _audit(call: Call, row: ResettlementStandard) -> None:
    await audit.record(
        call,
        "resettlement_standard.set",
        target_type="ResettlementStandard",
        target_id=row.id,
        summary={
            "orgUnitId": row.org_unit_id,
            "effectiveFrom": row.effective_from,
            "noticeDays": row.notice_days,
            "noShowDays": row.no_show_days,
            "highRiskContactDays": row.high_risk_contact_days,
        },
    )
