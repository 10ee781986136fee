"""The compiled read path: a known query shape answered without graphql-core's executor.

Most requests a deployment sees are a few query texts sent again and again with other
variables. For such a text, :class:`CompiledReads` builds a plan once: the query is parsed with
the token limit and validated with the very rules the general path applies (graphql-core's
specified rules, strawberry's, kg's depth and alias limits), its operation must be a query and
every selected field one this module knows; otherwise the text is remembered as not
compilable. Executing a plan coerces the variables and arguments as graphql-core does (String
and ID variables and bare-variable arguments without calling it; the tests compare), calls the
same rules and reads as the strawberry resolvers (:mod:`kg.api.schema` and :mod:`kg.api.types`
share them), builds the same strawberry objects (relations, evidence, paths with each entity
and document object made once per view, cursors only where selected), and completes the
selected fields level by level (one batched read per resolver field and level; subtrees
without a resolver without awaiting), writing the JSON with orjson.

It answers only when everything went as expected. Anything else -- an error from a rule or a
read (bad cursor, ``first`` out of range, unknown actor ...), a null in a non-null field, a
value a scalar refuses, any exception -- makes it hand the request to the general path
(strawberry), which answers it with its usual errors and codes. Reads have no side effects, so
running the request again there is safe. ``Settings.api_compiled`` turns the path off.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from keyword import iskeyword
from typing import Any, TypeVar
from urllib.parse import parse_qsl

import orjson
from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    GraphQLAbstractType,
    GraphQLBoolean,
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
    OperationDefinitionNode,
    OperationType,
    Undefined,
    VariableNode,
    Visitor,
    get_operation_ast,
    is_abstract_type,
    is_leaf_type,
    parse,
    specified_rules,
    visit,
)
from graphql.execution.collect_fields import (
    FieldDetailsList,
    FragmentDetails,
    collect_fields,
    collect_subfields,
)
from graphql.execution.get_variable_signature import GraphQLVariableSignature, get_variable_signature
from graphql.execution.values import (
    VariableValues,
    VariableValueSource,
    get_argument_values,
    get_variable_values,
)
from graphql.language import FragmentDefinitionNode
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.schema.schema import validate_document
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from kg.api.context import DEADLINE_STATE, EvidenceArgs, NeighbourArgs, RelationArgs, Services
from kg.api.pagination import encode_cursor, page_request
from kg.api.schema import (
    KGSchema,
    RelationFilter,
    check_actor_lookup,
    read_actor_with_relations,
    read_actors,
    read_documents,
    read_events,
    read_paths,
    read_relations,
    read_stats,
)
from kg.api.types import (
    CLAIMS_TAG,
    ENTITIES_TAG,
    EVIDENCE_TAG,
    RELATIONS_TAG,
    Direction,
    Evidence,
    Path,
    _map_page,
    connection,
    evidence,
    evidence_args,
    path,
    relation_args,
)
from kg.errors import NotFound
from kg.graph.queries import Projection
from kg.graph.reads import (
    ClaimView,
    DocumentView,
    EntityView,
    GraphReader,
    Page,
    RelationKey,
    RelationView,
)
from kg.model import EntityKind, Plover, RelationType
from kg.settings import Settings

log = logging.getLogger("kg.api.compiled")

E = TypeVar("E", bound=Enum)
T = TypeVar("T")

# Distinct query texts (with their operation names) whose plans are kept.
PLAN_CACHE_SIZE = 256


class Fallback(Exception):
    """The compiled path does not answer this request; the general path does."""


class NotCompilable(Exception):
    """The query uses something the compiled path does not support."""


# --- plans ---------------------------------------------------------------------------------------


# An object's synchronous fields completed (see _builder).
Builder = Callable[[Any], dict[str, Any]]


@dataclass(slots=True)
class ObjectPlan:
    """The fields to complete for each possible runtime type (one entry for an object type)."""

    by_type: dict[str, list[FieldPlan]]
    single: list[FieldPlan] | None
    # Per runtime type: the generated function completing an object's synchronous fields, for
    # the strawberry objects of the type and (VIEW_FIELDS) for the views standing for them.
    builders: dict[str, Builder] = field(default_factory=dict)
    view_builders: dict[str, Builder] = field(default_factory=dict)
    # Per Python class met: its fields and builder (an entity view's type is its kind's).
    by_class: dict[type, tuple[list[FieldPlan], Builder]] = field(default_factory=dict)
    by_kind: dict[EntityKind, tuple[list[FieldPlan], Builder]] = field(default_factory=dict)

    def for_value(self, value: Any) -> tuple[list[FieldPlan], Builder]:
        """The fields and builder of ``value``'s runtime type (Fallback for another type)."""
        cls = type(value)
        if cls is EntityView:
            found = self.by_kind.get(value.kind)
            if found is None:
                name = "Actor" if value.kind.is_actor else "Event"
                found = self.by_kind[value.kind] = self._found(name, self.view_builders)
            return found
        found = self.by_class.get(cls)
        if found is None:
            view_type = _VIEW_TYPE_NAMES.get(cls)
            if view_type is not None:
                found = self._found(view_type, self.view_builders)
            elif self.single is not None:
                # An object type: its strawberry class may be a generic's (Connection for
                # RelationConnection), whose own name is not the type's.
                found = (self.single, next(iter(self.builders.values())))
            else:
                found = self._found(_type_name(value), self.builders)
            self.by_class[cls] = found
        return found

    def _found(self, name: str, builders: dict[str, Builder]) -> tuple[list[FieldPlan], Builder]:
        fields, builder = self.by_type.get(name), builders.get(name)
        if fields is None or builder is None:
            raise Fallback(f"unexpected runtime type {name}")
        return fields, builder


@dataclass(slots=True)
class Shape:
    """How a value of one GraphQL output type is completed."""

    non_null: bool
    item: Shape | None = None
    leaf: GraphQLLeafType | None = None
    object: ObjectPlan | None = None
    # No resolver below: completed without awaiting, by this function of one value.
    sync: bool = False
    now: Callable[[Any], Any] | None = None


_NoneType = type(None)

Resolver = Callable[["_Run", "FieldPlan", Sequence[Any]], Awaitable[list[Any]]]

LEAF, TYPENAME, ATTRIBUTE, RESOLVED = range(4)


