"""Known actors: people and organisations the Phoenix dictionaries name, found where the model
misses or mislabels them ("Ilham Aliyev" untagged, "Lavrov" tagged as an organisation)."""

from __future__ import annotations

from spacy.tokens import Span
from spacy.util import filter_spans

from kg.model import EntityKind
from kg.nlp.mentions.core import Found, Mention
from kg.nlp.mentions.lexicon import Lexicon

_PARTICLES = frozenset(
    {"al", "bin", "ibn", "de", "del", "da", "van", "von", "la", "el", "of", "the", "and", "-"}
)


# Where a lone name is a party: subject, object, object of a preposition, or one of several.
_PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"})


def written_as_name(span: Span) -> bool:
    """Every word capitalised (particles aside): 'Ilham Aliyev', 'al-Qaeda in the Arabian Peninsula'."""
    return (
        all(t.is_title or t.is_upper or t.lower_ in _PARTICLES or not t.is_alpha for t in span)
        and span[0].is_title
    )


def known_people(found: Found, lex: Lexicon) -> None:
    """A full name the dictionaries know is a person even where the model saw none: 'Ilham Aliyev'."""
    doc = found.doc
    for span in filter_spans([doc[s:e] for _, s, e in lex.known.people(doc)]):
        if not written_as_name(span):
            continue
        if all(found.free(i) for i in range(span.start, span.end)):
            name = span.text
            found.add(Mention(span.start, span.end, EntityKind.PERSON, f"person:{name}", name, name))
            continue
        other = found.at(span.start)
        if (
            other is not None
            and (other.start, other.end) == (span.start, span.end)
            and other.kind
            in (
                EntityKind.ORGANIZATION,
                EntityKind.LOCATION,
            )
        ):
            other.kind, other.key, other.name = EntityKind.PERSON, f"person:{span.text}", span.text


def known_surnames(found: Found, lex: Lexicon) -> None:
    """A known person's surname the model took for an organisation or place is that person: 'Lavrov'."""
    doc = found.doc
    for m in found.mentions:
        if m.dropped or m.end - m.start != 1 or m.kind not in (EntityKind.ORGANIZATION, EntityKind.LOCATION):
            continue
        tok = doc[m.start]
        if tok.lower_ not in lex.known.surnames or not tok.is_title:
            continue
        acting = tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB"
        if (m.kind is EntityKind.ORGANIZATION and m.weak) or acting:
            m.kind, m.key, m.name = EntityKind.PERSON, f"person:{tok.text}", tok.text


def untagged_surnames(found: Found, lex: Lexicon) -> None:
    """A lone known person's surname the model left untagged, acting or acted on, is them: 'Lavrov'."""
    doc = found.doc
    for tok in doc:
        if (
            tok.pos_ != "PROPN"
            or not tok.is_title
            or tok.ent_type_
            or tok.lower_ not in lex.known.surnames
            or tok.dep_ not in _PARTY_DEPS
            or not found.free(tok.i)
        ):
            continue
        # alone: not a word of a longer name the model left untagged ("Carter Center")
        if any(0 <= j < len(doc) and doc[j].pos_ == "PROPN" for j in (tok.i - 1, tok.i + 1)):
            continue
        found.add(Mention(tok.i, tok.i + 1, EntityKind.PERSON, f"person:{tok.text}", tok.text, tok.text))


def known_organisations(found: Found, lex: Lexicon) -> None:
    """An organisation the dictionaries name is one, with its country and sector: 'Royal Navy'."""
    doc = found.doc
    for span in filter_spans([doc[s:e] for _, s, e in lex.known.organisations(doc)]):
        if not written_as_name(span):
            continue
        country, sector = lex.known.affiliation.get(span.text.lower(), (None, None))
        if all(found.free(i) for i in range(span.start, span.end)):
            name = span.text
            key = f"org:{name}"
            m = Mention(
                span.start, span.end, EntityKind.ORGANIZATION, key, name, name, country=country, sector=sector
            )
            found.add(m)
            continue
        other = found.at(span.start)
        if (
            other is not None
            and other.kind is EntityKind.ORGANIZATION
            and (other.start, other.end)
            == (
                span.start,
                span.end,
            )
        ):
            # the model's organisation, now known
            other.country, other.sector = other.country or country, other.sector or sector


def government_members(found: Found, lex: Lexicon) -> None:
    """A person the dictionaries give one country's government roles is of that country: 'Ash Carter'."""
    # (whatever else the article is about: a bare title then names that country, never a guess)
    for m in found.mentions:
        if m.dropped or m.kind is not EntityKind.PERSON or m.country is not None:
            continue
        m.country = lex.known.governments.get(m.name.lower())
