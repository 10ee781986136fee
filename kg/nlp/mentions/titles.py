"""Titles written before names ("Kenyan President Jane Doe", "EU foreign policy chief Y").

The grammar: [qualifier] [modifiers] TITLE NAME, where the qualifier is a country, nationality
or organisation ("Kremlin spokesman X", "Houthi military spokesman Z"), modifiers are lower-case
words ("national security"), and a portfolio before Minister/Secretary belongs to the title
("Defence Secretary").
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from kg.model import EntityKind
from kg.nlp.mentions.core import FREE, RESERVED, Found, Mention
from kg.nlp.mentions.lexicon import Lexicon

_ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
_QUALIFIERS = (EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.GROUP)


def strip_titles(span: Span, lex: Lexicon) -> Span:
    """The name without the courtesy words and titles the model put at its start."""
    i = 0
    while i < len(span):
        if span[i].lower_ in lex.know.honorifics:
            i += 1
            continue
        matched = 0
        for n in (3, 2, 1):
            if i + n < len(span) and " ".join(t.lower_ for t in span[i : i + n]) in lex.know.titles:
                matched = n
                break
        if not matched:
            break
        i += matched
    return span[i:]


def title_before(found: Found, end: int, sent_start: int, lex: Lexicon) -> int | None:
    """The first token of the title that ends right before token ``end``, if one does."""
    first = _listed_title_before(found, end, sent_start, lex)
    if first is None:
        return None
    if found.doc[end - 1].lower_ in lex.words.portfolio_heads:
        first = _portfolio_before(found, first, sent_start, lex)
    first = _modifiers_before(found, first, sent_start, lex)
    while (
        first - 1 >= sent_start
        and found.free(first - 1)
        and found.doc[first - 1].lower_ in lex.words.title_prefixes
    ):
        first -= 1  # "Deputy Secretary of State"
    return first


def _listed_title_before(found: Found, end: int, sent_start: int, lex: Lexicon) -> int | None:
    """The longest listed title (up to four words) ending at ``end``, on free tokens."""
    for n in (4, 3, 2, 1):
        s = end - n
        if s < sent_start or any(found.owner[i] != FREE for i in range(s, end)):
            continue
        span = found.doc[s:end]
        if span.text.lower() in lex.know.titles or " ".join(t.lower_ for t in span) in lex.know.titles:
            return s
    return None


def _portfolio_before(found: Found, first: int, sent_start: int, lex: Lexicon) -> int:
    """ "Defence Secretary", "Enlargement Commissioner": up to two capitalised words before
    Minister/Secretary/Commissioner are its portfolio (never a country or nationality)."""
    doc, know = found.doc, lex.know
    for _ in range(2):
        prev = first - 1
        if prev < sent_start or not found.free(prev) or not doc[prev].is_alpha or not doc[prev].is_title:
            break
        if (
            doc[prev].text in know.country_forms
            or doc[prev].ent_type_ == "GPE"
            or doc[prev].text in know.institutions
        ):
            break  # "Pentagon Press Secretary": the institution qualifies the title
        names = (doc[k : prev + 1].text for k in range(max(sent_start, prev - 5), prev))
        if any(name in know.country_forms for name in names):
            break  # "Antigua and Barbuda Prime Minister": a country, no portfolio
        if doc[prev].ent_type_ == "NORP" and know.country_of_stem(doc[prev].text) is not None:
            break  # "Armenian Defence Minister"
        first = prev
    return first


def _modifiers_before(found: Found, first: int, sent_start: int, lex: Lexicon) -> int:
    """Lower-case modifiers belong to the title: "military spokesman", "national security
    adviser"; never an organ ("Chinese foreign ministry spokesman": the ministry qualifies it)."""
    doc = found.doc
    for _ in range(3):
        prev = first - 1
        if prev < sent_start or not found.free(prev):
            break
        tok = doc[prev]
        if not tok.is_alpha or not tok.is_lower or tok.pos_ not in ("ADJ", "NOUN") or tok.dep_ == "det":
            break
        if tok.lemma_.lower() in lex.know.state_bodies:
            break
        first = prev
    return first


