"""Actor and event mentions in one parsed spaCy Doc (the work of the ``kg.actors.v1`` component).

A :class:`Mention` is a token span naming an actor or event with a canonical *key* that is the
same for every mention of the same thing in the document ("country:AM" for "Armenia",
"Armenian", "Yerevan"). Person keys are unified across the document later, in
:mod:`kg.nlp.assemble`, where all mentions of a document are seen together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.model import EntityKind
from kg.nlp.knowledge import Knowledge

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,9}$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_SKIP_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"}
_Add = Callable[["Mention"], "int | None"]
_FRESH = {"new", "fresh", "snap", "early", "repeat"}
_MONARCHS = {"king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "pope", "ayatollah"}
_ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
_ADMINISTRATIONS = {"administration", "government", "cabinet", "campaign", "camp"}
_CORPORATE_TITLES = {
    "chief executive", "chief executive officer", "ceo", "chairman", "chairwoman", "founder", "co-founder"
}
# Legislative titles -> how the chamber they sit in is named ("U.S. Senate", "the House").
_CHAMBER_TITLES = {
    "senator": ("senate",),
    "sen.": ("senate",),
    "representative": ("house of representatives", "house"),
    "rep.": ("house of representatives", "house"),
    "congressman": ("house of representatives", "house"),
    "congresswoman": ("house of representatives", "house"),
}
_PARTY_MEMBERS = {"republican", "democrat"}
# Last words that make an unrecognised run of capitalised words an organisation's name.
_BODY_ENDINGS = {
    "watch", "borders", "international", "observatory", "institute", "tribunal", "foundation", "network",
}
# Adjectives that do not say what an agreement is about.
_VAGUE = {
    "new", "joint", "bilateral", "landmark", "historic", "proposed", "draft", "final", "interim", "fragile",
    "tentative", "preliminary", "broad", "broader", "comprehensive", "initial", "formal", "informal", "major",
    "key", "first", "second", "previous", "earlier", "existing", "current", "long", "controversial",
}
_PORTFOLIO_WORDS = {"foreign", "defence", "defense", "interior"}
_LOWER_WORDS = {"of", "the", "and", "for", "on", "in", "de", "del", "al", "&"}


@dataclass(slots=True)
class Mention:
    """One mention; token offsets into the Doc it was found in."""

    start: int
    end: int
    kind: EntityKind
    key: str
    name: str
    text: str
    country: str | None = None  # ISO code of the country it names or belongs to
    named: bool = True  # events: a named event (global id) or a generic one ("the ceasefire")
    role: str | None = None  # title written before a person ("Prime Minister")
    role_target: int | None = None  # index of the mention qualifying the title ("Azerbaijani")
    role_start: int | None = None  # first token of the title
    acronym: str | None = None
    weak: bool = False  # an organisation only because the model said so (may be a place)
    label: str = ""  # the model's entity label, where it gave one


class ActorFinder:
    """Finds mentions: NER corrected by the country gazetteer, patterns for bodies, groups, events."""

    def __init__(self, vocab: object, knowledge: Knowledge) -> None:
        self.know = knowledge
        self._persons_in_org_clothing: set[int] = set()
        self.country_matcher = PhraseMatcher(vocab)  # type: ignore[arg-type]
        self.institution_matcher = PhraseMatcher(vocab)  # type: ignore[arg-type]
        tokenizer_vocab = vocab
        make = Doc
        forms = list(knowledge.country_forms)
        self.country_matcher.add("COUNTRY", [make(tokenizer_vocab, words=_split(f)) for f in forms])  # type: ignore[arg-type]
        self.institution_matcher.add(
            "INSTITUTION",
            [make(tokenizer_vocab, words=_split(f)) for f in knowledge.institutions],  # type: ignore[arg-type]
        )
        self._form_by_words = {" ".join(_split(f)): f for f in forms}
        self._inst_by_words = {" ".join(_split(f)): f for f in knowledge.institutions}

    # -- public -------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> list[Mention]:
        owner = [-1] * len(doc)
        mentions: list[Mention] = []

        def add(m: Mention) -> int | None:
            if any(owner[i] != -1 for i in range(m.start, m.end)):
                return None
            mentions.append(m)
            idx = len(mentions) - 1
            for i in range(m.start, m.end):
                owner[i] = idx
            return idx

        ent_label = [""] * len(doc)
        ent_span: list[Span | None] = [None] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ent_label[i] = ent.label_
                ent_span[i] = ent

        # 0. Titles before person names are reserved so no pass takes "State" in
        #    "Secretary of State Antony Blinken" for an organisation.
        self._persons_in_org_clothing = set()
        titles = self._reserve_titles(doc, owner)
        # 1. Institutions and countries from the gazetteer (longest match first).
        spans: list[tuple[Span, str]] = []
        for _, s, e in self.institution_matcher(doc):
            spans.append((doc[s:e], "inst"))
        for _, s, e in self.country_matcher(doc):
            spans.append((doc[s:e], "country"))
        chosen = {(sp.start, sp.end) for sp in filter_spans([sp for sp, _ in spans])}
        for span, what in spans:
            if (span.start, span.end) not in chosen:
                continue
            chosen.discard((span.start, span.end))
            covering = ent_span[span.start]
            # A longer name containing the form stays what it is: "Jordan Peterson", "Port Sudan".
            if (
                covering is not None
                and covering.label_ in ("PERSON", "GPE", "LOC", "FAC")
                and len(covering) > len(span)
                and covering.text not in self.know.country_forms
            ):
                continue
            # A proper name that is not a state organ keeps its nationality word: "Georgian Dream
            # party", "Palestinian Authority", "Russian Orthodox Church".
            if (
                what == "country"
                and covering is not None
                and covering.label_ == "ORG"
                and len(covering) > len(span)
                and covering.root.lemma_.lower() not in self.know.state_bodies
                and (
                    covering.root.i >= span.end
                    # "University of Nicosia", "Institute of Egypt": named after the place
                    or (span.start > covering.start and span.doc[span.start - 1].lower_ == "of")
                )
                and not any(t.tag_ == "POS" for t in covering)
            ):
                continue
            words = " ".join(t.text for t in span)
            if what == "inst":
                inst = self.know.institutions[self._inst_by_words[words]]
                add(
                    Mention(
                        span.start,
                        span.end,
                        EntityKind.ORGANIZATION,
                        f"org:{inst.name}",
                        inst.name,
                        span.text,
                        country=inst.country,
                    )
                )
                continue
            code, how = self.know.country_forms[self._form_by_words[words]]
            if how == "capital" and (
                span[0].tag_ != "NNP" or not (ent_label[span.start] or not span[0].is_sent_start)
            ):
                continue
            add(self._country(span, code))

        # Datelines write places in capitals: "KYIV, Ukraine (AP)", "DOHA (Reuters)".
        for tok in doc:
            if owner[tok.i] == -1 and tok.is_upper and tok.is_alpha and len(tok) >= 4:
                form = self.know.country_forms.get(tok.text.title())
                if form is not None and form[1] in ("name", "capital"):
                    add(self._country(doc[tok.i : tok.i + 1], form[0]))

        # 2. Named entities from the model.
        for ent in doc.ents:
            if ent.label_ in _SKIP_LABELS:
                continue
            if any(owner[i] >= 0 for i in range(ent.start, ent.end)):
                # A body named after a country: "Armenia's Security Council".
                continue
            m = self._from_entity(ent)
            if m is not None:
                add(m)

        # Places the model leaves unlabelled: "fighting in Pokrovsk", "the Kursk region".
        for tok in doc:
            if owner[tok.i] != -1 or tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_:
                continue
            locative = tok.dep_ == "pobj" and tok.head.lower_ in _SETTLED_PREPOSITIONS
            regional = tok.dep_ == "compound" and tok.head.lemma_.lower() in _PLACE_NOUNS
            if locative or regional:
                text = tok.text
                add(Mention(tok.i, tok.i + 1, EntityKind.LOCATION, f"loc:{text}", text, text, label="GPE"))

        # "King Abdullah II", "Sheikh Tamim": a monarch's title makes the name that follows.
        for tok in doc[:-1]:
            if owner[tok.i] != -1 or tok.lower_ not in _MONARCHS or not tok.is_title:
                continue
            end = tok.i + 1
            while end < len(doc) and owner[end] == -1 and doc[end].tag_ == "NNP" and doc[end].is_title:
                end += 1
            if end < len(doc) and owner[end] == -1 and _ROMAN.match(doc[end].text):
                end += 1
            if end > tok.i + 1:
                name = doc[tok.i + 1 : end].text
                idx = add(Mention(tok.i + 1, end, EntityKind.PERSON, f"person:{name}", name, name))
                if idx is not None:
                    titles[tok.i + 1] = self._title_before(doc, tok.i + 1, tok.sent.start, owner) or tok.i

        self._named_in_apposition(doc, owner, add)
        # 3. Surnames and names the model tagged once but missed elsewhere.
        self._known_names(doc, mentions, owner, add)
        self._group_adjectives(doc, mentions, owner, add)
        # 4. Patterns: bodies of a country, groups, events, acronyms.
        self._bodies(doc, mentions, owner, add)
        self._factions(doc, owner, add)
        self._acronyms(doc, mentions, owner, add)
        self._unknown_acronyms(doc, owner, add)
        self._unrecognised_bodies(doc, owner, add)
        self._administrations(doc, mentions, owner)
        self._company_qualifiers(doc, owner, titles, add)
        self._communities_and_states(doc, mentions, owner, titles)
        self._groups_and_events(doc, mentions, owner, add)
        self._titles(doc, mentions, owner, titles)
        self._disambiguate_countries(mentions)
        self._places_named_as_orgs(doc, mentions, owner)
        # Mentions taken over by a longer one were emptied (start -1); drop them.
        order = sorted(
            (i for i in range(len(mentions)) if mentions[i].start >= 0), key=lambda i: mentions[i].start
        )
        new_index = {old: new for new, old in enumerate(order)}
        result = [mentions[i] for i in order]
        for m in result:
            if m.role_target is not None:
                m.role_target = new_index.get(m.role_target)
        return result

    def _named_in_apposition(self, doc: Doc, owner: list[int], add: _Add) -> None:
        """"North Korea's foreign minister, Choe Son Hui, ...": capitalised words set off in
        apposition to a title name a person even where the model saw no name."""
        for tok in doc:
            if tok.pos_ != "NOUN" or tok.lower_ not in self.know.titles:
                continue
            for appos in (c for c in tok.rights if c.dep_ == "appos" and c.tag_ == "NNP"):
                start = appos.i
                while start > tok.i + 1 and doc[start - 1].dep_ == "compound" and doc[start - 1].is_title:
                    start -= 1
                span = doc[start : appos.i + 1]
                if (
                    not 2 <= len(span) <= 4
                    or doc[start - 1].text != ","
                    or any(owner[t.i] != -1 or t.ent_type_ or not t.is_title for t in span)
                    or span.text in self.know.country_forms
                ):
                    continue
                name = span.text
                add(Mention(span.start, span.end, EntityKind.PERSON, f"person:{name}", name, name))

    def _group_adjectives(self, doc: Doc, mentions: list[Mention], owner: list[int], add: _Add) -> None:
        """'Houthi military spokesman X' after 'the Houthis': the singular of a named group
        of the document, where the model saw no name, belongs to that group."""
        groups = {
            m.name: m for m in mentions if m.kind is EntityKind.GROUP and m.named and m.name.endswith("s")
        }
        if not groups:
            return
        for tok in doc:
            group = groups.get(f"{tok.text}s")
            if group is None or owner[tok.i] != -1 or not tok.is_title:
                continue
            if tok.dep_ not in ("amod", "compound"):
                continue
            add(Mention(tok.i, tok.i + 1, EntityKind.GROUP, group.key, group.name, tok.text))

    def _known_names(self, doc: Doc, mentions: list[Mention], owner: list[int], add: _Add) -> None:
        names: dict[str, str] = {}
        for m in mentions:
            if m.kind is EntityKind.PERSON:
                parts = m.name.split()
                names.setdefault(m.name, m.name)
                for surname in _surnames(parts):
                    if surname not in self.know.country_forms:
                        names[surname] = m.name
        if not names:
            return
        for tok in doc:
            if owner[tok.i] == -1 and tok.text in names and tok.pos_ in ("PROPN", "NOUN"):
                add(Mention(tok.i, tok.i + 1, EntityKind.PERSON, f"person:{tok.text}", tok.text, tok.text))
            elif owner[tok.i] >= 0 and tok.text in names:
                other = mentions[owner[tok.i]]
                if (
                    other.kind in (EntityKind.ORGANIZATION, EntityKind.LOCATION)
                    and other.start == tok.i
                    and other.end == tok.i + 1
                ):
                    other.kind, other.key, other.name = EntityKind.PERSON, f"person:{tok.text}", tok.text

    def _company_qualifiers(self, doc: Doc, owner: list[int], titles: dict[int, int], add: _Add) -> None:
        """'Vantora chief executive X': a proper noun nobody recognised before a corporate title
        is the company the person runs."""
        for person, start in titles.items():
            role = doc[start:person].text.lower()
            before = start - 1
            if role not in _CORPORATE_TITLES or before < 0 or owner[before] != -1:
                continue
            tok = doc[before]
            if tok.tag_ != "NNP" or not tok.is_alpha or tok.text in self.know.country_forms:
                continue
            if tok.ent_type_ in ("GPE", "NORP", "PERSON"):
                continue
            add(Mention(before, before + 1, EntityKind.ORGANIZATION, f"org:{tok.text}", tok.text, tok.text))

    def _communities_and_states(
        self, doc: Doc, mentions: list[Mention], owner: list[int], titles: dict[int, int]
    ) -> None:
        """Two nationality words in a row name a community, not two countries: "Turkish
        Cypriot leader X", "the isolation of Turkish Cypriots" (but "Greek Cypriot President Y"
        holds a state's office: the state is the second word). A country written before a party
        member ("a Georgia Republican") is a US state."""
        know = self.know
        for m in mentions:
            if m.kind is not EntityKind.COUNTRY or m.start < 0:
                continue
            last = doc[m.end - 1]
            if (
                m.end < len(doc)
                and doc[m.end].lower_.removesuffix("s") in _PARTY_MEMBERS
                and last.dep_ in ("compound", "amod", "nmod")
            ):
                if m.text != (know.countries[m.country or ""].demonym if m.country else None):
                    m.kind, m.key, m.name, m.country = EntityKind.LOCATION, f"loc:{m.text}", m.text, None
                continue
            nxt = owner[m.end] if m.end < len(doc) else -1
            if nxt < 0:
                continue
            other = mentions[nxt]
            if (
                other.kind is not EntityKind.COUNTRY
                or other.start != m.end
                or other.country == m.country
                or know.country_forms.get(m.text, ("", ""))[1] != "demonym"
                or know.country_forms.get(other.text.removesuffix("s"), ("", ""))[1] != "demonym"
            ):
                continue
            state_title = any(
                start == other.end and self._state_role(doc[start : person].text)
                for person, start in titles.items()
            )
            if state_title:
                continue  # "Greek Cypriot President Y": the second word names the state
            name = f"{m.text} {other.text.removesuffix('s')}s"
            m.kind, m.key, m.name, m.country, m.named = EntityKind.GROUP, f"group:{name}", name, None, True
            m.text = doc[m.start : other.end].text
            for i in range(other.start, other.end):
                owner[i] = owner[m.start]
            m.end = other.end
            other.start = other.end = -1

    # -- building blocks ------------------------------------------------------------------
    def _country(self, span: Span, code: str) -> Mention:
        country = self.know.countries[code]
        return Mention(
            span.start, span.end, EntityKind.COUNTRY, f"country:{code}", country.name, span.text, country=code
        )

    def _country_code(self, text: str) -> str | None:
        form = self.know.country_forms.get(text)
        if form is not None:
            return form[0]
        bare = text.replace(".", "")
        return self.know.country_codes.get(bare) if bare.isupper() else None

    def _from_entity(self, ent: Span) -> Mention | None:
        span = ent
        # Drop a leading determiner and a trailing possessive from the surface.
        while len(span) and span[0].lower_ in ("the", "a", "an"):
            span = span[1:]
        while len(span) and span[-1].tag_ == "POS":
            span = span[:-1]
        if not len(span):
            return None
        text = span.text
        label = ent.label_
        code = self._country_code(text)
        if code is None and len(span) == 1 and label in ("NORP", "GPE", "PERSON", "ORG"):
            code = self.know.country_of_stem(text) if text[:1].isupper() and text.isalpha() else None
            if code is not None and label in ("PERSON", "ORG") and self.know.country_forms.get(text) is None:
                # Only nationality-shaped words count when the model saw a person or an org.
                code = code if text.endswith(("i", "ian", "an", "ese", "ish")) else None
        if code is not None:
            return self._country(span, code)
        if label == "ORG" and ent.start in self._persons_in_org_clothing:
            label = "PERSON"  # "Government spokeswoman Yolande Makolo"
        if (
            label == "PERSON"
            and len(span) == 1
            and text.endswith("s")
            and span.start > 0
            and span.doc[span.start - 1].lower_ == "the"
        ):
            label = "NORP"  # "the Houthis"
        if label == "PERSON" and span[-1].lemma_.lower() in self.know.bodies:
            label = "ORG"  # "Tigray People's Liberation Front"
        if label == "PERSON":
            span = self._strip_titles(span)
            if not len(span) or not any(t.is_alpha for t in span):
                return None
            word = span[0]
            alone = len(span) == 1 and span.start == ent.start
            if alone and word.dep_ == "pobj" and word.head.lower_ in _SETTLED_PREPOSITIONS:
                # "fighting around Kamina": one untitled word after a place preposition is a place
                place = span.text
                key = f"loc:{place}"
                return Mention(span.start, span.end, EntityKind.LOCATION, key, place, place, label="GPE")
            span = _complete_name(span)
            return Mention(
                span.start, span.end, EntityKind.PERSON, f"person:{span.text}", span.text, span.text
            )
        if label in ("GPE", "LOC", "FAC") and any(c.isdigit() for c in text) and text[:1].isupper():
            label = "ORG"  # "M23": places are not named with digits, armed groups are
        if label in ("GPE", "LOC", "FAC"):
            return Mention(span.start, span.end, EntityKind.LOCATION, f"loc:{text}", text, text, label=label)
        if label == "ORG":
            if not any(t.is_alpha for t in span) or len(text) < 2:
                return None
            weak = not any(t.lemma_.lower() in self.know.bodies for t in span) and not _ACRONYM.match(text)
            if weak and self._titled_in_apposition(span):
                # "Valentina Petrova, a senior member of ...": a person the model took for an org.
                return Mention(span.start, span.end, EntityKind.PERSON, f"person:{text}", text, text)
            return Mention(
                span.start, span.end, EntityKind.ORGANIZATION, f"org:{text}", text, text, weak=weak
            )
        if label == "NORP":
            if text.endswith("s") and text[:1].isupper():
                return Mention(span.start, span.end, EntityKind.GROUP, f"group:{text}", text, text)
            if len(span) == 1 and _named_as_place(span):
                # "fled to X", or a word the model called a place elsewhere: an unknown place,
                # not the people of one
                return Mention(
                    span.start, span.end, EntityKind.LOCATION, f"loc:{text}", text, text, label="GPE"
                )
            if len(span) == 1 and span[0].tag_ == "NNP" and text[:1].isupper():
                plural = f"{text}s"  # "Houthi spokesman" belongs to the Houthis
                return Mention(span.start, span.end, EntityKind.GROUP, f"group:{plural}", plural, text)
            return None
        if label == "EVENT":
            return Mention(span.start, span.end, EntityKind.EVENT, f"event:{text}", text, text, named=True)
        return None

    def _strip_titles(self, span: Span) -> Span:
        i = 0
        while i < len(span):
            if span[i].lower_ in self.know.honorifics:
                i += 1
                continue
            matched = 0
            for n in (3, 2, 1):
                if i + n < len(span) and " ".join(t.lower_ for t in span[i : i + n]) in self.know.titles:
                    matched = n
                    break
            if not matched:
                break
            i += matched
        return span[i:]

    def _bodies(self, doc: Doc, mentions: list[Mention], owner: list[int], add: _Add) -> None:
        """'Armenia's Defense Ministry', 'the Armenian parliament', 'the Security Council of X'."""
        know = self.know
        for idx in range(len(mentions)):
            m = mentions[idx]
            if m.kind is not EntityKind.COUNTRY:
                continue
            tok = doc[m.end - 1]
            head = tok.head
            if tok.dep_ not in ("poss", "amod", "compound", "nmod") or head.i <= tok.i:
                continue
            if head.lemma_.lower() not in know.state_bodies:
                # "Chinese foreign ministry spokesman": the organ is a modifier of the title
                head = self._organ_before(doc, m.end, head.i) or head
            # one named organ, not "Russia's state news agencies" or "U.S. banks"
            if head.lemma_.lower() not in know.state_bodies or head.tag_ not in ("NN", "NNP"):
                continue
            first = m.end + (1 if m.end < len(doc) and doc[m.end].tag_ == "POS" else 0)
            last = head.i + 1
            # "upper chamber of parliament": a body of a body.
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ == "of":
                    obj = [c for c in child.children if c.dep_ == "pobj"]
                    if obj and obj[0].lemma_.lower() in know.state_bodies and owner[obj[0].i] == -1:
                        last = obj[0].i + 1
            if first >= last or any(owner[i] not in (-1,) and i >= first for i in range(first, last)):
                # Part of it is already an entity: take it over if it is a bare NER org.
                inner = {owner[i] for i in range(first, last) if owner[i] >= 0}
                if not all(mentions[j].kind is EntityKind.ORGANIZATION and j != idx for j in inner):
                    continue
                for j in inner:
                    for i in range(mentions[j].start, mentions[j].end):
                        owner[i] = -1
                    mentions[j].start = mentions[j].end = -1
            body = doc[first:last].text
            country = know.countries[m.country or ""].name if m.country else ""
            name = f"{_title(body)} of {country}"
            add(
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
        # "the Security Council of Armenia"
        for tok in doc:
            if (
                owner[tok.i] != -1
                or tok.lemma_.lower() not in know.state_bodies
                or tok.tag_ not in ("NN", "NNP")
            ):
                continue
            of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"]
            if not of:
                continue
            objs = [c for c in of[0].children if c.dep_ == "pobj"]
            if not objs or owner[objs[0].i] < 0:
                continue
            target = mentions[owner[objs[0].i]]
            if target.kind is not EntityKind.COUNTRY:
                continue
            first = tok.i
            while (
                first > 0
                and doc[first - 1].dep_ in ("compound", "amod")
                and doc[first - 1].head.i >= tok.i
                and owner[first - 1] == -1
                and doc[first - 1].is_alpha
            ):
                first -= 1
            if not doc[first].text[:1].isupper():
                continue
            body = doc[first : tok.i + 1].text
            name = f"{_title(body)} of {know.countries[target.country or ''].name}"
            add(
                Mention(
                    first,
                    tok.i + 1,
                    EntityKind.ORGANIZATION,
                    f"org:{name}",
                    name,
                    doc[first : target.end].text,
                    country=target.country,
                )
            )

    def _organ_before(self, doc: Doc, start: int, head: int) -> Token | None:
        """The organ word between a country and the title it qualifies ("Chinese foreign
        ministry spokesman" -> "ministry"), when only lower-case modifiers come before it."""
        j = start + (1 if start < head and doc[start].tag_ == "POS" else 0)
        organ = None
        while j < head and doc[j].is_alpha and doc[j].is_lower:
            if doc[j].lemma_.lower() in self.know.state_bodies and doc[j].head.i > j:
                organ = doc[j]
            j += 1
        return organ if j == head and organ is not None and organ.i == head - 1 else None

    def _acronyms(self, doc: Doc, mentions: list[Mention], owner: list[int], add: _Add) -> None:
        """'Economic Community of West African States (ECOWAS)' and later bare 'ECOWAS' are one org."""
        self._spelled_out(doc, mentions, owner, add)
        by_acronym: dict[str, Mention] = {}
        words = {t.text for t in doc if t.is_upper}
        for m in mentions:
            if m.kind is not EntityKind.ORGANIZATION or m.start < 0:
                continue
            after = m.end
            if (
                after + 2 < len(doc)
                and doc[after].text == "("
                and doc[after + 2].text == ")"
                and _ACRONYM.match(doc[after + 1].text)
            ):
                m.acronym = doc[after + 1].text
            else:
                initials = "".join(
                    w[0] for w in m.name.split() if w[:1].isupper() and w.lower() not in _LOWER_WORDS
                )
                if len(initials) >= 2 and len(m.name.split()) >= 2 and initials in words:
                    m.acronym = initials
                    by_acronym.setdefault(initials, m)
                    continue
            if m.acronym:
                by_acronym[m.acronym] = m
            elif _ACRONYM.match(m.text) and len(m.text) >= 3:
                by_acronym.setdefault(m.text, m)  # "HTS" seen once: also "HTS leader X" later
        if not by_acronym:
            return
        for tok in doc:
            if owner[tok.i] >= 0:
                # A bare NER org equal to a known acronym becomes that org.
                other = mentions[owner[tok.i]]
                target = by_acronym.get(other.text)
                if target is not None and other is not target and other.kind is EntityKind.ORGANIZATION:
                    other.key, other.name = target.key, target.name
                continue
            target = by_acronym.get(tok.text)
            if target is None:
                continue
            add(
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

    def _places_named_as_orgs(self, doc: Doc, mentions: list[Mention], owner: list[int]) -> None:
        """'the Torkham and Chaman border crossings': names the model took for organisations
        that modify a place noun are places (and so are their conjuncts)."""
        for m in mentions:
            if m.kind is not EntityKind.ORGANIZATION or not m.weak or m.start < 0:
                continue
            root = doc[m.end - 1]
            chain = [root]
            while chain[-1].dep_ == "conj" and chain[-1].head is not chain[-1]:
                chain.append(chain[-1].head)
            head = chain[-1].head
            if (
                chain[-1].dep_ == "compound"
                and head.lemma_.lower() in self.know.place_heads
                and owner[head.i] == -1
            ):
                m.kind = EntityKind.LOCATION

    def _factions(self, doc: Doc, owner: list[int], add: _Add) -> None:
        """'the eastern government', 'the rival administration': a faction, not the country."""
        know = self.know
        for tok in doc:
            if owner[tok.i] != -1 or tok.lemma_.lower() not in know.faction_nouns or tok.pos_ != "NOUN":
                continue
            mods = [
                c
                for c in tok.lefts
                if c.dep_ == "amod" and _faction_word(c, know.factions) and owner[c.i] == -1
            ]
            if not mods:
                continue
            first = mods[0].left_edge.i  # "the eastern-based administration" starts at "eastern"
            name = doc[first : tok.i + 1].text.lower()
            add(
                Mention(
                    first,
                    tok.i + 1,
                    EntityKind.ORGANIZATION,
                    f"org:{name}",
                    name,
                    doc[first : tok.i + 1].text,
                )
            )

    def _disambiguate_countries(self, mentions: list[Mention]) -> None:
        """A bare word that names a country only loosely ("Congo") means the country of the
        document whose full name contains it ("Democratic Republic of Congo")."""
        countries = {m.country for m in mentions if m.kind is EntityKind.COUNTRY and m.country}
        if len(countries) < 2:
            return
        for m in mentions:
            if m.kind is not EntityKind.COUNTRY or not m.country or " " in m.text:
                continue
            own = self.know.countries[m.country]
            if m.text == own.name or self.know.country_forms.get(m.text, ("", ""))[1] != "name":
                continue
            for code in countries:
                other = self.know.countries[code]
                if code != m.country and m.text in other.name.split():
                    m.country, m.key, m.name = code, f"country:{code}", other.name
                    break

    def _spelled_out(self, doc: Doc, mentions: list[Mention], owner: list[int], add: _Add) -> None:
        """'The Organization of American States (OAS)': the capitalised words before an acronym
        in brackets whose initials spell it are one organisation, even where the model saw none
        (or saw a nationality inside it)."""
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(" or doc[i + 2].text != ")" or not _ACRONYM.match(doc[i + 1].text):
                continue
            acronym = doc[i + 1].text.rstrip("s") if doc[i + 1].text.endswith("s") else doc[i + 1].text
            best = None
            for j in range(i - 1, max(-1, i - 11), -1):
                tok = doc[j]
                if not (
                    tok.is_title
                    or tok.is_upper
                    or tok.lower_ in _LOWER_WORDS
                    or tok.text in ("'s", "’s", "-")
                ):
                    break
                if tok.lower_ in _LOWER_WORDS or tok.text == "-":
                    continue  # "Hayat Tahrir al-Sham (HTS)": particles and hyphens spell nothing
                words = [t for t in doc[j:i] if t.text[:1].isupper()]
                if "".join(t.text[0] for t in words) in (acronym, doc[i + 1].text):
                    best = j
            if best is None:
                continue
            inside = {owner[k] for k in range(best, i) if owner[k] >= 0}
            if any(owner[k] == -2 for k in range(best, i)):
                continue
            if any(mentions[k].start < best or mentions[k].end > i for k in inside):
                continue
            if len(inside) == 1 and mentions[next(iter(inside))].kind is EntityKind.ORGANIZATION:
                continue  # already an organisation; the acronym is attached below
            for k in inside:
                for t in range(mentions[k].start, mentions[k].end):
                    owner[t] = -1
                mentions[k].start = mentions[k].end = -1
            name = doc[best:i].text
            add(Mention(best, i, EntityKind.ORGANIZATION, f"org:{name}", name, name, acronym=doc[i + 1].text))

    def _unknown_acronyms(self, doc: Doc, owner: list[int], add: _Add) -> None:
        """An all-capitals proper noun nobody recognised ("MONUSCO", "IGAD") is an organisation;
        at the start of a sentence (where headlines and datelines shout) only when the same
        word is one elsewhere in the text ("... (HTS). HTS leader X")."""
        seen: set[str] = set()
        for tok in doc:
            text = tok.text
            if (
                owner[tok.i] == -1
                and tok.pos_ == "PROPN"
                and 3 <= len(text) <= 8
                and _ACRONYM.match(text)
                and text.replace(".", "") not in self.know.country_codes
            ):
                if tok.is_sent_start and text not in seen:
                    continue
                seen.add(text)
                add(Mention(tok.i, tok.i + 1, EntityKind.ORGANIZATION, f"org:{text}", text, text))

    def _unrecognised_bodies(self, doc: Doc, owner: list[int], add: _Add) -> None:
        """Capitalised words the model left unnamed that end in a word only organisations end
        in ("... Rights Watch", "... Crisis Group", "... Without Borders"): an organisation
        acting in the sentence (a subject or object), never a sentence-initial headline word."""
        i = 0
        while i < len(doc):
            tok = doc[i]
            if owner[i] != -1 or tok.ent_type_ or tok.tag_ not in ("NNP", "NNPS") or not tok.is_title:
                i += 1
                continue
            end = i
            while (
                end < len(doc)
                and owner[end] == -1
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
                and last.lower_ in _BODY_ENDINGS
                and last.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
                and not any(t.text in self.know.country_forms for t in doc[i:end])
            ):
                name = doc[i:end].text
                add(Mention(i, end, EntityKind.ORGANIZATION, f"org:{name}", name, name))
            i = max(end, i + 1)

    def _administrations(self, doc: Doc, mentions: list[Mention], owner: list[int]) -> None:
        """'the Biden administration' is an organisation, not the person Biden."""
        for m in mentions:
            if m.kind is not EntityKind.PERSON or m.start < 0:
                continue
            last = doc[m.end - 1]
            head = last.head
            if (
                last.dep_ == "compound"
                and head.i == m.end
                and head.lemma_.lower() in _ADMINISTRATIONS
                and owner[head.i] == -1
            ):
                m.kind = EntityKind.ORGANIZATION
                m.name = f"{m.text.split()[-1]} {head.lower_}"
                m.key = f"org:{m.name}"
                m.text = doc[m.start : head.i + 1].text
                owner[head.i] = owner[m.start]
                m.end = head.i + 1

    def _groups_and_events(self, doc: Doc, mentions: list[Mention], owner: list[int], add: _Add) -> None:
        know = self.know
        last_agreement: Mention | None = None
        for tok in doc:
            if owner[tok.i] != -1 or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            lemma = tok.lemma_.lower()
            group = (
                next(
                    (
                        know.group_nouns[f"{c.lower_} {lemma}"]
                        for c in tok.lefts
                        if c.dep_ == "compound" and f"{c.lower_} {lemma}" in know.group_nouns
                    ),
                    None,
                )
                or know.group_nouns.get(lemma)
                or know.group_nouns.get(tok.lower_)
                or (know.group_nouns.get(tok.lower_[:-1]) if tok.lower_.endswith("s") else None)
            )
            if group is not None and tok.dep_ != "compound" and not self._org_modified(tok, mentions, owner):
                country = self._qualifier_country(tok, mentions, owner)
                name = group
                if country is not None:
                    demonym = know.countries[country].demonym or know.countries[country].name
                    name = f"{demonym} {group}"
                add(
                    Mention(
                        tok.i,
                        tok.i + 1,
                        EntityKind.GROUP,
                        f"group:{name}",
                        name,
                        tok.text,
                        country=country,
                        named=country is not None,
                    )
                )
                continue
            if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
                continue  # the head noun decides ("ceasefire agreement")
            event = self._event_of(tok)
            if event is None:
                continue
            canonical, qualifier, first = event
            while first < tok.i and owner[first] != -1:
                first += 1  # "the NATO summit": NATO stays the organisation
            generic_agreement = canonical == "agreement" and qualifier is None
            if (
                generic_agreement
                and last_agreement is not None
                and any(c.lower_ == "the" for c in tok.children if c.dep_ == "det")
            ):
                add(
                    Mention(
                        first,
                        tok.i + 1,
                        EntityKind.EVENT,
                        last_agreement.key,
                        last_agreement.name,
                        doc[first : tok.i + 1].text,
                        named=last_agreement.named,
                    )
                )
                continue
            name = f"{qualifier} {canonical}" if qualifier else canonical
            idx = add(
                Mention(
                    first,
                    tok.i + 1,
                    EntityKind.EVENT,
                    f"event:{name}",
                    name,
                    doc[first : tok.i + 1].text,
                    named=qualifier is not None,
                )
            )
            an_agreement = canonical in ("agreement", "ceasefire", "peace agreement")
            if idx is not None and (an_agreement or know.event_nouns.get(tok.lemma_.lower()) == "agreement"):
                last_agreement = mentions[idx]

    def _event_of(self, tok: Token) -> tuple[str, str | None, int] | None:
        """(canonical, qualifier naming it, first token) when the noun names an event."""
        know = self.know
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "nummod")]
        lemma = tok.lemma_.lower()
        canonical = None
        # A compound of two words listed together ("peace agreement") or a more specific modifier.
        for mod in mods:
            both = f"{mod.lower_} {tok.lower_}"
            both_lemma = f"{mod.lemma_.lower()} {lemma}"
            canonical = know.event_nouns.get(both) or know.event_nouns.get(both_lemma)
            if canonical:
                break
            if (
                mod.dep_ == "compound"
                and mod.lemma_.lower() in know.event_nouns
                and lemma in know.event_nouns
            ):
                canonical = know.event_nouns[mod.lemma_.lower()]
                break
        if canonical is None:
            canonical = know.event_nouns.get(tok.lower_) or know.event_nouns.get(lemma)
        if canonical is None:
            return None
        qualifier = None
        first = tok.i
        fresh = [m for m in mods if m.dep_ == "amod" and m.lower_ in _FRESH]
        if fresh:
            canonical = f"new {canonical}"  # "proposed new elections" is not the disputed one
            first = fresh[0].i
        for mod in mods:
            if (
                mod.dep_ in ("compound", "nmod", "amod", "nummod")
                and (mod.pos_ == "PROPN" or _YEAR.match(mod.text))
                and mod.text[:1].isupper() | bool(_YEAR.match(mod.text))
            ):
                qualifier = mod.text
            if mod.dep_ in ("compound",) or mod is mods[-1]:
                first = min(first, mod.i) if (mod.dep_ == "compound" or qualifier == mod.text) else first
        topic = [m for m in mods if m.dep_ == "compound" and m.pos_ == "NOUN" and m.is_lower]
        if canonical == "agreement" and qualifier is None and topic and not fresh:
            # "a water-sharing pact", "a coastal fisheries agreement": what the agreement is about
            # tells two agreements of one story apart (a bare "the deal" is the last one named)
            start = min(t.i for m in topic for t in m.subtree)
            while start > 0 and any(
                m.i == start - 1 and m.dep_ == "amod" and m.is_lower and m.lower_ not in _VAGUE for m in mods
            ):
                start -= 1  # "a coastal fisheries agreement"
            words = [t for t in tok.doc[start : tok.i + 1] if t.is_alpha and t.is_lower]
            if len(words) == tok.i + 1 - start:
                return " ".join(t.lower_ for t in words), None, start
        return canonical, qualifier, first

    def _org_modified(self, tok: Token, mentions: list[Mention], owner: list[int]) -> bool:
        """'Hamas fighters' are Hamas, not an anonymous group."""
        return any(
            c.dep_ in ("compound", "poss", "nmod")
            and owner[c.i] >= 0
            and mentions[owner[c.i]].kind in (EntityKind.ORGANIZATION, EntityKind.PERSON)
            for c in tok.children
        )

    def _qualifier_country(self, tok: Token, mentions: list[Mention], owner: list[int]) -> str | None:
        heads = [tok]
        # "a group of MPs from Georgia": the qualifier hangs on the counting word.
        if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in self.know.quantities:
            heads.append(tok.head.head)
        for child in (c for h in heads for c in h.children):
            if child.dep_ in ("amod", "compound", "poss", "nmod") and owner[child.i] >= 0:
                m = mentions[owner[child.i]]
                if m.kind is EntityKind.COUNTRY:
                    return m.country
            if child.dep_ == "prep" and child.lower_ in ("from", "in", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and owner[obj.i] >= 0:
                        m = mentions[owner[obj.i]]
                        if m.kind is EntityKind.COUNTRY:
                            return m.country
        return None

    def _titled_in_apposition(self, span: Span) -> bool:
        for child in span.root.children:
            if child.dep_ == "appos" and child.lemma_.lower() in self.know.titles:
                return True
        return False

    def _reserve_titles(self, doc: Doc, owner: list[int]) -> dict[int, int]:
        """Person start token -> first token of the title written before it.

        The grammar: [qualifier] [modifiers] TITLE NAME, where the qualifier is a country,
        nationality or organisation ("Kremlin spokesman X", "EU foreign policy chief Y",
        "Houthi military spokesman Z"), modifiers are lower-case words ("national security"),
        and a portfolio before Minister/Secretary belongs to the title ("Defence Secretary").
        A name the model took for an organisation counts as a person when a title precedes it.
        """
        found: dict[int, int] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                start = self._strip_titles(ent).start
                if start > ent.start:
                    # "Sheikh Mohammed ..." inside, maybe "Qatari Prime Minister" before it too
                    outer = self._title_before(doc, ent.start, ent.sent.start, owner)
                    found[start] = outer if outer is not None else ent.start
                    for i in range(found[start], start):
                        owner[i] = -2
                    continue
            elif ent.label_ == "ORG" and self._name_like(ent):
                start = ent.start
            else:
                continue
            first = self._title_before(doc, start, ent.sent.start, owner)
            if first is None:
                continue
            found[start] = first
            for i in range(first, start):
                owner[i] = -2
            if ent.label_ == "ORG":
                self._persons_in_org_clothing.add(ent.start)
        return found

    def _title_before(self, doc: Doc, end: int, sent_start: int, owner: list[int]) -> int | None:
        know = self.know
        first = None
        for n in (4, 3, 2, 1):
            s = end - n
            if s < sent_start or any(owner[i] != -1 for i in range(s, end)):
                continue
            span = doc[s:end]
            if span.text.lower() in know.titles or " ".join(t.lower_ for t in span) in know.titles:
                first = s
                break
        if first is None:
            return None
        head = doc[end - 1].lower_
        # "Defence Secretary", "Interior Minister", "Enlargement Commissioner": the portfolio is
        # part of the title (and never an organisation of its own).
        if head in ("minister", "secretary", "commissioner"):
            for _ in range(2):
                prev = first - 1
                if prev < sent_start or owner[prev] != -1 or not doc[prev].is_alpha or not doc[prev].is_title:
                    break
                if doc[prev].text in know.country_forms or doc[prev].ent_type_ == "GPE":
                    break
                names = (doc[k : prev + 1].text for k in range(max(sent_start, prev - 5), prev))
                if any(name in know.country_forms for name in names):
                    break  # "Antigua and Barbuda Prime Minister": a country, no portfolio
                if doc[prev].ent_type_ == "NORP" and know.country_of_stem(doc[prev].text) is not None:
                    break  # "Armenian Defence Minister"; but "Enlargement Commissioner" is a portfolio
                first = prev
        # Lower-case modifiers: "military spokesman", "national security adviser".
        for _ in range(3):
            prev = first - 1
            if prev < sent_start or owner[prev] != -1:
                break
            tok = doc[prev]
            if not tok.is_alpha or not tok.is_lower or tok.pos_ not in ("ADJ", "NOUN") or tok.dep_ == "det":
                break
            if tok.lemma_.lower() in know.state_bodies:
                break  # "Chinese foreign ministry spokesman": the ministry qualifies the title
            first = prev
        return first

    def _name_like(self, ent: Span) -> bool:
        """Two or three capitalised words, no organisation word, no acronym: maybe a person."""
        words = [t for t in ent if t.is_alpha]
        return (
            2 <= len(words) <= 4
            and len(words) == len(ent)
            and all(t.is_title for t in words)
            and not any(t.lemma_.lower() in self.know.bodies for t in words)
        )

    def _titles(self, doc: Doc, mentions: list[Mention], owner: list[int], titles: dict[int, int]) -> None:
        """'Kenyan President Jane Doe': role 'President', qualified by Kenya."""
        for m in mentions:
            if m.kind is not EntityKind.PERSON or m.start not in titles:
                continue
            best = titles[m.start]
            sent_start = doc[m.start].sent.start
            # the role as written, without courtesy words ("Prime Minister", not "... Sheikh")
            m.role = "".join(
                t.text_with_ws for t in doc[best : m.start] if t.lower_ not in self.know.honorifics
            ).strip()
            m.role_start = best
            before = best - 1
            if before >= sent_start and doc[before].tag_ == "POS":
                before -= 1
            # "Chinese foreign ministry spokesman": past unnamed organ words to the qualifier
            steps = 0
            while (
                before > sent_start
                and owner[before] == -1
                and steps < 3
                and doc[before].is_lower
                and (
                    doc[before].lemma_.lower() in self.know.state_bodies | _PORTFOLIO_WORDS
                    # "Front political bureau chief": an adjective on the organ
                    or (steps > 0 and doc[before].pos_ == "ADJ" and doc[before].tag_ == "JJ")
                )
            ):
                before -= 1
                steps += 1
            if steps and before >= sent_start and doc[before].tag_ == "POS":
                before -= 1  # "Russia's foreign ministry spokeswoman"
            if before >= sent_start and owner[before] >= 0:
                target = owner[before]
                if mentions[target].kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.GROUP):
                    m.role_target = target
            if m.role_target is None and self._state_role(m.role):
                m.role_target = self._country_of_title(doc, m, mentions, owner)
            if m.role_target is None:
                m.role_target = self._chamber_of_title(m, mentions)

    def _chamber_of_title(self, m: Mention, mentions: list[Mention]) -> int | None:
        """'Senator X' sits in the one senate the text names, 'Representative Y' in the one
        house of representatives; nothing when the text names none or several."""
        chamber = _CHAMBER_TITLES.get((m.role or "").lower())
        if chamber is None:
            return None
        found = {
            other.key: idx
            for idx, other in enumerate(mentions)
            if other.kind is EntityKind.ORGANIZATION
            and other.start >= 0
            and any(other.name.lower().endswith(suffix) for suffix in chamber)
        }
        names = {key: mentions[idx].name for key, idx in found.items()}
        # "the House" after "the U.S. House of Representatives" is the same chamber
        longest = [k for k in found if not any(k != o and names[k] in names[o].split() for o in found)]
        if len(longest) == 1 and all(names[k] in names[longest[0]].split() or k == longest[0] for k in found):
            return found[longest[0]]
        return None

    def _state_role(self, role: str) -> bool:
        """A title only a state gives ("President", "caretaker Prime Minister", "former
        Interior Minister"), as opposed to "Speaker" or "spokesman"."""
        words = role.lower().split()
        if words and words[-1] in ("minister", "secretary") and "general" not in words:
            return True
        return any(" ".join(words[i:]) in self.know.state_titles for i in range(len(words)))

    def _country_of_title(
        self, doc: Doc, m: Mention, mentions: list[Mention], owner: list[int]
    ) -> int | None:
        """The country of a title written without one, only on strong evidence (a wrong
        country is worse than none): "President X of Y", "Prime Minister X in <capital>",
        never the country of the dateline or of the article (on held-out news that guess is
        wrong more often than right)."""
        last = doc[m.end - 1]
        for prep in last.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "in"):
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and owner[obj.i] >= 0:
                    target = mentions[owner[obj.i]]
                    if target.kind is EntityKind.COUNTRY:
                        return owner[obj.i]
        return None


