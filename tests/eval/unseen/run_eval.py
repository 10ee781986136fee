#!/usr/bin/env python3
"""Extract a held-out corpus and score every article against its answer key.

    python tests/eval/unseen/run_eval.py [--set unseen|holdout] [--dir DIR] [--verbose] [--evidence]
                                         [--save OUT.jsonl] [--keep-negated] [--min-micro-f1 F]

Two sets, each a folder with ``corpus/`` (the articles) and ``gold/`` (one answer key each):

* ``unseen`` (the default): tests/eval/unseen, which extraction is tuned against;
* ``holdout``: tests/eval/holdout, which nobody tunes on (see its README) and which reports
  honest generalisation numbers.

``--dir DIR`` scores any other folder of the same shape; ``--corpus``/``--gold`` override
either half.

The documents are read with ``loaders.documents.iter_documents`` (the loaders ``kg extract``
uses) and extracted once with ``kg.nlp.extractor.Extractor.from_settings(load_settings())``.
Each article's extraction is then scored by ``tests/eval/score.py`` (run as a program, exactly
as a person would run it), one line per article, followed by the totals:

* micro: hits and predictions summed over all articles (P = correct predicted / predicted,
  R = required found / required), so long articles weigh more;
* macro: the mean of the per-article F1 scores.

A key's ``"document"`` is matched to a document the way ``score.py`` matches it (the end of
``source``, ``title``, ``id`` or ``url``); a key matching no document, or several, is an error
rather than a silent fallback. Documents without their own date get the key's ``published``.

Relations the extractor marks ``negated`` are not claims that something happened (the graph
builds its typed relationships from non-negated claims only) and ``score.py`` does not look at
the flag, so they are left out before scoring; ``--keep-negated`` scores them as positives.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent / "score.py"
DEFAULT_CORPUS = HERE / "corpus"
DEFAULT_GOLD = HERE / "gold"
# The named evaluation sets: each folder holds corpus/ and gold/.
EVAL_SETS = {"unseen": HERE, "holdout": HERE.parent / "holdout"}

_SUMMARY = re.compile(
    r"relations P=(?P<p>[\d.]+) R=(?P<r>[\d.]+) F1=(?P<f1>[\d.]+) "
    r"\((?P<hit>\d+)/(?P<required>\d+) required, (?P<correct>\d+)/(?P<predicted>\d+) predicted correct\) "
    r"entities R=(?P<er>[\d.]+)"
)


@dataclass(frozen=True)
class ArticleScore:
    """What score.py printed for one article, parsed."""

    document: str
    precision: float
    recall: float
    f1: float
    required_found: int
    required: int
    predicted_correct: int
    predicted: int
    entity_recall: float
    negated_dropped: int
    report: str  # score.py's full output (its --verbose lines when asked)


@dataclass
class EvalReport:
    articles: list[ArticleScore] = field(default_factory=list)

    @property
    def micro_precision(self) -> float:
        predicted = sum(a.predicted for a in self.articles)
        return sum(a.predicted_correct for a in self.articles) / predicted if predicted else 0.0

    @property
    def micro_recall(self) -> float:
        required = sum(a.required for a in self.articles)
        return sum(a.required_found for a in self.articles) / required if required else 0.0

    @property
    def micro_f1(self) -> float:
        p, r = self.micro_precision, self.micro_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def macro_f1(self) -> float:
        return sum(a.f1 for a in self.articles) / len(self.articles) if self.articles else 0.0

    @property
    def macro_entity_recall(self) -> float:
        if not self.articles:
            return 0.0
        return sum(a.entity_recall for a in self.articles) / len(self.articles)

    def totals_line(self) -> str:
        hits = sum(a.required_found for a in self.articles)
        required = sum(a.required for a in self.articles)
        correct = sum(a.predicted_correct for a in self.articles)
        predicted = sum(a.predicted for a in self.articles)
        return (
            f"TOTAL ({len(self.articles)} articles): micro P={self.micro_precision:.3f} "
            f"R={self.micro_recall:.3f} F1={self.micro_f1:.3f} "
            f"({hits}/{required} required, {correct}/{predicted} predicted correct); "
            f"macro F1={self.macro_f1:.3f}; macro entity R={self.macro_entity_recall:.3f}"
        )


def _matches(name: str, document: Any) -> bool:
    """score.py's rule: source, title, id or url ends with the key's document name or its stem."""
    stem = name.rsplit(".", 1)[0]
    for key in ("source", "title", "id", "url"):
        value = str(getattr(document, key, None) or "")
        if value.endswith(name) or value.endswith(stem):
            return True
    return False


def load_gold(gold_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    keys = [(path, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(gold_dir.glob("*.json"))]
    if not keys:
        raise SystemExit(f"run_eval: no answer keys (*.json) in {gold_dir}")
    return keys


def load_documents(corpus: Path, keys: Sequence[tuple[Path, dict[str, Any]]]) -> list[Any]:
    """One SourceDocument per key, in key order; every key must match exactly one document."""
    from kg.errors import Problem
    from loaders.documents import iter_documents

    documents = []
    for item in iter_documents([str(corpus)]):
        if isinstance(item, Problem):
            raise SystemExit(f"run_eval: cannot read the corpus: {item}")
        documents.append(item)
    chosen = []
    for path, gold in keys:
        found = [d for d in documents if _matches(gold["document"], d)]
        if len(found) != 1:
            names = ", ".join(str(d.source) for d in found) or "none"
            raise SystemExit(
                f"run_eval: {path.name}: document {gold['document']!r} matches "
                f"{len(found)} documents ({names})"
            )
        document = found[0]
        if document.published is None and gold.get("published"):
            document = document.model_copy(update={"published": dt.date.fromisoformat(gold["published"])})
        chosen.append(document)
    return chosen


def build_extractor() -> Any:
    from kg.nlp.extractor import Extractor
    from kg.settings import load_settings

    return Extractor.from_settings(load_settings())


def extract_all(extractor: Any, documents: Sequence[Any]) -> list[dict[str, Any]]:
    from kg.errors import Problem

    extractions: list[dict[str, Any]] = []
    for document, result in zip(documents, extractor.extract_many(documents), strict=True):
        if isinstance(result, Problem):
            raise SystemExit(f"run_eval: extraction failed for {document.source}: {result}")
        extractions.append(result.to_json_dict())
    return extractions


def score_article(
    gold_path: Path, extraction: dict[str, Any], *, keep_negated: bool = False, verbose: bool = False
) -> ArticleScore:
    relations = extraction.get("relations", [])
    kept = relations if keep_negated else [r for r in relations if not r.get("negated")]
    scored = dict(extraction, relations=kept)
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        extraction_path = Path(tmp) / "extraction.json"
        extraction_path.write_text(json.dumps(scored, ensure_ascii=False), encoding="utf-8")
        command = [sys.executable, str(SCORER), str(gold_path), str(extraction_path)]
        if verbose:
            command.append("--verbose")
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"run_eval: score.py failed on {gold_path.name}: {completed.stderr.strip()}")
    output = completed.stdout.rstrip("\n")
    summary = _SUMMARY.search(output.splitlines()[-1]) if output else None
    if summary is None:
        raise SystemExit(f"run_eval: unexpected score.py output for {gold_path.name}: {output!r}")
    return ArticleScore(
        document=output.splitlines()[-1].split(": relations", 1)[0],
        precision=float(summary["p"]),
        recall=float(summary["r"]),
        f1=float(summary["f1"]),
        required_found=int(summary["hit"]),
        required=int(summary["required"]),
        predicted_correct=int(summary["correct"]),
        predicted=int(summary["predicted"]),
        entity_recall=float(summary["er"]),
        negated_dropped=len(relations) - len(kept),
        report=output,
    )


def evaluate(
    extractor: Any,
    directory: Path | None = None,
    *,
    corpus: Path | None = None,
    gold_dir: Path | None = None,
    keep_negated: bool = False,
    verbose: bool = False,
) -> tuple[EvalReport, list[dict[str, Any]]]:
    """Extract and score a whole set; returns the report and the raw extractions.

    ``directory`` is a set folder holding ``corpus/`` and ``gold/`` (default: the unseen set);
    ``corpus`` and ``gold_dir`` override either half.
    """
    base = directory if directory is not None else HERE
    corpus = corpus if corpus is not None else base / "corpus"
    gold_dir = gold_dir if gold_dir is not None else base / "gold"
    keys = load_gold(gold_dir)
    documents = load_documents(corpus, keys)
    extractions = extract_all(extractor, documents)
    report = EvalReport()
    for (path, _gold), extraction in zip(keys, extractions, strict=True):
        report.articles.append(score_article(path, extraction, keep_negated=keep_negated, verbose=verbose))
    return report, extractions


def _evidence_lines(extraction: dict[str, Any]) -> list[str]:
    names = {e["id"]: e["name"] for e in extraction.get("entities", [])}
    lines = []
    for relation in extraction.get("relations", []):
        flag = " [negated]" if relation.get("negated") else ""
        text = " ".join(str((relation.get("evidence") or {}).get("text", "")).split())
        lines.append(
            f"     {names.get(relation['subject'], relation['subject'])} -{relation['type']}-> "
            f"{names.get(relation['object'], relation['object'])}{flag} | {text}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--set", dest="eval_set", choices=sorted(EVAL_SETS), default="unseen",
        help="which evaluation set to score (default: unseen; holdout is never tuned on)",
    )
    where.add_argument("--dir", type=Path, help="a set folder holding corpus/ and gold/")
    parser.add_argument("--corpus", type=Path, help="folder of articles (overrides the set's corpus/)")
    parser.add_argument("--gold", type=Path, help="folder of answer keys (overrides the set's gold/)")
    parser.add_argument(
        "--verbose", action="store_true", help="show misses, false positives, missing entities"
    )
    parser.add_argument(
        "--evidence", action="store_true", help="also list every predicted relation with its sentence"
    )
    parser.add_argument("--keep-negated", action="store_true", help="score negated relations as positives")
    parser.add_argument("--save", type=Path, help="write the extractions (JSON Lines) here")
    parser.add_argument("--min-micro-f1", type=float, help="exit 1 when the micro F1 is below this")
    args = parser.parse_args(argv)

    directory = args.dir if args.dir is not None else EVAL_SETS[args.eval_set]
    for override, half in ((args.corpus, "corpus"), (args.gold, "gold")):
        folder = override if override is not None else directory / half
        if not folder.is_dir():
            parser.error(f"{folder} is not a folder (a set folder holds corpus/ and gold/)")
    report, extractions = evaluate(
        build_extractor(), directory, corpus=args.corpus, gold_dir=args.gold,
        keep_negated=args.keep_negated, verbose=args.verbose,
    )
    for article, extraction in zip(report.articles, extractions, strict=True):
        if args.verbose:
            print(f"--- {article.document}")
            print("\n".join(article.report.splitlines()[:-1]))
        negated = f" [{article.negated_dropped} negated dropped]" if article.negated_dropped else ""
        print(article.report.splitlines()[-1] + negated)
        if args.evidence:
            print("\n".join(_evidence_lines(extraction)))
    print(report.totals_line())
    if args.save:
        with args.save.open("w", encoding="utf-8") as out:
            for extraction in extractions:
                out.write(json.dumps(extraction, ensure_ascii=False) + "\n")
    if args.min_micro_f1 is not None and report.micro_f1 < args.min_micro_f1:
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for kg and loaders
    sys.exit(main())
