"""Read path: the officer's caseload page through the real app against the floor.

    .venv/bin/python -m bench.generate --data-dir /tmp/big10k --persons 10000
    .venv/bin/python -m bench.read_path --data-dir /tmp/big10k [--seconds 10] [--clients 8]
    .venv/bin/python -m bench.read_path --postgres-url postgres://…/db
    .venv/bin/python -m bench.read_path --temporary-postgres --persons 10000

On a data set of bench/generate.py: `supervisedPersons(first: 50)` with
officer, unit, last check-in, next due and overdue, for `officer1` (one
justice office) and `supervisor` (the correction centre: every office).
First in-process, counting the SQL statements of one request; then through
a server process (`sifasuo serve --no-workers`) and through
bench/read_floor.py (hand-written SQL, the same JSON), each under the same
load. Prints p50/p99, queries per request and the throughput ratio
app/floor (goal: at least 0.5).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp

from bench.common import free_port, graphql_request, run_load, server, uvicorn_cmd

QUERY = """query { supervisedPersons(first: 50) {
  totalCount pageInfo { hasNextPage }
  edges { node { id fullName officer { displayName } orgUnit { name }
                 lastCheckIn { capturedAt } nextCheckInDue overdue } } } }"""
WHO = ("officer1", "supervisor")
GENERATE = [sys.executable, "-m", "bench.generate"]


class _Counter(logging.Handler):
    """SQL statements Tortoise sends (its debug log), as tests/conftest.QueryCounter."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        first = record.getMessage().lstrip()[:6].upper()
        if first in ("SELECT", "INSERT", "UPDATE", "DELETE") or first.startswith("WITH"):
            self.count += 1


