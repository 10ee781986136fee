"""Constructions of wire copy beyond the basic ones: titles, datelines, acronyms, nominal and
hyphenated relations, speech acts, group anaphors. Sentences written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, find, triples


def test_organisation_and_modifiers_before_a_title() -> None:
    result = extract(
        "Hezbollah spokesman Ali Hassan criticized Israel. EU foreign policy chief Kaja Kallas met "
        "Turkish officials."
    )
    assert find(result, "Ali Hassan", "HOLDS_ROLE", "Hezbollah").role == "spokesman"
    assert find(result, "Kaja Kallas", "HOLDS_ROLE", "European Union").role == "foreign policy chief"
    assert ("Ali Hassan", "CRITICIZED", "Israel") in triples(result)


def test_portfolio_titles_and_monarchs() -> None:
    result = extract(
        "British Home Secretary Yvette Cooper visited Paris. Bahrain's King Hamad met Emir Tamim in Doha."
    )
    assert find(result, "Yvette Cooper", "HOLDS_ROLE", "United Kingdom").role == "Home Secretary"
    assert find(result, "Hamad", "HOLDS_ROLE", "Bahrain").role == "King"
    assert ("Hamad", "MET", "Tamim") in triples(result)
    assert "Home" not in {e.name for e in result.entities}


def test_an_official_speaks_for_the_country_of_the_clause() -> None:
    result = extract(
        "The Philippines will not back down against China, Defence Secretary Gilberto Teodoro said."
    )
    assert ("Gilberto Teodoro", "HOLDS_ROLE", "Philippines") in triples(result)
    assert ("Gilberto Teodoro", "HOLDS_ROLE", "China") not in triples(result)


def test_former_title_is_not_a_current_role() -> None:
    result = extract("Former Kenyan President Uhuru Kenyatta met Ethiopian officials in Addis Ababa.")
    roles = [r for r in result.relations if r.type.value == "HOLDS_ROLE"]
    # kept as a role once held, never as the current one
    assert roles and all((r.role or "").lower().startswith("former ") for r in roles)


def test_dateline_is_not_the_subject() -> None:
    result = extract("NAIROBI, Kenya (Reuters) — Ethiopia and Eritrea signed a deal on Monday.")
    found = triples(result)
    assert ("Ethiopia", "AGREED_TO", "agreement") in found
    assert ("Eritrea", "AGREED_TO", "agreement") in found
    assert not any(t[0] == "Kenya" for t in found)


def test_spelled_out_acronym_is_one_organisation() -> None:
    result = extract(
        "The Southern African Development Community (SADC) condemned Rwanda. SADC later met Angola."
    )
    org = next(e for e in result.entities if e.name == "Southern African Development Community")
    assert "SADC" in org.aliases
    found = triples(result)
    assert ("Southern African Development Community", "CRITICIZED", "Rwanda") in found
    assert ("Southern African Development Community", "MET", "Angola") in found
    assert "South Africa" not in {e.name for e in result.entities}


def test_nominal_relations() -> None:
    result = extract(
        "Russia's invasion of Ukraine changed Europe. Qatar's mediation between Israel and Hamas continued."
    )
    found = triples(result)
    assert ("Russia", "ATTACKED", "Ukraine") in found
    assert ("Qatar", "MEDIATED", "Israel") in found
    assert ("Qatar", "MEDIATED", "Hamas") in found


def test_hyphenated_participles() -> None:
    result = extract("Iran-backed Houthi rebels attacked a tanker. A Qatar-brokered truce held.")
    found = triples(result)
    assert ("Iran", "SUPPORTED", "Houthis") in found or ("Iran", "SUPPORTED", "Houthi") in found
    assert ("Qatar", "MEDIATED", "ceasefire") in found


def test_speech_act_conjoined_to_said_belongs_to_the_speaker() -> None:
    result = extract("Lebanon said Israel was preparing an offensive and accused Washington of complicity.")
    found = triples(result)
    assert ("Lebanon", "ACCUSED", "United States") in found
    assert ("Israel", "ACCUSED", "United States") not in found


def test_the_three_countries_are_the_last_three_coordinated() -> None:
    result = extract(
        "Mali, Niger and Chad left the bloc last year. Algeria urged the three countries to return."
    )
    found = triples(result)
    for country in ("Mali", "Niger", "Chad"):
        assert ("Algeria", "URGED", country) in found


def test_passive_with_coordinated_agents() -> None:
    result = extract("The ceasefire was rejected by Serbia and Croatia.")
    found = triples(result)
    assert ("Serbia", "REJECTED", "ceasefire") in found
    assert ("Croatia", "REJECTED", "ceasefire") in found


def test_light_verbs_with_event_nouns() -> None:
    result = extract(
        "Israel launched air strikes on Lebanon. Pakistan carried out raids against Afghanistan. "
        "Turkey held talks with Iraq."
    )
    found = triples(result)
    assert ("Israel", "ATTACKED", "Lebanon") in found
    assert ("Pakistan", "ATTACKED", "Afghanistan") in found
    assert ("Turkey", "CONSULTED", "Iraq") in found


def test_the_group_points_to_the_last_organisation() -> None:
    result = extract("Hamas rejected the offer. Egypt accused the group of stalling.")
    assert ("Egypt", "ACCUSED", "Hamas") in triples(result)


def test_negation_does_not_leak_into_a_coordinated_verb() -> None:
    result = extract("Hamas rejected the conditions and blamed Israel for the delay.")
    assert find(result, "Hamas", "ACCUSED", "Israel").negated is False


def test_organs_of_a_state_are_part_of_it() -> None:
    result = extract("Poland's Defense Ministry criticized Belarus.")
    assert ("Defense Ministry of Poland", "PART_OF", "Poland") in triples(result)


def test_a_statement_calling_on_someone_is_its_issuers_appeal() -> None:
    result = extract("France and Germany issued a joint statement calling on Serbia to withdraw its troops.")
    found = triples(result)
    assert ("France", "URGED", "Serbia") in found
    assert ("Germany", "URGED", "Serbia") in found


def test_threat_read_from_the_threatened_action() -> None:
    result = extract("Defence Minister Avi Cohen warned that Israel would keep attacking Hezbollah.")
    assert ("Avi Cohen", "THREATENED", "Hezbollah") in triples(result)


def test_they_points_to_the_last_named_group() -> None:
    result = extract("The Houthis fired missiles at a tanker on Monday. They also threatened Israel.")
    assert ("Houthis", "THREATENED", "Israel") in triples(result)


def test_conveying_a_message_to_someone_is_consulting_them_but_conveying_concern_is_criticism() -> None:
    message = extract("Minister Ali conveyed the message to Qatar on Monday.")
    assert ("Ali", "CONSULTED", "Qatar") in triples(message)
    assert ("Kenya", "CONSULTED", "Ethiopia") in triples(
        extract("As Kenya conveyed to Ethiopia on Monday, the dam is a concern.")
    )
    concern = triples(extract("Norway conveyed its concerns to Russia over the patrols."))
    assert ("Norway", "CRITICIZED", "Russia") in concern
    assert ("Norway", "CONSULTED", "Russia") not in concern


def test_briefing_an_actor_is_consulting_it() -> None:
    assert ("Blinken", "CONSULTED", "NATO") in triples(extract("Blinken briefed NATO allies on the talks."))


def test_working_with_an_actor_is_cooperating_with_it() -> None:
    result = extract("The United Nations is working with the Sudanese army to deliver aid.")
    assert ("United Nations", "SUPPORTED", "Sudanese military") in triples(result)
    assert not triples(extract("The ship works with the tide."))


def test_the_act_someone_is_committed_to_is_theirs_but_a_membership_to_come_is_none_yet() -> None:
    assert ("United States", "SUPPORTED", "Ukraine") in triples(
        extract("The United States remains committed to supporting Ukraine.")
    )
    helping = extract("Japan is committed to helping the Philippines.")
    assert ("Japan", "SUPPORTED", "Philippines") in triples(helping)
    joining = triples(extract("Georgia remained committed to joining the EU and NATO."))
    assert not any(r == "MEMBER_OF" for _, r, _ in joining)
