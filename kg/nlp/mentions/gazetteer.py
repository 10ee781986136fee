"""Countries and well-known institutions, found by the phrase matchers over the gazetteers."""

from __future__ import annotations

from spacy.tokens import Span
from spacy.util import filter_spans

from kg.model import EntityKind
from kg.nlp.mentions.core import Found, Mention
from kg.nlp.mentions.lexicon import Lexicon
from kg.nlp.mentions.spelling import is_given_name, misspelled_country


def country_mention(span: Span, code: str, lex: Lexicon) -> Mention:
    """A mention of the country ``code`` written as ``span``."""
    country = lex.know.countries[code]
    return Mention(
        span.start, span.end, EntityKind.COUNTRY, f"country:{code}", country.name, span.text, country=code
    )


def country_code(text: str, lex: Lexicon) -> str | None:
    """The country a surface form names, or an ISO code written as such ("U.S.")."""
    form = lex.know.country_forms.get(text)
    if form is not None:
        return form[0]
    bare = text.replace(".", "")
    return lex.know.country_codes.get(bare) if bare.isupper() else None


def _inside_longer_name(span: Span, covering: Span | None, lex: Lexicon) -> bool:
    """A longer name containing the form stays what it is: "Jordan Peterson", "Port Sudan"."""
    return bool(
        covering
        and covering.label_ in ("PERSON", "GPE", "LOC", "FAC")
        and len(covering) > len(span)
        and covering.text not in lex.know.country_forms
    )


def _named_after_country(span: Span, covering: Span | None, lex: Lexicon) -> bool:
    """A proper name that is not a state organ keeps its nationality word: "Georgian Dream
    party", "Palestinian Authority", "Russian Orthodox Church", "University of Nicosia"."""
    return bool(
        covering is not None
        and covering.label_ == "ORG"
        and len(covering) > len(span)
        and covering.root.lemma_.lower() not in lex.know.state_bodies
        and (
            covering.root.i >= span.end
            or (span.start > covering.start and span.doc[span.start - 1].lower_ == "of")
        )
        and not any(t.tag_ == "POS" for t in covering)
    )


def _capital_as_country(span: Span) -> bool:
    """A capital names its country's government only where it is a proper noun the model
    labelled, or written mid-sentence ("Moscow said"), not a sentence-initial common word."""
    return span[0].tag_ == "NNP" and bool(span.doc[span.start].ent_type_ or not span[0].is_sent_start)


def gazetteer_names(found: Found, lex: Lexicon) -> None:
    """Institutions and countries from the gazetteers, longest match first."""
    doc = found.doc
    spans: list[tuple[Span, str]] = [(doc[s:e], "inst") for _, s, e in lex.institutions(doc)]
    spans += [(doc[s:e], "country") for _, s, e in lex.countries(doc)]
    chosen = {(sp.start, sp.end) for sp in filter_spans([sp for sp, _ in spans])}
    for span, what in spans:
        if (span.start, span.end) not in chosen:
            continue
        chosen.discard((span.start, span.end))
        covering = found.entity[span.start]
        if _inside_longer_name(span, covering, lex):
            continue
        if what == "country" and _named_after_country(span, covering, lex):
            continue
        words = " ".join(t.text for t in span)
        if what == "inst":
            inst = lex.know.institutions[lex.institution_form[words]]
            name = inst.name
            found.add(
                Mention(
                    span.start,
                    span.end,
                    EntityKind.ORGANIZATION,
                    f"org:{name}",
                    name,
                    span.text,
                    country=inst.country,
                )
            )
            continue
        code, how = lex.know.country_forms[lex.country_form[words]]
        if how == "capital" and not _capital_as_country(span):
            continue
        found.add(country_mention(span, code, lex))


def dateline_places(found: Found, lex: Lexicon) -> None:
    """Datelines write places in capitals: "KYIV, Ukraine (AP)", "DOHA (Reuters)"."""
    for tok in found.doc:
        if found.free(tok.i) and tok.is_upper and tok.is_alpha and len(tok) >= 4:
            form = lex.know.country_forms.get(tok.text.title())
            if form is not None and form[1] in ("name", "capital"):
                found.add(country_mention(found.doc[tok.i : tok.i + 1], form[0], lex))


# Tags a sentence's first word must carry to be read: proper nouns, and adjectives for
# nationality words ("Ethopian troops"); later in a sentence the capital letter says enough
# (the tagger often takes an unknown "Isreal" for a common noun).
_SPELLED_TAGS = frozenset({"NNP", "NNPS", "JJ"})
# The model's labels a lone misspelt country may carry (it often takes "Quatar" for an ORG);
# a PERSON is someone's name.
_SPELLED_LABELS = frozenset({"", "GPE", "NORP", "LOC", "ORG"})


def known_elsewhere(word: str, code: str, lex: Lexicon) -> bool:
    """Whether a word is a name kg knows other than as a spelling of country ``code``: in a
    dictionary entry other than that country's own, an institution, or an English given name."""
    lower = word.lower()
    if lex.known.word_owners.get(lower, frozenset()) - {code}:
        return True
    return word in lex.know.institutions or is_given_name(lower)


def misspelled_countries(found: Found, lex: Lexicon) -> None:
    """A lone capitalised word no gazetteer knows, a small slip from one country's name or demonym."""
    doc = found.doc
    for tok in doc:
        if not found.free(tok.i) or tok.ent_type_ not in _SPELLED_LABELS:
            continue
        if tok.is_sent_start and tok.tag_ not in _SPELLED_TAGS:
            continue
        covering = found.entity[tok.i]
        if covering is not None and any(t.i != tok.i and t.lower_ != "the" for t in covering):
            continue  # part of a longer name: "Isreal Kamakawiwo'ole"
        code = misspelled_country(tok.text, lex.spellable)
        if code is None or known_elsewhere(tok.text, code, lex):
            continue
        found.add(country_mention(doc[tok.i : tok.i + 1], code, lex))
