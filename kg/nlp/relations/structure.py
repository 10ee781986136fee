"""Structural relations: titles and appositions (HOLDS_ROLE), organs of a state and "part of"
(PART_OF), "member of", "one of", listed members (MEMBER_OF), allies (ALLIED_WITH).

Owned by the actors side of extraction (see /work/team/LOG.md); the verb side calls `prepare`,
`titles`, `organs`, `copular`, `apposition`, `ally_before_name` and `listed_members`."""

from __future__ import annotations

import bisect

from spacy.tokens import Span, Token

from kg.model import EntityKind, RelationType
from kg.nlp.knowledge import Knowledge
from kg.nlp.mentions import Mention
from kg.nlp.mentions.agents import personnel_sources
from kg.nlp.relations.clauses import appointed_title, is_irrealis, is_negated, is_passive, subjects_of
from kg.nlp.relations.context import DocContext
from kg.nlp.relations.resolve import last_body_named, last_org, resolve, resolve_all, salient_country
from kg.nlp.relations.syntax import conjuncts, passive_agents, prep_objects
from kg.nlp.relations.vocabulary import (
    ACTOR,
    AGENTS,
    BODY_MEMBERS,
    COMPOSED,
    FORMER,
    FORMERLY,
    HELP_NOUNS,
    HOLDERS,
    JOINTLY,
    MEMBER_NOUNS,
    NEW_WORDS,
    NO_KEYS,
    ONCE_HELD,
    POSSESSIVE_PRONOUNS,
    PROSPECTIVE,
    ROLE_TARGETS,
    SINGLING,
)


def prepare(ctx: DocContext) -> None:
    """Who the text says holds a country's single-holder title ("Rwandan President Paul Kagame"):
    that country is not the one of someone else's bare "President X"."""
    for m in ctx.mentions:
        if m.role is None or m.role_target is None or former_word(ctx, m) is not None:
            continue
        target = ctx.mentions[m.role_target]
        if target.kind is EntityKind.COUNTRY and single_holder(m.role.lower(), ctx.know):
            ctx.title_holders.setdefault((m.role.lower(), target.key), set()).add(m.key)


def organs(ctx: DocContext, sent: Span) -> None:
    """'Armenia's Defense Ministry', 'the Security Council of X': an organ of the state."""
    pos = bisect.bisect_left(ctx.starts, sent.start)
    while pos < len(ctx.mentions) and ctx.mentions[pos].start < sent.end:
        m = ctx.mentions[pos]
        if (
            m.kind is EntityKind.ORGANIZATION
            and m.country
            and m.name.endswith(f" of {ctx.know.countries[m.country].name}")
        ):
            country = ctx.country_mention(m.country, pos)
            if country is not None:
                ctx.emit(pos, RelationType.PART_OF, country, sent, 0.7)
        pos += 1


def copular(ctx: DocContext, be: Token, sent: Span, attributed: int | None) -> None:
    """'X, which is part of Y' / 'X is a member of Y' / 'X, who is Ghana's foreign minister'."""
    for attr in (c for c in be.children if c.dep_ == "attr"):
        rtype = ctx.know.copular.get(attr.lemma_.lower())
        if rtype is None:
            if is_negated(ctx, be) or is_irrealis(ctx, be) or role_phrase(ctx, attr) is None:
                continue
            if any(c.dep_ == "aux" and c.lower_ in PROSPECTIVE for c in be.children):
                continue  # "X would be prime minister": not (yet) a role
            said_of = resolve_all(ctx, subjects_of(ctx, be), be)
            people = [s for s in said_of if ctx.mentions[s].kind is EntityKind.PERSON]
            for person in people[:1]:
                title_role(ctx, person, attr, sent, [], past=be.tag_ == "VBD")
            continue
        if any(c.dep_ == "advmod" and c.lower_ in FORMERLY for c in list(be.children) + list(attr.children)):
            continue  # "previously part of the Soviet Union": no longer so
        subjects = resolve_all(ctx, subjects_of(ctx, be), be)
        objects = resolve_all(ctx, prep_objects(attr, "of"), be)
        for s in subjects:
            if (
                rtype is RelationType.PART_OF
                and ctx.mentions[s].weak
                and any(ctx.mentions[o].kind is EntityKind.COUNTRY for o in objects)
            ):
                ctx.relabel(ctx.mentions[s].key, EntityKind.LOCATION)
            for o in objects:
                if ctx.mentions[o].kind is EntityKind.EVENT:
                    continue
                if rtype is RelationType.MEMBER_OF and ctx.mentions[s].kind is EntityKind.PERSON:
                    ctx.emit(s, RelationType.HOLDS_ROLE, o, sent, 0.8, role=attr.text, trigger=attr)
                else:
                    ctx.emit(
                        s,
                        rtype,
                        o,
                        sent,
                        0.8,
                        attributed=attributed,
                        negated=is_negated(ctx, be),
                        trigger=attr,
                    )