@dataclass(slots=True)
class FieldPlan:
    key: str
    kind: int
    name: str
    attribute: str = ""
    typename: str = ""
    leaf: GraphQLLeafType | None = None
    non_null: bool = False
    shape: Shape | None = None
    resolver: Resolver | None = None
    field_def: GraphQLField | None = None
    node: FieldNode | None = None
    # A field below this one whose data this field's read can bring along (see _prefetch_of).
    prefetch: FieldPlan | None = None
    # The coerced arguments when they are all literals (the same for every request).
    static_arguments: dict[str, Any] | None = None
    # When each argument is a literal or a bare variable: the arguments with the literals
    # coerced (and defaults), and which argument takes which variable (see _Run.arguments).
    base_arguments: dict[str, Any] | None = None
    variable_arguments: tuple[tuple[str, str], ...] = ()
    # LEAF: the Python type the leaf's scalar returns unchanged (str for String and ID, bool for
    # Boolean), taken as is without calling _leaf; NoneType (never taken as is) for the others.
    unchanged: type = _NoneType
    # LEAF: the output of each enum member met so far, by id(member) (see _slow_leaf).
    members: dict[int, Any] = field(default_factory=dict)
    # Completed by its object's builder (a leaf, __typename, or an attribute with no resolver
    # below); the other fields are completed by their level, batched.
    built: bool = False
    # ATTRIBUTE of a type a view stands for (VIEW_FIELDS): the view's attribute.
    view_attribute: str = ""


@dataclass(slots=True)
class Plan:
    operation: OperationDefinitionNode
    fields: list[FieldPlan]
    # The properties the reads return: only what the query selects.
    projection: Projection
    # Whether the query selects any edge cursor or endCursor (connections' cursors) ...
    cursors: bool
    # ... and Evidence.cursor (Relation.evidence's cursors): each is encoded only when shown.
    evidence_cursors: bool
    # When every variable is a String or ID without a default: their signatures (see
    # _string_variables); None otherwise.
    string_variables: tuple[GraphQLVariableSignature, ...] | None = None
    # The root fields' builder (see _builder).
    root_builder: Builder | None = None


# GraphQL field -> stored property, per type, for the properties a Projection can leave out.
# (Entity, Evidence and Document fields are named as the properties they show.)
_ENTITY_PROPERTIES = {"name", "aliases", "roles", "date", "curated"}
_RELATION_PROPERTIES = {
    "claimCount": "claims", "documentCount": "documents", "firstSeen": "first_seen",
    "lastSeen": "last_seen", "confidence": "confidence", "plover": "plover",
}
_CLAIM_PROPERTIES = {
    "text", "start", "end", "date", "confidence", "negated", "curated", "source", "plover", "predicate",
}
_DOCUMENT_PROPERTIES = {"sha256", "source", "title", "author", "url", "published"}


def _selected(fields: list[FieldPlan], into: dict[str, set[str]]) -> dict[str, set[str]]:
    """Every field name selected on each object type, anywhere in the query."""
    for plan in fields:
        shape = plan.shape
        while shape is not None and shape.item is not None:
            shape = shape.item
        if shape is not None and shape.object is not None:
            for type_name, below in shape.object.by_type.items():
                into.setdefault(type_name, set()).update(f.name for f in below)
                _selected(below, into)
    return into


def _projection(fields: list[FieldPlan]) -> Projection:
    """The narrowest reads that still hold every selected field (a union over the query: a
    property selected anywhere on a type is read everywhere)."""
    selected = _selected(fields, {})
    entity = selected.get("Actor", set()) | selected.get("Event", set())
    claim = selected.get("Evidence", set())
    document = selected.get("Document", set()) & _DOCUMENT_PROPERTIES
    if "date" in claim:  # an evidence date falls back to its document's publication date
        document.add("published")
    return Projection(
        entity=frozenset(entity & _ENTITY_PROPERTIES),
        relation=frozenset(
            _RELATION_PROPERTIES[n] for n in selected.get("Relation", set()) if n in _RELATION_PROPERTIES
        ),
        claim=frozenset(claim & _CLAIM_PROPERTIES),
        document=frozenset(document) if "document" in claim or "date" in claim else None,
        attributed_to="attributedTo" in claim,
        # Relation.evidence is a list: its page's total and has_next are never shown.
        evidence_total=False,
    )


