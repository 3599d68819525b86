"""The server's VAPID key (RFC 8292): made once, kept on disk, mode 0600.

The public half, as base64url of the uncompressed P-256 point, is what the
browser passes to `PushManager.subscribe()` as `applicationServerKey`; the
private half signs the JWT the push service checks on every send.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from api import keyfiles

KEY_FILE_NAME = "vapid_private_key.pem"
# RFC 8292 §2: `exp` must be no more than 24 hours after the request.
CLAIMS_LIFETIME = timedelta(hours=12)
_DEFAULT_PORTS = {"https": 443, "http": 80}


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
    """The key in `data_dir/vapid_private_key.pem`, made (mode 0600) if there is
    none; safe when several processes start at once (api/keyfiles.py)."""

    def make() -> str:
        key = ec.generate_private_key(ec.SECP256R1())
        return key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode("ascii")

    path = data_dir / KEY_FILE_NAME
    pem = keyfiles.load_or_create(data_dir, KEY_FILE_NAME, make, lambda t: "-----END" in t)
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