async def prepare(
    settings: Any,
) -> tuple[dict[str, str], dict[str, int], dict[str, Any]]:
    """Sessions for the two viewers; the statements one request of each costs
    and the page it answers (for bench/read_ceiling.py), by token."""
    import httpx

    from api.app import create_app
    from api.db import close_db, init_db
    from api.domain.accounts import sign_in
    from api.domain.common.call import Call
    from api.models.accounts import User

    await init_db(settings)
    try:
        tokens = {}
        for username in WHO:
            user = await User.get(username=username)
            tokens[username] = (await sign_in.open_session(Call(settings=settings), user)).token
        queries = {}
        pages = {}
        app = create_app(settings, manage_db=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            for username, token in tokens.items():
                headers = {"Authorization": f"Bearer {token}"}
                for _ in range(2):  # warm: the session's last-seen update is not per request
                    await http.post("/graphql", json={"query": QUERY}, headers=headers)
                counter = _Counter()
                log = logging.getLogger("tortoise.db_client")
                log.setLevel(logging.DEBUG)
                log.addHandler(counter)
                response = await http.post("/graphql", json={"query": QUERY}, headers=headers)
                log.removeHandler(counter)
                log.setLevel(logging.WARNING)
                body = response.json()
                assert not body.get("errors"), body
                queries[username] = counter.count
                pages[token] = body["data"]["supervisedPersons"]
        return tokens, queries, pages
    finally:
        await close_db()


def floor_request(url: str, token: str):  # type: ignore[no-untyped-def]
    async def request(session: aiohttp.ClientSession, n: int) -> bool:
        async with session.post(url, headers={"Authorization": f"Bearer {token}"}) as response:
            await response.read()
            return response.status == 200

    return request


async def _answers_the_page(url: str, token: str, page: Any) -> None:
    """The ceiling must answer the very JSON the app answered."""
    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": f"Bearer {token}"}
        async with session.post(url, json={"query": QUERY}, headers=headers) as response:
            body = await response.json()
    assert body == {"data": {"supervisedPersons": page}}, body


@contextlib.contextmanager
def _postgres(args: argparse.Namespace) -> Iterator[str | None]:
    if args.postgres_url:
        yield args.postgres_url
    elif args.temporary_postgres:
        from tests.pg_server import create_database, temporary_postgres

        with temporary_postgres() as root:
            url = create_database(root, f"sifasuo_bench_{uuid.uuid4().hex[:8]}")
            started = time.perf_counter()
            subprocess.run(
                [*GENERATE, "--postgres-url", url, "--persons", str(args.persons)],
                check=True,
            )
            print(f"  (generated in {time.perf_counter() - started:.1f} s)", file=sys.stderr)
            yield url
    else:
        yield None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data-dir", type=Path, help="SQLite data directory from bench.generate")
    where.add_argument("--postgres-url", help="PostgreSQL database from bench.generate")
    where.add_argument(
        "--temporary-postgres", action="store_true", help="start one, generate --persons into it"
    )
    parser.add_argument("--persons", type=int, default=10_000)
    args = parser.parse_args()

    from api.settings import Settings

    with _postgres(args) as pg_url:
        if pg_url:
            settings = Settings(database_url=pg_url, rate_limits_enabled=False)
            env = {"SIFASUO_DATABASE_URL": pg_url}
            kind = "PostgreSQL"
        else:
            settings = Settings(data_dir=args.data_dir, rate_limits_enabled=False)
            db_file = args.data_dir / "sifasuo.sqlite3"
            env = {"SIFASUO_DATA_DIR": str(args.data_dir), "SIFASUO_BENCH_DB": str(db_file)}
            kind = "SQLite"
        env |= {"SIFASUO_RATE_LIMITS": "off", "SIFASUO_ENV": "production"}
        tokens, queries, pages = asyncio.run(prepare(settings))
        results = {}
        port = free_port()
        app_cmd = [sys.executable, "-m", "api.cli", "serve", "--no-workers", "--port", str(port)]
        with server(app_cmd, env, port):
            for who, token in tokens.items():
                url = f"http://127.0.0.1:{port}/graphql"
                request = graphql_request(url, QUERY, lambda n, token=token: token)
                results[who, "app"] = asyncio.run(run_load(args.clients, args.seconds, request))
        port = free_port()
        with server(uvicorn_cmd("bench.read_floor:create", port, factory=True), env, port):
            for who, token in tokens.items():
                request = floor_request(f"http://127.0.0.1:{port}/caseload", token)
                results[who, "floor"] = asyncio.run(run_load(args.clients, args.seconds, request))
        with tempfile.NamedTemporaryFile("w", suffix=".json") as pages_file:
            json.dump(pages, pages_file)
            pages_file.flush()
            port = free_port()
            ceiling_env = env | {"SIFASUO_BENCH_PAGES": pages_file.name}
            ceiling_cmd = uvicorn_cmd("bench.read_ceiling:create", port, factory=True)
            with server(ceiling_cmd, ceiling_env, port):
                for who, token in tokens.items():
                    url = f"http://127.0.0.1:{port}/graphql"
                    asyncio.run(_answers_the_page(url, token, pages[token]))
                    request = graphql_request(url, QUERY, lambda n, token=token: token)
                    results[who, "ceiling"] = asyncio.run(
                        run_load(args.clients, args.seconds, request)
                    )
    print(
        f"read path: supervisedPersons(first: 50), {kind}, {args.clients} clients, "
        f"{args.seconds:.0f} s each"
    )
    for who in tokens:
        app, floor = results[who, "app"], results[who, "floor"]
        print(app.line(f"{who} app") + f"   {queries[who]} queries")
        print(floor.line(f"{who} floor"))
        ceiling = results[who, "ceiling"]
        print(ceiling.line(f"{who} ceiling"))
        print(f"  ratio app/floor {who}: {app.throughput / floor.throughput:.2f}  (goal >= 0.5)")
        print(
            f"  ratio ceiling/floor {who}: {ceiling.throughput / floor.throughput:.2f}"
            f"  (Strawberry answering the same page from memory: no app can do better)"
        )


if __name__ == "__main__":
    main()
