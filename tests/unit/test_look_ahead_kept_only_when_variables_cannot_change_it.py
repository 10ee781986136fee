"""A root field's look-ahead is kept per query text only when no variable, directive or fragment
spread below the root fields can change it (kg.api.planning.selections_below)."""

from __future__ import annotations

from graphql import OperationDefinitionNode, parse

from kg.api.planning import _fixed


def _root(query: str) -> OperationDefinitionNode:
    operation = parse(query).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation


def test_variables_of_the_root_field_itself_do_not_matter() -> None:
    query = "query ($n: String!) { actor(name: $n) { id relations(first: 10) { totalCount } } }"
    assert _fixed(_root(query).selection_set)


def test_inline_fragments_without_directives_are_fixed() -> None:
    query = "query ($id: ID!) { entity(id: $id) { id ... on Event { date } } }"
    assert _fixed(_root(query).selection_set)


def test_a_variable_below_the_root_field_is_not_kept() -> None:
    query = "query ($n: String!, $f: Int) { actor(name: $n) { relations(first: $f) { totalCount } } }"
    assert not _fixed(_root(query).selection_set)


def test_a_variable_inside_a_list_argument_below_is_not_kept() -> None:
    query = "query ($t: RelationType!) { actor(name: \"x\") { relations(types: [MET, $t]) { totalCount } } }"
    assert not _fixed(_root(query).selection_set)


def test_directives_and_fragment_spreads_are_not_kept() -> None:
    assert not _fixed(_root("query ($s: Boolean!) { actor(name: \"x\") { id @skip(if: $s) } }").selection_set)
    assert not _fixed(_root("{ actor(name: \"x\") @include(if: true) { id } }").selection_set)
    assert not _fixed(_root("{ actor(name: \"x\") { ...f } } fragment f on Actor { id }").selection_set)
