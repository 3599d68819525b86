"""TOTP seeds encrypted at rest (AES-256-GCM) with a key kept beside the
database, not in it: a copy of the database alone (a backup, a dump) gives
away no second factor.

The key is `totp_key` in the data directory (mode 0600, made once; see
api/keyfiles.py). Keep it with the VAPID key and back both up with the
database: without it every enrolled account needs `sifasuo two-step reset`.
Each value is bound to its account (the user id is the associated data), so
a value copied onto another account does not open.

Stored form: base64url of nonce (12 bytes), then the seed's 20 raw bytes
encrypted, then the tag (16 bytes): 64 characters, the column's width. A
seed stored before this (base32, 32 characters) is read as it is and sealed
at its next use.
"""

from __future__ import annotations

import base64
import functools
import logging
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from api import keyfiles

log = logging.getLogger(__name__)

KEY_FILE_NAME = "totp_key"
SEALED_LENGTH = 64
_NONCE_BYTES = 12


class UnreadableSecret(Exception):
    """A sealed seed the data directory's key does not open."""


@functools.cache
def _aead(data_dir: Path) -> AESGCM:
    # Read once per process and data directory: every sign-in of enrolled
    # staff needs it.
    return AESGCM(keyfiles.aes_256_key(data_dir, KEY_FILE_NAME))


def _associated(user_id: int) -> bytes:
    return f"sifasuo totp seed of account {user_id}".encode()


def is_sealed(stored: str) -> bool:
    return len(stored) == SEALED_LENGTH


def seal(data_dir: Path, user_id: int, secret: str) -> str:
    """The stored form of a base32 seed (as pyotp makes them)."""
    nonce = os.urandom(_NONCE_BYTES)
    raw = base64.b32decode(secret)
    box = _aead(data_dir).encrypt(nonce, raw, _associated(user_id))
    return base64.urlsafe_b64encode(nonce + box).decode("ascii")


def unseal(data_dir: Path, user_id: int, stored: str) -> str:
    """The base32 seed of a stored value (an unsealed old one as it is)."""
    if not is_sealed(stored):
        return stored
    blob = base64.urlsafe_b64decode(stored)
    nonce, box = blob[:_NONCE_BYTES], blob[_NONCE_BYTES:]
    try:
        raw = _aead(data_dir).decrypt(nonce, box, _associated(user_id))
    except InvalidTag as exc:
        log.error(
            "the TOTP seed of account %s does not open with %s: the key file is not "
            "the one it was sealed with (`sifasuo two-step reset` lets the user enrol again)",
            user_id,
            data_dir / KEY_FILE_NAME,
        )
        raise UnreadableSecret(user_id) from exc
    return base64.b32encode(raw).decode("ascii")