def apposition(ctx: DocContext, appos: Token, sent: Span) -> None:
    """'Armen X, secretary of Y's Security Council' -> HOLDS_ROLE(X, council, 'secretary');
    also the other way round: 'Y's opposition leader, Maria X'."""
    head = appos.head
    person = ctx.owner[head.i]
    if (person == -1 or ctx.mentions[person].kind is not EntityKind.PERSON) and ctx.owner[appos.i] >= 0:
        person = ctx.owner[appos.i]
        head, appos = appos, head
    if person == -1:
        return
    if ctx.mentions[person].kind is not EntityKind.PERSON or ctx.know.copular.get(appos.lemma_.lower()) in (
        RelationType.ALLIED_WITH,
        RelationType.SUPPORTED,
    ):
        # "Nabih X, a close ally of Hezbollah" relates a person the way it relates a state
        structural_apposition(ctx, person, appos, sent)
        return
    redirected: list[int] = []
    if (
        role_phrase(ctx, appos) is None
        and appos.dep_ == "pobj"
        and appos.head.lower_ == "of"
        and appos.head.head.pos_ == "NOUN"
        and role_phrase(ctx, appos.head.head) is not None
        and appos.i > appos.head.head.i
    ):
        # "The commander of the X Forces, Jane Doe, said": the parser hangs the name on the
        # nearest noun; it names the holder of the title before it
        body = appos
        appos = appos.head.head
        if ctx.owner[body.i] >= 0:
            redirected = [ctx.owner[body.i]]
        else:  # "the U.N. refugee agency": the organisation qualifying the noun
            redirected = [
                t
                for c in body.children
                if c.dep_ in ("poss", "compound", "amod", "nmod")
                for t in resolve(ctx, c, None)
            ]
    title_role(ctx, person, appos, sent, redirected)


def title_role(
    ctx: DocContext, person: int, appos: Token, sent: Span, redirected: list[int], *, past: bool = False
) -> None:
    """HOLDS_ROLE from a title noun said of a person (in apposition, or after "is")."""
    once = [c.lower_ for c in appos.children if c.dep_ == "amod" and c.lower_ in FORMER]
    if once and once[0] not in ONCE_HELD:
        return  # "the late king": not a role to record
    role = role_phrase(ctx, appos)
    if role is None:
        return
    if once or past:
        role = f"former {role}"
    lemma = appos.lemma_.lower()
    # "secretary of X" (a place only this way: "governor of the Kharkiv region"), then
    # "the AU's envoy" / "a Russian specialist", then "a spokesman for X".
    targets = [
        t
        for t in (redirected or resolve_all(ctx, prep_objects(appos, "of"), appos))
        if ctx.mentions[t].kind in ROLE_TARGETS
    ]
    if not targets:
        for c in appos.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.lower_ not in POSSESSIVE_PRONOUNS:
                targets += [t for t in resolve(ctx, c, None) if ctx.mentions[t].kind in HOLDERS]
            elif c.dep_ == "poss" and c.lower_ in ("its", "their") and not once and not past:
                # "Eritrea did not take part and its information minister, X, ...": the
                # sentence's own subject, never a guess further back
                root = c.sent.root
                for s in resolve_all(ctx, subjects_of(ctx, root), root):
                    if ctx.mentions[s].kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION):
                        targets.append(s)
    if not targets:
        for prep in ("for", "at", "on", "to"):
            found = resolve_all(ctx, prep_objects(appos, prep), appos)
            targets += [t for t in found if ctx.mentions[t].kind in HOLDERS]
    if not targets:
        targets = body_after_title(ctx, appos)
    if not targets:
        return
    rtype = RelationType.HOLDS_ROLE
    if lemma in ctx.know.copular and ctx.know.copular[lemma] is RelationType.PART_OF:
        return
    for t in targets[:1]:
        ctx.emit(person, rtype, t, sent, 0.85, role=role)


