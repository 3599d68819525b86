"""Scale-out on PostgreSQL: 2 API processes and 2 worker processes under load.

Check-ins and legal-aid decisions arrive at both API processes at once; the
notices they cause are sent by two `sifasuo worker` processes to a local push
receiver. Nothing acknowledged is lost, and no notice is sent twice. The
sign-in lockout holds when one burst of guesses reaches both API processes.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.pg_server import create_database
from tests.push_helpers import payload_of
from tests.push_receiver import BrowserKeys, PushReceiver

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "sifasuo-demo-2026"
CHECK_INS = 60
REQUESTS = 20


def _daytime_zone() -> str:
    """A zone where it is midday now, so notices to the public skip quiet hours."""
    offset = (12 - datetime.now(UTC).hour) % 24
    offset = offset - 24 if offset > 12 else offset
    return f"Etc/GMT{-offset:+d}" if offset else "UTC"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Api:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body: dict[str, Any] = response.json()
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def login(self, username: str) -> str:
        data = await self(
            "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
            {"u": username, "p": PASSWORD},
        )
        token: str = data["login"]["token"]
        return token


@pytest.fixture
async def cluster(
    postgres_server: str, tmp_path: Path
) -> AsyncIterator[tuple[Api, str, PushReceiver]]:
    url = create_database(postgres_server, f"sifasuo_scale_{uuid.uuid4().hex[:8]}")
    port = _free_port()
    env = {
        **os.environ,
        "SIFASUO_DATABASE_URL": url,
        "SIFASUO_DATA_DIR": str(tmp_path),
        "SIFASUO_RATE_LIMITS": "off",
        "SIFASUO_PUSH_ALLOWED_HOSTS": "127.0.0.1",
        "SIFASUO_TIMEZONE": _daytime_zone(),
    }
    cli = [sys.executable, "-m", "api.cli"]
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run([*cli, *command], env=env, cwd=ROOT, check=True, capture_output=True)
    async with PushReceiver() as receiver:
        procs = [
            await asyncio.create_subprocess_exec(
                *cli,
                "serve",
                "--processes",
                "2",
                "--no-workers",
                "--port",
                str(port),
                env=env,
                cwd=ROOT,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            ),
            *[
                await asyncio.create_subprocess_exec(
                    *cli,
                    "worker",
                    "--worker-id",
                    f"w{n}",
                    env=env,
                    cwd=ROOT,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.DEVNULL,
                )
                for n in (1, 2)
            ],
        ]
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
                for _ in range(150):
                    try:
                        if (await http.get("/healthz")).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    await asyncio.sleep(0.2)
                yield Api(http), url, receiver
            # Every process lived through the load.
            assert [proc.returncode for proc in procs] == [None, None, None]
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                await proc.wait()


async def _subscribe(api: Api, receiver: PushReceiver, token: str, name: str) -> None:
    keys = BrowserKeys.generate()
    receiver.register(name, keys)
    await api(
        """mutation($i: PushSubscriptionInput!) { registerPushSubscription(input: $i) { id } }""",
        {
            "i": {
                "endpoint": receiver.endpoint(name),
                "p256dh": keys.p256dh_b64url,
                "auth": keys.auth_b64url,
            }
        },
        token,
    )


SUBMIT = "mutation($i: CheckInInput!) { submitCheckIn(input: $i) { id clientId } }"
REVIEW = (
    'mutation($id: ID!) { reviewCheckIn(id: $id, status: REJECTED, note: "照片不清楚") { id } }'
)
APPLY = "mutation($i: LegalAidRequestInput!) { submitLegalAidRequest(input: $i) { id } }"
DECIDE = (
    'mutation($id: ID!) { decideLegalAidRequest(id: $id, approve: true, reason: "符合条件") '
    "{ id } }"
)


async def test_two_api_and_two_worker_processes(cluster: tuple[Api, str, PushReceiver]) -> None:
    api, url, receiver = cluster
    person, officer, applicant, staff = [
        await api.login(u) for u in ("person", "officer", "applicant", "legalaid")
    ]
    await _subscribe(api, receiver, person, "person")
    await _subscribe(api, receiver, applicant, "applicant")
    centre = (await api("{ legalAidCenters { id } }", token=applicant))["legalAidCenters"][0]["id"]

    limit = asyncio.Semaphore(8)
    acknowledged: dict[str, str] = {}

    async def check_in(n: int) -> None:
        client_id = str(uuid.uuid4())
        variables = {"i": {"clientId": client_id, "capturedAt": datetime.now(UTC).isoformat()}}
        async with limit:
            first = await api(SUBMIT, variables, person)
            # Every fifth is sent again, as a phone does when a response is lost.
            replay = await api(SUBMIT, variables, person) if n % 5 == 0 else first
        assert replay["submitCheckIn"]["id"] == first["submitCheckIn"]["id"]
        acknowledged[client_id] = first["submitCheckIn"]["id"]
        if n % 2 == 0:
            async with limit:
                await api(REVIEW, {"id": first["submitCheckIn"]["id"]}, officer)

    async def legal_aid(n: int) -> None:
        request = {
            "clientId": str(uuid.uuid4()),
            "applicantName": "孙丽",
            "applicantPhone": "13800138000",
            "matter": "WAGE_ARREARS",
            "specialGroups": ["MIGRANT_WORKER"],
            "description": f"拖欠工资 {n}",
            "householdSize": 3,
            "monthlyHouseholdIncome": "3000.00",
            "orgUnitId": centre,
        }
        async with limit:
            made = await api(APPLY, {"i": request}, applicant)
        async with limit:
            await api(DECIDE, {"id": made["submitLegalAidRequest"]["id"]}, staff)

    await asyncio.gather(
        *(check_in(n) for n in range(CHECK_INS)), *(legal_aid(n) for n in range(REQUESTS))
    )

    conn = await asyncpg.connect(url)
    try:
        stored = await conn.fetch(
            "SELECT client_id, COUNT(*) AS n FROM check_in WHERE client_id = ANY($1::text[]) "
            "GROUP BY client_id",
            list(acknowledged),
        )
        assert len(stored) == CHECK_INS and all(row["n"] == 1 for row in stored)
        for _ in range(300):
            waiting = await conn.fetchval(
                "SELECT COUNT(*) FROM notification WHERE status IN ('PENDING', 'SENDING') "
                "AND not_before <= now()"
            )
            if waiting == 0:
                break
            await asyncio.sleep(0.2)
        assert waiting == 0
        sent = await conn.fetchval("SELECT COUNT(*) FROM notification WHERE status = 'SENT'")
        workers = await conn.fetch(
            "SELECT claimed_by, COUNT(*) AS n FROM notification WHERE status = 'SENT' "
            "GROUP BY claimed_by"
        )
    finally:
        await conn.close()

    ids = Counter(payload_of(r)["id"] for r in receiver.received)
    assert ids and max(ids.values()) == 1, "a notice was sent twice"
    assert sum(ids.values()) == sent
    # 30 rejected check-ins to the person, 20 decisions (and the submissions) to the applicant.
    assert sent >= CHECK_INS // 2 + REQUESTS
    by_worker = {row["claimed_by"]: row["n"] for row in workers}
    print(f"notices sent {sent}, by worker: {by_worker}")


LOGIN = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"


async def test_lockout_holds_across_api_processes(cluster: tuple[Api, str, PushReceiver]) -> None:
    """30 guesses at once, spread over both API processes: 5 are checked."""
    api, url, _ = cluster

    async def attempt(password: str) -> str:
        response = await api.http.post(
            "/graphql", json={"query": LOGIN, "variables": {"u": "officer", "p": password}}
        )
        body = response.json()
        return "OK" if body.get("data") else str(body["errors"][0]["extensions"]["code"])

    codes = await asyncio.gather(*(attempt(f"guess number {n}") for n in range(30)))
    assert codes.count("UNAUTHENTICATED") == 5
    assert codes.count("RATE_LIMITED") == 25
    guesses = [f"guess number {n}" for n in range(30, 59)]
    guesses.insert(13, PASSWORD)
    assert set(await asyncio.gather(*(attempt(p) for p in guesses))) == {"RATE_LIMITED"}
    conn = await asyncpg.connect(url)
    try:
        checked = await conn.fetchval(
            "SELECT COUNT(*) FROM audit_entry WHERE action = 'auth.login' AND outcome = 'failed'"
        )
    finally:
        await conn.close()
    assert checked == 5
