"""People's names: completed where the model stopped early, found again by surname, seen in
apposition to a title."""

from __future__ import annotations

from spacy.tokens import Span

from kg.model import EntityKind
from kg.nlp.mentions.core import FREE, Found, Mention
from kg.nlp.mentions.lexicon import Lexicon


def complete_name(span: Span, lex: Lexicon) -> Span:
    """The model often stops early: "Maria Corina" + "Machado", "Mohammed bin Abdulrahman" +
    "Al Thani", "Phumzile Mlambo" + "-Ngcuka"."""
    doc = span.doc
    for _ in range(4):
        last = span[-1]
        end = span.end
        if end + 1 < len(doc) and doc[end].text == "-" and not last.whitespace_ and doc[end + 1].is_title:
            span = doc[span.start : end + 2]
            continue
        head = last.head
        if (
            last.dep_ == "compound"
            and end <= head.i <= end + 2
            and all(
                t.tag_ == "NNP" and t.ent_type_ not in lex.words.skip_labels for t in doc[end : head.i + 1]
            )
        ):
            span = doc[span.start : head.i + 1]
            continue
        break
    return span


def surnames(parts: list[str]) -> list[str]:
    """'Abdel Fattah al-Burhan' is also 'Burhan'; 'Anna Varga' is also 'Varga'."""
    if len(parts) < 2:
        return []
    last = parts[-1]
    out = [last] if last[:1].isupper() else []
    if "-" in last:
        prefix, _, rest = last.partition("-")
        if prefix.islower() and rest[:1].isupper():
            out.append(rest)
    return out


def named_in_apposition(found: Found, lex: Lexicon) -> None:
    """Capitalised words in apposition to a title are a person: "Laos's foreign minister, X Y, said"."""
    doc = found.doc
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lower_ not in lex.know.titles:
            continue
        for appos in (c for c in tok.rights if c.dep_ == "appos" and c.tag_ == "NNP"):
            start = appos.i
            while start > tok.i + 1 and doc[start - 1].dep_ == "compound" and doc[start - 1].is_title:
                start -= 1
            span = doc[start : appos.i + 1]
            if (
                not 2 <= len(span) <= 4
                or doc[start - 1].text != ","
                or any(found.owner[t.i] != FREE or t.ent_type_ or not t.is_title for t in span)
                or span.text in lex.know.country_forms
            ):
                continue
            name = span.text
            found.add(Mention(span.start, span.end, EntityKind.PERSON, f"person:{name}", name, name))


def known_names(found: Found, lex: Lexicon) -> None:
    """A person's name or surname seen once is that person elsewhere: 'Varga' after 'Anna Varga'."""
    # even where the model missed it or took it for an organisation, a place or a people
    names: dict[str, str] = {}
    for m in found.mentions:
        if m.kind is EntityKind.PERSON:
            names.setdefault(m.name, m.name)
            for surname in surnames(m.name.split()):
                if surname not in lex.know.country_forms:
                    names[surname] = m.name
    if not names:
        return
    for tok in found.doc:
        if tok.text not in names:
            continue
        if found.free(tok.i) and tok.pos_ in ("PROPN", "NOUN"):
            text = tok.text
            found.add(Mention(tok.i, tok.i + 1, EntityKind.PERSON, f"person:{text}", text, text))
            continue
        other = found.at(tok.i)
        if (
            other is not None
            and (other.kind in (EntityKind.ORGANIZATION, EntityKind.LOCATION) or group_of_one_name(other))
            and other.start == tok.i
            and other.end == tok.i + 1
        ):
            other.kind, other.key, other.name = EntityKind.PERSON, f"person:{tok.text}", tok.text


def group_of_one_name(m: Mention) -> bool:
    """A group the model's nationality label made of one singular name ('Kamel' -> 'Kamels')."""
    return m.kind is EntityKind.GROUP and m.name == f"{m.text}s" and " " not in m.text


def coordinated_names(found: Found, lex: Lexicon) -> None:
    """An untagged capitalised name coordinated with a person is a person: 'Putin and X held talks'."""
    doc = found.doc
    for m in list(found.mentions):
        if m.dropped or m.kind is not EntityKind.PERSON:
            continue
        last = doc[m.end - 1]
        others = [c for c in last.children if c.dep_ == "conj"]
        if last.dep_ == "conj":
            others.append(last.head)
        for tok in others:
            if (
                found.free(tok.i)
                and tok.pos_ == "PROPN"
                and tok.is_title
                and not tok.ent_type_
                and tok.text not in lex.know.country_forms
                and not any(c.dep_ == "compound" for c in tok.children)
            ):
                text = tok.text
                found.add(Mention(tok.i, tok.i + 1, EntityKind.PERSON, f"person:{text}", text, text))


def known_as(found: Found, lex: Lexicon) -> None:
    """'X, (who is) (also) known as Y' names X twice: 'Mohamed Hamdan Dagalo, known as Hemedti'."""
    doc = found.doc
    for tok in doc:
        if tok.lower_ != "known" or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "as":
            continue
        other = found.at(tok.i + 2)
        if other is None or other.start != tok.i + 2 or other.kind in _NOT_AN_OTHER_NAME:
            continue
        j = tok.i - 1
        while j >= 0 and doc[j].pos_ == "ADV":  # 'widely', 'also', 'better', 'formerly'
            j -= 1
        if j >= 1 and doc[j].lower_ in ("is", "was") and doc[j - 1].lower_ == "who":
            j -= 2
        if j < 1 or doc[j].text != ",":
            continue
        named = found.at(j - 1)
        if named is None or named is other or named.end != j or named.kind not in _NAMED_TWICE:
            continue
        other.key, other.name, other.kind = named.key, named.name, named.kind


# Who goes by a second name; and what a second name never is.
_NAMED_TWICE = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION})
_NOT_AN_OTHER_NAME = frozenset({EntityKind.COUNTRY, EntityKind.EVENT})
