"""The ceiling for the write path: `submitCheckIn` with nothing behind it.

A Strawberry server (the app's GraphQL library, with the same parser and
validation caches) taking the app's own `CheckInInput` type and answering
`{ id late }` from memory: no session lookup, no validation beyond
GraphQL's own coercion, no transaction. What it serves under the same load
is the most any Strawberry app can serve for this mutation, so its ratio to
the floor bounds the app's. Run by bench/write_path.py as
`uvicorn bench.write_ceiling:create --factory`.
"""

from __future__ import annotations

import itertools

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.extensions import ParserCache, ValidationCache

from schema.corrections.types import CheckInInput


@strawberry.type
class CheckIn:
    id: strawberry.ID
    late: bool


def create() -> Starlette:
    ids = itertools.count(1)

    @strawberry.type
    class Query:
        ok: bool = True

    @strawberry.type
    class Mutation:
        @strawberry.mutation
        async def submit_check_in(self, input: CheckInInput) -> CheckIn:
            return CheckIn(id=strawberry.ID(str(next(ids))), late=False)

    schema = strawberry.Schema(
        query=Query, mutation=Mutation, extensions=[ParserCache, ValidationCache]
    )
    return Starlette(routes=[Route("/graphql", GraphQL(schema, graphql_ide=None))])
