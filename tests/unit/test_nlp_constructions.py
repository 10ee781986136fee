"""One test per construction the extractor reads, on sentences written for these tests.

They use the trained pipeline (the parse matters); the model is built once per session.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.model import EntityKind
from tests.unit.test_nlp_support import extract, find, names, triples

# -- relations from the dependency parse ---------------------------------------------------


def test_active_voice_subject_verb_object() -> None:
    result = extract("Turkey condemned Syria after the border incident.")
    assert ("Turkey", "CRITICIZED", "Syria") in triples(result)


def test_passive_voice_with_agent_and_participle() -> None:
    result = extract("A truce brokered by Qatar took effect in the morning. Kenya was attacked by Somalia.")
    assert ("Qatar", "MEDIATED", "ceasefire") in triples(result)
    assert ("Somalia", "ATTACKED", "Kenya") in triples(result)


def test_prepositional_objects_including_coordinated_ones() -> None:
    result = extract(
        "The government of Moldova requested financial aid from Romania, as well as assistance "
        "from the European Union."
    )
    found = triples(result)
    assert ("Moldovan government", "REQUESTED_AID", "Romania") in found
    assert ("Moldovan government", "REQUESTED_AID", "European Union") in found


def test_talked_to_and_met_with() -> None:
    result = extract("Chancellor Olaf Scholz talked to Emmanuel Macron and later met with Giorgia Meloni.")
    found = triples(result)
    assert ("Olaf Scholz", "CONSULTED", "Emmanuel Macron") in found
    assert ("Olaf Scholz", "MET", "Giorgia Meloni") in found


def test_coordinated_subjects_and_objects() -> None:
    result = extract("Brazil and Argentina urged Paraguay and Uruguay to reopen the border.")
    found = triples(result)
    for subject in ("Brazil", "Argentina"):
        for obj in ("Paraguay", "Uruguay"):
            assert (subject, "URGED", obj) in found


def test_complement_of_an_appeal_is_not_an_event() -> None:
    result = extract("Norway urged Sweden to condemn Finland.")
    found = triples(result)
    assert ("Norway", "URGED", "Sweden") in found
    assert not any(t[1] == "CRITICIZED" for t in found)


def test_pronouns_point_back_to_the_last_person() -> None:
    result = extract(
        "Foreign Minister Sergey Lavrov arrived in Ankara on Monday. He met Hakan Fidan and urged him "
        "to keep the corridor open."
    )
    found = triples(result)
    assert ("Sergey Lavrov", "MET", "Hakan Fidan") in found
    assert ("Sergey Lavrov", "URGED", "Hakan Fidan") in found


def test_possessive_pronoun_with_proxy_noun() -> None:
    result = extract("Javier Milei said his government had requested aid from Chile.")
    assert ("Javier Milei", "REQUESTED_AID", "Chile") in triples(result)


def test_reciprocal_each_other() -> None:
    result = extract("India and Pakistan accused each other of violating the truce.")
    found = triples(result)
    assert ("India", "ACCUSED", "Pakistan") in found
    assert ("Pakistan", "ACCUSED", "India") in found


def test_symmetric_verb_with_coordinated_subjects() -> None:
    result = extract("Ethiopian troops and Eritrean soldiers clashed near the border on Sunday.")
    found = triples(result)
    assert ("Ethiopian military", "FOUGHT", "Eritrean military") in found
    assert ("Eritrean military", "FOUGHT", "Ethiopian military") in found


def test_fighting_between_two_actors_and_the_two_foes() -> None:
    result = extract(
        "Serbia and Kosovo signed a deal in Brussels. Weeks later, clashes between the two rivals resumed."
    )
    assert ("Serbia", "FOUGHT", "Kosovo") in triples(result)


def test_apposition_gives_a_role() -> None:
    result = extract("Josep Borrell, the foreign policy chief of the European Union, visited Kyiv.")
    relation = find(result, "Josep Borrell", "HOLDS_ROLE", "European Union")
    assert relation.role is not None and "chief" in relation.role


def test_title_before_name_gives_a_role_and_is_stripped() -> None:
    result = extract("Nigerian President Bola Tinubu met Ghana's foreign minister on Friday.")
    relation = find(result, "Bola Tinubu", "HOLDS_ROLE", "Nigeria")
    assert relation.role == "President"
    assert "President Bola Tinubu" not in names(result).values()


def test_member_of_an_upper_house() -> None:
    result = extract("Valentina Petrova, a senior member of Bulgaria's parliament, criticized Greece.")
    relation = find(result, "Valentina Petrova", "HOLDS_ROLE", "Parliament of Bulgaria")
    assert relation.role == "member"
    assert ("Valentina Petrova", "CRITICIZED", "Greece") in triples(result)


def test_part_of_statement_and_hosting_troops_is_no_meeting() -> None:
    result = extract("South Ossetia, which is part of Georgia, hosts Russian troops.")
    assert triples(result) == {("South Ossetia", "PART_OF", "Georgia")}
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds["South Ossetia"] is EntityKind.LOCATION


def test_member_of_statement() -> None:
    result = extract("Finland joined NATO in April.")
    assert ("Finland", "MEMBER_OF", "NATO") in triples(result)


def test_former_membership_is_not_current() -> None:
    result = extract("Both countries were previously part of Yugoslavia. Croatia and Serbia met in Zagreb.")
    assert not any(t[1] == "PART_OF" for t in triples(result))


# -- attribution, negation, dates --------------------------------------------------------


def test_according_to_attribution() -> None:
    result = extract("According to a senior Kenyan official, Uganda has deployed troops to Somalia.")
    relation = find(result, "Uganda", "DEPLOYED", "Somalia")
    assert relation.attributed_to == "kenya"


def test_reported_speech_attribution() -> None:
    result = extract("Colombia said that Venezuela had attacked its border posts.")
    relation = find(result, "Venezuela", "ATTACKED", "Colombia")  # "its" is Colombia's
    assert relation.attributed_to == "colombia"


def test_negation() -> None:
    result = extract("Azerbaijan did not accept the ceasefire. Georgia never attacked Abkhazia.")
    assert find(result, "Azerbaijan", "AGREED_TO", "ceasefire").negated is True
    assert find(result, "Georgia", "ATTACKED", "Abkhazia").negated is True


def test_denied_statement_is_negated() -> None:
    result = extract("Lebanon denied that it had attacked Israel.")
    relation = next(r for r in result.relations if r.type.value == "ATTACKED")
    assert relation.negated is True


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chad attacked Niger on Tuesday.", dt.date(2024, 5, 14)),
        ("Chad attacked Niger late Thursday.", dt.date(2024, 5, 16)),
        ("Chad attacked Niger yesterday.", dt.date(2024, 5, 15)),
        ("Chad attacked Niger on Friday.", dt.date(2024, 5, 10)),
        ("Chad attacked Niger.", None),
    ],
)
def test_dates_resolved_against_publication(sentence: str, expected: dt.date | None) -> None:
    result = extract(sentence)
    assert find(result, "Chad", "ATTACKED", "Niger").date == expected


# -- actors --------------------------------------------------------------------------------


def test_demonyms_capitals_and_seats_resolve_to_the_country() -> None:
    result = extract(
        "Georgian officials accused Moscow of provocations. The Kremlin criticized Tbilisi. "
        "Saudi diplomats met Iranian negotiators."
    )
    found = triples(result)
    assert ("Georgian government", "ACCUSED", "Russia") in found
    assert ("Russia", "CRITICIZED", "Georgia") in found
    assert ("Saudi Arabian government", "MET", "Iran") in found


def test_country_mistagged_as_person_is_a_country() -> None:
    result = extract("Azerbaijan has criticized Armenia again.")
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds["Azerbaijan"] is EntityKind.COUNTRY
    assert ("Azerbaijan", "CRITICIZED", "Armenia") in triples(result)


def test_government_bodies_by_pattern() -> None:
    result = extract(
        "Poland's Defense Ministry criticized Belarus. The Security Council of Lithuania condemned Minsk. "
        "The Latvian parliament denounced Russia."
    )
    found = triples(result)
    assert ("Defense Ministry of Poland", "CRITICIZED", "Belarus") in found
    assert ("Security Council of Lithuania", "CRITICIZED", "Belarus") in found
    assert ("Parliament of Latvia", "CRITICIZED", "Russia") in found


def test_acronym_alias() -> None:
    result = extract(
        "The Economic Community of West African States (ECOWAS) threatened Niger. Later ECOWAS "
        "criticized Mali."
    )
    entity = next(e for e in result.entities if e.name == "Economic Community of West African States")
    assert "ECOWAS" in entity.aliases
    assert ("Economic Community of West African States", "CRITICIZED", "Mali") in triples(result)


def test_institution_from_data_and_coordinated_misparse() -> None:
    result = extract("Three senators urged the White House and State Department to act.")
    found = triples(result)
    assert ("senators", "URGED", "White House") in found
    assert ("senators", "URGED", "State Department") in found


def test_groups_of_people() -> None:
    result = extract(
        "Thousands of protesters marched in Tbilisi, accusing Irakli Kobakhidze of betrayal. "
        "A group of MPs from Georgia petitioned the European Union."
    )
    found = triples(result)
    assert ("protesters", "ACCUSED", "Irakli Kobakhidze") in found
    assert ("Georgian lawmakers", "URGED", "European Union") in found


def test_events_generic_ids_are_document_scoped_named_ones_global() -> None:
    text = "Ukraine and Russia agreed to a ceasefire. Both later attended the NATO summit."
    first = extract(text + " One.")
    second = extract(text + " Two.")
    ceasefire_ids = {e.id for r in (first, second) for e in r.entities if e.name == "ceasefire"}
    assert len(ceasefire_ids) == 2  # one per document
    summit_ids = {e.id for r in (first, second) for e in r.entities if e.name == "NATO summit"}
    assert summit_ids == {"nato-summit"}


def test_one_canonical_person_per_document_with_stable_ids() -> None:
    result = extract(
        "Prime Minister Viktor Orban met Robert Fico in Budapest. Orban later criticized Brussels. "
        "Fico said Orban had talked to Ukraine."
    )
    people = [e for e in result.entities if e.kind is EntityKind.PERSON]
    assert sorted(e.name for e in people) == ["Robert Fico", "Viktor Orban"]
    orban = next(e for e in people if e.name == "Viktor Orban")
    assert orban.id == "viktor-orban"
    assert "Orban" in orban.aliases
    assert ("Viktor Orban", "CONSULTED", "Ukraine") in triples(result)


def test_the_region_points_to_the_place_under_discussion() -> None:
    result = extract(
        "Fighting continued in Darfur, which is part of Sudan. Chad later sent troops to the region."
    )
    assert ("Chad", "DEPLOYED", "Darfur") in triples(result)


def test_evidence_is_the_sentence_with_offsets_into_the_text() -> None:
    text = "Intro line.\n\nMexico criticized Peru on Monday.\n"
    result = extract(text)
    relation = find(result, "Mexico", "CRITICIZED", "Peru")
    assert text[relation.evidence.start : relation.evidence.end] == relation.evidence.text
    assert relation.evidence.text == "Mexico criticized Peru on Monday."
    assert 0 < relation.confidence <= 1


def test_a_fronted_place_misread_as_a_second_subject_is_not_the_doer() -> None:
    from kg.nlp.relations.clauses import fronted_phrase_dropped
    from tests.unit.test_nlp_support import shared_extractor

    doc = shared_extractor().nlp("Near Kandahar, 12 strikes engaged five Taliban units.")
    subjects = [t for t in doc if t.dep_ == "nsubj"]
    assert [t.text for t in subjects] == ["Kandahar", "strikes"]  # the parser's misreading
    assert [t.text for t in fronted_phrase_dropped(subjects)] == ["strikes"]
    found = triples(extract("Near Kandahar, 12 strikes engaged five Taliban units."))
    assert not any(s == "Kandahar" for s, _, _ in found), found


def test_a_participle_misread_as_the_subject_gives_way_to_the_noun_before_it() -> None:
    from kg.nlp.relations.clauses import participle_subject
    from tests.unit.test_nlp_support import shared_extractor

    text = "The Red Cross operating in Chad said Libyan forces must leave the border area."
    doc = shared_extractor().nlp(text)
    said = next(t for t in doc if t.lower_ == "said")
    subject = next(t for t in said.children if t.dep_ == "nsubj")
    assert subject.text == "operating"  # the parser's misreading
    assert participle_subject(subject).text == "Cross"
    assert ("International Committee of the Red Cross", "URGED", "Libyan military") in triples(extract(text))


def test_an_object_moved_after_an_as_phrase_is_the_verbs_object() -> None:
    from kg.nlp.relations.syntax import dobjs, shifted_object
    from tests.unit.test_nlp_support import shared_extractor

    text = "Greece on Monday denounced as a grave provocation Turkey's seizure of the island."
    doc = shared_extractor().nlp(text)
    verb = next(t for t in doc if t.lower_ == "denounced")
    assert [t.text for t in shifted_object(verb)] == ["seizure"]
    assert [t.text for t in dobjs(verb)] == ["seizure"]
    assert ("Greece", "CRITICIZED", "Turkey") in triples(extract(text))


def test_an_unnamed_body_led_by_a_named_actor_stands_for_it() -> None:
    found = triples(extract("Ethiopian-led forces attacked Somali militia positions near Baidoa on Monday."))
    assert any(s == "Ethiopia" and t == "ATTACKED" for s, t, _ in found), found
    trained = triples(extract("Ethiopian-trained forces attacked Somali militia positions near Baidoa."))
    assert not any(s == "Ethiopia" for s, _, _ in trained), trained  # trained by, not led by


def test_the_object_of_the_verb_an_infinitive_completes_is_its_subject() -> None:
    from kg.nlp.relations.clauses import controlling_object
    from tests.unit.test_nlp_support import shared_extractor

    text = "Canada is assisting Kurdish forces to defeat the Taliban."
    doc = shared_extractor().nlp(text)
    defeat = next(t for t in doc if t.lower_ == "defeat")
    assert [t.text for t in controlling_object(defeat)] == ["forces"]
    found = triples(extract(text))
    assert not any(s == "Canada" and t == "ATTACKED" for s, t, _ in found), found


def test_people_named_by_a_common_noun_stand_for_the_organisation_they_come_from() -> None:
    found = triples(extract("Militants from the Kurdistan Workers' Party attacked a Turkish army post."))
    assert ("Kurdistan Workers' Party", "ATTACKED", "Turkey") in found, found
    refugees = triples(extract("Refugees from Syria protested against Turkey."))
    assert not any(s == "Syria" for s, _, _ in refugees), refugees  # a country is where they are from


def test_a_prepositions_object_misread_as_the_next_clauses_subject_is_its_object() -> None:
    from kg.nlp.relations.syntax import prep_objects, stranded_object
    from tests.unit.test_nlp_support import shared_extractor

    text = (
        "Chile has granted diplomatic asylum to four Peruvian army officers holed up in an embassy "
        "since last month."
    )
    doc = shared_extractor().nlp(text)
    granted = next(t for t in doc if t.lower_ == "granted")
    to = next(t for t in granted.children if t.lower_ == "to")
    assert not any(c.dep_ == "pobj" for c in to.children)  # the parser's misreading
    assert [t.text for t in stranded_object(to)] == ["officers"]
    assert [t.text for t in prep_objects(granted, "to")] == ["officers"]


def test_a_fronted_place_whose_comma_the_parser_hangs_inside_it_is_not_the_doer() -> None:
    from kg.nlp.relations.clauses import fronted_phrase_dropped, opens_with_preposition
    from tests.unit.test_nlp_support import shared_extractor

    text = "Near Hawija, three strikes engaged an ISIL tactical unit and destroyed two tactical vehicles."
    doc = shared_extractor().nlp(text)
    subjects = [t for t in doc if t.dep_ == "nsubj"]
    assert [t.text for t in subjects] == ["Hawija", "strikes"]  # the parser's misreading
    assert opens_with_preposition(subjects[0]) and not opens_with_preposition(subjects[1])
    assert [t.text for t in fronted_phrase_dropped(subjects)] == ["strikes"]
    assert not any(s == "Hawija" for s, _, _ in triples(extract(text)))


def test_an_object_counted_with_up_to_is_the_object() -> None:
    from kg.nlp.relations.syntax import counted_object, dobjs
    from tests.unit.mention_support import parse

    doc = parse("Afghan rebels have kidnapped up to 16 Russian advisers from a bazaar.")
    kidnapped = next(t for t in doc if t.text == "kidnapped")
    assert [t.text for t in counted_object(kidnapped)] == ["advisers"]
    assert [t.text for t in dobjs(kidnapped)] == ["advisers"]
    found = triples(extract("Afghan rebels have kidnapped up to 16 Russian advisers from a bazaar."))
    assert any(s == "Afghan rebels" and o == "Russia" for s, _, o in found), found
    # "up to" with no number is no object
    doc = parse("The rebels gave up to the army.")
    assert counted_object(next(t for t in doc if t.text == "gave")) == []
