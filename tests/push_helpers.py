"""Shared pieces of the push tests: a device at the local receiver, a dispatcher, a clock."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp

from api.domain.common.call import Call
from api.domain.notices.push_keys import VapidKeyring
from api.domain.notices.subscriptions import register_subscription
from api.models.accounts import User
from api.models.notifications import Notification, PushSubscription
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
    from api.domain.accounts import sign_in

    keys = BrowserKeys.generate()
    receiver.register(name, keys)
    call = Call(settings=settings, viewer=sign_in.viewer_of(user, None), now=when)
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
    sender = PushSender(
        session,
        key,
        settings.vapid_subject,
        timeout_seconds=5,
        allowed_hosts=settings.push_allowed_hosts,
    )
    # rng pinned to the top of the jitter range so retry times are exact.
    return Dispatcher(sender, clock, worker, rng=lambda: 1.0)


def payload_of(got: Received) -> dict[str, Any]:
    assert got.payload is not None, got.decrypt_error
    body: dict[str, Any] = json.loads(got.payload)
    return body


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


async def seed_fanout(
    settings: Settings, receiver: PushReceiver, notices_count: int, *, recipients: int = 10
) -> list[int]:
    """`recipients` officers with one device each at the receiver, and `notices_count`
    staff alerts spread over them, queued through the outbox writer; their ids."""
    from api.domain.notices import notices
    from api.models.enums import Role

    when = datetime.now(UTC)
    users = []
    for n in range(recipients):
        user = await User.create(
            username=f"fanout{n}",
            display_name=f"Fanout {n}",
            role=Role.OFFICER,
            password_hash="-",  # never signs in
        )
        await add_device(settings, receiver, user, f"fanout{n}", when=when)
        users.append(user)
    call = Call(settings=settings, now=when)
    for subject in range(notices_count // recipients + 1):
        chosen = users[: min(recipients, notices_count - subject * recipients)]
        if chosen:
            await notices.enqueue(
                call,
                chosen,
                "checkin.overdue",
                subject_type="SupervisedPerson",
                subject_id=subject,
                period="fanout",
                url=f"/#/person/{subject}",
                params={"name": f"P{subject}"},
                alert=True,
            )
    ids: list[int] = await Notification.all().values_list("id", flat=True)  # type: ignore[assignment]
    return ids


def worker_env(settings: Settings) -> dict[str, str]:
    """The environment of a `sifasuo worker` process on the same database as the test."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("SIFASUO_")}
    env.update(
        {
            "SIFASUO_DATABASE_URL": settings.resolved_database_url,
            "SIFASUO_DATA_DIR": str(settings.data_dir),
            "SIFASUO_PUSH_ALLOWED_HOSTS": "127.0.0.1",
        }
    )
    return env
