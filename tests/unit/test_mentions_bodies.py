"""Organisations the model does not name: organs of a country, factions, bodies named by their
last word, administrations named after a person."""

from __future__ import annotations

from kg.nlp.mentions import bodies
from tests.unit.mention_support import by_text, lexicon, mentions, read
from tests.unit.test_nlp_support import extract, triples


def test_an_organ_named_after_its_country_is_that_countrys_organ() -> None:
    text = "Armenia's Defense Ministry said the Armenian parliament would meet."
    found = read(mentions(text))
    assert found["Armenia's Defense Ministry"] == ("ORGANIZATION", "Defense Ministry of Armenia")
    assert found["Armenian parliament"] == ("ORGANIZATION", "Parliament of Armenia")
    without = read(mentions(text, without=[bodies.country_organs]))
    assert without["Defense Ministry"] == ("ORGANIZATION", "Defense Ministry")


def test_an_organ_between_a_nationality_and_a_title_is_that_countrys_organ() -> None:
    result = extract(
        "Norway's foreign ministry welcomed the deal. Danish foreign ministry spokesman Lars Holm "
        "said Copenhagen was ready to help."
    )
    assert ("Lars Holm", "HOLDS_ROLE", "Foreign Ministry of Denmark") in triples(result)


def test_a_capitalised_organ_of_a_country_is_its_organ() -> None:
    text = "The Security Council of Armenia met on Monday."
    assert read(mentions(text))["Security Council of Armenia"][1] == "Security Council of Armenia"
    unread = read(mentions(text, without=[bodies.organs_of_named_country]))
    assert unread.get("Security Council of Armenia", ("", ""))[1] != "Security Council of Armenia"


def test_a_qualified_government_is_a_faction_not_the_country() -> None:
    text = "The eastern government rejected the deal."
    assert read(mentions(text))["eastern government"] == ("ORGANIZATION", "eastern government")
    assert "eastern government" not in read(mentions(text, without=[bodies.factions]))


def test_an_eastern_based_administration_is_a_faction() -> None:
    text = "Libya is divided. The eastern-based administration rejected the deal with Egypt."
    found = triples(extract(text))
    assert ("eastern-based administration", "REJECTED", "agreement") in found
    assert not any(s == "Libya" and t == "REJECTED" for s, t, _ in found)


def test_unnamed_capitalised_words_ending_in_watch_are_an_organisation() -> None:
    text = "Press Freedom Watch said Malian police have committed abuses during the protests."
    assert read(mentions(text))["Press Freedom Watch"][0] == "ORGANIZATION"
    assert "Press Freedom Watch" not in read(mentions(text, without=[bodies.unrecognised_bodies]))
    assert ("Press Freedom Watch", "ACCUSED", "Malian police") in triples(extract(text))


def test_a_persons_administration_is_an_organisation() -> None:
    text = "The Smith administration announced sanctions."
    assert read(mentions(text))["Smith administration"] == ("ORGANIZATION", "Smith administration")
    assert read(mentions(text, without=[bodies.administrations]))["Smith"][0] == "PERSON"


def test_an_administration_named_after_a_known_head_of_government_is_its_countrys() -> None:
    text = "The Biden administration announced sanctions."
    assert read(mentions(text))["Biden administration"] == ("ORGANIZATION", "White House")
    assert bodies.government_named_after("Joe Biden", "administration", lexicon()) is not None
    assert bodies.government_named_after("Biden", "campaign", lexicon()) is None
    assert bodies.government_named_after("John Smith", "administration", lexicon()) is None


def test_organ_names_are_title_cased_but_particles_are_not() -> None:
    assert bodies.title_case("upper chamber of parliament", lexicon()) == "Upper Chamber of Parliament"


def test_a_capitalised_or_described_coalition_is_an_organisation() -> None:
    text = (
        "On Monday, Coalition forces struck ISIL, and the U.S.-led coalition said the international "
        "coalition helped."
    )
    found = read(mentions(text))
    assert found["Coalition"] == ("ORGANIZATION", "Coalition")
    assert found["U.S.-led coalition"] == ("ORGANIZATION", "U.S.-led coalition")
    assert found["international coalition"] == ("ORGANIZATION", "international coalition")
    assert "Coalition" not in read(mentions(text, without=[bodies.collective_bodies]))
    assert "coalition" not in read(mentions("The talks failed and the coalition collapsed."))  # whose? later


