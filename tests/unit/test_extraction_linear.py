"""Extraction is linear in document length: what the mention and relation rules need of the
Doc is computed once per Doc, never per sentence, verb or mention (no timing here: the entity
list's rebuilds are counted)."""

from __future__ import annotations

import cProfile
import datetime as dt
import pstats
from collections.abc import Callable
from typing import Any

import pytest

from kg.model import SourceDocument
from kg.nlp.relations import context
from tests.unit.test_nlp_support import shared_extractor

SENTENCE = "On {day}, {a} accused {b} of shelling villages, and {b} urged {c} to send troops."
DAYS = ["Monday", "Tuesday", "Wednesday"]
COUNTRIES = ["Armenia", "Azerbaijan", "Georgia", "Turkey", "Iran", "France"]


# a people the model tags NORP and no country's nationality: read as a group or a place
PEOPLE_SENTENCE = "Kurdish fighters accused {a} of shelling villages near {b}."


def text(sentences: int, templates: tuple[str, ...] = (SENTENCE,)) -> str:
    lines = []
    for i in range(sentences):
        a, b, c = (COUNTRIES[(i + k) % len(COUNTRIES)] for k in range(3))
        lines.append(templates[i % len(templates)].format(day=DAYS[i % 3], a=a, b=b, c=c))
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


def _ents_getter(profile: cProfile.Profile) -> tuple[str, int, str] | None:
    """The profiler's key of spaCy's ``Doc.ents`` getter (a compiled property), if it shows."""
    keys = [
        key
        for key in pstats.Stats(profile).stats  # type: ignore[attr-defined]
        if key[0].endswith("doc.pyx") and key[2] == "__get__"
    ]
    return keys[0] if len(keys) == 1 else None


def _ents_reads(sentences: int) -> int:
    """How often extracting a document of ``sentences`` sentences rebuilt the Doc's entity list."""
    extractor = shared_extractor()
    probe = cProfile.Profile()
    doc = extractor.nlp.make_doc("Armenia and Azerbaijan.")
    probe.runcall(lambda: doc.ents)
    key = _ents_getter(probe)
    if key is None:
        pytest.skip("this spaCy build does not report Doc.ents to the profiler")
    words = text(sentences, (SENTENCE, PEOPLE_SENTENCE))
    source = SourceDocument(text=words, source="long", published=dt.date(2024, 5, 16))
    profile = cProfile.Profile()
    profile.runcall(extractor.extract, source)
    calls: int = pstats.Stats(profile).stats.get(key, (0,))[0]  # type: ignore[attr-defined]
    return calls


def test_no_rule_rebuilds_the_entity_list_per_sentence_or_mention() -> None:
    # spaCy builds doc.ents anew on every access; read per mention or per sentence, it makes
    # extraction quadratic in document length. A fixed number of reads per Doc is linear.
    short, long = _ents_reads(5), _ents_reads(40)
    assert short >= 1
    assert long == short
