"""The model's named entities, read as countries, people, places, organisations, peoples, events."""

from __future__ import annotations

from kg.nlp.mentions import Found, entities
from tests.unit.mention_support import lexicon, mentions, parse, read
from tests.unit.test_nlp_support import extract


def test_the_models_entities_become_mentions() -> None:
    text = "Maria Lopez spoke to reporters in Madrid."
    assert read(mentions(text))["Maria Lopez"] == ("PERSON", "Maria Lopez")
    assert "Maria Lopez" not in read(mentions(text, without=[entities.model_entities]))


def test_an_entity_loses_its_article_and_possessive() -> None:
    doc = parse("The Northern Liberation Council's fighters left.")
    ent = next(e for e in doc.ents if "Liberation" in e.text)
    assert entities.trimmed(ent, lexicon()).text == "Northern Liberation Council"


def test_a_nationality_the_packages_do_not_list_names_its_country() -> None:
    doc = parse("Azeri troops crossed the border.")
    assert entities.nationality_code(doc[0:1], "NORP", lexicon()) == "AZ"


def test_a_plural_person_after_the_is_a_people_and_a_person_ending_in_front_an_organisation() -> None:
    found = read(mentions("The Houthis attacked a ship. Tigray People's Liberation Front leaders met."))
    assert found["Houthis"] == ("GROUP", "Houthis")
    assert found["Tigray People's Liberation Front"][0] == "ORGANIZATION"


def test_a_place_named_with_digits_is_an_armed_group() -> None:
    doc = parse("The M23 took the town of Sake.")
    ent = next(e for e in doc.ents if e.text == "M23")
    assert ent.label_ == "GPE"  # the model's reading, corrected:
    assert entities.corrected_label(ent, ent, Found(doc), lexicon()) == "ORG"


def test_a_titled_name_the_model_took_for_an_organisation_is_a_person() -> None:
    found = read(mentions("Government spokeswoman Yolande Makolo denied the claim."))
    assert found["Yolande Makolo"] == ("PERSON", "Yolande Makolo")


def test_a_lone_name_around_a_place_preposition_is_a_place() -> None:
    found = extract("The rebels were fighting around Baraka on Friday.")
    assert {e.name: e.kind.value for e in found.entities}.get("Baraka") == "LOCATION"


def test_a_nationality_word_used_as_a_place_is_a_place() -> None:
    # the model tags this invented name as a nationality (NORP)
    names = {e.name: e.kind.value for e in extract("Fighting spread to Pashtuni on Monday.").entities}
    assert "Pashtunis" not in names
    assert names.get("Pashtuni") == "LOCATION"


def test_an_organisation_with_a_title_in_apposition_is_a_person() -> None:
    doc = parse("Valentina Petrova, a senior member of the council, said.")
    span = doc[0:2]
    assert entities.titled_in_apposition(span, lexicon())


def test_a_capitalised_preposition_the_model_took_into_a_name_leaves_a_place() -> None:
    found = read(mentions("Near Ar Raqqah, 15 strikes engaged five ISIL tactical units."))
    assert found["Ar Raqqah"] == ("LOCATION", "Ar Raqqah")


def test_of_a_list_the_model_ran_into_one_entity_the_untaken_names_stand_alone() -> None:
    text = "He discussed support for the Iraqi Armed Forces, Popular Mobilization Forces, and others."
    found = read(mentions(text))
    assert found["Iraqi Armed Forces"][0] == "ORGANIZATION"
    assert found["Popular Mobilization Forces"][0] == "ORGANIZATION"
    doc = parse("Armenia's Security Council met.")
    assert entities.listed_parts(doc[0:4], Found(doc)) == []  # nothing taken, nothing cut off


def test_a_peoples_word_is_pluralised_as_its_people_are_named() -> None:
    lex = lexicon()
    assert entities.people_plural("Kurdish", lex) == "Kurds"
    assert entities.people_plural("Sudanese", lex) == "Sudanese"
    assert entities.people_plural("British", lex) == "British"
    assert entities.people_plural("Houthi", lex) == "Houthis"


def test_a_lone_peoples_word_names_its_people_not_a_rule_made_plural() -> None:
    found = read(mentions("The Kurdish fought back in Manbij."))
    assert found["Kurdish"] == ("GROUP", "Kurds")


