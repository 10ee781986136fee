"""Argument resolution: a token to the mentions it stands for (names, proxies, pronouns, anaphors),
and who a statement is attributed to."""

from __future__ import annotations

import bisect

from spacy.tokens import Span, Token

from kg.model import EntityKind, RelationType
from kg.nlp.mentions import Mention
from kg.nlp.relations.clauses import subjects_of
from kg.nlp.relations.context import DocContext
from kg.nlp.relations.syntax import conjuncts, prep_objects
from kg.nlp.relations.vocabulary import (
    ACTOR,
    ASSAULTS,
    BORDERS,
    COASTS,
    EVENT_ANAPHORS,
    FEMALE,
    FIRST_PERSON,
    FORMER,
    HOLDING,
    LEADING,
    LOOKBACK,
    MALE,
    NEUTER,
    NO_KEYS,
    NUMBERS,
    ORGANS,
    PERSON_PAIRS,
    PLACES,
    PLURAL,
    PLURAL_ENDINGS,
    RELATIVE,
    SETTLEMENTS,
    SIDES,
    SPOKESPEOPLE,
    STATE_MODIFIERS,
    STATE_PROXIES,
    STATE_WORDS,
    SUBJ,
)


def reported_by(ctx: DocContext, verb: Token) -> int | None:
    """'X said (that) ...' and 'Y, he added, ...': who the statement is attributed to."""
    cur = verb
    for _ in range(4):
        for c in cur.children:
            if c.dep_ == "parataxis" and c.lemma_.lower() in ctx.know.reporting:
                speaker = resolve_all(ctx, subjects_of(ctx, c), c)
                if speaker:
                    return speaker[0]
        if cur.dep_ in ("ccomp", "conj") and cur.head is not cur:
            cur = cur.head
            if cur.lemma_.lower() in ctx.know.reporting:
                speaker = resolve_all(ctx, subjects_of(ctx, cur), cur)
                if speaker:
                    return speaker[0]
        else:
            break
    return None


def unnamed_speaker(ctx: DocContext, verb: Token) -> bool:
    """Whether the clause is reported by a noun phrase that resolves to no actor."""
    cur = verb
    for _ in range(4):
        if cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in ctx.know.reporting:
            # a collective that could itself be "it" ("an alliance of ...", "a rebel group")
            said_by = [
                s
                for s in subjects_of(ctx, cur)
                if s.pos_ == "NOUN" and s.lemma_.lower() in ctx.know.org_anaphors
            ]
            return bool(said_by) and not resolve_all(ctx, said_by, cur)
    return False


def according_to(ctx: DocContext, sent: Span) -> int | None:
    for tok in sent:
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            found = resolve(ctx, obj, None)
                            if found:
                                return found[0]
    return None


def resolve_all(ctx: DocContext, toks: list[Token], verb: Token | None) -> list[int]:
    out: list[int] = []
    for t in toks:
        for m in resolve(ctx, t, verb):
            if m not in out:
                out.append(m)
    return out


