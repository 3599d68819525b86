"""Checks made once per operation, before any resolver runs: second-factor
enrolment and rate limits. One place, so no resolver has to remember them."""

from __future__ import annotations

from collections.abc import AsyncIterator

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
)
from strawberry.extensions import SchemaExtension

from api.domain.accounts import two_factor
from api.domain.common import limits
from api.domain.common.errors import DomainError


def root_field_nodes(
    document: DocumentNode, operation_name: str | None
) -> tuple[OperationType, list[FieldNode]]:
    """The operation's kind and its root fields, through fragments."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return OperationType.QUERY, []
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    nodes: list[FieldNode] = []
    seen: set[str] = set()

    def walk(selection_set: SelectionSetNode) -> None:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                nodes.append(selection)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    walk(fragments[name].selection_set)

    walk(operation.selection_set)
    return operation.operation, nodes


def root_fields(
    document: DocumentNode, operation_name: str | None
) -> tuple[OperationType, list[str]]:
    """The operation's kind and the names of its root fields, through fragments."""
    kind, nodes = root_field_nodes(document, operation_name)
    return kind, [node.name.value for node in nodes]


class RequestGuards(SchemaExtension):
    """Refuses the whole operation when a guard says no; nothing of it runs."""

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        call = getattr(ctx.context, "call", None)
        document = ctx.graphql_document
        if call is not None and document is not None:
            kind, fields = root_fields(document, ctx.operation_name)
            try:
                two_factor.require_full_session(call, fields)
                if kind is OperationType.MUTATION:
                    for field in fields:
                        await limits.check_mutation(call, field)
            except DomainError as refusal:
                ctx.result = ExecutionResult(data=None, errors=[refusal])
        yield
