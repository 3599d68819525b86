"""Sending one Web Push message (RFC 8030), encrypted (RFC 8291, aes128gcm), signed (RFC 8292).

`PushSender.send` never raises for what the network or the push service does:
every answer becomes a `SendResult` whose `outcome` tells the caller what to
do next — "sent" (done), "gone" (delete the subscription), "retry" (again
later, after `next_retry_delay`), "failed" (give up on this message).

What a browser hands us is checked before it is stored
(`api.domain.notices.subscriptions.validate_subscription`), and every
endpoint is checked again here before it is dialled (`check_endpoint`, the
same rule), so the server only ever posts to the https port of a known push service.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Final, Literal

import aiohttp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from http_ece import ECEException
from py_vapid import Vapid, VapidException
from pywebpush import WebPushException, webpush_async

from api.domain.common.errors import BadInput
from api.domain.notices.push_keys import VapidKey, b64url
from api.domain.notices.subscriptions import check_endpoint
from api.settings import DEFAULT_PUSH_HOSTS

Outcome = Literal["sent", "gone", "retry", "failed"]
Urgency = Literal["very-low", "low", "normal", "high"]

URGENCIES: Final = ("very-low", "low", "normal", "high")  # RFC 8030 §5.3
MAX_ATTEMPTS: Final = 8
# RFC 8291 §4: one 4096-byte record = 86 header + plaintext + 1 delimiter + 16 tag.
MAX_PAYLOAD_BYTES: Final = 4096 - 86 - 1 - 16
MAX_RETRY_AFTER_SECONDS: Final = 24 * 3600.0

_TOPIC_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")  # RFC 8030 §5.4
_DETAIL_MAX = 200


@dataclass(frozen=True, slots=True)
class Subscription:
    """A browser's PushSubscription: endpoint URL and its two keys, base64url."""

    endpoint: str
    p256dh: str
    auth: str

    def info(self) -> dict[str, str | dict[str, str]]:
        """The `subscription_info` dict pywebpush takes (`PushSubscription.toJSON()`)."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: Outcome
    status: int | None = None
    detail: str = ""
    retry_after: float | None = None  # seconds, from the push service's Retry-After


def utcnow() -> datetime:
    return datetime.now(UTC)


class PushSender:
    """Sends through one shared `aiohttp.ClientSession`, at most `max_in_flight` at a time.

    The session is the caller's: open it before, close it after.
    `allowed_hosts` is settings.push_allowed_hosts: no other address is dialled.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        key: VapidKey,
        subject: str,
        *,
        max_in_flight: int = 32,
        timeout_seconds: float = 10,
        allowed_hosts: tuple[str, ...] = DEFAULT_PUSH_HOSTS,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        if timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")
        self.session = session
        self.key = key
        self.subject = subject
        self.max_in_flight = max_in_flight
        self.timeout_seconds = float(timeout_seconds)
        self.allowed_hosts = allowed_hosts
        self._now = now
        self._semaphore = asyncio.Semaphore(max_in_flight)
        private = serialization.load_pem_private_key(key.private_pem.encode("ascii"), None)
        assert isinstance(private, ec.EllipticCurvePrivateKey)
        self._vapid = Vapid(private)
        try:  # a bad subject would fail every send: say so now
            self._vapid.sign(key.claims(subject, "https://push.invalid/", now()))
        except VapidException as exc:
            raise ValueError(
                f"VAPID subject must be a mailto: address or an https:// URL: {subject!r}"
            ) from exc

    async def send(
        self,
        sub: Subscription,
        payload: bytes,
        *,
        ttl: int,
        urgency: str,
        topic: str | None,
    ) -> SendResult:
        """Encrypt `payload` for `sub` and post it; never raises for network trouble.

        `ttl` is how many seconds the push service keeps the message for an
        offline browser; `urgency` one of URGENCIES; `topic` (optional) makes a
        newer message replace an undelivered older one with the same topic.
        """
        if ttl < 0:
            raise ValueError("ttl must be >= 0")
        if urgency not in URGENCIES:
            raise ValueError(f"urgency must be one of {URGENCIES}, not {urgency!r}")
        if len(payload) > MAX_PAYLOAD_BYTES:
            return SendResult(
                "failed", detail=f"payload too large ({len(payload)} > {MAX_PAYLOAD_BYTES} bytes)"
            )
        try:
            check_endpoint(sub.endpoint, self.allowed_hosts)
        except BadInput as exc:
            return SendResult("failed", detail=_short(f"bad endpoint: {exc.message}"))
        headers: dict[str, str | int | float] = {"Urgency": urgency}
        if topic:
            headers["Topic"] = topic_header(topic)
        try:
            claims = self.key.claims(self.subject, sub.endpoint, self._now())
        except ValueError as exc:
            return SendResult("failed", detail=_short(f"bad endpoint: {exc}"))

        async with self._semaphore:
            try:
                response = await webpush_async(
                    subscription_info=sub.info(),
                    data=payload,
                    vapid_private_key=self._vapid,
                    vapid_claims=claims,  # fresh per call: pywebpush writes into it
                    content_encoding="aes128gcm",
                    timeout=self.timeout_seconds,
                    ttl=ttl,
                    headers=headers,
                    aiohttp_session=self.session,
                )
            except WebPushException as exc:
                if exc.response is None:  # refused before sending: bad keys, ...
                    return SendResult("failed", detail=_short(str(exc.message)))
                return await self._result(exc.response)
            except aiohttp.InvalidURL as exc:
                return SendResult("failed", detail=_short(f"bad endpoint: {exc}"))
            except UnicodeDecodeError as exc:  # the answer's body was not text
                return SendResult("retry", detail=_short(f"undecodable response: {exc}"))
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                return SendResult("retry", detail=_short(f"{type(exc).__name__}: {exc}"))
            except (ECEException, VapidException, ValueError, TypeError) as exc:
                # Encryption or signing refused this subscription's keys.
                return SendResult("failed", detail=_short(f"{type(exc).__name__}: {exc}"))
        return await self._result(response)

    async def _result(self, response: aiohttp.ClientResponse) -> SendResult:
        status = response.status
        detail = f"{status} {response.reason or ''}".strip()
        if response.history:
            # pywebpush lets aiohttp follow redirects; push services never
            # redirect, so do not count whatever answered at the new address.
            first = response.history[0].status
            return SendResult("failed", first, _short(f"{first} redirect to {response.url.host}"))
        if 200 <= status < 300:
            return SendResult("sent", status, detail)
        if status in (404, 410):
            return SendResult("gone", status, detail)
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self._now())
        if status in (408, 429) or status >= 500:
            return SendResult("retry", status, detail, retry_after)
        try:
            body = (await response.text(errors="replace")).strip()
        except (aiohttp.ClientError, TimeoutError):
            body = ""
        return SendResult("failed", status, _short(f"{detail}: {body}" if body else detail))


def topic_header(topic: str) -> str:
    """The topic as RFC 8030 allows it: <= 32 base64url characters, else its hash."""
    if _TOPIC_RE.fullmatch(topic):
        return topic
    return b64url(hashlib.sha256(topic.encode("utf-8")).digest())[:32]


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header: delay-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"[0-9]{1,10}", value):
        return float(int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_delay(
    attempt: int,
    *,
    base: float = 30.0,
    cap: float = 3600.0,
    rng: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait after failed attempt number `attempt` (1, 2, ...): full jitter.

    Uniform in [0, min(cap, base * 2**(attempt-1))).
    """
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    ceiling = min(cap, base * 2.0 ** min(attempt - 1, 64))
    return rng() * ceiling


def next_retry_delay(
    result: SendResult, attempt: int, *, rng: Callable[[], float] = random.random
) -> float:
    """The backoff, but never sooner than the push service's Retry-After (capped at a day)."""
    delay = backoff_delay(attempt, rng=rng)
    if result.retry_after is not None:
        delay = max(delay, min(result.retry_after, MAX_RETRY_AFTER_SECONDS))
    return delay


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _DETAIL_MAX else text[: _DETAIL_MAX - 1] + "…"
