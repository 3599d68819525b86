"""Where a check-in was made, against where the person should be: the
distance from the registered residence (else the justice office), and the
flag for a check-in farther than the county's figure.

A person under supervision may not leave the city or county where they live
without leave (社区矫正法 Art. 27). The data hold no county boundaries, so the
check stands in for one with a distance: each county sets how far from the
residence (or the office) a check-in may be, a dated table per unit
(DistanceLimitStandard, dated_tables.in_force), and a check-in beyond it is
put before the officer in review with that reason. The figure is local, not
law: no statute sets it. The distance is worked out once, when the check-in
is stored, so no list of check-ins reads anything more for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from tortoise.transactions import in_transaction

from api.domain.common import audit, dated_tables, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.validators import CHINA_TZ, int_range, point
from api.domain.corrections.persons import STAFF, person_for
from api.models.accounts import OrgUnit
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import CheckInStatus, OrgUnitKind, PlaceReference, Role
from api.models.supervision import DistanceLimitStandard

# The mean Earth radius (IUGG, R1), in metres. A sphere is within 0.5% of the
# ellipsoid, which is closer than the phones' own positions need.
EARTH_RADIUS_METERS = 6_371_008.8
# Where no unit above has set a figure: the app's own, a local figure that
# stands in for the county boundary (not law; a county's row replaces it).
UNSET_LIMIT_METERS = 30_000
# What a county may set: from a kilometre (a township) to 500 km.
LIMIT_METERS_RANGE = (1_000, 500_000)
SETTERS = frozenset({Role.SUPERVISOR, Role.ADMIN})
READERS = scope.CORRECTIONS_STAFF | SETTERS


def distance_meters(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two (latitude, longitude) points in
    degrees, by the haversine formula."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_METERS * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Place:
    """What the officer's list shows of where a check-in was made."""

    distance_meters: float | None  # None: no location, or nothing to measure from
    reference: PlaceReference | None
    limit_meters: int | None

    @property
    def far(self) -> bool:
        """Beyond the county's figure; exactly the figure is still inside."""
        if self.distance_meters is None or self.limit_meters is None:
            return False
        return self.distance_meters > self.limit_meters

    def in_review(self, status: CheckInStatus) -> bool:
        return status is CheckInStatus.PENDING_REVIEW and self.far

    @property
    def reason(self) -> str | None:
        """FAR_FROM_RESIDENCE or FAR_FROM_OFFICE when beyond the figure."""
        return f"FAR_FROM_{self.reference}" if self.far else None

    @classmethod
    def of(cls, row: CheckIn) -> Place:
        return cls(
            distance_meters=row.distance_meters,
            reference=None if row.distance_from is None else PlaceReference(row.distance_from),
            limit_meters=row.distance_limit_meters,
        )


def residence_of(person: SupervisedPerson) -> tuple[float, float] | None:
    if person.residence_latitude is None or person.residence_longitude is None:
        return None
    return person.residence_latitude, person.residence_longitude


def office_point(unit: OrgUnit) -> tuple[float, float] | None:
    if unit.latitude is None or unit.longitude is None:
        return None
    return unit.latitude, unit.longitude


async def limit_in_force(unit: OrgUnit, on: date) -> tuple[int, DistanceLimitStandard | None]:
    row = await dated_tables.in_force(DistanceLimitStandard, unit.path, on)
    return (UNSET_LIMIT_METERS if row is None else row.limit_meters), row


async def measured(
    person: SupervisedPerson, where: tuple[float, float] | None, captured: datetime
) -> dict[str, Any]:
    """The check-in's distance columns: from the residence, else from the
    office, with the limit in force for the office on the day it was made."""
    if where is None:
        return {}
    unit = await OrgUnit.get(id=person.org_unit_id)
    reference, origin = PlaceReference.RESIDENCE, residence_of(person)
    if origin is None:
        reference, origin = PlaceReference.OFFICE, office_point(unit)
    if origin is None:
        return {}
    limit, _ = await limit_in_force(unit, captured.astimezone(CHINA_TZ).date())
    return {
        "distance_meters": round(distance_meters(origin, where), 1),
        "distance_from": reference,
        "distance_limit_meters": limit,
    }


