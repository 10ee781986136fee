"""Extraction is linear in document length: what the relation rules need of a sentence is
computed once per Doc, never per verb (no timing here: the entity list's rebuilds are counted)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from kg.model import SourceDocument
from kg.nlp.relations import context
from tests.unit.test_nlp_support import shared_extractor

SENTENCE = "On {day}, {a} accused {b} of shelling villages, and {b} urged {c} to send troops."
DAYS = ["Monday", "Tuesday", "Wednesday"]
COUNTRIES = ["Armenia", "Azerbaijan", "Georgia", "Turkey", "Iran", "France"]


def text(sentences: int) -> str:
    lines = []
    for i in range(sentences):
        a, b, c = (COUNTRIES[(i + k) % len(COUNTRIES)] for k in range(3))
        lines.append(SENTENCE.format(day=DAYS[i % 3], a=a, b=b, c=c))
    return "\n\n".join(lines)


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counted: list[int] = []
    original: Callable[[Any], Any] = context.document_entities

    def counting(doc: Any) -> Any:
        counted.append(len(doc))
        return original(doc)

    monkeypatch.setattr(context, "document_entities", counting)
    return counted


@pytest.mark.parametrize("sentences", [5, 40])
def test_entities_are_read_once_per_document_whatever_its_length(rebuilds: list[int], sentences: int) -> None:
    found = shared_extractor().extract(
        SourceDocument(text=text(sentences), source="long", published=dt.date(2024, 5, 16))
    )
    assert len(rebuilds) == 1  # one Doc, one read: not one per sentence or per verb
    dated = [r for r in found.relations if r.date is not None]
    # every sentence's relations still get their own sentence's date
    assert len(dated) >= sentences
    assert {r.date.weekday() for r in dated if r.date} == {0, 1, 2}
