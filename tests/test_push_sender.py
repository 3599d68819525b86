"""PushSender against a real local push service; VAPID key storage; subscription checks."""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import stat
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from api.domain.common.errors import BadInput
from api.domain.notices.push_keys import KEY_FILE_NAME, VapidKey, load_or_create_vapid_key
from api.domain.notices.subscriptions import validate_subscription
from tests.push_receiver import BrowserKeys, PushReceiver
from workers import push_sender
from workers.push_sender import (
    MAX_ATTEMPTS,
    MAX_PAYLOAD_BYTES,
    PushSender,
    SendResult,
    Subscription,
    backoff_delay,
    next_retry_delay,
    topic_header,
)

SUBJECT = "mailto:admin@sifasuo.invalid"
RECEIVER = ("127.0.0.1",)  # the local push service, over http


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> VapidKey:
    return load_or_create_vapid_key(tmp_path_factory.mktemp("vapid"))


@pytest.fixture
def sender(session: aiohttp.ClientSession, key: VapidKey) -> PushSender:
    return PushSender(session, key, SUBJECT, timeout_seconds=5, allowed_hosts=RECEIVER)


def subscribe(receiver: PushReceiver, name: str) -> Subscription:
    keys = BrowserKeys.generate()
    receiver.register(name, keys)
    return Subscription(receiver.endpoint(name), keys.p256dh_b64url, keys.auth_b64url)


async def send(sender: PushSender, sub: Subscription, payload: bytes = b"{}") -> SendResult:
    return await sender.send(sub, payload, ttl=60, urgency="normal", topic=None)


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ------------------------------------------------------------------ sending


async def test_payload_arrives_encrypted_and_signed(
    sender: PushSender, receiver: PushReceiver, key: VapidKey
) -> None:
    sub = subscribe(receiver, "alice")
    payload = '{"title":"Check-in due","body":"王某 · 14:00"}'.encode()

    result = await sender.send(sub, payload, ttl=3600, urgency="high", topic="checkin-42")

    assert result == SendResult("sent", 201, "201 Created")
    [got] = receiver.for_name("alice")
    assert got.payload == payload
    assert got.body != payload
    assert got.header("Content-Encoding") == "aes128gcm"
    assert got.vapid_ok, got.vapid_error
    assert got.vapid_k == key.public_key_b64url
    assert got.vapid_claims is not None and got.vapid_claims["sub"] == SUBJECT
    assert (got.ttl, got.urgency, got.topic) == ("3600", "high", "checkin-42")


async def test_long_topic_is_hashed_to_32_base64url_chars(
    sender: PushSender, receiver: PushReceiver
) -> None:
    sub = subscribe(receiver, "t")
    topic = "notice:2024-06-01:community-corrections/unit 7"
    await sender.send(sub, b"x", ttl=0, urgency="low", topic=topic)
    [got] = receiver.for_name("t")
    assert got.topic == topic_header(topic)
    assert got.topic is not None and len(got.topic) == 32
    assert set(got.topic) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert topic_header(topic) == topic_header(topic) != topic_header(topic + "!")
    assert got.ttl == "0"


@pytest.mark.parametrize("status", [200, 202])
async def test_other_success_statuses_are_sent(
    sender: PushSender, receiver: PushReceiver, status: int
) -> None:
    sub = subscribe(receiver, "ok")
    receiver.respond("ok", [status])
    assert (await send(sender, sub)).outcome == "sent"


@pytest.mark.parametrize("status", [404, 410])
async def test_expired_subscription_is_gone(
    sender: PushSender, receiver: PushReceiver, status: int
) -> None:
    sub = subscribe(receiver, "old")
    receiver.respond("old", [status])
    result = await send(sender, sub)
    assert (result.outcome, result.status) == ("gone", status)


async def test_429_retry_after_seconds(sender: PushSender, receiver: PushReceiver) -> None:
    sub = subscribe(receiver, "busy")
    receiver.respond("busy", [429], retry_after="120")
    result = await send(sender, sub)
    assert (result.outcome, result.status, result.retry_after) == ("retry", 429, 120.0)
    assert next_retry_delay(result, 1, rng=lambda: 0.5) == 120.0
    # The script is used up: the next send goes through.
    assert (await send(sender, sub)).outcome == "sent"


