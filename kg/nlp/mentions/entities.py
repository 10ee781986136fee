"""The model's named entities, read as countries, people, places, organisations, peoples, events."""

from __future__ import annotations

import re

from spacy.tokens import Span

from kg.model import EntityKind
from kg.nlp.mentions.core import Found, Mention
from kg.nlp.mentions.gazetteer import country_code, country_mention
from kg.nlp.mentions.lexicon import Lexicon
from kg.nlp.mentions.names import complete_name
from kg.nlp.mentions.titles import strip_titles

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,9}$")
_NATIONALITY_ENDINGS = ("i", "ian", "an", "ese", "ish")


def model_entities(found: Found, lex: Lexicon) -> None:
    """Named entities from the model, where no gazetteer name took their tokens."""
    for ent in found.ents:
        if ent.label_ in lex.words.skip_labels:
            continue
        if any(found.owner[i] >= 0 for i in range(ent.start, ent.end)):
            # a body named after a country: "Armenia's Security Council"; but of a list the
            # model ran together ("Iraqi Armed Forces, Popular Mobilization Forces") the
            # names not yet taken are names of their own
            for part in listed_parts(ent, found):
                m = entity_mention(part, found, lex)
                if m is not None:
                    found.add(m)
            continue
        m = entity_mention(ent, found, lex)
        if m is not None:
            found.add(m)


_LIST_BREAKS = {",", ";", "and", "or", "&"}


def listed_parts(ent: Span, found: Found) -> list[Span]:
    """The runs of an entity's free tokens cut off from its taken ones by a comma or 'and'."""
    doc = ent.doc
    parts: list[Span] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i < ent.end and found.owner[i] < 0 and doc[i].text not in _LIST_BREAKS:
            continue
        run = doc[start:i]
        if len(run) and run[0].lower_ == "the":
            run = run[1:]
        before_ok = start == ent.start or doc[start - 1].text in _LIST_BREAKS
        after_ok = i == ent.end or doc[i].text in _LIST_BREAKS
        if len(run) and before_ok and after_ok and run[0].is_title and all(found.owner[t.i] < 0 for t in run):
            parts.append(Span(doc, run.start, run.end, label=ent.label_))
        start = i + 1
    if len(parts) == 1 and (parts[0].start, parts[0].end) == (ent.start, ent.end):
        return []
    return parts


def entity_mention(ent: Span, found: Found, lex: Lexicon) -> Mention | None:
    """The mention one entity of the model stands for, if any."""
    span = trimmed(ent, lex)
    if not len(span):
        return None
    code = nationality_code(span, ent.label_, lex)
    if code is not None:
        return country_mention(span, code, lex)
    label = corrected_label(ent, span, found, lex)
    if label == "PERSON":
        return person_entity(ent, span, lex)
    if label in ("GPE", "LOC", "FAC"):
        text = span.text
        if not text[:1].isupper():
            return None  # "a.i." (ad interim): places are written capitalised
        return Mention(span.start, span.end, EntityKind.LOCATION, f"loc:{text}", text, text, label=label)
    if label == "ORG":
        if span.text in lex.words.weapon_acronyms:
            return None
        while len(span) > 1 and ends_in_cut_title(span, lex):
            span = span[:-1]  # "questions by Navy Capt." ending a sentence: the Navy
        return organisation_entity(word_left_out(span, found, lex), lex)
    if label == "NORP":
        return people_entity(span, found, lex)
    if label == "EVENT":
        text = span.text
        return Mention(span.start, span.end, EntityKind.EVENT, f"event:{text}", text, text, named=True)
    return None


def trimmed(ent: Span, lex: Lexicon) -> Span:
    """The entity without a leading preposition or determiner, or a trailing possessive."""
    span = ent
    while len(span) > 1 and span[0].is_title and span[0].lower_ in lex.words.place_prepositions:
        span = span[1:]  # "Near Ar Raqqah": a capitalised preposition the model took in
    while len(span) and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    while len(span) and (span[-1].tag_ == "POS" or span[-1].text in _OPENERS):
        span = span[:-1]  # "Heritage (": the bracket of an acronym the model took in
    return span


_OPENERS = {"(", "[", "{", ",", "-", "\u2013", "\u2014"}


