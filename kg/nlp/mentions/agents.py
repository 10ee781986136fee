"""Agents: the people and bodies a text names by what they are, not by a name ("Serb forces",
"Israeli police", "Burundi's government", "officials of Sudan", "mourners").

A country's agent is an actor of its own, keyed by country and sector, so "Serb forces" and
"Serbian troops" are one actor, ``serbia-military``, in every document; the structure rules
link it PART_OF its country. An agent with no country is a group of this document's.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token
from spacy.util import filter_spans

from kg.model import EntityKind, slugify
from kg.nlp.mentions.core import Found, Mention
from kg.nlp.mentions.lexicon import Lexicon, Sector

_QUALIFYING = ("amod", "compound", "poss", "nmod")
_OF_COUNTRY = ("of", "from", "in")
_PLURAL = ("NNS", "NNPS")


def country_agent(
    found: Found, first: int, start: int, end: int, code: str, what: str, lex: Lexicon
) -> Mention:
    """The mention of country ``code``'s agent ``what`` ("military", "lawmakers") at tokens
    start..end, written from ``first`` ("Serb forces") or up to ``first`` ("officials of Serbia")."""
    country = lex.know.countries[code]
    name = f"{country.demonym or country.name} {what}"
    doc = found.doc
    text = doc[min(first, start) : max(first, end)].text
    return Mention(
        start,
        end,
        EntityKind.GROUP,
        f"agent:{code}:{what}",
        name,
        text,
        country=code,
        entity_id=f"{slugify(country.name)}-{slugify(what)}",
    )


def _qualifying_country(found: Found, tok: Token) -> Mention | None:
    """A country mention qualifying the noun ("Serb", "Burundi's", "Syrian regime forces")."""
    for c in tok.children:
        if c.dep_ not in _QUALIFYING:
            continue
        m = found.at(c.i)
        if m is not None and m.kind is EntityKind.COUNTRY:
            return m
        if m is None and c.dep_ == "compound":  # "Syrian regime forces": it qualifies the compound
            inner = _qualifying_country(found, c)
            if inner is not None:
                return inner
    return None


def owned_by_other_actor(found: Found, tok: Token) -> bool:
    """'Hamas fighters', 'the Taliban administration', 'the group's militants': that actor's own."""
    return any(
        c.dep_ in ("compound", "poss", "nmod")
        and (m := found.at(c.i)) is not None
        and m.kind in (EntityKind.ORGANIZATION, EntityKind.PERSON, EntityKind.GROUP)
        for c in tok.children
    )


def phrase_start(found: Found, head: Token, start: int) -> int:
    """Where the agent's noun phrase starts, without its determiner: "interim Afghan government"."""
    first = start
    for c in head.lefts:
        if c.dep_ in ("det", "predet", "poss") or c.i >= first:
            continue
        if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and all(
            found.owner[t.i] >= -1 for t in c.subtree
        ):
            first = min(first, c.left_edge.i)
    while first < start and found.doc[first].dep_ in ("det", "punct"):
        first += 1
    return first


def modified_text(found: Found, head: Token, start: int) -> str:
    """The surface of a group's noun with its modifiers where they name whom it is made of
    ("Moslem fundamentalist demonstrators": a mention among them), else from ``start``."""
    first = phrase_start(found, head, start)
    named = any(found.owner[i] >= 0 for i in range(first, start))
    return found.doc[first if named else start : head.i + 1].text


def countries_of_agent(found: Found, tok: Token) -> list[tuple[Mention, int]]:
    """The countries an agent noun belongs to, each with where the agent's phrase starts (a
    qualifier before it: "Serb forces") or ends ("officials of Serbia"); several where they are
    coordinated ("US and British forces")."""
    m = _qualifying_country(found, tok)
    if m is not None:
        return [(c, c.start) for c in _with_conjuncts(found, m)]
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in _OF_COUNTRY:
            continue
        for obj in prep.children:
            m = found.at(obj.i) if obj.dep_ == "pobj" else None
            if m is not None and m.kind is EntityKind.COUNTRY:
                return [(c, c.end) for c in _with_conjuncts(found, m)]
    return []


def seat_of_agent(found: Found, head: Token, lex: Lexicon) -> list[tuple[Mention, int]]:
    """The country an agent is based in ("a newspaper based in Beirut", "a group headquartered
    in Pakistan"; mentions.toml places.seated), with where its phrase ends."""
    for clause in head.children:
        if clause.dep_ != "acl" or clause.lemma_.lower() not in lex.words.seated:
            continue
        for prep in clause.children:
            for obj in prep.children if prep.dep_ == "prep" and prep.lower_ == "in" else ():
                m = found.at(obj.i) if obj.dep_ == "pobj" else None
                if m is not None and m.kind is EntityKind.COUNTRY:
                    return [(m, m.end)]
    return []


