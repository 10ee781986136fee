"""Agents as actors: the people and bodies a text names by what they are ("Serb forces",
"Burundi's government", "mourners"), and peoples ("ethnic Albanians")."""

from __future__ import annotations

from kg.model import EntityKind
from kg.nlp.mentions import agents
from tests.unit.mention_support import by_text, lexicon, mentions, read
from tests.unit.test_nlp_support import extract, triples


def test_an_agent_qualified_by_a_country_is_that_countrys_agent() -> None:
    text = "Serb forces killed three ethnic Albanians in a gunbattle on Friday."
    forces = by_text(mentions(text), "Serb forces")
    assert (forces.name, forces.kind, forces.country, forces.sector) == (
        "Serbian military",
        EntityKind.ORGANIZATION,
        "RS",
        "MIL",
    )
    assert forces.entity_id == "serbia-military"
    assert "Serb forces" not in read(mentions(text, without=[agents.country_agents]))


def test_a_countrys_agent_is_one_actor_in_every_document_however_it_is_written() -> None:
    ids = set()
    for text in (
        "Serb forces shelled the town.",
        "Serbian troops shelled the town.",
        "Troops of Serbia left.",
    ):
        ids |= {e.id for e in extract(text).entities if e.sector == "MIL"}
    assert ids == {"serbia-military"}
    police = next(e for e in extract("Israeli police arrested the men.").entities if e.sector)
    assert (police.id, police.country, police.sector) == ("israel-police", "IL", "COP")


def test_a_possessive_or_of_phrase_names_the_agents_country() -> None:
    found = read(mentions("Burundi's government rejected the report, and officials of Sudan agreed."))
    assert found["Burundi's government"] == ("ORGANIZATION", "Burundian government")
    assert found["officials of Sudan"] == ("ORGANIZATION", "Sudanese government")


def test_the_agents_surface_keeps_its_modifiers_as_an_alias() -> None:
    found = mentions("Pakistan urged the interim Afghan government to act.")
    assert by_text(found, "interim Afghan government").name == "Afghan government"


def test_an_agent_of_several_countries_is_left_to_each_country() -> None:
    found = read(mentions("The Red Cross said US and British forces must ensure security."))
    assert not any(kind == "ORGANIZATION" and "military" in name for kind, name in found.values())


def test_a_singular_title_is_a_person_not_an_agent_and_an_organisations_fighters_are_its_own() -> None:
    assert all(m.sector is None for m in mentions("The Serbian president said the talks failed."))
    assert all(m.sector is None for m in mentions("Hamas fighters attacked the post."))


def test_an_agent_of_an_ethnic_group_is_not_the_states() -> None:
    m = by_text(
        mentions("One third of ethnic Albanian guerrillas have been demobilized."),
        "ethnic Albanian guerrillas",
    )
    assert (m.name, m.country, m.kind) == ("ethnic Albanian guerrillas", None, EntityKind.GROUP)


def test_people_named_by_what_they_are_are_a_group_of_the_document() -> None:
    text = "Thousands of mourners attended the funeral."
    mourners = by_text(mentions(text), "mourners")
    assert (mourners.name, mourners.named, mourners.sector) == ("civilians", False, "CVL")
    assert "mourners" not in read(mentions(text, without=[agents.people_agents]))


def test_a_counted_or_ethnic_nationality_is_people_not_the_state() -> None:
    found = read(mentions("Serb forces killed three ethnic Albanians. British aircraft killed 4 Iraqis."))
    assert found["ethnic Albanians"] == ("GROUP", "ethnic Albanians")
    assert found["Iraqis"] == ("GROUP", "Iraqis")
    assert read(mentions("Albanians rejected the plan."))["Albanians"][0] == "COUNTRY"
    unread = read(mentions("Serb forces killed three ethnic Albanians.", without=[agents.peoples]))
    assert unread["Albanians"] == ("COUNTRY", "Albania")


def test_agents_are_the_subjects_and_objects_of_what_they_do() -> None:
    found = triples(extract("Serb forces killed three ethnic Albanians in a gunbattle on Friday."))
    assert ("Serbian military", "KILLED", "ethnic Albanians") in found
    kidnapped = triples(extract("Afghan rebels have kidnapped 16 Russian civilians from a bazaar."))
    assert kidnapped == {("Afghan rebels", "CAPTURED", "Russian civilians")}
    accused = triples(extract("The Sudanese government accused the rebels in Darfur of attacking civilians."))
    assert ("Sudanese government", "ACCUSED", "rebels") in accused


