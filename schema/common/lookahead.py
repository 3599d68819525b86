"""Looking ahead at what a query selects, and answering fields from it.

A list resolver that knows its nodes' related rows will be asked for can
fetch them once for the page and hand each node its share. The node's field
then answers at once, where an async resolver per node would cost every node
a task, a DataLoader future and an await for the same result. Resolvers that
were not handed anything load as before, so a node built anywhere else still
answers. Only fields without arguments are fetched ahead, so one value
serves every place (and alias) the query asks for the field.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, TypeVar, cast

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from schema.common.context import Info

T = TypeVar("T")


def selected(info: Info, *path: str) -> frozenset[str]:
    """Names of the fields selected at `path` below the field being resolved,
    through fragments. A field skipped by @skip/@include still counts: fetching
    ahead for it only costs the query it would have cost anyway."""
    # selected_fields holds the field being resolved (once per place it is asked).
    level: list[Selection] = [child for field in info.selected_fields for child in field.selections]
    for name in path:
        level = [
            child for field in _fields(level) if field.name == name for child in field.selections
        ]
    return frozenset(field.name for field in _fields(level))


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, InlineFragment | FragmentSpread):
            yield from _fields(selection.selections)


def answer(ahead: Mapping[str, Any], name: str, load: Callable[[], Awaitable[T]]) -> T:
    """The value fetched ahead for `name`, else the awaitable that loads it.

    graphql-core (and Strawberry's error handling) await whatever a resolver
    returns when it is awaitable, so one sync resolver serves both cases.
    """
    if name in ahead:
        return cast(T, ahead[name])
    return cast(T, load())
