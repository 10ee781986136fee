"""Article text from saved news pages: what kg reads (loaders.html) against trafilatura's own output.

    python bench/html_text.py            # one line per page, then the means
    python bench/html_text.py --json     # the same numbers as one JSON object

The pages are ``bench/html_text/pages/NAME.html.gz`` with their expected article text
``NAME.txt`` and ``NAME.json`` (URL, publication date): 22 real pages of 20 sites in 10
languages, shipped as test data in the newspaper4k 0.9.6 source distribution on PyPI (see
``bench/html_text/SOURCES.md`` for provenance and licences).

Both sides read the same bytes. kg: the text ``kg ingest`` reads from the file (decoded as kg
decodes it, trafilatura + kg's text format, page furniture left out). trafilatura:
``trafilatura.extract(page)`` with its defaults. Score: bag-of-words F1 against the expected
text (lower-cased word tokens; in scripts written without spaces, each character is a token),
per page, then the mean over pages. Dates: the page's publication day against the expected one,
where the set has one. Exit status 1 when kg's mean F1 is below trafilatura's.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "bench" / "html_text" / "pages"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Scripts written without spaces between words: each character counts as a token.
_UNSPACED = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W_{_UNSPACED}]+")


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def f1(found: str, expected: str) -> float:
    """Bag-of-words F1 of ``found`` against ``expected`` (1.0 when both are empty)."""
    got, want = tokens(found), tokens(expected)
    if not got and not want:
        return 1.0
    common = sum((got & want).values())
    if common == 0:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class PageScore:
    page: str
    kg_f1: float
    trafilatura_f1: float
    expected_date: str | None
    kg_date: str | None
    trafilatura_date: str | None


def kg_reads(data: bytes, source: str) -> tuple[str, str | None]:
    """The text kg's extraction reads from an HTML file (furniture left out) and its date."""
    from loaders.documents import decode_bytes, document_from_html

    document = document_from_html(decode_bytes(data, source=source, html=True), source=source)
    text, at = [], 0
    for start, end in document.skip:
        text.append(document.text[at:start])
        at = max(at, end)
    text.append(document.text[at:])
    return "".join(text), document.published.isoformat() if document.published else None


def trafilatura_reads(data: bytes) -> tuple[str, str | None]:
    """trafilatura's own text of the page (its defaults), and its date."""
    import trafilatura

    text = trafilatura.extract(data) or ""
    metadata = trafilatura.bare_extraction(data, with_metadata=True)
    date = getattr(metadata, "date", None) if metadata is not None else None
    return text, date


def score_page(html_file: Path) -> PageScore:
    name = html_file.name.removesuffix(".html.gz")
    data = gzip.decompress(html_file.read_bytes())
    expected = (html_file.parent / f"{name}.txt").read_text(encoding="utf-8")
    info = json.loads((html_file.parent / f"{name}.json").read_text(encoding="utf-8"))
    kg_text, kg_date = kg_reads(data, str(html_file))
    theirs, their_date = trafilatura_reads(data)
    return PageScore(
        page=name,
        kg_f1=f1(kg_text, expected),
        trafilatura_f1=f1(theirs, expected),
        expected_date=(info.get("published") or "")[:10] or None,
        kg_date=kg_date,
        trafilatura_date=their_date,
    )


def score_all(pages: Path = PAGES) -> list[PageScore]:
    files = sorted(pages.glob("*.html.gz"))
    if not files:
        raise SystemExit(f"no pages in {pages}")
    return [score_page(path) for path in files]


def summary(scores: list[PageScore]) -> dict[str, float | int]:
    dated = [s for s in scores if s.expected_date]
    return {
        "pages": len(scores),
        "kg_f1": sum(s.kg_f1 for s in scores) / len(scores),
        "trafilatura_f1": sum(s.trafilatura_f1 for s in scores) / len(scores),
        "dated_pages": len(dated),
        "kg_dates_right": sum(s.kg_date == s.expected_date for s in dated),
        "trafilatura_dates_right": sum(s.trafilatura_date == s.expected_date for s in dated),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of NAME.html.gz/.txt/.json")
    args = parser.parse_args(argv)
    scores = score_all(args.pages)
    totals = summary(scores)
    if args.json:
        print(json.dumps({"summary": totals, "pages": [asdict(s) for s in scores]}, indent=1))
    else:
        print(f"{'page':<22} {'kg F1':>6} {'traf. F1':>8}  {'date: expected':<14} {'kg':<10} trafilatura")
        for s in scores:
            print(f"{s.page:<22} {s.kg_f1:6.3f} {s.trafilatura_f1:8.3f}  {s.expected_date or '-':<14} "
                  f"{s.kg_date or '-':<10} {s.trafilatura_date or '-'}")
        ratio = totals["kg_f1"] / totals["trafilatura_f1"]
        print(f"mean F1 over {totals['pages']} pages: kg {totals['kg_f1']:.3f}, "
              f"trafilatura {totals['trafilatura_f1']:.3f} (ratio {ratio:.3f})")
        print(f"publication day right on {totals['dated_pages']} dated pages: kg {totals['kg_dates_right']}, "
              f"trafilatura {totals['trafilatura_dates_right']}")
    return 0 if totals["kg_f1"] >= totals["trafilatura_f1"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