def resolve(ctx: DocContext, tok: Token, verb: Token | None, depth: int = 0) -> list[int]:
    if depth > 3:
        return []
    idx = ctx.owner[tok.i]
    know = ctx.know
    lemma = tok.lemma_.lower()
    if idx != -1 and ctx.generic_group(idx) and tok.i == ctx.mentions[idx].end - 1:
        # "its fighters", "the group's militants": the group that owns them, when named (not
        # "its partners": the others it works with)
        for c in tok.children if lemma not in know.relational else ():
            if c.dep_ == "poss":
                found = resolve(ctx, c, verb, depth + 1)
                if found and all(ctx.mentions[f].kind in ACTOR for f in found):
                    return found
        found = group_of_organisation(ctx, tok)
        if found:
            return found
    if idx != -1:
        return [idx]
    giver = support_from(ctx, tok, verb, depth)
    if giver:
        return giver
    lower = tok.lower_
    if lower in MALE or lower in FEMALE:
        return pronoun(ctx, tok, verb, {EntityKind.PERSON})
    if lower in NEUTER:
        return pronoun(ctx, tok, verb, {EntityKind.COUNTRY, EntityKind.ORGANIZATION})
    if lower in PLURAL:
        return plural_pronoun(ctx, tok, verb)
    if lower == "both" and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return last_pair(ctx, tok.i, 2, own_subjects(ctx, tok, verb), people=True)
    if lower in RELATIVE and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.dep_ == "relcl":
        # "the talks, which were hosted by Chile": the noun the clause describes
        return resolve(ctx, tok.head.head, verb, depth + 1)
    if lower == "whose":
        # "Eritrea, whose troops ...": the antecedent of the relative clause.
        cur = tok
        for _ in range(4):
            if cur.dep_ == "relcl":
                return resolve(ctx, cur.head, verb, depth + 1)
            cur = cur.head
    for c in tok.children:
        # "Venezuela's opposition leader Maria X": the person named in apposition.
        owner = ctx.owner[c.i]
        if c.dep_ == "appos" and owner >= 0 and ctx.mentions[owner].kind is EntityKind.PERSON:
            return [owner]
    if lemma in know.proxies:
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                # "American and British aircraft": every coordinated modifier
                found = [
                    f
                    for m in [c, *(g for g in c.children if g.dep_ == "conj")]
                    for f in resolve(ctx, m, verb, depth + 1)
                ]
                if found:
                    return list(dict.fromkeys(found))
        # "a spokesman for the ministry" speaks for it ("an envoy for Syria" does not)
        preps = proxy_prepositions(lemma)
        for prep in preps:
            # "the military governments of Mali, Burkina Faso and Niger": every conjunct
            found = [f for obj in prep_objects(tok, prep) for f in resolve(ctx, obj, verb, depth + 1)]
            if found:
                return list(dict.fromkeys(found))
        force = force_anaphor(ctx, tok)
        if force:
            return force
        # "the junta", "federal troops", "government forces": the country under discussion
        if (lemma in STATE_PROXIES and any(c.lower_ == "the" for c in tok.children)) or any(
            c.lower_ in STATE_MODIFIERS for c in tok.children if c.dep_ in ("amod", "compound")
        ):
            return salient_country(ctx, tok.i)
    if lemma in know.quantities or lower in know.quantities:
        for obj in prep_objects(tok, "of"):
            found = [f for o in conjuncts(obj) for f in resolve(ctx, o, verb, depth + 1)]
            if found:
                return found
    if lemma in know.peoples and any(c.lower_ == "the" for c in tok.children):
        found = [f for obj in prep_objects(tok, "of") for f in resolve(ctx, obj, verb, depth + 1)]
        if found and all(ctx.mentions[f].kind is EntityKind.COUNTRY for f in found):
            return found  # "the people of Syria": Syria, as "the Syrian people"
    if lemma == "capital" and any(c.lower_ == "the" for c in tok.children):
        return salient_country(ctx, tok.i)  # "an offensive on the capital"
    if lemma in know.place_anaphors and any(
        c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper() and ctx.owner[c.i] < 0
        for c in tok.lefts
    ):
        return []  # "the Kursk region" with an unrecognised name: that place, not the last one
    if lemma in know.place_anaphors and any(c.lower_ in ("the", "that", "this") for c in tok.children):
        if lemma in SETTLEMENTS:
            return last_kind(ctx, tok.i, EntityKind.LOCATION)  # "attacked the town": the last one named
        return salient_place(ctx, tok.i)
    if (
        lemma in PERSON_PAIRS
        and tok.tag_ in ("NNS", "NNPS")
        and not any(
            c.dep_ in ("poss", "amod", "compound", "prep") for c in tok.children if c.lower_ not in NUMBERS
        )
    ):
        # "the two men", "both leaders": the last people named (not "the two Russian leaders")
        sizes = [NUMBERS[c.lower_] for c in tok.children if c.lower_ in NUMBERS]
        if sizes:
            return last_people(ctx, tok.i, sizes[0], verb)
    if lemma in know.pair_anaphors and tok.tag_ in ("NNS", "NNPS"):
        sizes = [NUMBERS[c.lower_] for c in tok.children if c.lower_ in NUMBERS]
        if sizes:
            return last_pair(ctx, tok.i, sizes[0], own_subjects(ctx, tok, verb), lemma=lemma)
    if lemma in know.place_anaphors or lemma in know.quantities:
        # "North Kivu province", "the Donetsk region"
        for c in tok.children:
            owner = ctx.owner[c.i]
            if c.dep_ == "compound" and owner >= 0 and ctx.mentions[owner].kind in PLACES:
                return [owner]
    if lemma in EVENT_ANAPHORS and any(c.lower_ in ("the", "this", "that") for c in tok.children):
        return last_kind(ctx, tok.i, EntityKind.EVENT)
    if (
        lemma in know.org_anaphors
        and tok.is_lower
        and any(c.lower_ in ("the", "this", "that") for c in tok.children)
    ):
        # "the group", "the bloc": the last organisation that is not a state organ
        return last_org(ctx, tok.i)
    if (
        lemma in ORGANS
        and tok.is_lower
        and any(c.lower_ in ("the", "this", "that") for c in tok.children)
        and not any(c.dep_ in ("poss", "compound", "amod") for c in tok.children)
    ):
        return last_named(ctx, tok.i, lemma)  # "the ministry": the ministry named last
    if lemma in BORDERS or lemma in COASTS:
        # "massed troops on the border with Ukraine": the country on the other side; "off the
        # coast of Israel": the country whose coast it is
        prep = "with" if lemma in BORDERS else "of"
        found = [f for obj in prep_objects(tok, prep) for f in resolve(ctx, obj, verb, depth + 1)]
        if found:
            return found
    # "attacked Colombia's border posts": the possessor stands in for its belongings.
    for c in tok.children:
        if c.dep_ == "poss":
            owned = resolve(ctx, c, verb, depth + 1)
            if owned or c.lower_ not in FIRST_PERSON:
                return owned
            # "our Coalition partners": the writer's own; the name in the phrase says who
    # "air strikes on Houthi targets", "a Philippine supply boat": the actor in the phrase
    # (not "the former Spanish colony").
    if any(c.lower_ in FORMER for c in tok.children):
        return []
    leader = named_leader(ctx, tok)
    if leader is not None:
        return [leader]
    for c in tok.children:
        owner = ctx.owner[c.i]
        if c.dep_ in ("compound", "amod", "nmod") and owner >= 0 and ctx.mentions[owner].kind in ACTOR:
            return [owner]
    # "actions by China's coast guard"
    for obj in prep_objects(tok, "by"):
        found = resolve(ctx, obj, verb, depth + 1)
        if found:
            return found
    found = act_agent(ctx, tok, verb, depth)
    if found:
        return found
    # "positions held by the Congolese army"
    for c in tok.children:
        if c.dep_ == "acl" and c.lemma_.lower() in HOLDING:
            found = [
                territory_holder(ctx, f)
                for a in c.children
                if a.dep_ == "agent"
                for p in prep_objects(c, "by")
                for f in resolve(ctx, p, verb, depth + 1)
            ]
            if found:
                return list(dict.fromkeys(found))
    return []


