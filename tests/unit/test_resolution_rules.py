"""Each comparison rule of kg.resolution.compare, and the table that combines them."""

from __future__ import annotations

import pytest

from kg.model import EntityKind
from kg.resolution.compare import (
    RULES,
    ActorRecord,
    acronym_of,
    compare,
    country_qualified_name,
    designator_variant,
    full_name_conflict,
    given_name_conflict,
    governing_name,
    kind_conflict,
    kind_mismatch,
    name_part_of,
    one_force_of_country,
    same_name,
    shortened_known_organisation,
    single_name_in_document,
    single_name_of,
    spelling_variant,
    surname_of,
)

PERSON, ORG, LOC, COUNTRY, GROUP = (
    EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.LOCATION, EntityKind.COUNTRY, EntityKind.GROUP,
)


def actor(name: str, kind: EntityKind = PERSON, *aliases: str) -> ActorRecord:
    return ActorRecord(id=name.lower().replace(" ", "-"), name=name, kind=kind, aliases=aliases)


def test_same_name_folds_accents_and_case_and_reads_aliases() -> None:
    assert same_name(actor("Recep Tayyip Erdoğan"), actor("recep tayyip ERDOGAN")) == 1.0
    assert same_name(actor("Hamas", ORG), actor("Islamic Resistance Movement", ORG, "Hamas")) == 1.0
    assert same_name(actor("Ilham Aliyev"), actor("Heydar Aliyev")) == 0.0


def test_surname_of_matches_a_bare_surname_to_a_full_name_in_either_order() -> None:
    assert surname_of(actor("Putin"), actor("Vladimir Putin")) == 1.0
    assert surname_of(actor("Vladimir Putin"), actor("Putin")) == 1.0
    # The NER's kind for a bare name may be wrong; the full name must be a person's.
    assert surname_of(actor("Lavrov", ORG), actor("Sergei Lavrov")) == 1.0
    assert surname_of(actor("Blinken", LOC), actor("Antony Blinken")) == 1.0
    assert surname_of(actor("Putin"), actor("Vladimir Putin Foundation", ORG)) == 0.0
    assert surname_of(actor("Vladimir"), actor("Vladimir Putin")) == 0.0


def test_surname_of_takes_transliterations_but_not_feminine_forms() -> None:
    assert 0.95 < surname_of(actor("Zelensky"), actor("Volodymyr Zelenskyy")) < 1.0
    assert surname_of(actor("Lavrova"), actor("Sergei Lavrov")) == 0.0


def test_single_name_of_matches_a_first_word_and_weakly_any_but_the_last() -> None:
    assert single_name_of(actor("Tsai"), actor("Tsai Ing-wen")) == 1.0
    assert single_name_of(actor("Abiy"), actor("Abiy Ahmed")) == 1.0
    assert single_name_of(actor("Donald"), actor("Donald Trump")) == 0.8  # an English given name
    assert single_name_of(actor("Lula"), actor("Luiz Inacio Lula da Silva")) == 0.8
    assert single_name_of(actor("Trump"), actor("Donald Trump")) == 0.0  # surname_of's case
    assert single_name_of(actor("Tsai", ORG), actor("Tsai Ing-wen", ORG)) == 0.0


def test_full_name_conflict_keeps_organisations_with_other_full_names_apart() -> None:
    un = actor("United Nations", ORG, "UN")
    assert full_name_conflict(un, actor("University of Nicosia", ORG, "UN")) == 1.0
    assert full_name_conflict(un, actor("UN", ORG)) == 0.0
    assert full_name_conflict(actor("Collective Security Treaty Organization", ORG),
                              actor("Russian-led Collective Security Treaty Organization", ORG)) == 0.0
    assert full_name_conflict(actor("Hayat Tahrir al-Sham", ORG), actor("Hayat Tahrir al Sham", ORG)) == 0.0


def test_name_part_of_matches_shorter_writings_with_agreeing_given_names() -> None:
    assert name_part_of(actor("Tayyip Erdogan"), actor("Recep Tayyip Erdogan")) == 1.0
    assert name_part_of(actor("Joe Biden"), actor("Joseph R. Biden")) == 1.0
    assert name_part_of(actor("Ilham Aliyev"), actor("Heydar Aliyev")) == 0.0
    # A given name that agrees makes a surname spelt differently surer.
    assert name_part_of(actor("Abdul Hamid Dbeibeh"), actor("Abdulhamid Dbeibah")) > 0.97


