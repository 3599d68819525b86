"""Face comparison on this server, with no cloud service: dlib's models through
the face_recognition package (HOG face detector, ResNet face encoder; weights
from the face-recognition-models package).

This module is CPU work with no database: workers/identity.py runs it in a
separate process, so neither a request nor the event loop ever waits for it.
Its result is a hint for the officer, never the ground of a decision on its
own (api/domain/corrections/identity.py). README.md, "Identity at check-in",
gives its time per photo on the project's machine.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache, cached
from PIL import Image, ImageOps

from api.models.enums import FaceVerdict

# face_recognition's documented tolerance: encodings of one person are
# usually nearer than 0.6 (dlib's model: 99.38% on the LFW benchmark).
MATCH_DISTANCE = 0.6


@dataclass(frozen=True)
class Comparison:
    verdict: FaceVerdict
    distance: float | None = None


def _rgb(jpeg: bytes) -> Any:
    import numpy as np

    with Image.open(io.BytesIO(jpeg)) as image:
        upright = ImageOps.exif_transpose(image)
        return np.ascontiguousarray(np.asarray(upright.convert("RGB")))


def encodings(jpeg: bytes) -> list[Any]:
    """The 128-number encoding of each face found, largest face first."""
    import face_recognition  # heavy (dlib and its models): loaded in the worker only

    image = _rgb(jpeg)
    boxes = face_recognition.face_locations(image)
    # (top, right, bottom, left): the largest face is the one nearest the camera.
    boxes.sort(key=lambda b: (b[2] - b[0]) * (b[1] - b[3]), reverse=True)
    return list(face_recognition.face_encodings(image, boxes))


# A person checks in again and again against one intake photo: its encodings
# are kept in the comparing process, keyed by the photo's digest (a new intake
# photo is a new key), so each comparison encodes only the check-in photo.
# Only the 128 numbers per face are kept, in memory, never the photo and
# never on disk; 1,000 intake photos take about 1 MB.
REFERENCES: LRUCache[bytes, list[Any]] = LRUCache(maxsize=1000)


@cached(REFERENCES, key=lambda jpeg: hashlib.sha256(jpeg).digest())
def reference_encodings(jpeg: bytes) -> list[Any]:
    """The encodings of an intake photo, computed once per comparing process."""
    return encodings(jpeg)


def compare(reference: bytes | None, probe: bytes) -> Comparison:
    """The check-in photo `probe` against the intake photo `reference`.

    NO_FACE when the probe shows none; NO_REFERENCE when there is no intake
    photo or it shows no face; else the nearest face of the probe to the
    largest of the reference decides MATCH or MISMATCH (someone beside the
    person does not make a mismatch).
    """
    import face_recognition

    found = encodings(probe)
    if not found:
        return Comparison(FaceVerdict.NO_FACE)
    ref = reference_encodings(reference) if reference is not None else []
    if not ref:
        return Comparison(FaceVerdict.NO_REFERENCE)
    distance = float(min(face_recognition.face_distance(found, ref[0])))
    verdict = FaceVerdict.MATCH if distance < MATCH_DISTANCE else FaceVerdict.MISMATCH
    return Comparison(verdict, distance)


def warm_up() -> None:
    """Load the models in the comparing process before its first photo."""
    import face_recognition  # noqa: F401