def support_from(ctx: DocContext, tok: Token, verb: Token | None, depth: int) -> list[int]:
    """'aided by strong support from Turkey': support that acts is whoever gives it (the agent of
    a passive that is a noun of support, lexicon.toml nominal senses of SUPPORTED)."""
    sense = ctx.know.nominal.get(tok.lemma_.lower())
    if sense is None or sense.type is not RelationType.SUPPORTED:
        return []
    if tok.dep_ != "pobj" or tok.head.dep_ != "agent":
        return []
    givers = prep_objects(tok, "from")
    # "from our ally Turkey and our coalition": the names in apposition, with their conjuncts
    named = [a for g in givers for a in g.children if a.dep_ == "appos" and ctx.owner[a.i] >= 0]
    found = [
        f
        for o in [*givers, *(t for a in named for t in conjuncts(a))]
        for f in resolve(ctx, o, verb, depth + 1)
    ]
    return list(dict.fromkeys(found))


def group_of_organisation(ctx: DocContext, tok: Token) -> list[int]:
    """'activists from the Fatah Party', 'militants of the PKK': people named only by a common
    noun stand for the organisation they come from (not a country: 'refugees from Syria')."""
    found = [ctx.owner[o.i] for p in ("from", "of") for o in prep_objects(tok, p) if ctx.owner[o.i] >= 0]
    named = [f for f in found if ctx.mentions[f].kind is EntityKind.ORGANIZATION]
    return list(dict.fromkeys(named)) if named and len(named) == len(found) else []


