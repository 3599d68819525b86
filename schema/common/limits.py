"""Limits on what one GraphQL request may ask (OWASP GraphQL Cheat Sheet).

The validation rules are built here once, at import: Strawberry's limiters
make a new rule class per instance, and a new class per request would make
every request miss the validation cache.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.schema import validate_document

from api.domain.common.errors import BadInput

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000
MAX_BODY_BYTES = 1024 * 1024
CACHE_SIZE = 1024
# Selections (fields, fragment spreads, inline fragments) of one document
# with every spread expanded where it stands: what the validation rules walk.
# The caseload screen's query has 21; the token limit alone allows 2,000.
MAX_EXPANDED_SELECTIONS = 2000
# Selection sets inside each other, a fragment spread counting as one level.
# The field depth limit (10) is checked after; this bounds the walks' recursion.
MAX_NESTING = 64
# Documents validated on the event loop: no fragments and this many
# selections at most (about 5 ms at worst); larger ones go to a thread.
INLINE_VALIDATION_SELECTIONS = 80

_LIMIT_RULES: list[type[ASTValidationRule]] = [
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
]
_PRODUCTION_RULES: list[type[ASTValidationRule]] = [
    *_LIMIT_RULES,
    NoSchemaIntrospectionCustomRule,
]


def _within_budget(selections: int) -> int:
    if selections > MAX_EXPANDED_SELECTIONS:
        raise BadInput("QUERY_TOO_LARGE", max=MAX_EXPANDED_SELECTIONS)
    return selections


class _ExpandedSize:
    """The size and nesting of a document with its fragments expanded, each
    fragment measured once: linear in the document's text whatever it spreads."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.measured: dict[str, tuple[int, int]] = {}
        self.open: set[str] = set()

    def of(self, selection_set: SelectionSetNode, level: int) -> tuple[int, int]:
        """The selections under `selection_set`, expanded, and the levels it spans."""
        if level > MAX_NESTING:
            raise BadInput("QUERY_TOO_DEEP", max=MAX_NESTING)
        size = height = 0
        for selection in selection_set.selections:
            inner = (0, 0)
            if isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value, level + 1)
            elif (child := getattr(selection, "selection_set", None)) is not None:
                inner = self.of(child, level + 1)
            size = _within_budget(size + 1 + inner[0])
            height = max(height, inner[1])
        return size, height + 1

    def fragment(self, name: str, level: int) -> tuple[int, int]:
        known = self.measured.get(name)
        if known is None:
            definition = self.fragments.get(name)
            if definition is None:
                return 0, 0  # an unknown fragment: validation names it
            if name in self.open:
                raise BadInput("FRAGMENT_CYCLE", name=name)
            self.open.add(name)
            known = self.measured[name] = self.of(definition.selection_set, level)
            self.open.discard(name)
        if level + known[1] - 1 > MAX_NESTING:
            raise BadInput("QUERY_TOO_DEEP", max=MAX_NESTING)
        return known


@dataclass(frozen=True)
class DocumentSize:
    selections: int
    fragments: int


def measure_document(document: DocumentNode, operation_named: bool) -> DocumentSize:
    """The document's size with its fragments expanded; BAD_USER_INPUT when
    it is over the limits, or names no operation among several.

    Strawberry's depth and alias limiters walk a fragment again at every
    spread, so their cost doubles with each level of `...F ...F`; this walk
    measures each fragment once and refuses before they run. It also refuses
    what Strawberry would otherwise answer by running the first operation:
    several operations and no operationName (GraphQL spec, GetOperation).
    """
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) > 1 and not operation_named:
        raise BadInput("OPERATION_NAME_REQUIRED")
    walk = _ExpandedSize(document)
    total = 0
    for operation in operations:
        total = _within_budget(total + walk.of(operation.selection_set, 1)[0])
    # The rules validate every fragment, spread or not.
    for name in walk.fragments:
        if name not in walk.measured:
            total = _within_budget(total + walk.fragment(name, 1)[0])
    return DocumentSize(total, len(walk.fragments))


# Per document (ParserCache hands out one DocumentNode per query text).
# Thread-safe, as the validation of large documents runs in worker threads.
_cached_validation = lru_cache(maxsize=CACHE_SIZE)(validate_document)


class CheckedValidation(SchemaExtension):
    """Validation, cached per document, behind `measure_document`: a refused
    document never reaches the rules, so no rule's walk can be made long.

    Some rules stay quadratic within the limits (OverlappingFieldsCanBeMerged
    compares every pair of fields of one name, and of fragments spread side
    by side: a 2 KB document can take 150 ms). Such documents are validated
    in a worker thread, so the event loop keeps answering meanwhile; small
    ones without fragments, which are what the PWA sends, stay inline.
    """

    async def on_validate(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        assert document is not None
        # Strawberry fills in the first operation's name when none was sent.
        named = ctx._provided_operation_name is not None
        try:
            size = measure_document(document, named)
        except BadInput as refusal:
            ctx.pre_execution_errors = [refusal]
            yield
            return
        validate = partial(_cached_validation, ctx.schema._schema, document, ctx.validation_rules)
        if size.fragments or size.selections > INLINE_VALIDATION_SELECTIONS:
            ctx.pre_execution_errors = await asyncio.to_thread(validate)
        else:
            ctx.pre_execution_errors = validate()
        yield


def limit_extensions(*, development: bool) -> list[Callable[[], SchemaExtension]]:
    rules = _LIMIT_RULES if development else _PRODUCTION_RULES
    return [
        partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        partial(ParserCache, maxsize=CACHE_SIZE),
        CheckedValidation,
        partial(AddValidationRules, rules),
    ]