def body_after_title(ctx: DocContext, title: Token) -> list[int]:
    """The organisation a bare title is of: 'X, commander, U.S. Central Command' (a second
    apposition) or 'a crew chief in Abel Battery' (an organisation, never a place, after "in")."""
    # the second apposition hangs from the name or (as the parser often reads it) from the title
    after = [c for c in title.head.children if c.dep_ == "appos" and c.i > title.i]
    after += [c for c in title.children if c.dep_ in ("appos", "conj") and c.i > title.i]
    found = [
        t for c in after for t in resolve(ctx, c, None) if ctx.mentions[t].kind is EntityKind.ORGANIZATION
    ]
    found += [
        t
        for t in resolve_all(ctx, prep_objects(title, "in"), title)
        if ctx.mentions[t].kind is EntityKind.ORGANIZATION
    ]
    return found


def ally_before_name(ctx: DocContext, noun: Token, sent: Span) -> None:
    """'Chile's ally Peru', 'Qatar's main ally Oman': the name right after the noun is
    the ally of the possessor."""
    if noun.i + 1 >= len(ctx.doc) or ctx.owner[noun.i] >= 0:
        return
    named = ctx.owner[noun.i + 1]
    if named < 0 or ctx.mentions[named].kind not in ACTOR:
        return
    owners = [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in POSSESSIVE_PRONOUNS]
    if any(c.dep_ == "amod" and c.lower_ in FORMER for c in noun.children):
        return
    for o in resolve_all(ctx, owners, noun):
        if ctx.mentions[o].kind in ACTOR:
            ctx.emit(named, RelationType.ALLIED_WITH, o, sent, 0.75, trigger=noun)


def listed_members(ctx: DocContext, noun: Token, sent: Span) -> None:
    """'member states including A, B and C' / 'the bloc's members, such as A and B' / 'NATO
    countries, including A' / 'our Coalition partners, especially the Turks': MEMBER_OF the
    organisation named with the noun (for members, else the organisation last named)."""
    member = noun.lemma_.lower() == "member" or any(
        c.dep_ == "compound" and c.lower_ == "member" for c in noun.children
    )
    listed = (
        prep_objects(noun, "including")
        + [
            o
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)
            for o in c.children
            if o.dep_ == "pobj"
            for o in conjuncts(o)
        ]
        + singled_out(noun)
    )
    if not listed:
        return
    # "Hamas's partners" are its partners, not its members; "Coalition partners" are the Coalition's
    owners = ("compound",) if noun.lemma_.lower() in ctx.know.relational else ("poss", "compound")
    holders = [c for c in noun.children if c.dep_ in owners and c.lower_ != "member"]
    orgs = [
        o
        for o in resolve_all(ctx, holders + prep_objects(noun, "of"), noun)
        if ctx.mentions[o].kind is EntityKind.ORGANIZATION
    ] or (last_org(ctx, noun.i) if member else [])
    for one in resolve_all(ctx, listed, noun):
        m = ctx.mentions[one]
        if m.kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION) or (
            m.kind is EntityKind.GROUP and m.named
        ):
            for org in orgs[:1]:
                ctx.emit(one, RelationType.MEMBER_OF, org, sent, 0.7)