def _with_conjuncts(found: Found, m: Mention) -> list[Mention]:
    """The country and the countries coordinated with it ("US and British")."""
    doc = found.doc
    root = doc[m.end - 1]
    tokens = [root, *(c for c in root.children if c.dep_ == "conj")]
    if root.dep_ == "conj":
        tokens.append(root.head)
    out: list[Mention] = []
    for t in tokens:
        other = found.at(t.i)
        if other is not None and other.kind is EntityKind.COUNTRY and other not in out:
            out.append(other)
    return out


def _agent_sector(span: Span, lex: Lexicon) -> Sector | None:
    return lex.agents.sector_of(span.text.lower())


def free_agents(found: Found, lex: Lexicon) -> Iterator[tuple[Span, Token, Sector]]:
    """The agent phrases on free tokens, longest first, with their head noun and sector, where
    the head is not a modifier of another noun ("police station")."""
    doc = found.doc
    for span in filter_spans([doc[s:e] for _, s, e in lex.agent_phrases(doc)]):
        head = span[-1]
        if head.dep_ == "compound" or not all(found.free(i) for i in range(span.start, span.end)):
            continue
        sector = _agent_sector(span, lex)
        if sector is not None:
            yield span, head, sector


def _plural(head: Token) -> bool:
    return head.tag_ in _PLURAL or head.lower_.endswith(("s", "men"))


def _group_of_document(span: Span, name: str, text: str, sector: Sector) -> Mention:
    """A group of this document's, named by what its members are ("civilians", "airmen")."""
    return Mention(
        span.start, span.end, EntityKind.GROUP, f"group:{name}", name, text, named=False, sector=sector.code
    )


def _a_person(head: Token, lex: Lexicon) -> bool:
    """A singular title ("the Serbian president", "an official") names one person, not an agent."""
    return head.tag_ not in _PLURAL and head.lower_ in lex.know.titles


def country_agents(found: Found, lex: Lexicon) -> None:
    """A generic agent qualified by one country is that country's agent: 'Serb forces'."""
    for span, head, sector in free_agents(found, lex):
        if head.pos_ not in ("NOUN", "PROPN") or _a_person(head, lex):
            continue
        countries = [] if owned_by_other_actor(found, head) else (
            countries_of_agent(found, head) or seat_of_agent(found, head, lex)
        )
        if len(countries) == 1:  # several countries: each stands for its agent there
            found.add(_agent_of(found, span, sector, *countries[0], lex))


def _agent_of(found: Found, span: Span, sector: Sector, country: Mention, edge: int, lex: Lexicon) -> Mention:
    """The agent mention of ``span`` for the country mention written before or after it."""
    code = country.country or ""
    if ethnic(found, country):
        # "ethnic Albanian guerrillas": a people's agent, not the state's
        name = f"ethnic {lex.know.countries[code].demonym or country.text} {span[-1].lower_}"
        text = found.doc[min(edge, span.start) - 1 : span.end].text
        return Mention(span.start, span.end, sector.kind, f"group:{name}", name, text, sector=sector.code)
    first = phrase_start(found, span[-1], min(edge, span.start)) if edge <= span.start else edge
    m = country_agent(found, first, span.start, span.end, code, sector.name, lex)
    m.kind, m.sector = sector.kind, sector.code
    return m


def people_agents(found: Found, lex: Lexicon) -> None:
    """People named by what they are, with no country, are a group of the document: 'mourners'."""
    for span, head, sector in free_agents(found, lex):
        if head.pos_ != "NOUN" or head.tag_ not in _PLURAL or sector.code not in lex.agents.people:
            continue
        if not owned_by_other_actor(found, head):
            found.add(_group_of_document(span, sector.name, modified_text(found, head, span.start), sector))


def ethnic(found: Found, m: Mention) -> bool:
    """'ethnic Albanian(s)': the nationality names an ethnic group, not its state."""
    doc = found.doc
    return any(c.lower_ == "ethnic" for c in doc[m.end - 1].children) or (
        m.start > 0 and doc[m.start - 1].lower_ == "ethnic"
    )


def _counted(tok: Token, lex: Lexicon) -> bool:
    """'three Iraqis', 'thousands of Palestinians': a number of people, not a state."""
    if any(c.dep_ == "nummod" for c in tok.children):
        return True
    return (
        tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lex.know.quantities
    )