def _complete_name(span: Span) -> Span:
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
            and all(t.tag_ == "NNP" and t.ent_type_ not in _SKIP_LABELS for t in doc[end : head.i + 1])
        ):
            span = doc[span.start : head.i + 1]
            continue
        break
    return span


def _surnames(parts: list[str]) -> list[str]:
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


def _split(form: str) -> list[str]:
    """Tokenise a gazetteer form the way spaCy's English tokenizer would, roughly (it splits
    a hyphen between letters: "Guinea-Bissau", "al-Qaeda", "Lashkar-e-Taiba")."""
    words: list[str] = []
    for raw in form.split():
        if raw.endswith("'s") and len(raw) > 2:
            words.extend([raw[:-2], "'s"])
        elif raw.endswith(".") and raw.count(".") == 1 and len(raw) > 2 and not raw[:-1].isupper():
            words.extend([raw[:-1], "."])
        else:
            words.extend(part for part in _HYPHEN_INFIX.split(raw) if part)
    return words


_HYPHEN_INFIX = re.compile(r"(?<=[^\W_])(-)(?=[^\W\d_])")


def _title(body: str) -> str:
    """'health ministry' -> 'Health Ministry'; 'upper chamber of parliament' keeps 'of'."""
    return " ".join(
        w if w in _LOWER_WORDS or not w[:1].islower() else w[:1].upper() + w[1:] for w in body.split()
    )


# Prepositions after which a lone name is a place, not a person ("around X", not "to X").
_SETTLED_PREPOSITIONS = {"in", "into", "near", "around", "inside", "outside", "towards", "toward"}
# Nouns a place name qualifies: "the Kursk region", "the town of ..." is read elsewhere.
_PLACE_NOUNS = {"region", "province", "oblast", "district", "governorate", "city", "town", "village"}
_PLACE_PREPOSITIONS = {
    "to", "in", "into", "from", "near", "across", "at", "inside", "around", "towards", "toward",
}


def _named_as_place(span: Span) -> bool:
    """A single capitalised word that stands alone after a place preposition ("fled to X") or
    that the model tagged as a place elsewhere in the text."""
    word = span[0]
    if word.dep_ == "pobj" and word.head.lower_ in _PLACE_PREPOSITIONS:
        return True
    return any(e.label_ in ("GPE", "LOC") and e[0].text == word.text for e in span.doc.ents)


def _faction_word(mod: Token, factions: frozenset[str]) -> bool:
    """'eastern', or 'eastern-based' (parsed as 'based' with 'eastern' under it)."""
    if mod.lower_ in factions:
        return True
    return mod.lower_ == "based" and any(c.lower_ in factions for c in mod.lefts)
