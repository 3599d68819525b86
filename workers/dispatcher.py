"""The push dispatcher: claims due notices from the outbox and sends them.

    dispatcher = Dispatcher(sender, clock, worker_id)
    report = await dispatcher.run_once(batch=100)

Per notice, every device of the recipient gets the push at once (the sender
bounds how many are in flight over its one shared session). Then, per
device: 2xx delivered; 404/410 the browser dropped the subscription, so it
is deleted; 429/5xx/network trouble is retried with exponential backoff and
jitter, never sooner than the push service's Retry-After, at most
MAX_ATTEMPTS sends in all. A notice is SENT when at least one device took
it, NO_DEVICE when the recipient has none (left), FAILED when no device can
take it or the tries are used up. Then, when SMS is on, it may also go as a
text (api/domain/notices/sms.py; workers/sms_dispatcher.py sends those).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from api.domain.notices import outbox, sms, subscriptions
from api.models.enums import NotificationStatus
from api.models.notifications import Notification, PushSubscription
from api.settings import Settings
from workers.push_sender import (
    MAX_ATTEMPTS,
    URGENCIES,
    PushSender,
    SendResult,
    Subscription,
    next_retry_delay,
)

# Longer than a batch takes even when every send runs into its timeout, so a
# live dispatcher never loses its claim; a dead one's rows wait this long.
DEFAULT_LEASE = timedelta(minutes=5)


@dataclass
class DispatchReport:
    """What one `run_once` did, by final status of the notices it claimed."""

    claimed: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    def count(self, status: NotificationStatus) -> None:
        self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1


class Dispatcher:
    def __init__(
        self,
        sender: PushSender,
        clock: Callable[[], datetime],
        worker_id: str,
        *,
        lease: timedelta = DEFAULT_LEASE,
        rng: Callable[[], float] = random.random,
        sms_settings: Settings | None = None,
    ) -> None:
        self.sender = sender
        self.clock = clock
        self.worker_id = worker_id
        self.lease = lease
        self.rng = rng
        # With settings that name an SMS provider, a notice push could not
        # deliver (or one that must arrive) is offered as a text once its push
        # is done (api/domain/notices/sms.py).
        self.sms_settings = sms_settings

    async def run_once(self, batch: int = 100) -> DispatchReport:
        """Claim up to `batch` due notices, send them, record each outcome."""
        notices = await outbox.claim_due(
            self.worker_id, self.clock(), limit=batch, lease=self.lease
        )
        report = DispatchReport(claimed=len(notices))
        if not notices:
            return report
        devices = await subscriptions.devices_of(n.recipient_id for n in notices)
        statuses = await asyncio.gather(
            *(self._deliver(n, devices[n.recipient_id]) for n in notices)
        )
        for status in statuses:
            report.count(status)
        if self.sms_settings is not None:
            now = self.clock()
            for notice, status in zip(notices, statuses, strict=True):
                if status is not NotificationStatus.PENDING:
                    await sms.offer(self.sms_settings, notice, status, now)
        return report

    async def _deliver(
        self, notice: Notification, devices: Sequence[PushSubscription]
    ) -> NotificationStatus:
        attempts = notice.attempts + 1
        if not devices:
            await self._finish(notice, NotificationStatus.NO_DEVICE, notice.attempts)
            return NotificationStatus.NO_DEVICE
        body = outbox.payload(notice)
        urgency = notice.urgency if notice.urgency in URGENCIES else "normal"
        results: list[SendResult] = await asyncio.gather(
            *(
                self.sender.send(
                    Subscription(d.endpoint, d.p256dh, d.auth),
                    body,
                    ttl=notice.ttl_seconds,
                    urgency=urgency,
                    topic=notice.topic,
                )
                for d in devices
            )
        )
        now = self.clock()
        by_outcome: dict[str, list[tuple[PushSubscription, SendResult]]] = {}
        for device, result in zip(devices, results, strict=True):
            by_outcome.setdefault(result.outcome, []).append((device, result))
        sent = by_outcome.get("sent", [])
        gone = by_outcome.get("gone", [])
        retry = by_outcome.get("retry", [])
        failed = by_outcome.get("failed", [])
        await subscriptions.forget_gone([d.id for d, _ in gone])
        await subscriptions.mark_delivered([d.id for d, _ in sent], now)

        if sent:
            status = NotificationStatus.SENT
            await self._finish(notice, status, attempts, sent[0][1], sent_at=now)
        elif retry and attempts < MAX_ATTEMPTS:
            # The longest wait any device's push service asked for.
            delay = max(next_retry_delay(r, attempts, rng=self.rng) for _, r in retry)
            status = NotificationStatus.PENDING
            await self._finish(
                notice, status, attempts, retry[0][1], next_at=now + timedelta(seconds=delay)
            )
        elif len(gone) == len(devices):
            # Every device had dropped its subscription: nobody left to tell.
            status = NotificationStatus.NO_DEVICE
            await self._finish(notice, status, attempts, gone[0][1])
        else:
            status = NotificationStatus.FAILED
            worst = (retry or failed or gone)[0][1]
            await self._finish(notice, status, attempts, worst)
        return status

    async def _finish(
        self,
        notice: Notification,
        status: NotificationStatus,
        attempts: int,
        result: SendResult | None = None,
        *,
        sent_at: datetime | None = None,
        next_at: datetime | None = None,
    ) -> None:
        await outbox.record_outcome(
            notice.id,
            self.worker_id,
            status=status,
            attempts=attempts,
            next_attempt_at=next_at,
            sent_at=sent_at,
            last_status=result.status if result else None,
            last_error=None if result is None or result.outcome == "sent" else result.detail,
        )
