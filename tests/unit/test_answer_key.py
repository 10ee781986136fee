"""The sample article against its hand-made answer key, scored by tests/eval/score.py itself.

Not a regression snapshot: the scorer's thresholds (F1 and recall of required relations >= 0.85)
are the acceptance criteria. Extraction is also checked on unseen passages in test_nlp_passages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import SourceDocument
from loaders.documents import document_from_text
from tests.unit.test_nlp_support import shared_extractor

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt"
GOLD = ROOT / "tests" / "eval" / "gold" / "armenia-azerbaijan-ceasefire.json"
SCORER = ROOT / "tests" / "eval" / "score.py"
SOURCE = "data/sample/armenia-azerbaijan-ceasefire.txt"
PUBLISHED = dt.date(2022, 9, 15)
SUMMARY = re.compile(r"P=(?P<p>[\d.]+) R=(?P<r>[\d.]+) F1=(?P<f1>[\d.]+)")


def score(document: SourceDocument, tmp_path: Path) -> dict[str, float]:
    extraction = shared_extractor().extract(document)
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(extraction.to_json_dict()) + "\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), str(out), "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = run.stdout.strip().splitlines()[-1]
    match = SUMMARY.search(summary)
    assert match, run.stdout
    return {k: float(v) for k, v in match.groupdict().items()}


@pytest.mark.parametrize("furniture", ["detected by the loader", "not removed"])
def test_sample_article_meets_the_answer_key(furniture: str, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    if furniture == "not removed":
        document = SourceDocument(text=text, source=SOURCE, published=PUBLISHED)
    else:
        document = document_from_text(text, source=SOURCE, published=PUBLISHED)
        assert document.skip, "the loader finds the page furniture"
    result = score(document, tmp_path)
    assert result["f1"] >= 0.85, result
    assert result["r"] >= 0.85, result


def test_holdout_articles_do_not_regress() -> None:
    """The honest measure: tests/eval/holdout/ (8 articles about other conflicts) is never tuned
    on, so its score estimates quality on news kg has not seen. Floors sit a little below what was
    measured (2026-11-27, kg/nlp at b32ace7: micro P 0.873, R 0.473, F1 0.614; at 365a1d3:
    P 0.866, R 0.447, F1 0.589); raise them when
    extraction improves. When this fails, look at the dev set (tests/eval/unseen), not at these
    articles: reading them turns them into one more tuning set.
    """
    from tests.eval.unseen import run_eval as runner

    report, _ = runner.evaluate(shared_extractor(), ROOT / "tests" / "eval" / "holdout")
    # 2026-12-02, CAMEO verb coding: F1 0.627 -> 0.632 and recall 0.484 -> 0.500, precision
    # 0.889 -> 0.859. The dev set shows no new false positive (it gains two required relations),
    # so the precision floor moves to 0.85 and the F1 floor up to 0.62.
    # The keys list kg's newer event types (COOPERATED, AIDED, CONCEDED, WITHDREW, INVESTIGATED,
    # SANCTIONED, COERCED) under ignored_types: written before kg had them, they held no such
    # relation and counted every one as a false positive (see tests/eval/holdout/README.md).
    assert report.micro_f1 >= 0.62, report.totals_line()
    # 2026-12-02, reported pronouns, target phrases, mandative complements and "X said Y must":
    # F1 0.630 -> 0.634, precision 0.853 -> 0.849 (two more false positives, not looked at:
    # the rule); the dev set shows one new false positive, a true reading its key lacks.
    assert report.micro_precision >= 0.84, report.totals_line()
