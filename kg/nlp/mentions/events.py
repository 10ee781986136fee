"""Events named by nouns: "the ceasefire", "the Doha talks", "a water-sharing pact"."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.model import EntityKind
from kg.nlp.mentions.core import Found, Mention
from kg.nlp.mentions.lexicon import Lexicon

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_AGREEMENTS = ("agreement", "ceasefire", "peace agreement")


def _canonical_event(tok: Token, mods: list[Token], lex: Lexicon) -> str | None:
    """The event a noun names: a listed compound ("peace agreement"), a more specific
    modifier ("ceasefire agreement" is a ceasefire), or the noun itself."""
    events = lex.know.event_nouns
    lemma = tok.lemma_.lower()
    for mod in mods:
        canonical = events.get(f"{mod.lower_} {tok.lower_}") or events.get(f"{mod.lemma_.lower()} {lemma}")
        if canonical:
            return canonical
        if mod.dep_ == "compound" and mod.lemma_.lower() in events and lemma in events:
            return events[mod.lemma_.lower()]
    return events.get(tok.lower_) or events.get(lemma)


def _names_event(mod: Token) -> bool:
    """A proper noun or a year names the event it modifies ("the Doha talks", "2020 deal")."""
    year = bool(_YEAR.match(mod.text))
    return (mod.pos_ == "PROPN" or year) and (mod.text[:1].isupper() or year)


def _topic(tok: Token, mods: list[Token], lex: Lexicon) -> tuple[str, int] | None:
    """What an unnamed agreement is about, written before it ("a water-sharing pact", "a
    coastal fisheries agreement"): it tells two agreements of one story apart."""
    topic = [m for m in mods if m.dep_ == "compound" and m.pos_ == "NOUN" and m.is_lower]
    if not topic:
        return None
    start = min(t.i for m in topic for t in m.subtree)
    while start > 0 and any(
        m.i == start - 1 and m.dep_ == "amod" and m.is_lower and m.lower_ not in lex.words.vague for m in mods
    ):
        start -= 1
    words = [t for t in tok.doc[start : tok.i + 1] if t.is_alpha and t.is_lower]
    if len(words) != tok.i + 1 - start:
        return None
    return " ".join(t.lower_ for t in words), start


def event_of(tok: Token, lex: Lexicon) -> tuple[str, str | None, int] | None:
    """(canonical, qualifier naming it, first token) when the noun names an event."""
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "nummod")]
    canonical = _canonical_event(tok, mods, lex)
    if canonical is None:
        return None
    qualifier = None
    first = tok.i
    fresh = [m for m in mods if m.dep_ == "amod" and m.lower_ in lex.words.fresh]
    if fresh:
        canonical = f"new {canonical}"  # "proposed new elections" is not the disputed one
        first = fresh[0].i
    for mod in mods:
        if mod.dep_ in ("compound", "nmod", "amod", "nummod") and _names_event(mod):
            qualifier = mod.text
        if (mod.dep_ == "compound" or mod is mods[-1]) and (mod.dep_ == "compound" or qualifier == mod.text):
            first = min(first, mod.i)
    if canonical == "agreement" and qualifier is None and not fresh:
        topic = _topic(tok, mods, lex)
        if topic is not None:
            return topic[0], None, topic[1]
    return canonical, qualifier, first


def events(found: Found, lex: Lexicon) -> None:
    """Event nouns are events, named by a proper noun or year where one is written."""
    # "the agreement" after an agreement of the text is that agreement
    doc = found.doc
    last_agreement: Mention | None = None
    for tok in doc:
        if not found.free(tok.i) or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            continue  # the head noun decides ("ceasefire agreement")
        event = event_of(tok, lex)
        if event is None:
            continue
        canonical, qualifier, first = event
        while first < tok.i and not found.free(first):
            first += 1  # "the NATO summit": NATO stays the organisation
        text = doc[first : tok.i + 1].text
        definite = any(c.lower_ == "the" for c in tok.children if c.dep_ == "det")
        if canonical == "agreement" and qualifier is None and last_agreement is not None and definite:
            earlier = last_agreement
            found.add(
                Mention(
                    first, tok.i + 1, EntityKind.EVENT, earlier.key, earlier.name, text, named=earlier.named
                )
            )
            continue
        name = f"{qualifier} {canonical}" if qualifier else canonical
        idx = found.add(
            Mention(
                first, tok.i + 1, EntityKind.EVENT, f"event:{name}", name, text, named=qualifier is not None
            )
        )
        an_agreement = canonical in _AGREEMENTS or lex.know.event_nouns.get(tok.lemma_.lower()) == "agreement"
        if idx is not None and an_agreement:
            last_agreement = found.mentions[idx]
