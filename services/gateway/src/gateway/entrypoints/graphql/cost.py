"""A query-cost budget per request: how many field values an operation may produce.

Every field counts once per value its parents produce: a list multiplies what is under it
by its size, taken from the arguments that bound it (``first``, ``vats``, ``inputs``,
``debtors``, ``activity``) or else assumed to be ``DEFAULT_LIST``. Aliases and fragments
count as often as they appear, so ten aliased ``companies(vats: [1,000])`` cost ten times
one. Checked before anything runs; an operation over the budget is refused whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

BUDGET = 50_000
DEFAULT_LIST = 10  # a list nothing bounds: factors, placements, ageing buckets...
SIZE_ARGUMENTS = ("first", "vats", "inputs", "debtors", "activity")


def _unwrap(kind: Any) -> tuple[Any, bool]:
    is_list = False
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(kind, GraphQLList)
        kind = kind.of_type
    return kind, is_list


def list_size(field: FieldNode, variables: dict[str, Any]) -> int | None:
    """The size the field's bounding argument gives (a list's length, or an int), if any."""
    for arg in field.arguments or ():
        if arg.name.value not in SIZE_ARGUMENTS:
            continue
        value = arg.value
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            if isinstance(given, list):
                return len(given)
            if isinstance(given, int):
                return given
        elif isinstance(value, ListValueNode):
            return len(value.values)
        elif isinstance(value, IntValueNode):
            return int(value.value)
    return None


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any],
    operation_name: str | None = None,
) -> int:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name and o.name.value == operation_name)
    ]
    if not chosen:
        return 0
    operation = chosen[0]
    root = schema.get_root_type(operation.operation)
    return _cost(operation.selection_set, root, 1, None, fragments, variables)


def _cost(
    selections: SelectionSetNode,
    parent: Any,
    times: int,
    pending: int | None,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
) -> int:
    """``pending``: the size a connection's ``first`` gave, for its edges or nodes."""
    total = 0
    for sel in selections.selections:
        if isinstance(sel, FieldNode):
            total += times
            if sel.selection_set is None:
                continue
            fields = parent.fields if isinstance(parent, GraphQLObjectType) else {}
            definition = fields.get(sel.name.value)
            if definition is None:
                continue  # __typename, introspection: validation answers for them
            kind, is_list = _unwrap(definition.type)
            size = list_size(sel, variables)
            if is_list:
                each = size if size is not None else pending
                each = DEFAULT_LIST if each is None else max(each, 1)
                total += _cost(sel.selection_set, kind, times * each, None, fragments, variables)
            else:  # a connection passes its size on to its edges and nodes
                total += _cost(sel.selection_set, kind, times, size, fragments, variables)
        elif isinstance(sel, InlineFragmentNode):
            total += _cost(sel.selection_set, parent, times, pending, fragments, variables)
        elif isinstance(sel, FragmentSpreadNode) and sel.name.value in fragments:
            body = fragments[sel.name.value].selection_set
            total += _cost(body, parent, times, pending, fragments, variables)
    return total


class CostBudget(SchemaExtension):
    """Refuses an operation whose cost is over ``BUDGET`` before any field resolves."""

    def on_execute(self) -> Iterator[None]:
        ec = self.execution_context
        if ec.graphql_document is not None and ec.result is None:
            cost = operation_cost(
                ec.schema._schema, ec.graphql_document, ec.variables or {}, ec.operation_name
            )
            if cost > BUDGET:
                ec.result = GraphQLExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            f"this operation would produce about {cost:,} values; at most "
                            f"{BUDGET:,} per request (ask for fewer items or fields, or page)",
                            extensions={"code": "QUERY_TOO_COSTLY", "cost": cost},
                        )
                    ],
                )
        yield
