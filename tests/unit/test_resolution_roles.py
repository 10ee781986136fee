"""kg.resolution.roles: who held which role when, from dated claims and dated roles."""

from __future__ import annotations

import datetime as dt

from kg.resolution.resolver import Tenure
from kg.resolution.roles import RoleEvidence, held_on, role_evidence, role_key, tenures, titles

D = dt.date


def test_claims_give_a_tenure_until_someone_else_is_seen_in_the_role() -> None:
    evidence = [
        RoleEvidence("a", "President", "x", D(2010, 1, 1), D(2012, 1, 1)),
        RoleEvidence("b", "president", "x", D(2013, 1, 1), D(2014, 1, 1)),
    ]
    assert sorted(tenures(evidence), key=lambda t: t.holder) == [
        Tenure("a", "president", "x", D(2010, 1, 1), D(2012, 12, 31)),
        Tenure("b", "president", "x", D(2013, 1, 1), None),
    ]


def test_overlapping_holders_keep_their_own_spans() -> None:
    evidence = [
        RoleEvidence("a", "minister", "x", D(2010, 1, 1), D(2012, 1, 1)),
        RoleEvidence("b", "Minister", "x", D(2011, 1, 1), D(2014, 1, 1)),
    ]
    found = {t.holder: t for t in tenures(evidence)}
    assert found["a"].end is None and found["b"].end is None  # nobody came after either


def test_dated_intervals_are_kept_as_given() -> None:
    rows = [{"holder": "putin", "role": "government", "of": "russia", "first_seen": None,
             "last_seen": None, "intervals": [[D(1999, 12, 31), D(2008, 5, 7)], [D(2008, 5, 8), None]]}]
    found = tenures(role_evidence(rows))
    assert found == [
        Tenure("putin", "government", "russia", D(1999, 12, 31), D(2008, 5, 7)),
        Tenure("putin", "government", "russia", D(2008, 5, 8), None),
    ]
    assert held_on(found, D(2005, 1, 1)) == found[:1]
    assert held_on(found, D(1990, 1, 1)) == []
    assert held_on(found, None) == found


def test_roles_are_compared_folded_and_shown_as_most_often_written() -> None:
    assert role_key("Secretary-General") == "secretary general"
    evidence = [RoleEvidence("a", "Prime Minister", "x", D(2020, 1, 1), D(2020, 1, 1)),
                RoleEvidence("a", "prime minister", "x", D(2021, 1, 1), D(2021, 1, 1)),
                RoleEvidence("a", "Prime Minister", "y", D(2021, 1, 1), D(2021, 1, 1))]
    assert titles(evidence, tenures(evidence)) == ["Prime Minister"]


def test_one_holders_spellings_of_a_role_are_one_tenure() -> None:
    evidence = [
        RoleEvidence("a", "President", "x", D(2009, 5, 1), D(2009, 5, 1)),
        RoleEvidence("a", "president", "x", D(2011, 6, 1), D(2011, 6, 1)),
        RoleEvidence("b", "President", "x", D(2012, 5, 7), D(2014, 1, 1)),
    ]
    assert sorted(tenures(evidence), key=lambda t: t.holder) == [
        Tenure("a", "president", "x", D(2009, 5, 1), D(2012, 5, 6)),
        Tenure("b", "president", "x", D(2012, 5, 7), None),
    ]
