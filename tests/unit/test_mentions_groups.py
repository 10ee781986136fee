"""Groups of people: named peoples and communities, and groups named by a common noun."""

from __future__ import annotations

from kg.nlp.mentions import groups
from tests.unit.mention_support import by_text, mentions, read
from tests.unit.test_nlp_support import extract, triples


def test_the_singular_of_a_named_group_belongs_to_it() -> None:
    text = "The Houthis fired a missile. Houthi military spokesman Yahya Saree said it hit a ship."
    assert read(mentions(text))["Houthi"] == ("GROUP", "Houthis")
    assert "Houthi" not in read(mentions(text, without=[groups.group_adjectives]))


def test_two_nationality_words_name_a_community_unless_a_state_title_follows() -> None:
    text = "Turkish Cypriot leader Ersin Tatar met Greek Cypriot President Nikos Christodoulides."
    found = read(mentions(text))
    assert found["Turkish Cypriot"] == ("GROUP", "Turkish Cypriots")
    assert found["Cypriot"] == ("COUNTRY", "Cyprus")  # the president's state
    assert read(mentions(text, without=[groups.communities]))["Turkish"] == ("COUNTRY", "Turkey")


def test_a_state_name_before_a_party_member_is_a_us_state() -> None:
    text = "A Georgia Republican opposed the bill."
    assert read(mentions(text))["Georgia"] == ("LOCATION", "Georgia")
    assert read(mentions(text, without=[groups.us_states_before_party_members]))["Georgia"][0] == "COUNTRY"


def test_a_common_noun_for_people_is_a_group_named_by_its_country() -> None:
    text = "Armenian lawmakers and protesters gathered in Yerevan."
    found = mentions(text)
    lawmakers = by_text(found, "lawmakers")
    assert (lawmakers.name, lawmakers.country, lawmakers.named) == ("Armenian lawmakers", "AM", True)
    assert not by_text(found, "protesters").named  # unqualified: this document's protesters
    assert "lawmakers" not in read(mentions(text, without=[groups.common_groups]))


def test_fighters_of_a_named_organisation_are_that_organisation() -> None:
    assert "Hamas fighters" not in read(mentions("Hamas fighters attacked the post."))
    assert "fighters" not in read(mentions("Hamas fighters attacked the post."))


def test_singular_of_a_named_group_qualifies_a_title() -> None:
    result = extract(
        "The Mapuches blocked the road on Monday. Mapuche military spokesman Ramon Ortega "
        "said the blockade would continue."
    )
    assert ("Ramon Ortega", "HOLDS_ROLE", "Mapuches") in triples(result)


def test_partners_a_pronoun_owns_are_a_group() -> None:
    found = mentions("The coalition will keep supporting its partners on the ground.")
    assert by_text(found, "partners").name == "partners"


def test_partners_or_allies_of_a_named_actor_are_no_group_of_their_own() -> None:
    for text in (
        "Zelenskiy urged Kyiv's Western partners to respond.",
        "The European Union will coordinate with partners in Asia.",
        "The United States, an ally of the Philippines, sent ships.",
        "Rebels took Dabiq, aided by support from our ally Turkey.",
    ):
        assert not any(m.name in ("partners", "allies") for m in mentions(text)), text


def test_the_international_community_is_a_group() -> None:
    found = mentions("Fidan urged the international community to end the isolation.")
    assert by_text(found, "community").name == "international community"


def test_hackers_and_terrorists_are_groups_that_act() -> None:
    assert ("Chinese hackers", "ATTACKED", "Pentagon") in triples(
        extract("Chinese hackers attacked the computer networks of the Pentagon.")
    )
    assert ("terrorists", "ATTACKED", "Afghanistan") in triples(
        extract("Terrorists attacked a police station in Kabul.")
    )
