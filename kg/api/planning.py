"""The one prefetch planner: what a field's read brings along, from strawberry's look-ahead.

A query that asks for an actor, its relations and their evidence is answered by one Cypher
statement, not three: the root resolver looks at what is selected below it
(``info.selected_fields``, strawberry's public look-ahead) and asks the reader for all of it at
once. This module turns a selection into the reads' requests:

* :func:`relations_request` / :func:`evidence_request` -- the page arguments of
  ``relations(...)`` and ``evidence(...)``, validated as the fields' own resolvers validate
  them (the same functions: a prefetched page is found by the resolver under the very key it
  computes from its arguments);
* :func:`plan_relations` -- for a field whose selection holds ``relations { edges { node {
  evidence } } }``: the relations page to read with it and the evidence page of each relation;
* :func:`plan_evidence` -- for ``path { hops { evidence } }``;
* :func:`projection` -- the stored properties the selection shows (kg.graph.queries.Projection),
  so that the statement returns only those.

Anything the planner cannot use (an argument that does not validate, a second ``relations``
with other arguments) is simply not prefetched: the field's resolver then loads it itself
(with its DataLoader) and reports its own errors.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import Enum
from typing import Any

from graphql import FieldNode, InlineFragmentNode, OperationDefinitionNode, SelectionSetNode
from strawberry import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

__all__ = ["Selection"]

from kg.api.pagination import page_request
from kg.errors import InvalidInput
from kg.graph.queries import DOCUMENT_PROPERTIES, Projection
from kg.graph.reads import Direction, EvidenceRequest, RelationsRequest
from kg.model import RelationType
from kg.settings import Settings

# Cursor tags: a cursor from one list is refused by another.
RELATIONS_TAG = "rel"
EVIDENCE_TAG = "ev"

# GraphQL field -> stored property, for the properties a Projection can leave out.
_ENTITY_PROPERTIES = {name: name for name in ("name", "aliases", "roles", "date", "curated")}
_RELATION_PROPERTIES = {
    "claimCount": "claims", "documentCount": "documents", "firstSeen": "first_seen",
    "lastSeen": "last_seen", "confidence": "confidence", "plover": "plover",
}
_CLAIM_PROPERTIES = {
    name: name
    for name in (
        "text", "start", "end", "date", "confidence", "negated", "curated", "source", "plover", "predicate",
    )
}
_DOCUMENT_PROPERTIES = {name: name for name in DOCUMENT_PROPERTIES if name != "id"}
# Fields whose value is an entity (Actor or Event), per parent kind.
_ENTITY_FIELDS = {"relation": ("subject", "object"), "claim": ("subject", "object", "attributedTo")}


def fields(selections: Iterable[Selection], name: str | None = None) -> Iterator[SelectedField]:
    """The fields of a selection (named ``name``, or all), looking inside fragments."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            if name is None or selection.name == name:
                yield selection
        elif isinstance(selection, InlineFragment | FragmentSpread):
            yield from fields(selection.selections, name)


def below(selections: Iterable[Selection], *path: str) -> list[Sequence[Selection]]:
    """The selections of every field at ``path`` (field names) below ``selections``."""
    level: list[Sequence[Selection]] = [list(selections)]
    for name in path:
        level = [field.selections for current in level for field in fields(current, name)]
    return level


# Operations whose root fields' selections are kept (bounded; a client sends few query texts).
ROOT_SELECTIONS_SIZE = 256
# By operation identity (the operation is kept in the value, so its id is not reused); None
# for an operation whose selections depend on the variables.
_root_selections: OrderedDict[int, tuple[OperationDefinitionNode, dict[str, list[Selection]] | None]] = (
    OrderedDict()
)


def selections_below(info: Info[Any, Any]) -> list[Selection]:
    """What is selected below the field being resolved (strawberry's look-ahead, all its
    fields' selections). For a root field it is worked out once per query text when nothing
    below depends on the variables: the look-ahead converts every node below on each call,
    a tenth of a small query's CPU. Callers must not change the list."""
    path = info.path
    if path.prev is None and isinstance(path.key, str):
        operation = info.operation
        known = _root_selections.get(id(operation))
        if known is None or known[0] is not operation:
            known = (operation, {} if _fixed(operation.selection_set) else None)
            _root_selections[id(operation)] = known
            if len(_root_selections) > ROOT_SELECTIONS_SIZE:
                _root_selections.popitem(last=False)
        by_key = known[1]
        if by_key is not None:
            found = by_key.get(path.key)
            if found is None:
                found = by_key[path.key] = _look_ahead(info)
            return found
    return _look_ahead(info)


