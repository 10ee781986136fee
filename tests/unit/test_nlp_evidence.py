"""Evidence spans: offsets point into the text as given, and never into page furniture."""

from __future__ import annotations

import datetime as dt

from kg.model import SourceDocument
from tests.unit.test_nlp_support import shared_extractor

ARTICLE = (
    "Egypt urged Ethiopia to halt the filling of the dam, the foreign ministry said on Tuesday.\n"
    "\n"
    "Share this article\n"
)


def test_evidence_stops_where_trailing_furniture_starts() -> None:
    furniture_start = ARTICLE.index("Share this article")
    document = SourceDocument(
        text=ARTICLE,
        source="furniture.txt",
        published=dt.date(2024, 3, 7),
        skip=((furniture_start, len(ARTICLE)),),
    )
    extraction = shared_extractor().extract(document)
    assert extraction.relations, "the urging is read"
    for relation in extraction.relations:
        evidence = relation.evidence
        assert ARTICLE[evidence.start : evidence.end] == evidence.text
        assert evidence.end <= furniture_start
        assert "Share" not in evidence.text
        assert evidence.text.endswith("on Tuesday.")
