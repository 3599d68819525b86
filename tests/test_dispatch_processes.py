"""Several `sifasuo worker` processes draining one outbox: every notice delivered exactly once."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter

from api.models.notifications import Notification
from api.settings import Settings
from tests.push_helpers import payload_of, seed_fanout, worker_env
from tests.push_receiver import PushReceiver

NOTICES = 1000
PROCESSES = 3


async def test_three_worker_processes_deliver_each_notice_once(db: Settings) -> None:
    async with PushReceiver() as receiver:
        ids = await seed_fanout(db, receiver, NOTICES)
        assert len(ids) == NOTICES
        procs = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "api.cli",
                "worker",
                "--once-until-empty",
                "--no-scheduler",
                "--batch",
                "25",
                env=worker_env(db),
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for _ in range(PROCESSES)
        ]
        # The receiver answers in this process's event loop while they run.
        outputs = await asyncio.wait_for(
            asyncio.gather(*(p.communicate() for p in procs)), timeout=120
        )
        for proc, (_, err) in zip(procs, outputs, strict=True):
            assert proc.returncode == 0, err.decode()[-2000:]

        got = receiver.received
        sent_ids = [payload_of(r)["id"] for r in got]
        assert len(got) == NOTICES
        assert len(set(sent_ids)) == NOTICES
        assert set(sent_ids) == {str(i) for i in ids}
        assert all(r.vapid_ok for r in got), {r.vapid_error for r in got}
        rows = await Notification.all().values_list("status", "claimed_by")
        assert Counter(status for status, _ in rows) == {"SENT": NOTICES}
        claimers = Counter(by for _, by in rows)
        print(f"{db.resolved_database_url.split(':')[0]}: notices per worker {dict(claimers)}")
