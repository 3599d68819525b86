"""Identity at check-in: photos sealed at rest, who may see them, the face
comparison in the worker and its verdict, and the photos' retention.

The photos are scikit-image's sample images (skimage.data): the astronaut
(Eileen Collins) is the person; a changed crop of it, resized and saved
again as a JPEG, is the same person; coffee and the cameraman show no face
the detector finds; a face of the LFW subset, enlarged, is someone else.
"""

from __future__ import annotations

import base64
import io
import os
import stat
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from PIL import Image
from skimage import data as samples

from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.corrections import faces, identity, photos
from api.models.audit import AuditEntry
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import CheckInStatus, FaceVerdict
from api.models.identity import CheckInPhoto, IntakePhoto
from api.settings import Settings
from tests.conftest import Clock, GraphQLClient, QueryCounter, World
from tests.test_corrections import activate, enroll, report

DAY = timedelta(days=1)


def jpeg(pixels: Any, *, side: int | None = None, quality: int = 85) -> bytes:
    """A JPEG of an RGB or grey array, scaled so its long side is `side`, as the phone does."""
    image = Image.fromarray(np.asarray(pixels)).convert("RGB")
    if side is not None:
        image.thumbnail((side, side))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


ASTRONAUT = jpeg(samples.astronaut())
# Another frame of the same face: cropped around it, scaled down, saved again.
ASTRONAUT_CROP = jpeg(samples.astronaut()[10:400, 60:430], side=300, quality=70)
COFFEE = jpeg(samples.coffee())
CAMERAMAN = jpeg(samples.camera())


def someone_else() -> bytes:
    face = np.asarray(samples.lfw_subset()[0] * 255, dtype=np.uint8)
    return jpeg(Image.fromarray(face).resize((200, 200), Image.Resampling.BICUBIC))


# ------------------------------------------------------------------ the comparison itself


def test_the_same_face_matches_and_a_changed_crop_still_does() -> None:
    same = faces.compare(ASTRONAUT, ASTRONAUT)
    assert same.verdict is FaceVerdict.MATCH and same.distance is not None
    assert same.distance < 0.05
    crop = faces.compare(ASTRONAUT, ASTRONAUT_CROP)
    assert crop.verdict is FaceVerdict.MATCH, crop
    assert crop.distance is not None and 0 < crop.distance < faces.MATCH_DISTANCE


def test_a_different_image_has_no_face_or_another_face() -> None:
    assert faces.compare(ASTRONAUT, COFFEE).verdict is FaceVerdict.NO_FACE
    assert faces.compare(ASTRONAUT, CAMERAMAN).verdict is FaceVerdict.NO_FACE
    other = faces.compare(ASTRONAUT, someone_else())
    assert other.verdict is FaceVerdict.MISMATCH, other
    assert other.distance is not None and other.distance >= faces.MATCH_DISTANCE
    # Nothing to compare with: no intake photo, or one without a face.
    assert faces.compare(None, ASTRONAUT).verdict is FaceVerdict.NO_REFERENCE
    assert faces.compare(COFFEE, ASTRONAUT).verdict is FaceVerdict.NO_REFERENCE


