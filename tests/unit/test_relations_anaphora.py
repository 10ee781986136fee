"""Arguments named by pointing back: pronouns, "the two men", "both sides", "the ministry",
"its fighters", a spokesman's principal. Sentences written here."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_he_in_the_next_sentence_is_the_last_person() -> None:
    found = triples(extract("Joe Smith, the US envoy, arrived in Cairo. He warned Iran against escalation."))
    assert ("Joe Smith", "THREATENED", "Iran") in found


def test_the_ministry_points_back_to_the_ministry_named_last() -> None:
    found = triples(
        extract("Norway's foreign ministry summoned the ambassador on Monday. The ministry criticized Japan.")
    )
    assert ("Foreign Ministry of Norway", "CRITICIZED", "Japan") in found


def test_the_ministry_with_nothing_named_before_is_no_one() -> None:
    assert not triples(extract("The ministry criticized Japan."))


def test_a_spokesman_for_a_government_speaks_for_that_government() -> None:
    found = triples(extract("A spokesman for the Norwegian government criticized Japan."))
    assert ("Norwegian government", "CRITICIZED", "Japan") in found


def test_an_envoy_for_a_country_does_not_speak_for_it() -> None:
    found = triples(extract("The UN envoy for Syria criticized Japan."))
    assert ("Syria", "CRITICIZED", "Japan") not in found


def test_the_two_men_are_the_last_two_people_named() -> None:
    text = (
        "Maria Lopez met John Carter on Monday. "
        "The two men, who both belong to the ruling Liberal Party, disagree on taxes."
    )
    found = triples(extract(text))
    assert ("Maria Lopez", "MEMBER_OF", "Liberal Party") in found
    assert ("John Carter", "MEMBER_OF", "Liberal Party") in found


def test_both_leaders_skips_the_subject_of_the_clause() -> None:
    text = (
        "Maria Lopez spoke to John Carter on Monday. "
        "The U.N. envoy, Ana Ruiz, has met both leaders since May."
    )
    found = triples(extract(text))
    assert ("Ana Ruiz", "MET", "Maria Lopez") in found
    assert ("Ana Ruiz", "MET", "John Carter") in found


def test_the_two_leaders_needs_two_people() -> None:
    found = triples(extract("Maria Lopez arrived in Lima. The two leaders met Chile."))
    assert not any(t == "MET" and o == "Chile" for _, t, o in found)


def test_its_fighters_are_the_named_groups() -> None:
    found = triples(extract("The Arakan Army said its fighters had seized the town of Buthidaung."))
    assert ("Arakan Army", "CAPTURED", "Buthidaung") in found
    assert not any(s == "militants" for s, _, _ in found)


def test_it_after_an_unnamed_collective_speaker_is_not_an_earlier_country() -> None:
    text = "Fighting spread in Chad. A coalition of armed groups said on Friday it had captured Faya."
    found = triples(extract(text))
    assert ("Chad", "CAPTURED", "Faya") not in found


def test_it_after_unqualified_officials_is_still_the_country() -> None:
    found = triples(extract("Russia attacked on Monday. Officials said it had captured Avdiivka."))
    assert ("Russia", "CAPTURED", "Avdiivka") in found


def test_both_sides_are_never_the_urgers_themselves() -> None:
    text = "Chile and Peru held talks. Canada and the EU urged both sides to settle."
    found = triples(extract(text))
    assert ("Canada", "URGED", "Chile") in found
    assert ("European Union", "URGED", "Peru") in found
    assert ("Canada", "URGED", "European Union") not in found


def test_both_sides_are_not_two_people_met_later() -> None:
    text = (
        "Chile and Peru held talks on Monday. Ana Ruiz met Jorge Vega and Luis Soto. "
        "Brazil urged both sides to settle the dispute."
    )
    found = triples(extract(text))
    assert ("Brazil", "URGED", "Chile") in found
    assert not any(o in ("Jorge Vega", "Luis Soto") and t == "URGED" for _, t, o in found)


def test_they_does_not_reach_a_coordination_three_sentences_back() -> None:
    text = (
        "Ana Ruiz met Jorge Vega and Luis Soto on Monday. Rwanda has troops in Benin. "
        "The mission ends this year. Benin has threatened to expel them."
    )
    found = triples(extract(text))
    assert not any(o in ("Jorge Vega", "Luis Soto") for _, t, o in found if t == "THREATENED")


def test_the_court_is_the_court_named_before() -> None:
    text = "Belize went to the International Court of Justice. Guatemala rejects the court's ruling."
    assert ("Guatemala", "REJECTED", "International Court of Justice") in triples(extract(text))


def test_the_people_of_a_country_stand_for_it() -> None:
    assert ("Russia", "SUPPORTED", "Syria") in triples(extract("Russia helped the people of Syria."))
    assert not triples(extract("Strikes killed 20 people in Gaza."))


def test_our_named_partners_are_the_name_in_the_phrase() -> None:
    found = triples(extract("Our Coalition partners struck Islamic State positions near Raqqa."))
    assert ("Coalition", "ATTACKED", "Islamic State") in found


def test_an_attack_stands_for_its_doer_not_the_place_it_happened() -> None:
    from kg.nlp.relations.resolve import proxy_prepositions

    assert "in" in proxy_prepositions("official")  # "officials in X" are X's
    assert "in" not in proxy_prepositions("attack") and "from" in proxy_prepositions("attack")
    assert ("Chile", "CRITICIZED", "Peru") in triples(extract("Chile condemned the attacks from Peru."))


def test_an_act_stands_for_whoever_the_participle_says_did_it() -> None:
    found = triples(extract("The bombing, carried out by al-Shabaab, killed 12 Kenyan soldiers."))
    assert ("Al-Shabaab", "KILLED", "Kenyan military") in found, found
    assert ("France", "CRITICIZED", "Islamic State") in triples(
        extract("France condemned the attacks claimed by the Islamic State.")
    )
    # a participle that says nothing of the doer does not make one
    found = triples(extract("The bombing, reported by Kenyan media, killed 12 soldiers."))
    assert not any(t == "KILLED" for _, t, _ in found), found


def test_they_can_stand_for_a_body_with_a_plural_name() -> None:
    found = triples(extract("The Syrian Democratic Forces said they had captured Raqqa."))
    assert ("Syrian Democratic Forces", "CAPTURED", "Raqqa") in found
    found = triples(extract("The Israel Defense Forces entered Gaza. They killed a Hamas commander."))
    assert ("Israel Defense Forces", "KILLED", "Hamas") in found


def test_they_is_not_a_body_whose_name_is_no_plural() -> None:
    text = "France pulled its troops from Niger after the United Nations left and the junta ordered them out."
    assert not any(o == "United Nations" for _, _, o in triples(extract(text)))