# --- one request ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    settings: Settings
    reader: GraphReader
    variables: VariableValues
    projection: Projection
    cursors: bool
    evidence_cursors: bool
    relations: dict[tuple[str, RelationArgs], Page[RelationView]] = field(default_factory=dict)
    # By arguments first: one hash of the (nested, frozen) arguments per level, not per relation.
    evidence: dict[EvidenceArgs, dict[RelationKey, Page[ClaimView]]] = field(default_factory=dict)
    _arguments: dict[int, dict[str, Any]] = field(default_factory=dict)
    # EvidenceArgs or RelationArgs per field plan (a field is one or the other).
    _wanted: dict[int, Any] = field(default_factory=dict)

    def arguments(self, plan: FieldPlan) -> dict[str, Any]:
        """The field's coerced arguments (defaults applied), as graphql-core computes them."""
        if plan.static_arguments is not None:
            return plan.static_arguments
        found = self._arguments.get(id(plan))
        if found is None:
            if plan.base_arguments is not None:
                # A variable's coerced value is the argument's value as is (graphql-core's
                # coerce_input_literal); a missing or null one takes graphql-core's way below
                # (defaults, errors).
                found = dict(plan.base_arguments)
                coerced = self.variables.coerced
                for key, name in plan.variable_arguments:
                    value = coerced.get(name)
                    if value is None:
                        found = None
                        break
                    found[key] = value
            if found is None:
                assert plan.field_def is not None and plan.node is not None
                found = get_argument_values(plan.field_def, plan.node, self.variables)
            self._arguments[id(plan)] = found
        return found

    def evidence_args(self, plan: FieldPlan) -> EvidenceArgs:
        # Asked for by the field's read and again by its prefetching parent: made once a run.
        found: EvidenceArgs | None = self._wanted.get(id(plan))
        if found is None:
            args = self.arguments(plan)
            include_negated = bool(args["includeNegated"])
            found = evidence_args(self.settings, args.get("first"), args.get("after"), include_negated)
            self._wanted[id(plan)] = found
        return found

    def relation_args(self, plan: FieldPlan) -> RelationArgs:
        found: RelationArgs | None = self._wanted.get(id(plan))
        if found is None:
            args = self.arguments(plan)
            wanted = self.evidence_args(plan.prefetch) if plan.prefetch is not None else None
            found = relation_args(
                self.settings,
                _enum(Direction, args["direction"]),
                _enums(RelationType, args.get("types")),
                args.get("first"),
                args.get("after"),
                wanted,
            )
            self._wanted[id(plan)] = found
        return found

    def prime_evidence(self, wanted: EvidenceArgs, pages: dict[RelationKey, Page[ClaimView]]) -> None:
        known = self.evidence.get(wanted)
        if known is None:
            self.evidence[wanted] = dict(pages)
        else:
            known.update(pages)

    def path(self, source_id: str, hops: list[RelationView]) -> Path:
        """:func:`kg.api.types.path` holding the views themselves (see VIEW_FIELDS)."""
        return path(source_id, hops, _same, _same)

    def evidence_items(self, parent: Any, found: Page[ClaimView]) -> list[Evidence]:
        """``Relation._evidence_items(found)``: :func:`kg.api.types.evidence` per claim, holding
        the document and attribution views themselves, cursors only when shown."""
        relation_view = _relation_view(parent)
        subject, object_ = relation_view.subject, relation_view.object
        cursors = self.evidence_cursors
        return [
            evidence(
                view,
                encode_cursor(EVIDENCE_TAG, key) if cursors else None,
                subject,
                object_,
                make_entity=_same,
                make_document=_same,
            )
            for key, view in found.items
        ]

    # --- completion: every parent of a level at once ---------------------------------------------

    async def complete(self, values: list[Any], shape: Shape) -> list[Any]:
        now = shape.now
        if now is not None:
            return [now(value) for value in values]
        if shape.item is not None:
            flat, sizes = _flatten(values, shape)
            return _unflatten(await self.complete(flat, shape.item), sizes)
        assert shape.object is not None
        present = _present(values, shape)
        return _with_nulls(values, present, await self.objects(present, shape.object))

    async def objects(self, objects: list[Any], plan: ObjectPlan) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = [{} for _ in objects]
        groups: dict[int, tuple[list[FieldPlan], Builder, list[int]]] = {}
        for index, value in enumerate(objects):
            fields, builder = plan.for_value(value)
            groups.setdefault(id(builder), (fields, builder, []))[2].append(index)
        if len(groups) == 1:
            ((fields, builder, _),) = groups.values()
            return await self.fields(objects, fields, builder)
        for fields, builder, indexes in groups.values():
            done = await self.fields([objects[i] for i in indexes], fields, builder)
            for index, value in zip(indexes, done, strict=True):
                out[index] = value
        return out

    async def fields(
        self, objects: list[Any], fields: list[FieldPlan], builder: Builder
    ) -> list[dict[str, Any]]:
        """Every object's fields: the builder completes the synchronous ones (and holds the
        others' places, for the order of the keys), then each other field is completed for all
        objects at once (one batched read per resolver and level)."""
        dicts = [builder(source) for source in objects]
        if not objects:
            return dicts
        for plan in fields:
            if plan.built:
                continue
            if plan.kind == ATTRIBUTE:
                attribute = plan.view_attribute if type(objects[0]) in _VIEW_CLASSES else plan.attribute
                values = [getattr(source, attribute) for source in objects]
            else:
                assert plan.resolver is not None
                values = await plan.resolver(self, plan, objects)
            assert plan.shape is not None
            done = await self.complete(values, plan.shape)
            key = plan.key
            for target, value in zip(dicts, done, strict=True):
                target[key] = value
        return dicts


# --- completion helpers ----------------------------------------------------------------------


def _flatten(values: list[Any], shape: Shape) -> tuple[list[Any], list[int]]:
    """Every list's items in one list (completed together), and each list's size (-1: null)."""
    flat: list[Any] = []
    sizes: list[int] = []
    for value in values:
        if value is None:
            if shape.non_null:
                raise Fallback("null in a non-null list")
            sizes.append(-1)
        else:
            items = list(value)
            sizes.append(len(items))
            flat.extend(items)
    return flat, sizes


def _unflatten(done: list[Any], sizes: list[int]) -> list[Any]:
    out: list[Any] = []
    at = 0
    for size in sizes:
        if size < 0:
            out.append(None)
        else:
            out.append(done[at : at + size])
            at += size
    return out


def _present(values: list[Any], shape: Shape) -> list[Any]:
    present = [value for value in values if value is not None]
    if shape.non_null and len(present) != len(values):
        raise Fallback("null in a non-null field")
    return present


def _with_nulls(values: list[Any], present: list[Any], completed: list[Any]) -> list[Any]:
    if len(present) == len(values):
        return completed
    remaining = iter(completed)
    return [None if value is None else next(remaining) for value in values]


_NOT_KNOWN = object()


def _leaf(value: Any, leaf: GraphQLLeafType, non_null: bool) -> Any:
    if value is None:
        if non_null:
            raise Fallback("null in a non-null field")
        return None
    kind = type(value)
    # What the built-in scalars' coercion returns unchanged, without calling it: a str for
    # String and ID, an int in the 32-bit range for Int, a bool for Boolean. Anything else
    # goes through the type's own coercion, as in the general path.
    if kind is str and (leaf is GraphQLString or leaf is GraphQLID):
        return value
    if kind is int and leaf is GraphQLInt and GRAPHQL_MIN_INT <= value <= GRAPHQL_MAX_INT:
        return value
    if kind is bool and leaf is GraphQLBoolean:
        return value
    if isinstance(value, Enum):
        # Strawberry's enum coercion scans the enum's values for each call; its answer for a
        # member never changes, so it is kept (with the type, which keeps its id unique).
        known = _enum_names.get((id(leaf), value))
        if known is not None:
            return known[1]
    coerce = leaf.coerce_output_value
    coerced = coerce(value) if coerce is not None else value
    if coerced is None or coerced is Undefined:
        raise Fallback("a value its type refuses")
    if isinstance(value, Enum):
        _enum_names[(id(leaf), value)] = (leaf, coerced)
    return coerced


