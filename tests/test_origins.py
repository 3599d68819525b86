"""Cross-origin requests: refused unless SIFASUO_ALLOWED_ORIGINS names the origin."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from api.app import create_app
from api.settings import Settings

QUERY = {"query": "{ viewer { id } }"}
ALLOWED = "https://desk.sifasuo.example"


@pytest.fixture
async def http(db: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(db.with_(allowed_origins=(ALLOWED,)), manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_foreign_origin_is_refused_without_cors_headers(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json=QUERY, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert not any(h.startswith("access-control-") for h in response.headers)


async def test_foreign_preflight_is_refused(http: httpx.AsyncClient) -> None:
    response = await http.options(
        "/graphql",
        headers={"origin": "null", "access-control-request-method": "POST"},
    )
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers


async def test_own_origin_and_no_origin_pass(http: httpx.AsyncClient) -> None:
    same = await http.post("/graphql", json=QUERY, headers={"origin": "http://testserver"})
    assert same.status_code == 200
    assert "access-control-allow-origin" not in same.headers
    assert (await http.post("/graphql", json=QUERY)).status_code == 200


async def test_allowed_origin_gets_cors_headers(http: httpx.AsyncClient) -> None:
    preflight = await http.options(
        "/graphql",
        headers={
            "origin": ALLOWED,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    response = await http.post("/graphql", json=QUERY, headers={"origin": ALLOWED})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED


async def test_no_origin_is_allowed_by_default(db: Settings) -> None:
    app = create_app(db, manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.post("/graphql", json=QUERY, headers={"origin": ALLOWED})
    assert response.status_code == 403


def test_allowed_origins_setting() -> None:
    settings = Settings.from_env({"SIFASUO_ALLOWED_ORIGINS": f"{ALLOWED}, https://b.example"})
    assert settings.allowed_origins == (ALLOWED, "https://b.example")