def peoples(found: Found, lex: Lexicon) -> None:
    """A plural nationality that is counted or called ethnic is people, not the state: 'ethnic Albanians'."""
    doc, know = found.doc, lex.know
    for m in found.mentions:
        if m.kind is not EntityKind.COUNTRY or m.dropped or m.end - m.start != 1:
            continue
        tok = doc[m.start]
        if tok.tag_ not in _PLURAL or know.country_forms.get(tok.text, ("", ""))[1] != "demonym":
            continue
        if ethnic(found, m):
            m.name = f"ethnic {tok.text}"
            m.kind, m.key, m.country, m.named = EntityKind.GROUP, f"group:{m.name}", None, True
            m.text = doc[m.start - 1 : m.end].text if doc[m.start - 1].lower_ == "ethnic" else m.text
        elif _counted(tok, lex):
            m.kind, m.key, m.name, m.named = EntityKind.GROUP, f"group:{tok.text}", tok.text, False


def _named_force(m: Mention, lex: Lexicon) -> tuple[str, str] | None:
    """(country code, sector code) of a named organisation called after its country and what it
    is ("Iraqi Security Forces", "Sudanese Armed Forces", "Haitian National Police")."""
    words = m.name.split()
    if m.kind is not EntityKind.ORGANIZATION or m.sector or len(words) < 2:
        return None
    form = lex.know.country_forms.get(words[0])
    sector = lex.agents.sector_of(words[-1].lower())
    if form is None or sector is None:
        return None
    return form[0], sector.code


def _names_whole_force(name: str, lex: Lexicon) -> bool:
    """Whether a force's name is of a country's whole force ("Sudanese Armed Forces"), not of a
    branch or a militia ("Syrian Democratic Forces", "PLA Navy"; words: mentions.toml)."""
    lowered = name.lower()
    return any(lowered == end or lowered.endswith(f" {end}") for end in lex.words.whole_forces)


def agents_named_in_full(found: Found, lex: Lexicon) -> None:
    """A country's agent is the one force the text names after it: 'Iraqi Security Forces'."""
    named: dict[tuple[str, str], list[Mention]] = {}
    for m in found.mentions:
        key = _named_force(m, lex) if not m.dropped else None
        if key is not None and _names_whole_force(m.name, lex):
            m.country, m.sector = key  # its country's whole force, in other documents too
        if key is not None and all(other.key != m.key for other in named.get(key, [])):
            named.setdefault(key, []).append(m)
    if not named:
        return
    for m in found.mentions:
        if m.dropped or not m.sector or not m.country or not m.entity_id:
            continue
        full = named.get((m.country, m.sector), [])
        if len(full) == 1:
            m.key, m.name, m.entity_id, m.kind = full[0].key, full[0].name, None, full[0].kind


def bare_agents(found: Found, lex: Lexicon) -> None:
    """'Army' alone is the one whole force of a country the text names: 'Sudan's army'."""
    # ('Army chief ...', 'the Military said'; not where two countries' forces are named)
    bare = [m for m in found.mentions if not m.dropped and m.kind is EntityKind.ORGANIZATION
            and not m.entity_id and not m.country and m.name.lower() in lex.words.whole_forces]
    for m in bare:
        sector = lex.agents.sector_of(m.name.lower())
        if sector is None:
            continue
        agents = {other.key: other for other in found.mentions
                  if not other.dropped and other is not m and other.sector == sector.code and other.country
                  and (other.entity_id or _names_whole_force(other.name, lex))}
        if len(agents) == 1:
            (agent,) = agents.values()
            m.key, m.name, m.entity_id, m.kind = agent.key, agent.name, agent.entity_id, agent.kind
            m.country, m.sector = agent.country, agent.sector


def personnel_sources(head: Token) -> list[Token]:
    """Where people come from, by the parse: "Soldiers visiting from 3rd Battalion", "Airmen,
    deployed from the 158th Fighter Wing", "officers of the 2nd Brigade" (the objects)."""
    heads: list[tuple[Token, tuple[str, ...]]] = [(head, ("from", "of", "in"))]
    heads += [(c, ("from",)) for c in head.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if head.dep_ == "nsubj" and head.head.pos_ == "VERB":
        heads.append((head.head, ("from",)))
    return [
        obj
        for h, preps in heads
        for prep in h.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def unit_of_personnel(found: Found, head: Token, lex: Lexicon) -> Mention | None:
    """The military unit people come from, if the text names one."""
    for obj in personnel_sources(head):
        m = found.at(obj.i)
        if (
            m is not None
            and m.kind is EntityKind.ORGANIZATION
            and found.doc[m.end - 1].lower_ in lex.know.units
        ):
            return m
    return None


def unit_personnel(found: Found, lex: Lexicon) -> None:
    """Soldiers or airmen from a military unit are a group of its members: 'Airmen from the 158th Wing'."""
    for span, head, sector in free_agents(found, lex):
        if not _plural(head) or sector.code != "MIL" or unit_of_personnel(found, head, lex) is None:
            continue
        text = found.doc[phrase_start(found, head, span.start) : span.end].text
        found.add(_group_of_document(span, head.lower_, text, sector))
