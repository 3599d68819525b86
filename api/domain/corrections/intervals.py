"""How often a person of each grade reports by default: a dated table per unit.

Graded supervision (分类管理) sets how often a person reports, but neither
社区矫正法 nor its 实施办法 fixes a figure: 法 Art. 23-24 leave reporting to
the rules of the ministry and the individual plan, and provinces and counties
set the frequencies. So the defaults are rows of CheckInIntervalStandard,
from a date, for a unit and every unit below it (dated_tables.in_force); the
officer may still set another interval for a person (schedule.set_check_in_plan).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from api.domain.common import audit, dated_tables, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.validators import CHINA_TZ, int_range
from api.domain.corrections.schedule import INTERVAL_DAYS_RANGE
from api.models.accounts import OrgUnit
from api.models.enums import Role, SupervisionLevel
from api.models.supervision import CheckInIntervalStandard

# Where no unit above has set a table: the app's own defaults, the contract's
# (EnrollPersonInput.checkInIntervalDays). Not law; a unit's row replaces them.
UNSET_DEFAULTS: dict[SupervisionLevel, int] = {
    SupervisionLevel.STRICT: 7,
    SupervisionLevel.NORMAL: 14,
    SupervisionLevel.LENIENT: 30,
}
SETTERS = frozenset({Role.SUPERVISOR, Role.ADMIN})
# Who reads a unit's intervals: the corrections staff (the enrol form's
# defaults) and those who set them.
READERS = scope.CORRECTIONS_STAFF | SETTERS


def days_of(row: CheckInIntervalStandard, level: SupervisionLevel) -> int:
    return {
        SupervisionLevel.STRICT: row.strict_days,
        SupervisionLevel.NORMAL: row.normal_days,
        SupervisionLevel.LENIENT: row.lenient_days,
    }[SupervisionLevel(level)]


@dataclass(frozen=True)
class InForce:
    """A unit's intervals on a day: the row in force, or none (the defaults)."""

    on: date
    row: CheckInIntervalStandard | None

    def days(self, level: SupervisionLevel) -> int:
        if self.row is None:
            return UNSET_DEFAULTS[SupervisionLevel(level)]
        return days_of(self.row, level)


async def table_in_force(unit: OrgUnit, on: date) -> InForce:
    return InForce(on, await dated_tables.in_force(CheckInIntervalStandard, unit.path, on))


async def interval_in_force(unit: OrgUnit, on: date, level: SupervisionLevel) -> int:
    """The default interval of a grade for persons of this unit on that day."""
    return (await table_in_force(unit, on)).days(level)


async def intervals_in_force(call: Call, org_unit_id: int) -> InForce:
    """The intervals an enrolment in this unit takes today (enrolment.check_in_plan),
    for the staff of the unit's corrections and those who set them."""
    scope.require_role(call, READERS)
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    unit = await OrgUnit.get(id=org_unit_id)
    return await table_in_force(unit, call.now.astimezone(CHINA_TZ).date())


async def set_check_in_intervals(
    call: Call,
    org_unit_id: int,
    effective_from: date,
    strict_days: int,
    normal_days: int,
    lenient_days: int,
) -> CheckInIntervalStandard:
    """A SUPERVISOR or ADMIN sets (or, for the same day, corrects) a unit's
    intervals from a date; the units below inherit them. A supervisor sets
    them where it oversees corrections (a correction centre's: its county).
    Persons already enrolled keep theirs until their grade changes."""
    viewer = scope.require_role(call, SETTERS)
    days = {
        "strictDays": int_range(strict_days, "strictDays", *INTERVAL_DAYS_RANGE),
        "normalDays": int_range(normal_days, "normalDays", *INTERVAL_DAYS_RANGE),
        "lenientDays": int_range(lenient_days, "lenientDays", *INTERVAL_DAYS_RANGE),
    }
    # The stricter the grade, the more often the person reports.
    if days["normalDays"] < days["strictDays"]:
        raise BadInput("NORMAL_NOT_MORE_OFTEN_THAN_STRICT", field="normalDays")
    if days["lenientDays"] < days["normalDays"]:
        raise BadInput("LENIENT_NOT_MORE_OFTEN_THAN_NORMAL", field="lenientDays")
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    values: dict[str, object] = {
        "strict_days": days["strictDays"],
        "normal_days": days["normalDays"],
        "lenient_days": days["lenientDays"],
        "set_by_id": viewer.id or None,  # the command line acts as "system" (id 0)
        "created_at": call.now,
    }
    return await dated_tables.set_row(
        CheckInIntervalStandard, org_unit_id, effective_from, values, partial(_audit, call)
    )


async def _audit(call: Call, row: CheckInIntervalStandard) -> None:
    await audit.record(
        call,
        "check_in_intervals.set",
        target_type="CheckInIntervalStandard",
        target_id=row.id,
        summary={
            "orgUnitId": row.org_unit_id,
            "effectiveFrom": row.effective_from,
            "strictDays": row.strict_days,
            "normalDays": row.normal_days,
            "lenientDays": row.lenient_days,
        },
    )
