"""Cursors: every list's position goes out and comes back through one codec,
and whatever else a client sends as `after` is BAD_USER_INPUT, never a fault."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from api.domain.common.errors import BadInput
from api.domain.common.paging import IdPosition, Position, TimePosition
from api.domain.common.ranked import ListPosition
from api.domain.corrections.caseload import GROUP_ACTIVE, CaseloadPosition
from schema.common.pagination import MAX_CURSOR_CHARS, decode_cursor, encode_cursor
from tests.conftest import GraphQLClient, World

AT = datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)
POSITIONS: list[Position] = [
    CaseloadPosition(AT, GROUP_ACTIVE, AT + timedelta(days=3), 41),
    ListPosition(AT, 2, 7),
    TimePosition(AT, 9),
    IdPosition(12),
]


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize("position", POSITIONS, ids=lambda p: type(p).__name__)
def test_a_position_comes_back_as_it_went(position: Position) -> None:
    assert decode_cursor(encode_cursor(position), type(position)) == position
    assert decode_cursor(None, type(position)) is None


def test_times_come_back_in_utc() -> None:
    east = TimePosition(AT.astimezone(timezone(timedelta(hours=8))), 3)
    back = decode_cursor(encode_cursor(east), TimePosition)
    assert back == east and back is not None and back.at.utcoffset() == timedelta(0)


FORGED: dict[str, tuple[type[Position], str]] = {
    "not base64": (IdPosition, "%%%"),
    "not ASCII": (IdPosition, "é"),
    "not JSON": (IdPosition, b64("nope")),
    "not an array": (IdPosition, b64('{"id": 1}')),
    "too few fields": (TimePosition, b64('["2026-03-01T08:30:00+00:00"]')),
    "too many fields": (IdPosition, b64("[1, 2]")),
    "a string for an int": (IdPosition, b64('["1"]')),
    "a boolean for an int": (IdPosition, b64("[true]")),
    "a float for an int": (IdPosition, b64("[1.5]")),
    "a time without offset": (TimePosition, b64('["2026-03-01T08:30:00", 1]')),
    "not a time": (TimePosition, b64('["yesterday", 1]')),
    "a number for a time": (TimePosition, b64("[1, 1]")),
    "no such rank": (ListPosition, b64('["2026-03-01T08:30:00+00:00", 3, 1]')),
    "a negative rank": (ListPosition, b64('["2026-03-01T08:30:00+00:00", -1, 1]')),
    "no such group": (
        CaseloadPosition,
        b64('["2026-03-01T08:30:00+00:00", 5, "2026-03-02T00:00:00+00:00", 1]'),
    ),
    "another list's cursor": (TimePosition, encode_cursor(IdPosition(4))),
    "deeply nested": (IdPosition, b64("[" * 5000 + "]" * 5000)),
    "too long": (IdPosition, "A" * (MAX_CURSOR_CHARS + 1)),
}


@pytest.mark.parametrize("kind, cursor", FORGED.values(), ids=FORGED.keys())
def test_a_cursor_not_made_here_is_bad_input(kind: type[Position], cursor: str) -> None:
    with pytest.raises(BadInput) as refused:
        decode_cursor(cursor, kind)
    assert refused.value.field == "after"


def test_the_longest_position_fits_the_bound() -> None:
    far = datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert len(encode_cursor(CaseloadPosition(far, GROUP_ACTIVE, far, 2**63 - 1))) < (
        MAX_CURSOR_CHARS
    )


# Each list, asked by a viewer who may read it.
LISTS: list[tuple[str, str]] = [
    ("supervisedPersons", "supervisor"),
    ("pendingCheckIns", "officer_a"),
    ("disputes", "mediator_a"),
    ("legalAidRequests", "staff"),
    ("auditLog", "admin"),
]
DEEP = b64("[" * 5000 + "]" * 5000)


@pytest.mark.parametrize("field, who", LISTS, ids=[f for f, _ in LISTS])
@pytest.mark.parametrize("cursor", [DEEP, b64("[" * 150 + "]" * 150), b64('["1"]')])
async def test_every_list_refuses_a_forged_cursor(
    gql: GraphQLClient, world: World, field: str, who: str, cursor: str
) -> None:
    query = f"query($a: String) {{ {field}(first: 2, after: $a) {{ edges {{ cursor }} }} }}"
    refused: dict[str, Any] = await gql.error(query, {"a": cursor}, token=world.tokens[who])
    assert refused == {"code": "BAD_USER_INPUT", "field": "after"}
