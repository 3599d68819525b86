"""Abusive requests are refused quickly, with a coded error."""

from __future__ import annotations

import base64
import gc
import logging
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import World
from tests.live_server import free_port, run_cli, sifasuo_env, start_server, stop_server


def _nested(depth: int) -> str:
    query = "name"
    for _ in range(depth):
        query = f"parent {{ {query} }}"
    return "{ orgUnits { " + query + " } }"


async def _timed_post(client: httpx.AsyncClient, **kwargs: object) -> tuple[httpx.Response, float]:
    """The response and the CPU time spent on it: the app runs in this thread,
    so this is server time, not time spent waiting for a busy machine. The
    least of three tries, so a garbage collection in one does not count."""
    times = []
    for _ in range(3):
        started = time.thread_time()
        response = await client.post("/graphql", **kwargs)  # type: ignore[arg-type]
        times.append(time.thread_time() - started)
    return response, min(times)


def _doubling_fragments(levels: int) -> str:
    """Under 1 KB, but 2**levels fields once every spread is expanded."""
    fragments = " ".join(
        f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(levels)
    )
    return f"query {{ ...F0 }} {fragments} fragment F{levels} on Query {{ __typename }}"


def _codes(response: httpx.Response) -> set[str]:
    return {e["extensions"]["code"] for e in response.json()["errors"]}


async def test_depth_bomb(client: httpx.AsyncClient, world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['supervisor']}"}
    ok, _ = await _timed_post(client, json={"query": _nested(7)}, headers=headers)
    assert "errors" not in ok.json()
    response, seconds = await _timed_post(client, json={"query": _nested(40)}, headers=headers)
    assert _codes(response) == {"BAD_USER_INPUT"}
    assert "depth" in response.text
    assert seconds < 0.1


async def test_alias_bomb(client: httpx.AsyncClient, world: World) -> None:
    aliases = " ".join(f"a{i}: viewer {{ id }}" for i in range(200))
    response, seconds = await _timed_post(client, json={"query": "{ " + aliases + " }"})
    assert _codes(response) == {"BAD_USER_INPUT"}
    assert seconds < 0.1


async def test_aliases_hidden_in_fragments_count(client: httpx.AsyncClient, world: World) -> None:
    fragment = (
        "fragment F on Query { " + " ".join(f"b{i}: viewer {{ id }}" for i in range(20)) + " }"
    )
    response, _ = await _timed_post(client, json={"query": "{ ...F } " + fragment})
    assert _codes(response) == {"BAD_USER_INPUT"}


async def test_fragment_cycle(client: httpx.AsyncClient, world: World) -> None:
    query = (
        "{ orgUnits { ...A } } fragment A on OrgUnit { parent { ...B } } "
        "fragment B on OrgUnit { parent { ...A } }"
    )
    response, seconds = await _timed_post(client, json={"query": query})
    assert _codes(response) == {"BAD_USER_INPUT"}
    assert seconds < 0.1


async def test_too_many_tokens(client: httpx.AsyncClient, world: World) -> None:
    query = "{ viewer { " + "id " * 10_000 + "} }"
    response, seconds = await _timed_post(client, json={"query": query})
    assert _codes(response) == {"BAD_USER_INPUT"}
    assert seconds < 0.1