def test_acronym_of_reads_initials_and_leading_letters_for_organisations_only() -> None:
    full = actor("Collective Security Treaty Organization", ORG)
    assert acronym_of(actor("CSTO", ORG), full) == 1.0
    assert acronym_of(full, actor("CSTO", ORG)) == 1.0
    assert acronym_of(actor("OAS", ORG), actor("Organization of American States", ORG)) == 1.0
    assert acronym_of(actor("INTERPOL", ORG), actor("International Criminal Police Organization", ORG)) == 0.9
    assert acronym_of(actor("CSTO", PERSON), full) == 0.0
    assert acronym_of(actor("NATO", ORG), full) == 0.0


def test_designator_variant_drops_the_word_for_the_kind_of_organisation() -> None:
    assert designator_variant(actor("Georgian Dream party", ORG), actor("Georgian Dream", ORG)) == 1.0
    assert designator_variant(actor("Polisario", PERSON), actor("Polisario Front", ORG)) == 1.0
    assert designator_variant(actor("Wagner Group", ORG), actor("Wagner", PERSON)) == 1.0
    assert designator_variant(actor("Democratic Party", ORG), actor("Republican Party", ORG)) == 0.0
    assert designator_variant(actor("Party", ORG), actor("Front", ORG)) == 0.0


def test_spelling_variant_pairs_every_word_with_a_similar_one() -> None:
    assert spelling_variant(actor("Volodymyr Zelensky"), actor("Volodymyr Zelenskyy")) > 0.95
    assert spelling_variant(actor("Muammar Gaddafi"), actor("Muammar Qaddafi")) >= 0.9
    assert spelling_variant(actor("Sergei Lavrov"), actor("Sergey Lavrov")) > 0.9
    assert spelling_variant(actor("Barack Obama"), actor("Barack Osama")) == 0.0
    assert spelling_variant(actor("Ilham Aliyev"), actor("Heydar Aliyev")) == 0.0
    assert spelling_variant(actor("Niger", COUNTRY), actor("Nigeria", COUNTRY)) == 0.0


def test_given_name_conflict_separates_people_with_one_surname() -> None:
    assert given_name_conflict(actor("Ilham Aliyev"), actor("Heydar Aliyev")) == 1.0
    assert given_name_conflict(actor("Joe Biden"), actor("Joseph Biden")) == 0.0
    assert given_name_conflict(actor("Aliyev"), actor("Heydar Aliyev")) == 0.0
    assert given_name_conflict(actor("Ilham Aliyev"), actor("Ilham Tohti")) == 0.0


def test_kind_conflict_keeps_countries_events_and_groups_apart_from_people() -> None:
    assert kind_conflict(actor("Georgia", COUNTRY), actor("Georgia", LOC)) == 1.0
    assert kind_conflict(actor("Jordan", COUNTRY), actor("Jordan", PERSON)) == 1.0
    assert kind_conflict(actor("Lavrov", ORG), actor("Sergei Lavrov")) == 0.0
    assert kind_conflict(actor("Hamas", GROUP), actor("Hamas", ORG)) == 0.0


def test_kind_mismatch_is_only_the_ner_confusable_case() -> None:
    assert kind_mismatch(actor("Lavrov", ORG), actor("Sergei Lavrov")) == 1.0
    assert kind_mismatch(actor("Putin"), actor("Vladimir Putin")) == 0.0
    assert kind_mismatch(actor("Georgia", COUNTRY), actor("Georgia", LOC)) == 0.0


def test_the_table_gives_the_best_reason_minus_the_objections() -> None:
    assert [weighted.name for weighted in RULES if weighted.weight < 0] == [
        "given_name_conflict", "different_known_actors", "full_name_conflict", "kind_conflict",
        "kind_mismatch",
    ]
    putin = compare(actor("Putin"), actor("Vladimir Putin"))
    assert (putin.score, putin.rule) == (0.9, "surname_of")
    lavrov = compare(actor("Lavrov", ORG), actor("Sergei Lavrov"))
    assert lavrov.score == pytest.approx(0.85)
    assert lavrov.features == {"surname_of": 1.0, "kind_mismatch": 1.0}
    assert compare(actor("Ilham Aliyev"), actor("Heydar Aliyev")).score == 0.0
    assert compare(actor("Georgia", COUNTRY), actor("Georgia", LOC)).score == 0.0
    assert compare(actor("Recep Tayyip Erdogan"), actor("Recep Tayyip Erdoğan")).rule == "same_name"
    assert compare(actor("UN", ORG), actor("University of Nicosia", ORG)).score == 0.0