def singled_out(noun: Token) -> list[Token]:
    """'our partners, especially the Turks', 'member states, notably Hungary': the names in
    apposition a focusing adverb singles out of the noun's set."""
    return [
        t
        for a in noun.children
        if a.dep_ == "appos" and any(c.dep_ == "advmod" and c.lower_ in SINGLING for c in a.children)
        for t in conjuncts(a)
    ]


def structural_apposition(ctx: DocContext, subject: int, appos: Token, sent: Span) -> None:
    """'the United States, a treaty ally of the Philippines' -> ALLIED_WITH;
    'Ghana, a member of the AU' -> MEMBER_OF."""
    if appos.lemma_.lower() == "one":
        one_of(ctx, subject, appos, sent)
        return
    rtype = ctx.know.copular.get(appos.lemma_.lower())
    if rtype is None or any(c.dep_ == "amod" and c.lower_ in FORMER for c in appos.children):
        return
    # "a member of X", and for relations between actors also "X's main ally"
    others = prep_objects(appos, "of")
    if rtype in (RelationType.ALLIED_WITH, RelationType.SUPPORTED):
        others += [c for c in appos.children if c.dep_ == "poss" and c.lower_ not in POSSESSIVE_PRONOUNS]
    found = resolve_all(ctx, others, appos)
    if any(ctx.mentions[o].key == ctx.mentions[subject].key for o in found):
        # "The KLF, another member of the alliance": the alliance named before the member
        found = [o for o in found if ctx.mentions[o].key != ctx.mentions[subject].key]
        for t in others:
            if t.lemma_.lower() in ctx.know.org_anaphors:
                found += last_body_named(ctx, ctx.mentions[subject].start, t.lemma_.lower())
    for o in found:
        if ctx.mentions[o].kind in AGENTS:
            ctx.emit(subject, rtype, o, sent, 0.75, trigger=appos)


def one_of(ctx: DocContext, subject: int, one: Token, sent: Span) -> None:
    """'the MNDAA, one of three groups in the Y Alliance' / 'one of the parties of Y' ->
    MEMBER_OF(Y): one of the members a body is made of."""
    for members in prep_objects(one, "of"):
        if members.lemma_.lower() not in MEMBER_NOUNS:
            continue
        containers = [t for p in ("in", "of", "within") for t in prep_objects(members, p)]
        for o in resolve_all(ctx, containers, members):
            if o != subject and ctx.mentions[o].kind in (EntityKind.ORGANIZATION, EntityKind.GROUP):
                ctx.emit(subject, RelationType.MEMBER_OF, o, sent, 0.75)


def role_phrase(ctx: DocContext, noun: Token) -> str | None:
    words = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and ctx.owner[c.i] == -1]
    for n in range(len(words), -1, -1):
        phrase = " ".join([w.lower_ for w in words[len(words) - n :]] + [noun.lower_])
        if phrase in ctx.know.titles:
            return " ".join([w.text for w in words[len(words) - n :]] + [noun.text])
    return None


