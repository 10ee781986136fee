"""Strawberry schema extensions of the kg API (public extension points only).

:class:`MergeIdenticalSelections` removes a selection that repeats an earlier sibling exactly
(same field, alias, arguments, directives and sub-selection) before the document is validated.
GraphQL merges such fields into one response entry anyway, so the answer is unchanged; but
graphql-core's OverlappingFieldsCanBeMerged rule compares every pair of fields that share a
response name, so a valid query repeating one field 1,000 times (well under the token limit)
costs ~500,000 comparisons and exhausted graphql-core's validation budget ("Validation
aborted."). With the copies gone it validates like the query that names the field once.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionNode,
    SelectionSetNode,
    Visitor,
    print_ast,
    visit,
)
from strawberry.extensions import SchemaExtension


def _signature(selection: SelectionNode) -> str:
    """What two selections must share to possibly be copies (cheap; print_ast decides)."""
    if isinstance(selection, FieldNode):
        return (selection.alias or selection.name).value
    if isinstance(selection, FragmentSpreadNode):
        return "..." + selection.name.value
    if isinstance(selection, InlineFragmentNode):
        condition = selection.type_condition
        return "... on " + (condition.name.value if condition else "")
    return repr(selection)  # pragma: no cover - the three kinds above are all GraphQL has


def _has_repeats(selection_set: SelectionSetNode | None) -> bool:
    """Whether any selection set in this tree has two selections with one signature."""
    if selection_set is None:
        return False
    seen: set[str] = set()
    for selection in selection_set.selections:
        signature = _signature(selection)
        if signature in seen:
            return True
        seen.add(signature)
        if _has_repeats(getattr(selection, "selection_set", None)):
            return True
    return False


class _DropCopies(Visitor):
    """Rewrites each selection set without the selections that print like an earlier one."""

    def leave_selection_set(self, node: SelectionSetNode, *_: Any) -> SelectionSetNode | None:
        signatures = [_signature(selection) for selection in node.selections]
        if len(set(signatures)) == len(signatures):
            return None  # nothing repeats here: keep the node as it is
        kept: list[SelectionNode] = []
        printed: set[str] = set()
        for selection in node.selections:
            text = print_ast(selection)
            if text not in printed:
                printed.add(text)
                kept.append(selection)
        if len(kept) == len(node.selections):
            return None
        return SelectionSetNode(selections=tuple(kept), loc=node.loc)


# AST nodes hash by identity and strawberry's ParserCache returns one document per query text:
# a repeated query is rewritten once, and the validation cache (also keyed by the document)
# keeps serving it.
@functools.lru_cache(maxsize=256)
def without_repeated_selections(document: DocumentNode) -> DocumentNode:
    """``document`` without exact copies of sibling selections (the same object when it has none)."""
    definitions = document.definitions
    if not any(_has_repeats(getattr(definition, "selection_set", None)) for definition in definitions):
        return document
    merged: DocumentNode = visit(document, _DropCopies())
    return merged


class MergeIdenticalSelections(SchemaExtension):
    """Drops exact copies of sibling selections once the document is parsed (see module doc)."""

    def on_parse(self) -> Iterator[None]:
        yield
        context = self.execution_context
        if context.graphql_document is not None:
            context.graphql_document = without_repeated_selections(context.graphql_document)