def word_left_out(span: Span, found: Found, lex: Lexicon) -> Span:
    """'Combined Joint Forces Land Component Command': a capitalised word before an organisation's
    name that the model left out, though the parser compounds it into the name, is its first."""
    doc = span.doc
    start = span.start
    while start > 0:
        prev = doc[start - 1]
        if not (
            prev.tag_ == "NNP"
            and prev.is_title
            and not prev.ent_type_
            and found.owner[prev.i] < 0
            and prev.dep_ == "compound"
            and span.start <= prev.head.i < span.end
            and prev.lower_ not in lex.know.titles
            and prev.lower_ not in lex.know.honorifics
            and not prev.is_sent_start
        ):
            break
        start -= 1
    return doc[start : span.end] if start < span.start else span


def nationality_code(span: Span, label: str, lex: Lexicon) -> str | None:
    """The country an entity names: a listed form or code, or a one-word nationality the
    packages do not list ("Azeri"); a person or org only when shaped like a nationality."""
    text = span.text
    code = country_code(text, lex)
    if code is not None or len(span) != 1 or label not in ("NORP", "GPE", "PERSON", "ORG"):
        return code
    code = lex.know.country_of_stem(text) if unlisted_nationality(text, lex) else None
    if code is not None and label in ("PERSON", "ORG") and lex.know.country_forms.get(text) is None:
        return code if text.endswith(_NATIONALITY_ENDINGS) else None
    return code


def unlisted_nationality(word: str, lex: Lexicon) -> bool:
    """A capitalised word that may be a nationality the packages do not list ("Azeri"), not one
    the agent dictionary gives a sector of its own ("Christian": a religion, not Christmas Island)."""
    return word[:1].isupper() and word.isalpha() and lex.agents.sector_of(word.lower()) is None


def corrected_label(ent: Span, span: Span, found: Found, lex: Lexicon) -> str:
    """The model's label, corrected where its usual mistakes show."""
    label = ent.label_
    text = span.text
    preposition = ent[0].lower_ in lex.words.place_prepositions
    if label in ("PERSON", "ORG") and span.start > ent.start and preposition:
        return "GPE"  # "Near Ar Raqqah, 15 strikes ...": the place after the preposition
    if label == "ORG" and ent.start in found.titled_orgs:
        label = "PERSON"  # "Government spokeswoman Yolande Makolo"
    after_the = span.start > 0 and span.doc[span.start - 1].lower_ == "the"
    if label == "PERSON" and len(span) == 1 and text.endswith("s") and after_the:
        label = "NORP"  # "the Houthis"
    if label == "PERSON" and span[-1].lemma_.lower() in lex.know.bodies | lex.know.units:
        label = "ORG"  # "Tigray People's Liberation Front", "Abel Battery"
    if label in ("GPE", "LOC", "FAC") and any(c.isdigit() for c in text) and text[:1].isupper():
        label = "ORG"  # "M23": places are not named with digits, armed groups are
    if label == "PERSON" and span[-1].lower_ in lex.words.place_nouns and len(span) > 1:
        label = "GPE"  # "Anbar Province": a place noun ends no person's name
    if label == "PERSON" and text in lex.words.platforms:
        label = "ORG"  # "follow the Secretary on Twitter"
    return label


def person_entity(ent: Span, span: Span, lex: Lexicon) -> Mention | None:
    """A person without the titles the model put inside the name; a lone untitled word
    after a place preposition is a place ("fighting around Kamina")."""
    span = strip_titles(span, lex)
    if not len(span) or not any(t.is_alpha for t in span) or not bears_a_name(span, lex):
        return None
    word = span[0]
    alone = len(span) == 1 and span.start == ent.start
    if alone and word.dep_ == "pobj" and word.head.lower_ in lex.words.settled_prepositions:
        place = span.text
        return Mention(span.start, span.end, EntityKind.LOCATION, f"loc:{place}", place, place, label="GPE")
    span = complete_name(span, lex)
    name = unshouted(span)
    return Mention(span.start, span.end, EntityKind.PERSON, f"person:{name}", name, span.text)