_enum_names: dict[tuple[int, Enum], tuple[GraphQLLeafType, Any]] = {}


def _slow_leaf(value: Any, plan: FieldPlan) -> Any:
    """A leaf field's value that is not one its scalar returns unchanged: an enum member's
    output is kept per plan, by the member's identity (members live as long as their enum)."""
    assert plan.leaf is not None
    if isinstance(value, Enum):
        found = plan.members.get(id(value), _NOT_KNOWN)
        if found is _NOT_KNOWN:
            found = plan.members[id(value)] = _leaf(value, plan.leaf, plan.non_null)
        return found
    return _leaf(value, plan.leaf, plan.non_null)


def _attribute_of(plan: FieldPlan, attributes: dict[str, str] | None = None) -> str:
    attribute = plan.attribute
    if attributes is not None:
        if attribute not in attributes:
            raise NotCompilable(f"the view does not hold {attribute!r}")
        attribute = attributes[attribute]
    if not attribute.isidentifier() or iskeyword(attribute):
        raise NotCompilable(f"attribute {attribute!r}")
    return attribute


def _builder(fields: list[FieldPlan], attributes: dict[str, str] | None = None) -> Builder:
    """A function completing one object's synchronous fields into a dict, generated from the
    plan: one attribute read per field, the scalar's common case inline (a str for String and
    ID, a bool for Boolean, a 32-bit int for Int, a known enum member), everything else through
    _slow_leaf / _leaf exactly as before. The other fields (a resolver at or below them) hold
    None in their place, so the keys keep the query's order; their level fills them in.
    Only names the plan holds go into the source: response keys (GraphQL names, checked by the
    parser) as repr() literals, attributes checked as identifiers, values as namespace entries.
    ``attributes``: for a view standing for the type's objects, the view's attribute for each
    attribute of the strawberry type (NotCompilable for a field the view does not hold)."""
    namespace: dict[str, Any] = {
        "_slow_leaf": _slow_leaf, "MIN_INT": GRAPHQL_MIN_INT, "MAX_INT": GRAPHQL_MAX_INT,
    }
    lines = ["def build(source):"]
    items: list[str] = []
    for index, plan in enumerate(fields):
        value, this = f"v{index}", f"p{index}"
        namespace[this] = plan
        if plan.kind == TYPENAME:
            items.append(f"{plan.key!r}: {plan.typename!r}")
            plan.built = True
            continue
        if plan.kind == LEAF:
            lines.append(f"    {value} = source.{_attribute_of(plan, attributes)}")
            if plan.unchanged is not _NoneType:
                namespace[f"t{index}"] = plan.unchanged
                lines.append(f"    if type({value}) is not t{index}: {value} = _slow_leaf({value}, {this})")
            elif plan.leaf is GraphQLInt:
                lines.append(
                    f"    if type({value}) is not int or not MIN_INT <= {value} <= MAX_INT: "
                    f"{value} = _slow_leaf({value}, {this})"
                )
            else:
                namespace[f"m{index}"] = plan.members
                lines.append(f"    w = m{index}.get(id({value}))")
                lines.append(f"    {value} = w if w is not None else _slow_leaf({value}, {this})")
            plan.built = True
        elif plan.kind == ATTRIBUTE and plan.shape is not None and plan.shape.now is not None:
            namespace[f"s{index}"] = plan.shape.now
            lines.append(f"    {value} = s{index}(source.{_attribute_of(plan, attributes)})")
            plan.built = True
        else:
            value = "None"
            if plan.kind == ATTRIBUTE and attributes is not None:
                plan.view_attribute = _attribute_of(plan, attributes)
        items.append(f"{plan.key!r}: {value}")
    lines.append("    return {" + ", ".join(items) + "}")
    exec(compile("\n".join(lines), "<kg.api.compiled builder>", "exec"), namespace)
    built: Builder = namespace["build"]
    return built


def _object_plan(by_type: dict[str, list[FieldPlan]], single: list[FieldPlan] | None) -> ObjectPlan:
    plan = ObjectPlan(by_type, single)
    plan.builders = {name: _builder(fields) for name, fields in by_type.items()}
    plan.view_builders = {
        name: _builder(fields, VIEW_FIELDS[name]) for name, fields in by_type.items() if name in VIEW_FIELDS
    }
    return plan


# The compiled reads complete the views of kg.graph.reads themselves where the strawberry types
# only copy a view's fields (kg.api.types.entity, relation, document): per GraphQL type, the
# view's attribute for each attribute of the strawberry type. A field missing here makes a
# query selecting it not compilable (the general path answers it).
VIEW_FIELDS: dict[str, dict[str, str]] = {
    "Actor": {name: name for name in ("id", "name", "kind", "aliases", "roles", "curated")},
    "Event": {name: name for name in ("id", "name", "kind", "aliases", "date")},
    "Relation": {
        "relation_type": "type", "subject": "subject", "object_": "object", "claim_count": "claims",
        "document_count": "documents", "first_seen": "first_seen", "last_seen": "last_seen",
        "confidence": "confidence", "plover": "plover",
    },
    "Document": {
        name: name for name in ("id", "title", "url", "published", "author", "source", "sha256")
    },
}
_VIEW_TYPE_NAMES: dict[type, str] = {RelationView: "Relation", DocumentView: "Document"}
_VIEW_CLASSES = frozenset({EntityView, RelationView, DocumentView})


def _same(value: T) -> T:
    return value


def _relation_view(parent: Any) -> RelationView:
    """The view of a Relation: a RelationView itself, or a strawberry Relation's."""
    view: RelationView = parent if type(parent) is RelationView else parent.view
    return view


def _evidence_of_claim(view: ClaimView) -> Evidence:
    return evidence(view, make_entity=_same, make_document=_same)


