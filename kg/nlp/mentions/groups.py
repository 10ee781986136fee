"""Groups of people: named peoples and communities, and groups named by a common noun
("protesters", "Armenian lawmakers")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.model import EntityKind
from kg.nlp.mentions.agents import country_agent, modified_text
from kg.nlp.mentions.core import Found, Mention
from kg.nlp.mentions.lexicon import Lexicon
from kg.nlp.mentions.titles import state_role


def group_adjectives(found: Found, lex: Lexicon) -> None:
    """The singular of a named group of the text belongs to it: 'Houthi spokesman' after 'the Houthis'."""
    groups = {
        m.name: m for m in found.mentions if m.kind is EntityKind.GROUP and m.named and m.name.endswith("s")
    }
    if not groups:
        return
    for tok in found.doc:
        group = groups.get(f"{tok.text}s")
        if group is None or not found.free(tok.i) or not tok.is_title:
            continue
        if tok.dep_ not in ("amod", "compound"):
            continue
        found.add(Mention(tok.i, tok.i + 1, EntityKind.GROUP, group.key, group.name, tok.text))


def _demonym_of(text: str, lex: Lexicon) -> bool:
    return lex.know.country_forms.get(text, ("", ""))[1] == "demonym"


def communities(found: Found, lex: Lexicon) -> None:
    """Two nationality words in a row name a community, not two countries: 'Turkish Cypriots'."""
    # ... unless a state's title follows: in "Greek Cypriot President Y" the second word is the state.
    doc = found.doc
    for idx, m in enumerate(found.mentions):
        if m.kind is not EntityKind.COUNTRY or m.dropped or m.end >= len(doc):
            continue
        if _before_party_member(found, m, lex):
            continue  # settled by us_states_before_party_members
        nxt = found.owner[m.end]
        if nxt < 0:
            continue
        other = found.mentions[nxt]
        if (
            other.kind is not EntityKind.COUNTRY
            or other.start != m.end
            or other.country == m.country
            or not _demonym_of(m.text, lex)
            or not _demonym_of(other.text.removesuffix("s"), lex)
        ):
            continue
        if any(
            start == other.end and state_role(doc[start:person].text, lex)
            for person, start in found.titles.items()
        ):
            continue  # "Greek Cypriot President Y": the second word names the state
        name = f"{m.text} {other.text.removesuffix('s')}s"
        end = other.end
        m.kind, m.key, m.name, m.country, m.named = EntityKind.GROUP, f"group:{name}", name, None, True
        m.text = doc[m.start : end].text
        found.drop(nxt)
        found.extend(idx, end)


def _before_party_member(found: Found, m: Mention, lex: Lexicon) -> bool:
    doc = found.doc
    return (
        m.end < len(doc)
        and doc[m.end].lower_.removesuffix("s") in lex.words.party_members
        and doc[m.end - 1].dep_ in ("compound", "amod", "nmod")
    )


def us_states_before_party_members(found: Found, lex: Lexicon) -> None:
    """A country's name before a party member is a US state: 'a Georgia Republican'."""
    # a nationality word stays the country: "a Georgian Republican"
    for m in found.mentions:
        if m.kind is not EntityKind.COUNTRY or m.dropped or not _before_party_member(found, m, lex):
            continue
        if m.text != (lex.know.countries[m.country or ""].demonym if m.country else None):
            m.kind, m.key, m.name, m.country = EntityKind.LOCATION, f"loc:{m.text}", m.text, None


def _group_of_noun(tok: Token, lex: Lexicon) -> str | None:
    """The canonical group a noun names: "lawmakers" for "MP", "rights groups" for "human
    rights group", "international community" (a compound or phrase listed whole wins)."""
    groups = lex.know.group_nouns
    lemma = tok.lemma_.lower()
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod") and f"{c.lower_} {lemma}" in groups:
            return groups[f"{c.lower_} {lemma}"]
    return (
        groups.get(lemma)
        or groups.get(tok.lower_)
        or (groups.get(tok.lower_[:-1]) if tok.lower_.endswith("s") else None)
    )


def org_modified(tok: Token, found: Found) -> bool:
    """'Hamas fighters' are Hamas, not an anonymous group."""
    return any(
        c.dep_ in ("compound", "poss", "nmod")
        and found.owner[c.i] >= 0
        and found.mentions[found.owner[c.i]].kind in (EntityKind.ORGANIZATION, EntityKind.PERSON)
        for c in tok.children
    )


def unowned_relation(tok: Token, group: str, found: Found, lex: Lexicon) -> bool:
    """'partners', 'Kyiv's allies', 'our ally Turkey': a relational group unowned or named."""
    if group not in lex.words.relational_groups:
        return False
    if tok.i + 1 < len(found.doc) and not found.free(tok.i + 1):
        return True  # "our ally Turkey": Turkey
    return not any(c.dep_ == "poss" and c.lower_ in lex.words.group_owners for c in tok.children)


def qualifier_country(tok: Token, found: Found, lex: Lexicon) -> str | None:
    """The country qualifying a noun: "Armenian lawmakers", "lawmakers from Georgia", "a group
    of MPs from Georgia" (there the qualifier hangs on the counting word)."""
    heads = [tok]
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in lex.know.quantities:
        heads.append(tok.head.head)
    for child in (c for h in heads for c in h.children):
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            m = found.at(child.i)
            if m is not None and m.kind is EntityKind.COUNTRY:
                return m.country
        if child.dep_ == "prep" and child.lower_ in ("from", "in", "of"):
            for obj in child.children:
                m = found.at(obj.i) if obj.dep_ == "pobj" else None
                if m is not None and m.kind is EntityKind.COUNTRY:
                    return m.country
    return None


def common_groups(found: Found, lex: Lexicon) -> None:
    """A common noun for people is a group, named by its country where one is written."""
    # "Armenian lawmakers" is one group across documents; bare "protesters" are this document's.
    for tok in found.doc:
        if not found.free(tok.i) or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
            continue
        group = _group_of_noun(tok, lex)
        if group is None or org_modified(tok, found) or unowned_relation(tok, group, found, lex):
            continue
        country = qualifier_country(tok, found, lex)
        sector = lex.agents.sector_of(tok.lower_) or lex.agents.sector_of(tok.lemma_.lower())
        if country is None:
            text = modified_text(found, tok, tok.i)
            m = Mention(tok.i, tok.i + 1, EntityKind.GROUP, f"group:{group}", group, text, named=False)
        else:
            m = country_agent(found, tok.i, tok.i, tok.i + 1, country, group, lex)
        m.sector = sector.code if sector is not None else None
        found.add(m)