def titles(ctx: DocContext, sent: Span) -> None:
    """HOLDS_ROLE from the titled mentions of a sentence ("Foreign Minister X", "President X")."""
    for idx in ctx.in_sentence.get(sent.start, []):
        m = ctx.mentions[idx]
        if m.role is None:
            continue
        former = former_word(ctx, m)
        if former is not None:
            # "Former Ghanaian President X", "former President X of Ghana": a role once held,
            # kept as such, and only where the text names whose it was (never guessed)
            explicit = m.role_target is not None and ctx.mentions[m.role_target].kind in HOLDERS
            if explicit and m.role_target is not None and former in ONCE_HELD:
                role = f"former {m.role}"
                ctx.emit(idx, RelationType.HOLDS_ROLE, m.role_target, sent, 0.7, role=role)
            continue
        if m.role_target is not None:
            ctx.emit(idx, RelationType.HOLDS_ROLE, m.role_target, sent, 0.9, role=m.role)
            continue
        role = m.role.lower()
        if m.country is not None and m.kind is EntityKind.PERSON:
            # the dictionaries know whose government this person serves: that country, where
            # the text names it, and never a country guessed from the context
            if role.startswith("government ") or single_holder(role, ctx.know):
                country = ctx.country_mention(m.country, idx)
                if country is not None:
                    ctx.emit(idx, RelationType.HOLDS_ROLE, country, sent, 0.7, role=m.role)
            continue
        if role.startswith("government "):
            # "Government spokeswoman X": the country under discussion
            for country in salient_country(ctx, m.start):
                ctx.emit(idx, RelationType.HOLDS_ROLE, country, sent, 0.5, role=m.role)
            continue
        if not single_holder(role, ctx.know):
            continue
        # Countries whose same title the text gives to someone else.
        held = {
            country
            for (title, country), holders in ctx.title_holders.items()
            if title == role and holders - {m.key}
        }
        guess = speakers_country(ctx, m)
        if guess is not None and ctx.mentions[guess].key in held:
            guess = None
        if guess is None:
            guess = nearest_country(ctx, m.start, sent, held)
        confidence = 0.5
        if guess is None:
            # "Interior Minister X said": the country the article is about, if one dominates
            found = [c for c in salient_country(ctx, m.start, held) if not other_country_named(ctx, sent, c)]
            guess, confidence = (found[0], 0.4) if found else (None, 0.0)
        if guess is not None and not title_fits_state(ctx, role, guess):
            guess = None
        if guess is not None:
            ctx.emit(idx, RelationType.HOLDS_ROLE, guess, sent, confidence, role=m.role)


def appointments(ctx: DocContext, sent: Span) -> None:
    """'Ruto appointed X as foreign minister', 'X was sworn in as president': the appointee
    HOLDS_ROLE the title, of whoever the title or the appointer says (title_holder)."""
    for verb in sent:
        title = appointed_title(ctx, verb) if verb.pos_ == "VERB" else None
        if title is None or is_negated(ctx, verb) or is_irrealis(ctx, verb):
            continue
        if is_passive(ctx, verb):
            appointees = [t for c in verb.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
            appointers = passive_agents(verb)
        else:
            appointees = [t for c in verb.children if c.dep_ in ("dobj", "obj") for t in conjuncts(c)]
            appointers = subjects_of(ctx, verb)
        people = [p for p in resolve_all(ctx, appointees, verb) if ctx.mentions[p].kind is EntityKind.PERSON]
        holders = title_holder(ctx, title, verb, appointers)
        words = [c for c in title.lefts if c.dep_ in ("compound", "amod") and c.lower_ not in NEW_WORDS]
        role = " ".join([w.text for w in words] + [title.text])
        for person in people:
            for holder in holders:
                ctx.emit(person, RelationType.HOLDS_ROLE, holder, sent, 0.7, role=role, trigger=verb)


def title_holder(ctx: DocContext, title: Token, verb: Token, appointers: list[Token]) -> list[int]:
    """Whose post an appointment fills: the one its title names ('Kenya's', 'its' for the
    appointer, 'head of X'), else the appointer's: a country or organisation itself, a
    person's own country or organisation (their title's)."""
    for c in title.children:
        if c.dep_ == "poss" and c.lower_ not in POSSESSIVE_PRONOUNS:
            return [h for h in resolve(ctx, c, verb) if ctx.mentions[h].kind in HOLDERS]
    named = [h for h in resolve_all(ctx, prep_objects(title, "of"), verb) if ctx.mentions[h].kind in HOLDERS]
    if named:
        return named
    for a in resolve_all(ctx, appointers, verb):
        m = ctx.mentions[a]
        if m.kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION):
            return [a]
        post = m.role_target if m.kind is EntityKind.PERSON else None
        if post is not None and ctx.mentions[post].kind in HOLDERS:
            return [post]
    return []


def former_word(ctx: DocContext, m: Mention) -> str | None:
    """'former', 'ousted', ... written just before a title: the role is no longer held."""
    if m.role_start is None:
        return None
    sent_start = ctx.doc[m.role_start].sent.start
    for t in ctx.doc[max(sent_start, m.role_start - 3) : m.role_start]:
        if t.lower_ in FORMER:
            return t.lower_
    return None