def test_single_name_in_document_needs_both_named_in_one_article() -> None:
    kim = ActorRecord("kim", "Kim", PERSON, documents=frozenset({"d1"}))
    kim_jong_un = ActorRecord("kim-jong-un", "Kim Jong-un", PERSON, documents=frozenset({"d1", "d2"}))
    elsewhere = ActorRecord("kim-jong-un", "Kim Jong-un", PERSON, documents=frozenset({"d2"}))
    assert single_name_in_document(kim, kim_jong_un) == 1.0
    assert single_name_in_document(kim, elsewhere) == 0.0
    lula = ActorRecord("lula", "Lula", PERSON, documents=frozenset({"d1"}))
    full = ActorRecord("lula-da-silva", "Luiz Inácio Lula da Silva", PERSON, documents=frozenset({"d1"}))
    assert compare(lula, full).score == 0.9
    assert compare(lula, full).rule == "single_name_in_document"
    silva = ActorRecord("silva", "Silva", PERSON, documents=frozenset({"d1"}))
    assert single_name_in_document(silva, full) == 0.0


def test_shortened_known_organisation_needs_the_dictionary_and_the_end_of_the_name() -> None:
    unsc = frozenset({"un security council"})
    council = ActorRecord("security-council", "Security Council", ORG, known_as=unsc)
    full = ActorRecord("un-security-council", "UN Security Council", ORG, known_as=unsc)
    assert shortened_known_organisation(council, full) == 1.0
    assert compare(council, full).rule == "shortened_known_organisation"
    # Unknown to the dictionaries: 'Security Council' may be a country's own.
    unknown = actor("Security Council", ORG)
    assert shortened_known_organisation(unknown, actor("UN Security Council", ORG)) == 0.0
    pla = frozenset({"peoples liberation army"})
    navy = ActorRecord("pla-navy", "PLA Navy", ORG, known_as=pla)
    assert shortened_known_organisation(ActorRecord("pla", "PLA", ORG, known_as=pla), navy) == 0.0
    person = ActorRecord("x", "Security Council", PERSON, known_as=unsc)
    assert shortened_known_organisation(council, person) == 0.0


def test_one_force_of_country_joins_two_names_of_a_countrys_whole_force_only() -> None:
    military = ActorRecord("sudan-military", "Sudanese military", ORG, ("Sudan's army",),
                           country="SD", sector="MIL")
    saf = ActorRecord("sudanese-armed-forces", "Sudanese Armed Forces", ORG, ("SAF",),
                      country="SD", sector="MIL")
    assert one_force_of_country(military, saf) == 1.0
    assert compare(military, saf).rule == "one_force_of_country"
    # A branch, another country's force, another sector, or no country: not the same.
    navy = ActorRecord("pla-navy", "PLA Navy", ORG, country="CN", sector="MIL")
    chinese = ActorRecord("china-military", "Chinese military", ORG, country="CN", sector="MIL")
    assert one_force_of_country(chinese, navy) == 0.0
    assert one_force_of_country(military, chinese) == 0.0
    police = ActorRecord("sudan-police", "Sudanese police", ORG, country="SD", sector="COP")
    assert one_force_of_country(military, police) == 0.0
    assert one_force_of_country(military, actor("Libyan National Army", ORG)) == 0.0


def test_country_qualified_name_needs_the_plain_actor_to_be_of_that_country() -> None:
    taliban = ActorRecord("taliban", "Taliban", ORG, home=frozenset({"AF"}))
    assert country_qualified_name(actor("Afghan Taliban", ORG), taliban) == 1.0
    assert country_qualified_name(taliban, actor("Afghan Taliban", ORG)) == 1.0
    ttp = actor("Tehrik-e-Taliban Pakistan", ORG, "Pakistani Taliban", "TTP")
    assert country_qualified_name(ttp, taliban) == 0.0  # another country's Taliban
    # The Taliban's country unknown: no merge.
    assert country_qualified_name(actor("Afghan Taliban", ORG), actor("Taliban", ORG)) == 0.0
    sudan_army = ActorRecord("saf", "SAF", ORG, country="SD")
    # An acronym is not a name the qualifier is put before.
    assert country_qualified_name(actor("Sudanese SAF", ORG), sudan_army) == 0.0


def test_governing_name_joins_a_movement_and_the_name_it_gives_its_state() -> None:
    assert governing_name(actor("Islamic Emirate", ORG), actor("Taliban", ORG)) == 1.0
    assert governing_name(actor("Taliban", GROUP), actor("Islamic Emirate of Afghanistan", ORG)) == 1.0
    assert governing_name(actor("Islamic Emirate", ORG), actor("Hamas", ORG)) == 0.0
    assert governing_name(actor("Islamic Emirate", PERSON), actor("Taliban", ORG)) == 0.0