def test_a_word_the_agent_dictionary_sectors_is_no_unlisted_nationality() -> None:
    assert entities.unlisted_nationality("Azeri", lexicon())
    assert not entities.unlisted_nationality("Christian", lexicon())  # a religion, not Christmas Island
    found = read(mentions("A newspaper based in Christian east Beirut violated the ban."))
    assert found["Christian"] != ("COUNTRY", "Christmas Island"), found


def test_an_armed_group_the_model_took_for_a_people_is_that_group() -> None:
    found = read(mentions("Israel killed a senior Hezbollah commander in the strike."))
    assert found["Hezbollah"] == ("ORGANIZATION", "Hezbollah")
    # a people's word still names its people
    people = read(mentions("Israel killed a senior Rohingya commander in the strike."))
    assert people["Rohingya"][0] == "GROUP"


def test_a_title_cut_off_from_its_name_is_no_person() -> None:
    # the model splits "Navy Capt. Jeff Davis" at the abbreviation's full stop
    found = read(mentions("Pentagon press operations director Navy Capt. Jeff Davis said today."))
    assert found["Jeff Davis"] == ("PERSON", "Jeff Davis")
    assert "Navy Capt" not in found
    # and where the model took it for an organisation, the organisation is what comes before it
    found = read(mentions("Questions will be taken by Navy Capt. Jeff Davis in the room."))
    assert "Navy Capt" not in found and found["Navy"][0] == "ORGANIZATION"


def test_a_name_with_digits_or_a_transcript_label_is_no_person() -> None:
    assert "Passcode 3080897" not in read(mentions("When prompted, enter Passcode 3080897. Dial in early."))
    assert "QUESTION" not in read(mentions("QUESTION: There are reports of U.S. companies selling arms."))
    doc = parse("QUESTION: Did Russia respond?")
    assert not entities.bears_a_name(doc[0:1], lexicon())


def test_a_name_written_in_capitals_is_the_same_persons_in_its_usual_case() -> None:
    found = extract("John Kirby spoke to reporters.\n\nMR KIRBY: Thanks, everybody.")
    assert [e.name for e in found.entities if e.kind.value == "PERSON"] == ["John Kirby"]
    doc = parse("MR KIRBY: Thanks. The MASSOB leaders met.")
    assert entities.unshouted(doc[1:2]) == "Kirby"
    assert entities.unshouted(doc[6:7]) == "MASSOB"  # no speaker's label: as written


def test_a_person_ending_in_a_place_noun_is_a_place_and_a_platform_an_organisation() -> None:
    found = read(mentions("Follow the Deputy Secretary on Twitter. Officials visited Ninawa Province."))
    assert found["Twitter"][0] == "ORGANIZATION"
    assert found["Ninawa Province"][0] == "LOCATION"


def test_a_weapon_written_as_an_acronym_or_a_lower_case_place_is_no_entity() -> None:
    text = "A VBIED struck the checkpoint. The U.S. Charge d'Affaires, a.i., Jonathan Cohen, spoke."
    found = read(mentions(text))
    assert "VBIED" not in found
    assert "IED" not in read(mentions("Strikes destroyed ISIL fortifications, IED facilities and vehicles."))
    assert "a.i." not in found


def test_an_organisation_loses_a_trailing_bracket_the_model_took_in() -> None:
    text = "Officials of the Iraqi Ministry of Culture, State Board of Antiquities and Heritage (SBAH) spoke."
    names = {m.text for m in mentions(text)}
    assert not any(n.endswith(("(", ",")) for n in names), names
    assert "SBAH" in names


def test_a_capitalised_word_the_model_left_out_before_an_organisation_is_its_first() -> None:
    text = "said Maj. Gen. Gary J. Volesky, commander, Combined Joint Forces Land Component Command."
    doc = parse(text)
    ent = next(e for e in doc.ents if e.label_ == "ORG")
    assert ent.text.startswith("Joint")  # the model leaves "Combined" out
    assert "Combined Joint Forces Land Component Command" in {m.text for m in mentions(text)}
    # a title or a word the model tagged is no part of the name
    text = "Turkish President Erdogan met NATO Secretary General Jens Stoltenberg."
    found = {m.text for m in mentions(text)}
    assert "NATO" in found