def name_like(ent: Span, lex: Lexicon) -> bool:
    """Two to four capitalised words, no organisation word, no acronym: maybe a person."""
    words = [t for t in ent if t.is_alpha]
    return (
        2 <= len(words) <= 4
        and len(words) == len(ent)
        and all(t.is_title for t in words)
        and not any(t.lemma_.lower() in lex.know.bodies for t in words)
    )


def _reserve(found: Found, person: int, first: int) -> None:
    found.titles[person] = first
    for i in range(first, person):
        found.owner[i] = RESERVED


def reserve_titles(found: Found, lex: Lexicon) -> None:
    """Reserve the title before each person's name, so no later rule reads a word of it as a name."""
    # "Secretary of State Antony Blinken": "State" is no organisation. A name the model took for
    # an organisation counts as a person when a title precedes it ("spokeswoman Yolande Makolo").
    for ent in found.ents:
        if ent.label_ == "PERSON":
            start = strip_titles(ent, lex).start
            if start > ent.start:
                # "Sheikh Mohammed ..." inside, maybe "Qatari Prime Minister" before it too
                outer = title_before(found, ent.start, ent.sent.start, lex)
                _reserve(found, start, outer if outer is not None else ent.start)
                continue
        elif ent.label_ == "ORG" and name_like(ent, lex):
            start = ent.start
        else:
            continue
        first = title_before(found, start, ent.sent.start, lex)
        if first is None:
            continue
        _reserve(found, start, first)
        if ent.label_ == "ORG":
            found.titled_orgs.add(ent.start)


def monarchs(found: Found, lex: Lexicon) -> None:
    """ "King Abdullah II", "Sheikh Tamim": a monarch's title makes the name that follows."""
    doc = found.doc
    for tok in doc[:-1]:
        if not found.free(tok.i) or tok.lower_ not in lex.words.monarchs or not tok.is_title:
            continue
        end = tok.i + 1
        while end < len(doc) and found.free(end) and doc[end].tag_ == "NNP" and doc[end].is_title:
            end += 1
        if end < len(doc) and found.free(end) and _ROMAN.match(doc[end].text):
            end += 1
        if end > tok.i + 1:
            name = doc[tok.i + 1 : end].text
            idx = found.add(Mention(tok.i + 1, end, EntityKind.PERSON, f"person:{name}", name, name))
            if idx is not None:
                found.titles[tok.i + 1] = title_before(found, tok.i + 1, tok.sent.start, lex) or tok.i


def company_qualifiers(found: Found, lex: Lexicon) -> None:
    """An unknown proper noun before a corporate title is the company: 'Vantorex chief executive X'."""
    doc = found.doc
    for person, start in found.titles.items():
        role = doc[start:person].text.lower()
        before = start - 1
        if role not in lex.words.corporate_titles or before < 0 or not found.free(before):
            continue
        tok = doc[before]
        if tok.tag_ != "NNP" or not tok.is_alpha or tok.text in lex.know.country_forms:
            continue
        if tok.ent_type_ in ("GPE", "NORP", "PERSON"):
            continue
        found.add(Mention(before, before + 1, EntityKind.ORGANIZATION, f"org:{tok.text}", tok.text, tok.text))


def title_roles(found: Found, lex: Lexicon) -> None:
    """'Kenyan President Jane Doe': role 'President', qualified by Kenya."""
    doc = found.doc
    for m in found.mentions:
        if m.kind is not EntityKind.PERSON or m.start not in found.titles:
            continue
        first = found.titles[m.start]
        # the role as written, without courtesy words ("Prime Minister", not "... Sheikh")
        m.role = "".join(
            t.text_with_ws for t in doc[first : m.start] if t.lower_ not in lex.know.honorifics
        ).strip()
        m.role_start = first
        m.role_target = qualifier_of_title(found, first, doc[m.start].sent.start, lex)
        if m.role_target is None and state_role(m.role, lex):
            m.role_target = country_of_title(found, m)
        if m.role_target is None:
            m.role_target = chamber_of_title(found, m, lex)


