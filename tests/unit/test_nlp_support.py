"""Shared helpers for the NLP tests: one extractor per test session, triples by entity name."""

from __future__ import annotations

import datetime as dt
import functools

from kg.model import Extraction, Relation, SourceDocument
from kg.nlp.extractor import Extractor
from kg.settings import load_settings

PUBLISHED = dt.date(2024, 5, 16)  # a Thursday


@functools.cache
def shared_extractor() -> Extractor:
    """Built once per test session whichever NLP test module asks first."""
    return Extractor.from_settings(load_settings())


def extract(text: str, *, published: dt.date | None = PUBLISHED, source: str = "test") -> Extraction:
    return shared_extractor().extract(SourceDocument(text=text, source=source, published=published))


def names(extraction: Extraction) -> dict[str, str]:
    return {e.id: e.name for e in extraction.entities}


def triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    """(subject name, TYPE, object name) for every relation."""
    by_id = names(extraction)
    return {(by_id[r.subject], r.type.value, by_id[r.object]) for r in extraction.relations}


def find(extraction: Extraction, subject: str, rtype: str, obj: str) -> Relation:
    by_id = names(extraction)
    for r in extraction.relations:
        if (by_id[r.subject], r.type.value, by_id[r.object]) == (subject, rtype, obj):
            return r
    raise AssertionError(f"no {subject} -{rtype}-> {obj} in {sorted(triples(extraction))}")


def test_shared_extractor_is_built_once() -> None:
    assert shared_extractor() is shared_extractor()
