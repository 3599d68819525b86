"""The identity worker: compares check-in photos with the intake photo, and
deletes photos past their retention.

    worker = IdentityWorker(settings, clock)
    compared = await worker.run_once()   # claim, compare, record
    deleted = await worker.purge()       # the retention (identity.purge_expired)

The comparison is CPU work of a fraction of a second per photo (README.md,
"Identity at check-in"): it runs in a process of its own (a pool of one,
started on first use), so the event loop that serves requests in `sifasuo
serve` never waits for it. Any number of workers may run: each photo is
claimed by one at a time (identity.claim_pending).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from datetime import datetime

from api.domain.common.call import Call
from api.domain.corrections import faces, identity
from api.models.enums import FaceVerdict
from api.settings import Settings

log = logging.getLogger("sifasuo.workers.identity")

# Photos claimed at a time: about a second of work each in the pool of one.
BATCH = 4


def comparing_process() -> ProcessPoolExecutor:
    """One process for the comparisons, started clean (spawn), not forked
    from a process that runs an event loop and threads."""
    return ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=faces.warm_up
    )


class IdentityWorker:
    def __init__(
        self,
        settings: Settings,
        clock: Callable[[], datetime],
        *,
        executor: Executor | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self._executor = executor
        self._own_executor = executor is None

    def _call(self) -> Call:
        return Call(settings=self.settings, now=self.clock())

    @property
    def executor(self) -> Executor:
        if self._executor is None:
            self._executor = comparing_process()
        return self._executor

    def close(self) -> None:
        if self._own_executor and self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    async def run_once(self, batch: int = BATCH) -> int:
        """Compare up to `batch` waiting photos; how many verdicts were recorded."""
        claimed = await identity.claim_pending(self.clock(), batch)
        loop = asyncio.get_running_loop()
        recorded = 0
        for photo_id in claimed:
            try:
                material = await identity.material_for(self._call(), photo_id)
                if material is None:
                    continue
                result = await loop.run_in_executor(
                    self.executor, faces.compare, material.reference, material.probe
                )
            except Exception as exc:
                # A key that does not open the photo, the comparing process
                # gone: tried again after the claim runs out, and after the
                # last try the officer is told it could not be compared.
                log.exception("comparing the photo %s failed", photo_id)
                if isinstance(exc, BrokenExecutor):
                    self.close()
                if not await identity.tries_used(photo_id):
                    continue
                result = faces.Comparison(FaceVerdict.FAILED)
            if await identity.record_verdict(self._call(), photo_id, result):
                recorded += 1
        return recorded

    async def purge(self) -> int:
        return await identity.purge_expired(self._call())