def _look_ahead(info: Info[Any, Any]) -> list[Selection]:
    return [selection for field in info.selected_fields for selection in field.selections]


def _fixed(root: SelectionSetNode) -> bool:
    """Whether the selections below the root fields are the same whatever the variables: no
    directive (@skip/@include), fragment spread or variable anywhere (the root fields' own
    arguments may hold variables: they are not part of what is below)."""
    stack: list[SelectionSetNode] = []
    for selection in root.selections:
        if not isinstance(selection, FieldNode) or selection.directives:
            return False
        if selection.selection_set is not None:
            stack.append(selection.selection_set)
    while stack:
        for selection in stack.pop().selections:
            if selection.directives:
                return False
            if isinstance(selection, FieldNode):
                if has_variables(selection):
                    return False
            elif not isinstance(selection, InlineFragmentNode):
                return False  # a fragment spread
            if selection.selection_set is not None:
                stack.append(selection.selection_set)
    return True


def has_variables(node: FieldNode) -> bool:
    """Whether any argument of ``node`` holds a variable (at any depth)."""
    stack: list[Any] = [argument.value for argument in node.arguments or ()]
    while stack:
        value = stack.pop()
        kind = value.kind
        if kind == "variable":
            return True
        if kind == "list_value":
            stack.extend(value.values)
        elif kind == "object_value":
            stack.extend(field.value for field in value.fields)
    return False


# --- values read along, completed without their resolver ----------------------------------------

# A strawberry field's metadata key (``strawberry.field(metadata={READ_ALONG: find})``) for a
# field whose value its parent's statement may have read already (a relation's evidence, read
# with the relations page). ``find(context, source, arguments)`` -- the request's context, the
# parent object, the field's coerced arguments by GraphQL name, defaults included -- returns
# that value, or NOT_READ; kg's executor (kg.api.executor) then completes the value as the
# resolver would have returned it, without calling the resolver (and without the resolve
# info and argument conversion a call costs), and calls the resolver when NOT_READ. The
# resolver must answer the same: it looks in the same place first. Ignored for fields with
# strawberry field extensions or when middleware wraps resolvers (both must see every call),
# and by graphql-core's executor, which calls every resolver.
READ_ALONG = "kg.read_along"


class _NotRead:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_READ"


NOT_READ: Any = _NotRead()


# --- page arguments, shared with the fields' resolvers -------------------------------------------


def evidence_request(
    settings: Settings, first: int | None, after: str | None, include_negated: bool
) -> EvidenceRequest:
    """The evidence page of ``Relation.evidence(first, after, includeNegated)``."""
    return EvidenceRequest(page_request(settings, EVIDENCE_TAG, first, after, key_size=2), include_negated)


def relations_request(
    settings: Settings,
    direction: Direction,
    types: Sequence[RelationType] | None,
    first: int | None,
    after: str | None,
    evidence: EvidenceRequest | None = None,
) -> RelationsRequest:
    """The relations page of ``relations(direction, types, first, after)`` (the evidence, when
    given, is read along; it is not part of what identifies the page)."""
    page = page_request(settings, RELATIONS_TAG, first, after, key_size=3)
    ordered = tuple(sorted(set(types), key=_value)) if types else None
    return RelationsRequest(page, direction, ordered, evidence)


def _value(member: RelationType) -> str:
    return member.value


def _int(value: object) -> int | None:
    # Look-ahead arguments are the literal's text ("10") or the variable's coerced value.
    return None if value is None else int(str(value))


def _name(value: object) -> str:
    # An enum argument: the literal's name ("OUT"), or a variable's coerced member.
    return str(value.value) if isinstance(value, Enum) else str(value)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _evidence_of(settings: Settings, arguments: Mapping[str, Any]) -> EvidenceRequest:
    return evidence_request(
        settings,
        _int(arguments.get("first")),
        _optional_str(arguments.get("after")),
        arguments.get("includeNegated") in (True, "true"),
    )


