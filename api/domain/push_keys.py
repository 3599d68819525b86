"""The server's VAPID key (RFC 8292): made once, kept on disk, mode 0600.

The public half, as base64url of the uncompressed P-256 point, is what the
browser passes to `PushManager.subscribe()` as `applicationServerKey`; the
private half signs the JWT the push service checks on every send.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import stat
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

log = logging.getLogger(__name__)

KEY_FILE_NAME = "vapid_private_key.pem"
# RFC 8292 §2: `exp` must be no more than 24 hours after the request.
CLAIMS_LIFETIME = timedelta(hours=12)
_DEFAULT_PORTS = {"https": 443, "http": 80}
# How long a reader waits for a concurrent writer's key to appear in full.
_READ_PATIENCE_SECONDS = 2.0


def b64url(data: bytes) -> str:
    """Base64url without padding (RFC 7515 §2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True, slots=True)
class VapidKey:
    """The server's P-256 key pair. `repr()` does not show the private key."""

    private_pem: str = field(repr=False)
    public_key_b64url: str

    @classmethod
    def from_pem(cls, pem: str) -> VapidKey:
        """Load a PKCS#8 (or SEC1) PEM private key; it must be on P-256."""
        key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(
            key.curve, ec.SECP256R1
        ):
            raise ValueError("the VAPID key must be an EC key on P-256 (secp256r1)")
        return cls(private_pem=pem, public_key_b64url=_public_b64url(key))

    def private_key(self) -> ec.EllipticCurvePrivateKey:
        key = serialization.load_pem_private_key(self.private_pem.encode("ascii"), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return key

    def claims(self, subject: str, endpoint: str, now: datetime) -> dict[str, Any]:
        """A new claims dict for one send: `sub`, `aud` (the endpoint's origin), `exp`.

        Always a fresh dict, because pywebpush writes into the one it is given.
        """
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be timezone-aware")
        return {
            "sub": subject,
            "aud": origin_of(endpoint),
            "exp": int((now + CLAIMS_LIFETIME).timestamp()),
        }


def origin_of(endpoint: str) -> str:
    """`scheme://host[:port]` of a URL, the port left out when it is the default."""
    parts = urlsplit(endpoint)
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in _DEFAULT_PORTS or not host:
        raise ValueError(f"not an http(s) URL with a host: {endpoint!r}")
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def _public_b64url(key: ec.EllipticCurvePrivateKey) -> str:
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(point)


def load_or_create_vapid_key(data_dir: Path) -> VapidKey:
    """The key in `data_dir/vapid_private_key.pem`, made (mode 0600) if there is none.

    Safe when several processes start at once: the key is written to a private
    temporary file and published with `os.link`, which fails if the name
    exists, so exactly one key wins and nobody reads a half-written file.
    """
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = data_dir / KEY_FILE_NAME
    if not path.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode("ascii")
        if _publish(path, pem):
            log.info("created a new VAPID key at %s", path)
            return VapidKey(private_pem=pem, public_key_b64url=_public_b64url(key))
    return _read(path)


def _write_exclusive(path: Path, pem: str) -> None:
    """Create `path` (O_CREAT|O_EXCL, 0600) and write `pem` to it, durably."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)  # exactly 0600, whatever the umask
        os.write(fd, pem.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(path: Path, pem: str) -> bool:
    """Put `pem` at `path` unless a key is already there. True if ours won."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    _write_exclusive(tmp, pem)
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError:
        # A file system without hard links: create the name itself, exclusively.
        # A reader racing this may see it empty for a moment; `_read` waits.
        try:
            _write_exclusive(path, pem)
        except FileExistsError:
            return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return True


def _read(path: Path) -> VapidKey:
    deadline = time.monotonic() + _READ_PATIENCE_SECONDS
    while True:
        mode = path.stat().st_mode
        pem = path.read_text("ascii")
        if "-----END" in pem or time.monotonic() >= deadline:
            break
        time.sleep(0.05)  # another process is still writing it
    if stat.S_IMODE(mode) & 0o077:
        log.warning("VAPID key file %s is readable by others (mode %o)", path, stat.S_IMODE(mode))
    try:
        return VapidKey.from_pem(pem)
    except ValueError as exc:
        raise ValueError(f"cannot load the VAPID key in {path}: {exc}") from exc


class VapidKeyring:
    """The key of one running app or worker, loaded from the data directory once.

    `create_app` makes one and its lifespan calls `load()` at start, so a bad
    key file stops the start instead of the first request; the GraphQL
    context and the workers get the same object. Nothing module-global.
    """

    def __init__(self, data_dir: Path, key: VapidKey | None = None) -> None:
        self.data_dir = data_dir
        self._key = key

    def load(self) -> VapidKey:
        if self._key is None:
            self._key = load_or_create_vapid_key(self.data_dir)
        return self._key

    @property
    def public_key(self) -> str:
        """The applicationServerKey: base64url of the uncompressed P-256 point."""
        return self.load().public_key_b64url