def speakers_country(ctx: DocContext, m: Mention) -> int | None:
    """'The Philippines did not rule out ..., Justice Secretary X said': an official speaks
    for the country that is the subject of what they report."""
    head = ctx.doc[m.end - 1]
    if head.dep_ != "nsubj" or head.head.lemma_.lower() not in ctx.know.reporting:
        return None
    verb = head.head
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if verb.dep_ in ("parataxis", "ccomp") and verb.head is not verb:
        clauses.append(verb.head)
    for clause in clauses:
        for s in subjects_of(ctx, clause):
            owner = ctx.owner[s.i]
            if owner >= 0 and ctx.mentions[owner].kind is EntityKind.COUNTRY:
                return owner
    return None


def nearest_country(
    ctx: DocContext, token_i: int, sent: Span, held: frozenset[str] | set[str] = NO_KEYS
) -> int | None:
    """The country a bare title ("President X") belongs to: the one country named in this
    sentence before the title and the previous sentence; nothing when several are (a wrong
    country is worse than none)."""
    limit = sent.start
    if sent.start > 0:
        limit = ctx.doc[sent.start - 1].sent.start
    pos = bisect.bisect_left(ctx.starts, token_i) - 1
    found: dict[str, int] = {}
    # A country that already qualifies someone else's title ("Former Nigerian President X")
    # says nothing about this one.
    taken = ctx.taken_countries
    here: dict[str, int] = {}
    while pos >= 0 and ctx.mentions[pos].start >= limit:
        m = ctx.mentions[pos]
        if m.kind is EntityKind.COUNTRY and pos not in taken and m.key not in held:
            (here if m.start >= sent.start else found).setdefault(m.key, pos)
        pos -= 1
    if here:
        # the nearest country named earlier in the title's own sentence
        return max(here.values())
    return next(iter(found.values())) if len(found) == 1 else None


def other_country_named(ctx: DocContext, sent: Span, country: int) -> bool:
    """Whether the sentence names another country but not ``country`` ('As I told Foreign
    Minister X, we value Saudi Arabia's role'): the article's main country is no safe guess."""
    keys = {
        ctx.mentions[i].key
        for i in ctx.in_sentence.get(sent.start, [])
        if ctx.mentions[i].kind is EntityKind.COUNTRY
    }
    return bool(keys) and ctx.mentions[country].key not in keys


def title_fits_state(ctx: DocContext, role: str, country: int) -> bool:
    """A monarch's title ('King X', 'Emir X') belongs only to a monarchy (actors.toml)."""
    if not any(role == t or role.endswith(f" {t}") for t in ctx.know.monarch_titles):
        return True
    return (ctx.mentions[country].country or "") in ctx.know.monarchies


def single_holder(role: str, know: Knowledge) -> bool:
    """A title one person holds at a time in a country: a head of state or government, a
    minister or secretary of a portfolio (not a secretary general)."""
    portfolio = role.endswith((" minister", " secretary")) and "general" not in role
    return role in know.state_titles or portfolio


def members_included(ctx: DocContext, verb: Token, sent: Span) -> None:
    """'Coalition nations include A, B and C', 'the SDF, which includes X': each MEMBER_OF the body."""
    bodies: list[int] = []
    for subject in subjects_of(ctx, verb):
        if subject.lemma_.lower() in BODY_MEMBERS:  # "Coalition nations", "the alliance's members"
            holders = [c for c in subject.children if c.dep_ in ("compound", "poss", "nmod")]
            found = resolve_all(ctx, holders + prep_objects(subject, "of"), verb)
        else:
            found = resolve(ctx, subject, verb)
        bodies += [b for b in found if ctx.mentions[b].kind in (EntityKind.ORGANIZATION, EntityKind.GROUP)]
    if not bodies:
        return
    listed = [t for c in verb.children if c.dep_ == "dobj" for t in conjuncts(c)]
    for member in resolve_all(ctx, listed, verb):
        kind = ctx.mentions[member].kind
        if kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.GROUP) and member != bodies[0]:
            ctx.emit(member, RelationType.MEMBER_OF, bodies[0], sent, 0.75, trigger=verb)


