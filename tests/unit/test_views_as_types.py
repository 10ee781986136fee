"""The graph layer's views stand for the GraphQL objects: each view-backed strawberry type
accepts its view (is_type_of, Entity.resolve_type) and every field that reads an attribute
(a strawberry basic field) names an attribute the view has."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from strawberry.types.base import get_object_definition

from kg.api import types
from kg.api.schema import build_schema
from kg.graph.reads import ClaimView, DocumentView, EntityView, RelationView
from kg.model import EntityKind, RelationType

PERSON = EntityView("p", "P", EntityKind.PERSON)
TRUCE = EntityView("t", "Truce", EntityKind.EVENT, date=dt.date(2022, 9, 14))
DOCUMENT = DocumentView("d")
RELATION = RelationView(PERSON, RelationType.MEDIATED, TRUCE)
CLAIM = ClaimView(
    "c", RelationType.MEDIATED, "p", "t", PERSON, TRUCE, "P mediated.", 0, 11, None, 0.5, False, False,
    None, DOCUMENT, None,
)
VIEWS: dict[type, Any] = {
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
    assert cls.is_type_of(view, None)  # type: ignore[attr-defined]


def test_each_view_is_one_type() -> None:
    for cls, view in VIEWS.items():
        others = [other for other in VIEWS if other is not cls and other.is_type_of(view, None)]  # type: ignore[attr-defined]
        assert not others, (cls.__name__, [other.__name__ for other in others])
    assert types.Entity.resolve_type(PERSON, None, None) == "Actor"  # type: ignore[arg-type]
    assert types.Entity.resolve_type(TRUCE, None, None) == "Event"  # type: ignore[arg-type]


def test_the_schema_still_builds_with_views() -> None:
    assert "type Relation" in build_schema().as_str()
