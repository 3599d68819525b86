"""What errors look like on the wire, and what a refusal leaves in the audit log."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import AsyncIterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.domain.common import audit
from api.domain.common.errors import Code, DomainError

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
        "Internal server error.",
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": str(Code.INTERNAL_SERVER_ERROR), "errorId": error_id},
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
        context = self.execution_context.context
        call = getattr(context, "call", None)
        if call is None:
            return
        operation = self.execution_context.operation_name or "anonymous"
        for error in errors:
            code = (error.extensions or {}).get("code")
            if code not in _AUDITED_CODES:
                continue
            field = str(error.path[0]) if error.path else operation
            if field in {"login", "viewer"}:
                continue  # sign-in writes its own entries; viewer is a probe
            await audit.record_refusal(
                call, f"refused.{field}", str(code), summary={"message": error.message}
            )
