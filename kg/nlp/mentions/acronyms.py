"""Acronyms: spelled out once in the text, known from the text, or unknown but shouting."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.model import EntityKind
from kg.nlp.mentions.core import RESERVED, Found, Mention
from kg.nlp.mentions.entities import ACRONYM
from kg.nlp.mentions.lexicon import Lexicon


def _bracketed_acronym(doc: Doc, i: int) -> bool:
    """Tokens i..i+2 are "(", an acronym, ")"."""
    return doc[i].text == "(" and doc[i + 2].text == ")" and bool(ACRONYM.match(doc[i + 1].text))


def _spelling_start(doc: Doc, i: int, lex: Lexicon) -> int | None:
    """The first of the capitalised words before the bracket at ``i`` whose initials spell the
    acronym in it (particles and hyphens spell nothing: "Hayat Tahrir al-Sham (HTS)")."""
    written = doc[i + 1].text
    acronym = written.rstrip("s") if written.endswith("s") else written
    best = None
    for j in range(i - 1, max(-1, i - 11), -1):
        tok = doc[j]
        if not (
            tok.is_title or tok.is_upper or tok.lower_ in lex.words.particles or tok.text in ("'s", "’s", "-")
        ):
            break
        if tok.lower_ in lex.words.particles or tok.text == "-":
            continue
        words = [t for t in doc[j:i] if t.text[:1].isupper()]
        if "".join(t.text[0] for t in words) in (acronym, written):
            best = j
    return best


def spelled_out(found: Found, lex: Lexicon) -> None:
    """Capitalised words before a bracketed acronym they spell are one organisation: 'X Y Z (XYZ)'."""
    # even where the model saw none, or saw a nationality inside it ("Organization of American States")
    doc = found.doc
    for i in range(1, len(doc) - 2):
        if not _bracketed_acronym(doc, i):
            continue
        best = _spelling_start(doc, i, lex)
        if best is None or any(found.owner[k] == RESERVED for k in range(best, i)):
            continue
        inside = {found.owner[k] for k in range(best, i) if found.owner[k] >= 0}
        if any(found.mentions[k].start < best or found.mentions[k].end > i for k in inside):
            continue
        if len(inside) == 1 and found.mentions[next(iter(inside))].kind is EntityKind.ORGANIZATION:
            continue  # already an organisation; the acronym is attached by `acronyms`
        for k in inside:
            found.drop(k)
        name = doc[best:i].text
        found.add(
            Mention(best, i, EntityKind.ORGANIZATION, f"org:{name}", name, name, acronym=doc[i + 1].text)
        )


def _acronym_of(found: Found, m: Mention, words: set[str], lex: Lexicon) -> tuple[str | None, bool]:
    """The acronym an organisation is known by in this text: written after it in brackets,
    or its initials written elsewhere (the bool says which)."""
    doc = found.doc
    after = m.end
    if after + 2 < len(doc) and _bracketed_acronym(doc, after):
        return doc[after + 1].text, False
    initials = "".join(
        w[0] for w in m.name.split() if w[:1].isupper() and w.lower() not in lex.words.particles
    )
    if len(initials) >= 2 and len(m.name.split()) >= 2 and initials in words:
        return initials, True
    return None, False


def acronyms(found: Found, lex: Lexicon) -> None:
    """'Economic Community of West African States (ECOWAS)' and later bare 'ECOWAS' are one org."""
    doc = found.doc
    by_acronym: dict[str, Mention] = {}
    words = {t.text for t in doc if t.is_upper}
    for m in found.mentions:
        if m.kind is not EntityKind.ORGANIZATION or m.dropped:
            continue
        acronym, from_initials = _acronym_of(found, m, words, lex)
        if acronym is not None:
            m.acronym = acronym
            if from_initials:
                by_acronym.setdefault(acronym, m)
                continue
        if m.acronym:
            by_acronym[m.acronym] = m
        elif ACRONYM.match(m.text) and len(m.text) >= 3:
            by_acronym.setdefault(m.text, m)  # "HTS" seen once: also "HTS leader X" later
    if not by_acronym:
        return
    for tok in doc:
        other = found.at(tok.i)
        if other is not None:
            # A bare NER org equal to a known acronym becomes that org.
            target = by_acronym.get(other.text)
            if target is not None and other is not target and other.kind is EntityKind.ORGANIZATION:
                other.key, other.name = target.key, target.name
            continue
        target = by_acronym.get(tok.text)
        if target is None or not found.free(tok.i):
            continue
        found.add(
            Mention(
                tok.i,
                tok.i + 1,
                EntityKind.ORGANIZATION,
                target.key,
                target.name,
                tok.text,
                country=target.country,
            )
        )


def unknown_acronyms(found: Found, lex: Lexicon) -> None:
    """An unrecognised all-capitals proper noun is an organisation: 'MONUSCO'."""
    # At a sentence start (where headlines and datelines shout) only when the same word is one
    # elsewhere in the text ("... (HTS). HTS leader X").
    seen: set[str] = set()
    for tok in found.doc:
        text = tok.text
        if (
            found.free(tok.i)
            and tok.pos_ == "PROPN"
            and 3 <= len(text) <= 8
            and ACRONYM.match(text)
            and text.replace(".", "") not in lex.know.country_codes
            and text not in lex.words.weapon_acronyms
        ):
            if tok.is_sent_start and text not in seen:
                continue
            seen.add(text)
            found.add(Mention(tok.i, tok.i + 1, EntityKind.ORGANIZATION, f"org:{text}", text, text))


def acronym_in_apposition(found: Found, lex: Lexicon) -> None:
    """An unknown acronym in apposition names the organisation before it: 'X's agency, the HUR,'."""
    # an acronym of another language spells nothing of the English name
    doc = found.doc
    for m in found.mentions:
        if m.dropped or m.kind is not EntityKind.ORGANIZATION or m.end - m.start != 1:
            continue
        tok = doc[m.start]
        # Unknown: not expanded by a gazetteer ('UN' is the United Nations). Alone: not a
        # list ('the European Union, the UN and the AU', 'the EU, the UN, and the AU').
        if m.name != tok.text or not ACRONYM.match(tok.text) or tok.dep_ != "appos":
            continue
        if any(c.dep_ in ("cc", "conj") for c in tok.children) or _listed_after(doc, m.end):
            continue
        named = found.at(tok.head.i)
        if named is None or named is m or named.kind is not EntityKind.ORGANIZATION or named.acronym:
            continue
        m.key, m.name = named.key, named.name


def _listed_after(doc: Doc, end: int) -> bool:
    """Whether 'and' / 'or' follows the token before ``end`` (after a comma or not)."""
    following = [t.lower_ for t in doc[end : end + 2]]
    return bool({"and", "or"} & set(following))
