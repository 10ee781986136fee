"""Structural relations read from titles, appositions and descriptions: roles held and once
held, allies, members, the country a bare title belongs to; and those of real reports: members
listed by 'include' or made up of, units of units, people assigned to units, 'as part of',
leaders named beside their command. Sentences written here."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, find, triples


def _holds(found: set[tuple[str, str, str]], person: str) -> set[str]:
    return {o for s, t, o in found if s == person and t == "HOLDS_ROLE"}


def test_a_former_title_with_its_country_is_kept_as_a_former_role() -> None:
    found = extract("Former Nigerian President Goodluck Jonathan led the observer mission.")
    relation = find(found, "Goodluck Jonathan", "HOLDS_ROLE", "Nigeria")
    assert relation.role is not None and relation.role.lower().startswith("former ")


def test_a_former_role_in_apposition_names_its_country() -> None:
    found = extract("Jorge Quiroga, a former president of Bolivia, criticised the decision.")
    relation = find(found, "Jorge Quiroga", "HOLDS_ROLE", "Bolivia")
    assert relation.role == "former president"


def test_a_former_title_without_a_country_is_not_guessed() -> None:
    found = triples(extract("Chile protested to Peru. Former President Alan Reyes said nothing."))
    assert not any(s == "Alan Reyes" and t == "HOLDS_ROLE" for s, t, _ in found)


def test_a_name_hung_on_the_organisation_still_holds_the_title_before_it() -> None:
    text = "The commander of the Northern Liberation Front, Jane Okello, said the talks had failed."
    assert ("Jane Okello", "HOLDS_ROLE", "Northern Liberation Front") in triples(extract(text))


def test_the_head_of_an_agency_of_an_organisation_holds_a_role_there() -> None:
    found = triples(extract("The head of the U.N. refugee agency, Anna Berg, said."))
    assert ("Anna Berg", "HOLDS_ROLE", "United Nations") in found


def test_who_is_a_title_gives_a_role() -> None:
    found = triples(extract("Samuel Boateng, who is Ghana's foreign minister, said."))
    assert ("Samuel Boateng", "HOLDS_ROLE", "Ghana") in found


def test_was_a_title_gives_a_former_role() -> None:
    found = extract("Samuel Boateng was president of Ghana from 2001 to 2009.")
    assert find(found, "Samuel Boateng", "HOLDS_ROLE", "Ghana").role == "former president"


def test_a_denied_or_future_title_is_no_role() -> None:
    denied = "Samuel Boateng is not the president of Ghana."
    for text in (denied, "Samuel Boateng would be president of Ghana."):
        assert not any(t == "HOLDS_ROLE" for _, t, _ in triples(extract(text)))


def test_a_titled_person_is_never_relabelled_a_place() -> None:
    found = extract("President Kagame spoke on Sunday. The rebels seized control of Kagame.")
    assert {e.name: e.kind.value for e in found.entities}.get("Kagame") == "PERSON"


def test_a_possessors_ally_named_after_the_noun_is_allied_and_acts_alone() -> None:
    found = triples(extract("Russia's ally Belarus hosted the talks."))
    assert ("Belarus", "ALLIED_WITH", "Russia") in found
    assert not any(s == "Russia" and t == "MET" for s, t, _ in found)


def test_a_former_ally_is_no_ally() -> None:
    found = triples(extract("Serbia's former ally Montenegro voted against the plan."))
    assert not any(t == "ALLIED_WITH" for _, t, _ in found)


def test_another_member_of_the_alliance_is_a_member_of_the_alliance_named_before() -> None:
    text = (
        "The Northern Alliance attacked Kalemie. Residents told Reuters about it. "
        "The KLF, another member of the alliance, said it had taken Kamina."
    )
    found = triples(extract(text))
    assert ("KLF", "MEMBER_OF", "Northern Alliance") in found
    assert not any(t == "MEMBER_OF" and o == "Reuters" for _, t, o in found)


def test_a_country_whose_president_is_named_is_not_another_presidents() -> None:
    text = (
        "Kenya sent 400 police officers to Haiti in June. Kenya deployed them at the request of "
        "President Ariel Henry, whose government had lost control of the capital. Haiti thanked "
        "Kenyan President William Ruto during a visit to Nairobi."
    )
    found = triples(extract(text))
    assert ("William Ruto", "HOLDS_ROLE", "Kenya") in found
    assert "Kenya" not in _holds(found, "Ariel Henry")


def test_a_minister_of_a_country_with_a_named_minister_goes_elsewhere() -> None:
    text = (
        "Chile and Chile's navy held drills. Chile pressed Peru on the border. "
        "Peruvian Foreign Minister Elmer Schialer met officials in Lima, and Peru said more talks "
        "were due. Foreign Minister Alberto van Klaveren said the drills would go on."
    )
    found = triples(extract(text))
    assert ("Elmer Schialer", "HOLDS_ROLE", "Peru") in found
    assert _holds(found, "Alberto van Klaveren") == {"Chile"}


def test_of_two_countries_named_as_often_the_lede_country_is_the_story() -> None:
    text = (
        "Thousands protested in Tbilisi as Georgia's parliament passed the bill. "
        "Critics said Russia had inspired it, and Georgia's partners objected. "
        "Russia denied any role, and Russia recalled its envoy. Crowds stayed outside overnight. "
        "President Ana Beridze said she would veto the law."
    )
    found = triples(extract(text))
    assert ("Ana Beridze", "HOLDS_ROLE", "Georgia") in found


def test_a_tie_the_lede_does_not_settle_guesses_nothing() -> None:
    text = (
        "Officials met in Geneva on Monday. Chile accused Peru of delays, and Peru accused "
        "Chile of bad faith. President Ana Ruiz said talks would go on."
    )
    assert _holds(triples(extract(text)), "Ana Ruiz") == set()


def test_a_title_holder_the_dictionaries_know_serves_their_own_government() -> None:
    text = (
        "Iraq asked for more help on Monday. Defense Secretary Ash Carter promised advisers. "
        "The United States has 5,000 troops there."
    )
    assert _holds(triples(extract(text)), "Ash Carter") == {"United States"}
    # their country unnamed: no role rather than the one the context suggests
    alone = "Iraq asked for more help on Monday. Defense Secretary Ash Carter promised advisers."
    assert _holds(triples(extract(alone)), "Ash Carter") == set()


def test_one_of_the_groups_in_an_alliance_is_its_member() -> None:
    text = "The Arakan Army, one of three groups in the Northern Alliance, captured the town."
    assert ("Arakan Army", "MEMBER_OF", "Northern Alliance") in triples(extract(text))


def test_one_of_the_parties_in_a_country_is_no_membership() -> None:
    found = triples(extract("The Labour Party, one of the two main parties in Kenya, won the vote."))
    assert not any(t == "MEMBER_OF" and o == "Kenya" for _, t, o in found)


def test_a_countrys_organs_count_towards_the_country_the_story_is_about() -> None:
    text = (
        "The White House said on Monday that talks would go on. The Pentagon and the White House "
        "agreed, and the State Department did too. The United States has troops in Kenya. "
        "Kenya and Chile said nothing. President Ana Ruiz said more aid would come."
    )
    found = triples(extract(text))
    assert ("Ana Ruiz", "HOLDS_ROLE", "United States") in found


def test_a_bodys_listed_members_are_its_members() -> None:
    found = triples(
        extract("Coalition nations which have conducted strikes include Australia, Belgium and Canada.")
    )
    assert {("Australia", "MEMBER_OF", "Coalition"), ("Canada", "MEMBER_OF", "Coalition")} <= found
    found = triples(
        extract("The Kurdish-led SDF, which includes the Syrian Arab Coalition, advanced on Raqqa.")
    )
    assert any(s == "Syrian Arab Coalition" and t == "MEMBER_OF" and "SDF" in o for s, t, o in found)


def test_including_something_else_is_no_membership() -> None:
    found = triples(extract("The NATO package includes drones and artillery."))
    assert not any(t == "MEMBER_OF" for _, t, _ in found)


def test_a_unit_named_before_another_is_part_of_it() -> None:
    found = triples(extract("Soldiers from 3rd Battalion, 321st Field Artillery Regiment fired the guns."))
    assert ("3rd Battalion", "PART_OF", "321st Field Artillery Regiment") in found


def test_a_person_assigned_to_a_unit_is_its_member() -> None:
    found = triples(extract("Sgt. Jason Booker was assigned to 2nd Battalion, 5th Special Forces Group."))
    assert ("Jason Booker", "MEMBER_OF", "2nd Battalion") in found
    assert ("2nd Battalion", "PART_OF", "5th Special Forces Group") in found


def test_as_part_of_makes_the_subject_part_of_the_whole() -> None:
    text = "The 134th Fighter Squadron will fly missions as part of the 407th Air Expeditionary Group."
    assert ("134th Fighter Squadron", "PART_OF", "407th Air Expeditionary Group") in triples(extract(text))


def test_a_bare_title_beside_a_command_is_a_role_in_it() -> None:
    found = triples(
        extract("U.S. Army General Joseph Votel, commander, U.S. Central Command recently met employees.")
    )
    assert ("Joseph Votel", "HOLDS_ROLE", "U.S. Central Command") in found
    found = triples(extract("Albert Connelly, a crew chief in Abel Battery, said the guns were ready."))
    assert ("Albert Connelly", "HOLDS_ROLE", "Abel Battery") in found
    assert not any(t == "HOLDS_ROLE" for _, t, _ in triples(extract("Ana Ruiz, a commander in Syria, said.")))


def test_an_actor_within_a_body_is_its_member() -> None:
    found = triples(extract("We remain committed to working closely with Turkey within NATO."))
    assert ("Turkey", "MEMBER_OF", "NATO") in found
    assert not any(t == "MEMBER_OF" for _, t, _ in triples(extract("Tensions within NATO grew.")))


def test_a_bare_title_followed_by_an_organisation_is_a_role_in_it() -> None:
    text = "The report was signed by John Smith, director, Office of Management and Budget, on Monday."
    assert ("John Smith", "HOLDS_ROLE", "Office of Management and Budget") in triples(extract(text))


def test_the_parts_a_body_is_made_up_of_are_its_members() -> None:
    found = triples(extract("The Syrian Democratic Forces consist of the YPG and Arab tribes."))
    assert ("YPG", "MEMBER_OF", "Syrian Democratic Forces") in found
    made = "The SDF, made up in part by local Arabs and its Arab arm, the Syrian Arab Coalition, advanced."
    assert ("Syrian Arab Coalition", "MEMBER_OF", "SDF") in triples(extract(made))
    assert not triples(extract("Russia made a deal with Iran."))


def test_a_side_acting_together_with_another_is_its_ally() -> None:
    found = triples(extract("Iraqi forces, along with the Peshmerga, attacked Islamic State fighters."))
    assert ("Peshmerga", "ALLIED_WITH", "Iraqi military") in found
    found = triples(extract("The 407th AEG, together with our Coalition partners, works to defeat Daesh."))
    assert ("Coalition", "ALLIED_WITH", "407th AEG") in found


def test_a_speaker_saying_another_shares_the_blame_makes_no_alliance() -> None:
    text = "Pakistan hit the Bahadur group, which it said was responsible, along with the TTP, for an attack."
    found = triples(extract(text))
    assert not any(t == "ALLIED_WITH" for _, t, _ in found)