def residence_point(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    """The residence given at enrolment or later: both or neither."""
    return point(lat, lon, "residenceLatitude", "residenceLongitude")


def residence_columns(where: tuple[float, float] | None) -> dict[str, float | None]:
    return {
        "residence_latitude": where[0] if where else None,
        "residence_longitude": where[1] if where else None,
    }


async def set_residence_location(
    call: Call, person_id: int, lat: float | None, lon: float | None
) -> SupervisedPerson:
    """The officer records (or, with neither, clears) the coordinates of the
    person's registered residence. Check-ins already stored keep the distance
    they were given."""
    where = residence_point(lat, lon)
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        before = residence_of(person)
        person.update_from_dict(residence_columns(where))
        await person.save(update_fields=["residence_latitude", "residence_longitude"])
        await audit.record(
            call,
            "person.set_residence",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"hadLocation": before is not None, "hasLocation": where is not None},
        )
    return person


async def set_office_location(
    call: Call, org_unit_id: int, lat: float | None, lon: float | None
) -> OrgUnit:
    """A SUPERVISOR or ADMIN records (or clears) a justice office's coordinates,
    where it oversees the office's corrections."""
    scope.require_role(call, SETTERS)
    where = point(lat, lon, "latitude", "longitude")
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    async with in_transaction():
        unit = await OrgUnit.select_for_update().get(id=org_unit_id)
        if unit.kind != OrgUnitKind.JUSTICE_OFFICE:
            raise BadInput("OFFICE_LOCATION_JUSTICE_OFFICE", field="orgUnitId")
        unit.latitude, unit.longitude = where if where else (None, None)
        await unit.save(update_fields=["latitude", "longitude"])
        await audit.record(
            call,
            "org_unit.set_location",
            target_type="OrgUnit",
            target_id=unit.id,
            summary={"latitude": unit.latitude, "longitude": unit.longitude},
        )
    return unit


@dataclass(frozen=True)
class LimitInForce:
    on: date
    limit_meters: int
    row: DistanceLimitStandard | None


async def distance_limit_in_force(call: Call, org_unit_id: int) -> LimitInForce:
    """The figure check-ins of the unit's persons are held to today."""
    scope.require_role(call, READERS)
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    unit = await OrgUnit.get(id=org_unit_id)
    today = call.now.astimezone(CHINA_TZ).date()
    limit, row = await limit_in_force(unit, today)
    return LimitInForce(today, limit, row)


async def set_distance_limit(
    call: Call, org_unit_id: int, effective_from: date, limit_meters: int
) -> DistanceLimitStandard:
    """A SUPERVISOR or ADMIN sets (or, for the same day, corrects) a unit's
    figure from a date; the units below inherit it. Check-ins already stored
    keep the figure of their day."""
    viewer = scope.require_role(call, SETTERS)
    limit = int_range(limit_meters, "limitMeters", *LIMIT_METERS_RANGE)
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    values: dict[str, object] = {
        "limit_meters": limit,
        "set_by_id": viewer.id or None,  # the command line acts as "system" (id 0)
        "created_at": call.now,
    }
    return await dated_tables.set_row(
        DistanceLimitStandard, org_unit_id, effective_from, values, partial(_audit, call)
    )


async def _audit(call: Call, row: DistanceLimitStandard) -> None:
    await audit.record(
        call,
        "distance_limit.set",
        target_type="DistanceLimitStandard",
        target_id=row.id,
        summary={
            "orgUnitId": row.org_unit_id,
            "effectiveFrom": row.effective_from,
            "limitMeters": row.limit_meters,
        },
    )