def plan_relations(settings: Settings, selections: Sequence[Selection]) -> RelationsRequest | None:
    """The first ``relations(...)`` selected here, with the first ``evidence(...)`` of its
    relations when asked: what one statement can read for the parent; None when nothing is
    asked or its arguments do not validate."""
    for relations in fields(selections, "relations"):
        arguments = relations.arguments
        try:
            direction = _name(arguments.get("direction") or "BOTH")
            if direction not in ("OUT", "IN", "BOTH"):
                return None
            types = [RelationType(_name(t)) for t in arguments.get("types") or ()]
            evidence = relation_evidence(settings, relations.selections)
            return relations_request(
                settings, direction, types or None,  # type: ignore[arg-type]
                _int(arguments.get("first")), _optional_str(arguments.get("after")), evidence,
            )
        except (InvalidInput, ValueError):
            return None  # the relations resolver reports it
    return None


def relation_evidence(settings: Settings, connection: Sequence[Selection]) -> EvidenceRequest | None:
    """The first ``evidence(...)`` of the relations in a connection's selection (``edges {
    node { evidence } }``); None when not asked. ValueError/InvalidInput when its arguments do
    not validate."""
    for node in below(connection, "edges", "node"):
        for found in fields(node, "evidence"):
            return _evidence_of(settings, found.arguments)
    return None


def plan_evidence(
    settings: Settings, selections: Sequence[Selection], relation_field: str
) -> EvidenceRequest | None:
    """The first ``evidence(...)`` of the relations in ``relation_field`` (e.g. a path's
    ``hops``), when asked and valid."""
    for relation in below(selections, relation_field):
        for found in fields(relation, "evidence"):
            try:
                return _evidence_of(settings, found.arguments)
            except (InvalidInput, ValueError):
                return None  # the evidence resolver reports it
    return None


# --- the properties to read ----------------------------------------------------------------------


class _Wanted:
    """Stored properties selected anywhere in a tree, by kind (a union over the query)."""

    def __init__(self) -> None:
        self.entity: set[str] = set()
        self.relation: set[str] = set()
        self.claim: set[str] = set()
        self.document: set[str] | None = None
        self.attributed_to = False

    def entities(self, selections: Sequence[Selection]) -> None:
        for field in fields(selections):
            if field.name in _ENTITY_PROPERTIES:
                self.entity.add(_ENTITY_PROPERTIES[field.name])
            elif field.name == "relations":
                for node in below(field.selections, "edges", "node"):
                    self.relations(node)

    def relations(self, selections: Sequence[Selection]) -> None:
        for field in fields(selections):
            if field.name in _RELATION_PROPERTIES:
                self.relation.add(_RELATION_PROPERTIES[field.name])
            elif field.name in _ENTITY_FIELDS["relation"]:
                self.entities(field.selections)
            elif field.name == "evidence":
                self.claims(field.selections)

    def claims(self, selections: Sequence[Selection]) -> None:
        for field in fields(selections):
            if field.name in _CLAIM_PROPERTIES:
                self.claim.add(_CLAIM_PROPERTIES[field.name])
                if field.name == "date":  # a claim's date falls back to its document's
                    self.documents(())
                    assert self.document is not None
                    self.document.add("published")
            elif field.name == "document":
                self.documents(field.selections)
            elif field.name in _ENTITY_FIELDS["claim"]:
                self.attributed_to = self.attributed_to or field.name == "attributedTo"
                self.entities(field.selections)

    def documents(self, selections: Sequence[Selection]) -> None:
        if self.document is None:
            self.document = set()
        self.document.update(
            _DOCUMENT_PROPERTIES[f.name] for f in fields(selections) if f.name in _DOCUMENT_PROPERTIES
        )

    def projection(self) -> Projection:
        return Projection(
            entity=frozenset(self.entity),
            relation=frozenset(self.relation),
            claim=frozenset(self.claim),
            document=frozenset(self.document) if self.document is not None else None,
            attributed_to=self.attributed_to,
        )


def projection(selections: Sequence[Selection], kind: str) -> Projection:
    """The properties the selection below a field of ``kind`` shows: "entity" (an actor),
    "entities" (a connection of entities), "path" (hops and entities)."""
    wanted = _Wanted()
    if kind == "entity":
        wanted.entities(selections)
    elif kind == "entities":
        for node in below(selections, "edges", "node"):
            wanted.entities(node)
    elif kind == "path":
        for hops in below(selections, "hops"):
            wanted.relations(hops)
        for entities in below(selections, "entities"):
            wanted.entities(entities)
    else:
        raise ValueError(f"not a kind of selection: {kind!r}")
    return wanted.projection()