async def test_retry_after_http_date(
    session: aiohttp.ClientSession, key: VapidKey, receiver: PushReceiver
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    sender = PushSender(session, key, SUBJECT, allowed_hosts=RECEIVER, now=lambda: now)
    sub = subscribe(receiver, "busy")
    receiver.respond("busy", [503], retry_after=format_datetime(now + timedelta(seconds=90), True))
    result = await send(sender, sub)
    assert (result.outcome, result.status, result.retry_after) == ("retry", 503, 90.0)


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_retry(sender: PushSender, receiver: PushReceiver, status: int) -> None:
    sub = subscribe(receiver, "down")
    receiver.respond("down", [status])
    result = await send(sender, sub)
    assert (result.outcome, result.status, result.retry_after) == ("retry", status, None)


@pytest.mark.parametrize("status", [400, 401, 403, 413])
async def test_client_errors_fail(sender: PushSender, receiver: PushReceiver, status: int) -> None:
    sub = subscribe(receiver, "bad")
    receiver.respond("bad", [status])
    result = await send(sender, sub)
    assert (result.outcome, result.status) == ("failed", status)
    assert str(status) in result.detail and len(result.detail) <= 200


async def test_redirect_is_not_success(sender: PushSender, receiver: PushReceiver) -> None:
    sub = subscribe(receiver, "moved")
    receiver.respond("moved", [307])
    result = await send(sender, sub)
    assert (result.outcome, result.status) == ("failed", 307)


async def test_connection_refused_is_retry(sender: PushSender) -> None:
    keys = BrowserKeys.generate()
    sub = Subscription(
        f"http://127.0.0.1:{closed_port()}/push/x", keys.p256dh_b64url, keys.auth_b64url
    )
    result = await send(sender, sub)
    assert (result.outcome, result.status) == ("retry", None)
    assert result.detail


async def test_endpoint_off_the_https_port_is_never_contacted(sender: PushSender) -> None:
    """A stored row that predates the check (or a changed allow-list) is refused
    by the sender itself: only the https port of a listed host is ever dialled."""
    connections = []
    listener = await asyncio.start_server(
        lambda r, w: connections.append(w.close()), "127.0.0.1", 0
    )
    port = listener.sockets[0].getsockname()[1]
    keys = BrowserKeys.generate()
    try:
        for endpoint in (f"https://127.0.0.1:{port}/push/x", f"https://evil.example:{port}/"):
            sub = Subscription(endpoint, keys.p256dh_b64url, keys.auth_b64url)
            result = await send(sender, sub)
            assert result.outcome == "failed" and "endpoint" in result.detail, endpoint
    finally:
        listener.close()
        await listener.wait_closed()
    assert connections == []


async def test_timeout_is_retry(
    session: aiohttp.ClientSession, key: VapidKey, receiver: PushReceiver
) -> None:
    sender = PushSender(session, key, SUBJECT, timeout_seconds=0.3, allowed_hosts=RECEIVER)
    sub = subscribe(receiver, "slow")
    receiver.respond("slow", [201], delay=2.0)
    result = await send(sender, sub)
    assert (result.outcome, result.status) == ("retry", None)


async def test_oversized_payload_fails_without_sending(
    sender: PushSender, receiver: PushReceiver
) -> None:
    sub = subscribe(receiver, "big")
    assert (await send(sender, sub, b"x" * MAX_PAYLOAD_BYTES)).outcome == "sent"
    result = await send(sender, sub, b"x" * (MAX_PAYLOAD_BYTES + 1))
    assert result.outcome == "failed" and "too large" in result.detail
    [got] = receiver.for_name("big")
    assert got.payload == b"x" * MAX_PAYLOAD_BYTES and len(got.body) <= 4096


async def test_broken_keys_fail_without_raising(sender: PushSender, receiver: PushReceiver) -> None:
    sub = Subscription(receiver.endpoint("x"), "AAAA", "AAAA")
    result = await send(sender, sub)
    assert result.outcome == "failed"
    assert receiver.received == []


async def test_bad_arguments_raise(sender: PushSender, receiver: PushReceiver) -> None:
    sub = subscribe(receiver, "x")
    with pytest.raises(ValueError, match="urgency"):
        await sender.send(sub, b"", ttl=1, urgency="urgent", topic=None)
    with pytest.raises(ValueError, match="ttl"):
        await sender.send(sub, b"", ttl=-1, urgency="low", topic=None)
    with pytest.raises(ValueError, match="subject"):
        PushSender(sender.session, sender.key, "admin@sifasuo.invalid")


async def test_claims_are_fresh_for_every_send(
    sender: PushSender, key: VapidKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pywebpush writes `aud`/`exp` into the claims dict: each send must get its own."""
    async with PushReceiver() as first, PushReceiver() as second:
        seen: list[dict[str, Any]] = []
        real = push_sender.webpush_async

        async def spy(**kwargs: Any) -> Any:
            claims = kwargs["vapid_claims"]
            seen.append(claims)
            try:
                return await real(**kwargs)
            finally:
                claims["aud"] = "https://polluted.invalid"  # what a later send must not see

        monkeypatch.setattr(push_sender, "webpush_async", spy)
        subs = [subscribe(first, "a"), subscribe(second, "b"), subscribe(first, "a")]
        results = [await send(sender, sub) for sub in subs]

        assert [r.outcome for r in results] == ["sent"] * 3
        assert len({id(c) for c in seen}) == 3
        got = first.for_name("a") + second.for_name("b")
        assert all(r.vapid_ok for r in got), [r.vapid_error for r in got]
        assert {r.vapid_claims["aud"] for r in got if r.vapid_claims} == {
            first.origin,
            second.origin,
        }
        assert {r.vapid_k for r in got} == {key.public_key_b64url}


async def test_concurrency_is_bounded(
    session: aiohttp.ClientSession, key: VapidKey, receiver: PushReceiver
) -> None:
    sender = PushSender(session, key, SUBJECT, max_in_flight=3, allowed_hosts=RECEIVER)
    sub = subscribe(receiver, "many")
    receiver.respond("many", [201] * 12, delay=0.05)
    results = await asyncio.gather(*(send(sender, sub, b"%d" % i) for i in range(12)))
    assert {r.outcome for r in results} == {"sent"}
    assert receiver.peak_in_flight == 3
    assert sorted(r.payload or b"" for r in receiver.received) == sorted(
        b"%d" % i for i in range(12)
    )


async def test_wait_for(sender: PushSender, receiver: PushReceiver) -> None:
    sub = subscribe(receiver, "w")
    task = asyncio.create_task(send(sender, sub, b"later"))
    [got] = await receiver.wait_for(1, name="w")
    assert got.payload == b"later"
    await task
    with pytest.raises(TimeoutError):
        await receiver.wait_for(2, timeout=0.1)


# ------------------------------------------------------------------ backoff


def test_backoff_is_exponential_with_full_jitter() -> None:
    top: Callable[[], float] = lambda: 1.0  # noqa: E731
    assert [backoff_delay(n, rng=top) for n in range(1, MAX_ATTEMPTS + 1)] == [
        30.0,
        60.0,
        120.0,
        240.0,
        480.0,
        960.0,
        1920.0,
        3600.0,
    ]
    assert backoff_delay(1000, rng=top) == 3600.0
    assert backoff_delay(3, rng=lambda: 0.0) == 0.0
    assert all(0 <= backoff_delay(4) < 240 for _ in range(100))
    with pytest.raises(ValueError):
        backoff_delay(0)


# ------------------------------------------------------------------ VAPID key


def test_key_file_is_private_and_stable(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = load_or_create_vapid_key(data_dir)
    path = data_dir / KEY_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_vapid_key(data_dir) == first
    assert path.read_text() == first.private_pem
    point = base64.urlsafe_b64decode(first.public_key_b64url + "=")
    assert len(point) == 65 and point[0] == 4 and "=" not in first.public_key_b64url
    assert "PRIVATE" not in repr(first)
    assert [p.name for p in data_dir.iterdir()] == [KEY_FILE_NAME]


def test_concurrent_first_starts_agree_on_one_key(tmp_path: Path) -> None:
    barrier = threading.Barrier(8)
    keys: list[VapidKey] = []

    def start() -> None:
        barrier.wait()
        keys.append(load_or_create_vapid_key(tmp_path))

    threads = [threading.Thread(target=start) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert os.listdir(tmp_path) == [KEY_FILE_NAME]


def test_key_file_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_link(src: object, dst: object) -> None:
        raise PermissionError("no hard links here")

    monkeypatch.setattr(os, "link", no_link)
    first = load_or_create_vapid_key(tmp_path)
    assert stat.S_IMODE((tmp_path / KEY_FILE_NAME).stat().st_mode) == 0o600
    assert load_or_create_vapid_key(tmp_path) == first
    assert os.listdir(tmp_path) == [KEY_FILE_NAME]


def test_unusable_key_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE_NAME).write_text(
        "-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----\n"
    )
    with pytest.raises(ValueError, match="cannot load the VAPID key"):
        load_or_create_vapid_key(tmp_path)


def test_claims(key: VapidKey) -> None:
    now = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    a = key.claims(SUBJECT, "https://fcm.googleapis.com:443/fcm/send/abc", now)
    b = key.claims(SUBJECT, "https://fcm.googleapis.com/fcm/send/abc", now)
    assert (
        a
        == b
        == {
            "sub": SUBJECT,
            "aud": "https://fcm.googleapis.com",
            "exp": int((now + timedelta(hours=12)).timestamp()),
        }
    )
    assert a is not b
    assert key.claims(SUBJECT, "http://127.0.0.1:8123/push/x", now)["aud"] == (
        "http://127.0.0.1:8123"
    )
    with pytest.raises(ValueError):
        key.claims(SUBJECT, "https://x.example/", datetime(2025, 3, 1))  # naive


# ------------------------------------------------------------------ validation

PUSH_HOSTS = ("fcm.googleapis.com", "updates.push.services.mozilla.com", "*.notify.windows.com")


@pytest.fixture(scope="module")
def browser() -> BrowserKeys:
    return BrowserKeys.generate()


def test_accepts_known_push_services(browser: BrowserKeys) -> None:
    p256dh, auth = browser.p256dh_b64url, browser.auth_b64url
    validate_subscription("https://fcm.googleapis.com/fcm/send/abc", p256dh, auth, PUSH_HOSTS)
    validate_subscription(
        "https://wns2-par02p.notify.windows.com/w/?token=x", p256dh, auth, PUSH_HOSTS
    )
    validate_subscription(  # the https port, written out
        "https://fcm.googleapis.com:443/fcm/send/abc", p256dh, auth, PUSH_HOSTS
    )
    validate_subscription(  # padded base64url is fine too
        "https://FCM.googleapis.com/fcm/send/abc", p256dh + "=", auth + "==", PUSH_HOSTS
    )
    validate_subscription(
        "http://127.0.0.1:8123/push/alice", p256dh, auth, (*PUSH_HOSTS, "127.0.0.1")
    )


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://169.254.169.254/",
        "http://169.254.169.254/latest/meta-data/",
        "https://localhost/",
        "http://127.0.0.1:8123/push/alice",
        "file:///etc/passwd",
        "https://evil.example.com/",
        "http://fcm.googleapis.com/fcm/send/abc",
        "https://user:pw@fcm.googleapis.com/fcm/send/abc",
        "https://fcm.googleapis.com@evil.example.com/",
        "https://evil.example.com\\@fcm.googleapis.com/",
        "https://fcm.googleapis.com.evil.example.com/",
        "https://notify.windows.com/",
        "https://evilnotify.windows.com/",
        "https://fcm.googleapis.com:99999/",
        "https://fcm.googleapis.com:8443/x",
        "https://fcm.googleapis.com:80/x",
        "https://fcm.googleapis.com:0443x/",
        "https://fcm.googleapis.com/ fcm",
        "//fcm.googleapis.com/fcm/send/abc",
        "fcm.googleapis.com/fcm/send/abc",
        "",
        "https://fcm.googleapis.com/" + "a" * 2048,
    ],
)
def test_refuses_endpoints(browser: BrowserKeys, endpoint: str) -> None:
    with pytest.raises(BadInput) as caught:
        validate_subscription(endpoint, browser.p256dh_b64url, browser.auth_b64url, PUSH_HOSTS)
    assert caught.value.field == "endpoint"


def test_loopback_http_only_when_listed_by_name(browser: BrowserKeys) -> None:
    p256dh, auth = browser.p256dh_b64url, browser.auth_b64url
    with pytest.raises(BadInput):  # https to localhost is no better when it is not listed
        validate_subscription("https://localhost/", p256dh, auth, ("127.0.0.1",))
    with pytest.raises(BadInput):  # http is for loopback only, even if listed
        validate_subscription("http://push.example.com/", p256dh, auth, ("push.example.com",))
    validate_subscription("http://localhost:9/p", p256dh, auth, ("localhost",))
    validate_subscription("http://[::1]:9/p", p256dh, auth, ("::1",))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("p256dh", "why"),
    [
        ("", "empty"),
        ("not base64!", "alphabet"),
        (_b64(b"\x04" + b"\x01" * 64), "not on the curve"),
        (_b64(b"\x04" + b"\x00" * 64), "not on the curve"),
        (_b64(b"\x02" + b"\x01" * 32), "compressed"),
        (_b64(b"\x05" + b"\x01" * 64), "bad prefix"),
        (_b64(b"\x04" + b"\x01" * 63), "short"),
    ],
)
def test_refuses_bad_p256dh(browser: BrowserKeys, p256dh: str, why: str) -> None:
    with pytest.raises(BadInput) as caught:
        validate_subscription(
            "https://fcm.googleapis.com/fcm/send/abc", p256dh, browser.auth_b64url, PUSH_HOSTS
        )
    assert caught.value.field == "p256dh", why


@pytest.mark.parametrize("auth", [_b64(b"\x01" * 15), _b64(b"\x01" * 17), "", "a+b/"])
def test_refuses_bad_auth(browser: BrowserKeys, auth: str) -> None:
    with pytest.raises(BadInput) as caught:
        validate_subscription(
            "https://fcm.googleapis.com/fcm/send/abc", browser.p256dh_b64url, auth, PUSH_HOSTS
        )
    assert caught.value.field == "auth"
