"""Countries and well-known institutions found by the gazetteers' phrase matchers."""

from __future__ import annotations

from kg.nlp.mentions import gazetteer
from tests.unit.mention_support import mentions, read
from tests.unit.test_nlp_support import extract, triples


def test_gazetteer_names_recognise_organisations_the_model_splits() -> None:
    text = "Fighters loyal to Islamic State attacked Palma, and IGAD urged Sudan to talk."
    found = read(mentions(text))
    assert found["Islamic State"] == ("ORGANIZATION", "Islamic State")
    assert found["IGAD"] == ("ORGANIZATION", "Intergovernmental Authority on Development")
    without = read(mentions(text, without=[gazetteer.gazetteer_names]))
    assert "Islamic State" not in without and without["IGAD"][1] == "IGAD"


def test_a_capital_names_its_country_and_a_longer_name_containing_a_country_stays_whole() -> None:
    found = read(mentions("Moscow said Jordan Peterson would visit Port Sudan."))
    assert found["Moscow"] == ("COUNTRY", "Russia")
    assert "Jordan" not in found and "Sudan" not in found


def test_an_organisation_named_after_a_place_keeps_it() -> None:
    found = read(mentions("Hubert Lindner, a professor at the University of Lima, said the talks failed."))
    assert "Lima" not in found


def test_a_dateline_in_capitals_names_the_place() -> None:
    text = "KYIV, Ukraine (AP) — Fighting continued on Monday."
    assert read(mentions(text))["KYIV"] == ("COUNTRY", "Ukraine")
    assert "KYIV" not in read(mentions(text, without=[gazetteer.dateline_places]))


def test_hyphenated_names_in_the_gazetteers_match() -> None:
    # the model takes the first for a person and splits the second
    found = extract("Lashkar-e-Taiba attacked Ardhal. Tehrik-e-Taliban Pakistan attacked Vesmira.")
    names = {e.name for e in found.entities}
    assert {"Lashkar-e-Taiba", "Tehrik-e-Taliban Pakistan"} <= names
    assert not {"Tehrik", "Taliban"} & names
    deployed = triples(extract("Senegal sent troops to Guinea-Bissau."))
    assert ("Senegal", "DEPLOYED", "Guinea-Bissau") in deployed


def test_a_capital_of_a_state_that_no_longer_exists_is_not_a_country() -> None:
    found = extract("Tens of thousands of protesters marched in Belgrade on Sunday.")
    assert "Serbia and Montenegro" not in {e.name for e in found.entities}


def test_saint_names_are_also_written_st() -> None:
    found = extract("St Kitts and Nevis Prime Minister Terrance Drew hosted the summit.")
    assert ("Terrance Drew", "HOLDS_ROLE", "Saint Kitts and Nevis") in triples(found)


def test_an_abbreviated_country_before_a_hyphen_is_its_own_token() -> None:
    found = triples(extract("Peru welcomed a U.S.-brokered ceasefire."))
    assert ("United States", "MEDIATED", "ceasefire") in found


def test_well_known_organisations_and_armed_groups_are_recognised_whole() -> None:
    found = extract("Fighters loyal to Islamic State attacked Palma, and IGAD urged Sudan to talk.")
    names = {e.name for e in found.entities}
    assert "Islamic State" in names and "Intergovernmental Authority on Development" in names
    assert not any(e.name.lower() in ("islamics", "state") for e in found.entities)


def test_a_name_written_with_a_typographic_apostrophe_is_the_listed_one() -> None:
    found = read(mentions("The coalition struck Da\u2019esh, and France thanked C\u00f4te d\u2019Ivoire."))
    assert found["Da\u2019esh"] == ("ORGANIZATION", "Islamic State")
    assert found["C\u00f4te d\u2019Ivoire"][0] == "COUNTRY"


def test_a_country_named_a_and_b_is_also_written_a_where_the_demonym_is_as() -> None:
    from kg.nlp.knowledge import load_knowledge

    forms = load_knowledge().country_forms
    assert forms["Bosnia"][0] == "BA" and forms["Trinidad"][0] == "TT"
    assert "Saint Pierre" not in forms  # the demonym is French: no short name
    found = read(mentions("The United States sent aid to Bosnia."))
    assert found["Bosnia"] == ("COUNTRY", "Bosnia and Herzegovina")
