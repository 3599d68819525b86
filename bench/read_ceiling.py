"""The ceiling for the read path: the same GraphQL page with nothing behind it.

A Strawberry server (the app's GraphQL library, with the same parser and
validation caches) whose `supervisedPersons` answers, from memory, the very
page the app answered for the same token: no session lookup, no SQL, no ORM.
What it serves under the same load is the most any Strawberry app can serve
for this query, so its ratio to the floor bounds the app's. Run by
bench/read_path.py as `uvicorn bench.read_ceiling:create --factory`, with
SIFASUO_BENCH_PAGES naming a JSON file of {token: the app's page}.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from typing import Any

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.types import Info


@strawberry.type
class Officer:
    display_name: str


@strawberry.type
class OrgUnit:
    name: str


@strawberry.type
class CheckIn:
    captured_at: datetime


@strawberry.type
class SupervisedPerson:
    id: strawberry.ID
    full_name: str
    officer: Officer | None
    org_unit: OrgUnit
    last_check_in: CheckIn | None
    next_check_in_due: datetime | None
    overdue: bool


@strawberry.type
class SupervisedPersonEdge:
    node: SupervisedPerson


@strawberry.type
class PageInfo:
    has_next_page: bool


@strawberry.type
class SupervisedPersonConnection:
    total_count: int
    page_info: PageInfo
    edges: list[SupervisedPersonEdge]


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def _page(data: dict[str, Any]) -> SupervisedPersonConnection:
    """The app's JSON answer turned back into the objects a resolver returns."""
    edges = []
    for edge in data["edges"]:
        node = edge["node"]
        officer, last = node["officer"], node["lastCheckIn"]
        edges.append(
            SupervisedPersonEdge(
                node=SupervisedPerson(
                    id=strawberry.ID(node["id"]),
                    full_name=node["fullName"],
                    officer=Officer(display_name=officer["displayName"]) if officer else None,
                    org_unit=OrgUnit(name=node["orgUnit"]["name"]),
                    last_check_in=CheckIn(captured_at=datetime.fromisoformat(last["capturedAt"]))
                    if last
                    else None,
                    next_check_in_due=_time(node["nextCheckInDue"]),
                    overdue=node["overdue"],
                )
            )
        )
    return SupervisedPersonConnection(
        total_count=data["totalCount"],
        page_info=PageInfo(has_next_page=data["pageInfo"]["hasNextPage"]),
        edges=edges,
    )


def create() -> Starlette:
    with open(os.environ["SIFASUO_BENCH_PAGES"], encoding="utf-8") as file:
        pages = {f"Bearer {token}": _page(data) for token, data in json.load(file).items()}

    @strawberry.type
    class Query:
        @strawberry.field
        async def supervised_persons(
            self, info: Info[Any, None], first: int | None = 20
        ) -> SupervisedPersonConnection:
            return pages[info.context["request"].headers["authorization"]]

    schema = strawberry.Schema(query=Query, extensions=[ParserCache, ValidationCache])
    return Starlette(routes=[Route("/graphql", GraphQL(schema, graphql_ide=None))])
