"""The coded errors of the API contract.

Domain code raises these with a reason key of the server's message
catalogue (messages.py) and the figures its template names:
`BadInput("TEXT_TOO_LONG", field=field, max=500)`. The GraphQL layer sends
them with their code, the key and the figures (`extensions.code`, `.reason`,
`.params`) and the message in the viewer's language; it masks every other
exception.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from graphql import GraphQLError

from api.domain.common.messages import render


class Code(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    CONFLICT = "CONFLICT"
    RATE_LIMITED = "RATE_LIMITED"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def _plain(value: object) -> str | int | float:
    """A parameter as JSON carries it: a number, else its text (an amount's
    digits, an enum's value)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, StrEnum):
        return value.value
    return str(value)


class DomainError(GraphQLError):
    """An error the client is meant to see, with the contract's code.

    `reason` is a key of messages.MESSAGES; `params` fill its template. The
    message is the English text; in_locale gives the viewer's."""

    code: Code = Code.INTERNAL_SERVER_ERROR

    def __init__(self, reason: str, *, field: str | None = None, **params: object) -> None:
        self.reason = reason
        self.params = {name: _plain(value) for name, value in params.items()}
        self.field = field
        extensions: dict[str, Any] = {"code": str(self.code), "reason": reason}
        if field is not None:
            extensions["field"] = field
        if self.params:
            extensions["params"] = self.params
        super().__init__(render(reason, "en", self.params), extensions=extensions)

    def in_locale(self, locale: str) -> str:
        return render(self.reason, locale, self.params)


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

    def __init__(self, reason: str, *, retry_after_seconds: int, **params: object) -> None:
        super().__init__(reason, field=None, **params)
        self.retry_after_seconds = max(1, retry_after_seconds)
        assert self.extensions is not None
        self.extensions["retryAfterSeconds"] = self.retry_after_seconds
