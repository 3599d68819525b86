"""What errors look like on the wire, and what a refusal leaves in the audit log."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import AsyncIterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.domain.common import audit, limits, messages
from api.domain.common.errors import Code, DomainError
from schema.common.guards import root_field_nodes

log = logging.getLogger("sifasuo.graphql")
_SUGGESTION = re.compile(r"\s*Did you mean .*$")
# Refusals written to the audit log: a viewer reaching for what is not theirs.
_AUDITED_CODES = {str(Code.FORBIDDEN), str(Code.NOT_FOUND), str(Code.UNAUTHENTICATED)}


def shape_error(error: GraphQLError, development: bool) -> GraphQLError:
    """The error as a client may see it: coded, or masked with an id that is logged."""
    original = error.original_error
    if isinstance(original, DomainError) or (
        original is None and (error.extensions or {}).get("code")
    ):
        return error
    if original is None or (isinstance(original, GraphQLError) and error.path is None):
        # Parse, validation and variable errors: the request itself is at fault.
        message = error.message if development else _SUGGESTION.sub("", error.message)
        return GraphQLError(
            message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": str(Code.BAD_USER_INPUT)},
        )
    error_id = uuid.uuid4().hex
    log.error("unexpected error %s", error_id, exc_info=original)
    return GraphQLError(
        messages.render("INTERNAL_ERROR", "en"),
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={
            "code": str(Code.INTERNAL_SERVER_ERROR),
            "reason": "INTERNAL_ERROR",
            "errorId": error_id,
        },
    )


def localise(error: GraphQLError, locale: str) -> GraphQLError:
    """The error with its message in `locale`, from its reason key and params.

    Applied last, to the answer only: the audit log and the server log keep
    the English text. An error with no reason of the catalogue (a parse
    error, graphql-core's wording) stays as it is."""
    extensions = error.extensions or {}
    reason = extensions.get("reason")
    if locale == "en" or not isinstance(reason, str) or reason not in messages.MESSAGES:
        return error
    params = extensions.get("params")
    return GraphQLError(
        messages.render(reason, locale, params if isinstance(params, dict) else None),
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=extensions,
    )


class ErrorPolicy(SchemaExtension):
    """Coded errors pass as they are; anything else is masked with an id.

    The id is in the server log beside the traceback, so a user's report
    ("error 3f2a…") leads to the cause without the cause reaching the user.
    Errors of the request itself (parse, validation, variables) are
    BAD_USER_INPUT; in production their "did you mean" hints are removed.
    """

    def __init__(self, *, development: bool = False) -> None:
        self.development = development

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [shape_error(error, self.development) for error in result.errors]
        await self._audit_refusals(result.errors)

    async def _audit_refusals(self, errors: list[GraphQLError]) -> None:
        """At most one entry per request, named for the first refused field.

        Response keys are the client's to choose (aliases), so an error's path
        is mapped back to the field it asked for; a refusal of the whole
        operation (no path) names its root fields, never the operation's name.
        """
        ctx = self.execution_context
        call = getattr(ctx.context, "call", None)
        refused = [e for e in errors if (e.extensions or {}).get("code") in _AUDITED_CODES]
        if call is None or not refused or ctx.graphql_document is None:
            return
        _, roots = root_field_nodes(ctx.graphql_document, ctx.operation_name)
        field_of = {(node.alias or node.name).value: node.name.value for node in roots}
        fields: dict[str, GraphQLError] = {}
        for error in refused:
            names = [field_of.get(str(error.path[0]))] if error.path else list(field_of.values())
            for name in names:
                # Sign-in writes its own entries; viewer is a probe.
                if name is not None and name not in {"login", "viewer"}:
                    fields.setdefault(name, error)
        if not fields or not await limits.may_record_refusal(call):
            return
        field, first = next(iter(fields.items()))
        await audit.record_refusal(
            call,
            f"refused.{field}",
            str((first.extensions or {})["code"]),
            summary={"message": first.message, "fields": list(fields), "refusals": len(refused)},
        )