def test_an_intake_photo_is_encoded_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second check-in against one intake photo encodes only the check-in photo."""
    import face_recognition

    encoded: list[int] = []
    real = face_recognition.face_encodings

    def counting(image: Any, boxes: Any) -> Any:
        encoded.append(len(boxes))
        return real(image, boxes)

    monkeypatch.setattr(face_recognition, "face_encodings", counting)
    faces.REFERENCES.clear()
    first = faces.compare(ASTRONAUT, ASTRONAUT_CROP)
    assert len(encoded) == 2
    again = faces.compare(ASTRONAUT, ASTRONAUT_CROP)
    assert len(encoded) == 3 and again == first
    # Another intake photo (a new digest) is encoded afresh.
    faces.compare(ASTRONAUT_CROP, ASTRONAUT)
    assert len(encoded) == 5


def test_photos_are_checked() -> None:
    assert photos.jpeg_from_base64(b64(ASTRONAUT), "photo") == ASTRONAUT
    assert photos.jpeg_from_base64("data:image/jpeg;base64," + b64(ASTRONAUT), "p") == ASTRONAUT
    png = io.BytesIO()
    Image.fromarray(samples.astronaut()).resize((200, 200)).save(png, "PNG")
    tiny = jpeg(samples.astronaut(), side=photos.MIN_SIDE_PX - 1)
    noise = np.random.default_rng(1).integers(0, 255, (1400, 1400, 3), dtype=np.uint8)
    for value, reason in [
        (b64(png.getvalue()), "PHOTO_NOT_JPEG"),
        ("data:image/png;base64," + b64(ASTRONAUT), "PHOTO_NOT_JPEG"),
        ("not base64!", "PHOTO_NOT_JPEG"),
        (b64(ASTRONAUT[: len(ASTRONAUT) // 2]), "PHOTO_NOT_JPEG"),  # cut short
        (b64(tiny), "PHOTO_SIZE_PX"),
        (b64(jpeg(noise, quality=95)), "PHOTO_TOO_LARGE"),
    ]:
        with pytest.raises(BadInput) as caught:
            photos.jpeg_from_base64(value, "photo")
        assert caught.value.reason == reason, (reason, value[:40])


# ------------------------------------------------------------------ a person with a phone


SUBMIT = """mutation($i: CheckInInput!) { submitCheckIn(input: $i) {
  id status identity { verdict inReview reason } } }"""
SET_INTAKE = """mutation($i: SetIntakePhotoInput!) { setIntakePhoto(input: $i) { id personId } }"""
PHOTOS = """query($id: ID!) { checkInPhotos(checkInId: $id) {
  checkIn { id identity { verdict distance inReview reason photoDeletedAt } }
  checkInPhoto { dataUrl takenAt } intakePhoto { dataUrl takenAt } } }"""
IDENTITY = """query($id: ID!) { supervisedPerson(id: $id) { checkIns { edges { node {
  id status identity { verdict inReview reason distance photoDeletedAt } } } } } }"""


class Person:
    def __init__(self, person_id: int, call: Call, token: str) -> None:
        self.id = person_id
        self.call = call
        self.token = token


async def person(world: World, *, seq: int = 1, username: str = "li.si") -> Person:
    now = datetime.now(UTC)
    enrolled = await enroll(world, when=now - 2 * DAY, seq=seq)
    call, token = await activate(world, enrolled, username, now)
    return Person(enrolled.person.id, call, token)


async def intake_photo(gql: GraphQLClient, world: World, person_id: int, photo: bytes) -> None:
    await gql.ok(
        SET_INTAKE,
        {
            "i": {
                "clientId": str(uuid.uuid4()),
                "personId": str(person_id),
                "takenAt": datetime.now(UTC).isoformat(),
                "photo": b64(photo),
            }
        },
        token=world.tokens["officer_a"],
    )


async def check_in(gql: GraphQLClient, who: Person, photo: bytes | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "clientId": str(uuid.uuid4()),
        "capturedAt": datetime.now(UTC).isoformat(),
    }
    if photo is not None:
        values["photo"] = b64(photo)
    data = await gql.ok(SUBMIT, {"i": values}, token=who.token)
    return data["submitCheckIn"]


@pytest.fixture
def compare_here() -> Iterator[ThreadPoolExecutor]:
    """The comparison as the worker runs it, on a thread of this process
    (one test below runs it in the worker's own process)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool


def worker(settings: Settings, pool: Any, now: datetime | None = None) -> Any:
    from workers.identity import IdentityWorker

    return IdentityWorker(settings, lambda: now or datetime.now(UTC), executor=pool)


async def test_photos_are_sealed_at_rest(gql: GraphQLClient, world: World) -> None:
    who = await person(world)
    await intake_photo(gql, world, who.id, ASTRONAUT)
    answer = await check_in(gql, who, ASTRONAUT_CROP)
    # The person's own answer carries no face check.
    assert answer["status"] == "PENDING_REVIEW" and answer["identity"] is None
    stored = await CheckInPhoto.get(check_in_id=int(answer["id"]))
    intake = await IntakePhoto.get(person_id=who.id)
    for sealed, original in ((stored.sealed, ASTRONAUT_CROP), (intake.sealed, ASTRONAUT)):
        assert sealed is not None
        sealed = bytes(sealed)
        assert not sealed.startswith(b"\xff\xd8")  # no JPEG start of image
        assert original[:64] not in sealed and original[-64:] not in sealed
        assert len(sealed) == len(original) + 12 + 16  # nonce and tag
    key = world.settings.data_dir / photos.KEY_FILE_NAME
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    # Bound to its record: the check-in photo's bytes do not open as another's.
    row = await CheckIn.get(id=stored.check_in_id)
    assert photos.unseal(world.settings.data_dir, "check-in", row.client_id, bytes(stored.sealed))
    with pytest.raises(photos.UnreadablePhoto):
        photos.unseal(world.settings.data_dir, "check-in", str(uuid.uuid4()), bytes(stored.sealed))
    # The officer gets the very JPEGs back.
    data = await gql.ok(PHOTOS, {"id": answer["id"]}, token=world.tokens["officer_a"])
    pair = data["checkInPhotos"]
    assert pair["checkInPhoto"]["dataUrl"] == "data:image/jpeg;base64," + b64(ASTRONAUT_CROP)
    assert pair["intakePhoto"]["dataUrl"] == "data:image/jpeg;base64," + b64(ASTRONAUT)
    read = AuditEntry.filter(action="identity.photos_read")
    assert await read.values_list("target_id", flat=True) == [answer["id"]]


async def test_only_staff_in_scope_see_the_photos(gql: GraphQLClient, world: World) -> None:
    who = await person(world)
    await intake_photo(gql, world, who.id, ASTRONAUT)
    answer = await check_in(gql, who, ASTRONAUT_CROP)
    variables = {"id": answer["id"]}
    for user in ("officer_a", "supervisor"):
        data = await gql.ok(PHOTOS, variables, token=world.tokens[user])
        assert data["checkInPhotos"]["checkInPhoto"] is not None, user
    for user in ("officer_b", "officer_x", "supervisor_x"):
        assert (await gql.error(PHOTOS, variables, token=world.tokens[user]))["code"] == "NOT_FOUND"
    for user in ("mediator_a", "staff", "applicant"):
        assert (await gql.error(PHOTOS, variables, token=world.tokens[user]))["code"] == "FORBIDDEN"
    assert (await gql.error(PHOTOS, variables, token=who.token))["code"] == "FORBIDDEN"
    missing = {"id": str(int(answer["id"]) + 1000)}
    absent = await gql.error(PHOTOS, missing, token=world.tokens["officer_a"])
    assert absent["code"] == "NOT_FOUND"
    # An officer of another office cannot set the person's intake photo either.
    refused = await gql.error(
        SET_INTAKE,
        {
            "i": {
                "clientId": str(uuid.uuid4()),
                "personId": str(who.id),
                "takenAt": datetime.now(UTC).isoformat(),
                "photo": b64(COFFEE),
            }
        },
        token=world.tokens["officer_b"],
    )
    assert refused["code"] == "NOT_FOUND"
    assert await IntakePhoto.filter(person_id=who.id).count() == 1


async def test_a_minors_photos_are_for_those_who_know_the_identity(
    gql: GraphQLClient, world: World
) -> None:
    who = await person(world)
    await intake_photo(gql, world, who.id, ASTRONAUT)
    answer = await check_in(gql, who, ASTRONAUT_CROP)
    await SupervisedPerson.filter(id=who.id).update(
        minor_at_start=True, officer_id=world.users["officer_a"].id
    )
    variables = {"id": answer["id"]}
    assert await gql.ok(PHOTOS, variables, token=world.tokens["officer_a"])  # the officer
    # The county's supervisor, not designated for the case (法 Art. 54).
    refused = await gql.error(PHOTOS, variables, token=world.tokens["supervisor"])
    assert refused["code"] == "NOT_FOUND"


async def test_a_photo_comes_only_with_the_persons_own_report(
    gql: GraphQLClient, world: World
) -> None:
    who = await person(world)
    base = {"capturedAt": datetime.now(UTC).isoformat(), "personId": str(who.id)}
    refused = await gql.refusal(
        SUBMIT,
        {"i": {**base, "clientId": str(uuid.uuid4()), "kind": "HOME_VISIT", "photo": b64(COFFEE)}},
        token=world.tokens["officer_a"],
    )
    assert refused["reason"] == "PHOTO_SELF_REPORT_ONLY" and refused["field"] == "photo"
    png = io.BytesIO()
    Image.fromarray(samples.coffee()).resize((150, 100)).save(png, "PNG")
    mine = {"clientId": str(uuid.uuid4()), "capturedAt": base["capturedAt"]}
    refused = await gql.refusal(
        SUBMIT, {"i": {**mine, "photo": b64(png.getvalue())}}, token=who.token
    )
    assert refused["reason"] == "PHOTO_NOT_JPEG"
    # A refused write changes nothing.
    assert await CheckIn.all().count() == 0 and await CheckInPhoto.all().count() == 0


async def test_a_replayed_check_in_stores_its_photo_once(gql: GraphQLClient, world: World) -> None:
    who = await person(world)
    values = {
        "clientId": str(uuid.uuid4()),
        "capturedAt": datetime.now(UTC).isoformat(),
        "photo": b64(ASTRONAUT_CROP),
    }
    first = await gql.ok(SUBMIT, {"i": values}, token=who.token)
    again = await gql.ok(SUBMIT, {"i": values}, token=who.token)
    assert first["submitCheckIn"]["id"] == again["submitCheckIn"]["id"]
    assert await CheckInPhoto.all().count() == 1


# ------------------------------------------------------------------ the worker's verdict


async def verdicts(gql: GraphQLClient, world: World, who: Person) -> dict[str, dict[str, Any]]:
    data = await gql.ok(IDENTITY, {"id": str(who.id)}, token=world.tokens["officer_a"])
    edges = data["supervisedPerson"]["checkIns"]["edges"]
    return {e["node"]["id"]: e["node"]["identity"] for e in edges}


async def test_the_worker_verdict_puts_a_check_in_in_review(
    gql: GraphQLClient, world: World, compare_here: ThreadPoolExecutor
) -> None:
    who = await person(world)
    without_reference = await check_in(gql, who, ASTRONAUT_CROP)
    await intake_photo(gql, world, who.id, ASTRONAUT)
    same = await check_in(gql, who, ASTRONAUT_CROP)
    no_face = await check_in(gql, who, COFFEE)
    other = await check_in(gql, who, someone_else())
    no_photo = await check_in(gql, who, None)
    # Answered before any comparison: PENDING, not yet in review for its face.
    before = await verdicts(gql, world, who)
    assert before[same["id"]] == {
        "verdict": "PENDING",
        "inReview": False,
        "reason": None,
        "distance": None,
        "photoDeletedAt": None,
    }
    assert before[no_photo["id"]]["inReview"] is True
    assert before[no_photo["id"]]["reason"] == "NO_PHOTO"

    assert await worker(world.settings, compare_here).run_once(batch=10) == 4
    after = await verdicts(gql, world, who)
    assert after[same["id"]]["verdict"] == "MATCH" and after[same["id"]]["inReview"] is False
    assert after[same["id"]]["distance"] < faces.MATCH_DISTANCE
    for answer, reason in (
        (no_face, "NO_FACE"),
        (other, "MISMATCH"),
        # Compared when it is its turn, with the intake photo there is by then.
        (without_reference, None),
    ):
        if reason is None:
            assert after[answer["id"]]["verdict"] == "MATCH"
            continue
        assert after[answer["id"]] | {"distance": None} == {
            "verdict": reason,
            "inReview": True,
            "reason": reason,
            "distance": None,
            "photoDeletedAt": None,
        }
    # The score set no status: every self-report still waits for the officer.
    statuses = await CheckIn.all().values_list("status", flat=True)
    assert set(statuses) == {CheckInStatus.PENDING_REVIEW}
    # Each verdict is on the audit log, by the worker.
    logged = await AuditEntry.filter(action="identity.compare").values_list("actor_name", flat=True)
    assert logged == [identity.WORKER_NAME] * 4
    # Reviewed by the officer, the check-in is no longer in review.
    await gql.ok(
        'mutation($id: ID!) { reviewCheckIn(id: $id, status: VERIFIED, note: "seen") { id } }',
        {"id": other["id"]},
        token=world.tokens["officer_a"],
    )
    reviewed = (await verdicts(gql, world, who))[other["id"]]
    assert reviewed["verdict"] == "MISMATCH" and reviewed["inReview"] is False
    # Nothing left: a second run compares nothing, and a verdict is kept once.
    assert await worker(world.settings, compare_here).run_once() == 0
    photo = await CheckInPhoto.get(check_in_id=int(same["id"]))
    assert not await identity.record_verdict(
        Call(settings=world.settings), photo.id, faces.Comparison(FaceVerdict.MISMATCH, 0.9)
    )


async def test_no_intake_photo_is_a_reason_for_review(
    gql: GraphQLClient, world: World, compare_here: ThreadPoolExecutor
) -> None:
    who = await person(world)
    answer = await check_in(gql, who, ASTRONAUT_CROP)
    assert await worker(world.settings, compare_here).run_once() == 1
    found = (await verdicts(gql, world, who))[answer["id"]]
    assert found["verdict"] == "NO_REFERENCE" and found["reason"] == "NO_REFERENCE"


async def test_a_claimed_photo_is_compared_by_one_worker_at_a_time(world: World) -> None:
    who = await person(world)
    row = await report(who.call, datetime.now(UTC))
    await identity.attach_check_in_photo(Call(settings=world.settings), row, ASTRONAUT)
    now = datetime.now(UTC)
    assert len(await identity.claim_pending(now, 5)) == 1
    assert await identity.claim_pending(now, 5) == []  # held by the first
    later = now + identity.CLAIM_LEASE + timedelta(seconds=1)
    assert len(await identity.claim_pending(later, 5)) == 1  # its claim ran out
    # After MAX_ATTEMPTS claims with no verdict, it is left for the officer.
    last = later + identity.CLAIM_LEASE + timedelta(seconds=1)
    assert len(await identity.claim_pending(last, 5)) == 1
    assert await identity.claim_pending(last + identity.CLAIM_LEASE * 2, 5) == []


async def test_a_photo_that_cannot_be_compared_is_in_review_after_its_last_try(
    gql: GraphQLClient, world: World, compare_here: ThreadPoolExecutor
) -> None:
    who = await person(world)
    row = await report(who.call, datetime.now(UTC))
    stored = await identity.attach_check_in_photo(Call(settings=world.settings), row, ASTRONAUT)
    # Bytes the data directory's key does not open (another key, a damaged row).
    await CheckInPhoto.filter(id=stored.id).update(sealed=bytes(64))
    when = datetime.now(UTC)
    for attempt in range(1, identity.MAX_ATTEMPTS + 1):
        last = attempt == identity.MAX_ATTEMPTS
        assert await worker(world.settings, compare_here, when).run_once() == int(last)
        when += identity.CLAIM_LEASE + timedelta(seconds=1)
    found = (await verdicts(gql, world, who))[str(row.id)]
    assert found["verdict"] == "FAILED" and found["reason"] == "FAILED" and found["inReview"]


async def test_the_worker_compares_in_its_own_process(gql: GraphQLClient, world: World) -> None:
    """The comparing process as `sifasuo serve` and `sifasuo worker` start it."""
    from workers.identity import IdentityWorker

    who = await person(world)
    await intake_photo(gql, world, who.id, ASTRONAUT)
    answer = await check_in(gql, who, ASTRONAUT_CROP)
    real = IdentityWorker(world.settings, lambda: datetime.now(UTC))
    try:
        assert await real.run_once() == 1
    finally:
        real.close()
    stored = await CheckInPhoto.get(check_in_id=int(answer["id"]))
    assert stored.verdict == FaceVerdict.MATCH


# ------------------------------------------------------------------ retention


async def test_photos_are_deleted_the_day_after_the_term_and_its_retention(
    gql: GraphQLClient, world: World, clock: Clock
) -> None:
    who = await person(world)
    await intake_photo(gql, world, who.id, ASTRONAUT)
    answer = await check_in(gql, who, ASTRONAUT_CROP)
    other = await person(world, seq=2, username="wang.wu")
    kept = await check_in(gql, other, ASTRONAUT)
    term_end = date(2027, 1, 1)
    await SupervisedPerson.filter(id=other.id).update(term_end=date(2027, 6, 1))
    settings = world.settings.with_(photo_retention_days=30)
    last_day = identity.last_day_kept(term_end, 30)
    assert last_day == date(2027, 1, 31)

    def noon(day: date) -> datetime:
        # Noon in China on `day`: the rule counts local days.
        return datetime(day.year, day.month, day.day, 4, tzinfo=UTC)

    on_last_day = Call(settings=settings, now=noon(last_day))
    assert await identity.purge_expired(on_last_day) == 0
    assert (await CheckInPhoto.get(check_in_id=int(answer["id"]))).sealed is not None
    day_after = Call(settings=settings, now=noon(last_day + DAY))
    assert await identity.purge_expired(day_after) == 2  # the check-in's and the intake's
    gone = await CheckInPhoto.get(check_in_id=int(answer["id"]))
    assert gone.sealed is None and gone.purged_at == day_after.now
    assert (await IntakePhoto.get(person_id=who.id)).sealed is None
    # The other person's term runs on: kept.
    assert (await CheckInPhoto.get(check_in_id=int(kept["id"]))).sealed is not None
    assert await identity.purge_expired(day_after) == 0  # nothing twice
    # The officer sees that the photo went, and when.
    data = await gql.ok(PHOTOS, {"id": answer["id"]}, token=world.tokens["officer_a"])
    pair = data["checkInPhotos"]
    assert pair["checkInPhoto"] is None and pair["intakePhoto"] is None
    assert pair["checkIn"]["identity"]["photoDeletedAt"] is not None
    deletions = await AuditEntry.filter(action="identity.photos_deleted").count()
    assert deletions == 2
    # A deleted photo is never compared.
    assert await identity.claim_pending(day_after.now, 5) == [
        p.id for p in await CheckInPhoto.filter(check_in_id=int(kept["id"]))
    ]


def test_the_retention_is_a_setting() -> None:
    assert Settings.from_env({}).photo_retention_days == 90
    assert Settings.from_env({"SIFASUO_PHOTO_RETENTION_DAYS": "365"}).photo_retention_days == 365
    from api.settings import SettingsError

    for bad in ("-1", "soon"):
        with pytest.raises(SettingsError):
            Settings.from_env({"SIFASUO_PHOTO_RETENTION_DAYS": bad})


# ------------------------------------------------------------------ the review list


PENDING_WITH_IDENTITY = """query($first: Int) { pendingCheckIns(first: $first) {
  edges { node { id identity { verdict inReview reason distance } } } } }"""


async def test_the_review_queue_with_identity_costs_the_same_for_2_and_20(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    who = await person(world)
    for n in range(20):
        row = await report(who.call, datetime.now(UTC) + timedelta(seconds=n))
        if n % 2:
            await identity.attach_check_in_photo(Call(settings=world.settings), row, ASTRONAUT)
    counts = {}
    for size in (2, 20):
        with count_queries() as counter:
            data = await gql.ok(
                PENDING_WITH_IDENTITY, {"first": size}, token=world.tokens["officer_a"]
            )
        edges = data["pendingCheckIns"]["edges"]
        assert len(edges) == size
        assert {e["node"]["identity"]["verdict"] for e in edges} == {"PENDING", None}
        counts[size] = counter.count
    assert counts[2] == counts[20], counts


async def test_the_camera_is_allowed_to_this_origin_only(client: Any) -> None:
    """The check-in photo needs the camera; no other origin and no microphone."""
    response = await client.get("/")
    policy = response.headers["permissions-policy"]
    assert "camera=(self)" in policy and "microphone=()" in policy


def test_the_face_benchmark_runs() -> None:
    """bench/faces.py, whose figures are in README.md, keeps working."""
    import subprocess
    import sys

    from tests.live_server import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "bench.faces", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "a first comparison (intake + check-in photo): median" in done.stdout
    assert "a later one (the intake photo's encoding kept): median" in done.stdout
