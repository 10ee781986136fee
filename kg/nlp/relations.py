"""Relations read from the dependency parse (the work of the ``kg.relations.v1`` component).

Who did what to whom is read from a verb in the lexicon (``data/lexicon.toml``): its subject
(through coordination, relative clauses, participles, control verbs and passive agents) and the
object slot the lexicon names. Arguments are mapped to mentions directly or through
proxies ("Armenian officials" -> Armenia), counting words ("thousands of demonstrators"),
pronouns ("he", "his administration") and anaphors ("the region", "the two foes").
Structure (titles, appositions, "part of") gives HOLDS_ROLE / PART_OF / MEMBER_OF.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.model import EntityKind, RelationType
from kg.nlp.knowledge import Knowledge, VerbSense
from kg.nlp.mentions import Mention

_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_RELATIVE = {"who", "which", "that", "whom"}
_DATE_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"last night|january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b",
    re.IGNORECASE,
)
_ACTOR = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.COUNTRY, EntityKind.GROUP})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_PLACES = frozenset({EntityKind.LOCATION, EntityKind.COUNTRY})
_SPEECH_ACTS = frozenset(
    {
        RelationType.ACCUSED,
        RelationType.CRITICIZED,
        RelationType.URGED,
        RelationType.REJECTED,
        RelationType.THREATENED,
        RelationType.DECLARED,
    }
)
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
_HOLDERS = frozenset({EntityKind.ORGANIZATION, EntityKind.COUNTRY, EntityKind.GROUP})
_ROLE_TARGETS = frozenset(
    {EntityKind.ORGANIZATION, EntityKind.COUNTRY, EntityKind.GROUP, EntityKind.LOCATION}
)
# Who can act: actors, and places standing for their authorities ("Kosovo signed", "Gaza said").
_AGENTS = _ACTOR | {EntityKind.LOCATION}
_NEUTER = {"it", "its", "itself"}
_PLURAL = {"they", "them", "their", "themselves"}
_STATE_MODIFIERS = {"federal", "government", "national", "state", "regime", "junta", "pro-government"}
_HOLDING = {"hold", "control", "occupy", "run", "operate", "use", "man"}
_EVENT_ANAPHORS = {"idea", "proposal", "plan", "initiative", "offer", "arrangement"}
_CONFLICT = frozenset(
    {
        RelationType.ATTACKED,
        RelationType.FOUGHT,
        RelationType.CAPTURED,
        RelationType.KILLED,
        RelationType.THREATENED,
    }
)
# Forces whose passive deployment ("troops were deployed to X") names the state that sent them.
_FORCES = {
    "troop", "soldier", "force", "peacekeeper", "unit", "personnel", "contingent", "battalion",
    "brigade", "warship", "marine", "mercenary", "instructor", "adviser", "advisor",
}
# Nouns listing the members of an organisation ("member states including A and B").
_MEMBER_HEADS = {"member", "state", "country", "nation", "government"}
# Relations whose two ends are "the two sides" of what follows.
_SIDES = frozenset(
    {
        RelationType.ATTACKED,
        RelationType.FOUGHT,
        RelationType.CAPTURED,
        RelationType.KILLED,
        RelationType.THREATENED,
        RelationType.ACCUSED,
        RelationType.CRITICIZED,
        RelationType.REJECTED,
        RelationType.CONSULTED,
        RelationType.MET,
    }
)
_REACTIONS = frozenset({RelationType.CRITICIZED, RelationType.REJECTED, RelationType.ACCUSED})
_STRUCTURAL = frozenset(
    {RelationType.HOLDS_ROLE, RelationType.MEMBER_OF, RelationType.PART_OF, RelationType.LOCATED_IN}
)
# How far back (in mentions) pronouns and anaphors look: keeps long texts linear.
_LOOKBACK = 200
_SETTLEMENTS = {"town", "city", "village"}
_DOCUMENTS = {"statement", "letter", "communique", "declaration", "resolution", "note", "appeal"}
_DEPLOYMENTS = {"deployment", "dispatch", "buildup", "build-up"}
_VETOES = {"veto"}
_PROSPECTIVE = {"would", "will", "'ll"}
# "ready/willing/prepared to host talks": an offer.
_READY = {"ready", "willing", "prepared"}
_OFFERABLE = frozenset(
    {EntityKind.PERSON, EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.GROUP, EntityKind.EVENT}
)
# What a body is made of: "one of three groups in the alliance", "one of the states of the bloc".
_MEMBER_NOUNS = {
    "group", "faction", "party", "member", "militia", "movement", "organisation", "organization",
    "country", "state", "nation", "government",
}
# What an actor can threaten to do to another ("will strike X", "would seize Y").
_THREATENABLE = frozenset({RelationType.ATTACKED, RelationType.KILLED, RelationType.CAPTURED})
# State organs a definite description points back to: "the ministry said".
_ORGANS = {
    "ministry", "department", "agency", "office", "commission", "command", "court", "tribunal", "council",
}
_SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}
_CONSEQUENCES = {"face", "pay", "suffer", "regret", "bear"}
# what a threatened party would face ("would face a humanitarian crisis" is a warning about, not a threat)
_PENALTIES = {"consequence", "price", "retaliation", "response", "punishment", "reprisal", "repercussion"}
_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_FORMER = {"former", "ousted", "deposed", "late", "ex", "exiled", "then", "outgoing", "jailed"}
# Definite descriptions for a state's own authorities ("the junta", "the government").
_STATE_PROXIES = {
    "force",
    "police",
    "navy",
    "government",
    "junta",
    "regime",
    "military",
    "army",
    "authority",
    "administration",
    "country",
    "nation",
    "leadership",
    "cabinet",
}
_FORMERLY = {"previously", "formerly", "once", "no longer", "until"}
# "former"/"ex" say a role was held ("then" or "late" say less: "the then president", "the late king").
_ALLY = RelationType.ALLIED_WITH
_MAYBE = {"could", "might", "may", "should"}
_CALLED_OFF = {"postpone", "cancel", "delay", "suspend", "scrap", "defer", "shelve", "call"}
# Nouns that sum up what someone said: "an account the embassy rejected".
_ACCOUNTS = {"account", "version", "assertion", "story", "characterisation", "characterization"}
# "the two countries": only states.
_STATE_WORDS = {"nation", "country", "state", "republic"}
# What a target "came under": fire, attack, shelling.
_ASSAULTS = {"fire", "attack", "shelling", "bombardment", "assault", "strike", "airstrike", "barrage"}
# "committed abuses", "carried out war crimes": wrongs that, when reported, accuse the doer.
_BLAME_VERBS = {"commit", "perpetrate", "be"}
_WRONGS = {
    "abuse", "crime", "atrocity", "violation", "massacre", "genocide", "killing", "torture",
    "war crime", "breach", "rape", "execution",
}
# Plural nouns for people that "the two ..."/"both ..." point back with ("the two men met").
_PERSON_PAIRS = {"man", "woman", "leader", "president", "minister", "politician", "official", "envoy"}
_ONCE_HELD = {"former", "ex", "ousted", "deposed", "outgoing", "exiled"}


# An empty set of keys, for defaults (never changed).
_NO_KEYS: frozenset[str] = frozenset()


def _after_comma(noun: Token) -> bool:
    """Whether a comma comes right before the noun's phrase."""
    start = noun.left_edge.i
    return start > 0 and noun.doc[start - 1].text == ","


@dataclass(slots=True)
class RawRelation:
    """A relation between two mentions of one Doc, before document-level assembly."""

    subject: int
    type: RelationType
    object: int
    sent_start: int  # char offsets of the evidence sentence in the Doc
    sent_end: int
    confidence: float
    attributed_to: int | None = None
    negated: bool = False
    date_text: str | None = None
    role: str | None = None


class RelationReader:
    def __init__(self, knowledge: Knowledge) -> None:
        self.know = knowledge

    def __call__(self, doc: Doc, mentions: list[Mention]) -> list[RawRelation]:
        return _DocReader(self.know, doc, mentions).read()


