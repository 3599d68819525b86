"""Limits on what one GraphQL request may ask (OWASP GraphQL Cheat Sheet).

The validation rules are built here once, at import: Strawberry's limiters
make a new rule class per instance, and a new class per request would make
every request miss the validation cache.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from graphql import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000
MAX_BODY_BYTES = 1024 * 1024
CACHE_SIZE = 1024

_LIMIT_RULES: list[type[ASTValidationRule]] = [
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
]
_PRODUCTION_RULES: list[type[ASTValidationRule]] = [
    *_LIMIT_RULES,
    NoSchemaIntrospectionCustomRule,
]


def limit_extensions(*, development: bool) -> list[Callable[[], SchemaExtension]]:
    rules = _LIMIT_RULES if development else _PRODUCTION_RULES
    return [
        partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        partial(ParserCache, maxsize=CACHE_SIZE),
        partial(ValidationCache, maxsize=CACHE_SIZE),
        partial(AddValidationRules, rules),
    ]
