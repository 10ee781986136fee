"""Strawberry schema extensions of the kg API (public extension points only).

:class:`PreparedDocuments` keeps, per query text, the parsed document (with kg's token limit,
exact copies of sibling selections dropped) and its validation errors (with kg's rules), so
that a repeated query is neither parsed nor validated again: one dictionary look-up instead
of the five extensions that did this (strawberry's parser and validation caches, token limit
and added rules, and the merge below), whose hooks and cache keys -- the validation cache
hashes the whole document on every request -- cost as much as executing a small query.
Strawberry parses and validates on a miss exactly as without it.

:func:`without_repeated_selections` removes a selection that repeats an earlier sibling exactly
(same field, alias, arguments, directives and sub-selection) before the document is validated.
GraphQL merges such fields into one response entry anyway, so the answer is unchanged; but
graphql-core's OverlappingFieldsCanBeMerged rule compares every pair of fields that share a
response name, so a valid query repeating one field 1,000 times (well under the token limit)
costs ~500,000 comparisons and exhausted graphql-core's validation budget ("Validation
aborted."). With the copies gone it validates like the query that names the field once.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
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


class PreparedQueries:
    """The documents and validation errors of recent query texts (bounded, least recently used
    first out); one per schema, shared by its requests."""

    def __init__(self, max_tokens: int, rules: Sequence[type[ASTValidationRule]], size: int = 256) -> None:
        self.max_tokens = max_tokens
        self.rules = tuple(rules)
        self.size = size
        self.documents: OrderedDict[str, DocumentNode] = OrderedDict()
        # By document identity (a document lives while its text's entry does).
        self.errors: dict[int, tuple[DocumentNode, list[GraphQLError]]] = {}

    def document(self, query: str) -> DocumentNode | None:
        found = self.documents.get(query)
        if found is not None:
            self.documents.move_to_end(query)
        return found

    def keep(self, query: str, document: DocumentNode) -> None:
        self.documents[query] = document
        if len(self.documents) > self.size:
            _, dropped = self.documents.popitem(last=False)
            self.errors.pop(id(dropped), None)


class PreparedDocuments(SchemaExtension):
    """Parse and validate once per query text (see the module doc); strawberry parses and
    validates a new text as usual, with kg's token limit and rules, and the result is kept."""

    def __init__(self, prepared: PreparedQueries) -> None:
        self.prepared = prepared

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query
        known = self.prepared.document(query) if query else None
        if known is not None:
            context.graphql_document = known
            yield
            return
        context.parse_options["max_tokens"] = self.prepared.max_tokens
        yield
        if query and context.graphql_document is not None:
            context.graphql_document = without_repeated_selections(context.graphql_document)
            self.prepared.keep(query, context.graphql_document)

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        known = self.prepared.errors.get(id(document)) if document is not None else None
        if known is not None and known[0] is document:
            context.pre_execution_errors = list(known[1])
            yield
            return
        context.validation_rules = (*context.validation_rules, *self.prepared.rules)
        yield
        if document is not None and context.pre_execution_errors is not None:
            self.prepared.errors[id(document)] = (document, list(context.pre_execution_errors))