def named_leader(ctx: DocContext, tok: Token) -> int | None:
    """'Vietnamese-led forces', 'a Saudi-led coalition': an unnamed body stands for the actor
    named before the hyphenated participle that says who leads it."""
    for c in tok.children:
        if c.dep_ == "amod" and c.lemma_.lower() in LEADING and c.tag_ == "VBN":
            for n in c.children:
                owner = ctx.owner[n.i]
                named = n.i < c.i and n.dep_ in ("npadvmod", "compound", "nmod") and owner >= 0
                if named and ctx.mentions[owner].kind in ACTOR:
                    return owner
    return None


def act_agent(ctx: DocContext, tok: Token, verb: Token | None, depth: int) -> list[int]:
    """'the bombing, carried out by al-Shabaab', 'attacks claimed by X': an act stands for the
    agent of the participle that says who did it (actors.toml conflict_acts, act_agents)."""
    if tok.lemma_.lower() not in ctx.know.conflict_acts:
        return []
    participles = [c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in ctx.know.act_agents]
    if misread_participle(ctx, tok):
        participles.append(tok.head)
    found = [
        f
        for c in participles
        for a in c.children
        if a.dep_ == "agent"
        for o in a.children
        if o.dep_ == "pobj"
        for f in resolve(ctx, o, verb, depth + 1)
    ]
    return list(dict.fromkeys(found))


def misread_participle(ctx: DocContext, tok: Token) -> bool:
    """'Multiple attacks, also claimed by Da'esh, have killed ...': the parser made the reduced
    relative's participle the act's verb (no auxiliary, an agent) and the act its subject."""
    head = tok.head
    return (
        tok.dep_ == "nsubj"
        and head.tag_ == "VBN"
        and head.lemma_.lower() in ctx.know.act_agents
        and any(c.dep_ == "agent" for c in head.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    )


def proxy_prepositions(lemma: str) -> tuple[str, ...]:
    """Where a proxy noun names the actor it stands for: 'officials of/from/in X'; 'a spokesman
    for X' too; an attack not 'in X' (where it happened: 'attacks in Iraq' are not Iraq's)."""
    if lemma in SPOKESPEOPLE:
        return ("of", "from", "in", "for")
    if lemma in ASSAULTS:
        return ("of", "from")
    return ("of", "from", "in")


def territory_holder(ctx: DocContext, idx: int) -> int:
    """Whose land it is: 'territory held by Armenian forces' is Armenia's (a state agent holds
    ground for its state), else the holder itself."""
    m = ctx.mentions[idx]
    if m.sector and m.country and m.entity_id and m.kind is EntityKind.ORGANIZATION:
        country = ctx.country_mention(m.country, idx)
        if country is not None:
            return country
    return idx


def last_kind(ctx: DocContext, token_i: int, kind: EntityKind) -> list[int]:
    pos = bisect.bisect_left(ctx.starts, token_i) - 1
    stop = max(-1, pos - LOOKBACK)
    while pos > stop:
        if ctx.mentions[pos].kind is kind:
            return [pos]
        pos -= 1
    return []


def last_named(ctx: DocContext, token_i: int, word: str) -> list[int]:
    """The latest organisation whose name contains the word ("Foreign Ministry of X")."""
    pos = bisect.bisect_left(ctx.starts, token_i) - 1
    stop = max(-1, pos - LOOKBACK)
    while pos > stop:
        m = ctx.mentions[pos]
        if m.kind is EntityKind.ORGANIZATION and word in m.name.lower().split():
            return [pos]
        pos -= 1
    return []


def force_anaphor(ctx: DocContext, tok: Token) -> list[int]:
    """'the army', 'the police' (actors.toml force_anaphors): the state force of that sector the
    text named last ('Sudan's army ... the army'), before the country under discussion."""
    sector = ctx.know.force_anaphors.get(tok.lemma_.lower())
    if (
        sector is None
        or not tok.is_lower
        or not any(c.lower_ in ("the", "this", "that") for c in tok.children)
        or any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in tok.children)
    ):
        return []
    return last_force(ctx, tok.i, sector)


