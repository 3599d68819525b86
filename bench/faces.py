"""Identity at check-in: the time per photo of the face comparison, and what a
photo adds to the check-in request itself.

    .venv/bin/python -m bench.faces --repeat 20

The photos are scikit-image's sample images at the size the phone sends
(640 px on the long side, JPEG 0.8, as pwa/js/photo.js makes them). The
comparison runs in the worker's process, off the request; the request only
checks the JPEG and seals it (api/domain/corrections/photos.py).
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image
from skimage import data as samples

from api.domain.corrections import faces, photos


def phone_jpeg(pixels: np.ndarray) -> bytes:
    image = Image.fromarray(pixels).convert("RGB")
    image = image.resize((640, round(640 * image.height / image.width)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and worst of `repeat` runs, in milliseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), max(runs)


def first_comparison(face: bytes) -> None:
    faces.REFERENCES.clear()
    faces.compare(face, face)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    start = time.perf_counter()
    faces.warm_up()
    print(f"models loaded in {time.perf_counter() - start:.2f} s (once per worker process)")
    face = phone_jpeg(samples.astronaut())
    no_face = phone_jpeg(samples.coffee())
    print(f"photo sizes: face {len(face) // 1000} KB, no face {len(no_face) // 1000} KB")
    faces.encodings(face)  # first call allocates
    for label, fn in (
        ("one photo with a face (detect + encode)", lambda: faces.encodings(face)),
        ("one photo without a face (detect)", lambda: faces.encodings(no_face)),
        ("a first comparison (intake + check-in photo)", lambda: first_comparison(face)),
        ("a later one (the intake photo's encoding kept)", lambda: faces.compare(face, face)),
    ):
        median, worst = timed(fn, args.repeat)
        print(f"{label}: median {median:.0f} ms, worst {worst:.0f} ms")
    encoded = base64.b64encode(face).decode("ascii")
    with tempfile.TemporaryDirectory(prefix="sifasuo-bench-") as data_dir:
        folder = Path(data_dir)

        def request_side() -> None:
            jpeg = photos.jpeg_from_base64(encoded, "photo")
            photos.seal(folder, "check-in", "00000000-0000-4000-8000-000000000000", jpeg)

        median, worst = timed(request_side, args.repeat)
    print(f"in the request (check + seal): median {median:.1f} ms, worst {worst:.1f} ms")
    print(f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
