"""Organisations the model does not name: organs of a country, factions, bodies named by their
last word, administrations named after a person."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.model import EntityKind
from kg.nlp.knowledge import Institution
from kg.nlp.mentions.core import FREE, Found, Mention
from kg.nlp.mentions.lexicon import Lexicon


def title_case(body: str, lex: Lexicon) -> str:
    """'health ministry' -> 'Health Ministry'; 'upper chamber of parliament' keeps 'of'."""
    return " ".join(
        w if w in lex.words.particles or not w[:1].islower() else w[:1].upper() + w[1:] for w in body.split()
    )


def organ_before(found: Found, start: int, head: int, lex: Lexicon) -> Token | None:
    """The organ word between a country and the title it qualifies ("Chinese foreign
    ministry spokesman" -> "ministry"), when only lower-case modifiers come before it."""
    doc = found.doc
    j = start + (1 if start < head and doc[start].tag_ == "POS" else 0)
    organ = None
    while j < head and doc[j].is_alpha and doc[j].is_lower:
        if doc[j].lemma_.lower() in lex.know.state_bodies and doc[j].head.i > j:
            organ = doc[j]
        j += 1
    return organ if j == head and organ is not None and organ.i == head - 1 else None


def _organ_of(found: Found, m: Mention, lex: Lexicon) -> Token | None:
    """The state organ a country mention qualifies ("Armenia's Defense Ministry", "the
    Armenian parliament"), one named organ (not "Russia's state news agencies")."""
    tok = found.doc[m.end - 1]
    head = tok.head
    if tok.dep_ not in ("poss", "amod", "compound", "nmod") or head.i <= tok.i:
        return None
    if head.lemma_.lower() not in lex.know.state_bodies:
        # "Chinese foreign ministry spokesman": the organ is a modifier of the title
        head = organ_before(found, m.end, head.i, lex) or head
    if head.lemma_.lower() not in lex.know.state_bodies or head.tag_ not in ("NN", "NNP"):
        return None
    if head.dep_ == "compound" and head.head.lemma_.lower() in lex.words.personnel:
        return None  # "U.S. service members": people, not an organ
    return head


def _organ_end(found: Found, head: Token, lex: Lexicon) -> int:
    """Where an organ's name ends: "upper chamber of parliament" is a body of a body."""
    last = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = [c for c in child.children if c.dep_ == "pobj"]
            if obj and obj[0].lemma_.lower() in lex.know.state_bodies and found.free(obj[0].i):
                last = obj[0].i + 1
            elif obj and head.is_title and child.i == head.i + 1:
                last = max(last, portfolio_end(found, child, obj[0]))
    return last


def portfolio_end(found: Found, of: Token, obj: Token) -> int:
    """'Ministry of Culture', 'Ministry of Foreign Affairs': the capitalised portfolio after a
    capitalised organ's 'of' is part of its name (where it ends; the organ alone when none)."""
    words = list(obj.subtree)
    if not all(
        (found.free(t.i) or found.mentions[found.owner[t.i]].kind is EntityKind.ORGANIZATION)
        and (t.is_title or t.lower_ in ("and", "&"))
        and t.ent_type_ not in ("GPE", "NORP")
        for t in words
    ):
        return of.i  # "Ministry of Iraq" or a lower-case phrase: not a portfolio
    return words[-1].i + 1


def _take_over_orgs(found: Found, first: int, last: int, keep: int) -> bool:
    """Free tokens first..last of the bare organisations the model found there; False when
    another kind of mention (or ``keep``) holds one of them."""
    inner = {found.owner[i] for i in range(first, last) if found.owner[i] >= 0}
    if not all(found.mentions[j].kind is EntityKind.ORGANIZATION and j != keep for j in inner):
        return False
    for j in inner:
        found.drop(j)
    return True


def country_organs(found: Found, lex: Lexicon) -> None:
    """'Armenia's Defense Ministry', 'the Armenian parliament': an organ named after its country."""
    doc, know = found.doc, lex.know
    for idx in range(len(found.mentions)):
        m = found.mentions[idx]
        if m.kind is not EntityKind.COUNTRY or m.dropped:
            continue
        head = _organ_of(found, m, lex)
        if head is None:
            continue
        first = m.end + (1 if m.end < len(doc) and doc[m.end].tag_ == "POS" else 0)
        last = _organ_end(found, head, lex)
        taken = first >= last or any(found.owner[i] != FREE for i in range(first, last))
        if taken and not _take_over_orgs(found, first, last, idx):
            continue
        country = know.countries[m.country or ""].name if m.country else ""
        organ = doc[first:last].text
        if last > head.i + 2 and doc[head.i + 1].lower_ == "of" and doc[head.i + 2].is_title:
            # "Ukraine's Ministry of Defense" is the "Defense Ministry of Ukraine" either way written
            organ = f"{doc[head.i + 2 : last].text} {doc[first : head.i + 1].text}"
        name = f"{title_case(organ, lex)} of {country}"
        found.add(
            Mention(
                first,
                last,
                EntityKind.ORGANIZATION,
                f"org:{name}",
                name,
                doc[m.start : last].text,
                country=m.country,
            )
        )


def organs_of_named_country(found: Found, lex: Lexicon) -> None:
    """'the Security Council of Armenia': a capitalised organ 'of' a country."""
    doc, know = found.doc, lex.know
    for tok in doc:
        if (
            not found.free(tok.i)
            or tok.lemma_.lower() not in know.state_bodies
            or tok.tag_ not in ("NN", "NNP")
        ):
            continue
        of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"]
        objs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        target = found.at(objs[0].i) if objs else None
        if target is None or target.kind is not EntityKind.COUNTRY:
            continue
        first = tok.i
        while (
            first > 0
            and doc[first - 1].dep_ in ("compound", "amod")
            and doc[first - 1].head.i >= tok.i
            and found.free(first - 1)
            and doc[first - 1].is_alpha
        ):
            first -= 1
        if not doc[first].text[:1].isupper():
            continue
        name = (
            f"{title_case(doc[first : tok.i + 1].text, lex)} of {know.countries[target.country or ''].name}"
        )
        text = doc[first : target.end].text
        found.add(
            Mention(
                first, tok.i + 1, EntityKind.ORGANIZATION, f"org:{name}", name, text, country=target.country
            )
        )


def _faction_word(mod: Token, factions: frozenset[str]) -> bool:
    """'eastern', or 'eastern-based' (parsed as 'based' with 'eastern' under it)."""
    if mod.lower_ in factions:
        return True
    return mod.lower_ == "based" and any(c.lower_ in factions for c in mod.lefts)


def factions(found: Found, lex: Lexicon) -> None:
    """'the eastern government', 'the rival administration': a faction, not the country."""
    doc, know = found.doc, lex.know
    for tok in doc:
        if not found.free(tok.i) or tok.lemma_.lower() not in know.faction_nouns or tok.pos_ != "NOUN":
            continue
        mods = [
            c for c in tok.lefts if c.dep_ == "amod" and _faction_word(c, know.factions) and found.free(c.i)
        ]
        if not mods:
            continue
        first = mods[0].left_edge.i  # "the eastern-based administration" starts at "eastern"
        text = doc[first : tok.i + 1].text
        name = text.lower()
        found.add(Mention(first, tok.i + 1, EntityKind.ORGANIZATION, f"org:{name}", name, text))


def unrecognised_bodies(found: Found, lex: Lexicon) -> None:
    """Unnamed capitalised words ending like an organisation's name are one: '... Rights Watch'."""
    # only where they act in the sentence (a subject or object), never a headline's first words
    doc = found.doc
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not found.free(i) or tok.ent_type_ or tok.tag_ not in ("NNP", "NNPS") or not tok.is_title:
            i += 1
            continue
        end = i
        while (
            end < len(doc)
            and found.free(end)
            and not doc[end].ent_type_
            and (
                (doc[end].tag_ in ("NNP", "NNPS") and doc[end].is_title)
                or doc[end].lower_ in ("for", "without", "of")
            )
        ):
            end += 1
        while end > i and not doc[end - 1].is_title:
            end -= 1  # never end on "of"/"for"
        last = doc[end - 1]
        if (
            end - i >= 2
            and last.lower_ in lex.words.body_endings
            and last.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
            and not any(t.text in lex.know.country_forms for t in doc[i:end])
        ):
            name = doc[i:end].text
            found.add(Mention(i, end, EntityKind.ORGANIZATION, f"org:{name}", name, name))
        i = max(end, i + 1)


def administrations(found: Found, lex: Lexicon) -> None:
    """'the Biden administration' is an organisation, not the person Biden."""
    doc = found.doc
    for idx, m in enumerate(found.mentions):
        if m.kind is not EntityKind.PERSON or m.dropped:
            continue
        last = doc[m.end - 1]
        head = last.head
        if (
            last.dep_ == "compound"
            and head.i == m.end
            and head.lemma_.lower() in lex.words.administrations
            and found.free(head.i)
        ):
            person = m.text
            m.kind = EntityKind.ORGANIZATION
            m.name = f"{m.text.split()[-1]} {head.lower_}"
            m.key = f"org:{m.name}"
            m.text = doc[m.start : head.i + 1].text
            found.extend(idx, head.i + 1)
            institution = government_named_after(person, head.lower_, lex)
            if institution is not None:
                m.name, m.key, m.country = institution.name, f"org:{institution.name}", institution.country


def government_named_after(person: str, what: str, lex: Lexicon) -> Institution | None:
    """The institution a government named after its head is ('the Biden administration': the
    White House): the one of the country the dictionaries give the person a government role in
    that is called '<country> <what>' ('US administration')."""
    country = lex.known.governments.get(person.lower())
    if country is None:
        return None
    forms = {form for form, (code, _) in lex.know.country_forms.items() if code == country}
    found = {inst.name: inst for inst in lex.know.institutions.values()
             if inst.country == country and any(f"{form} {what}" in inst.aliases for form in forms)}
    return next(iter(found.values())) if len(found) == 1 else None


def _describing(found: Found, tok: Token, lex: Lexicon) -> list[Token]:
    """The words before a collective noun that say which one it is ("U.S.-led", "international")."""
    return [
        c
        for c in tok.lefts
        if c.dep_ in ("amod", "compound", "npadvmod", "nmod") and c.lower_ not in lex.words.plain_modifiers
    ]


def collective_bodies(found: Found, lex: Lexicon) -> None:
    """A coalition or alliance the text names or describes is an organisation: 'the Coalition'."""
    doc = found.doc
    for tok in doc:
        if not found.free(tok.i) or tok.lemma_.lower() not in lex.words.collectives:
            continue
        if tok.pos_ not in ("NOUN", "PROPN") or (tok.dep_ == "compound" and tok.is_lower):
            continue  # "coalition partners": the partners, "coalition talks": no body
        if tok.text[:1].isupper() and tok.tag_ in ("NNP", "NNPS", "NN"):
            if tok.i and doc[tok.i - 1].text[:1].isupper() and not doc[tok.i - 1].is_sent_start:
                continue  # the end of a longer name ("Syrian Arab Coalition") the model missed
            name = tok.text
            found.add(Mention(tok.i, tok.i + 1, EntityKind.ORGANIZATION, f"org:{name}", name, name))
            continue
        described = _describing(found, tok, lex)
        if not described:
            continue  # "the coalition": whichever the text named before (resolved later)
        first = min(t.left_edge.i for t in described)
        text = doc[first : tok.i + 1].text
        found.add(Mention(tok.i, tok.i + 1, EntityKind.ORGANIZATION, f"org:{text}", text, text))


def collective_modifiers(found: Found, lex: Lexicon) -> None:
    """'coalition aircraft': a lower-case collective qualifying an actor is the one named before."""
    doc = found.doc
    for tok in doc:
        lemma = tok.lemma_.lower()
        if not found.free(tok.i) or lemma not in lex.words.collectives or not tok.is_lower:
            continue
        head = tok.head.lemma_.lower()
        if tok.dep_ != "compound" or (head not in lex.know.proxies and head not in lex.words.collective_acts):
            continue
        named = [
            m
            for m in found.mentions
            if not m.dropped
            and m.start < tok.i
            and m.kind is EntityKind.ORGANIZATION
            and m.name.lower().split()[-1:] == [lemma]
        ]
        key, name = (named[-1].key, named[-1].name) if named else (f"org:{lemma}", lemma)
        found.add(Mention(tok.i, tok.i + 1, EntityKind.ORGANIZATION, key, name, tok.text))


_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")


def military_units(found: Found, lex: Lexicon) -> None:
    """A numbered military unit is an organisation: '3rd Battalion', 'the 158th Fighter Wing'."""
    doc = found.doc
    for tok in doc:
        if not _ORDINAL.match(tok.text) or not found.free(tok.i):
            continue
        end = tok.i + 1
        while end < len(doc) and found.free(end) and doc[end].is_title and doc[end].is_alpha:
            end += 1
        if end - tok.i < 2 or doc[end - 1].lower_ not in lex.know.units:
            continue
        name = doc[tok.i : end].text
        found.add(Mention(tok.i, end, EntityKind.ORGANIZATION, f"org:{name}", name, name))


def naval_vessels(found: Found, lex: Lexicon) -> None:
    """A ship named after a navy's prefix is a unit of its country: 'USS Mahan' (US), 'HMS Daring' (GB)."""
    doc = found.doc
    for tok in doc:
        if tok.text not in lex.words.vessel_prefixes or not found.free(tok.i):
            continue
        end = tok.i + 1
        while end < min(len(doc), tok.i + 5) and found.free(end) and (doc[end].is_title or doc[end].like_num):
            end += 1
        if end - tok.i < 2 or not doc[tok.i + 1].is_title:
            continue
        name = doc[tok.i : end].text
        country = lex.words.vessel_prefixes[tok.text] or None
        found.add(Mention(tok.i, end, EntityKind.ORGANIZATION, f"org:{name}", name, name, country=country))


def demonym_of_named_body(found: Found, lex: Lexicon) -> None:
    """A people's word taken for an organisation is the one named after its place: 'Tigrayan' (TPLF)."""
    # 'the Tigrayan side' beside the 'Tigray People's Liberation Front' of the same article.
    # The named bodies by their first word, gathered once: scanning every mention for each
    # candidate made a long document's extraction quadratic.
    bodies_by_word: dict[str, list[Mention]] = {}
    for other in found.mentions:
        words = other.name.split()
        if not other.dropped and other.kind is EntityKind.ORGANIZATION and len(words) > 1:
            bodies_by_word.setdefault(words[0], []).append(other)
    for m in found.mentions:
        if m.dropped or m.kind is not EntityKind.ORGANIZATION or m.end - m.start != 1 or m.country:
            continue
        word = m.name
        stems = {word[: -len(end)] for end in lex.words.demonym_endings
                 if word.endswith(end) and len(word) - len(end) >= 4}
        bodies = {other.key: other for stem in stems for other in bodies_by_word.get(stem, ())
                  if other is not m}
        if len(bodies) == 1:
            (body,) = bodies.values()
            m.key, m.name, m.entity_id = body.key, body.name, body.entity_id
            m.country, m.sector = body.country, body.sector