def _now(shape: Shape) -> Callable[[Any], Any]:
    """The completion of one value of a synchronous shape."""
    non_null = shape.non_null
    if shape.leaf is not None:
        leaf = shape.leaf

        def leaf_now(value: Any) -> Any:
            return _leaf(value, leaf, non_null)

        return leaf_now
    if shape.item is not None:
        item = shape.item.now
        assert item is not None

        def list_now(value: Any) -> Any:
            if value is None:
                if non_null:
                    raise Fallback("null in a non-null list")
                return None
            return [item(entry) for entry in value]

        return list_now
    object_plan = shape.object
    assert object_plan is not None
    # An object type no view stands for: its one builder, without looking at the value.
    single = (
        object_plan.builders[next(iter(object_plan.builders))]
        if object_plan.single is not None and not object_plan.view_builders
        else None
    )

    def object_now(value: Any) -> Any:
        if value is None:
            if non_null:
                raise Fallback("null in a non-null field")
            return None
        if single is not None:
            return single(value)
        return object_plan.for_value(value)[1](value)

    return object_now


def _shape(shape: Shape) -> Shape:
    if shape.sync:
        shape.now = _now(shape)
    return shape


_type_names: dict[type, str] = {}


def _type_name(value: Any) -> str:
    cls = type(value)
    name = _type_names.get(cls)
    if name is None:
        name = cls.__strawberry_definition__.name
        _type_names[cls] = name
    return name


def _enum(cls: type[E], value: Any) -> E:
    return value if isinstance(value, cls) else cls(value.value if isinstance(value, Enum) else value)


def _enums(cls: type[E], values: Any) -> list[E] | None:
    return [_enum(cls, value) for value in values] if values is not None else None


# --- resolvers: the same rules and reads as the strawberry resolvers, batched per level ---------


