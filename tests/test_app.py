"""The HTTP surface: health, headers, GraphiQL, and what errors look like."""

from __future__ import annotations

import httpx
import pytest
import strawberry
from graphql import GraphQLError

from api.app import create_app
from api.settings import Settings, SettingsError
from schema import SifasuoSchema
from schema.common.errors import ErrorPolicy
from tests.conftest import PASSWORD, GraphQLClient, World


async def test_healthz_checks_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["cache-control"] == "no-store"


async def test_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ viewer { id } }"})
    headers = response.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "connect-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["permissions-policy"].startswith("geolocation=(self)")
    assert headers["cache-control"] == "no-store"
    assert "strict-transport-security" not in headers  # plain http here


async def test_graphiql_only_in_development(db: Settings) -> None:
    for env, expected in (("production", False), ("development", True)):
        app = create_app(db.with_(env=env), manage_db=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            response = await http.get("/graphql", headers={"accept": "text/html"})
        assert ("graphiql" in response.text.lower()) is expected, env


async def test_mutations_are_not_accepted_over_get(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "mutation { logout }"})
    assert response.status_code in (400, 405)


async def test_request_errors_are_coded(gql: GraphQLClient, world: World) -> None:
    parse = await gql.error("{ viewer { ")
    assert parse["code"] == "BAD_USER_INPUT"
    unknown = await gql("{ viewr { id } }")
    assert unknown["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Did you mean" not in unknown["errors"][0]["message"]  # production hides hints
    bad_var = await gql.error(
        "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }",
        {"i": {"name": "x", "kind": "NOT_A_KIND"}},
        token=world.tokens["admin"],
    )
    assert bad_var["code"] == "BAD_USER_INPUT"


async def test_unexpected_errors_are_masked_with_an_id(caplog: pytest.LogCaptureFixture) -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def boom(self) -> str:
            raise RuntimeError("secret detail from the database")

    schema = SifasuoSchema(query=Query, extensions=[ErrorPolicy])
    result = await schema.execute("{ boom }")
    assert result.errors is not None
    error: GraphQLError = result.errors[0]
    assert error.message == "Internal server error."
    assert error.extensions is not None
    assert error.extensions["code"] == "INTERNAL_SERVER_ERROR"
    error_id = error.extensions["errorId"]
    assert "secret detail" not in str(error.formatted)
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and logged[0].exc_info is not None


async def test_pwa_is_served_at_root(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    manifest = await client.get("/manifest.webmanifest")
    assert manifest.status_code == 200


# ------------------------------------------------------------ behind a proxy

LOGIN = """mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"""
MY_IP = "{ mySessions { ip current } }"
PROXY = "10.0.0.2"


async def _session_ip(settings: Settings, peer: str, forwarded_for: str) -> str | None:
    """Signs in through an app that sees `peer` as the connecting address; the stored IP."""
    app = create_app(settings, manage_db=False)
    transport = httpx.ASGITransport(app=app, client=(peer, 4711))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        login = await http.post(
            "/graphql",
            json={"query": LOGIN, "variables": {"u": "applicant", "p": PASSWORD}},
            headers={"x-forwarded-for": forwarded_for},
        )
        token = login.json()["data"]["login"]["token"]
        mine = await http.post(
            "/graphql", json={"query": MY_IP}, headers={"authorization": f"Bearer {token}"}
        )
    [current] = [s for s in mine.json()["data"]["mySessions"] if s["current"]]
    ip: str | None = current["ip"]
    return ip


async def test_forwarded_for_from_an_untrusted_peer_is_ignored(world: World) -> None:
    # Trust none (the default): the header is the client's own word.
    assert await _session_ip(world.settings, "198.51.100.7", "1.2.3.4") == "198.51.100.7"
    # A proxy is trusted, but this peer is not it.
    trusting = world.settings.with_(trusted_proxies=(PROXY,))
    assert await _session_ip(trusting, "198.51.100.7", "1.2.3.4") == "198.51.100.7"


async def test_behind_a_trusted_proxy_the_client_it_saw_is_taken(world: World) -> None:
    # The client wrote "1.2.3.4" itself; the proxy appended the address it saw
    # ($proxy_add_x_forwarded_for): the rightmost untrusted entry is the client.
    trusting = world.settings.with_(trusted_proxies=(PROXY, "10.1.0.0/16"))
    assert await _session_ip(trusting, PROXY, "1.2.3.4, 203.0.113.9") == "203.0.113.9"
    assert await _session_ip(trusting, PROXY, "1.2.3.4, 203.0.113.9, 10.1.4.4") == "203.0.113.9"


def test_trusted_proxies_setting() -> None:
    assert Settings().trusted_proxies == ()
    settings = Settings.from_env({"SIFASUO_TRUSTED_PROXIES": "10.0.0.2, 10.1.0.0/16, ::1"})
    assert settings.trusted_proxies == ("10.0.0.2", "10.1.0.0/16", "::1")
    for bad in ("proxy.example", "10.0.0.0/33", "*"):
        with pytest.raises(SettingsError, match="SIFASUO_TRUSTED_PROXIES"):
            Settings.from_env({"SIFASUO_TRUSTED_PROXIES": bad})
    # The old all-or-nothing switch must not be silently ignored.
    with pytest.raises(SettingsError, match="SIFASUO_TRUSTED_PROXIES"):
        Settings.from_env({"SIFASUO_TRUST_PROXY": "true"})


async def test_https_is_taken_from_a_trusted_proxy_only(db: Settings) -> None:
    app = create_app(db.with_(trusted_proxies=(PROXY,)), manage_db=False)
    for peer, hsts in ((PROXY, True), ("198.51.100.7", False)):
        transport = httpx.ASGITransport(app=app, client=(peer, 4711))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            response = await http.get("/healthz", headers={"x-forwarded-proto": "https"})
        assert ("strict-transport-security" in response.headers) is hsts, peer


async def test_several_operations_need_an_operation_name(
    client: httpx.AsyncClient, world: World
) -> None:
    """Not the first one run silently: the GraphQL spec's GetOperation is an error."""
    query = "query Mine { viewer { username } } query Units { orgUnits { id } }"
    headers = {"Authorization": f"Bearer {world.tokens['officer_a']}"}
    unnamed = await client.post("/graphql", json={"query": query}, headers=headers)
    assert unnamed.json()["data"] is None
    errors = unnamed.json()["errors"]
    assert [e["extensions"]["code"] for e in errors] == ["BAD_USER_INPUT"]
    assert errors[0]["extensions"]["reason"] == "OPERATION_NAME_REQUIRED"
    named = await client.post(
        "/graphql", json={"query": query, "operationName": "Mine"}, headers=headers
    )
    assert named.json() == {"data": {"viewer": {"username": "officer_a"}}}
