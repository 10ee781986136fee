"""The graph layer's views stand for the GraphQL objects: each view-backed strawberry type behind
the Entity interface accepts its view (is_type_of, Entity.resolve_type), a type behind no
interface or union checks nothing (no is_type_of, so no resolve info per object), and every
field that reads an attribute (a strawberry basic field) names an attribute the view has."""

from __future__ import annotations

import datetime as dt
from typing import Any

import graphql
import pytest
from strawberry.types.base import StrawberryObjectDefinition, get_object_definition

from kg.api import types
from kg.api.pagination import decode_cursor
from kg.api.schema import build_schema
from kg.graph.reads import ClaimView, DocumentView, EntityView, Page, RelationView
from kg.model import EntityKind, RelationType

PERSON = EntityView("p", "P", EntityKind.PERSON)
TRUCE = EntityView("t", "Truce", EntityKind.EVENT, date=dt.date(2022, 9, 14))
DOCUMENT = DocumentView("d")
RELATION = RelationView(PERSON, RelationType.MEDIATED, TRUCE)
CLAIM = ClaimView(
    "c", RelationType.MEDIATED, "p", "t", PERSON, TRUCE, "P mediated.", 0, 11, None, 0.5, False, False,
    None, DOCUMENT, None,
)
# The view-backed types behind the Entity interface: the only ones with is_type_of.
BEHIND_ENTITY = (types.Actor, types.Event)
PAGE = Page(total=2, items=[(("MEDIATED", "p", "t"), RELATION)], has_next=True)
CONNECTION = types.ConnectionView(types.RELATIONS_TAG, PAGE)
VIEWS: dict[type, Any] = {
    types.Connection: CONNECTION,
    types.Edge: CONNECTION.edges[0],
    types.PageInfo: CONNECTION.page_info,
    types.Actor: PERSON,
    types.Event: TRUCE,
    types.Relation: RELATION,
    types.Evidence: CLAIM,
    types.Document: DOCUMENT,
}


@pytest.mark.parametrize("cls", list(VIEWS), ids=lambda cls: cls.__name__)
def test_every_attribute_field_is_an_attribute_of_the_view(cls: type) -> None:
    view = VIEWS[cls]
    definition = get_object_definition(cls, strict=True)
    basic = [field for field in definition.fields if field.is_basic_field]
    assert basic
    missing = [field.python_name for field in basic if not hasattr(view, field.python_name)]
    assert not missing, f"{cls.__name__} fields the view does not hold: {missing}"
    if cls in BEHIND_ENTITY:
        assert cls.is_type_of(view, None)  # type: ignore[attr-defined]


def test_each_view_is_one_type() -> None:
    for cls, view in VIEWS.items():
        others = [
            other for other in BEHIND_ENTITY if other is not cls and other.is_type_of(view, None)  # type: ignore[attr-defined]
        ]
        assert not others, (cls.__name__, [other.__name__ for other in others])
    assert types.Entity.resolve_type(PERSON, None, None) == "Actor"  # type: ignore[arg-type]
    assert types.Entity.resolve_type(TRUCE, None, None) == "Event"  # type: ignore[arg-type]


def test_only_types_behind_an_interface_or_union_check_their_objects() -> None:
    schema = build_schema()
    sdl = graphql.build_schema(schema.as_str())  # the public schema, as clients see it
    behind: set[str] = set()
    objects: list[str] = []
    for name, named in sdl.type_map.items():
        if isinstance(named, graphql.GraphQLUnionType):
            behind.update(member.name for member in named.types)
        elif isinstance(named, graphql.GraphQLObjectType) and not name.startswith("__"):
            objects.append(name)
            if named.interfaces:
                behind.add(name)
    checking = set()
    for name in objects:
        definition = schema.get_type_by_name(name)
        if isinstance(definition, StrawberryObjectDefinition) and definition.is_type_of is not None:
            checking.add(name)
    assert checking - behind == set(), "is_type_of on a type no interface or union returns"
    assert {"Actor", "Event"} <= checking
    assert not {"Relation", "Evidence", "Document"} & behind


def test_a_connection_view_encodes_the_cursors_of_its_list() -> None:
    assert CONNECTION.total_count == 2
    (edge,) = CONNECTION.edges
    assert edge.node is RELATION
    assert decode_cursor(types.RELATIONS_TAG, edge.cursor, size=3) == ("MEDIATED", "p", "t")
    info = CONNECTION.page_info
    assert info.has_next_page is True
    assert info.end_cursor == edge.cursor
    empty = types.ConnectionView(types.RELATIONS_TAG, Page(total=0))
    assert empty.edges == []
    assert empty.page_info.end_cursor is None
    assert empty.page_info.has_next_page is False


def test_the_schema_still_builds_with_views() -> None:
    assert "type Relation" in build_schema().as_str()