def bears_a_name(span: Span, lex: Lexicon) -> bool:
    """Whether a person span is a name: no digits ("Passcode 3080897"), no title cut off from
    its name ("Navy Capt. Jeff Davis" split as "Navy Capt"), no transcript label ("QUESTION:")."""
    if any(c.isdigit() for c in span.text):
        return False
    doc, last = span.doc, span[-1]
    cut_title = ends_in_cut_title(span, lex)
    labelled = (
        len(span) == 1 and last.is_upper and last.i + 1 < len(doc) and doc[last.i + 1].text == ":"
        and last.lower_ in lex.words.speaker_labels
    )
    return not cut_title and not labelled


def ends_in_cut_title(span: Span, lex: Lexicon) -> bool:
    """Whether a span ends in a title abbreviation whose full stop the model left out ('Navy Capt')."""
    doc, last = span.doc, span[-1]
    return last.i + 1 < len(doc) and doc[last.i + 1].text == "." and (
        last.lower_ in lex.know.honorifics or f"{last.lower_}." in lex.know.honorifics
    )


def unshouted(span: Span) -> str:
    """A speaker's name a transcript writes in capitals ("MR KIRBY: Thanks"), in its usual case,
    so that it is the "John Kirby" of the same text; other names as written ("MASSOB")."""
    name = span.text
    doc = span.doc
    labelled = span.end < len(doc) and doc[span.end].text == ":"
    if labelled and name.isupper() and all(w.isalpha() for w in name.replace("-", " ").split()):
        return name.title()
    return name


def organisation_entity(span: Span, lex: Lexicon) -> Mention | None:
    """An organisation; *weak* when nothing but the model says so (it may be a place). A weak
    one with a title in apposition is a person ("Valentina Petrova, a senior member of ...")."""
    text = span.text
    if not any(t.is_alpha for t in span) or len(text) < 2:
        return None
    weak = not any(t.lemma_.lower() in lex.know.bodies for t in span) and not ACRONYM.match(text)
    if weak and titled_in_apposition(span, lex):
        return Mention(span.start, span.end, EntityKind.PERSON, f"person:{text}", text, text)
    return Mention(span.start, span.end, EntityKind.ORGANIZATION, f"org:{text}", text, text, weak=weak)


def people_entity(span: Span, found: Found, lex: Lexicon) -> Mention | None:
    """A nationality or religious label: a plural names a group ("Houthis"); a singular proper
    noun the group it belongs to ("Houthi spokesman"); a word used as a place, a place; the
    name of an armed group the dictionaries know, that group ("Hezbollah commander")."""
    text = span.text
    if len(span) == 1 and text.lower() in lex.known.armed_groups:
        # "a senior Hezbollah commander": an armed group the model took for a people
        return Mention(span.start, span.end, EntityKind.ORGANIZATION, f"org:{text}", text, text)
    if text.endswith("s") and text[:1].isupper():
        return Mention(span.start, span.end, EntityKind.GROUP, f"group:{text}", text, text)
    if len(span) == 1 and named_as_place(span, found, lex):
        return Mention(span.start, span.end, EntityKind.LOCATION, f"loc:{text}", text, text, label="GPE")
    if len(span) == 1 and span[0].tag_ == "NNP" and text[:1].isupper():
        plural = people_plural(text, lex)
        return Mention(span.start, span.end, EntityKind.GROUP, f"group:{plural}", plural, text)
    return None


def people_plural(word: str, lex: Lexicon) -> str:
    """The people a people's word names: its noun ('Kurdish' -> 'Kurds'), itself when its ending
    is uninflected ('Sudanese'), else the word and 's' ('Houthi' -> 'Houthis'); lists in mentions.toml."""
    noun = lex.words.people_nouns.get(word)
    if noun is not None:
        return noun
    if word.lower().endswith(lex.words.uninflected_endings):
        return word
    return f"{word}s"


def named_as_place(span: Span, found: Found, lex: Lexicon) -> bool:
    """A single capitalised word that stands alone after a place preposition ("fled to X") or
    that the model tagged as a place elsewhere in the text."""
    word = span[0]
    if word.dep_ == "pobj" and word.head.lower_ in lex.words.place_prepositions:
        return True
    return word.text in found.place_words


def titled_in_apposition(span: Span, lex: Lexicon) -> bool:
    """A title in apposition to the name: "X, a senior member of ..."."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in lex.know.titles for c in span.root.children)