def last_force(ctx: DocContext, token_i: int, sector: str) -> list[int]:
    """The latest state force of a sector the text named ('Sudan's army' for a later 'the army')."""
    pos = bisect.bisect_left(ctx.starts, token_i) - 1
    stop = max(-1, pos - LOOKBACK)
    while pos > stop:
        m = ctx.mentions[pos]
        if m.kind is EntityKind.ORGANIZATION and m.sector == sector:
            return [pos]
        pos -= 1
    return []


def last_body_named(ctx: DocContext, token_i: int, word: str) -> list[int]:
    """The latest organisation or named group whose name has the word ("... Alliance")."""
    pos = bisect.bisect_left(ctx.starts, token_i) - 1
    stop = max(-1, pos - LOOKBACK)
    while pos > stop:
        m = ctx.mentions[pos]
        if m.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP) and word in m.name.lower().split():
            return [pos]
        pos -= 1
    return []


def last_org(ctx: DocContext, token_i: int) -> list[int]:
    pos = bisect.bisect_left(ctx.starts, token_i) - 1
    stop = max(-1, pos - LOOKBACK)
    while pos > stop:
        m = ctx.mentions[pos]
        if m.country is None and (
            m.kind is EntityKind.ORGANIZATION or (m.kind is EntityKind.GROUP and m.name[:1].isupper())
        ):
            return [pos]
        pos -= 1
    return []


def last_people(ctx: DocContext, token_i: int, size: int, verb: Token | None) -> list[int]:
    """The last `size` different people named in this sentence and the two before it, not
    counting the clause's own subject ("X's envoy met both leaders": neither X nor the
    envoy); nothing when fewer are (a wrong pair is worse than none)."""
    own: set[int] = set()
    if verb is not None:
        own = {t.i for s in subjects_of(ctx, verb) for t in s.subtree}
    sent = ctx.doc[token_i].sent
    limit = sent.start
    for _ in range(2):
        if limit > 0:
            limit = ctx.doc[limit - 1].sent.start
    found: dict[str, int] = {}
    pos = bisect.bisect_left(ctx.starts, token_i) - 1
    while pos >= 0 and ctx.mentions[pos].start >= limit and len(found) < size:
        m = ctx.mentions[pos]
        if m.kind is EntityKind.PERSON and m.start not in own:
            found.setdefault(m.key, pos)
        pos -= 1
    return list(found.values()) if len(found) == size else []


def own_subjects(ctx: DocContext, tok: Token, verb: Token | None) -> set[int]:
    """The mentions that are the subject of the verb an object anaphor depends on ("A and B
    urged both sides": the sides are not A and B)."""
    if verb is None or tok.dep_ in SUBJ:
        return set()
    return {ctx.owner[t.i] for s in subjects_of(ctx, verb) for t in conjuncts(s) if ctx.owner[t.i] >= 0}