class _DocReader:
    def __init__(self, know: Knowledge, doc: Doc, mentions: list[Mention]) -> None:
        self.know = know
        self.doc = doc
        self.mentions = mentions
        self.owner = [-1] * len(doc)
        for idx, m in enumerate(mentions):
            for i in range(max(m.start, 0), max(m.end, 0)):
                self.owner[i] = idx
        self.starts = [m.start for m in mentions]
        self.out: list[RawRelation] = []
        self.seen: set[tuple[str, RelationType, str, int]] = set()
        # Coordinated actors ("Armenia and Azerbaijan", "Mali, Burkina Faso and Niger"), by the
        # position of their last conjunct, for "the two foes", "both sides", "the three countries".
        self.pairs: list[tuple[int, list[int]]] = []
        for tok in doc:
            if tok.dep_ == "conj" or not any(c.dep_ == "conj" for c in tok.children):
                continue
            members: list[int] = []
            for t in _conjuncts(tok):
                member = self.owner[t.i]
                if (
                    member >= 0
                    and mentions[member].kind in _AGENTS
                    and all(mentions[x].key != mentions[member].key for x in members)
                ):
                    members.append(member)
            # places listed together ("Ardhal and Vesmira") are not sides, nor names before a
            # place noun, whatever the model called them ("the A and B border crossings")
            if tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in know.place_heads:
                continue
            # ... nor "the provinces of A and B"
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _is_place_noun(tok.head.head, know):
                continue
            if len(members) >= 2 and any(mentions[x].kind in _ACTOR for x in members):
                self.pairs.append((max(mentions[x].start for x in members), members))
        self.pairs.sort(key=lambda p: p[0])
        self.pair_pos = [p for p, _ in self.pairs]
        self._tallies: dict[EntityKind, tuple[int, dict[str, int], dict[str, int]]] = {}
        self._by_key: dict[str, list[int]] | None = None
        self.holds: set[tuple[str, str]] = {
            (m.key, mentions[m.role_target].key) for m in mentions if m.role_target is not None
        }
        # Countries that qualify a head-of-state title ("Former Nigerian President X").
        self.taken_countries = {
            m.role_target
            for m in mentions
            if m.role_target is not None and (m.role or "").lower() in know.state_titles
        }
        # Who the text says holds a country's single-holder title ("Rwandan President Paul
        # Kagame"): that country is not the one of someone else's bare "President X".
        self.title_holders: dict[tuple[str, str], set[str]] = {}
        # Where the story's first sentence ends (its lede names what it is about); blanked page
        # furniture before it is whitespace.
        self._first_end = next((sent.end for sent in doc.sents if any(t.is_alpha for t in sent)), 0)
        for m in mentions:
            if m.role is None or m.role_target is None or self._former_word(m) is not None:
                continue
            target = mentions[m.role_target]
            if target.kind is EntityKind.COUNTRY and _single_holder(m.role.lower(), know):
                self.title_holders.setdefault((m.role.lower(), target.key), set()).add(m.key)

    # -- driver ---------------------------------------------------------------------------
    def read(self) -> list[RawRelation]:
        for sent in self.doc.sents:
            attributed = self._according_to(sent)
            for tok in sent:
                if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.know.verbs:
                    self._verb(tok, sent, attributed)
                if tok.pos_ == "VERB" and tok.lemma_.lower() in self.know.demand_verbs:
                    self._demand(tok, sent, attributed)
                if tok.pos_ in ("NOUN", "PROPN"):
                    lemma = tok.lemma_.lower()
                    if lemma in self.know.between or tok.lower_ in self.know.between:
                        self._between(tok, sent, attributed)
                    if lemma in self.know.nominal:
                        self._nominal(tok, sent, attributed)
                if tok.i >= 2 and tok.tag_ == "VBN" and self.doc[tok.i - 1].text == "-":
                    self._hyphenated(tok, sent, attributed)
                if tok.lemma_ == "be" and tok.pos_ in ("AUX", "VERB"):
                    self._copular(tok, sent, attributed)
                if tok.dep_ == "appos":
                    self._apposition(tok, sent)
                if tok.pos_ == "NOUN" and self.know.copular.get(tok.lemma_.lower()) is _ALLY:
                    self._ally_before_name(tok, sent)
                if tok.lemma_.lower() in _MEMBER_HEADS and tok.pos_ == "NOUN":
                    self._listed_members(tok, sent)
                if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in _BLAME_VERBS:
                    self._reported_blame(tok, sent)
                if tok.pos_ == "VERB" and tok.lemma_.lower() == "come":
                    self._came_under(tok, sent, attributed)
                if tok.dep_ == "acomp" and tok.lemma_.lower() in _READY:
                    self._ready(tok, sent, attributed)
            self._titles(sent)
            self._organs(sent)
        return self.out

    def _organs(self, sent: Span) -> None:
        """'Armenia's Defense Ministry', 'the Security Council of X': an organ of the state."""
        pos = bisect.bisect_left(self.starts, sent.start)
        while pos < len(self.mentions) and self.mentions[pos].start < sent.end:
            m = self.mentions[pos]
            if (
                m.kind is EntityKind.ORGANIZATION
                and m.country
                and m.name.endswith(f" of {self.know.countries[m.country].name}")
            ):
                country = self._country_mention(m.country, pos)
                if country is not None:
                    self._emit(pos, RelationType.PART_OF, country, sent, 0.7)
            pos += 1

    def _country_mention(self, code: str, near: int) -> int | None:
        """A mention of the country with this code, the closest to a given mention."""
        if self._by_key is None:
            self._by_key = {}
            for i, m in enumerate(self.mentions):
                self._by_key.setdefault(m.key, []).append(i)
        found = self._by_key.get(f"country:{code}", [])
        if not found:
            return None
        pos = bisect.bisect_left(found, near)
        candidates = found[max(0, pos - 1) : pos + 1]
        return min(candidates, key=lambda i: abs(i - near))

    # -- emitting -------------------------------------------------------------------------
    def _emit(
        self,
        s: int,
        rtype: RelationType,
        o: int,
        sent: Span,
        confidence: float,
        *,
        attributed: int | None = None,
        negated: bool = False,
        date_text: str | None = None,
        role: str | None = None,
    ) -> None:
        ms, mo = self.mentions[s], self.mentions[o]
        if ms.key == mo.key:
            return
        if rtype not in _STRUCTURAL and ((ms.key, mo.key) in self.holds or (mo.key, ms.key) in self.holds):
            return  # "President X ... would keep supplying its troops": not a relation with itself
        if rtype is RelationType.HOLDS_ROLE:
            self.holds.add((ms.key, mo.key))
        if attributed is not None and self.mentions[attributed].key == ms.key:
            attributed = None
        key = (ms.key, rtype, mo.key, sent.start_char)
        if key in self.seen:
            return
        self.seen.add(key)
        self.out.append(
            RawRelation(
                s,
                rtype,
                o,
                sent.start_char,
                sent.end_char,
                round(confidence, 2),
                attributed,
                negated,
                date_text,
                role,
            )
        )

    # -- verbs ----------------------------------------------------------------------------
    def _verb(self, verb: Token, sent: Span, attributed: int | None) -> None:
        if self._irrealis(verb):
            return
        senses = self.know.verbs[verb.lemma_.lower()]
        if any(c.dep_ == "aux" and c.lower_ in _PROSPECTIVE for c in verb.children):
            if verb.lemma_.lower() in _VETOES:
                # "would veto the resolution": a threat to reject it, not a rejection yet
                senses = [replace(s, type=RelationType.THREATENED) for s in senses]
            else:
                # "said it would strike Israel", "will attack X if ...": a threat, not an attack
                senses = [
                    replace(s, type=RelationType.THREATENED) if s.type in _THREATENABLE else s
                    for s in senses
                ]
        passive = self._is_passive(verb)
        if passive:
            subj_toks = [
                t
                for a in verb.children
                if a.dep_ == "agent"
                for p in a.children
                if p.dep_ == "pobj"
                for t in _conjuncts(p)
            ]
            if verb.dep_ == "acl":
                passive_obj = [verb.head]
            else:
                passive_obj = [c for c in verb.children if c.dep_ == "nsubjpass"]
                if not passive_obj:
                    # "whose troops fought ... and have been accused by rights groups"
                    passive_obj = self._subjects(verb)
        else:
            subj_toks = self._subjects(verb)
            passive_obj = []
            speaker = self._speaker_of_conjoined_speech_act(verb, senses)
            if speaker:
                subj_toks = speaker
        deployed: list[Token] = []
        if passive and not subj_toks and any(s.type is RelationType.DEPLOYED for s in senses):
            # "North Korean troops had been deployed to Russia", "900 U.S. troops are stationed
            # in Syria": with no agent, the forces stand for the state that sent them
            deployed = [t for t in passive_obj if t.lemma_.lower() in _FORCES]
            if deployed:
                subj_toks, passive, passive_obj = deployed, False, []
        elif passive and not subj_toks and all(s.type is RelationType.ALLIED_WITH for s in senses):
            # "the administration, which is aligned with X" / "Y is allied with Z": a state
            relative = verb.dep_ == "relcl"
            stative = [verb.head if relative and t.lower_ in _RELATIVE else t for t in passive_obj]
            subj_toks, passive, passive_obj = stative, False, []
        subjects = self._resolve_all(subj_toks, verb)
        subjects = [s for s in subjects if self.mentions[s].kind in _AGENTS]
        if not subjects:
            return
        negated = self._negated(verb)
        attributed = self._reported_by(verb) if attributed is None else attributed
        date_text = self._date(verb, sent)
        dobj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        # the direct object's words, looking through counting words ("fired dozens of rockets",
        # "hosts tens of thousands of refugees", "gave $6 billion in aid")
        lemmas = {c.lemma_.lower() for c in _dobjs(verb)}
        for _ in range(2):
            lemmas |= {
                o.lemma_.lower()
                for c in [*_dobjs(verb), *(o for d in _dobjs(verb) for o in _prep_objects(d, "of"))]
                if c.lemma_.lower() in self.know.quantities
                or c.pos_ == "NUM"
                or c.lower_ in ("tens", "dozens")
                for o in [*_prep_objects(c, "of"), *_prep_objects(c, "in")]
            }
        # what is given "with" ("provided Kenya with aid"), for the senses that give
        given_with = {o.lemma_.lower() for o in _prep_objects(verb, "with")}
        if passive:
            lemmas |= {t.lemma_.lower() for t in passive_obj}
        lemmas |= {t.lemma_.lower() for t in deployed}
        for sense in senses:
            gives = sense.type is RelationType.SUPPORTED
            if sense.needs_dobj and not (lemmas | given_with if gives else lemmas) & sense.needs_dobj:
                continue
            if sense.avoid_dobj and lemmas & sense.avoid_dobj:
                continue
            if sense.needs_prep_for and not self._prep_for(verb, sense):
                continue
            if sense.needs_prep and not any(
                c.dep_ in ("prep", "agent", "prt", "advmod") and c.lower_ in sense.needs_prep
                for c in verb.children
            ):
                continue
            if sense.needs_subject and not self._subject_lemmas(subj_toks) & sense.needs_subject:
                continue
            if sense.needs_xcomp and not any(
                c.dep_ == "xcomp" and c.lemma_.lower() in sense.needs_xcomp for c in verb.children
            ):
                continue
            if dobj is not None and " ".join(t.lower_ for t in dobj.subtree) in self.know.reciprocal:
                for s in subjects:
                    for o in subjects:
                        if s != o:
                            self._emit(
                                s,
                                sense.type,
                                o,
                                sent,
                                sense.confidence,
                                attributed=attributed,
                                negated=negated,
                                date_text=date_text,
                            )
                return
            objects = self._objects(verb, sense, passive_obj if passive else None)
            summed_up = []
            if sense.type in _REACTIONS and not passive and self._only_events(objects):
                # "X held exercises with Y, a move Z condemned": the clause the noun sums up
                summed_up = [
                    o
                    for o in self._resolve_all(self._summarised_doers(verb), verb)
                    if self._fits(o, sense.kinds) and o not in subjects
                ]
                objects = objects + [o for o in summed_up if o not in objects]
            if sense.type in _REACTIONS and not passive and not summed_up and self._only_events(objects):
                # "condemned the uprising": the reaction is to the act (an event entity, when the
                # noun makes one) and, for a conflict or speech act, to whoever last did it
                for act, gapped in self._reacted_acts(verb, dobj, subj_toks):
                    agents = [o for o in self._agent_of_act(act, gapped) if self._fits(o, sense.kinds)]
                    if agents:
                        objects = objects + [a for a in agents if a not in objects]
                        break
            criticized_act = sense.type is RelationType.CRITICIZED and dobj is not None
            if not objects and criticized_act and dobj is not None and self.owner[dobj.i] < 0:
                # "condemned the deployment of North Korean troops / the attack by the rebels":
                # the criticism is of whoever acted ("of" only for forces, not for victims; a
                # denied "presence of troops" denies a fact, not an actor)
                doers = _prep_objects(dobj, "by") + [
                    t for t in _prep_objects(dobj, "of") if t.lemma_.lower() in self.know.proxies
                ]
                objects = [o for o in self._resolve_all(doers, verb) if self._fits(o, sense.kinds)]
            if not objects and sense.type in _REACTIONS and not passive:
                objects = [
                    o
                    for o in self._resolve_all(self._summarised_doers(verb), verb)
                    if self._fits(o, sense.kinds) and o not in subjects
                ]
            if not objects and sense.symmetric and len({self.mentions[x].key for x in subjects}) > 1:
                for s in subjects:
                    for o in subjects:
                        self._emit(
                            s,
                            sense.type,
                            o,
                            sent,
                            sense.confidence * 0.9,
                            attributed=attributed,
                            negated=negated,
                            date_text=date_text,
                        )
                return
            if not objects:
                continue
            if sense.type is RelationType.HOLDS_ROLE:
                # "X, who heads Sudan's ruling council": a person holding a post
                for s in subjects:
                    if self.mentions[s].kind is EntityKind.PERSON and not negated:
                        for o in objects:
                            self._emit(s, sense.type, o, sent, 0.8, role=sense.role)
                return
            for s in subjects:
                for o in objects:
                    self._emit(
                        s,
                        sense.type,
                        o,
                        sent,
                        sense.confidence * (0.9 if passive else 1.0),
                        attributed=attributed,
                        negated=negated,
                        date_text=date_text,
                    )
            if not sense.also:
                return

    def _reacted_acts(
        self, verb: Token, dobj: Token | None, subj_toks: list[Token]
    ) -> list[tuple[Token, bool]]:
        """Nouns for an act a reaction is about, and whether they were named as an afterthought
        (so "a charge" refers back as well as "the charge"): the direct object; the noun a
        relative clause hangs on ("an accusation the allies rejected"); a speech act before the
        subject when the parser made the afterthought the main clause ("..., a charge Z denies")."""
        acts: list[tuple[Token, bool]] = []
        if dobj is not None:
            acts.append((dobj, False))
        if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and not any(
            c.dep_ in ("dobj", "obj") and c.lower_ not in _RELATIVE for c in verb.children
        ):
            acts.append((verb.head, True))
        for subj in subj_toks:
            acts.extend(
                (c, True)
                for c in subj.children
                if c.dep_ == "compound" and c.i < subj.i and c.lemma_.lower() in self.know.speech_acts
            )
        return acts

    def _subject_lemmas(self, subj_toks: list[Token]) -> set[str]:
        """Subject words, looking through counting words ("thousands of protesters")."""
        lemmas = {t.lemma_.lower() for t in subj_toks}
        for t in subj_toks:
            if t.lemma_.lower() in self.know.quantities or t.pos_ == "NUM" or t.lower_ in ("tens", "dozens"):
                lemmas |= {o.lemma_.lower() for o in _prep_objects(t, "of")}
        return lemmas

    def _summarised_doers(self, verb: Token) -> list[Token]:
        """'Y began expelling Afghans, a campaign the Taliban criticised' / 'X visited Z, a
        move that Beijing denounced': a noun in apposition sums up the clause before it, so the
        reaction is to that clause's subject."""
        act = verb.head
        # (the parser makes the summing-up noun an apposition, an adverbial of the clause, or a
        # second object after a comma: "built a wall, a move X denounced")
        afterthought = act.dep_ == "dobj" and _after_comma(act) and any(
            c.dep_ == "dobj" and c.i < act.i for c in act.head.children
        )
        if (
            verb.dep_ != "relcl"
            or (act.dep_ not in ("appos", "npadvmod") and not afterthought)
            or self.owner[act.i] >= 0
        ):
            return []
        clause = act.head
        for _ in range(6):
            if clause.pos_ in ("VERB", "AUX") or clause.head is clause:
                break
            clause = clause.head
        if clause.pos_ not in ("VERB", "AUX"):
            return []
        if act.lemma_.lower() in self.know.speech_acts | _ACCOUNTS:
            # "said the envoy had insulted her, an account the ministry disputed": the account
            # is the speaker's, so the reaction is to the speaker
            cur = clause
            for _ in range(4):
                if cur.lemma_.lower() in self.know.reporting:
                    return self._subjects(cur)
                if cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
                    break
                cur = cur.head
        return self._subjects(clause)

    def _only_events(self, objects: list[int]) -> bool:
        """No object, or only events: an act named by the object may still point at its agent."""
        return all(self.mentions[o].kind is EntityKind.EVENT for o in objects)

    def _agent_of_act(self, noun: Token, afterthought: bool = False) -> list[int]:
        """'condemned the strikes' / 'rejected the criticism': whoever the text last said did
        that kind of thing (the subject of the latest conflict or speech relation)."""
        lemma = noun.lemma_.lower()
        if not afterthought and not any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "these", "those", "such")
            for c in noun.children
        ):
            return []
        if lemma in _DEPLOYMENTS:
            kinds = frozenset({RelationType.DEPLOYED})  # "condemned the deployment": who sent them
        elif lemma in self.know.conflict_acts:
            kinds = _CONFLICT
        elif lemma in self.know.speech_acts:
            kinds = _SPEECH_ACTS
        else:
            return []
        for r in reversed(self.out):
            if r.type in kinds and r.sent_start < noun.sent.start_char + 1:
                return [r.subject]
        return []

    def _objects(self, verb: Token, sense: VerbSense, passive_obj: list[Token] | None) -> list[int]:
        slots: list[list[Token]] = []
        if passive_obj is not None:
            slots.append([t for p in passive_obj for t in _conjuncts(p)])
        places_only: list[bool] = [False] * len(slots)
        for slot in sense.objects:
            if passive_obj is not None and slot in ("dobj", "dative"):
                continue
            slots.append(self._slot(verb, slot, passive_obj))
            # "struck a school in Gaza City" attacks the city; "in the Gulf of Aden" is only where
            places_only.append(
                slot.endswith(("prep:in", "prep:across")) and sense.type is RelationType.ATTACKED
            )
        found: list[int] = []
        for toks, place in zip(slots, places_only, strict=True):
            for o in self._resolve_all(toks, verb):
                m = self.mentions[o]
                if place and not (m.kind is EntityKind.COUNTRY or m.label == "GPE"):
                    continue
                if o not in found and self._fits(o, sense.kinds):
                    found.append(o)
        return found

    def _fits(self, idx: int, kinds: frozenset[EntityKind]) -> bool:
        """Whether a mention can fill a slot; an organisation that only the model called one
        ("Nagorno-Karabakh") becomes a place when it fills a place slot."""
        m = self.mentions[idx]
        if m.kind in kinds:
            return True
        if (
            m.kind is EntityKind.ORGANIZATION
            and m.weak
            and EntityKind.LOCATION in kinds
            and EntityKind.ORGANIZATION not in kinds
        ):
            self._relabel(m.key, EntityKind.LOCATION)
            return True
        if (
            m.kind is EntityKind.PERSON
            and EntityKind.LOCATION in kinds
            and EntityKind.PERSON not in kinds
            and m.end - m.start == 1
            and m.role is None
            and self.doc[m.start].ent_type_ == "PERSON"
            and not self._named_as_person(m.key)
        ):
            # "took control of Kamina": a one-word name the model called a person, in a slot only
            # a place fills, and never titled or given in full anywhere, is a place
            old_key = m.key
            for other in self.mentions:
                if other.key == old_key:
                    other.kind, other.key, other.label = EntityKind.LOCATION, f"loc:{other.name}", "GPE"
            self._by_key = None
            return True
        return False

    def _named_as_person(self, key: str) -> bool:
        """Whether some mention of this entity carries a title or a full name."""
        return any(m.key == key and (m.role is not None or m.end - m.start > 1) for m in self.mentions)

    def _relabel(self, key: str, kind: EntityKind) -> None:
        for m in self.mentions:
            if m.key == key:
                m.kind = kind

    def _slot(self, verb: Token, slot: str, passive_obj: list[Token] | None) -> list[Token]:
        if slot == "dobj":
            return _dobjs(verb)
        if slot == "dative":
            found = [t for c in verb.children if c.dep_ == "dative" for t in _conjuncts(c)]
            if not found:
                # "gave Kenya military aid": the parser can hang the receiver on the thing given
                found = [
                    t
                    for d in _dobjs(verb)
                    for t in d.children
                    if t.dep_ == "nmod" and t.i < d.i and self.owner[t.i] >= 0
                ]
            return found
        if slot.startswith("prep:"):
            found = _prep_objects(verb, slot[5:])
            # "discussed the proposal with Putin": the parser often hangs the phrase on the object.
            for obj in _dobjs(verb):
                if self.owner[obj.i] < 0:
                    found.extend(_prep_objects(obj, slot[5:]))
            if slot == "prep:against" and not found:
                # "fighting alongside Malian forces against Tuareg rebels": the parser hangs
                # the enemy on the ally
                for ally in _prep_objects(verb, "alongside") + _prep_objects(verb, "with"):
                    found.extend(_prep_objects(ally, "against"))
            return found
        if slot == "ccomp>attack":
            # "warned that Israel would keep attacking Hezbollah": the target of the threat;
            # "warned that X would face consequences / pay a price": X
            out: list[Token] = []
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                for t in clause.subtree:
                    senses = self.know.verbs.get(t.lemma_.lower(), [])
                    if t.pos_ == "VERB" and any(s.type is RelationType.ATTACKED for s in senses):
                        out.extend(_dobjs(t))
                if clause.lemma_.lower() in _CONSEQUENCES and (
                    clause.lemma_.lower() == "regret"
                    or any(d.lemma_.lower() in _PENALTIES for d in _dobjs(clause))
                ):
                    out.extend(t for s in clause.children if s.dep_ == "nsubj" for t in _conjuncts(s))
            return out
        if slot.startswith("xcomp>"):
            inner = [c for c in verb.children if c.dep_ == "xcomp"]
            return [t for x in inner for t in self._slot(x, slot[len("xcomp>") :], None)]
        if slot.startswith("dobj>prep:"):
            heads = passive_obj if passive_obj is not None else _dobjs(verb)
            prep = slot[len("dobj>prep:") :]
            # "a package of military aid for X": the phrase hangs on what the package holds
            heads = heads + [o for h in heads for o in _prep_objects(h, "of") if self.owner[o.i] < 0]
            found = [o for h in heads for o in _prep_objects(h, prep)]
            if not found and prep == "in":
                # "struck a school sheltering families in Gaza City": the place hangs on the
                # clause that describes the target
                found = [
                    o
                    for h in heads
                    if self.owner[h.i] < 0
                    for clause in h.children
                    if clause.dep_ in ("acl", "relcl")
                    for o in [
                        *_prep_objects(clause, prep),
                        *(x for d in _dobjs(clause) for x in _prep_objects(d, prep)),
                    ]
                    if self.owner[o.i] >= 0
                ]
            return found
        return []

    def _prep_for(self, verb: Token, sense: VerbSense) -> bool:
        return any(t.lemma_.lower() in sense.needs_prep_for for t in _prep_objects(verb, "for"))

    def _is_passive(self, verb: Token) -> bool:
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return True
        return verb.dep_ == "acl" and verb.tag_ == "VBN"

    def _subjects(self, verb: Token) -> list[Token]:
        """The grammatical subject(s) of a verb, looking through coordination and control."""
        cur = verb
        for _ in range(6):
            subj = [c for c in cur.children if c.dep_ in _SUBJ]
            if len(subj) > 1:
                # "Chile's ally Peru hosted ...": the parser gives the verb two subjects; the
                # relation noun describes the name after it, which alone acts
                subj = [c for c in subj if not any(o.i == c.i + 1 for o in subj) or self.owner[c.i] >= 0]
            if subj:
                out = []
                for s in subj:
                    if s.lower_ in _RELATIVE and cur.dep_ == "relcl":
                        # "A and B, who have been mediating": the whole coordination.
                        top = cur.head
                        while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN"):
                            top = top.head
                        out.extend(_conjuncts(top) if top is not cur.head else [cur.head])
                    else:
                        out.extend(_conjuncts(s))
                return out
            if cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"):
                cur = cur.head
                continue
            if cur.dep_ in ("xcomp", "advcl") and cur.head.pos_ in ("VERB", "AUX", "ADJ"):
                cur = cur.head
                continue
            if cur.dep_ == "acl" and cur.tag_ == "VBG":
                head = cur.head
                # "issued a joint statement calling on all sides": the issuer speaks
                if (
                    head.lemma_.lower() in _DOCUMENTS
                    and head.dep_ in ("dobj", "obj")
                    and head.head is not head
                ):
                    return self._subjects(head.head)
                return [head]
            if cur.dep_ == "relcl":
                return [cur.head]
            # "accused Rwanda of backing the rebels": the accused is who did the backing.
            if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "VERB":
                objects = [c for c in cur.head.head.children if c.dep_ in ("dobj", "obj")]
                if objects:
                    return _conjuncts(objects[0])
            return self._misparsed_subject(cur)
        return []

    def _speaker_of_conjoined_speech_act(self, verb: Token, senses: list[VerbSense]) -> list[Token]:
        """'X said Y was collaborating with Z and accused W': the parser hangs "accused" on the
        reported clause; a speech act there is the speaker's."""
        if verb.dep_ != "conj" or any(c.dep_ in _SUBJ for c in verb.children):
            return []
        if not any(s.type in _SPEECH_ACTS for s in senses):
            return []
        top = verb.head
        while top.dep_ == "conj" and top.head is not top:
            top = top.head
        if top.dep_ == "ccomp" and top.head.lemma_.lower() in self.know.reporting:
            return self._subjects(top.head)
        return []

    def _misparsed_subject(self, verb: Token) -> list[Token]:
        """'According to an official, A and B have agreed ...': spaCy often makes "A" an
        apposition of "official" and leaves the verb without a subject."""
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for obj in _prep_objects(c, "to"):
                    for appos in obj.children:
                        if appos.dep_ == "appos" and appos.i > obj.i and self.owner[appos.i] != -1:
                            return _conjuncts(appos)
        return []

    def _irrealis(self, verb: Token) -> bool:
        cur = verb
        while cur.dep_ == "conj" and cur.head is not cur:
            cur = cur.head
        if cur.dep_ in ("xcomp", "acl") and cur.head.lemma_.lower() in self.know.irrealis:
            return True  # "urged X to ...", "its bid to join the EU"
        # "did not say whether his government would negotiate with X": an open question
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in cur.children):
            return True
        # "Chad could/may/might strike Libya": a possibility, not an event
        return any(c.dep_ == "aux" and c.lower_ in self.know.irrealis | _MAYBE for c in verb.children)

    def _negated(self, verb: Token) -> bool:
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        cur = verb
        for _ in range(4):
            if cur.dep_ in ("xcomp", "ccomp", "acl", "pcomp", "advcl") and cur.head is not cur:
                cur = cur.head
                if cur.lemma_.lower() in self.know.negators:
                    # "X accuses Y of ..., a charge Z denies": the denial has its own object
                    # (possibly a speech act named before its subject: the parser made the
                    # afterthought the main clause)
                    acts = self.know.speech_acts
                    return not any(
                        c.dep_ in ("dobj", "obj")
                        or (c.dep_ in _SUBJ and any(g.lemma_.lower() in acts for g in c.lefts))
                        for c in cur.children
                    )
                if cur.pos_ == "NOUN" and cur.head.lemma_.lower() in self.know.negators:
                    return True
            else:
                break
        return False

    def _reported_by(self, verb: Token) -> int | None:
        """'X said (that) ...' and 'Y, he added, ...': who the statement is attributed to."""
        cur = verb
        for _ in range(4):
            for c in cur.children:
                if c.dep_ == "parataxis" and c.lemma_.lower() in self.know.reporting:
                    speaker = self._resolve_all(self._subjects(c), c)
                    if speaker:
                        return speaker[0]
            if cur.dep_ in ("ccomp", "conj") and cur.head is not cur:
                cur = cur.head
                if cur.lemma_.lower() in self.know.reporting:
                    speaker = self._resolve_all(self._subjects(cur), cur)
                    if speaker:
                        return speaker[0]
            else:
                break
        return None

    def _unnamed_speaker(self, verb: Token) -> bool:
        """Whether the clause is reported by a noun phrase that resolves to no actor."""
        cur = verb
        for _ in range(4):
            if cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
                return False
            cur = cur.head
            if cur.lemma_.lower() in self.know.reporting:
                # a collective that could itself be "it" ("an alliance of ...", "a rebel group")
                said_by = [
                    s
                    for s in self._subjects(cur)
                    if s.pos_ == "NOUN" and s.lemma_.lower() in self.know.org_anaphors
                ]
                return bool(said_by) and not self._resolve_all(said_by, cur)
        return False

    def _according_to(self, sent: Span) -> int | None:
        for tok in sent:
            if tok.lower_ == "according":
                for to in tok.children:
                    if to.lower_ == "to":
                        for obj in to.children:
                            if obj.dep_ == "pobj":
                                found = self._resolve(obj, None)
                                if found:
                                    return found[0]
        return None

    def _date(self, verb: Token, sent: Span) -> str | None:
        dates = [e for e in sent.ents if e.label_ in ("DATE", "TIME") and _DATE_WORDS.search(e.text)]
        if not dates:
            return None
        for e in dates:
            cur = e.root
            for _ in range(4):
                # spaCy makes a new Token object on every access: compare positions
                if cur.i == verb.i:
                    return e.text
                if cur.head.i == cur.i:
                    break
                cur = cur.head
        return dates[0].text if len(dates) == 1 else None

    # -- nouns and structure ----------------------------------------------------------------
    def _came_under(self, verb: Token, sent: Span, attributed: int | None) -> None:
        """'Nigerien troops came under attack from gunmen' / 'units came under Chadian
        mortar fire': whoever fired attacked the subject."""
        fire = [o for o in _prep_objects(verb, "under") if o.lemma_.lower() in _ASSAULTS]
        if not fire or self._negated(verb) or self._irrealis(verb):
            return
        by = [c for f in fire for c in f.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        by += [o for f in fire for p in ("from", "by") for o in _prep_objects(f, p)]
        by += _prep_objects(verb, "from")
        attackers = [a for a in self._resolve_all(by, verb) if self.mentions[a].kind in _AGENTS]
        hit = self._resolve_all(self._subjects(verb), verb)
        targets = [t for t in hit if self.mentions[t].kind in _ACTOR]
        when = self._date(verb, sent)
        for a in attackers:
            for t in targets:
                self._emit(a, RelationType.ATTACKED, t, sent, 0.75, attributed=attributed, date_text=when)

    def _reported_blame(self, verb: Token, sent: Span) -> None:
        """'Monitors said the police had committed abuses' / 'which it said was responsible
        for the raid': reporting that someone did wrong accuses them (the reporter is the
        accuser; with no reporter it is the writer's narration, not an accusation)."""
        lemma = verb.lemma_.lower()
        if lemma == "be":
            if not any(
                c.dep_ == "acomp" and c.lower_ == "responsible" and _prep_objects(c, "for")
                for c in verb.children
            ):
                return
        elif not any(d.lemma_.lower() in _WRONGS for d in _dobjs(verb)):
            return
        clause = verb
        while clause.dep_ == "conj" and clause.head is not clause:
            clause = clause.head
        reporter = clause.head
        if clause.dep_ != "ccomp" or reporter.lemma_.lower() not in self.know.reporting:
            return
        if self._negated(verb) or self._negated(reporter):
            return
        reporters = self._resolve_all(self._subjects(reporter), reporter)
        accusers = [a for a in reporters if self.mentions[a].kind in _ACTOR]
        doers = self._subjects(verb)
        if reporter.dep_ == "relcl" and any(d.lower_ in _RELATIVE for d in doers):
            doers = [reporter.head]  # "the faction, which she said was behind the raid ..."
        accused = [a for a in self._resolve_all(doers, verb) if self.mentions[a].kind in _ACTOR]
        for a in accusers:
            for b in accused:
                self._emit(a, RelationType.ACCUSED, b, sent, 0.6, date_text=self._date(reporter, sent))

    def _demand(self, verb: Token, sent: Span, attributed: int | None) -> None:
        """'demanding his resignation' -> PROTESTED(subject, him)."""
        for dobj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            rtype = self.know.demand_nouns.get(dobj.lemma_.lower())
            if rtype is None:
                continue
            targets = [c for c in dobj.children if c.dep_ == "poss"] + _prep_objects(dobj, "of")
            subjects = self._resolve_all(self._subjects(verb), verb)
            objects = self._resolve_all(targets, verb)
            for s in subjects:
                for o in objects:
                    if self.mentions[s].kind in _ACTOR and self.mentions[o].kind in _ACTOR:
                        self._emit(s, rtype, o, sent, 0.7, attributed=attributed, negated=self._negated(verb))

    def _between(self, noun: Token, sent: Span, attributed: int | None) -> None:
        rtype = self.know.between.get(noun.lemma_.lower()) or self.know.between[noun.lower_]
        governor = noun.head
        for _ in range(3):
            if governor.pos_ in ("VERB", "AUX") or governor.head.i == governor.i:
                break
            governor = governor.head
        if governor.pos_ in ("VERB", "AUX") and (
            self._irrealis(governor)
            or self._negated(governor)
            or governor.lemma_.lower() in self.know.irrealis | _CALLED_OFF
            or any(c.dep_ == "aux" and c.lower_ in _PROSPECTIVE for c in governor.children)
        ):
            # "was willing to host talks between A and B", "talks between A and B are expected to
            # resume", "the meeting between A and B was postponed": no talks (yet)
            return
        sides: list[int] = []
        for obj in _prep_objects(noun, "between"):
            sides.extend(self._resolve_all(_conjuncts(obj), noun))
        sides = [s for s in sides if self.mentions[s].kind in _AGENTS]
        keys = {self.mentions[s].key for s in sides}
        if len(keys) < 2:
            return
        for s in sides:
            for o in sides:
                self._emit(s, rtype, o, sent, 0.6, attributed=attributed, negated=False)

    def _nominal(self, noun: Token, sent: Span, attributed: int | None) -> None:
        """'Russia's invasion of Ukraine', 'the Russian attack on Kyiv', 'attack on X by Y'."""
        sense = self.know.nominal[noun.lemma_.lower()]
        if self.owner[noun.i] >= 0:
            return  # a named event ("the 2020 war") is an entity, not a relation
        subject_toks = [
            c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < noun.i
        ]
        subject_toks += _prep_objects(noun, "by")
        subjects = [s for s in self._resolve_all(subject_toks, noun) if self.mentions[s].kind in _AGENTS]
        preps = sense.objects
        in_support = (
            sense.type is RelationType.SUPPORTED
            and noun.dep_ == "pobj"
            and noun.head.lower_ == "in"
            and noun.head.head.pos_ in ("VERB", "AUX")
        )
        if in_support:
            # "fired rockets in support of its ally Hamas": whoever acted supports the "of"
            subjects = subjects or [
                s for s in self._resolve_all(self._subjects(noun.head.head), noun)
                if self.mentions[s].kind in _AGENTS
            ]
            preps = ("of", *preps)
        if not subjects and sense.type in _CONFLICT:
            doers = self._resolve_all(self._doers_of_act(noun), noun)
            subjects = [s for s in doers if self.mentions[s].kind in _AGENTS]
        if not subjects:
            return
        objects: list[int] = []
        for prep in preps:
            targets = _prep_objects(noun, prep)
            if in_support:
                # "its ally Hamas": the named one, not whom "its ally" would point back to
                targets = [
                    next((c for c in t.children if c.dep_ == "appos" and self.owner[c.i] >= 0), t)
                    for t in targets
                ]
            for o in self._resolve_all(targets, noun):
                if o not in objects and self._fits(o, sense.kinds):
                    objects.append(o)
            if objects or sense.type is not RelationType.ATTACKED:
                continue
            # "a Chadian strike on a market in Geneina": an unnamed target in a named town or
            # country puts the attack there (not "in the Gulf of Aden": where, not whom)
            for target in targets:
                if self.owner[target.i] >= 0:
                    continue
                for o in self._resolve_all(_prep_objects(target, "in"), noun):
                    m = self.mentions[o]
                    if o not in objects and (m.kind is EntityKind.COUNTRY or m.label == "GPE"):
                        objects.append(o)
        for s in subjects:
            for o in objects:
                self._emit(
                    s,
                    sense.type,
                    o,
                    sent,
                    sense.confidence,
                    attributed=attributed,
                    date_text=self._date(noun, sent),
                )

    def _doers_of_act(self, noun: Token) -> list[Token]:
        """Who did an act named without its agent: 'X killed 12 soldiers in an attack on Y' (the
        subject of the active verb the act is the means of), 'X claimed responsibility for the
        attack on Y' (the claimant)."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep":
            return []
        holder = prep.head
        if prep.lower_ in ("in", "during", "with") and holder.pos_ == "VERB" and not self._is_passive(holder):
            if self._negated(holder) or self._irrealis(holder):
                return []
            return self._subjects(holder)
        if (
            prep.lower_ == "for"
            and holder.lemma_.lower() in ("responsibility", "credit")
            and holder.head.lemma_.lower() in ("claim", "take", "admit", "accept")
            and holder.dep_ in ("dobj", "obj")
            and not self._negated(holder.head)
        ):
            return self._subjects(holder.head)
        return []

    def _hyphenated(self, participle: Token, sent: Span, attributed: int | None) -> None:
        """'Iran-backed rebels' -> SUPPORTED(Iran, rebels); 'a Qatar-brokered truce' -> MEDIATED."""
        agent = self.owner[participle.i - 2]
        senses = self.know.verbs.get(participle.lemma_.lower())
        if agent < 0 or not senses or self.mentions[agent].kind not in _AGENTS:
            return
        head = participle.head if participle.head.i > participle.i else None
        if head is None:
            return
        for sense in senses:
            if sense.needs_dobj or sense.needs_prep_for or sense.type is RelationType.HOLDS_ROLE:
                continue  # "Hamas-led militants" says who leads them, not a post
            objects = [o for o in self._resolve(head, None) if self._fits(o, sense.kinds)]
            for o in objects:
                self._emit(agent, sense.type, o, sent, sense.confidence * 0.9, attributed=attributed)
            if objects:
                return

    def _copular(self, be: Token, sent: Span, attributed: int | None) -> None:
        """'X, which is part of Y' / 'X is a member of Y' / 'X, who is Ghana's foreign minister'."""
        for attr in (c for c in be.children if c.dep_ == "attr"):
            rtype = self.know.copular.get(attr.lemma_.lower())
            if rtype is None:
                if self._negated(be) or self._irrealis(be) or self._role_phrase(attr) is None:
                    continue
                if any(c.dep_ == "aux" and c.lower_ in _PROSPECTIVE for c in be.children):
                    continue  # "X would be prime minister": not (yet) a role
                said_of = self._resolve_all(self._subjects(be), be)
                people = [s for s in said_of if self.mentions[s].kind is EntityKind.PERSON]
                for person in people[:1]:
                    self._title_role(person, attr, sent, [], past=be.tag_ == "VBD")
                continue
            if any(
                c.dep_ == "advmod" and c.lower_ in _FORMERLY for c in list(be.children) + list(attr.children)
            ):
                continue  # "previously part of the Soviet Union": no longer so
            subjects = self._resolve_all(self._subjects(be), be)
            objects = self._resolve_all(_prep_objects(attr, "of"), be)
            for s in subjects:
                if (
                    rtype is RelationType.PART_OF
                    and self.mentions[s].weak
                    and any(self.mentions[o].kind is EntityKind.COUNTRY for o in objects)
                ):
                    self._relabel(self.mentions[s].key, EntityKind.LOCATION)
                for o in objects:
                    if self.mentions[o].kind is EntityKind.EVENT:
                        continue
                    if rtype is RelationType.MEMBER_OF and self.mentions[s].kind is EntityKind.PERSON:
                        self._emit(s, RelationType.HOLDS_ROLE, o, sent, 0.8, role=attr.text)
                    else:
                        self._emit(s, rtype, o, sent, 0.8, attributed=attributed, negated=self._negated(be))

    def _apposition(self, appos: Token, sent: Span) -> None:
        """'Armen X, secretary of Y's Security Council' -> HOLDS_ROLE(X, council, 'secretary');
        also the other way round: 'Y's opposition leader, Maria X'."""
        head = appos.head
        person = self.owner[head.i]
        if (person == -1 or self.mentions[person].kind is not EntityKind.PERSON) and self.owner[appos.i] >= 0:
            person = self.owner[appos.i]
            head, appos = appos, head
        if person == -1:
            return
        if self.mentions[person].kind is not EntityKind.PERSON or self.know.copular.get(
            appos.lemma_.lower()
        ) in (RelationType.ALLIED_WITH, RelationType.SUPPORTED):
            # "Nabih X, a close ally of Hezbollah" relates a person the way it relates a state
            self._structural_apposition(person, appos, sent)
            return
        redirected: list[int] = []
        if (
            self._role_phrase(appos) is None
            and appos.dep_ == "pobj"
            and appos.head.lower_ == "of"
            and appos.head.head.pos_ == "NOUN"
            and self._role_phrase(appos.head.head) is not None
            and appos.i > appos.head.head.i
        ):
            # "The commander of the X Forces, Jane Doe, said": the parser hangs the name on the
            # nearest noun; it names the holder of the title before it
            body = appos
            appos = appos.head.head
            if self.owner[body.i] >= 0:
                redirected = [self.owner[body.i]]
            else:  # "the U.N. refugee agency": the organisation qualifying the noun
                redirected = [
                    t
                    for c in body.children
                    if c.dep_ in ("poss", "compound", "amod", "nmod")
                    for t in self._resolve(c, None)
                ]
        self._title_role(person, appos, sent, redirected)

    def _title_role(
        self, person: int, appos: Token, sent: Span, redirected: list[int], *, past: bool = False
    ) -> None:
        """HOLDS_ROLE from a title noun said of a person (in apposition, or after "is")."""
        once = [c.lower_ for c in appos.children if c.dep_ == "amod" and c.lower_ in _FORMER]
        if once and once[0] not in _ONCE_HELD:
            return  # "the late king": not a role to record
        role = self._role_phrase(appos)
        if role is None:
            return
        if once or past:
            role = f"former {role}"
        lemma = appos.lemma_.lower()
        # "secretary of X" (a place only this way: "governor of the Kharkiv region"), then
        # "the AU's envoy" / "a Russian specialist", then "a spokesman for X".
        targets = [
            t
            for t in (redirected or self._resolve_all(_prep_objects(appos, "of"), appos))
            if self.mentions[t].kind in _ROLE_TARGETS
        ]
        if not targets:
            for c in appos.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.lower_ not in _POSSESSIVE_PRONOUNS:
                    targets += [t for t in self._resolve(c, None) if self.mentions[t].kind in _HOLDERS]
                elif c.dep_ == "poss" and c.lower_ in ("its", "their") and not once and not past:
                    # "Eritrea did not take part and its information minister, X, ...": the
                    # sentence's own subject, never a guess further back
                    root = c.sent.root
                    for s in self._resolve_all(self._subjects(root), root):
                        if self.mentions[s].kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION):
                            targets.append(s)
        if not targets:
            for prep in ("for", "at", "on", "to"):
                found = self._resolve_all(_prep_objects(appos, prep), appos)
                targets += [t for t in found if self.mentions[t].kind in _HOLDERS]
        if not targets:
            return
        rtype = RelationType.HOLDS_ROLE
        if lemma in self.know.copular and self.know.copular[lemma] is RelationType.PART_OF:
            return
        for t in targets[:1]:
            self._emit(person, rtype, t, sent, 0.85, role=role)

    def _ally_before_name(self, noun: Token, sent: Span) -> None:
        """'Chile's ally Peru', 'Qatar's main ally Oman': the name right after the noun is
        the ally of the possessor."""
        if noun.i + 1 >= len(self.doc) or self.owner[noun.i] >= 0:
            return
        named = self.owner[noun.i + 1]
        if named < 0 or self.mentions[named].kind not in _ACTOR:
            return
        owners = [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in _POSSESSIVE_PRONOUNS]
        if any(c.dep_ == "amod" and c.lower_ in _FORMER for c in noun.children):
            return
        for o in self._resolve_all(owners, noun):
            if self.mentions[o].kind in _ACTOR:
                self._emit(named, RelationType.ALLIED_WITH, o, sent, 0.75)

    def _listed_members(self, noun: Token, sent: Span) -> None:
        """'member states including A, B and C' / 'the bloc's members, such as A and B':
        MEMBER_OF the organisation named with the noun, else the organisation last named."""
        if noun.lemma_.lower() != "member" and not any(
            c.dep_ == "compound" and c.lower_ == "member" for c in noun.children
        ):
            return
        listed = _prep_objects(noun, "including") + [
            o
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)
            for o in c.children
            if o.dep_ == "pobj"
            for o in _conjuncts(o)
        ]
        if not listed:
            return
        holders = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.lower_ != "member"]
        orgs = [
            o
            for o in self._resolve_all(holders + _prep_objects(noun, "of"), noun)
            if self.mentions[o].kind is EntityKind.ORGANIZATION
        ] or self._last_org(noun.i)
        for member in self._resolve_all(listed, noun):
            if self.mentions[member].kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION):
                for org in orgs[:1]:
                    self._emit(member, RelationType.MEMBER_OF, org, sent, 0.7)

    def _structural_apposition(self, subject: int, appos: Token, sent: Span) -> None:
        """'the United States, a treaty ally of the Philippines' -> ALLIED_WITH;
        'Ghana, a member of the AU' -> MEMBER_OF."""
        if appos.lemma_.lower() == "one":
            self._one_of(subject, appos, sent)
            return
        rtype = self.know.copular.get(appos.lemma_.lower())
        if rtype is None or any(c.dep_ == "amod" and c.lower_ in _FORMER for c in appos.children):
            return
        # "a member of X", and for relations between actors also "X's main ally"
        others = _prep_objects(appos, "of")
        if rtype in (RelationType.ALLIED_WITH, RelationType.SUPPORTED):
            others += [c for c in appos.children if c.dep_ == "poss" and c.lower_ not in _POSSESSIVE_PRONOUNS]
        found = self._resolve_all(others, appos)
        if any(self.mentions[o].key == self.mentions[subject].key for o in found):
            # "The KLF, another member of the alliance": the alliance named before the member
            found = [o for o in found if self.mentions[o].key != self.mentions[subject].key]
            for t in others:
                if t.lemma_.lower() in self.know.org_anaphors:
                    found += self._last_body_named(self.mentions[subject].start, t.lemma_.lower())
        for o in found:
            if self.mentions[o].kind in _AGENTS:
                self._emit(subject, rtype, o, sent, 0.75)

    def _ready(self, adjective: Token, sent: Span, attributed: int | None) -> None:
        """'X was ready to host talks between A and B' / 'willing to hold talks with Y' / 'ready
        for dialogue with Y': an offer, as 'offered to ...' is (never when denied or only hoped)."""
        be = adjective.head
        if self._negated(be) or self._irrealis(be):
            return
        subjects = [s for s in self._resolve_all(self._subjects(be), be) if self.mentions[s].kind in _AGENTS]
        if not subjects:
            return
        topics = _prep_objects(adjective, "for")  # "ready for dialogue with Y"
        slots = [
            [t for topic in topics for t in _prep_objects(topic, "with")],
            self._slot(adjective, "xcomp>prep:with", None),
            self._slot(adjective, "xcomp>dobj>prep:with", None),
            self._slot(adjective, "xcomp>prep:between", None),
            self._slot(adjective, "xcomp>dobj>prep:between", None),
            topics + self._slot(adjective, "xcomp>dobj", None),
        ]
        for targets in slots:
            objects = [o for o in self._resolve_all(targets, be) if self._fits(o, _OFFERABLE)]
            if objects:
                for s in subjects:
                    for o in objects:
                        if o != s:
                            self._emit(s, RelationType.OFFERED, o, sent, 0.7, attributed=attributed)
                return

    def _one_of(self, subject: int, one: Token, sent: Span) -> None:
        """'the MNDAA, one of three groups in the Y Alliance' / 'one of the parties of Y' ->
        MEMBER_OF(Y): one of the members a body is made of."""
        for members in _prep_objects(one, "of"):
            if members.lemma_.lower() not in _MEMBER_NOUNS:
                continue
            containers = [t for p in ("in", "of", "within") for t in _prep_objects(members, p)]
            for o in self._resolve_all(containers, members):
                if o != subject and self.mentions[o].kind in (EntityKind.ORGANIZATION, EntityKind.GROUP):
                    self._emit(subject, RelationType.MEMBER_OF, o, sent, 0.75)

    def _role_phrase(self, noun: Token) -> str | None:
        words = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and self.owner[c.i] == -1]
        for n in range(len(words), -1, -1):
            phrase = " ".join([w.lower_ for w in words[len(words) - n :]] + [noun.lower_])
            if phrase in self.know.titles:
                return " ".join([w.text for w in words[len(words) - n :]] + [noun.text])
        return None

    def _titles(self, sent: Span) -> None:
        for idx in range(len(self.mentions)):
            m = self.mentions[idx]
            if m.role is None or m.start < sent.start or m.start >= sent.end:
                continue
            former = self._former_word(m)
            if former is not None:
                # "Former Ghanaian President X", "former President X of Ghana": a role once held,
                # kept as such, and only where the text names whose it was (never guessed)
                explicit = m.role_target is not None and self.mentions[m.role_target].kind in _HOLDERS
                if explicit and m.role_target is not None and former in _ONCE_HELD:
                    role = f"former {m.role}"
                    self._emit(idx, RelationType.HOLDS_ROLE, m.role_target, sent, 0.7, role=role)
                continue
            if m.role_target is not None:
                self._emit(idx, RelationType.HOLDS_ROLE, m.role_target, sent, 0.9, role=m.role)
                continue
            role = m.role.lower()
            if role.startswith("government "):
                # "Government spokeswoman X": the country under discussion
                for country in self._salient_country(m.start):
                    self._emit(idx, RelationType.HOLDS_ROLE, country, sent, 0.5, role=m.role)
                continue
            if not _single_holder(role, self.know):
                continue
            # Countries whose same title the text gives to someone else.
            held = {
                country
                for (title, country), holders in self.title_holders.items()
                if title == role and holders - {m.key}
            }
            guess = self._speakers_country(m)
            if guess is not None and self.mentions[guess].key in held:
                guess = None
            if guess is None:
                guess = self._nearest_country(m.start, sent, held)
            confidence = 0.5
            if guess is None:
                # "Interior Minister X said": the country the article is about, if one dominates
                found = self._salient_country(m.start, held)
                guess, confidence = (found[0], 0.4) if found else (None, 0.0)
            if guess is not None:
                self._emit(idx, RelationType.HOLDS_ROLE, guess, sent, confidence, role=m.role)

    def _former_word(self, m: Mention) -> str | None:
        """'former', 'ousted', ... written just before a title: the role is no longer held."""
        if m.role_start is None:
            return None
        sent_start = self.doc[m.role_start].sent.start
        for t in self.doc[max(sent_start, m.role_start - 3) : m.role_start]:
            if t.lower_ in _FORMER:
                return t.lower_
        return None

    def _speakers_country(self, m: Mention) -> int | None:
        """'The Philippines did not rule out ..., Justice Secretary X said': an official speaks
        for the country that is the subject of what they report."""
        head = self.doc[m.end - 1]
        if head.dep_ != "nsubj" or head.head.lemma_.lower() not in self.know.reporting:
            return None
        verb = head.head
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if verb.dep_ in ("parataxis", "ccomp") and verb.head is not verb:
            clauses.append(verb.head)
        for clause in clauses:
            for s in self._subjects(clause):
                owner = self.owner[s.i]
                if owner >= 0 and self.mentions[owner].kind is EntityKind.COUNTRY:
                    return owner
        return None

    def _nearest_country(
        self, token_i: int, sent: Span, held: frozenset[str] | set[str] = _NO_KEYS
    ) -> int | None:
        """The country a bare title ("President X") belongs to: the one country named in this
        sentence before the title and the previous sentence; nothing when several are (a wrong
        country is worse than none)."""
        limit = sent.start
        if sent.start > 0:
            limit = self.doc[sent.start - 1].sent.start
        pos = bisect.bisect_left(self.starts, token_i) - 1
        found: dict[str, int] = {}
        # A country that already qualifies someone else's title ("Former Nigerian President X")
        # says nothing about this one.
        taken = self.taken_countries
        here: dict[str, int] = {}
        while pos >= 0 and self.mentions[pos].start >= limit:
            m = self.mentions[pos]
            if m.kind is EntityKind.COUNTRY and pos not in taken and m.key not in held:
                (here if m.start >= sent.start else found).setdefault(m.key, pos)
            pos -= 1
        if here:
            # the nearest country named earlier in the title's own sentence
            return max(here.values())
        return next(iter(found.values())) if len(found) == 1 else None

    # -- argument resolution --------------------------------------------------------------
    def _resolve_all(self, toks: list[Token], verb: Token | None) -> list[int]:
        out: list[int] = []
        for t in toks:
            for m in self._resolve(t, verb):
                if m not in out:
                    out.append(m)
        return out

    def _resolve(self, tok: Token, verb: Token | None, depth: int = 0) -> list[int]:
        if depth > 3:
            return []
        idx = self.owner[tok.i]
        know = self.know
        lemma = tok.lemma_.lower()
        if idx != -1 and self._generic_group(idx) and tok.i == self.mentions[idx].end - 1:
            # "its fighters", "the group's militants": the group that owns them, when named
            for c in tok.children:
                if c.dep_ == "poss":
                    found = self._resolve(c, verb, depth + 1)
                    if found and all(self.mentions[f].kind in _ACTOR for f in found):
                        return found
        if idx != -1:
            return [idx]
        lower = tok.lower_
        if lower in _MALE or lower in _FEMALE:
            return self._pronoun(tok, verb, {EntityKind.PERSON})
        if lower in _NEUTER:
            return self._pronoun(tok, verb, {EntityKind.COUNTRY, EntityKind.ORGANIZATION})
        if lower in _PLURAL:
            return self._plural_pronoun(tok, verb)
        if lower == "both" and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return self._last_pair(tok.i, 2, self._own_subjects(tok, verb), people=True)
        if lower in _RELATIVE and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.dep_ == "relcl":
            # "the talks, which were hosted by Chile": the noun the clause describes
            return self._resolve(tok.head.head, verb, depth + 1)
        if lower == "whose":
            # "Eritrea, whose troops ...": the antecedent of the relative clause.
            cur = tok
            for _ in range(4):
                if cur.dep_ == "relcl":
                    return self._resolve(cur.head, verb, depth + 1)
                cur = cur.head
        for c in tok.children:
            # "Venezuela's opposition leader Maria X": the person named in apposition.
            owner = self.owner[c.i]
            if c.dep_ == "appos" and owner >= 0 and self.mentions[owner].kind is EntityKind.PERSON:
                return [owner]
        if lemma in know.proxies:
            for c in tok.children:
                if c.dep_ in ("poss", "amod", "compound", "nmod"):
                    # "American and British aircraft": every coordinated modifier
                    found = [
                        f
                        for m in [c, *(g for g in c.children if g.dep_ == "conj")]
                        for f in self._resolve(m, verb, depth + 1)
                    ]
                    if found:
                        return list(dict.fromkeys(found))
            # "a spokesman for the ministry" speaks for it ("an envoy for Syria" does not)
            preps = ("of", "from", "in", "for") if lemma in _SPOKESPEOPLE else ("of", "from", "in")
            for prep in preps:
                # "the military governments of Mali, Burkina Faso and Niger": every conjunct
                found = [f for obj in _prep_objects(tok, prep) for f in self._resolve(obj, verb, depth + 1)]
                if found:
                    return list(dict.fromkeys(found))
            # "the junta", "federal troops", "government forces": the country under discussion
            if (lemma in _STATE_PROXIES and any(c.lower_ == "the" for c in tok.children)) or any(
                c.lower_ in _STATE_MODIFIERS for c in tok.children if c.dep_ in ("amod", "compound")
            ):
                return self._salient_country(tok.i)
        if lemma in know.quantities or lower in know.quantities:
            for obj in _prep_objects(tok, "of"):
                found = [f for o in _conjuncts(obj) for f in self._resolve(o, verb, depth + 1)]
                if found:
                    return found
        if lemma == "capital" and any(c.lower_ == "the" for c in tok.children):
            return self._salient_country(tok.i)  # "an offensive on the capital"
        if lemma in know.place_anaphors and any(
            c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper() and self.owner[c.i] < 0
            for c in tok.lefts
        ):
            return []  # "the Kursk region" with an unrecognised name: that place, not the last one
        if lemma in know.place_anaphors and any(c.lower_ in ("the", "that", "this") for c in tok.children):
            if lemma in _SETTLEMENTS:
                return self._last_kind(tok.i, EntityKind.LOCATION)  # "attacked the town": the last one named
            return self._salient_place(tok.i)
        if lemma in _PERSON_PAIRS and tok.tag_ in ("NNS", "NNPS") and not any(
            c.dep_ in ("poss", "amod", "compound", "prep") for c in tok.children if c.lower_ not in _NUMBERS
        ):
            # "the two men", "both leaders": the last people named (not "the two Russian leaders")
            sizes = [_NUMBERS[c.lower_] for c in tok.children if c.lower_ in _NUMBERS]
            if sizes:
                return self._last_people(tok.i, sizes[0], verb)
        if lemma in know.pair_anaphors and tok.tag_ in ("NNS", "NNPS"):
            sizes = [_NUMBERS[c.lower_] for c in tok.children if c.lower_ in _NUMBERS]
            if sizes:
                return self._last_pair(tok.i, sizes[0], self._own_subjects(tok, verb), lemma=lemma)
        if lemma in know.place_anaphors or lemma in know.quantities:
            # "North Kivu province", "the Donetsk region"
            for c in tok.children:
                owner = self.owner[c.i]
                if c.dep_ == "compound" and owner >= 0 and self.mentions[owner].kind in _PLACES:
                    return [owner]
        if lemma in _EVENT_ANAPHORS and any(c.lower_ in ("the", "this", "that") for c in tok.children):
            return self._last_kind(tok.i, EntityKind.EVENT)
        if (
            lemma in know.org_anaphors
            and tok.is_lower
            and any(c.lower_ in ("the", "this", "that") for c in tok.children)
        ):
            # "the group", "the bloc": the last organisation that is not a state organ
            return self._last_org(tok.i)
        if (
            lemma in _ORGANS
            and tok.is_lower
            and any(c.lower_ in ("the", "this", "that") for c in tok.children)
            and not any(c.dep_ in ("poss", "compound", "amod") for c in tok.children)
        ):
            return self._last_named(tok.i, lemma)  # "the ministry": the ministry named last
        # "attacked Colombia's border posts": the possessor stands in for its belongings.
        for c in tok.children:
            if c.dep_ == "poss":
                return self._resolve(c, verb, depth + 1)
        # "air strikes on Houthi targets", "a Philippine supply boat": the actor in the phrase
        # (not "the former Spanish colony").
        if any(c.lower_ in _FORMER for c in tok.children):
            return []
        for c in tok.children:
            owner = self.owner[c.i]
            if c.dep_ in ("compound", "amod", "nmod") and owner >= 0 and self.mentions[owner].kind in _ACTOR:
                return [owner]
        # "actions by China's coast guard"
        for obj in _prep_objects(tok, "by"):
            found = self._resolve(obj, verb, depth + 1)
            if found:
                return found
        # "positions held by the Congolese army"
        for c in tok.children:
            if c.dep_ == "acl" and c.lemma_.lower() in _HOLDING:
                found = [
                    f
                    for a in c.children
                    if a.dep_ == "agent"
                    for p in _prep_objects(c, "by")
                    for f in self._resolve(p, verb, depth + 1)
                ]
                if found:
                    return list(dict.fromkeys(found))
        return []

    def _generic_group(self, idx: int) -> bool:
        """A group named only by a common noun ("militants", "rebels"), not by a proper name."""
        m = self.mentions[idx]
        return m.kind is EntityKind.GROUP and m.name[:1].islower()

    def _last_kind(self, token_i: int, kind: EntityKind) -> list[int]:
        pos = bisect.bisect_left(self.starts, token_i) - 1
        stop = max(-1, pos - _LOOKBACK)
        while pos > stop:
            if self.mentions[pos].kind is kind:
                return [pos]
            pos -= 1
        return []

    def _last_named(self, token_i: int, word: str) -> list[int]:
        """The latest organisation whose name contains the word ("Foreign Ministry of X")."""
        pos = bisect.bisect_left(self.starts, token_i) - 1
        stop = max(-1, pos - _LOOKBACK)
        while pos > stop:
            m = self.mentions[pos]
            if m.kind is EntityKind.ORGANIZATION and word in m.name.lower().split():
                return [pos]
            pos -= 1
        return []

    def _last_body_named(self, token_i: int, word: str) -> list[int]:
        """The latest organisation or named group whose name has the word ("... Alliance")."""
        pos = bisect.bisect_left(self.starts, token_i) - 1
        stop = max(-1, pos - _LOOKBACK)
        while pos > stop:
            m = self.mentions[pos]
            if m.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP) and word in m.name.lower().split():
                return [pos]
            pos -= 1
        return []

    def _last_org(self, token_i: int) -> list[int]:
        pos = bisect.bisect_left(self.starts, token_i) - 1
        stop = max(-1, pos - _LOOKBACK)
        while pos > stop:
            m = self.mentions[pos]
            if m.country is None and (
                m.kind is EntityKind.ORGANIZATION or (m.kind is EntityKind.GROUP and m.name[:1].isupper())
            ):
                return [pos]
            pos -= 1
        return []

    def _last_people(self, token_i: int, size: int, verb: Token | None) -> list[int]:
        """The last `size` different people named in this sentence and the two before it, not
        counting the clause's own subject ("X's envoy met both leaders": neither X nor the
        envoy); nothing when fewer are (a wrong pair is worse than none)."""
        own: set[int] = set()
        if verb is not None:
            own = {t.i for s in self._subjects(verb) for t in s.subtree}
        sent = self.doc[token_i].sent
        limit = sent.start
        for _ in range(2):
            if limit > 0:
                limit = self.doc[limit - 1].sent.start
        found: dict[str, int] = {}
        pos = bisect.bisect_left(self.starts, token_i) - 1
        while pos >= 0 and self.mentions[pos].start >= limit and len(found) < size:
            m = self.mentions[pos]
            if m.kind is EntityKind.PERSON and m.start not in own:
                found.setdefault(m.key, pos)
            pos -= 1
        return list(found.values()) if len(found) == size else []

    def _own_subjects(self, tok: Token, verb: Token | None) -> set[int]:
        """The mentions that are the subject of the verb an object anaphor depends on ("A and B
        urged both sides": the sides are not A and B)."""
        if verb is None or tok.dep_ in _SUBJ:
            return set()
        return {self.owner[t.i] for s in self._subjects(verb) for t in _conjuncts(s) if self.owner[t.i] >= 0}

    def _last_pair(
        self,
        token_i: int,
        size: int = 2,
        avoid: set[int] | None = None,
        *,
        people: bool = False,
        lemma: str = "",
    ) -> list[int]:
        """The last coordination of `size` actors ("both sides", "the two countries"): never the
        verb's own subjects, only countries for "the two countries", and for "sides"/"parties"
        not a pair of people unless `people` allows it ("both" alone)."""
        found: list[int] = []
        avoid_keys = {self.mentions[a].key for a in avoid or ()}
        pos = bisect.bisect_left(self.pair_pos, token_i) - 1
        while pos >= 0:
            members = self.pairs[pos][1]
            kinds = {self.mentions[x].kind for x in members}
            if (
                avoid_keys & {self.mentions[x].key for x in members}
                or (lemma in _STATE_WORDS and kinds != {EntityKind.COUNTRY})
                or (not people and lemma not in _STATE_WORDS and kinds == {EntityKind.PERSON})
            ):
                pos -= 1
                continue
            # sides include an actor: "Ardhal and Vesmira" (places, perhaps only relabelled as
            # places after the pairs were listed) are where, not who
            actors = any(self.mentions[x].kind in _ACTOR for x in members)
            if actors and (len(members) == size or size == 0):
                found = list(members)
                break
            pos -= 1
        if size == 2 and not found:
            # "X accuses Y of ..., and the two sides have clashed": with no coordinated pair
            # named before, the two ends of the latest conflict or exchange
            for r in reversed(self.out):
                ends = (self.mentions[r.subject], self.mentions[r.object])
                if (
                    r.type in _SIDES
                    and all(e.kind in _ACTOR and e.start < token_i for e in ends)
                    and ends[0].key != ends[1].key
                    and not avoid_keys & {ends[0].key, ends[1].key}
                ):
                    return [r.subject, r.object]
        return found

    def _pronoun(self, tok: Token, verb: Token | None, kinds: set[EntityKind]) -> list[int]:
        """The last fitting actor mentioned before the pronoun (not the subject of its own clause
        when the pronoun is an object or the possessor of one)."""
        exclude: set[str] = set()
        role = tok.head.dep_ if tok.dep_ == "poss" else tok.dep_
        if role in ("dobj", "pobj", "dative") and verb is not None:
            for s in self._subjects(verb):
                if self.owner[s.i] != -1:
                    exclude.add(self.mentions[self.owner[s.i]].key)
        if verb is not None and verb.dep_ == "relcl" and tok.dep_ in _SUBJ and tok.head.i == verb.i:
            # "the faction, which it said was behind the raid": a relative clause's own subject
            # pronoun is not the noun the clause describes
            for ante in self._resolve(verb.head, None, 3):
                exclude.add(self.mentions[ante].key)
        if verb is not None and tok.dep_ == "dobj" and verb.dep_ == "conj":
            # "criticised Israel ... and accused it of ...": the object of the first verb
            for o in (c for c in verb.head.children if c.dep_ in ("dobj", "obj")):
                owner = self.owner[o.i]
                if owner >= 0 and self.mentions[owner].kind in kinds:
                    return [owner]
        if verb is not None and role not in ("dobj", "pobj", "dative"):
            # "The Israeli military said ... its ground forces had killed": in reported speech a
            # subject-side pronoun is the speaker
            speaker = self._reported_by(verb)
            if speaker is not None and self.mentions[speaker].kind in kinds:
                return [speaker]
            if speaker is None and tok.lower_ in _NEUTER and self._unnamed_speaker(verb):
                # "A coalition of militias said it had captured X": "it" is that coalition,
                # which names no actor; not whatever was named before
                return []
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.i == tok.sent.start and tok.sent.start > 0:
            # "It captured Goma.", "He did not say ...": a sentence-initial subject pronoun
            # continues the subject of the previous sentence, if it fits.
            previous = self.doc[tok.sent.start - 1].sent.root
            for s in self._subjects(previous):
                owner = self.owner[s.i]
                if owner >= 0 and self.mentions[owner].kind in kinds:
                    return [owner]
        pos = bisect.bisect_left(self.starts, tok.i) - 1
        stop = max(-1, pos - _LOOKBACK)
        while pos > stop:
            m = self.mentions[pos]
            if m.kind in kinds and m.key not in exclude and m.start < tok.i:
                return [pos]
            pos -= 1
        return []

    def _tally(self, token_i: int, kind: EntityKind) -> tuple[dict[str, int], dict[str, int]]:
        """Mentions of one kind before a token: count and latest index per key. Sentences are
        read in order, so the tally advances incrementally (linear over the document)."""
        end = bisect.bisect_left(self.starts, token_i)
        state = self._tallies.get(kind)
        if state is None or state[0] > end:
            state = (0, {}, {})
        pos, counts, latest = state
        for i in range(pos, end):
            m = self.mentions[i]
            if m.kind is kind:
                counts[m.key] = counts.get(m.key, 0) + 1
                latest[m.key] = i
            elif kind is EntityKind.COUNTRY and m.country and m.kind is not EntityKind.PERSON:
                # "the White House", "Russia's foreign ministry": the country's own organs
                key = f"country:{m.country}"
                counts[key] = counts.get(key, 0) + 1
        self._tallies[kind] = (end, counts, latest)
        return counts, latest

    def _plural_pronoun(self, tok: Token, verb: Token | None) -> list[int]:
        """'they', 'their': the latest named group ("the Houthis") or coordination of actors,
        whichever is nearer; not the subject of the pronoun's own clause when it is an object."""
        exclude: set[str] = set()
        if verb is not None and (tok.head.dep_ if tok.dep_ == "poss" else tok.dep_) in (
            "dobj",
            "pobj",
            "dative",
        ):
            exclude = {self.mentions[o].key for s in self._subjects(verb) if (o := self.owner[s.i]) >= 0}
        group = None
        pos = bisect.bisect_left(self.starts, tok.i) - 1
        stop = max(-1, pos - _LOOKBACK)
        while pos > stop:
            m = self.mentions[pos]
            if m.kind is EntityKind.GROUP and m.name[:1].isupper() and m.key not in exclude:
                group = pos
                break
            pos -= 1
        pair_pos = bisect.bisect_left(self.pair_pos, tok.i) - 1
        pair = self.pairs[pair_pos] if pair_pos >= 0 else None
        if pair is not None and pair[0] < self._sentences_back(tok.i, 2):
            pair = None  # a coordination three sentences back is no longer "they"
        if pair is not None and (group is None or pair[0] > self.mentions[group].start):
            members = [x for x in pair[1] if self.mentions[x].key not in exclude]
            if len(members) == len(pair[1]):
                return list(members)
        return [group] if group is not None else []

    def _sentences_back(self, token_i: int, count: int) -> int:
        """The first token of the sentence `count` sentences before the token's own."""
        start = self.doc[token_i].sent.start
        for _ in range(count):
            if start > 0:
                start = self.doc[start - 1].sent.start
        return start

    def _salient_country(self, token_i: int, held: frozenset[str] | set[str] = _NO_KEYS) -> list[int]:
        """'the junta', 'the government': the country the document is about so far, if one
        clearly dominates (at least two mentions, more than any other; of two or more tied, the
        one the first sentence names); ``held``: countries left out."""
        counts, latest = self._tally(token_i, EntityKind.COUNTRY)
        if held:
            counts = {key: count for key, count in counts.items() if key not in held}
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or ranked[0] < 2:
            return []
        if len(ranked) > 1 and ranked[0] == ranked[1]:
            # Tied: the one the story opened with, if the first sentence names only one of them.
            tied = {key for key, count in counts.items() if count == ranked[0]}
            opening = {m.key for m in self.mentions[: bisect.bisect_left(self.starts, self._first_end)]}
            first = tied & opening
            if len(first) != 1:
                return []
            return self._mention_of_country(first.pop(), latest)
        best = max(counts, key=lambda k: counts[k])
        return self._mention_of_country(best, latest)

    def _mention_of_country(self, key: str, latest: dict[str, int]) -> list[int]:
        """The latest mention of a country so far, else its first anywhere (a country counted
        through its organs before it is named)."""
        if key in latest:
            return [latest[key]]
        return next(([i] for i, m in enumerate(self.mentions) if m.key == key), [])

    def _salient_place(self, token_i: int) -> list[int]:
        """'the region': the place mentioned most often so far (the latest on a tie)."""
        counts, latest = self._tally(token_i, EntityKind.LOCATION)
        if not counts:
            return []
        best = max(counts, key=lambda k: (counts[k], latest[k]))
        return [latest[best]]


