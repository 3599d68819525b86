"""The GraphQL schema: Strawberry types per area, merged into one Query and Mutation."""

from __future__ import annotations

from functools import partial

from strawberry import Schema
from strawberry.tools import merge_types

from schema.accounts import AccountsMutation, AccountsQuery
from schema.audit import AuditQuery
from schema.errors import ErrorPolicy
from schema.legal_aid import LegalAidMutation, LegalAidQuery
from schema.mediation import MediationMutation, MediationQuery

QUERIES: tuple[type, ...] = (AccountsQuery, AuditQuery, MediationQuery, LegalAidQuery)
MUTATIONS: tuple[type, ...] = (AccountsMutation, MediationMutation, LegalAidMutation)


def build_schema(*, development: bool = False) -> Schema:
    """The served schema; built once per app, never per request."""
    query = merge_types("Query", QUERIES)
    mutation = merge_types("Mutation", MUTATIONS)
    return Schema(
        query=query,
        mutation=mutation,
        extensions=[partial(ErrorPolicy, development=development)],
    )