def last_pair(
    ctx: DocContext,
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
    avoid_keys = {ctx.mentions[a].key for a in avoid or ()}
    pos = bisect.bisect_left(ctx.pair_pos, token_i) - 1
    while pos >= 0:
        members = ctx.pairs[pos][1]
        kinds = {ctx.mentions[x].kind for x in members}
        if (
            avoid_keys & {ctx.mentions[x].key for x in members}
            or (lemma in STATE_WORDS and kinds != {EntityKind.COUNTRY})
            or (not people and lemma not in STATE_WORDS and kinds == {EntityKind.PERSON})
        ):
            pos -= 1
            continue
        # sides include an actor: "Ardhal and Vesmira" (places, perhaps only relabelled as
        # places after the pairs were listed) are where, not who
        actors = any(ctx.mentions[x].kind in ACTOR for x in members)
        if actors and (len(members) == size or size == 0):
            found = list(members)
            break
        pos -= 1
    if size == 2 and not found:
        # "X accuses Y of ..., and the two sides have clashed": with no coordinated pair
        # named before, the two ends of the latest conflict or exchange
        for r in reversed(ctx.out):
            if r.coded:
                continue  # the lexicon's anaphora point back to its own reads
            ends = (ctx.mentions[r.subject], ctx.mentions[r.object])
            if (
                r.type in SIDES
                and all(e.kind in ACTOR and e.start < token_i for e in ends)
                and ends[0].key != ends[1].key
                and not avoid_keys & {ends[0].key, ends[1].key}
            ):
                return [r.subject, r.object]
    return found


def pronoun(ctx: DocContext, tok: Token, verb: Token | None, kinds: set[EntityKind]) -> list[int]:
    """The last fitting actor mentioned before the pronoun (not the subject of its own clause
    when the pronoun is an object or the possessor of one)."""
    exclude: set[str] = set()
    role = tok.head.dep_ if tok.dep_ == "poss" else tok.dep_
    own = possessive_of_subject(ctx, tok, kinds)
    if own is not None:
        return [own]
    if role in ("dobj", "pobj", "dative") and verb is not None:
        for s in subjects_of(ctx, verb):
            if ctx.owner[s.i] != -1:
                exclude.add(ctx.mentions[ctx.owner[s.i]].key)
    if verb is not None and verb.dep_ == "relcl" and tok.dep_ in SUBJ and tok.head.i == verb.i:
        # "the faction, which it said was behind the raid": a relative clause's own subject
        # pronoun is not the noun the clause describes
        for ante in resolve(ctx, verb.head, None, 3):
            exclude.add(ctx.mentions[ante].key)
    if verb is not None and tok.dep_ == "dobj" and verb.dep_ == "conj":
        # "criticised Israel ... and accused it of ...": the object of the first verb
        for o in (c for c in verb.head.children if c.dep_ in ("dobj", "obj")):
            owner = ctx.owner[o.i]
            if owner >= 0 and ctx.mentions[owner].kind in kinds:
                return [owner]
    if verb is not None and role not in ("dobj", "pobj", "dative"):
        # "The Israeli military said ... its ground forces had killed": in reported speech a
        # subject-side pronoun is the speaker
        speaker = reported_by(ctx, verb)
        if speaker is not None and ctx.mentions[speaker].kind in kinds:
            return [speaker]
        if speaker is None and tok.lower_ in NEUTER and unnamed_speaker(ctx, verb):
            # "A coalition of militias said it had captured X": "it" is that coalition,
            # which names no actor; not whatever was named before
            return []
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.i == tok.sent.start and tok.sent.start > 0:
        # "It captured Goma.", "He did not say ...": a sentence-initial subject pronoun
        # continues the subject of the previous sentence, if it fits.
        previous = ctx.doc[tok.sent.start - 1].sent.root
        for s in subjects_of(ctx, previous):
            owner = ctx.owner[s.i]
            if owner >= 0 and ctx.mentions[owner].kind in kinds:
                return [owner]
    pos = bisect.bisect_left(ctx.starts, tok.i) - 1
    stop = max(-1, pos - LOOKBACK)
    while pos > stop:
        m = ctx.mentions[pos]
        if m.kind in kinds and m.key not in exclude and m.start < tok.i:
            return [pos]
        pos -= 1
    return []


def possessive_of_subject(ctx: DocContext, tok: Token, kinds: set[EntityKind]) -> int | None:
    """'The U.S. remains steadfast in its commitment to X', 'Israel said in its statement': a
    possessive in a phrase on a verb (or its adjective) with no object is the verb's subject."""
    if tok.dep_ != "poss" or tok.head.dep_ != "pobj" or tok.head.head.dep_ != "prep":
        return None
    clause = tok.head.head.head
    if clause.dep_ == "acomp":
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX") or any(
        c.dep_ in ("dobj", "obj", "dative") for c in clause.children
    ):
        return None
    for s in subjects_of(ctx, clause):
        owner = ctx.owner[s.i]
        if owner >= 0 and ctx.mentions[owner].kind in kinds and s.i < tok.i:
            return owner
    return None


