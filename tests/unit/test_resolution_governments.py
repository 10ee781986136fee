"""kg.resolution.governments: who a country's government is on a date when a movement governs."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.model import DocumentInfo, Entity, EntityKind, Evidence, Extraction, Relation, RelationType
from kg.resolution.governments import (
    governed_by,
    governing_on,
    governments,
    parse_governing,
    petrarch_date,
    with_dated_governments,
)

ORG = EntityKind.ORGANIZATION


def extraction(published: dt.date | None) -> Extraction:
    government = Entity(id="afghanistan-government", name="Afghan government", kind=ORG,
                        country="AF", sector="GOV")
    pakistan = Entity(id="pakistan", name="Pakistan", kind=EntityKind.COUNTRY, country="PK")
    urged = Relation(subject="pakistan", type=RelationType.URGED, object="afghanistan-government",
                     evidence=Evidence(text="Pakistan urged the Afghan government.", start=0, end=38))
    return Extraction(document=DocumentInfo(id="doc-1", sha256="0" * 64, published=published),
                      entities=(government, pakistan), relations=(urged,))


def test_petrarch_dates_read_two_digit_years_as_petrarch_does() -> None:
    assert petrarch_date("210815") == dt.date(2021, 8, 15)
    assert petrarch_date("960927") == dt.date(1996, 9, 27)
    assert petrarch_date("20210815") == dt.date(2021, 8, 15)
    with pytest.raises(ValueError):
        petrarch_date("2108")


def test_a_dated_government_role_reads_its_country_and_open_or_closed_range() -> None:
    open_ended = parse_governing("Taliban", "AFGGOV 210815-")
    assert (open_ended.country, open_ended.start, open_ended.end) == ("AF", dt.date(2021, 8, 15), None)
    assert open_ended.span == "since-2021-08-15"
    closed = parse_governing("Taliban", "AFGGOV 960927-011113")
    assert closed.span == "1996-09-27-to-2001-11-13"
    with pytest.raises(ValueError):
        parse_governing("Taliban", "AFGREB 210815-")


def test_the_table_says_who_governed_afghanistan_on_a_date() -> None:
    assert governments()
    assert governing_on("AF", dt.date(2024, 3, 18)) is not None
    assert governing_on("AF", dt.date(2019, 5, 1)) is None  # the Republic's government
    assert governing_on("PK", dt.date(2024, 3, 18)) is None
    assert governing_on("AF", None) is None


def test_a_document_dated_in_the_range_names_the_ranges_government_under_its_own_id() -> None:
    dated = with_dated_governments(extraction(dt.date(2024, 3, 18)))
    identifier = "afghanistan-government-since-2021-08-15"
    assert dated.entities[0].id == identifier and dated.entities[0].name == "Afghan government"
    assert dated.relations[0].object == identifier
    assert governed_by([dated]) == {identifier: "taliban"}
    assert with_dated_governments(dated) == dated  # applied twice: the same


def test_a_document_outside_every_range_keeps_the_countrys_government() -> None:
    before = extraction(dt.date(2019, 5, 1))
    assert with_dated_governments(before) == before
    assert governed_by([before]) == {}
    undated = extraction(None)
    assert with_dated_governments(undated) == undated
