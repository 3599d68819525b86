"""Who decides a leave (外出): the level computed from its length and the earlier leaves.

社区矫正法 Art. 27 ¶1: leaving the city or county of residence, or moving,
needs the 社区矫正机构's approval, which it must give for a proper reason.
Who within the corrections bodies approves, by length, is 实施办法 Art. 27
(2020) as usually cited: up to 7 days the 司法所 (where the county has
entrusted it, 法 Art. 9 ¶2), longer the county body, which approves at most
30 days at a time; more than 30 days in one request, or more than 30 days
within two months in total, goes to the body one level above. That text could
not be checked here (docs/law/community-corrections.md §4), so its figures
are a dated table per unit (LeaveStandard), these being only the defaults
where no unit above has set one.

A move that changes the place of execution is the county body's decision
(法 Art. 27 ¶2), whatever its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from api.domain.common import audit, dated_tables, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.periods import add_months
from api.domain.common.validators import int_range
from api.models.accounts import OrgUnit
from api.models.enums import OrgUnitKind, Role
from api.models.leave import LeaveKind, LeaveLevel, LeaveRequest, LeaveStandard, LeaveStatus


@dataclass(frozen=True)
class Figures:
    office_entrusted: bool
    office_max_days: int
    approval_max_days: int
    window_months: int
    window_max_days: int


# 实施办法 Art. 27 as usually cited (unchecked: see the module's text).
UNSET_DEFAULTS = Figures(
    office_entrusted=True,
    office_max_days=7,
    approval_max_days=30,
    window_months=2,
    window_max_days=30,
)
DAYS_RANGE = (1, 366)
MONTHS_RANGE = (1, 12)
# Leaves that count towards the two months' total: those approved.
COUNTED = (LeaveStatus.APPROVED, LeaveStatus.RETURNED)
SETTERS = frozenset({Role.SUPERVISOR, Role.ADMIN})


def figures_of(row: LeaveStandard | None) -> Figures:
    if row is None:
        return UNSET_DEFAULTS
    return Figures(
        office_entrusted=row.office_entrusted,
        office_max_days=row.office_max_days,
        approval_max_days=row.approval_max_days,
        window_months=row.window_months,
        window_max_days=row.window_max_days,
    )


async def figures_in_force(unit: OrgUnit, on: date) -> Figures:
    return figures_of(await dated_tables.in_force(LeaveStandard, unit.path, on))


def leave_days(starts_on: date, ends_on: date) -> int:
    """The days away, both ends counted: out on 1 March and back on the 7th is
    7 days (the days of absence, not a period after an event, so not counted
    as 刑诉法 Art. 105 counts those)."""
    return (ends_on - starts_on).days + 1


def window_start(ends_on: date, months: int) -> date:
    """The first day of the `months` months that end with `ends_on`: to 30 April
    the two months are 1 March to 30 April (a month runs to the same day
    number, or the month's last day where it has none)."""
    return add_months(ends_on, -months) + timedelta(days=1)


def days_within(starts_on: date, ends_on: date, first: date, last: date) -> int:
    """The days of a leave that fall within [first, last]."""
    lo, hi = max(starts_on, first), min(ends_on, last)
    return max(0, (hi - lo).days + 1)


@dataclass(frozen=True)
class Level:
    level: LeaveLevel
    days: int
    window_days: int


def level_for(figures: Figures, days: int, window_days: int) -> Level:
    """The level that decides a leave of `days` days, `window_days` being its
    days and the earlier approved ones within the window (实施办法 Art. 27)."""
    if days > figures.approval_max_days or window_days > figures.window_max_days:
        level = LeaveLevel.ABOVE
    elif days <= figures.office_max_days and figures.office_entrusted:
        level = LeaveLevel.OFFICE
    else:
        level = LeaveLevel.COUNTY
    return Level(level, days, window_days)


async def leave_level(
    unit: OrgUnit,
    person_id: int,
    starts_on: date,
    ends_on: date,
    *,
    on: date,
    leave_id: int | None = None,
) -> Level:
    """The level of a leave of the person from the figures in force `on`, with
    the person's approved leaves within the window that ends with it."""
    figures = await figures_in_force(unit, on)
    first = window_start(ends_on, figures.window_months)
    earlier = (
        await LeaveRequest.filter(
            person_id=person_id,
            kind=LeaveKind.LEAVE,
            status__in=list(COUNTED),
            starts_on__lte=ends_on,
            ends_on__gte=first,
        )
        .exclude(id=leave_id or 0)
        .values_list("starts_on", "ends_on")
    )
    days = leave_days(starts_on, ends_on)
    within = days_within(starts_on, ends_on, first, ends_on)
    within += sum(days_within(s, e, first, ends_on) for s, e in earlier)
    return level_for(figures, days, within)


def is_county_body(call: Call) -> bool:
    """The county 社区矫正机构: the supervisors of the county's correction centre
    (the org tree of scope.area_root). Whether the person is theirs is asked
    of the person's scope."""
    viewer = call.viewer
    return (
        viewer is not None
        and viewer.role is Role.SUPERVISOR
        and viewer.unit_kind is OrgUnitKind.CORRECTION_CENTER
    )


async def set_leave_standard(
    call: Call,
    org_unit_id: int,
    effective_from: date,
    figures: Figures,
) -> LeaveStandard:
    """A SUPERVISOR or ADMIN sets (or, for the same day, corrects) a unit's
    leave figures from a date, where it oversees corrections; the units below
    inherit them."""
    viewer = scope.require_role(call, SETTERS)
    office = int_range(figures.office_max_days, "officeMaxDays", *DAYS_RANGE)
    per_approval = int_range(figures.approval_max_days, "approvalMaxDays", *DAYS_RANGE)
    months = int_range(figures.window_months, "windowMonths", *MONTHS_RANGE)
    window = int_range(figures.window_max_days, "windowMaxDays", *DAYS_RANGE)
    if office > per_approval:
        raise BadInput("LEAVE_OFFICE_ABOVE_COUNTY", field="officeMaxDays")
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    values: dict[str, object] = {
        "office_entrusted": bool(figures.office_entrusted),
        "office_max_days": office,
        "approval_max_days": per_approval,
        "window_months": months,
        "window_max_days": window,
        "set_by_id": viewer.id or None,
        "created_at": call.now,
    }
    return await dated_tables.set_row(
        LeaveStandard, org_unit_id, effective_from, values, partial(_audit, call)
    )


async def _audit(call: Call, row: LeaveStandard) -> None:
    await audit.record(
        call,
        "leave_standard.set",
        target_type="LeaveStandard",
        target_id=row.id,
        summary={
            "orgUnitId": row.org_unit_id,
            "effectiveFrom": row.effective_from,
            "officeEntrusted": row.office_entrusted,
            "officeMaxDays": row.office_max_days,
            "approvalMaxDays": row.approval_max_days,
            "windowMonths": row.window_months,
            "windowMaxDays": row.window_max_days,
        },
    )
