"""Push fan-out: notices per second from `sifasuo worker` processes to a local push service.

    .venv/bin/python -m bench.push_fanout                      # 1 process, SQLite
    .venv/bin/python -m bench.push_fanout --postgres-url postgresql://postgres@127.0.0.1:5432/postgres

Queues N staff alerts (one device per recipient) through the outbox writer,
starts the workers as real processes (`sifasuo worker --once-until-empty`)
against the local receiver in tests/push_receiver.py, which decrypts every
push and checks its VAPID signature, and prints two rates: from the
processes' start to the last push (start-up included) and from the first
push to the last (the steady sending rate).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from pathlib import Path

from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from api.db import close_db, migrate, tortoise_config
from api.settings import Settings
from tests.push_helpers import seed_fanout, worker_env
from tests.push_receiver import PushReceiver


async def run(settings: Settings, notices: int, processes: int, concurrency: int) -> None:
    await migrate(settings)
    await Tortoise.init(config=tortoise_config(settings))
    try:
        async with PushReceiver() as receiver:
            await seed_fanout(settings, receiver, notices, recipients=50)
            started = time.monotonic()
            procs = [
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "api.cli",
                    "worker",
                    "--once-until-empty",
                    "--no-scheduler",
                    "--concurrency",
                    str(concurrency),
                    env=worker_env(settings),
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.PIPE,
                )
                for _ in range(processes)
            ]
            outputs = await asyncio.gather(*(p.communicate() for p in procs))
            for proc, (_, err) in zip(procs, outputs, strict=True):
                if proc.returncode:
                    raise SystemExit(err.decode()[-2000:])
            got = receiver.received
            ok = sum(1 for r in got if r.vapid_ok and r.payload)
            first, last = got[0].at, got[-1].at
            kind = "SQLite" if settings.is_sqlite else "PostgreSQL"
            print(
                f"{kind}, {processes} process(es), {concurrency} in flight each: "
                f"{len(got)} pushes ({ok} decrypted and VAPID-verified); "
                f"{len(got) / (last - started):.0f} notices/s incl. start-up, "
                f"{len(got) / max(last - first, 1e-9):.0f} notices/s sending"
            )
            if len(got) != notices or len({r.payload for r in got}) != notices:
                raise SystemExit("not every notice arrived exactly once")
    finally:
        await close_db()
        # Tortoise caches built SQL per connection name, not per dialect: the
        # PostgreSQL run must not get the SQLite run's statements.
        EXECUTOR_CACHE.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--postgres-url", help="a PostgreSQL server: also run 3 processes there")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="sifasuo-bench-"))
    base = Settings(data_dir=data_dir, push_allowed_hosts=("127.0.0.1",))
    asyncio.run(run(base, args.notices, 1, args.concurrency))
    if args.postgres_url:
        from tests.pg_server import create_database

        for processes in (1, 3):  # a fresh database for each run
            url = create_database(args.postgres_url, f"sifasuo_bench_{uuid.uuid4().hex[:8]}")
            pg = base.with_(database_url=url)
            asyncio.run(run(pg, args.notices, processes, args.concurrency))


if __name__ == "__main__":
    main()
