"""kg.resolution.knowledge: the dictionaries' name forms and dated roles as resolution knowledge."""

from __future__ import annotations

import datetime as dt

from kg.model import EntityKind
from kg.resolution.compare import ActorRecord, compare, different_known_actors, same_known_actor
from kg.resolution.knowledge import ActorKnowledge, DatedRole, dictionary_knowledge, known_actors, sector_role


def knowledge() -> ActorKnowledge:
    def office(code: str) -> tuple[str, str] | None:
        return {"RUS": ("russia", "Russia"), "AZE": ("azerbaijan", "Azerbaijan")}.get(code)

    return ActorKnowledge(known_actors([
        (("vladimir putin", "putin", "president putin"),
         [("RUSGOV", dt.date(1999, 12, 31), dt.date(2008, 5, 7)), ("RUSXXX", None, None)]),
        (("heydar aliyev",), [("AZEGOV", dt.date(1993, 6, 24), dt.date(2003, 10, 31))]),
        (("ilham aliyev",), [("AZEGOV", dt.date(2003, 10, 31), None)]),
        (("hamas", "islamic resistance movement"), []),
        (("the government",), []), (("the government", "cabinet"), []),
    ], "test.txt", office))


def test_names_are_known_as_the_one_actor_they_are_a_form_of() -> None:
    known = knowledge()
    assert known.known_as(["Putin"]) == {"vladimir putin"}
    assert known.known_as(["Vladimir Putin", "President Putin"]) == {"vladimir putin"}
    assert known.known_as(["Aliyev"]) == frozenset()
    # A form two entries share names neither.
    assert known.known_as(["The Government"]) == frozenset()


def test_dated_roles_name_their_sector_and_country() -> None:
    putin = knowledge().actor("vladimir putin")
    assert putin is not None
    assert putin.roles == (
        DatedRole("government", "russia", "Russia", dt.date(1999, 12, 31), dt.date(2008, 5, 7), "RUSGOV"),
    )
    assert sector_role("AZEGOVMED") == "government media"
    assert sector_role("RUS") is None


def test_the_rules_read_the_knowledge_carried_by_the_records() -> None:
    known = knowledge()

    def record(name: str) -> ActorRecord:
        return ActorRecord(name, name, EntityKind.PERSON, known_as=known.known_as([name]))

    assert same_known_actor(record("President Putin"), record("Vladimir Putin")) == 1.0
    assert different_known_actors(record("Ilham Aliyev"), record("Heydar Aliyev")) == 1.0
    assert different_known_actors(record("Aliyev"), record("Heydar Aliyev")) == 0.0
    assert compare(record("President Putin"), record("Vladimir Putin")).rule == "same_known_actor"


def test_the_converted_phoenix_dictionaries_know_office_holders() -> None:
    known = dictionary_knowledge()
    assert len(known.known_as(["Recep Tayyip Erdoğan"])) == 1
    assert known.known_as(["Ilham Aliyev"]) != known.known_as(["Heydar Aliyev"])


def test_the_dictionaries_place_a_non_state_actor_in_its_country_by_its_code() -> None:
    known = dictionary_knowledge()
    assert known.countries_of(known.known_as(["Taliban"])) == {"AF"}
    assert known.countries_of(known.known_as(["NATO"])) == frozenset()  # an IGO code is no country


def test_an_actor_is_of_the_country_it_governed_by_the_governments_table() -> None:
    from kg.resolution.knowledge import home_countries

    assert home_countries(["Taliban"], (), None) == {"AF"}
    assert home_countries(["Hamas"], (), None) == frozenset()
