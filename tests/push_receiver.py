"""A local push service for tests: takes Web Push POSTs, checks and decrypts them.

    async with PushReceiver() as receiver:
        keys = BrowserKeys.generate()
        receiver.register("alice", keys)
        endpoint = receiver.endpoint("alice")     # http://127.0.0.1:PORT/push/alice
        receiver.respond("alice", [429], retry_after="120")  # then 201s
        ... send ...
        [got] = await receiver.wait_for(1)
        assert got.payload == b"..." and got.vapid_ok

Point the server's allowed push hosts at ("127.0.0.1",) so it accepts these
http endpoints. Every POST is recorded as a `Received`: headers, raw body,
the payload decrypted with the registered browser keys (RFC 8291, aes128gcm),
and whether the VAPID header (RFC 8292) verifies for this origin.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import os
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Self

import http_ece
from aiohttp import web
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

HOST = "127.0.0.1"
DEFAULT_STATUS = 201
MAX_VAPID_LIFETIME = 24 * 3600  # RFC 8292 §2


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    text = text.rstrip("=")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class BrowserKeys:
    """What a browser makes for a push subscription: a P-256 key pair and an auth secret."""

    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    @classmethod
    def generate(cls) -> BrowserKeys:
        return cls(ec.generate_private_key(ec.SECP256R1()), os.urandom(16))

    @property
    def p256dh_b64url(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url_encode(point)

    @property
    def auth_b64url(self) -> str:
        return b64url_encode(self.auth_secret)

    def decrypt(self, body: bytes) -> bytes:
        plain: bytes = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth_secret, version="aes128gcm"
        )
        return plain


@dataclass
class Received:
    """One POST the receiver took."""

    name: str
    headers: dict[str, str]
    body: bytes
    payload: bytes | None  # decrypted, when keys are registered and decryption worked
    status: int  # what the receiver answered
    decrypt_error: str | None = None
    vapid_ok: bool = False
    vapid_k: str | None = None
    vapid_claims: dict[str, Any] | None = None
    vapid_error: str | None = None
    at: float = field(default_factory=time.monotonic)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def ttl(self) -> str | None:
        return self.header("TTL")

    @property
    def urgency(self) -> str | None:
        return self.header("Urgency")

    @property
    def topic(self) -> str | None:
        return self.header("Topic")


@dataclass(frozen=True)
class _Reply:
    status: int
    retry_after: str | None
    delay: float


class PushReceiver:
    """An aiohttp server on 127.0.0.1, random port. Use `async with` or start()/stop()."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self._keys: dict[str, BrowserKeys] = {}
        self._scripts: dict[str, deque[_Reply]] = {}
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._changed: asyncio.Condition | None = None
        self.in_flight = 0
        self.peak_in_flight = 0  # most POSTs being handled at once

    # -------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        if self._runner is not None:
            return
        app = web.Application()
        app.router.add_post("/push/{name}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        self._changed = asyncio.Condition()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ setup

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the receiver is not started")
        return self._port

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.port}"

    def endpoint(self, name: str) -> str:
        return f"{self.origin}/push/{name}"

    def register(self, name: str, keys: BrowserKeys) -> None:
        """Decrypt what comes for `name` with these browser keys."""
        self._keys[name] = keys

    def respond(
        self,
        name: str,
        statuses: list[int],
        retry_after: str | None = None,
        *,
        delay: float = 0.0,
    ) -> None:
        """Answer the next POSTs to `name` with these statuses, in order; then 201.

        A 3xx answer redirects to the endpoint `<name>-redirected`. `retry_after`
        is sent as the Retry-After header with each of them; `delay` holds each
        of these answers back that many seconds.
        """
        script = self._scripts.setdefault(name, deque())
        script.extend(_Reply(status, retry_after, delay) for status in statuses)

    # ---------------------------------------------------------------- reading

    def for_name(self, name: str) -> list[Received]:
        return [r for r in self.received if r.name == name]

    async def wait_for(
        self, count: int, *, name: str | None = None, timeout: float = 5.0
    ) -> list[Received]:
        """Wait until `count` POSTs (to `name`, or to any name) have come; return them."""
        assert self._changed is not None, "the receiver is not started"

        def got() -> list[Received]:
            return self.received if name is None else self.for_name(name)

        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: len(got()) >= count)
        return list(got())

    # ---------------------------------------------------------------- serving

    async def _handle(self, request: web.Request) -> web.Response:
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            return await self._serve(request)
        finally:
            self.in_flight -= 1

    async def _serve(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        body = await request.read()
        script = self._scripts.get(name)
        reply = script.popleft() if script else _Reply(DEFAULT_STATUS, None, 0.0)
        record = Received(
            name=name,
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body,
            payload=None,
            status=reply.status,
        )
        self._check_vapid(record)
        keys = self._keys.get(name)
        if keys is not None and body:
            try:
                record.payload = keys.decrypt(body)
            except Exception as exc:
                record.decrypt_error = f"{type(exc).__name__}: {exc}"
        self.received.append(record)
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()
        if reply.delay:
            await asyncio.sleep(reply.delay)
        headers: dict[str, str] = {}
        if reply.retry_after is not None:
            headers["Retry-After"] = reply.retry_after
        if reply.status == 201:
            headers["Location"] = f"{self.origin}/message/{len(self.received)}"
        elif 300 <= reply.status < 400:  # a redirecting push service, to test senders
            headers["Location"] = self.endpoint(f"{name}-redirected")
        return web.Response(status=reply.status, headers=headers)

    def _check_vapid(self, record: Received) -> None:
        """RFC 8292: `Authorization: vapid t=<JWT>, k=<public key>`."""
        try:
            token, key = _parse_vapid_header(record.header("Authorization") or "")
            record.vapid_k = key
            record.vapid_claims = _verify_jwt(token, key)
            _check_claims(record.vapid_claims, self.origin)
        except (ValueError, InvalidSignature, binascii.Error) as exc:
            record.vapid_error = f"{type(exc).__name__}: {exc}"
            return
        record.vapid_ok = True


def _parse_vapid_header(value: str) -> tuple[str, str]:
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError(f"Authorization scheme is {scheme!r}, not vapid")
    params: dict[str, str] = {}
    for part in rest.split(","):
        key, sep, val = part.strip().partition("=")
        if sep:
            params[key.strip().lower()] = val.strip()
    if "t" not in params or "k" not in params:
        raise ValueError("vapid Authorization lacks t= or k=")
    return params["t"], params["k"]


def _verify_jwt(token: str, key_b64url: str) -> dict[str, Any]:
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError("JWT must have three parts")
    header_b64, claims_b64, signature_b64 = parts
    header = json.loads(b64url_decode(header_b64))
    if header.get("alg") != "ES256":
        raise ValueError(f"JWT alg is {header.get('alg')!r}, not ES256")
    signature = b64url_decode(signature_b64)
    if len(signature) != 64:
        raise ValueError("ES256 signature must be 64 bytes (r || s)")
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(key_b64url))
    public.verify(der, f"{header_b64}.{claims_b64}".encode("ascii"), ec.ECDSA(hashes.SHA256()))
    claims = json.loads(b64url_decode(claims_b64))
    if not isinstance(claims, dict):
        raise ValueError("JWT claims are not an object")
    return claims


def _check_claims(claims: dict[str, Any], origin: str) -> None:
    if claims.get("aud") != origin:
        raise ValueError(f"aud is {claims.get('aud')!r}, not {origin!r}")
    exp = claims.get("exp")
    now = time.time()
    if not isinstance(exp, int) or exp <= now:
        raise ValueError(f"exp {exp!r} is not in the future")
    if exp > now + MAX_VAPID_LIFETIME:
        raise ValueError(f"exp {exp} is more than 24 hours ahead")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub.startswith(("mailto:", "https://")):
        raise ValueError(f"sub {sub!r} is not a mailto: or https: URL")
