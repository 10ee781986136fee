"""kg.resolution.resolver.plan: which new actors are merged, which pairs become candidates."""

from __future__ import annotations

import datetime as dt

from kg.model import EntityKind
from kg.resolution.compare import ActorRecord
from kg.resolution.resolver import (
    AUTOMATIC,
    Judgement,
    Merge,
    Plan,
    RoleReference,
    Tenure,
    Thresholds,
    plan,
)

PERSON, ORG = EntityKind.PERSON, EntityKind.ORGANIZATION


def new(identifier: str, name: str, kind: EntityKind = PERSON) -> ActorRecord:
    return ActorRecord(identifier, name, kind)


def stored(identifier: str, name: str, kind: EntityKind = PERSON, *merged: str) -> ActorRecord:
    return ActorRecord(identifier, name, kind, stored=True, ids=(identifier, *merged))


def test_a_surname_merges_into_the_one_stored_person_with_it() -> None:
    result = plan([new("putin", "Putin")], {"putin": [stored("vladimir-putin", "Vladimir Putin")]})
    assert result.merges == [Merge("putin", "vladimir-putin", 0.9, "surname_of")]
    assert result.candidates == []


def test_two_stored_people_with_the_surname_make_candidates_not_a_merge() -> None:
    offered = [stored("ilham-aliyev", "Ilham Aliyev"), stored("heydar-aliyev", "Heydar Aliyev")]
    result = plan([new("aliyev", "Aliyev")], {"aliyev": offered})
    assert result.merges == []
    assert sorted((c.left, c.right) for c in result.candidates) == [
        ("aliyev", "heydar-aliyev"), ("aliyev", "ilham-aliyev"),
    ]


def test_a_weak_match_is_a_candidate_only() -> None:
    result = plan([new("lavrov", "Lavrov", ORG)], {"lavrov": [stored("sergei-lavrov", "Sergei Lavrov")]},
                  thresholds=Thresholds(auto=0.9, candidate=0.6))
    assert result.merges == [] and [c.right for c in result.candidates] == ["sergei-lavrov"]


def test_new_actors_of_one_batch_merge_into_the_fullest_name() -> None:
    result = plan([new("biden", "Biden"), new("joe-biden", "Joe Biden")], {})
    assert result.merges == [Merge("biden", "joe-biden", 0.9, "surname_of")]
    assert result.id_map() == {"biden": "joe-biden"}


def test_a_negative_decision_rules_out_the_pair_and_ids_merged_into_it() -> None:
    judgement = Judgement("putin", "v-putin", same=False, decided_by="ana", id="d1")
    offered = {"putin": [stored("vladimir-putin", "Vladimir Putin", PERSON, "v-putin")]}
    assert plan([new("putin", "Putin")], offered, [judgement]).merges == []


def test_a_positive_decision_is_followed_whatever_the_score() -> None:
    judgement = Judgement("kremlin-chief", "vladimir-putin", same=True, decided_by="ana", id="d2")
    offered = {"kremlin-chief": [stored("vladimir-putin", "Vladimir Putin")]}
    result = plan([new("kremlin-chief", "Kremlin chief")], offered, [judgement])
    assert result.merges == [Merge("kremlin-chief", "vladimir-putin", 1.0, "decision", "ana", "d2")]


def test_a_role_reference_is_the_one_holder_on_its_date() -> None:
    reference = RoleReference(
        "armenian-prime-minister--doc-1", "prime minister", "armenia", dt.date(2022, 9, 15)
    )
    tenures = [
        Tenure("nikol-pashinyan", "prime minister", "armenia", dt.date(2018, 5, 8), None),
        Tenure("serzh-sargsyan", "prime minister", "armenia", dt.date(2018, 4, 17), dt.date(2018, 4, 23)),
    ]
    result = plan([new(reference.id, "Armenian prime minister")], {}, roles=[reference], tenures=tenures)
    assert result.merges == [Merge(reference.id, "nikol-pashinyan", 0.9, "role_holder", AUTOMATIC)]
    earlier = RoleReference(reference.id, "prime minister", "armenia", dt.date(2018, 4, 20))
    merges = plan([new(reference.id, "x")], {}, roles=[earlier], tenures=tenures).merges
    assert [m.into for m in merges] == ["serzh-sargsyan"]
    unknown = RoleReference(reference.id, "prime minister", "armenia", dt.date(2010, 1, 1))
    assert plan([new(reference.id, "x")], {}, roles=[unknown], tenures=tenures).merges == []


def test_id_map_follows_chains_of_merges() -> None:
    chained = Plan(merges=[Merge("a", "b", 1, "r"), Merge("b", "c", 1, "r")])
    assert chained.id_map() == {"a": "c", "b": "c"}