def test_the_country_itself_stays_where_the_sentence_is_about_the_country() -> None:
    found = triples(extract("Serbia accused Croatia of violating the ceasefire."))
    assert ("Serbia", "ACCUSED", "Croatia") in found


def test_agent_sectors_name_the_first_sector_kg_knows() -> None:
    sector = lexicon().agents.sector_of("police officers")
    assert sector is not None and sector.code == "COP"
    assert lexicon().agents.sector_of("people") is None  # a word for anybody


def test_the_agents_file_overrides_a_dictionary_sector() -> None:
    """Phoenix lists "security forces" as police first; agents.toml reads them as armed forces."""
    sector = lexicon().agents.sector_of("security forces")
    assert sector is not None and sector.code == "MIL"
    forces = next(e for e in extract("Iraqi security forces retook the town.").entities if e.sector)
    assert (forces.id, forces.sector) == ("iraq-military", "MIL")


def test_an_agent_is_the_one_force_the_text_names_after_its_country() -> None:
    text = "Iraqi Security Forces tried to seize the hospital. ISIL fighters fired on Iraqi forces."
    forces = by_text(mentions(text), "Iraqi forces")
    assert (forces.name, forces.entity_id) == ("Iraqi Security Forces", None)
    unread = by_text(mentions(text, without=[agents.agents_named_in_full]), "Iraqi forces")
    assert unread.name == "Iraqi military"


def test_personnel_from_a_military_unit_are_a_group_of_its_members() -> None:
    text = "Ninety-Four Citizen Airmen from the 507th Air Refueling Wing departed for Turkey."
    airmen = by_text(mentions(text), "Ninety-Four Citizen Airmen")
    assert (airmen.kind, airmen.name, airmen.named) == (EntityKind.GROUP, "airmen", False)
    assert ("airmen", "MEMBER_OF", "507th Air Refueling Wing") in triples(extract(text))
    assert "Ninety-Four Citizen Airmen" not in read(mentions(text, without=[agents.unit_personnel]))
    assert all(m.sector is None for m in mentions("Soldiers from the village fled."))


def test_a_force_named_after_its_country_is_that_countrys_agent() -> None:
    text = "The Sudanese Armed Forces (SAF) accused the RSF of looting."
    saf = by_text(mentions(text), "Sudanese Armed Forces")
    assert (saf.country, saf.sector) == ("SD", "MIL")
    text = "Turkish-backed fighters attacked the Syrian Democratic Forces (SDF) near Manbij."
    sdf = by_text(mentions(text), "Syrian Democratic Forces")
    assert (sdf.country, sdf.sector) == (None, None)  # a militia, not Syria's army


def test_an_organisation_named_only_by_what_it_is_is_the_texts_one_agent_of_that_kind() -> None:
    text = ("Sudan's army withdrew its troops overnight. "
            "Army chief General Abdel Fattah al-Burhan vowed to fight.")
    army = by_text(mentions(text), "Army")
    assert (army.name, army.entity_id) == ("Sudanese military", "sudan-military")
    assert by_text(mentions(text, without=[agents.bare_agents]), "Army").name == "Army"


def test_a_bare_agent_stays_itself_where_the_text_names_two_such_agents() -> None:
    text = ("Sudan's army and Chad's army met on Monday. "
            "Army chief General Abdel Fattah al-Burhan vowed to fight.")
    assert by_text(mentions(text), "Army").name == "Army"


def test_a_groups_surface_keeps_its_modifiers_as_an_alias() -> None:
    found = extract("Police dispersed Moslem fundamentalist demonstrators on Monday.")
    group = next(e for e in found.entities if e.name == "protesters")
    assert "Moslem fundamentalist demonstrators" in group.aliases, group
    # modifiers that name no one are left out ("enemy fighters" stays "fighters")
    mourners = by_text(mentions("Grieving mourners attended the funeral."), "mourners")
    assert mourners.name == "civilians"


def test_an_agent_based_in_a_country_is_that_countrys_agent() -> None:
    text = "A newspaper based in Beirut has violated the ban."
    paper = by_text(mentions(text), "newspaper based in Beirut")
    assert (paper.name, paper.country) == ("Lebanese media", "LB")
    assert "newspaper based in Beirut" not in read(mentions(text, without=[agents.country_agents]))
