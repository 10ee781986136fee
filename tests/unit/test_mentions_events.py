"""Events named by nouns: "the ceasefire", "the Doha talks", "a water-sharing pact"."""

from __future__ import annotations

from kg.nlp.mentions import events
from tests.unit.mention_support import by_text, lexicon, mentions, parse, read
from tests.unit.test_nlp_support import extract, triples


def test_event_nouns_are_events_named_by_their_listed_compound() -> None:
    text = "The two sides signed a peace deal and agreed to a ceasefire."
    found = read(mentions(text))
    assert found["peace deal"] == ("EVENT", "peace agreement")
    assert found["ceasefire"] == ("EVENT", "ceasefire")
    assert read(mentions(text, without=[events.events])) == {}


def test_a_proper_noun_names_an_event_and_a_bare_one_is_generic() -> None:
    found = mentions("Delegates at the Geneva talks discussed the ceasefire. The 2020 agreement failed.")
    assert (by_text(found, "talks").name, by_text(found, "talks").named) == ("Geneva peace talks", True)
    assert by_text(found, "2020 agreement").named
    assert not by_text(found, "ceasefire").named


def test_a_fresh_event_is_a_new_one() -> None:
    doc = parse("The opposition demanded new elections.")
    event = events.event_of(doc[4], lexicon())
    assert event is not None and event[0] == "new election"


def test_two_agreements_about_different_things_stay_apart() -> None:
    text = "Chile signed a defence pact with Peru. Brazil signed a coastal fisheries agreement with Uruguay."
    found = triples(extract(text))
    assert ("Chile", "AGREED_TO", "defence pact") in found
    assert ("Brazil", "AGREED_TO", "coastal fisheries agreement") in found


def test_the_deal_after_a_named_deal_is_that_deal() -> None:
    found = triples(extract("Sweden and Norway signed a trade deal. Denmark welcomed the deal."))
    assert ("Denmark", "SUPPORTED", "trade deal") in found


def test_vague_adjectives_do_not_name_an_agreement() -> None:
    found = triples(extract("Sweden and Norway signed a landmark border agreement."))
    assert ("Sweden", "AGREED_TO", "border agreement") in found