def plural_pronoun(ctx: DocContext, tok: Token, verb: Token | None) -> list[int]:
    """'they', 'their': the latest named group ("the Houthis") or coordination of actors,
    whichever is nearer; not the subject of the pronoun's own clause when it is an object."""
    exclude: set[str] = set()
    if verb is not None and (tok.head.dep_ if tok.dep_ == "poss" else tok.dep_) in (
        "dobj",
        "pobj",
        "dative",
    ):
        exclude = {ctx.mentions[o].key for s in subjects_of(ctx, verb) if (o := ctx.owner[s.i]) >= 0}
    speaker = plural_speaker(ctx, tok, verb)
    if speaker is not None:
        return [speaker]
    group = None
    pos = bisect.bisect_left(ctx.starts, tok.i) - 1
    stop = max(-1, pos - LOOKBACK)
    while pos > stop:
        m = ctx.mentions[pos]
        named_group = m.kind is EntityKind.GROUP and m.name[:1].isupper()
        if (named_group or plural_body(m)) and m.key not in exclude:
            group = pos
            break
        pos -= 1
    pair_pos = bisect.bisect_left(ctx.pair_pos, tok.i) - 1
    pair = ctx.pairs[pair_pos] if pair_pos >= 0 else None
    if pair is not None and pair[0] < sentences_back(ctx, tok.i, 2):
        pair = None  # a coordination three sentences back is no longer "they"
    if pair is not None and (group is None or pair[0] > ctx.mentions[group].start):
        members = [x for x in pair[1] if ctx.mentions[x].key not in exclude]
        if len(members) == len(pair[1]):
            return list(members)
    return [group] if group is not None else []


def plural_speaker(ctx: DocContext, tok: Token, verb: Token | None) -> int | None:
    """'The Syrian Democratic Forces said they had captured X', 'the rebels said they would ...':
    a subject 'they' in reported speech is the speaker, a group or a body with a plural name."""
    if verb is None or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    speaker = reported_by(ctx, verb)
    if speaker is None:
        return None
    m = ctx.mentions[speaker]
    return speaker if m.kind is EntityKind.GROUP or plural_body(m) else None


def plural_body(m: Mention) -> bool:
    """'the Syrian Democratic Forces', 'the Jordan Armed Forces': a body with a plural name."""
    last = m.name.split()[-1] if m.name else ""
    return m.kind is EntityKind.ORGANIZATION and last.endswith(PLURAL_ENDINGS)


def sentences_back(ctx: DocContext, token_i: int, count: int) -> int:
    """The first token of the sentence `count` sentences before the token's own."""
    start = ctx.doc[token_i].sent.start
    for _ in range(count):
        if start > 0:
            start = ctx.doc[start - 1].sent.start
    return start


def salient_country(ctx: DocContext, token_i: int, held: frozenset[str] | set[str] = NO_KEYS) -> list[int]:
    """'the junta', 'the government': the country the document is about so far, if one
    clearly dominates (at least two mentions, more than any other; of two or more tied, the
    one the first sentence names); ``held``: countries left out."""
    counts, latest = ctx.tally(token_i, EntityKind.COUNTRY)
    if held:
        counts = {key: count for key, count in counts.items() if key not in held}
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 2:
        return []
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        # Tied: the one the story opened with, if the first sentence names only one of them.
        tied = {key for key, count in counts.items() if count == ranked[0]}
        opening = {m.key for m in ctx.mentions[: bisect.bisect_left(ctx.starts, ctx.first_end)]}
        first = tied & opening
        if len(first) != 1:
            return []
        return mention_of_country(ctx, first.pop(), latest)
    best = max(counts, key=lambda k: counts[k])
    return mention_of_country(ctx, best, latest)


def mention_of_country(ctx: DocContext, key: str, latest: dict[str, int]) -> list[int]:
    """The latest mention of a country so far, else its first anywhere (a country counted
    through its organs before it is named)."""
    if key in latest:
        return [latest[key]]
    return next(([i] for i, m in enumerate(ctx.mentions) if m.key == key), [])


def salient_place(ctx: DocContext, token_i: int) -> list[int]:
    """'the region': the place mentioned most often so far (the latest on a tie)."""
    counts, latest = ctx.tally(token_i, EntityKind.LOCATION)
    if not counts:
        return []
    best = max(counts, key=lambda k: (counts[k], latest[k]))
    return [latest[best]]
