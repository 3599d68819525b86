"""Write path: submitCheckIn through the real app against the floor, in one run.

    .venv/bin/python -m bench.write_path [--seconds 10] [--clients 16]

One API process on SQLite (SIFASUO_RATE_LIMITS=off), 16 concurrent clients,
each a supervised person sending fresh clientIds; then the same load on
bench/floor_app.py over the same database. Prints throughput, p50/p99 and
the ratio app/floor (goal: at least 0.5); for scale, the ceiling (the same
mutation in Strawberry with nothing behind it, bench/write_ceiling.py) and
the app's server answering `{ __typename }` and `{ viewer { id } }`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import aiohttp

from bench.common import free_port, graphql_request, load_on_factory, run_load, server

MUTATION = """mutation($i: CheckInInput!) { submitCheckIn(input: $i) { id late } }"""


async def prepare(data_dir: Path, persons: int) -> list[str]:
    """A migrated database with `persons` activated supervised persons; their tokens."""
    from api.db import close_db, init_db, migrate
    from api.domain.accounts import activation, sign_in
    from api.domain.common.call import Call
    from api.domain.common.validators import resident_id_check_char
    from api.domain.corrections import enrolment
    from api.domain.seeding import SYSTEM, seed_demo
    from api.models.accounts import OrgUnit, User
    from api.models.enums import CorrectionType, SupervisionLevel
    from api.settings import Settings

    settings = Settings(data_dir=data_dir, argon2_time_cost=1, argon2_memory_cost=1024)
    await migrate(settings)
    await init_db(settings)
    try:
        call = Call(settings=settings, viewer=SYSTEM)
        await seed_demo(call)
        office = await OrgUnit.get(name="东关镇司法所")
        officer = await User.get(username="officer")
        officer_call = Call(
            settings=settings,
            viewer=sign_in.viewer_of(officer, office),
        )
        tokens = []
        for n in range(persons):
            first17 = f"11010119800101{n:03d}"
            enrolled = await enrolment.enroll_person(
                officer_call,
                full_name=f"测试{n}",
                id_number=first17 + resident_id_check_char(first17),
                phone=None,
                correction_type=CorrectionType.PROBATION,
                supervision_level=SupervisionLevel.NORMAL,
                term_start=date(2026, 1, 1),
                term_end=date(2028, 1, 1),
                org_unit_id=office.id,
                officer_id=officer.id,
                check_in_interval_days=None,
            )
            signed_in = await activation.activate_account(
                Call(settings=settings), enrolled.activation_code, f"bench{n}", "bench password 1"
            )
            tokens.append(signed_in.token)
        return tokens
    finally:
        await close_db()


def app_request(url: str, tokens: list[str]):  # type: ignore[no-untyped-def]
    async def request(session: aiohttp.ClientSession, n: int) -> bool:
        variables = {
            "i": {
                "clientId": str(uuid.uuid4()),
                "capturedAt": datetime.now(UTC).isoformat(),
                "latitude": 43.88,
                "longitude": 125.35,
            }
        }
        async with session.post(
            url,
            json={"query": MUTATION, "variables": variables},
            headers={"Authorization": f"Bearer {tokens[n]}"},
        ) as response:
            body = await response.json()
            return response.status == 200 and not body.get("errors")

    return request


# The stack's own ceiling on this machine: the cheapest GraphQL request, and
# the cheapest one that looks up its session.
CEILINGS = {"{ __typename }": "empty query", "{ viewer { id } }": "signed-in viewer"}


def floor_request(url: str, tokens: list[str]):  # type: ignore[no-untyped-def]
    async def request(session: aiohttp.ClientSession, n: int) -> bool:
        payload = {
            "clientId": str(uuid.uuid4()),
            "capturedAt": datetime.now(UTC).isoformat(),
            "latitude": 43.88,
            "longitude": 125.35,
        }
        async with session.post(
            url, json=payload, headers={"Authorization": f"Bearer {tokens[n]}"}
        ) as response:
            await response.read()
            return response.status == 200

    return request


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sifasuo-bench-") as data_dir:
        run(args, Path(data_dir))


def run(args: argparse.Namespace, data_dir: Path) -> None:
    tokens = asyncio.run(prepare(data_dir, args.clients))
    db_file = data_dir / "sifasuo.sqlite3"
    env = {
        "SIFASUO_DATA_DIR": str(data_dir),
        "SIFASUO_RATE_LIMITS": "off",
        "SIFASUO_ENV": "production",
        "SIFASUO_BENCH_DB": str(db_file),
    }
    port = free_port()
    app_cmd = [sys.executable, "-m", "api.cli", "serve", "--no-workers", "--port", str(port)]
    url = f"http://127.0.0.1:{port}/graphql"
    with server(app_cmd, env, port):
        app = asyncio.run(run_load(args.clients, args.seconds, app_request(url, tokens)))
        ceilings = {
            label: asyncio.run(
                run_load(
                    args.clients, args.seconds, graphql_request(url, query, tokens.__getitem__)
                )
            )
            for query, label in CEILINGS.items()
        }
    load = {"clients": args.clients, "seconds": args.seconds}
    floor = load_on_factory(
        "bench.floor_app:create", env, lambda base: floor_request(f"{base}/checkin", tokens), **load
    )
    ceiling = load_on_factory(
        "bench.write_ceiling:create",
        env,
        lambda base: app_request(f"{base}/graphql", tokens),
        **load,
    )
    print(f"write path: submitCheckIn, SQLite, {args.clients} clients, {args.seconds:.0f} s each")
    print(app.line("app (GraphQL)"))
    print(floor.line("floor (bare Starlette)"))
    print(f"ratio app/floor: {app.throughput / floor.throughput:.2f}  (goal >= 0.5)")
    print(
        ceiling.line("ceiling (Strawberry, nothing behind it)")
        + f"   {ceiling.throughput / floor.throughput:.2f}"
        + "  (the same mutation answered from memory: no Strawberry app can do better)"
    )
    for label, result in ceilings.items():
        print(result.line(f"  stack: {label}") + f"   {result.throughput / floor.throughput:.2f}")


if __name__ == "__main__":
    main()
