"""Places: names the model leaves unlabelled or takes for organisations, and countries named
only loosely."""

from __future__ import annotations

from kg.model import EntityKind
from kg.nlp.mentions.core import Found, Mention
from kg.nlp.mentions.lexicon import Lexicon


def unlabelled_places(found: Found, lex: Lexicon) -> None:
    """An unlabelled name after in/near/into or before a place noun is a place: 'the Kursk region'."""
    for tok in found.doc:
        if not found.free(tok.i) or tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_:
            continue
        locative = tok.dep_ == "pobj" and tok.head.lower_ in lex.words.settled_prepositions
        regional = tok.dep_ == "compound" and tok.head.lemma_.lower() in lex.words.place_nouns
        if locative or regional:
            text = tok.text
            found.add(Mention(tok.i, tok.i + 1, EntityKind.LOCATION, f"loc:{text}", text, text, label="GPE"))


def people_taken_for_places(found: Found, lex: Lexicon) -> None:
    """A lone name the model took for a place that meets or is met is a person: 'X met Blinken'."""
    for m in found.mentions:
        if m.dropped or m.kind is not EntityKind.LOCATION or m.end - m.start != 1:
            continue
        tok = found.doc[m.start]
        if (
            tok.dep_ in ("nsubj", "dobj")
            and tok.head.lemma_.lower() in lex.words.people_verbs
            and tok.pos_ == "PROPN"
            and tok.is_title
            and tok.text not in lex.know.country_forms
        ):
            m.kind, m.key, m.name = EntityKind.PERSON, f"person:{tok.text}", tok.text


def cities_taken_for_people(found: Found, lex: Lexicon) -> None:
    """An untitled person's name that is a city of a country the text names is that city: 'Raqqah'."""
    # not a name a person of this text bears in full, nor one that speaks or meets ("Jackson said")
    named = {m.country for m in found.mentions if not m.dropped and m.kind is EntityKind.COUNTRY}
    people_words = {
        w for m in found.mentions if not m.dropped and m.kind is EntityKind.PERSON and " " in m.name
        for w in m.name.split()
    }
    for m in found.mentions:
        if m.dropped or m.kind is not EntityKind.PERSON or m.role is not None or m.start in found.titles:
            continue
        homes = lex.cities.get(m.text, frozenset()) & named
        if len(homes) != 1 or m.text in people_words or m.text.lower() in lex.known.surnames:
            continue
        root = found.span(m).root
        speaks = lex.know.reporting | lex.words.people_verbs
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in speaks:
            continue  # "Jackson said ...": who speaks or meets is a person
        m.kind, m.key, m.name, m.label = EntityKind.LOCATION, f"loc:{m.text}", m.text, "GPE"
        m.country = next(iter(homes))


def known_places(found: Found, lex: Lexicon) -> None:
    """A city named once is that city where the text names it again unseen: 'they seized Sanaa'."""
    doc = found.doc
    places: dict[str, list[Mention]] = {}
    for m in found.mentions:
        if m.dropped or m.kind is not EntityKind.LOCATION or m.end - m.start > 3:
            continue
        if m.country or m.text in lex.cities:  # a place the gazetteers confirm, not the model's "Airmen"
            places.setdefault(doc[m.start].text, []).append(m)
    if not places:
        return
    speaks = lex.know.reporting | lex.words.people_verbs
    for tok in doc:
        if tok.pos_ != "PROPN" or not found.free(tok.i):
            continue
        for m in places.get(tok.text, ()):
            end = tok.i + (m.end - m.start)
            span = doc[tok.i : end]
            if end > len(doc) or span.text != m.text or not all(found.free(i) for i in range(tok.i, end)):
                continue
            root = span.root
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in speaks:
                continue  # "Jackson said": a person of the place's name
            again = Mention(tok.i, end, EntityKind.LOCATION, m.key, m.name, m.text, country=m.country)
            again.label = m.label
            found.add(again)
            break


def places_named_as_orgs(found: Found, lex: Lexicon) -> None:
    """Model organisations (and their conjuncts) before a place noun are places: 'the X border crossing'."""
    doc = found.doc
    for m in found.mentions:
        if m.kind is not EntityKind.ORGANIZATION or not m.weak or m.dropped:
            continue
        chain = [doc[m.end - 1]]
        while chain[-1].dep_ == "conj" and chain[-1].head is not chain[-1]:
            chain.append(chain[-1].head)
        head = chain[-1].head
        if (
            chain[-1].dep_ == "compound"
            and head.lemma_.lower() in lex.know.place_heads
            and found.free(head.i)
        ):
            m.kind = EntityKind.LOCATION


def places_after_place_nouns(found: Found, lex: Lexicon) -> None:
    """A model organisation, people or person a place noun is 'of' is a place: 'the port city of Tartus'."""
    doc = found.doc
    for m in found.mentions:
        weak_org = m.kind is EntityKind.ORGANIZATION and m.weak
        # (the model's nationality or person: "the town of Sderot" read as a people)
        misread = m.kind in (EntityKind.GROUP, EntityKind.PERSON) and doc[m.start].ent_type_ in (
            "NORP",
            "PERSON",
        )
        if m.dropped or not (weak_org or misread):
            continue
        last = doc[m.end - 1]
        of = last.head
        if (
            last.dep_ == "pobj"
            and of.lower_ == "of"
            and of.head.lemma_.lower() in lex.know.place_heads
            and of.head.pos_ == "NOUN"
        ):
            name = doc[m.start : m.end].text
            m.kind, m.key, m.name, m.label = EntityKind.LOCATION, f"loc:{name}", name, "GPE"


def loose_country_names(found: Found, lex: Lexicon) -> None:
    """A loose country name ('Congo') is the document's country whose full name contains it."""
    know = lex.know
    countries = {m.country for m in found.mentions if m.kind is EntityKind.COUNTRY and m.country}
    if len(countries) < 2:
        return
    for m in found.mentions:
        if m.kind is not EntityKind.COUNTRY or not m.country or " " in m.text:
            continue
        own = know.countries[m.country]
        if m.text == own.name or know.country_forms.get(m.text, ("", ""))[1] != "name":
            continue
        for code in countries:
            other = know.countries[code]
            if code != m.country and m.text in other.name.split():
                m.country, m.key, m.name = code, f"country:{code}", other.name
                break
