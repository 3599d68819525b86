"""Identity at check-in: the intake photo, the photo of each self check-in,
the face comparison's verdict, who may see the photos, and their deletion.

Today whoever holds the phone can check in. A self check-in now carries a
photo taken in the app, and the officer reviews it beside the photo taken at
intake. The office checks the person's whereabouts by 信息化核查 (社区矫正法
Art. 26); a face photo is sensitive personal information (个人信息保护法
Art. 28), kept for the shortest time the purpose needs (Art. 19), and the
person is told what is collected and why on the check-in screen (Art. 17).

The comparison (faces.py) runs in a worker (workers/identity.py), never in
the request: the check-in is answered as fast as without a photo, with the
verdict PENDING. A mismatch, no face, or nothing to compare with puts the
check-in in review with that reason for the officer. The score is never the
only ground for anything: it sets no status, rejects nothing and verifies
nothing; the officer looks at both photos and decides (reviewCheckIn), and a
sanction rests on the facts of the record, never on a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, periods, scope
from api.domain.common.call import Call
from api.domain.common.errors import NotFound
from api.domain.common.validators import client_uuid, device_time
from api.domain.corrections import minors, photos
from api.domain.corrections.faces import Comparison
from api.domain.corrections.persons import STAFF, person_for
from api.models.corrections import CheckIn
from api.models.enums import CheckInKind, CheckInStatus, FaceVerdict
from api.models.identity import CheckInPhoto, IntakePhoto

# What puts a check-in in review, besides having no photo at all.
REVIEW_VERDICTS = frozenset(
    {FaceVerdict.MISMATCH, FaceVerdict.NO_FACE, FaceVerdict.NO_REFERENCE, FaceVerdict.FAILED}
)
# A worker holds a claimed photo this long; a dead worker's claim runs out.
CLAIM_LEASE = timedelta(minutes=5)
# Tries per photo (an unreadable key, a crash of the comparing process).
MAX_ATTEMPTS = 3
WORKER_NAME = "identity worker"


# ------------------------------------------------------------------ storing


async def attach_check_in_photo(call: Call, row: CheckIn, jpeg: bytes) -> CheckInPhoto:
    """Keep the photo a self check-in carried, sealed, to be compared by the
    worker. Called inside the check-in's own transaction, so the check-in and
    its photo are stored together or not at all."""
    return await CheckInPhoto.create(
        check_in_id=row.id,
        person_id=row.person_id,
        sealed=photos.seal(call.settings.data_dir, "check-in", row.client_id, jpeg),
        size_bytes=len(jpeg),
        received_at=call.now,
    )


async def set_intake_photo(
    call: Call, *, client_id: str, person_id: int, jpeg: bytes, taken_at: datetime
) -> IntakePhoto:
    """The officer's photo of the person, at intake or later; the newest one
    is what check-in photos are compared with. Stored once per clientId (the
    officer's outbox); each one audited."""
    viewer = scope.require_role(call, STAFF)
    cid = client_uuid(client_id, "clientId")

    async def write() -> IntakePhoto:
        taken = device_time(taken_at, "takenAt", call.now)
        async with in_transaction():
            person = await person_for(call, person_id, STAFF, lock=True)
            photo = await IntakePhoto.create(
                client_id=cid,
                person_id=person.id,
                sealed=photos.seal(call.settings.data_dir, "intake", cid, jpeg),
                size_bytes=len(jpeg),
                taken_at=taken,
                recorded_at=call.now,
                recorded_by_id=viewer.id,
            )
            await audit.record(
                call,
                "identity.intake_photo",
                target_type="SupervisedPerson",
                target_id=person.id,
                summary={"photoId": photo.id, "bytes": len(jpeg)},
            )
        return photo

    return await idempotency.store_once(
        IntakePhoto, cid, viewer, lambda stored: stored.recorded_by_id, write()
    )


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class Identity:
    """What the officer's list shows of a check-in's identity check (no bytes)."""

    verdict: FaceVerdict | None  # None: the check-in carried no photo
    distance: float | None
    compared_at: datetime | None
    photo_deleted_at: datetime | None

    def in_review(self, status: CheckInStatus) -> bool:
        """Waiting for the officer, with a reason from the identity check."""
        if status is not CheckInStatus.PENDING_REVIEW:
            return False
        return self.verdict is None or self.verdict in REVIEW_VERDICTS

    @property
    def reason(self) -> str | None:
        """Why the check-in is in review: the verdict, or NO_PHOTO."""
        if self.verdict is None:
            return "NO_PHOTO"
        return str(self.verdict) if self.verdict in REVIEW_VERDICTS else None


async def identities_of(check_in_ids: Sequence[int]) -> dict[int, Identity]:
    """The identity check of each check-in that carried a photo, in one
    statement and without the photo's bytes (the list's loader)."""
    rows = await CheckInPhoto.filter(check_in_id__in=list(check_in_ids)).values(
        "check_in_id", "verdict", "distance", "compared_at", "purged_at"
    )
    return {
        r["check_in_id"]: Identity(
            verdict=FaceVerdict(r["verdict"]),
            distance=r["distance"],
            compared_at=r["compared_at"],
            photo_deleted_at=r["purged_at"],
        )
        for r in rows
    }


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    taken_at: datetime


@dataclass(frozen=True)
class PhotoPair:
    """The check-in's photo beside the newest intake photo, for the officer."""

    check_in: CheckIn
    check_in_photo: Photo | None
    intake_photo: Photo | None


async def photos_of_check_in(call: Call, check_in_id: int) -> PhotoPair:
    """Both photos of a check-in, for staff who may act on the person and,
    for a minor, know the minor's identity (法 Art. 54); NOT_FOUND otherwise.
    Every read is on the audit log, as a full record's is."""
    scope.require_role(call, STAFF)
    row = await CheckIn.get_or_none(id=check_in_id)
    if row is None:
        raise scope.not_found("CHECK_IN_NOT_FOUND")
    try:
        person = await person_for(call, row.person_id, STAFF)
    except NotFound as exc:
        raise scope.not_found("CHECK_IN_NOT_FOUND") from exc
    if not await minors.may_know_identity(call, person):
        raise scope.not_found("CHECK_IN_NOT_FOUND")
    stored = await CheckInPhoto.get_or_none(check_in_id=row.id)
    intake = await newest_intake_photo(person.id)
    data_dir = call.settings.data_dir
    pair = PhotoPair(check_in=row, check_in_photo=None, intake_photo=None)
    if stored is not None and stored.sealed is not None:
        jpeg = photos.unseal(data_dir, "check-in", row.client_id, stored.sealed)
        pair = replace(pair, check_in_photo=Photo(jpeg, row.captured_at))
    if intake is not None and intake.sealed is not None:
        jpeg = photos.unseal(data_dir, "intake", intake.client_id, intake.sealed)
        pair = replace(pair, intake_photo=Photo(jpeg, intake.taken_at))
    await audit.record(
        call,
        "identity.photos_read",
        target_type="CheckIn",
        target_id=row.id,
        summary={"personId": person.id},
    )
    return pair


async def newest_intake_photo(person_id: int) -> IntakePhoto | None:
    return (
        await IntakePhoto.filter(person_id=person_id, sealed__not_isnull=True)
        .order_by("-taken_at", "-id")
        .first()
    )


# ------------------------------------------------------------------ the worker's side


async def claim_pending(now: datetime, limit: int) -> list[int]:
    """Claim up to `limit` photos waiting for comparison, oldest first; each
    is claimed by one worker at a time (a conditional update), for CLAIM_LEASE."""
    free = Q(claimed_until=None) | Q(claimed_until__lt=now)
    waiting = CheckInPhoto.filter(
        free, verdict=FaceVerdict.PENDING, sealed__not_isnull=True, attempts__lt=MAX_ATTEMPTS
    )
    candidates = await waiting.order_by("id").limit(limit).values_list("id", flat=True)
    claimed: list[int] = []
    for photo_id in candidates:
        taken = await CheckInPhoto.filter(free, id=photo_id, verdict=FaceVerdict.PENDING).update(
            claimed_until=now + CLAIM_LEASE, attempts=F("attempts") + 1
        )
        if taken:
            claimed.append(int(photo_id))  # type: ignore[call-overload]
    return claimed


@dataclass(frozen=True)
class Material:
    """What the comparing process needs: the two JPEGs, opened."""

    photo_id: int
    probe: bytes
    reference: bytes | None


async def material_for(call: Call, photo_id: int) -> Material | None:
    """The check-in photo and the newest intake photo, unsealed; None if the
    photo was deleted meanwhile."""
    stored = await CheckInPhoto.get_or_none(id=photo_id)
    if stored is None or stored.sealed is None:
        return None
    row = await CheckIn.get(id=stored.check_in_id)
    data_dir = call.settings.data_dir
    intake = await newest_intake_photo(stored.person_id)
    reference = (
        photos.unseal(data_dir, "intake", intake.client_id, intake.sealed)
        if intake is not None and intake.sealed is not None
        else None
    )
    probe = photos.unseal(data_dir, "check-in", row.client_id, stored.sealed)
    return Material(photo_id, probe, reference)


async def tries_used(photo_id: int) -> bool:
    """Whether a photo has had its MAX_ATTEMPTS claims: its last failure is final."""
    return await CheckInPhoto.filter(id=photo_id, attempts__gte=MAX_ATTEMPTS).exists()


async def record_verdict(call: Call, photo_id: int, result: Comparison) -> bool:
    """Store the comparison's verdict (once: a second worker's is ignored) and
    audit it. A verdict in REVIEW_VERDICTS puts a check-in still waiting for
    review in review with that reason; it changes no status of its own."""
    async with in_transaction():
        done = await CheckInPhoto.filter(id=photo_id, verdict=FaceVerdict.PENDING).update(
            verdict=result.verdict,
            distance=result.distance,
            compared_at=call.now,
            claimed_until=None,
        )
        if not done:
            return False
        stored = await CheckInPhoto.get(id=photo_id)
        await audit.record(
            call,
            "identity.compare",
            target_type="CheckIn",
            target_id=stored.check_in_id,
            summary={
                "personId": stored.person_id,
                "verdict": result.verdict,
                "distance": None if result.distance is None else round(result.distance, 3),
            },
            actor_name=WORKER_NAME,
        )
    return True


# ------------------------------------------------------------------ retention


def last_day_kept(term_end: date, retention_days: int) -> date:
    """The last day a person's photos are kept: the term's end plus the
    retention the settings name (个人信息保护法 Art. 19); deleted the day after."""
    return term_end + timedelta(days=retention_days)


async def purge_expired(call: Call) -> int:
    """Delete the bytes of every photo of persons whose term ended more than
    the retention ago (local day); the rows stay, marked, and the deletion is
    audited. Returns how many photos were deleted."""
    today = periods.local_day(call.now)
    # Kept through last_day_kept(term_end), deleted from the day after: a
    # term that ended before today minus the retention.
    ended_before = today - timedelta(days=call.settings.photo_retention_days)
    deleted = 0
    async with in_transaction():
        for model in (CheckInPhoto, IntakePhoto):
            expired = model.filter(person__term_end__lt=ended_before, sealed__not_isnull=True)
            ids = await expired.values_list("id", flat=True)
            if not ids:
                continue
            await model.filter(id__in=ids).update(sealed=None, purged_at=call.now)
            deleted += len(ids)
            await audit.record(
                call,
                "identity.photos_deleted",
                target_type=model.__name__,
                summary={"count": len(ids), "endedBefore": ended_before.isoformat()},
                actor_name=WORKER_NAME,
            )
    return deleted


def carries_photo(kind: CheckInKind) -> bool:
    """Only the person's own report carries a photo; an officer saw the person."""
    return kind is CheckInKind.SELF_REPORT
