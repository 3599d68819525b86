"""Shared pieces of the push tests: a device at the local receiver, a dispatcher, a clock."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp

from api.domain.call import Call
from api.domain.push_keys import VapidKeyring
from api.domain.subscriptions import register_subscription
from api.models.accounts import User
from api.models.notifications import PushSubscription
from api.settings import Settings
from tests.push_receiver import BrowserKeys, PushReceiver, Received
from workers.dispatcher import Dispatcher
from workers.push_sender import PushSender


@dataclass
class Clock:
    """A clock the test moves by hand."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


async def add_device(
    settings: Settings, receiver: PushReceiver, user: User, name: str, *, when: datetime
) -> PushSubscription:
    """A browser of `user` subscribed at the receiver under `name`, stored via the domain."""
    from api.domain import accounts

    keys = BrowserKeys.generate()
    receiver.register(name, keys)
    call = Call(settings=settings, viewer=accounts.viewer_of(user, None), now=when)
    return await register_subscription(
        call,
        endpoint=receiver.endpoint(name),
        p256dh=keys.p256dh_b64url,
        auth=keys.auth_b64url,
        expiration_time=None,
    )


def make_dispatcher(
    settings: Settings, session: aiohttp.ClientSession, clock: Clock, worker: str = "test:1"
) -> Dispatcher:
    # The sender signs with real time: the receiver checks `exp` against it.
    key = VapidKeyring(settings.data_dir).load()
    sender = PushSender(session, key, settings.vapid_subject, timeout_seconds=5)
    # rng pinned to the top of the jitter range so retry times are exact.
    return Dispatcher(sender, clock, worker, rng=lambda: 1.0)


def payload_of(got: Received) -> dict[str, Any]:
    assert got.payload is not None, got.decrypt_error
    body: dict[str, Any] = json.loads(got.payload)
    return body


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]
