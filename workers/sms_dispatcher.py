"""The SMS dispatcher: claims due texts and sends them, as the push dispatcher does notices.

    dispatcher = SmsDispatcher(sender, clock, worker_id)
    report = await dispatcher.run_once(batch=50)

A text the provider took is SENT with its reference; flow control, the
provider's own trouble and the network are retried with the push backoff
(workers/push_sender.backoff_delay), at most MAX_ATTEMPTS sends; anything
else (a number the provider refuses) is FAILED at once.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from api.domain.notices import outbox
from api.models.enums import NotificationStatus
from api.models.sms import SmsMessage
from workers.dispatcher import DEFAULT_LEASE, DispatchReport
from workers.push_sender import MAX_ATTEMPTS, backoff_delay
from workers.sms_sender import SmsResult, SmsSender


class SmsDispatcher:
    def __init__(
        self,
        sender: SmsSender,
        clock: Callable[[], datetime],
        worker_id: str,
        *,
        lease: timedelta = DEFAULT_LEASE,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.sender = sender
        self.clock = clock
        self.worker_id = worker_id
        self.lease = lease
        self.rng = rng

    async def run_once(self, batch: int = 50) -> DispatchReport:
        ids = await outbox.claim_ids(
            "sms_message", self.worker_id, self.clock(), limit=batch, lease=self.lease
        )
        report = DispatchReport(claimed=len(ids))
        if not ids:
            return report
        texts = await SmsMessage.filter(id__in=ids).order_by("next_attempt_at", "id")
        for status in await asyncio.gather(*(self._send(t) for t in texts)):
            report.count(status)
        return report

    async def _send(self, text: SmsMessage) -> NotificationStatus:
        result: SmsResult = await self.sender.send(text.phone, text.text)
        attempts = text.attempts + 1
        now = self.clock()
        changes: dict[str, object] = {
            "attempts": attempts,
            "claimed_until": None,
            "last_error": result.detail,
        }
        if result.outcome == "sent":
            status = NotificationStatus.SENT
            changes.update(sent_at=now, provider_ref=result.provider_ref, last_error=None)
        elif result.outcome == "retry" and attempts < MAX_ATTEMPTS:
            status = NotificationStatus.PENDING
            delay = backoff_delay(attempts, rng=self.rng)
            changes["next_attempt_at"] = now + timedelta(seconds=delay)
        else:
            status = NotificationStatus.FAILED
        changes["status"] = status
        # Only the current claimer writes (see outbox.record_outcome).
        await SmsMessage.filter(
            id=text.id, status=NotificationStatus.SENDING, claimed_by=self.worker_id
        ).update(**changes)
        return status
