"""The HTTP surface: health, headers, GraphiQL, and what errors look like."""

from __future__ import annotations

import httpx
import pytest
import strawberry
from graphql import GraphQLError

from api.app import create_app
from api.settings import Settings
from schema import SifasuoSchema
from schema.errors import ErrorPolicy
from tests.conftest import GraphQLClient, World


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
    assert "operation name" in errors[0]["message"]
    named = await client.post(
        "/graphql", json={"query": query, "operationName": "Mine"}, headers=headers
    )
    assert named.json() == {"data": {"viewer": {"username": "officer_a"}}}
