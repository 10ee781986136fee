"""Extraction quality on the held-out articles (tests/eval/unseen): a floor, so regressions fail.

The floors sit a little below what the extractor measured when they were set (see
tests/eval/unseen/FINDINGS.md for the numbers and the command). Raise them when extraction
improves; never lower them to make a change pass without saying why in FINDINGS.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg.model import EntityKind, RelationType
from tests.eval.unseen import run_eval

UNSEEN = Path(__file__).resolve().parents[1] / "eval" / "unseen"

# Measured 2026-11-27 04:10 UTC with kg/nlp at fa7fcc9 on all 25 articles: micro F1 0.799,
# micro P 0.937 (at b32ace7, 01:55: F1 0.784, P 0.934; the first 22 alone at 365a1d3: F1 0.749,
# P 0.925; at 3fa64a1 on 2026-11-26: F1 0.644, P 0.905).
ARTICLE_COUNT = 25
MICRO_F1_FLOOR = 0.78
MICRO_PRECISION_FLOOR = 0.92


@pytest.fixture(scope="module")
def runner() -> ModuleType:
    return run_eval


@pytest.fixture(scope="module")
def report(runner: ModuleType) -> Any:
    evaluation, _extractions = runner.evaluate(runner.build_extractor())
    return evaluation


def _keys() -> list[tuple[Path, dict[str, Any]]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((UNSEEN / "gold").glob("*.json"))]


def test_every_answer_key_is_well_formed() -> None:
    keys = _keys()
    assert len(keys) == ARTICLE_COUNT
    kinds = {kind.value for kind in EntityKind}
    types = {relation_type.value for relation_type in RelationType}
    for path, gold in keys:
        entities = gold["entities"]
        assert {e["kind"] for e in entities.values()} <= kinds, path.name
        relation_ids = [r["id"] for r in gold["relations"]]
        assert len(relation_ids) == len(set(relation_ids)), path.name
        for relation in gold["relations"]:
            ends = set(relation["subject"]) | set(relation["object"])
            assert ends <= set(entities), (path.name, relation["id"])
            assert set(relation["types"]) <= types, (path.name, relation["id"])
        assert any(r["required"] for r in gold["relations"]), path.name


def test_every_answer_key_matches_exactly_one_document(runner: ModuleType) -> None:
    keys = runner.load_gold(UNSEEN / "gold")
    documents = runner.load_documents(UNSEEN / "corpus", keys)
    assert len({d.sha256 for d in documents}) == len(keys)
    for (_path, gold), document in zip(keys, documents, strict=True):
        assert document.published is not None
        assert document.published.isoformat() == gold["published"]


def test_every_article_is_scored(report: Any) -> None:
    assert len(report.articles) == ARTICLE_COUNT
    assert all(article.required > 0 for article in report.articles)


def test_micro_f1_stays_above_the_floor(report: Any) -> None:
    assert report.micro_f1 >= MICRO_F1_FLOOR, report.totals_line()


def test_micro_precision_stays_above_the_floor(report: Any) -> None:
    assert report.micro_precision >= MICRO_PRECISION_FLOOR, report.totals_line()
