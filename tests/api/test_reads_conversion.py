"""The reads' conversion from Cypher maps to views: the fast paths build what the plain
constructors (pydantic's model_construct, the Enum calls, neo4j's to_native) build."""

from __future__ import annotations

import datetime as dt

import neo4j.time
import pytest
from pydantic import BaseModel

from kg.graph import reads
from kg.model import DocumentInfo, Entity, EntityKind, RelationType

pytestmark = pytest.mark.api


def _state(model: BaseModel) -> tuple[object, ...]:
    return (
        type(model),
        list(model.__dict__.items()),
        model.__pydantic_fields_set__,
        model.__pydantic_extra__,
        model.__pydantic_private__,
    )


def test_entity_is_what_model_construct_builds() -> None:
    row = {"id": "a1", "name": "Some Actor", "kind": "COUNTRY", "aliases": ["SA"], "roles": ["chair"],
           "date": neo4j.time.Date(2024, 2, 29), "curated": True}
    view = reads._entity(row)
    expected = Entity.model_construct(
        id="a1", name="Some Actor", kind=EntityKind.COUNTRY, aliases=("SA",), country=None, sector=None
    )
    assert _state(view.entity) == _state(expected)
    assert view.entity == expected
    assert type(view.entity.kind) is EntityKind
    assert (view.roles, view.date, view.curated) == (("chair",), dt.date(2024, 2, 29), True)


def test_entity_defaults_when_the_map_is_sparse() -> None:
    view = reads._entity({"id": "e9"})
    expected = Entity.model_construct(
        id="e9", name="e9", kind=EntityKind.GROUP, aliases=(), country=None, sector=None
    )
    assert _state(view.entity) == _state(expected)
    assert (view.roles, view.date, view.curated) == ((), None, False)


def test_document_view_holds_what_document_info_holds() -> None:
    full = {"id": "d1", "sha256": "ab", "source": "wire", "title": "T", "author": "A", "url": "http://x",
            "published": neo4j.time.DateTime(2023, 5, 6, 7, 8, 9)}
    expected = DocumentInfo(id="d1", sha256="ab", source="wire", title="T", author="A", url="http://x",
                            published=dt.date(2023, 5, 6))
    assert reads._document(full)._asdict() == expected.model_dump()
    sparse = DocumentInfo.model_construct(id="d2", sha256="", source=None, title=None, author=None, url=None,
                                          published=None)
    assert reads._document({"id": "d2"})._asdict() == sparse.model_dump()
    assert list(reads.DocumentView._fields) == list(DocumentInfo.model_fields)


def test_entity_view_fields_follow_the_model() -> None:
    view = reads._entity({"id": "e1", "name": "N", "kind": "PERSON"})
    assert set(Entity.model_fields) <= set(reads.EntityView._fields)
    first, second = view.entity, view.entity
    assert first == second and first.__pydantic_fields_set__ is not second.__pydantic_fields_set__
    with pytest.raises(ValueError):
        first.name = "changed"  # type: ignore[misc]


def test_enum_lookups_match_the_enum_calls() -> None:
    for member in RelationType:
        assert reads._relation_type(member.value) is RelationType(member.value)
        assert reads._relation_type(member) is member
    for kind in EntityKind:
        assert reads._entity_kind(kind.value) is EntityKind(kind.value)
    with pytest.raises(ValueError):
        reads._relation_type("NOT_A_TYPE")
    with pytest.raises(ValueError):
        reads._entity_kind("NOT_A_KIND")


@pytest.mark.parametrize(
    "value",
    [None, neo4j.time.Date(2020, 1, 31), neo4j.time.DateTime(2020, 1, 31, 23, 59, 59),
     dt.datetime(2021, 3, 4, 5, 6), dt.date(2022, 12, 1), "2019-07-08T10:00:00", "not a date", 17],
)
def test_dates_as_before(value: object) -> None:
    expected: dt.date | None
    if value is None or isinstance(value, int):
        expected = None
    elif isinstance(value, neo4j.time.DateTime):
        expected = value.to_native().date()
    elif isinstance(value, neo4j.time.Date):
        expected = value.to_native()
    elif isinstance(value, dt.datetime):
        expected = value.date()
    elif isinstance(value, dt.date):
        expected = value
    else:
        expected = dt.date(2019, 7, 8) if str(value).startswith("2019") else None
    assert reads._date(value) == expected


def test_relation_evidence_rows_take_their_ends_from_the_relation() -> None:
    row = {"claim": {"id": "c1", "type": "MET", "text": "t", "start": 0, "end": 1, "negated": None},
           "document": {"id": "d1", "published": neo4j.time.Date(2020, 2, 2)}, "rank": 0.5}
    subject = reads.EntityView("s1", "S", EntityKind.PERSON)
    object_ = reads.EntityView("o1", "O", EntityKind.COUNTRY)
    claim = reads._claim_between(row, subject, object_, reads._Memo())
    assert (claim.subject_id, claim.object_id, claim.subject, claim.object) == ("s1", "o1", subject, object_)
    assert claim.type is RelationType.MET and claim.date == dt.date(2020, 2, 2) and claim.negated is False
    assert claim.rank == 0.5
    by_ids = reads._claim_between(row, None, None, None, "s1", "o1")
    assert (by_ids.subject_id, by_ids.object_id, by_ids.subject, by_ids.object) == ("s1", "o1", None, None)
    assert by_ids == reads._claim({**row, "subject_id": "s1", "object_id": "o1"})
    with_ends = {**row, "subject": {"id": "s2"}, "object": {"id": "o2"}, "attributed_to": {"id": "w"}}
    claim = reads._claim_between(with_ends, subject, object_, None)
    assert (claim.subject_id, claim.object_id) == ("s2", "o2")
    assert claim.attributed_to is not None and claim.attributed_to.id == "w"