def unit_of_unit(ctx: DocContext, appos: Token, sent: Span) -> None:
    """'3rd Battalion, 321st Field Artillery Regiment': a unit named before the one it is PART_OF."""
    inner, outer = ctx.owner[appos.head.i], ctx.owner[appos.i]
    if inner < 0 or outer < 0 or inner == outer:
        return
    first, second = ctx.mentions[inner], ctx.mentions[outer]
    if first.kind is not EntityKind.ORGANIZATION or second.kind is not EntityKind.ORGANIZATION:
        return
    if ctx.doc[first.end - 1].lower_ not in ctx.know.units or first.start > second.start:
        return
    ctx.emit(inner, RelationType.PART_OF, outer, sent, 0.8, trigger=appos)


def part_of_phrase(ctx: DocContext, part: Token, sent: Span) -> None:
    """'X will fly missions as part of Y' / 'X, part of Y': X is PART_OF Y."""
    wholes = resolve_all(ctx, prep_objects(part, "of"), part)
    wholes = [w for w in wholes if ctx.mentions[w].kind in (EntityKind.ORGANIZATION, EntityKind.GROUP)]
    if not wholes:
        return
    if any(c.lower_ in FORMERLY for c in part.children):
        return  # "formerly part of": no longer so
    if part.dep_ == "appos":
        parts = resolve(ctx, part.head, None)
    elif part.dep_ == "pobj" and part.head.lower_ == "as" and part.head.head.pos_ in ("VERB", "AUX"):
        verb = part.head.head
        parts = resolve_all(ctx, subjects_of(ctx, verb), verb)
    else:
        return  # "X is part of Y" is the copular rule's
    for p in parts:
        if (
            ctx.mentions[p].kind in (EntityKind.ORGANIZATION, EntityKind.GROUP, EntityKind.COUNTRY)
            and p != wholes[0]
        ):
            ctx.emit(p, RelationType.PART_OF, wholes[0], sent, 0.75, trigger=part)


def assigned_to(ctx: DocContext, verb: Token, sent: Span) -> None:
    """'Sgt. X was assigned to 2nd Battalion': the person is a MEMBER_OF the unit."""
    units = [
        u
        for u in resolve_all(ctx, prep_objects(verb, "to"), verb)
        if ctx.mentions[u].kind is EntityKind.ORGANIZATION
    ]
    if not units:
        return
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"] or (
        [verb.head] if verb.dep_ == "acl" else []
    )
    for person in resolve_all(ctx, subjects, verb):
        if ctx.mentions[person].kind in (EntityKind.PERSON, EntityKind.GROUP, EntityKind.ORGANIZATION):
            ctx.emit(person, RelationType.MEMBER_OF, units[0], sent, 0.75, trigger=verb)


def unit_members(ctx: DocContext, sent: Span) -> None:
    """'Airmen from the 158th Fighter Wing', 'militants from ISIL', 'journalists of Reuters': a group
    of personnel, or people named by a common noun, is MEMBER_OF the organisation they come from."""
    pos = bisect.bisect_left(ctx.starts, sent.start)
    while pos < len(ctx.mentions) and ctx.mentions[pos].start < sent.end:
        m = ctx.mentions[pos]
        if m.kind is EntityKind.GROUP and (m.sector == "MIL" or ctx.generic_group(pos)) and not m.country:
            head = ctx.doc[m.end - 1]
            units = [
                u
                for u in resolve_all(ctx, personnel_sources(head), head)
                if ctx.mentions[u].kind is EntityKind.ORGANIZATION
            ]
            if units:
                ctx.emit(pos, RelationType.MEMBER_OF, units[0], sent, 0.75, trigger=head)
        pos += 1


