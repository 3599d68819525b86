"""Check-in places: the distance of a check-in from the residence or the
office, the residence's and the office's coordinates, and the county's
distance figure (domain: corrections/places.py)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.corrections import places
from api.domain.corrections.persons import STAFF
from api.models.enums import CheckInStatus, PlaceReference
from api.models.supervision import DistanceLimitStandard
from schema.accounts.types import OrgUnitType, org_unit_of
from schema.common.context import Info
from schema.common.ids import require_id
from schema.corrections.types import CheckInType, SupervisedPersonType


@strawberry.type(name="CheckInPlace")
class CheckInPlaceType:
    distance_meters: float | None = strawberry.field(
        description="From the residence, else the office, worked out when the check-in was "
        "stored; null with no location or no point recorded to measure from."
    )
    distance_from: PlaceReference | None
    limit_meters: int | None = strawberry.field(
        description="The county's figure on the check-in's day (it stands in for the "
        "county boundary)."
    )
    far: bool = strawberry.field(description="Farther than limitMeters (exactly it is not).")
    in_review: bool = strawberry.field(
        description="Waiting for the officer, with the distance as a reason."
    )
    reason: str | None = strawberry.field(
        description="FAR_FROM_RESIDENCE or FAR_FROM_OFFICE while in review."
    )

    @classmethod
    def of(cls, found: places.Place, status: CheckInStatus) -> CheckInPlaceType:
        in_review = found.in_review(status)
        return cls(
            distance_meters=found.distance_meters,
            distance_from=found.reference,
            limit_meters=found.limit_meters,
            far=found.far,
            in_review=in_review,
            reason=found.reason if in_review else None,
        )


def place_of(info: Info, row: CheckInType) -> CheckInPlaceType | None:
    """For staff only, like the identity check: the person's screen shows no flag."""
    viewer = info.context.call.viewer
    if viewer is None or viewer.role not in STAFF:
        return None
    return CheckInPlaceType.of(row.measured, CheckInStatus(row.status))


@strawberry.type(name="DistanceLimit")
class DistanceLimitType:
    """How far from the residence (or the office) a check-in may be before it is
    flagged, from a date, for a unit and those below it: a local figure that
    stands in for the county boundary."""

    id: strawberry.ID
    effective_from: date
    limit_meters: int
    created_at: datetime
    org_unit_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: DistanceLimitStandard) -> DistanceLimitType:
        return cls(
            id=strawberry.ID(str(row.id)),
            effective_from=row.effective_from,
            limit_meters=row.limit_meters,
            created_at=row.created_at,
            org_unit_id=row.org_unit_id,
        )

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit


@strawberry.type(name="DistanceLimitInForce")
class DistanceLimitInForceType:
    on: date
    limit_meters: int
    standard: DistanceLimitType | None = strawberry.field(
        description="The row in force (set for this unit or one above it); null where "
        "none is set and the app's default applies."
    )


@strawberry.type
class PlacesQuery:
    @strawberry.field(
        description="OFFICER, SUPERVISOR or ADMIN, where it oversees the unit's corrections: "
        "how far from the residence or office a check-in may be today before it is flagged."
    )
    async def distance_limit_in_force(
        self, info: Info, org_unit_id: strawberry.ID
    ) -> DistanceLimitInForceType:
        found = await places.distance_limit_in_force(
            info.context.call, require_id(org_unit_id, "orgUnitId")
        )
        return DistanceLimitInForceType(
            on=found.on,
            limit_meters=found.limit_meters,
            standard=None if found.row is None else DistanceLimitType.of(found.row),
        )


@strawberry.type
class PlacesMutation:
    @strawberry.mutation(
        description="OFFICER or SUPERVISOR of the person: the registered residence's "
        "coordinates (both, or neither to clear them)."
    )
    async def set_residence_location(
        self,
        info: Info,
        person_id: strawberry.ID,
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> SupervisedPersonType:
        call = info.context.call
        person = await places.set_residence_location(
            call, require_id(person_id, "personId"), latitude, longitude
        )
        return SupervisedPersonType.of(person, call.now)

    @strawberry.mutation(
        description="SUPERVISOR (where it oversees corrections) or ADMIN: a justice "
        "office's coordinates (both, or neither to clear them)."
    )
    async def set_office_location(
        self,
        info: Info,
        org_unit_id: strawberry.ID,
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> OrgUnitType:
        unit = await places.set_office_location(
            info.context.call, require_id(org_unit_id, "orgUnitId"), latitude, longitude
        )
        return OrgUnitType.of(unit)

    @strawberry.mutation(
        description="SUPERVISOR (where it oversees corrections) or ADMIN: how far from the "
        "residence or office a check-in may be before it is flagged, for a unit and those "
        "below it, from a date."
    )
    async def set_distance_limit(
        self, info: Info, org_unit_id: strawberry.ID, effective_from: date, limit_meters: int
    ) -> DistanceLimitType:
        row = await places.set_distance_limit(
            info.context.call, require_id(org_unit_id, "orgUnitId"), effective_from, limit_meters
        )
        return DistanceLimitType.of(row)
