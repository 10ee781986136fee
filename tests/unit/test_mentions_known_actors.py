"""Within a document and from the dictionaries: a name recognised once gives its kind to its
other mentions; a name the model misses but the dictionaries know is still an actor."""

from __future__ import annotations

from kg.nlp.mentions import known, names
from tests.unit.mention_support import lexicon, mentions, read
from tests.unit.test_nlp_support import extract, triples


def test_a_full_name_the_dictionaries_know_is_a_person() -> None:
    assert "ilham aliyev" not in lexicon().known.surnames  # full names are matched whole
    found = read(mentions("Ilham Aliyev accused Armenia of shelling the border."))
    assert found["Ilham Aliyev"] == ("PERSON", "Ilham Aliyev")


def test_a_known_persons_surname_the_model_took_for_an_organisation_is_that_person() -> None:
    text = "Lavrov met Blinken in Geneva on Monday."
    assert read(mentions(text))["Lavrov"] == ("PERSON", "Lavrov")
    assert read(mentions(text, without=[known.known_surnames]))["Lavrov"][0] == "ORGANIZATION"


def test_a_surname_seen_in_full_gives_its_kind_to_later_mentions() -> None:
    text = "Russian Foreign Minister Sergei Lavrov spoke on Monday. Lavrov met Blinken in Geneva."
    lavrov = [e for e in extract(text).entities if e.id == "sergei-lavrov"]
    assert lavrov and "Lavrov" in lavrov[0].aliases


def test_an_organisation_the_dictionaries_know_is_one_with_its_country_and_sector() -> None:
    found = mentions("The Royal Navy and the Peoples Liberation Army held drills.")
    navy = next(m for m in found if m.text == "Royal Navy")
    assert (navy.kind.value, navy.country, navy.sector) == ("ORGANIZATION", "GB", "MIL")
    unread = mentions("The Royal Navy held drills.", without=[known.known_organisations])
    assert unread[0].text == "Royal Navy" and unread[0].sector is None  # the model's, nothing known


def test_an_untagged_name_coordinated_with_a_person_is_a_person() -> None:
    text = "Putin and Pashinyan held talks in Sochi."
    assert read(mentions(text))["Pashinyan"] == ("PERSON", "Pashinyan")
    assert "Pashinyan" not in read(mentions(text, without=[names.coordinated_names]))
    assert ("Putin", "CONSULTED", "Pashinyan") in triples(extract(text))


def test_the_coalition_against_the_islamic_state_is_known_under_its_many_names() -> None:
    texts = ("Kerry hosted ministers of the Global Coalition to Counter ISIL.", "The Global Coalition met.")
    for text in texts:
        names = [m.name for m in mentions(text) if m.name.startswith("Global")]
        assert names == ["Global Coalition to Defeat ISIS"]
    assert read(mentions("We trained the ISF and Peshmerga."))["Peshmerga"] == ("ORGANIZATION", "Peshmerga")


def test_a_person_the_dictionaries_give_one_governments_roles_belongs_to_that_country() -> None:
    text = "Iraq asked for help. Defense Secretary Ash Carter promised advisers."
    carter = next(m for m in mentions(text) if m.name == "Ash Carter")
    assert carter.country == "US"
    unread = mentions(text, without=[known.government_members])
    assert next(m for m in unread if m.name == "Ash Carter").country is None
    # a surname several governments' people share says nothing
    assert next(m for m in mentions("President Obama spoke.") if m.name == "Obama").country is None


def test_a_known_persons_surname_the_model_left_untagged_is_that_person() -> None:
    text = "Lavrov held talks in Moscow with Wang Yi."
    assert read(mentions(text))["Lavrov"] == ("PERSON", "Lavrov")
    assert "Lavrov" not in read(mentions(text, without=[known.untagged_surnames]))
    assert ("Lavrov", "CONSULTED", "Wang Yi") in triples(extract(text))  # "with" hung on the verb
    assert "Carter" not in read(mentions("The Carter Center observed the vote."))  # part of a name


def test_a_countrys_own_places_in_the_dictionaries_are_no_known_people() -> None:
    # the Phoenix country entries list cities and provinces ("anbar province", "tal afar")
    found = read(mentions("Security forces clashed with militants in Anbar Province and near Tal Afar."))
    assert found["Anbar Province"][0] == "LOCATION"
    assert found["Tal Afar"][0] != "PERSON"
    assert "afar" not in lexicon().known.surnames