def member_within(ctx: DocContext, within: Token, sent: Span) -> None:
    """'Turkey within NATO', 'working with Turkey within NATO': the actor is a MEMBER_OF the body."""
    bodies = [
        b
        for b in resolve_all(ctx, [c for c in within.children if c.dep_ == "pobj"], within)
        if ctx.mentions[b].kind is EntityKind.ORGANIZATION
    ]
    if not bodies:
        return
    head = within.head
    members = (
        resolve(ctx, head, None)
        if head.pos_ in ("NOUN", "PROPN")
        else [
            m
            for t in (*prep_objects(head, "with"), *(c for c in head.children if c.dep_ == "dobj"))
            for m in resolve(ctx, t, head)
        ]
    )
    for member in members:
        if ctx.mentions[member].kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION) and member != bodies[0]:
            ctx.emit(member, RelationType.MEMBER_OF, bodies[0], sent, 0.7, trigger=within)


def made_up_of(ctx: DocContext, verb: Token, sent: Span) -> None:
    """'the SDF, made up of local Arabs and X', 'the alliance consists of A and B': each MEMBER_OF it."""
    particle = COMPOSED[verb.lemma_.lower()]
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children):
        return  # "made a deal": no whole and parts
    whole = [verb.head] if verb.dep_ == "acl" else subjects_of(ctx, verb)
    bodies = [
        b
        for b in resolve_all(ctx, whole, verb)
        if ctx.mentions[b].kind in (EntityKind.ORGANIZATION, EntityKind.GROUP)
    ]
    if not bodies:
        return
    parts = [
        t
        for c in verb.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by")
        for o in c.children
        if o.dep_ == "pobj"
        for t in conjuncts(o)
    ]
    parts += [a for t in parts for a in t.children if a.dep_ == "appos"]  # "its Arab component, the X"
    for member in resolve_all(ctx, parts, verb):
        if (
            ctx.mentions[member].kind in (EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.GROUP)
            and member != bodies[0]
        ):
            ctx.emit(member, RelationType.MEMBER_OF, bodies[0], sent, 0.75, trigger=verb)


def acting_with(ctx: DocContext, prep: Token, sent: Span) -> None:
    """'Iraqi forces, along with the Peshmerga, attacked': the two act as one side (ALLIED_WITH)."""
    head = prep.head
    if not (any(c.lower_ in JOINTLY for c in prep.children) or head.lower_ in JOINTLY):
        return
    if head.lower_ in JOINTLY and head.dep_ == "prep":
        head = head.head
    if head.pos_ in ("VERB", "AUX"):
        if is_negated(ctx, head) or head.lemma_.lower() in ctx.know.reporting:
            return  # "which it said was responsible, along with the TTP, ...": the speaker acts alone
        sides = subjects_of(ctx, head)
    elif head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass"):
        sides = conjuncts(head)
    else:
        return  # "responsible, along with the TTP, for the attack": no side acting
    partners = [o for c in prep.children if c.dep_ == "pobj" for o in conjuncts(c)]
    found_sides = [s for s in resolve_all(ctx, sides, None) if ctx.mentions[s].kind in ACTOR]
    for p in resolve_all(ctx, partners, None):
        if ctx.mentions[p].kind not in ACTOR:
            continue
        for side in found_sides:
            ctx.emit(p, RelationType.ALLIED_WITH, side, sent, 0.7, trigger=prep)


def helped_by(ctx: DocContext, prep: Token, sent: Span) -> None:
    """'seized the town with help from Rwanda', 'with Iran's backing': the helper SUPPORTED whoever acted."""
    verb = prep.head
    helps = [o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in HELP_NOUNS]
    if not helps or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in ctx.know.reporting:
        return
    if is_negated(ctx, verb) or is_irrealis(ctx, verb):
        return
    givers = [
        t
        for h in helps
        for t in prep_objects(h, "of")
        + prep_objects(h, "from")
        + [c for c in h.children if c.dep_ in ("poss", "amod", "compound") and ctx.owner[c.i] >= 0]
    ]
    helpers = [h for h in resolve_all(ctx, givers, verb) if ctx.mentions[h].kind in ACTOR]
    sides = [s for s in resolve_all(ctx, subjects_of(ctx, verb), verb) if ctx.mentions[s].kind in ACTOR]
    for helper in helpers:
        for side in sides:
            ctx.emit(helper, RelationType.SUPPORTED, side, sent, 0.6, trigger=helps[0])