def test_a_bare_name_goes_to_the_full_name_its_own_article_wrote() -> None:
    kim = ActorRecord("kim", "Kim", PERSON, documents=frozenset({"d1"}))
    offered = [ActorRecord("kim-jong-un", "Kim Jong-un", PERSON, stored=True, documents=frozenset({"d1"})),
               ActorRecord("jack-kim", "Jack Kim", PERSON, stored=True)]
    result = plan([kim], {"kim": offered})
    assert result.merges == [Merge("kim", "kim-jong-un", 0.9, "single_name_in_document")]


def test_a_bare_name_beside_two_full_names_in_its_article_stays_a_candidate() -> None:
    kim = ActorRecord("kim", "Kim", PERSON, documents=frozenset({"d1"}))
    offered = [ActorRecord("kim-jong-un", "Kim Jong-un", PERSON, stored=True, documents=frozenset({"d1"})),
               ActorRecord("kim-yo-jong", "Kim Yo-jong", PERSON, stored=True, documents=frozenset({"d1"}))]
    result = plan([kim], {"kim": offered})
    assert result.merges == []
    assert sorted(c.right for c in result.candidates) == ["kim-jong-un", "kim-yo-jong"]


def test_without_a_shared_article_an_english_given_name_is_only_a_candidate() -> None:
    result = plan([new("kim", "Kim")], {"kim": [stored("kim-jong-un", "Kim Jong-un")]})
    assert result.merges == [] and [c.right for c in result.candidates] == ["kim-jong-un"]


def test_a_countrys_forces_named_apart_in_one_batch_meet_by_country_and_sector() -> None:
    military = ActorRecord("china-military", "Chinese military", ORG, country="CN", sector="MIL")
    pla = ActorRecord("people-s-liberation-army", "People's Liberation Army", ORG, country="CN", sector="MIL")
    result = plan([military, pla], {})
    assert result.merges == [Merge("china-military", "people-s-liberation-army", 0.9, "one_force_of_country")]


def test_a_dated_government_merges_into_the_movement_that_governed_then() -> None:
    government = ActorRecord("afghanistan-government-since-2021-08-15", "Afghan government", ORG,
                             country="AF", sector="GOV")
    result = plan([government, new("taliban", "Taliban", ORG)], {},
                  governments={government.id: "taliban"})
    assert result.merges == [Merge(government.id, "taliban", 0.9, "de_facto_government")]


def test_a_dated_government_a_person_split_from_its_movement_stays_apart() -> None:
    government = ActorRecord("afghanistan-government-since-2021-08-15", "Afghan government", ORG,
                             country="AF", sector="GOV")
    no = Judgement("taliban", government.id, same=False, decided_by="ana", id="d1")
    result = plan([government], {government.id: [stored("taliban", "Taliban", ORG)]}, [no],
                  governments={government.id: "taliban"})
    assert result.merges == []


def test_a_movement_is_kept_over_the_names_of_its_state_and_its_country_qualified_name() -> None:
    taliban = ActorRecord("taliban", "Taliban", ORG, home=frozenset({"AF"}), documents=frozenset({"d"}))
    emirate = ActorRecord("islamic-emirate", "Islamic Emirate", ORG, documents=frozenset({"d"}))
    afghan = ActorRecord("afghan-taliban", "Afghan Taliban", ORG, documents=frozenset({"d"}))
    result = plan([emirate, afghan, taliban], {})
    assert result.id_map() == {"islamic-emirate": "taliban", "afghan-taliban": "taliban"}


def test_a_generic_word_is_the_one_organisation_of_its_kind_its_article_names() -> None:
    alliance = ActorRecord("alliance--doc-1", "alliance", ORG, documents=frozenset({"doc-1"}))
    nato = ActorRecord("nato", "NATO", ORG)
    result = plan([alliance], {}, named_in={"doc-1": [nato, ActorRecord("kremlin", "Kremlin", ORG)]})
    assert result.merges == [Merge("alliance--doc-1", "nato", 0.9, "one_of_kind_in_document")]


def test_a_generic_word_beside_two_organisations_of_its_kind_stays_itself() -> None:
    alliance = ActorRecord("alliance--doc-1", "the alliance", ORG, documents=frozenset({"doc-1"}))
    two = [ActorRecord("nato", "NATO", ORG), ActorRecord("csto", "CSTO", ORG)]
    assert plan([alliance], {}, named_in={"doc-1": two}).merges == []
    # Another article's NATO is not this one's.
    assert plan([alliance], {}, named_in={"doc-2": two[:1]}).merges == []
