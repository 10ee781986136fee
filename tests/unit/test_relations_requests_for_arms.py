"""Requests for weapons systems in wire copy: a request for aid, like a request for aid by name.
Sentences written for these tests."""

from __future__ import annotations

from tests.unit.test_nlp_support import extract, triples


def test_asking_someone_for_weapons_systems_requests_aid_from_them() -> None:
    missiles = triples(extract("Ukraine asked Germany for Taurus missiles."))
    assert ("Ukraine", "REQUESTED_AID", "Germany") in missiles
    found = triples(extract("Ukraine asked its Western allies for more air defence systems."))
    assert ("Ukraine", "REQUESTED_AID", "allies") in found


def test_asking_someone_for_something_else_is_no_request_for_aid() -> None:
    found = triples(extract("Britain asked France for patience."))
    assert ("United Kingdom", "REQUESTED_AID", "France") not in found
