"""Places: names the model leaves unlabelled or takes for organisations, loosely named countries."""

from __future__ import annotations

from kg.nlp.mentions import places
from tests.unit.mention_support import lexicon, mentions, read


def test_an_unlabelled_name_after_in_or_near_or_before_region_is_a_place() -> None:
    text = "Shelling hit a school in the Donetsk region. Rwandan troops were seen near Sake on Monday."
    found = read(mentions(text))
    assert found["Donetsk"] == ("LOCATION", "Donetsk")
    assert found["Sake"] == ("LOCATION", "Sake")
    without = read(mentions(text, without=[places.unlabelled_places]))
    assert "Donetsk" not in without and "Sake" not in without


def test_names_the_model_took_for_organisations_before_a_place_noun_are_places() -> None:
    text = "Pakistan closed the Torkham and Chaman border crossings."
    assert read(mentions(text))["Chaman"][0] == "LOCATION"
    assert read(mentions(text, without=[places.places_named_as_orgs]))["Chaman"][0] == "ORGANIZATION"


def test_a_loose_country_name_is_the_country_of_the_document_whose_name_contains_it() -> None:
    text = "The Democratic Republic of Congo accused Rwanda. Congo said the attack failed."
    assert read(mentions(text))["Congo"] == ("COUNTRY", "Democratic Republic of the Congo")
    unsettled = read(mentions(text, without=[places.loose_country_names]))
    assert unsettled["Congo"] == ("COUNTRY", "Republic of the Congo")


def test_a_lone_name_taken_for_a_place_that_is_met_is_a_person() -> None:
    text = "Lavrov met Blinken in Geneva."
    found = read(mentions(text))
    assert found["Blinken"] == ("PERSON", "Blinken")
    assert found["Geneva"] == ("LOCATION", "Geneva")
    assert read(mentions(text, without=[places.people_taken_for_places]))["Blinken"][0] == "LOCATION"


def test_a_name_the_model_took_for_an_organisation_after_city_of_is_a_place() -> None:
    text = "Gunmen attacked the port city of Tartus on Monday."
    assert read(mentions(text))["Tartus"][0] == "LOCATION"
    assert read(mentions(text, without=[places.places_after_place_nouns]))["Tartus"][0] == "ORGANIZATION"


def test_a_people_or_person_the_model_read_after_town_of_is_a_place() -> None:
    found = read(mentions("Hamas seized the town of Sderot."))
    assert found["Sderot"] == ("LOCATION", "Sderot")
    unread = read(mentions("Hamas seized the town of Sderot.", without=[places.places_after_place_nouns]))
    assert unread["Sderot"][0] == "GROUP"


def test_a_city_the_model_took_for_a_person_is_that_city_where_the_text_names_its_country() -> None:
    text = "The liberation of Raqqah will free Syrians from ISIL."
    found = mentions(text)
    raqqah = [(m.text, m.kind.value, m.country) for m in found if m.text == "Raqqah"]
    assert raqqah == [("Raqqah", "LOCATION", "SY")]
    assert read(mentions(text, without=[places.cities_taken_for_people]))["Raqqah"][0] == "PERSON"


def test_a_city_name_is_a_person_who_speaks_or_is_named_in_full_or_where_no_country_is_named() -> None:
    assert read(mentions("Jackson said the United States would help."))["Jackson"][0] == "PERSON"
    assert read(mentions("Ronny Jackson visited the United States. Jackson left."))["Jackson"][0] == "PERSON"
    assert lexicon().cities["Raqqah"] == frozenset({"SY"})
    assert "Raqqah" not in {m.text for m in mentions("The liberation of Raqqah came.") if m.country}


def test_a_place_named_once_is_that_place_where_the_model_missed_it_again() -> None:
    text = (
        "Jets hit radar sites near the capital, Sanaa, and the port of Hodeidah. The rebels, "
        "who have held much of northern Yemen since they seized Sanaa in 2014, vowed to respond."
    )
    assert [m.country for m in mentions(text) if m.text == "Sanaa"] == ["YE", "YE"]
    assert len([m for m in mentions(text, without=[places.known_places]) if m.text == "Sanaa"]) == 1
