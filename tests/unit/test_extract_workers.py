"""Extraction in several processes: the same output as in one, in input order."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.cli.common import workers_option
from kg.model import Extraction, SourceDocument
from kg.nlp.extractor import Extractor, default_workers
from kg.settings import load_settings
from tests.unit.test_nlp_support import shared_extractor

TEXTS = [
    "Russia attacked Ukraine on Monday.",
    "Egypt urged Israel and Hamas to agree to a ceasefire.",
    "Iran will impose sanctions on Iraq, its foreign minister said.",
    "",  # an empty document: an empty extraction in its place
    "Jordan and Britain have agreed to undertake joint military exercises.",
    "The African Union condemned the coup in Niger.",
    "Turkey offered to mediate between Somalia and Ethiopia.",
]


def documents() -> list[SourceDocument]:
    day = dt.date(2024, 5, 16)
    return [SourceDocument(text=t, source=f"doc-{i}.txt", published=day) for i, t in enumerate(TEXTS)]


def dumped(results: list[object]) -> list[object]:
    return [r.to_json_dict() if isinstance(r, Extraction) else ("problem", str(r)) for r in results]


def test_two_workers_give_the_one_worker_output_in_order() -> None:
    one = shared_extractor()
    settings = load_settings(nlp_batch_size=2)
    two = Extractor(one.nlp, batch_size=2, model=one.model, workers=2, settings=settings)
    single = Extractor(one.nlp, batch_size=2, model=one.model)
    expected = dumped(list(single.extract_many(documents())))
    got = dumped(list(two.extract_many(documents())))
    assert got == expected
    assert [g["document"]["source"] for g in got if isinstance(g, dict)] == [f"doc-{i}.txt" for i in range(7)]
    assert sum(len(g["relations"]) for g in got if isinstance(g, dict)) >= 5


def test_one_batch_stays_in_this_process() -> None:
    one = shared_extractor()
    two = Extractor(one.nlp, batch_size=32, model=one.model, workers=2, settings=load_settings())
    # no pool is started for one batch: the result comes from this process's pipeline
    assert len(list(two.extract_many(documents()))) == len(TEXTS)


def test_workers_default_to_the_cores_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_NLP_WORKERS", raising=False)
    assert workers_option(None) == default_workers() >= 1
    assert workers_option(3) == 3
    monkeypatch.setenv("KG_NLP_WORKERS", "5")
    assert workers_option(None) == 5
