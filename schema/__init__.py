"""The GraphQL schema: Strawberry types per area, merged into one Query and Mutation."""

from __future__ import annotations

from functools import partial

from strawberry import Schema
from strawberry.tools import merge_types

from schema.accounts import AccountsMutation, AccountsQuery
from schema.audit import AuditQuery
from schema.corrections import CorrectionsMutation, CorrectionsQuery
from schema.dashboard import DashboardQuery
from schema.errors import ErrorPolicy

QUERIES: tuple[type, ...] = (AccountsQuery, AuditQuery, CorrectionsQuery, DashboardQuery)
MUTATIONS: tuple[type, ...] = (AccountsMutation, CorrectionsMutation)


def build_schema(*, development: bool = False) -> Schema:
    """The served schema; built once per app, never per request."""
    query = merge_types("Query", QUERIES)
    mutation = merge_types("Mutation", MUTATIONS)
    return Schema(
        query=query,
        mutation=mutation,
        extensions=[partial(ErrorPolicy, development=development)],
    )
