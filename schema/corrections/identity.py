"""Identity at check-in: the face check on a check-in, both photos side by
side for the officer, and the intake photo (api/domain/corrections/identity.py)."""

from __future__ import annotations

import base64
from datetime import datetime

import strawberry

from api.domain.corrections import identity, photos
from api.domain.corrections.persons import STAFF
from api.models.enums import CheckInStatus, FaceVerdict
from schema.common.context import Info
from schema.common.ids import require_id
from schema.corrections.types import CheckInType


@strawberry.type(name="CheckInIdentity")
class CheckInIdentityType:
    verdict: FaceVerdict | None = strawberry.field(
        description="The server's face comparison; null when the check-in carried no photo."
    )
    distance: float | None = strawberry.field(
        description="Face distance to the intake photo (0 the same; under 0.6 counts as "
        "a match). A hint for the officer, never the only ground for anything."
    )
    compared_at: datetime | None
    in_review: bool = strawberry.field(
        description="Waiting for the officer with a reason from the identity check."
    )
    reason: str | None = strawberry.field(
        description="MISMATCH, NO_FACE, NO_REFERENCE, FAILED or NO_PHOTO while in review."
    )
    photo_deleted_at: datetime | None = strawberry.field(
        description="When the photo was deleted after the term and its retention."
    )

    @classmethod
    def of(cls, found: identity.Identity, status: CheckInStatus) -> CheckInIdentityType:
        in_review = found.in_review(status)
        return cls(
            verdict=found.verdict,
            distance=found.distance,
            compared_at=found.compared_at,
            in_review=in_review,
            reason=found.reason if in_review else None,
            photo_deleted_at=found.photo_deleted_at,
        )


NO_PHOTO = identity.Identity(verdict=None, distance=None, compared_at=None, photo_deleted_at=None)


async def identity_of(info: Info, row: CheckInType) -> CheckInIdentityType | None:
    """The identity check of a self check-in, for staff; null for other kinds
    and for the person (whose screen says what is collected and why)."""
    viewer = info.context.call.viewer
    if viewer is None or viewer.role not in STAFF or not identity.carries_photo(row.kind):
        return None
    found = await info.context.loaders.identity_by_check_in.load(int(row.id))
    return CheckInIdentityType.of(found or NO_PHOTO, CheckInStatus(row.status))


@strawberry.type(name="Photo")
class PhotoType:
    data_url: str = strawberry.field(description="data:image/jpeg;base64,…")
    taken_at: datetime

    @classmethod
    def maybe(cls, photo: identity.Photo | None) -> PhotoType | None:
        if photo is None:
            return None
        encoded = base64.b64encode(photo.jpeg).decode("ascii")
        return cls(data_url=f"data:image/jpeg;base64,{encoded}", taken_at=photo.taken_at)


@strawberry.type(name="CheckInPhotos")
class CheckInPhotosType:
    check_in: CheckInType
    check_in_photo: PhotoType | None = strawberry.field(
        description="The photo the check-in carried; null if none or deleted."
    )
    intake_photo: PhotoType | None = strawberry.field(
        description="The newest photo taken by an officer, to compare with."
    )


@strawberry.type(name="IntakePhoto")
class IntakePhotoType:
    id: strawberry.ID
    person_id: strawberry.ID
    taken_at: datetime


@strawberry.input
class SetIntakePhotoInput:
    client_id: strawberry.ID
    person_id: strawberry.ID
    taken_at: datetime
    photo: str = strawberry.field(
        description=f"A JPEG, base64 (a data: URL too), at most {photos.MAX_PHOTO_BYTES} bytes."
    )


@strawberry.type
class IdentityQuery:
    @strawberry.field(
        description="A self check-in's photo beside the intake photo, for staff in scope "
        "(read audited)."
    )
    async def check_in_photos(self, info: Info, check_in_id: strawberry.ID) -> CheckInPhotosType:
        pair = await identity.photos_of_check_in(
            info.context.call, require_id(check_in_id, "checkInId")
        )
        return CheckInPhotosType(
            check_in=CheckInType.of(pair.check_in),
            check_in_photo=PhotoType.maybe(pair.check_in_photo),
            intake_photo=PhotoType.maybe(pair.intake_photo),
        )


@strawberry.type
class IdentityMutation:
    @strawberry.mutation(
        description="The photo an officer takes of the person (at intake or later); "
        "check-in photos are compared with the newest."
    )
    async def set_intake_photo(self, info: Info, input: SetIntakePhotoInput) -> IntakePhotoType:
        stored = await identity.set_intake_photo(
            info.context.call,
            client_id=str(input.client_id),
            person_id=require_id(input.person_id, "personId"),
            jpeg=photos.jpeg_from_base64(input.photo, "photo"),
            taken_at=input.taken_at,
        )
        return IntakePhotoType(
            id=strawberry.ID(str(stored.id)),
            person_id=strawberry.ID(str(stored.person_id)),
            taken_at=stored.taken_at,
        )