def qualifier_of_title(found: Found, first: int, sent_start: int, lex: Lexicon) -> int | None:
    """The country, organisation or group written before a title, past possessives and unnamed
    organ words ("Chinese foreign ministry spokesman", "Front political bureau chief")."""
    doc = found.doc
    before = first - 1
    if before >= sent_start and doc[before].tag_ == "POS":
        before -= 1
    steps = 0
    organ_words = lex.know.state_bodies | lex.words.portfolios
    while (
        before > sent_start
        and found.free(before)
        and steps < 3
        and doc[before].is_lower
        and (
            doc[before].lemma_.lower() in organ_words
            or (steps > 0 and doc[before].pos_ == "ADJ" and doc[before].tag_ == "JJ")
        )
    ):
        before -= 1
        steps += 1
    if steps and before >= sent_start and doc[before].tag_ == "POS":
        before -= 1  # "Russia's foreign ministry spokeswoman"
    if before >= sent_start and found.owner[before] >= 0:
        target = found.owner[before]
        if found.mentions[target].kind in _QUALIFIERS:
            return target
    return None


def state_role(role: str, lex: Lexicon) -> bool:
    """A title only a state gives ("President", "caretaker Prime Minister", "former
    Interior Minister"), as opposed to "Speaker" or "spokesman"."""
    words = role.lower().split()
    if words and words[-1] in ("minister", "secretary") and "general" not in words:
        return True
    return any(" ".join(words[i:]) in lex.know.state_titles for i in range(len(words)))


def country_of_title(found: Found, m: Mention) -> int | None:
    """The country of a title written without one, only on strong evidence (a wrong country is
    worse than none): "President X of Y", "Prime Minister X in <capital>"; never the country of
    the dateline or of the article (on held-out news that guess is wrong more often than right)."""
    last = found.doc[m.end - 1]
    for prep in last.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "in"):
            continue
        for obj in prep.children:
            target = found.at(obj.i) if obj.dep_ == "pobj" else None
            if target is not None and target.kind is EntityKind.COUNTRY:
                return found.owner[obj.i]
    return None


def chamber_of_title(found: Found, m: Mention, lex: Lexicon) -> int | None:
    """'Senator X' sits in the one senate the text names, 'Representative Y' in the one house
    of representatives; nothing when the text names none or several."""
    chamber = lex.words.chambers.get((m.role or "").lower())
    if chamber is None:
        return None
    located = {
        other.key: idx
        for idx, other in enumerate(found.mentions)
        if other.kind is EntityKind.ORGANIZATION
        and not other.dropped
        and any(other.name.lower().endswith(suffix) for suffix in chamber)
    }
    names = {key: found.mentions[idx].name for key, idx in located.items()}
    # "the House" after "the U.S. House of Representatives" is the same chamber
    longest = [k for k in located if not any(k != o and names[k] in names[o].split() for o in located)]
    if len(longest) == 1 and all(names[k] in names[longest[0]].split() or k == longest[0] for k in located):
        return located[longest[0]]
    return None


def _holders(found: Found) -> dict[tuple[str, str], set[str]]:
    """(title, country code) -> keys of the people the text names with that title."""
    holders: dict[tuple[str, str], set[str]] = {}
    for m in found.mentions:
        if m.kind is EntityKind.PERSON and m.role and m.role_target is not None:
            target = found.mentions[m.role_target]
            if target.kind is EntityKind.COUNTRY and target.country:
                holders.setdefault((m.role.lower(), target.country), set()).add(m.key)
    return holders


def described_by_title(found: Found, lex: Lexicon) -> None:
    """'the French president' is the person the text named with that title; else it stays France's."""
    doc = found.doc
    holders = _holders(found)
    by_key = {m.key: m for m in found.mentions if m.kind is EntityKind.PERSON}
    for tok in doc:
        if not found.free(tok.i) or tok.pos_ != "NOUN" or tok.tag_ != "NN":
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            continue  # a title before a name is the name's
        first = _listed_title_before(found, tok.i + 1, tok.sent.start, lex)
        if first is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        before = first - 1 - (1 if first > 1 and doc[first - 1].tag_ == "POS" else 0)
        country = found.at(before) if before >= 0 else None
        if country is None or country.kind is not EntityKind.COUNTRY or not country.country:
            continue
        title = doc[first : tok.i + 1].text.lower()
        text = doc[country.start : tok.i + 1].text
        named = holders.get((title, country.country), set())
        if len(named) == 1:
            person = by_key[next(iter(named))]
            found.add(Mention(first, tok.i + 1, EntityKind.PERSON, person.key, person.name, text))
