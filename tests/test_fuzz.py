"""Schemathesis fuzzes every query and mutation of the served schema, as a
signed-in ADMIN (with two-step sign-in enrolled) and OFFICER, against a real
server on each database: no 5xx and no INTERNAL_SERVER_ERROR, whatever the input.

The server runs with SIFASUO_ENV=development for this test only, so the
fuzzer can read the schema by introspection, and with the rate limits off,
so generated writes reach the resolvers instead of stopping at RATE_LIMITED.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest
import schemathesis
import schemathesis.graphql
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from api.domain.seeding import DEMO_PASSWORD
from tests.live_server import free_port, run_cli, sifasuo_env, start_server, stop_server
from tests.pg_server import create_database

pytestmark = pytest.mark.fuzz
# Every operation x 2 roles x 15 examples: 215 operations took about 100 s per
# database on this 2-CPU machine while another test run shared it. The
# deadline is a guard against a run-away (a request that hangs), so it grows
# with the schema: a second per operation.
MAX_EXAMPLES = 15
DEADLINE_SECONDS_PER_OPERATION = 1.0

schemathesis.graphql.scalar(
    "DateTime",
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ).map(lambda d: nodes.String(d.isoformat())),
)
schemathesis.graphql.scalar(
    "Date", st.dates(min_value=date(2000, 1, 1)).map(lambda d: nodes.String(d.isoformat()))
)
schemathesis.graphql.scalar("JSON", st.text(max_size=20).map(nodes.String))
# Money as clients send it: mostly well-formed yuan amounts, some not.
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(
        st.decimals(min_value=-1000, max_value=10**7, places=2, allow_nan=False).map(str),
        st.text(max_size=12),
    ).map(nodes.String),
)


def _gql(base: str, query: str, variables: dict[str, Any], token: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = httpx.post(
        f"{base}/graphql", json={"query": query, "variables": variables}, headers=headers
    ).json()
    assert not body.get("errors"), body
    return body["data"]


def _tokens(base: str) -> dict[str, str]:
    login = """mutation($u: String!, $p: String!, $o: String) {
      login(username: $u, password: $p, otp: $o) { token } }"""
    officer = _gql(base, login, {"u": "officer", "p": DEMO_PASSWORD})["login"]["token"]
    pending = _gql(base, login, {"u": "admin", "p": DEMO_PASSWORD})["login"]["token"]
    secret = _gql(base, "mutation { beginTotpEnrolment { secret } }", {}, pending)[
        "beginTotpEnrolment"
    ]["secret"]
    confirm = "mutation($c: String!) { confirmTotpEnrolment(code: $c) }"
    _gql(base, confirm, {"c": pyotp.TOTP(secret).now()}, pending)
    return {"OFFICER": officer, "ADMIN": pending}


@pytest.fixture(params=["sqlite", "postgres"])
def live_base(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite://{tmp_path / 'sifasuo.sqlite3'}"
    else:
        url = create_database(
            request.getfixturevalue("postgres_server"), f"sifasuo_fuzz_{uuid.uuid4().hex[:8]}"
        )
    env = sifasuo_env(tmp_path, url, SIFASUO_ENV="development", SIFASUO_RATE_LIMITS="off")
    run_cli(["migrate"], env)
    run_cli(["seed-demo"], env)
    port = free_port()
    proc = start_server(env, port, tmp_path / "server.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(proc)


def _fuzz(operation: Any, role: str, token: str, failures: list[str]) -> int:
    """Run one operation's examples as one role; the number of requests sent."""
    headers = {"Authorization": f"Bearer {token}"}
    calls = 0

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: schemathesis.Case) -> None:
        nonlocal calls
        calls += 1
        response = case.call(headers=headers)
        body = response.json() if response.status_code < 500 else {}
        errors = body.get("errors") or []
        codes = {(e.get("extensions") or {}).get("code") for e in errors}
        if response.status_code >= 500 or "INTERNAL_SERVER_ERROR" in codes:
            failures.append(f"{role} {operation.label}: {response.status_code} {case.body}")

    fuzz()
    return calls


def test_no_input_makes_the_server_fail(live_base: str) -> None:
    tokens = _tokens(live_base)
    schema = schemathesis.graphql.from_url(f"{live_base}/graphql")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    started = time.monotonic()
    failures: list[str] = []
    calls = sum(
        _fuzz(operation, role, token, failures)
        for operation in operations
        for role, token in tokens.items()
    )
    elapsed = time.monotonic() - started
    print(f"\nfuzzed {len(operations)} operations with {calls} requests in {elapsed:.1f}s")
    assert failures == [], "\n".join(failures[:10])
    assert elapsed < DEADLINE_SECONDS_PER_OPERATION * len(operations)
