"""The self-report intervals by grade: a dated table per unit (domain: corrections/intervals.py)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.corrections import intervals
from api.models.enums import SupervisionLevel
from api.models.supervision import CheckInIntervalStandard
from schema.accounts.types import OrgUnitType, org_unit_of
from schema.common.context import Info
from schema.common.ids import require_id


@strawberry.type(name="CheckInIntervals")
class CheckInIntervalsType:
    """How often a person of each grade reports by default, from a date, for a
    unit and the units below it. No statute sets these figures; the province
    or county does."""

    id: strawberry.ID
    effective_from: date
    strict_days: int
    normal_days: int
    lenient_days: int
    created_at: datetime
    org_unit_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: CheckInIntervalStandard) -> CheckInIntervalsType:
        return cls(
            id=strawberry.ID(str(row.id)),
            effective_from=row.effective_from,
            strict_days=row.strict_days,
            normal_days=row.normal_days,
            lenient_days=row.lenient_days,
            created_at=row.created_at,
            org_unit_id=row.org_unit_id,
        )

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit


@strawberry.type(name="CheckInIntervalsInForce")
class CheckInIntervalsInForceType:
    """The intervals by grade an enrolment in a unit takes on a day."""

    on: date
    strict_days: int
    normal_days: int
    lenient_days: int
    standard: CheckInIntervalsType | None = strawberry.field(
        description="The row in force (set for this unit or one above it); null where "
        "none is set and the app's defaults apply."
    )

    @classmethod
    def of(cls, found: intervals.InForce) -> CheckInIntervalsInForceType:
        return cls(
            on=found.on,
            strict_days=found.days(SupervisionLevel.STRICT),
            normal_days=found.days(SupervisionLevel.NORMAL),
            lenient_days=found.days(SupervisionLevel.LENIENT),
            standard=None if found.row is None else CheckInIntervalsType.of(found.row),
        )


@strawberry.type
class CheckInIntervalsQuery:
    @strawberry.field(
        description="OFFICER, SUPERVISOR or ADMIN, where it oversees the unit's corrections: "
        "the default self-report interval of each grade for an enrolment there today."
    )
    async def check_in_intervals_in_force(
        self, info: Info, org_unit_id: strawberry.ID
    ) -> CheckInIntervalsInForceType:
        found = await intervals.intervals_in_force(
            info.context.call, require_id(org_unit_id, "orgUnitId")
        )
        return CheckInIntervalsInForceType.of(found)


@strawberry.type
class CheckInIntervalsMutation:
    @strawberry.mutation(
        description="SUPERVISOR (where it oversees corrections) or ADMIN: the default "
        "self-report interval of each grade for a unit and those below it, from a date; "
        "enrolments from then on take it."
    )
    async def set_check_in_intervals(
        self,
        info: Info,
        org_unit_id: strawberry.ID,
        effective_from: date,
        strict_days: int,
        normal_days: int,
        lenient_days: int,
    ) -> CheckInIntervalsType:
        row = await intervals.set_check_in_intervals(
            info.context.call,
            require_id(org_unit_id, "orgUnitId"),
            effective_from,
            strict_days,
            normal_days,
            lenient_days,
        )
        return CheckInIntervalsType.of(row)
