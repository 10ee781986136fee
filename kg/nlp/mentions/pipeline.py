"""The mention rules in the order they run: the algorithm is this table.

Each rule reads the Doc and what the rules before it found, and adds or corrects mentions.
Order matters where rules compete for tokens: titles are reserved first, gazetteer names
come before the model's entities, named things before the common nouns that might cover them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.nlp.mentions import (
    acronyms,
    agents,
    bodies,
    entities,
    events,
    gazetteer,
    groups,
    known,
    names,
    places,
    titles,
)
from kg.nlp.mentions.core import Found, Mention, Rule
from kg.nlp.mentions.lexicon import Lexicon

RULES: tuple[Rule, ...] = (
    titles.reserve_titles,
    gazetteer.gazetteer_names,
    gazetteer.dateline_places,
    gazetteer.misspelled_countries,
    bodies.military_units,
    bodies.naval_vessels,
    entities.model_entities,
    places.unlabelled_places,
    titles.monarchs,
    known.known_people,
    known.known_surnames,
    known.untagged_surnames,
    names.named_in_apposition,
    places.people_taken_for_places,
    places.cities_taken_for_people,
    places.known_places,
    names.known_names,
    names.coordinated_names,
    groups.group_adjectives,
    bodies.country_organs,
    bodies.organs_of_named_country,
    known.known_organisations,
    bodies.factions,
    acronyms.spelled_out,
    acronyms.acronyms,
    acronyms.unknown_acronyms,
    bodies.unrecognised_bodies,
    bodies.collective_bodies,
    bodies.collective_modifiers,
    bodies.administrations,
    titles.company_qualifiers,
    groups.communities,
    groups.us_states_before_party_members,
    groups.common_groups,
    agents.country_agents,
    agents.unit_personnel,
    agents.people_agents,
    agents.peoples,
    agents.agents_named_in_full,
    agents.bare_agents,
    bodies.demonym_of_named_body,
    events.events,
    titles.title_roles,
    titles.described_by_title,
    known.government_members,
    places.loose_country_names,
    places.places_named_as_orgs,
    places.places_after_place_nouns,
    names.known_as,
    acronyms.acronym_in_apposition,
)


def find_mentions(doc: Doc, lex: Lexicon, rules: tuple[Rule, ...] = RULES) -> list[Mention]:
    """The actor and event mentions of one parsed Doc, in text order."""
    found = Found(doc)
    for rule in rules:
        rule(found, lex)
    return found.result()
