"""Running the scheduler and the dispatcher: inside `sifasuo serve` or as `sifasuo worker`.

`run_workers` owns one aiohttp session for all sends and runs until `stop`
is set (or, with `until_empty`, until nothing is left to claim). The
database is the only state shared between processes, so any number of
workers may run side by side, each with its own worker id.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime

import aiohttp

from api.domain.notices.push_keys import VapidKeyring
from api.settings import Settings
from workers.dispatcher import Dispatcher
from workers.identity import IdentityWorker
from workers.push_sender import PushSender
from workers.scheduler import TICK_SECONDS, Scheduler
from workers.sms_dispatcher import SmsDispatcher
from workers.sms_sender import AliyunCredentials, AliyunSms, ConsoleSms, SmsSender

log = logging.getLogger("sifasuo.workers")

# How long the dispatcher waits before looking again when it found less
# than a full batch: reminders are not that urgent, alerts go out within it.
POLL_SECONDS = 1.0
SEND_TIMEOUT_SECONDS = 10.0
# After an unexpected error (the database away), wait this long and go on.
ERROR_PAUSE_SECONDS = 5.0
# Check-in photos wait for their face comparison at most about this long.
IDENTITY_POLL_SECONDS = 2.0
# The photos' retention is counted in days: an hourly look is soon enough.
PURGE_EVERY_SECONDS = 3600.0


def utcnow() -> datetime:
    return datetime.now(UTC)


def default_worker_id() -> str:
    """hostname:pid — unique among the processes sharing one database."""
    return f"{socket.gethostname()}:{os.getpid()}"[-64:]


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    """Sleep `seconds` unless `stop` is set first."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def run_scheduler(
    scheduler: Scheduler, stop: asyncio.Event, *, interval: float = TICK_SECONDS
) -> None:
    while not stop.is_set():
        try:
            counts = await scheduler.tick()
            if any(counts.values()):
                log.info("reminders queued: %s", {k: v for k, v in counts.items() if v})
        except Exception:
            log.exception("reminder tick failed")
        await _pause(stop, interval)


async def run_dispatcher(
    dispatcher: Dispatcher | SmsDispatcher,
    stop: asyncio.Event,
    *,
    batch: int = 100,
    poll: float = POLL_SECONDS,
    until_empty: bool = False,
) -> int:
    """Dispatch until stopped (or, `until_empty`, until a claim finds nothing); notices claimed."""
    total = 0
    while not stop.is_set():
        try:
            report = await dispatcher.run_once(batch)
        except Exception:
            log.exception("dispatch failed")
            await _pause(stop, ERROR_PAUSE_SECONDS)
            continue
        total += report.claimed
        if report.claimed:
            log.debug("dispatched %s", report.statuses)
        if report.claimed == 0 and until_empty:
            break
        if report.claimed < batch:
            await _pause(stop, poll)
    return total


def sms_sender_for(settings: Settings, session: aiohttp.ClientSession) -> SmsSender | None:
    """The text-message sender the settings name, or None when SMS is off."""
    if settings.sms_provider == "aliyun":
        credentials = AliyunCredentials(
            access_key_id=settings.sms_access_key_id,
            access_key_secret=settings.sms_access_key_secret,
            sign_name=settings.sms_sign_name,
            template_code=settings.sms_template_code,
            endpoint=settings.sms_endpoint,
        )
        return AliyunSms(session, credentials, timeout_seconds=SEND_TIMEOUT_SECONDS)
    if settings.sms_provider == "console":
        return ConsoleSms(log.warning)
    return None


async def run_identity(
    worker: IdentityWorker,
    stop: asyncio.Event,
    *,
    poll: float = IDENTITY_POLL_SECONDS,
    until_empty: bool = False,
) -> int:
    """Compare until stopped (or, `until_empty`, until nothing waits); purge
    hourly (and once with `until_empty`). Returns the verdicts recorded."""
    total = 0
    next_purge = 0.0
    loop = asyncio.get_running_loop()
    try:
        while not stop.is_set():
            try:
                if loop.time() >= next_purge:
                    deleted = await worker.purge()
                    if deleted:
                        log.info("photos deleted after their retention: %s", deleted)
                    next_purge = loop.time() + PURGE_EVERY_SECONDS
                done = await worker.run_once()
            except Exception:
                log.exception("identity check failed")
                await _pause(stop, ERROR_PAUSE_SECONDS)
                continue
            total += done
            if done == 0:
                if until_empty:
                    break
                await _pause(stop, poll)
    finally:
        worker.close()
    return total


async def run_workers(
    settings: Settings,
    keyring: VapidKeyring,
    stop: asyncio.Event,
    *,
    worker_id: str | None = None,
    scheduler: bool = True,
    dispatcher: bool = True,
    identity: bool = True,
    until_empty: bool = False,
    batch: int = 100,
    max_in_flight: int = 32,
    poll: float = POLL_SECONDS,
    clock: Callable[[], datetime] = utcnow,
) -> int:
    """Run the scheduler, the dispatcher and/or the identity worker; returns
    how many notices were claimed.

    With `until_empty` the scheduler ticks once, then the dispatcher drains
    what is due, the identity worker compares what waits, and the call
    returns (for `sifasuo worker --once-until-empty`).
    """
    wid = worker_id or default_worker_id()
    sched = Scheduler(settings, clock)
    if until_empty and scheduler:
        await sched.tick()
    tasks: list[asyncio.Task[object]] = []
    connector = aiohttp.TCPConnector(limit=max_in_flight)
    async with aiohttp.ClientSession(connector=connector) as session:
        sender = PushSender(
            session,
            keyring.load(),
            settings.vapid_subject,
            max_in_flight=max_in_flight,
            timeout_seconds=SEND_TIMEOUT_SECONDS,
            allowed_hosts=settings.push_allowed_hosts,
        )
        texts = sms_sender_for(settings, session)
        if dispatcher:
            push = Dispatcher(
                sender, clock, wid, sms_settings=settings if texts is not None else None
            )
            sms_dispatcher = SmsDispatcher(texts, clock, wid) if texts is not None else None

            async def dispatch() -> int:
                claimed = await run_dispatcher(
                    push, stop, batch=batch, poll=poll, until_empty=until_empty
                )
                if sms_dispatcher is not None and until_empty:
                    # Draining: the texts the notices just offered go out after them.
                    await run_dispatcher(sms_dispatcher, stop, batch=batch, until_empty=True)
                return claimed

            tasks.append(asyncio.create_task(dispatch(), name=f"dispatcher {wid}"))
            if sms_dispatcher is not None and not until_empty:
                tasks.append(
                    asyncio.create_task(
                        run_dispatcher(sms_dispatcher, stop, batch=batch, poll=poll),
                        name=f"sms dispatcher {wid}",
                    )
                )
        if identity:
            tasks.append(
                asyncio.create_task(
                    run_identity(IdentityWorker(settings, clock), stop, until_empty=until_empty),
                    name="identity",
                )
            )
        if scheduler and not until_empty:
            tasks.append(asyncio.create_task(run_scheduler(sched, stop), name="scheduler"))
        log.info("workers started as %s: %s", wid, [t.get_name() for t in tasks])
        try:
            results = await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    claimed = results[0] if dispatcher else 0
    return int(claimed)  # type: ignore[call-overload]
