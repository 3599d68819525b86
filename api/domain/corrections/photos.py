"""The photos of identity at check-in: what the server accepts, and how it keeps them.

The phone sends a JPEG it has already made small (a few hundred KB at most;
pwa/js/photo.js), base64 in the GraphQL input like every field record of the
outbox. The server checks that it is one JPEG of sane size and seals it with
AES-256-GCM under `photo_key` in the data directory (beside `totp_key` and
the VAPID key, api/keyfiles.py): a copy of the database alone shows no face.
Each photo is bound to its record (the associated data names the kind and
the clientId), so sealed bytes copied onto another record do not open.

Stored form: nonce (12 bytes), ciphertext, tag (16 bytes).
"""

from __future__ import annotations

import binascii
import functools
import io
import logging
import os
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from PIL import Image, UnidentifiedImageError

from api import keyfiles
from api.domain.common.errors import BadInput

log = logging.getLogger(__name__)

KEY_FILE_NAME = "photo_key"
# What the phone's resizing yields (640 px on the long side, JPEG 0.8: about
# 60-150 KB); the cap leaves room and keeps the request under its 1 MiB limit.
MAX_PHOTO_BYTES = 400_000
MAX_SIDE_PX = 2048
MIN_SIDE_PX = 64
_NONCE_BYTES = 12
_END_OF_IMAGE = b"\xff\xd9"  # JPEG's EOI marker

Kind = Literal["intake", "check-in"]


class UnreadablePhoto(Exception):
    """Sealed bytes the data directory's key does not open."""


@functools.cache
def _aead(data_dir: Path) -> AESGCM:
    return AESGCM(keyfiles.aes_256_key(data_dir, KEY_FILE_NAME))


def _associated(kind: Kind, client_id: str) -> bytes:
    return f"sifasuo {kind} photo {client_id}".encode()


def jpeg_from_base64(value: str, field: str) -> bytes:
    """The JPEG a client sent, checked: base64 (a data: URL's prefix allowed),
    at most MAX_PHOTO_BYTES, a JPEG Pillow reads, of sane dimensions."""
    text = value.strip()
    if text.startswith("data:"):
        header, _, text = text.partition(",")
        if header not in ("data:image/jpeg;base64", "data:image/jpg;base64"):
            raise BadInput("PHOTO_NOT_JPEG", field=field)
    # Base64 is 4/3 of the bytes: refuse a long text before decoding it.
    if len(text) > (MAX_PHOTO_BYTES * 4) // 3 + 4:
        raise BadInput("PHOTO_TOO_LARGE", field=field, max=MAX_PHOTO_BYTES // 1000)
    try:
        raw = binascii.a2b_base64(text.encode("ascii"), strict_mode=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise BadInput("PHOTO_NOT_JPEG", field=field) from exc
    if len(raw) > MAX_PHOTO_BYTES:
        raise BadInput("PHOTO_TOO_LARGE", field=field, max=MAX_PHOTO_BYTES // 1000)
    try:
        with Image.open(io.BytesIO(raw), formats=["JPEG"]) as image:
            width, height = image.size
            if not (MIN_SIDE_PX <= width <= MAX_SIDE_PX and MIN_SIDE_PX <= height <= MAX_SIDE_PX):
                raise BadInput("PHOTO_SIZE_PX", field=field, min=MIN_SIDE_PX, max=MAX_SIDE_PX)
            # Decoded whole (a few ms at this size), so a broken one is refused
            # here, not found out by the worker. Pillow may be told to accept
            # a cut-off JPEG (face_recognition sets LOAD_TRUNCATED_IMAGES for
            # the whole process), so its end-of-image marker is checked too.
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise BadInput("PHOTO_NOT_JPEG", field=field) from exc
    if not raw.endswith(_END_OF_IMAGE):
        raise BadInput("PHOTO_NOT_JPEG", field=field)
    return raw


def seal(data_dir: Path, kind: Kind, client_id: str, jpeg: bytes) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + _aead(data_dir).encrypt(nonce, jpeg, _associated(kind, client_id))


def unseal(data_dir: Path, kind: Kind, client_id: str, sealed: bytes) -> bytes:
    nonce, box = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
    try:
        return _aead(data_dir).decrypt(nonce, box, _associated(kind, client_id))
    except InvalidTag as exc:
        log.error(
            "a %s photo (%s) does not open with %s: the key file is not the one it was sealed with",
            kind,
            client_id,
            data_dir / KEY_FILE_NAME,
        )
        raise UnreadablePhoto(client_id) from exc
