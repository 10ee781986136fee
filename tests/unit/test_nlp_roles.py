"""Roles, actors and dates handled by kg.nlp.mentions/assemble/dates, on sentences written for
these tests (the trained pipeline is used: the parse matters)."""

from __future__ import annotations

import datetime as dt

from kg.model import EntityKind
from kg.nlp.dates import resolve_date
from tests.unit.test_nlp_support import extract, find, triples


def test_country_less_title_takes_the_country_named_with_the_person() -> None:
    result = extract("President Maria Santos of Paraguay met the delegation on Monday.")
    assert ("Maria Santos", "HOLDS_ROLE", "Paraguay") in triples(result)


def test_country_less_title_takes_the_capital_named_with_the_person() -> None:
    result = extract(
        "Prime Minister Tomas Herrera in Lima said Brazil had been consulted about the plan."
    )
    found = triples(result)
    assert ("Tomas Herrera", "HOLDS_ROLE", "Peru") in found
    assert ("Tomas Herrera", "HOLDS_ROLE", "Brazil") not in found


def test_portfolio_word_before_commissioner_is_part_of_the_title_not_an_organisation() -> None:
    result = extract("Trade Commissioner Anna Keller criticised the tariffs imposed by Canada.")
    assert "Trade" not in {e.name for e in result.entities}
    assert not any(r.type.value == "HOLDS_ROLE" and r.object == "trade" for r in result.relations)


def test_legislative_leadership_titles_attach_to_the_chamber() -> None:
    result = extract("Senate Majority Leader Laura Quinn and House Minority Whip Daniel Ortiz spoke.")
    found = triples(result)
    assert ("Laura Quinn", "HOLDS_ROLE", "Senate") in found
    assert ("Daniel Ortiz", "HOLDS_ROLE", "House") in found


# -- dates of planned events ---------------------------------------------------------------

WEDNESDAY = dt.date(2024, 6, 26)


def test_resolve_date_goes_forward_for_planned_events_and_back_otherwise() -> None:
    assert resolve_date("on Monday", WEDNESDAY) == dt.date(2024, 6, 24)
    assert resolve_date("on Monday", WEDNESDAY, future=True) == dt.date(2024, 7, 1)
    assert resolve_date("on Wednesday", WEDNESDAY, future=True) == dt.date(2024, 7, 3)
    assert resolve_date("next Friday", WEDNESDAY) == dt.date(2024, 6, 28)
    assert resolve_date("tomorrow", WEDNESDAY) == dt.date(2024, 6, 27)


def test_future_and_scheduled_verbs_date_forward_past_verbs_backward() -> None:
    planned = extract("Egypt is scheduled to meet Sudan on Friday.", published=WEDNESDAY)
    assert find(planned, "Egypt", "MET", "Sudan").date == dt.date(2024, 6, 28)
    future = extract("Egypt will host Sudan for talks on Monday.", published=WEDNESDAY)
    assert find(future, "Egypt", "MET", "Sudan").date == dt.date(2024, 7, 1)
    past = extract("Qatar hosted Sudan for talks on Monday.", published=WEDNESDAY)
    assert find(past, "Qatar", "MET", "Sudan").date == dt.date(2024, 6, 24)


# -- canonicalisation ----------------------------------------------------------------------


def test_two_nationality_words_name_a_community_unless_a_state_title_follows() -> None:
    result = extract(
        "Turkish Cypriot leader Omer Demir met Greek Cypriot President Andreas Pappas in the buffer zone."
    )
    found = triples(result)
    assert ("Omer Demir", "HOLDS_ROLE", "Turkish Cypriots") in found
    assert ("Omer Demir", "HOLDS_ROLE", "Cyprus") not in found
    assert ("Andreas Pappas", "HOLDS_ROLE", "Cyprus") in found


def test_a_state_name_before_a_party_member_is_not_the_country() -> None:
    result = extract("Representative Jane Miller, a Georgia Republican, criticised Ukraine on Monday.")
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds.get("Georgia") is EntityKind.LOCATION


def test_organ_between_a_nationality_and_a_title_is_that_country_s_organ() -> None:
    result = extract(
        "Norway's foreign ministry welcomed the deal. Danish foreign ministry spokesman Lars Holm "
        "said Copenhagen was ready to help."
    )
    found = triples(result)
    assert ("Lars Holm", "HOLDS_ROLE", "Foreign Ministry of Denmark") in found
    assert ("Lars Holm", "HOLDS_ROLE", "Foreign Ministry of Norway") not in found