def _single_holder(role: str, know: Knowledge) -> bool:
    """A title one person holds at a time in a country: a head of state or government, a
    minister or secretary of a portfolio (not a secretary general)."""
    portfolio = role.endswith((" minister", " secretary")) and "general" not in role
    return role in know.state_titles or portfolio


def _conjuncts(tok: Token | None) -> list[Token]:
    if tok is None:
        return []
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") and c not in out:
                out.append(c)
                stack.append(c)
            elif c.dep_ == "cc" or c.dep_ == "preconj":
                continue
            # "the White House and State Department" parsed as "[White House and State] Department".
            if (
                c.dep_ in ("nmod", "compound")
                and c.i < cur.i
                and any(g.dep_ == "cc" for g in c.children)
                and c not in out
            ):
                out.append(c)
        # "X as well as Y": spaCy attaches "well as Y" under the first conjunct.
        for c in cur.children:
            if c.dep_ == "cc" and c.lower_ == "as":
                for cc in c.children:
                    if cc.dep_ in ("pobj", "conj") and cc not in out:
                        out.append(cc)
    return out


def _is_place_noun(tok: Token, know: Knowledge) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in know.place_heads or lemma in know.place_anaphors


def _dobjs(verb: Token) -> list[Token]:
    """Direct objects with their conjuncts; "requested aid from X, as well as assistance from Y"
    (spaCy hangs the second noun on the verb as a conjunct) counts both nouns."""
    out = [t for c in verb.children if c.dep_ in ("dobj", "obj") for t in _conjuncts(c)]
    if out:
        out.extend(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN")
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "the Kursk region, which Ukrainian forces have occupied" / "the town the rebels
        # seized": the object gap is the noun the clause hangs on
        if out and all(t.lower_ in _RELATIVE for t in out):
            return [verb.head]
        if (
            not out
            and any(c.dep_ == "nsubj" and c.lower_ not in _RELATIVE for c in verb.children)
            and not any(c.tag_ in ("WDT", "WP", "WRB", "IN") for c in verb.children)
            and not any(c.dep_ in ("ccomp", "xcomp", "prep", "dative") for c in verb.children)
        ):
            return [verb.head]
    return out


def _prep_objects(head: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for c in head.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            for obj in c.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    out.extend(_conjuncts(obj))
    return out
