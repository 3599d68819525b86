"""Dashboard latency on a data set of bench/generate.py, in process.

    .venv/bin/python -m bench.dashboard --postgres-url postgres://…/db [--requests 30]
    .venv/bin/python -m bench.dashboard --data-dir /tmp/big10k

`dashboard` for `supervisor` (the correction centre: every office) and
`officer1`, sequential requests through the app (httpx ASGITransport);
prints p50/p99 (goal for the supervisor on PostgreSQL: p50 under 200 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

QUERY = """query { dashboard { activePersons overduePersons checkInsLast30Days
  onTimeRateLast30Days openDisputes highRiskDisputes disputesResolvedLast30Days
  pendingLegalAidRequests legalAidDecisionsOverdue } }"""


async def run(settings: object, requests: int) -> None:
    import httpx

    from api.app import create_app
    from api.db import close_db, init_db
    from api.domain.accounts import sign_in
    from api.domain.common.call import Call
    from api.models.accounts import User
    from api.settings import Settings

    assert isinstance(settings, Settings)
    await init_db(settings)
    try:
        app = create_app(settings, manage_db=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            for who in ("supervisor", "officer1"):
                user = await User.get(username=who)
                token = (await sign_in.open_session(Call(settings=settings), user)).token
                headers = {"Authorization": f"Bearer {token}"}
                times = []
                for n in range(requests + 2):
                    started = time.perf_counter()
                    response = await http.post("/graphql", json={"query": QUERY}, headers=headers)
                    if n >= 2:  # the first two warm caches
                        times.append(time.perf_counter() - started)
                    body = response.json()
                    assert not body.get("errors"), body
                times.sort()
                p50 = times[len(times) // 2] * 1000
                p99 = times[min(len(times) - 1, int(0.99 * len(times)))] * 1000
                figures = body["data"]["dashboard"]
                print(
                    f"{who:<12} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms   ({requests} requests)   "
                    f"active {figures['activePersons']} overdue {figures['overduePersons']} "
                    f"check-ins/30d {figures['checkInsLast30Days']}"
                )
    finally:
        await close_db()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=30)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data-dir", type=Path)
    where.add_argument("--postgres-url")
    args = parser.parse_args()

    from api.settings import Settings

    settings = (
        Settings(data_dir=args.data_dir, rate_limits_enabled=False)
        if args.data_dir
        else Settings(database_url=args.postgres_url, rate_limits_enabled=False)
    )
    asyncio.run(run(settings, args.requests))


if __name__ == "__main__":
    main()
