"""IDs as clients send them, turned into the integer keys they name."""

from __future__ import annotations

import strawberry

from api.domain.common.errors import BadInput
from api.domain.common.validators import ascii_digits

_MAX_DIGITS = 18


def parse_id(value: strawberry.ID | str | None, field: str) -> int | None:
    if value is None:
        return None
    text = str(value)
    if not ascii_digits(text) or len(text) > _MAX_DIGITS:
        raise BadInput("ID_INVALID", field=field)
    return int(text)


def require_id(value: strawberry.ID | str, field: str) -> int:
    parsed = parse_id(value, field)
    if parsed is None:
        raise BadInput("ID_REQUIRED", field=field)
    return parsed