def test_a_numbered_military_unit_is_an_organisation() -> None:
    text = "Airmen deployed from the 158th Fighter Wing, which joined the 407th Air Expeditionary Group."
    found = read(mentions(text))
    assert found["158th Fighter Wing"] == ("ORGANIZATION", "158th Fighter Wing")
    assert "158th Fighter Wing" not in read(mentions(text, without=[bodies.military_units]))
    assert "Abel Battery" not in {
        t for t, (kind, _) in read(mentions("Jo Cole of Abel Battery spoke.")).items() if kind == "PERSON"
    }


def test_an_organ_word_describing_people_is_no_organ() -> None:
    found = read(mentions("Carter flew to visit U.S. service members at the airfield."))
    assert not any(name.startswith("Service of") for _, name in found.values())
    assert found["U.S. service members"] == ("ORGANIZATION", "American military")


def test_a_lower_case_coalition_qualifying_what_acts_is_the_coalition_named_before() -> None:
    text = "The U.S.-led coalition struck Raqqa. Later, coalition aircraft struck a bridge."
    found = mentions(text)
    assert [m.name for m in found if m.text == "coalition"] == ["U.S.-led coalition"]
    assert "coalition" not in read(mentions(text, without=[bodies.collective_modifiers]))


def test_a_coalition_campaign_with_no_coalition_named_is_a_coalition_of_its_own() -> None:
    found = mentions("They discussed the coalition campaign against Daesh.")
    assert by_text(found, "coalition").kind.value == "ORGANIZATION"
    assert "coalition" not in read(mentions("They discussed coalition talks in Rome."))


def test_a_peoples_word_taken_for_an_organisation_is_the_one_body_named_after_its_place() -> None:
    text = ("Getachew Reda, a spokesman for the Tigray People's Liberation Front, "
            "signed for the Tigrayan side.")
    assert read(mentions(text))["Tigrayan"] == ("ORGANIZATION", "Tigray People's Liberation Front")
    unread = read(mentions(text, without=[bodies.demonym_of_named_body]))
    assert unread["Tigrayan"] == ("ORGANIZATION", "Tigrayan")


def test_a_ship_named_after_its_navys_prefix_is_a_unit_of_that_navys_country() -> None:
    text = "The destroyer USS Mahan sailed with HMS Daring and the INS Vikrant."
    found = mentions(text)
    assert [(m.text, m.kind.value, m.country) for m in found if m.text != "Vikrant"] == [
        ("USS Mahan", "ORGANIZATION", "US"),
        ("HMS Daring", "ORGANIZATION", "GB"),
        ("INS Vikrant", "ORGANIZATION", None),  # a prefix two navies use names no country
    ]
    assert "USS Mahan" not in read(mentions(text, without=[bodies.naval_vessels]))


def test_a_vessel_prefix_before_a_lower_case_word_names_no_ship() -> None:
    assert "USS crew" not in read(mentions("The USS crew of the ship rested."))


def test_a_ships_name_without_its_prefix_is_that_ship_and_joining_ships_is_no_membership() -> None:
    text = "The frigate FS Forbin entered the Gulf. Forbin is joining U.S. ships USS Hopper and USS Mahan."
    found = extract(text)
    forbin = [(e.name, e.kind.value) for e in found.entities if "Forbin" in e.name]
    assert forbin == [("FS Forbin", "ORGANIZATION")]
    assert not {t for t in triples(found) if t[1] == "MEMBER_OF"}


def test_a_ministry_keeps_its_portfolio_named_after_of() -> None:
    found = read(mentions("Ukraine's Ministry of Defense said on Monday that Russia attacked."))
    assert found["Ukraine's Ministry of Defense"] == ("ORGANIZATION", "Defense Ministry of Ukraine")
    found = read(mentions("The French Ministry of Foreign Affairs protested."))
    assert found["French Ministry of Foreign Affairs"][1] == "Foreign Affairs Ministry of France"
    # written either way, the same body
    found = read(mentions("Ukraine's Defense Ministry said on Monday that Russia attacked."))
    assert found["Ukraine's Defense Ministry"] == ("ORGANIZATION", "Defense Ministry of Ukraine")