async def test_five_megabyte_body(client: httpx.AsyncClient, world: World) -> None:
    body = b'{"query": "{ viewer { id } }", "x": "' + b"a" * (5 * 1024 * 1024) + b'"}'
    response, seconds = await _timed_post(
        client, content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert _codes(response) == {"BAD_USER_INPUT"}
    assert seconds < 0.1


async def test_batched_requests_are_refused(client: httpx.AsyncClient, world: World) -> None:
    response, _ = await _timed_post(
        client, json=[{"query": "{ viewer { id } }"}, {"query": "{ viewer { id } }"}]
    )
    assert response.status_code == 400


async def test_introspection_is_off_in_production(client: httpx.AsyncClient, world: World) -> None:
    response, _ = await _timed_post(client, json={"query": "{ __schema { types { name } } }"})
    assert _codes(response) == {"BAD_USER_INPUT"}


async def test_exponential_fragment_spreads(client: httpx.AsyncClient, world: World) -> None:
    query = _doubling_fragments(30)
    assert len(query) < 1400
    response, seconds = await _timed_post(client, json={"query": query})
    assert _codes(response) == {"BAD_USER_INPUT"}
    assert response.json()["errors"][0]["extensions"]["reason"] == "QUERY_TOO_LARGE"
    assert seconds < 0.1


async def test_fragment_spread_cycle_without_fields(
    client: httpx.AsyncClient, world: World
) -> None:
    query = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
    response, seconds = await _timed_post(client, json={"query": query})
    assert _codes(response) == {"BAD_USER_INPUT"}
    assert seconds < 0.1


async def test_reused_fragments_within_the_budget_pass(
    client: httpx.AsyncClient, world: World
) -> None:
    """The budget counts a fragment at each of its spreads, and lets real documents through."""
    query = (
        "{ viewer { ...V } again: viewer { ...V } } "
        "fragment V on User { id username displayName role }"
    )
    response, _ = await _timed_post(
        client, json={"query": query}, headers={"Authorization": f"Bearer {world.tokens['admin']}"}
    )
    assert "errors" not in response.json(), response.json()


async def test_slow_validation_leaves_the_event_loop_free(
    client: httpx.AsyncClient, world: World
) -> None:
    """Within every limit, 300 `orgUnit { id }` cost OverlappingFieldsCanBeMerged
    about 300 ms of CPU (it compares each pair); none of it on the event loop's
    thread. CPU time, not wall time: the machine may be busy with other work."""
    query = "{ viewer { " + "orgUnit { id } " * 300 + "} }"
    # A collection would charge its time to whichever thread set it off.
    gc.collect()
    gc.disable()
    try:
        process, loop = time.process_time(), time.thread_time()
        response = await client.post("/graphql", json={"query": query})
        process, loop = time.process_time() - process, time.thread_time() - loop
    finally:
        gc.enable()
    assert response.json() == {"data": {"viewer": None}}
    assert process > 0.1  # the walk the loop must not do itself
    assert loop < 0.03, f"{loop:.3f}s of {process:.3f}s on the event loop"


def test_health_answers_while_fragment_bombs_are_in_flight(tmp_path: Path) -> None:
    """A real server: four clients post the n=30 document back to back while
    /healthz is asked every 50 ms; no answer may wait behind the bombs."""
    env = sifasuo_env(tmp_path, SIFASUO_ENV="production")
    run_cli(["migrate"], env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(env, port, tmp_path / "server.log")
    query = _doubling_fragments(30)
    stop = threading.Event()
    answers: list[set[str]] = []

    def bomb() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while not stop.is_set():
                answers.append(_codes(http.post("/graphql", json={"query": query})))

    clients = [threading.Thread(target=bomb) for _ in range(4)]
    waits: list[float] = []
    try:
        for thread in clients:
            thread.start()
        time.sleep(0.2)  # the first documents are on their way
        with httpx.Client(base_url=base, timeout=5) as http:
            for _ in range(20):
                started = time.monotonic()
                assert http.get("/healthz").status_code == 200
                waits.append(time.monotonic() - started)
                time.sleep(0.05)
    finally:
        stop.set()
        for thread in clients:
            thread.join(timeout=35)
        stop_server(proc)
    # A shared two-core machine: generous, yet far below one bomb's seconds.
    assert max(waits) < 0.5, waits
    assert answers and all(codes == {"BAD_USER_INPUT"} for codes in answers)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"query": "{ viewer { id } }", "x": "\xff\xfe"}', id="invalid-utf8"),
        pytest.param(b"[" * 200_000 + b"]" * 200_000, id="array-200k-deep"),
        pytest.param(
            b'{"query": "{ viewer { id } }", "variables": {"v": '
            + b'{"a": ' * 100_000
            + b"1"
            + b"}" * 100_000
            + b"}}",
            id="object-100k-deep",
        ),
    ],
)
async def test_bodies_that_are_not_json_are_400(
    client: httpx.AsyncClient, world: World, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    assert len(body) < 1024 * 1024  # under the body limit: the JSON parser sees it
    caplog.set_level(logging.INFO)
    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]


async def test_a_cursor_holding_deep_json_is_bad_input(
    client: httpx.AsyncClient, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    deep = base64.urlsafe_b64encode(b"[" * 5000 + b"]" * 5000).decode().rstrip("=")
    query = "query($a: String) { auditLog(first: 2, after: $a) { edges { node { id } } } }"
    caplog.set_level(logging.INFO)
    response, seconds = await _timed_post(
        client,
        json={"query": query, "variables": {"a": deep}},
        headers={"Authorization": f"Bearer {world.tokens['admin']}"},
    )
    errors = response.json()["errors"]
    assert [e["extensions"] for e in errors] == [
        {"code": "BAD_USER_INPUT", "reason": "CURSOR_INVALID", "field": "after"}
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert seconds < 0.1