def test_name_in_apposition_to_a_title_is_a_person_even_unseen_by_the_model() -> None:
    result = extract("Laos's foreign minister, Thongsavanh Phomvihane, met the Thai delegation in Vientiane.")
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds.get("Thongsavanh Phomvihane") is EntityKind.PERSON


def test_singular_of_a_named_group_qualifies_a_title() -> None:
    result = extract(
        "The Mapuches blocked the road on Monday. Mapuche military spokesman Ramon Ortega "
        "said the blockade would continue."
    )
    assert ("Ramon Ortega", "HOLDS_ROLE", "Mapuches") in triples(result)


def test_acronym_known_from_the_text_qualifies_a_title_at_sentence_start() -> None:
    result = extract(
        "Fighters of the Northern Liberation Council (NLC) entered the town on Monday. "
        "NLC leader Omar Haddad said the group would hold elections."
    )
    assert any(
        s == "Omar Haddad" and t == "HOLDS_ROLE" and o in ("NLC", "Northern Liberation Council")
        for s, t, o in triples(result)
    )


def test_spelled_out_name_with_a_hyphenated_particle_is_the_acronym_s_organisation() -> None:
    result = extract("Fighters of Jabhat Fath al-Qadim (JFQ) entered the town. JFQ rejected the truce.")
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds.get("Jabhat Fath al-Qadim") is EntityKind.ORGANIZATION
    assert "JFQ" not in kinds  # the acronym is an alias of the spelled-out name


def test_organisation_named_after_a_capital_stays_an_organisation() -> None:
    result = extract(
        "Hubert Lindner, a professor of history at the University of Lima, said the talks failed."
    )
    assert ("Hubert Lindner", "HOLDS_ROLE", "University of Lima") in triples(result)
    assert "Peru" not in {e.name for e in result.entities}


def test_unrecognised_proper_noun_before_a_corporate_title_is_the_company() -> None:
    result = extract("Vantorex chief executive Hubert Lindner said the plant would reopen in May.")
    assert ("Hubert Lindner", "HOLDS_ROLE", "Vantorex") in triples(result)


def test_bare_organ_without_article_is_not_merged_with_another_country_s_organ() -> None:
    result = extract(
        "Chile's parliament approved the budget on Monday. Hubert Lindner, a member of parliament's "
        "defence committee, said the vote was rushed. The parliament will meet again in May."
    )
    found = triples(result)
    assert any(s == "Hubert Lindner" and t == "HOLDS_ROLE" for s, t, _ in found)
    assert not any(s == "Hubert Lindner" and o == "Parliament of Chile" for s, _, o in found)


def test_unnamed_organ_is_scoped_to_its_document() -> None:
    first = extract("Hubert Lindner, a member of parliament's defence committee, met Chile's envoy.")
    second = extract("Hubert Lindner, a member of parliament's budget committee, criticised Peru.")
    organ_ids = [
        {e.id for e in result.entities if e.name == "parliament"} for result in (first, second)
    ]
    assert all(organ_ids) and organ_ids[0].isdisjoint(organ_ids[1])


def test_legislator_titles_sit_in_the_one_chamber_the_text_names() -> None:
    result = extract(
        "The Senate approved the treaty with Chile on Tuesday. Senator Hubert Lindner opposed it."
    )
    assert ("Hubert Lindner", "HOLDS_ROLE", "Senate") in triples(result)


def test_a_monarchs_title_is_never_guessed_to_belong_to_a_republic() -> None:
    republic = extract("France announced new funding for the museum. The palace was built under King Darius.")
    assert not any(r == "HOLDS_ROLE" for _, r, _ in triples(republic))
    kingdom = extract("Jordan announced new funding for the museum. The wing was opened by King Abdullah.")
    assert ("Abdullah", "HOLDS_ROLE", "Jordan") in triples(kingdom)


def test_the_articles_main_country_is_no_guess_for_a_title_whose_sentence_names_another() -> None:
    text = (
        "Fighting in Syria continued. Aid to Syria was discussed at length. The talks went on. "
        "As I told Foreign Minister Adel Rahman today, we value Egypt's role in the talks."
    )
    assert ("Adel Rahman", "HOLDS_ROLE", "Syria") not in triples(extract(text))
    alone = text.replace("we value Egypt's role in the talks", "we value the role of his ministry")
    assert ("Adel Rahman", "HOLDS_ROLE", "Syria") in triples(extract(alone))