async def _query_actor(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    args = run.arguments(plan)
    entity_id, name = args.get("id"), args.get("name")
    check_actor_lookup(entity_id, name)
    view: EntityView | None
    if entity_id is not None:
        view = (await run.reader.entities_by_id([str(entity_id)])).get(str(entity_id))
    elif plan.prefetch is not None:
        wanted = run.relation_args(plan.prefetch)
        evidence_wanted = wanted.evidence
        view, relations, claims = await read_actor_with_relations(
            run.reader, str(name), wanted, run.projection
        )
        if view is not None:
            run.relations[(view.id, wanted)] = relations
            if evidence_wanted is not None:
                run.prime_evidence(evidence_wanted, claims)
    else:
        view = await run.reader.actor_by_name(str(name))
    return [view if view is not None and view.kind.is_actor else None for _ in parents]


async def _query_entity(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    entity_id = str(run.arguments(plan)["id"])
    view = (await run.reader.entities_by_id([entity_id])).get(entity_id)
    return [view for _ in parents]


async def _query_actors(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    args = run.arguments(plan)
    kind = args.get("kind")
    found = await read_actors(
        run.settings, run.reader, args.get("search"), _enum(EntityKind, kind) if kind is not None else None,
        args.get("first"), args.get("after"), run.projection, run.cursors,
    )
    return [found for _ in parents]


async def _query_relations(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    args = run.arguments(plan)
    given = args.get("filter")
    filter_ = None
    if given is not None:
        filter_ = RelationFilter(
            types=_enums(RelationType, given.get("types")),
            subject=given.get("subject"),
            object_=given.get("object"),
            since=given.get("since"),
            until=given.get("until"),
            min_confidence=given.get("minConfidence"),
            plover=_enums(Plover, given.get("plover")),
        )
    found = await read_relations(run.settings, run.reader, filter_, args.get("first"), args.get("after"))
    return [found for _ in parents]


RootRead = Callable[[Settings, GraphReader, int | None, str | None], Awaitable[Any]]


def _root_listing(read: RootRead) -> Resolver:
    """The resolver of a root list read by ``read`` (events, documents): first/after only."""

    async def resolve(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
        args = run.arguments(plan)
        found = await read(run.settings, run.reader, args.get("first"), args.get("after"))
        return [found for _ in parents]

    return resolve


async def _query_document(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    document_id = str(run.arguments(plan)["id"])
    found = (await run.reader.documents_by_id([document_id])).get(document_id)
    return [found for _ in parents]


async def _query_path(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    args = run.arguments(plan)
    wanted = run.evidence_args(plan.prefetch) if plan.prefetch is not None else None
    paths, claims = await read_paths(
        run.settings, run.reader, str(args["from"]), str(args["to"]), args["maxHops"],
        _enums(RelationType, args.get("types")), args.get("first"), wanted, run.projection, run.path,
    )
    if wanted is not None:
        run.prime_evidence(wanted, claims)
    return [paths for _ in parents]


async def _query_stats(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    found = await read_stats(run.reader)
    return [found for _ in parents]


async def _entity_relations(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    wanted = run.relation_args(plan)
    ids = [parent.id for parent in parents]
    missing = [entity_id for entity_id in dict.fromkeys(ids) if (entity_id, wanted) not in run.relations]
    if missing:
        if wanted.evidence is not None:
            pages, claims = await run.reader.relations_with_evidence_of(
                missing, wanted.page, wanted.evidence.page, direction=wanted.direction,
                types=wanted.types, include_negated=wanted.evidence.include_negated,
                projection=run.projection,
            )
            run.prime_evidence(wanted.evidence, claims)
        else:
            pages = await run.reader.relations_of(
                missing, wanted.page, direction=wanted.direction, types=wanted.types,
                projection=run.projection,
            )
        for entity_id, page in pages.items():
            run.relations[(entity_id, wanted)] = page
    return [
        connection(RELATIONS_TAG, run.relations[(i, wanted)], cursors=run.cursors)
        for i in ids
    ]


async def _relation_evidence(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    wanted = run.evidence_args(plan)
    keys = [_relation_view(parent).key for parent in parents]
    known = run.evidence.get(wanted, {})
    missing = [key for key in dict.fromkeys(keys) if key not in known]
    if missing:
        found = await run.reader.evidence(missing, wanted.page, include_negated=wanted.include_negated)
        run.prime_evidence(wanted, found)
        known = run.evidence[wanted]
    return [run.evidence_items(parent, known[key]) for parent, key in zip(parents, keys, strict=True)]


async def _claim_ends(run: _Run, known: list[EntityView | None], ids: list[str]) -> list[Any]:
    missing = [entity_id for view, entity_id in zip(known, ids, strict=True) if view is None]
    loaded = await run.reader.entities_by_id(missing) if missing else {}
    out: list[Any] = []
    for view, entity_id in zip(known, ids, strict=True):
        found = view or loaded.get(entity_id)
        if found is None:
            raise NotFound(f"entity {entity_id!r} of a claim is gone")
        out.append(found)
    return out


async def _evidence_subject(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    return await _claim_ends(
        run, [p.subject_view or p.view.subject for p in parents], [p.view.subject_id for p in parents]
    )


async def _evidence_object(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    return await _claim_ends(
        run, [p.object_view or p.view.object for p in parents], [p.view.object_id for p in parents]
    )


async def _document_claims(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    args = run.arguments(plan)
    page = page_request(run.settings, CLAIMS_TAG, args.get("first"), args.get("after"), key_size=2)
    ids = [str(parent.id) for parent in parents]
    found = await run.reader.document_claims(ids, page, include_negated=bool(args["includeNegated"]))
    return [connection(CLAIMS_TAG, _map_page(found[i], _evidence_of_claim)) for i in ids]


async def _document_entities(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    args = run.arguments(plan)
    page = page_request(run.settings, ENTITIES_TAG, args.get("first"), args.get("after"), key_size=1)
    ids = [str(parent.id) for parent in parents]
    found = await run.reader.document_entities(ids, page)
    return [connection(ENTITIES_TAG, found[i]) for i in ids]


async def _neighbours(run: _Run, plan: FieldPlan, parents: Sequence[Any]) -> list[Any]:
    args = run.arguments(plan)
    page = page_request(run.settings, ENTITIES_TAG, args.get("first"), args.get("after"), key_size=1)
    types = _enums(RelationType, args.get("types"))
    wanted = NeighbourArgs(tuple(types) if types else None, page)
    ids = [parent.id for parent in parents]
    found = await run.reader.neighbours(ids, wanted.page, types=wanted.types)
    return [connection(ENTITIES_TAG, found[i]) for i in ids]


RESOLVERS: dict[tuple[str, str], Resolver] = {
    ("Query", "actor"): _query_actor,
    ("Query", "entity"): _query_entity,
    ("Query", "actors"): _query_actors,
    ("Query", "relations"): _query_relations,
    ("Query", "events"): _root_listing(read_events),
    ("Query", "document"): _query_document,
    ("Query", "documents"): _root_listing(read_documents),
    ("Query", "path"): _query_path,
    ("Query", "stats"): _query_stats,
    ("Actor", "relations"): _entity_relations,
    ("Event", "relations"): _entity_relations,
    ("Actor", "neighbours"): _neighbours,
    ("Event", "participants"): _neighbours,
    ("Relation", "evidence"): _relation_evidence,
    ("Evidence", "subject"): _evidence_subject,
    ("Evidence", "object"): _evidence_object,
    ("Document", "claims"): _document_claims,
    ("Document", "entities"): _document_entities,
}


# --- compilation ---------------------------------------------------------------------------------


class _Compiler:
    def __init__(self, schema: KGSchema, document: DocumentNode, operation: OperationDefinitionNode) -> None:
        self.schema = schema._schema
        self.operation = operation
        self.fragments = {
            d.name.value: FragmentDetails(d)
            for d in document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        # No directive anywhere (checked before), so the selection does not depend on variables.
        self.no_variables = VariableValues({}, {})

    def root(self) -> list[FieldPlan]:
        query_type = self.schema.query_type
        assert query_type is not None
        collected = collect_fields(self.schema, self.fragments, self.no_variables, query_type, self.operation)
        if collected.new_defer_usages:
            raise NotCompilable("@defer")
        return self.fields(query_type, collected.grouped_field_set)

    def fields(self, parent: GraphQLObjectType, grouped: dict[str, FieldDetailsList]) -> list[FieldPlan]:
        plans: list[FieldPlan] = []
        for key, details in grouped.items():
            node = details[0].node
            name = node.name.value
            if name == "__typename":
                plans.append(FieldPlan(key=key, kind=TYPENAME, name=name, typename=parent.name))
                continue
            if name.startswith("__"):
                raise NotCompilable("introspection")
            field_def = parent.fields[name]
            resolver = RESOLVERS.get((parent.name, name))
            if resolver is not None:
                plans.append(
                    FieldPlan(
                        key=key, kind=RESOLVED, name=name, resolver=resolver, field_def=field_def,
                        node=node, shape=self.shape(field_def.type, details),
                        static_arguments=_static_arguments(field_def, node),
                    )
                )
                plans[-1].base_arguments, plans[-1].variable_arguments = _variable_arguments(field_def, node)
                continue
            definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            plain = getattr(field_def.resolve, "_is_default", False)
            if not isinstance(definition, StrawberryField) or not plain:
                raise NotCompilable(f"{parent.name}.{name} has a resolver the compiled path does not know")
            if node.arguments:
                raise NotCompilable(f"{parent.name}.{name} takes arguments")
            attribute = definition.python_name
            field_type = field_def.type
            non_null = isinstance(field_type, GraphQLNonNull)
            inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
            if is_leaf_type(inner):
                assert isinstance(inner, GraphQLLeafType)
                plans.append(FieldPlan(key=key, kind=LEAF, name=name, attribute=attribute, leaf=inner,
                                       non_null=non_null, unchanged=_unchanged(inner)))
            else:
                plans.append(FieldPlan(key=key, kind=ATTRIBUTE, name=name, attribute=attribute,
                                       shape=self.shape(field_type, details)))
        for plan in plans:
            plan.prefetch = _prefetch_of(parent.name, plan)
        return plans

    def shape(self, output: GraphQLOutputType, details: FieldDetailsList) -> Shape:
        non_null = isinstance(output, GraphQLNonNull)
        inner = output.of_type if isinstance(output, GraphQLNonNull) else output
        if isinstance(inner, GraphQLList):
            item = self.shape(inner.of_type, details)
            return _shape(Shape(non_null=non_null, item=item, sync=item.sync))
        if is_leaf_type(inner):
            assert isinstance(inner, GraphQLLeafType)
            return _shape(Shape(non_null=non_null, leaf=inner, sync=True))
        if isinstance(inner, GraphQLObjectType):
            fields = self.subfields(inner, details)
            return _shape(
                Shape(
                    non_null=non_null, object=_object_plan({inner.name: fields}, fields), sync=_sync(fields)
                )
            )
        if is_abstract_type(inner):
            assert isinstance(inner, GraphQLAbstractType)
            by_type = {
                possible.name: self.subfields(possible, details)
                for possible in self.schema.get_possible_types(inner)
            }
            return _shape(
                Shape(
                    non_null=non_null,
                    object=_object_plan(by_type, None),
                    sync=all(map(_sync, by_type.values())),
                )
            )
        raise NotCompilable(f"output type {inner}")

    def subfields(self, runtime: GraphQLObjectType, details: FieldDetailsList) -> list[FieldPlan]:
        collected = collect_subfields(
            self.schema, self.fragments, self.no_variables, self.operation, runtime, details
        )
        if collected.new_defer_usages:
            raise NotCompilable("@defer")
        return self.fields(runtime, collected.grouped_field_set)


def _sync(fields: list[FieldPlan]) -> bool:
    """Whether no field in ``fields`` or below has a resolver."""
    return all(
        plan.kind in (LEAF, TYPENAME)
        or (plan.kind == ATTRIBUTE and plan.shape is not None and plan.shape.sync)
        for plan in fields
    )


def _unchanged(leaf: GraphQLLeafType) -> type:
    """What ``leaf`` returns unchanged without a check (see _leaf); ``NoneType`` (never a
    value _leaves takes as is: a null goes through _leaf's non-null check) for the others."""
    if leaf is GraphQLString or leaf is GraphQLID:
        return str
    if leaf is GraphQLBoolean:
        return bool
    return _NoneType


def _child(plan: FieldPlan | None, type_name: str, name: str) -> FieldPlan | None:
    """The first field called ``name`` selected on ``type_name`` under ``plan``."""
    if plan is None or plan.shape is None:
        return None
    shape = plan.shape
    while shape.item is not None:
        shape = shape.item
    if shape.object is None:
        return None
    return next((f for f in shape.object.by_type.get(type_name, ()) if f.name == name), None)


def _prefetch_of(parent: str, plan: FieldPlan) -> FieldPlan | None:
    """What a read can bring along, as the general path's prefetch does: the actor's relations
    (by name), the relations' evidence, the path hops' evidence."""
    if plan.kind != RESOLVED:
        return None
    if (parent, plan.name) == ("Query", "actor"):
        return _child(plan, "Actor", "relations")
    if plan.name == "relations" and parent in ("Actor", "Event"):
        edges = _child(plan, _only_type_name(plan), "edges")
        node = _child(edges, _only_type_name(edges), "node")
        return _child(node, "Relation", "evidence")
    if (parent, plan.name) == ("Query", "path"):
        return _child(_child(plan, "Path", "hops"), "Relation", "evidence")
    return None


def _only_type_name(plan: FieldPlan | None) -> str:
    if plan is None or plan.shape is None:
        return ""
    shape = plan.shape
    while shape.item is not None:
        shape = shape.item
    if shape.object is None or len(shape.object.by_type) != 1:
        return ""
    return next(iter(shape.object.by_type))


class _HasVariable(Visitor):
    found = False

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        self.found = True


def _static_arguments(field_def: GraphQLField, node: FieldNode) -> dict[str, Any] | None:
    """The field's coerced arguments if no variable is among them (else None: per request)."""
    finder = _HasVariable()
    for argument in node.arguments or ():
        visit(argument, finder)
    if finder.found:
        return None
    try:
        return get_argument_values(field_def, node, VariableValues({}, {}))
    except GraphQLError:
        return None  # computed (and refused) per request, which hands the request on


class _Placeholder:
    """Stands for a variable's value while the literal arguments are coerced once."""

    def __init__(self, name: str) -> None:
        self.name = name


def _variable_arguments(
    field_def: GraphQLField, node: FieldNode
) -> tuple[dict[str, Any] | None, tuple[tuple[str, str], ...]]:
    """For a field whose arguments are literals or bare variables (at least one): its
    arguments as get_argument_values returns them with a placeholder for each variable, and
    (argument key, variable) pairs; (None, ()) otherwise."""
    variables: list[str] = []
    for argument in node.arguments or ():
        if isinstance(argument.value, VariableNode):
            variables.append(argument.value.name.value)
            continue
        finder = _HasVariable()
        visit(argument, finder)
        if finder.found:
            return None, ()
    if not variables:
        return None, ()
    placeholders = {name: _Placeholder(name) for name in variables}
    try:
        base = get_argument_values(field_def, node, VariableValues({}, dict(placeholders)))
    except GraphQLError:
        return None, ()
    pairs = tuple((key, value.name) for key, value in base.items() if isinstance(value, _Placeholder))
    if len(pairs) != len(variables):
        return None, ()
    return base, pairs


class _HasDirective(Visitor):
    found = False

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        self.found = True


def compile_plan(schema: KGSchema, query: str, operation_name: str | None) -> Plan:
    """The plan for ``query``; NotCompilable (or a GraphQLError) when the general path must answer."""
    document = parse(query, max_tokens=schema.kg_max_tokens)
    errors = validate_document(schema._schema, document, (*specified_rules, *schema.kg_validation_rules))
    if errors:
        raise NotCompilable("the query does not validate")
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        raise NotCompilable("not a query")
    finder = _HasDirective()
    visit(document, finder)
    if finder.found:
        raise NotCompilable("directives")
    fields = _Compiler(schema, document, operation).root()
    selected = _selected(fields, {})
    cursors = any(
        ("cursor" in names and type_name != "Evidence") or (type_name == "PageInfo" and "endCursor" in names)
        for type_name, names in selected.items()
    )
    return Plan(
        operation, fields, _projection(fields), cursors, "cursor" in selected.get("Evidence", ()),
        _string_signatures(schema, operation), _builder(fields),
    )


def _string_signatures(
    schema: KGSchema, operation: OperationDefinitionNode
) -> tuple[GraphQLVariableSignature, ...] | None:
    signatures: list[GraphQLVariableSignature] = []
    for definition in operation.variable_definitions or ():
        signature = get_variable_signature(schema._schema, definition)
        if isinstance(signature, GraphQLError) or definition.default_value is not None:
            return None
        named = signature.type.of_type if isinstance(signature.type, GraphQLNonNull) else signature.type
        if named is not GraphQLString and named is not GraphQLID:
            return None
        signatures.append(signature)
    return tuple(signatures)


def _string_variables(
    signatures: tuple[GraphQLVariableSignature, ...], given: dict[str, Any]
) -> VariableValues | None:
    """What graphql-core's get_variable_values returns when every variable is a String or ID
    given as a str (their coercion returns the str unchanged); None for anything else (a
    missing or null value, another type), which get_variable_values then coerces or refuses."""
    sources: dict[str, VariableValueSource] = {}
    coerced: dict[str, Any] = {}
    for signature in signatures:
        name = signature.name
        value = given.get(name)
        if type(value) is not str:
            return None
        sources[name] = VariableValueSource(signature, value)
        coerced[name] = value
    return VariableValues(sources, coerced)


# --- the entry point -----------------------------------------------------------------------------


class CompiledReads:
    """Plans per query text (bounded cache) and their execution; counts what it served."""

    def __init__(self, schema: KGSchema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        self._plans: OrderedDict[tuple[str, str | None], Plan | None] = OrderedDict()
        # For tests and diagnostics: requests answered here, and handed to the general path.
        self.served = 0
        self.fallbacks = 0

    def plan(self, query: str, operation_name: str | None) -> Plan | None:
        key = (query, operation_name)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        plan: Plan | None
        try:
            plan = compile_plan(self.schema, query, operation_name)
        except (NotCompilable, GraphQLError) as reason:
            log.debug("not compilable (%s): %.80s", reason, query)
            plan = None
        except Exception:  # a bug here must not break the request: the general path answers
            log.exception("compiling a query failed: %.80s", query)
            plan = None
        self._plans[key] = plan
        if len(self._plans) > PLAN_CACHE_SIZE:
            self._plans.popitem(last=False)
        return plan

    async def answer(self, services: Services, body: bytes) -> bytes | None:
        """The JSON response to a POST body, or None when the general path must answer."""
        try:
            request = orjson.loads(body)
        except orjson.JSONDecodeError:
            return None
        return await self.answer_request(services, request)

    async def answer_query_string(self, services: Services, query_string: bytes) -> bytes | None:
        """The JSON response to a GET request's parameters (``query``, ``variables`` as JSON,
        ``operationName``, as strawberry reads them), or None when the general path must answer
        (anything else in them, a name given twice, variables that are not a JSON object)."""
        # As starlette reads a query string (strawberry's QueryParams).
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
        request: dict[str, Any] = dict(pairs)
        if len(request) != len(pairs) or "query" not in request:
            return None
        if "variables" in request:
            try:
                request["variables"] = orjson.loads(request["variables"])
            except orjson.JSONDecodeError:
                return None
        return await self.answer_request(services, request)

    async def answer_request(self, services: Services, request: Any) -> bytes | None:
        """The JSON response to a request's ``query``/``variables``/``operationName``, or None
        when the general path must answer."""
        if not isinstance(request, dict) or not set(request) <= {"query", "variables", "operationName"}:
            return None
        query, variables = request.get("query"), request.get("variables")
        operation_name = request.get("operationName")
        if (
            not isinstance(query, str)
            or not (variables is None or isinstance(variables, dict))
            or not (operation_name is None or isinstance(operation_name, str))
        ):
            return None
        plan = self.plan(query, operation_name)
        if plan is None:
            self.fallbacks += 1
            return None
        try:
            data = await self.execute(services, plan, variables or {})
        except Exception as reason:
            log.debug("compiled path fell back (%s: %s)", type(reason).__name__, reason)
            self.fallbacks += 1
            return None
        self.served += 1
        return orjson.dumps({"data": data})

    async def execute(self, services: Services, plan: Plan, variables: dict[str, Any]) -> dict[str, Any]:
        coerced: VariableValues | list[GraphQLError] | None = None
        if plan.string_variables is not None:
            coerced = _string_variables(plan.string_variables, variables)
        if coerced is None:
            definitions = plan.operation.variable_definitions or ()
            coerced = get_variable_values(self.schema._schema, definitions, variables)
        if isinstance(coerced, list):
            raise Fallback("variables do not coerce")
        run = _Run(
            self.settings, services.reader, coerced, plan.projection, plan.cursors, plan.evidence_cursors
        )
        assert plan.root_builder is not None
        (data,) = await run.fields([None], plan.fields, plan.root_builder)
        return data



class CompiledReadsMiddleware:
    """ASGI middleware in front of the GraphQL router: a JSON POST to /graphql, or a GET with a
    query in its parameters, is answered by :class:`CompiledReads` when it can; every other
    request, and every request it declines, reaches the router unchanged (the body it read is
    handed on)."""

    def __init__(self, app: ASGIApp, compiled: CompiledReads, path: str = "/graphql") -> None:
        self.app = app
        self.compiled = compiled
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "GET":
            await self._get(scope, receive, send)
            return
        if scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        content_type = accept = b""
        for name, value in scope["headers"]:
            if name == b"content-type":
                content_type = value
            elif name == b"accept":
                accept = value
        if (
            content_type.split(b";", 1)[0].strip().lower() != b"application/json"
            or b"multipart" in accept
            or b"event-stream" in accept
        ):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        services = _services_of(scope)
        answer = await self.compiled.answer(services, body) if services is not None else None
        if answer is None:
            handed_on = False

            async def replay() -> Message:
                nonlocal handed_on
                if not handed_on:
                    handed_on = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send)
            return
        await _send_json(send, answer)

    async def _get(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A GET without a query is GraphiQL's page; with one, a query as its parameters say.
        services = _services_of(scope)
        query_string: bytes = scope.get("query_string", b"")
        answer = None
        if services is not None and query_string:
            answer = await self.compiled.answer_query_string(services, query_string)
        if answer is None:
            await self.app(scope, receive, send)
            return
        await _send_json(send, answer)


def _services_of(scope: Scope) -> Services | None:
    """The app's services; for a request under a time budget (kg.api.budget), with a reader
    bounded by its deadline, as the general path's Context does."""
    services: Services | None = getattr(scope["app"].state, "services", None)
    deadline = scope.get("state", {}).get(DEADLINE_STATE)
    if services is None or deadline is None:
        return services
    return dataclasses.replace(services, reader=services.reader.within(deadline))


async def _send_json(send: Send, answer: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-length", str(len(answer)).encode("ascii")),
                (b"content-type", b"application/json"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": answer})
