"""The coded errors of the API contract.

Domain code raises these; the GraphQL layer sends them as they are (their
message and `extensions.code`), and masks every other exception.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from graphql import GraphQLError


class Code(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    CONFLICT = "CONFLICT"
    RATE_LIMITED = "RATE_LIMITED"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class DomainError(GraphQLError):
    """An error the client is meant to see, with the contract's code."""

    code: Code = Code.INTERNAL_SERVER_ERROR

    def __init__(self, message: str, *, field: str | None = None, **extra: Any) -> None:
        extensions: dict[str, Any] = {"code": str(self.code)}
        if field is not None:
            extensions["field"] = field
        extensions.update(extra)
        super().__init__(message, extensions=extensions)
        self.field = field


class Unauthenticated(DomainError):
    code = Code.UNAUTHENTICATED


class Forbidden(DomainError):
    code = Code.FORBIDDEN


class NotFound(DomainError):
    """Also the answer for what exists but is outside the viewer's scope."""

    code = Code.NOT_FOUND


class BadInput(DomainError):
    code = Code.BAD_USER_INPUT


class Conflict(DomainError):
    code = Code.CONFLICT


class RateLimited(DomainError):
    code = Code.RATE_LIMITED

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message, retryAfterSeconds=max(1, retry_after_seconds))
        self.retry_after_seconds = max(1, retry_after_seconds)
