"""A place on the map, as recorded by a phone with a visit or a check-in."""

from __future__ import annotations

import strawberry


@strawberry.type
class GeoPoint:
    latitude: float
    longitude: float
    accuracy_meters: float | None

    @classmethod
    def maybe(
        cls, latitude: float | None, longitude: float | None, accuracy: float | None
    ) -> GeoPoint | None:
        if latitude is None or longitude is None:
            return None
        return cls(latitude=latitude, longitude=longitude, accuracy_meters=accuracy)
