"""Helpers for the mention-rule tests: run the rules on a parsed sentence, with or without one.

Every rule test shows the rule's own effect: what the rules find with it, and (where the model
leaves something to correct) what they find without it.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from kg.nlp.components import ACTORS
from kg.nlp.mentions import RULES, Lexicon, Mention, find_mentions
from kg.nlp.mentions.core import Rule
from tests.unit.test_nlp_support import shared_extractor


def parse(text: str) -> Doc:
    """The sentence parsed by the extractor's pipeline (kg's components included)."""
    doc: Doc = shared_extractor().nlp(text)
    return doc


def lexicon() -> Lexicon:
    pipe = shared_extractor().nlp.get_pipe(ACTORS)
    lex: Lexicon | None = pipe.lexicon
    assert lex is not None
    return lex


def mentions(text: str, *, without: Iterable[Rule] = ()) -> list[Mention]:
    """The mentions of ``text`` found by every rule except those in ``without``."""
    skip = set(without)
    return find_mentions(parse(text), lexicon(), tuple(r for r in RULES if r not in skip))


def read(found: list[Mention]) -> dict[str, tuple[str, str]]:
    """Surface text -> (kind, canonical name) of each mention (the last one wins)."""
    return {m.text: (m.kind.value, m.name) for m in found}


def by_text(found: list[Mention], text: str) -> Mention:
    for m in found:
        if m.text == text:
            return m
    raise AssertionError(f"no mention {text!r} in {[m.text for m in found]}")
