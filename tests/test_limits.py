"""Abusive requests are refused quickly, with a coded error."""

from __future__ import annotations

import time

import httpx

from tests.conftest import World


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
