"""The reminder scheduler: every minute, queue what has come due.

The rules are in `api.domain.notices.reminders`; this only runs them with
the time from an injected clock, so tests move time instead of sleeping. Several
schedulers (one per worker process) may run at once: the outbox's unique
dedupe key queues each reminder once however many look.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from api.domain.common.call import Call
from api.domain.notices import reminders
from api.settings import Settings

TICK_SECONDS = 60.0


class Scheduler:
    def __init__(self, settings: Settings, clock: Callable[[], datetime]) -> None:
        self.settings = settings
        self.clock = clock

    async def tick(self) -> dict[str, int]:
        """Run every reminder rule once at the clock's time; new notices per rule."""
        return await reminders.queue_due_reminders(Call(settings=self.settings, now=self.clock()))
