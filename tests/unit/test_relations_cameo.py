"""CAMEO verb coding on the parse: the dictionary's lemma tables and patterns (codes), and the
rules that turn a coded verb into relations with a PLOVER category (events)."""

from __future__ import annotations

import functools

import pytest
from spacy.tokens import Doc, Token

from kg.model import Plover, RelationType
from kg.nlp.dictionaries import cameo_verbs
from kg.nlp.relations import events
from kg.nlp.relations.codes import Codes, Words, _words, build_codes, code_of_verb
from kg.nlp.relations.context import DocContext
from tests.unit.test_nlp_support import extract, shared_extractor, triples


@functools.cache
def codes() -> Codes:
    return build_codes()


def parse(text: str) -> Doc:
    return shared_extractor().nlp(text)


def verb(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def context(text: str) -> DocContext:
    doc = parse(text)
    know = shared_extractor().nlp._kg_knowledge
    return DocContext(know, doc, list(doc._.kg_mentions or []), codes())


# -- codes ----------------------------------------------------------------------------------------
def test_a_code_means_a_type_and_a_category_by_its_longest_prefix() -> None:
    table = codes()
    assert table.meaning("190") is not None and table.meaning("190").type is RelationType.ATTACKED
    assert table.meaning("1823").type is RelationType.KILLED  # longer prefix than 18
    assert table.meaning("0231").plover is Plover.DEMAND  # 02 appeals: DEMAND, over the 2021 table
    assert table.meaning("112").plover is Plover.DISAPPROVE  # the table's ACCUSE, renamed
    assert table.meaning("090").plover is Plover.INVESTIGATE
    assert table.meaning("010") is None  # public statements make no relation
    assert table.meaning("030", "AGREE").type is RelationType.AGREED_TO  # a block's own type


def test_synsets_expand_into_word_sets() -> None:
    military_aid = _words("&military aid", cameo_verbs())
    assert frozenset({"troop", "aid"}) in military_aid.options or any(
        "aid" in o for o in military_aid.options
    )
    assert all("aid" in option for option in military_aid.options)
    assert _words("aid", cameo_verbs()) == Words((frozenset({"aid"}),))


def test_a_bare_verb_takes_its_entrys_code() -> None:
    reading = code_of_verb(codes(), verb(parse("Rebels kidnapped two engineers."), "kidnapped"))
    assert reading is not None and reading.code == "181" and reading.specificity == 0


def test_the_most_specific_pattern_wins() -> None:
    bare = code_of_verb(codes(), verb(parse("Kenya asked Ethiopia."), "asked"))
    aid = code_of_verb(codes(), verb(parse("Kenya asked Ethiopia for humanitarian aid."), "asked"))
    assert bare is not None and aid is not None
    assert bare.code == "020" and aid.code == "0233" and aid.specificity > 0


def test_a_multiword_verb_needs_its_particle() -> None:
    called_off = code_of_verb(codes(), verb(parse("The union called off the strike."), "called"))
    assert called_off is not None and called_off.block == "CANCEL"
    called = code_of_verb(codes(), verb(parse("The union called the minister."), "called"))
    assert called is None or called.block != "CANCEL"


def test_a_pattern_codes_only_the_verb_it_was_written_for() -> None:
    # "- * (WITH) [130] # BREAK" is a pattern of "break", not of its synonym "beat"
    reading = code_of_verb(
        codes(), verb(parse("Soldiers beat detainees with the knowledge of officers."), "beat")
    )
    assert reading is not None and reading.meaning.plover is Plover.ASSAULT


# -- events ---------------------------------------------------------------------------------------
def test_intent_is_an_auxiliary_or_an_intending_head() -> None:
    doc = parse("Iran will attack Iraq. Syria plans to withdraw its troops. Chad attacked Libya.")
    assert events.is_intended(codes(), verb(doc, "attack"))
    assert events.is_intended(codes(), verb(doc, "withdraw"))
    assert not events.is_intended(codes(), verb(doc, "attacked"))


def test_possibilities_and_noun_contents_are_hypothetical() -> None:
    ctx = context("Seoul could consider sending weapons to Kyiv. They signed an agreement to increase trade.")
    coded = {i: c for sent in ctx.doc.sents for i, c in events.sentence_codes(ctx, sent).items()}
    assert events.is_hypothetical(ctx, verb(ctx.doc, "sending"), coded)
    assert events.is_hypothetical(ctx, verb(ctx.doc, "increase"), coded)
    assert not events.is_hypothetical(ctx, verb(ctx.doc, "signed"), coded)


def test_the_main_clause_and_what_it_reports_are_the_news() -> None:
    ctx = context("Officials said Chad had attacked Libya, which borders Niger.")
    assert events.is_main_clause(ctx, verb(ctx.doc, "attacked"))
    assert not events.is_main_clause(ctx, verb(ctx.doc, "borders"))


def test_an_act_asked_of_someone_is_not_done() -> None:
    ctx = context("Egypt urged Israel to withdraw its forces.")
    assert events.is_demanded(ctx, verb(ctx.doc, "withdraw"))


def test_combinations_are_data() -> None:
    table = codes()
    assert events.combined(table, events.INTENT, Plover.ASSAULT)[0] is Plover.THREATEN
    assert events.combined(table, events.INTENT, Plover.AID)[0] is Plover.AGREE
    assert events.combined(table, Plover.DEMAND, Plover.RETREAT)[0] is Plover.DEMAND
    assert events.combined(table, Plover.ASSAULT, Plover.DEMAND) is None


def test_the_governing_verb_makes_the_event() -> None:
    ctx = context("Iran threatened to impose sanctions on Iraq.")
    coded = events.sentence_codes(ctx, next(iter(ctx.doc.sents)))
    found = events.event_of(ctx, verb(ctx.doc, "threatened"), coded)
    assert found is not None and found[0].plover is Plover.THREATEN and found[1] is not None
    assert events.governing_verb(verb(ctx.doc, "impose"), coded) is not None


def test_own_belongings_are_no_target() -> None:
    ctx = context("Israel strengthened its forces in Lebanon.")
    targets = events.event_targets(ctx, verb(ctx.doc, "strengthened"))
    assert [t.text for t in targets] == []
    assert [t.text for t in events.place_targets(ctx, verb(ctx.doc, "strengthened"))] == ["Lebanon"]


def test_only_named_arguments_are_coded() -> None:
    ctx = context("She said Russian forces attacked the village.")
    assert not events.is_named(ctx, verb(ctx.doc, "She"))
    assert events.is_named(ctx, verb(ctx.doc, "forces"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran will impose sanctions on Iraq.", ("Iran", "THREATENED", "THREATEN")),
        ("Argentina apologized to Brazil for the incident.", ("Argentina", "SUPPORTED", "SUPPORT")),
        ("Iran threatened to cut off electricity to Armenia.", ("Iran", "THREATENED", "THREATEN")),
        (
            "Jordan and Britain have agreed to undertake joint military exercises.",
            ("Jordan", "AGREED_TO", "AGREE"),
        ),
    ],
)
def test_coded_verbs_become_relations_with_their_category(text: str, expected: tuple[str, str, str]) -> None:
    found = extract(text)
    names = {e.id: e.name for e in found.entities}
    got = {(names[r.subject], r.type.value, r.plover.value if r.plover else None) for r in found.relations}
    assert expected in got, got


def test_the_new_event_types_are_read_on_their_own() -> None:
    # COOPERATED, AIDED, SANCTIONED ...: the answer keys list them under ignored_types
    assert ("Turkey", "COOPERATED", "Germany") in triples(
        extract("Turkey extradited two suspects to Germany.")
    )


def test_a_pronoun_of_reported_speech_is_the_speaker() -> None:
    ctx = context("Japan said it had halted economic aid to Serbia. Kenya said he would resign.")
    japan = ctx.owner[verb(ctx.doc, "Japan").i]
    assert events.reported_pronoun(ctx, verb(ctx.doc, "it")) == japan
    assert events.reported_pronoun(ctx, verb(ctx.doc, "he")) is None  # a country is no "he"
    assert ("Japan", "SANCTIONED", "Serbia") in triples(
        extract("Japan said it had halted economic aid to Serbia.")
    )


def test_a_target_phrase_is_searched_for_the_actor_it_names() -> None:
    ctx = context("Chile agreed to Peruvian mediation in the dispute.")
    assert [t.text for t in events.actor_in_phrase(ctx, verb(ctx.doc, "mediation"))] == ["Peruvian"]
    ctx = context("Chile rejected a proposal for a ceasefire between Peru and Bolivia.")
    assert events.actor_in_phrase(ctx, verb(ctx.doc, "proposal")) == []  # the ceasefire's parties
    ctx = context("Chile will trade with partners in the Pacific region.")
    assert events.actor_in_phrase(ctx, verb(ctx.doc, "partners")) == []  # a place, not a country
    ctx = context("Chile issued a statement on the Peruvian advance.")
    assert events.actor_in_phrase(ctx, verb(ctx.doc, "statement")) == []  # 'on' names no party


def test_a_titled_person_acted_on_is_the_phrase_searched() -> None:
    ctx = context("Chile praised the minister on the performance of Peruvian troops.")
    praised = verb(ctx.doc, "praised")
    assert [t.text for t in events.searched_phrases(ctx, praised, events.event_targets(ctx, praised))] == [
        "minister"
    ]


def test_an_intended_or_continued_act_belongs_to_its_heads_clause() -> None:
    ctx = context(
        "France is ready to contribute troops to Mali. Chad continued to shell Libya. "
        "Chad failed to attack Niger."
    )
    assert events.intending_clause(ctx, verb(ctx.doc, "contribute")).text == "is"
    assert events.intending_clause(ctx, verb(ctx.doc, "shell")).text == "continued"
    assert events.intending_clause(ctx, verb(ctx.doc, "attack")) is None
    assert events.is_main_clause(ctx, verb(ctx.doc, "contribute"))


def test_a_reading_the_lexicon_declined_stays_declined() -> None:
    assert triples(extract("South Ossetia, which is part of Georgia, hosts Russian troops.")) == {
        ("South Ossetia", "PART_OF", "Georgia")
    }


def test_an_object_every_reading_of_the_verb_avoids_is_coded_by_none() -> None:
    # the lexicon's only 'join' (MEMBER_OF) avoids ships; the dictionary's 'join' would consult
    found = extract("The frigate Forbin is joining U.S. ships USS Hopper and USS Mahan.")
    assert not any(r.object.startswith("uss-") for r in found.relations), found.relations
    assert ("Sweden", "MEMBER_OF", "NATO") in triples(extract("Sweden joined NATO in March."))


def test_a_proposal_rejected_from_someone_rejects_them_though_the_lexicon_reads_only_the_object() -> None:
    assert ("Chile", "REJECTED", "Bolivia") in triples(extract("Chile flatly rejected a plan from Bolivia."))
    assert ("Chile", "REJECTED", "Bolivia") in triples(extract("Chile dismissed a request from Bolivia."))
    # another category keeps the lexicon's refusal of an actor inside the object
    assert not any(t == "MET" for _, t, _ in triples(extract("Chile hosts soldiers from Bolivia.")))


def test_the_lexicons_relations_take_the_codes_category() -> None:
    found = extract("Uganda has granted political asylum to 18 Rwandan rebels.")
    assert any(r.plover is Plover.AID for r in found.relations), found.relations


def test_a_mandative_complement_names_who_is_asked() -> None:
    ctx = context("China demanded that Japan cancel the sale. Chile insisted that Peru remained calm.")
    cancel, remained = verb(ctx.doc, "cancel"), verb(ctx.doc, "remained")
    assert events.is_mandative(ctx, cancel) and not events.is_mandative(ctx, remained)
    assert [t.text for t in events.own_subjects(ctx, cancel)] == ["Japan"]
    assert ("China", "URGED", "Japan") in triples(extract("China demanded that Japan cancel the sale."))


def test_a_present_form_under_a_demand_is_mandative() -> None:
    ctx = context("Bolivia demanded that Chile withdraws its troops. Peru said Chile withdraws its troops.")
    withdraws = [t for t in ctx.doc if t.text == "withdraws"]
    assert events.is_mandative(ctx, withdraws[0], demanded=True)
    assert not events.is_mandative(ctx, withdraws[1])  # a report of what Chile does, not a demand
    found = triples(extract("Bolivia demanded that Chile withdraws its troops."))
    assert ("Bolivia", "URGED", "Chile") in found


def test_a_participle_on_an_issued_document_is_the_issuers_news() -> None:
    ctx = context("Bolivia issued a communique demanding that Chile free the prisoners.")
    demanding = verb(ctx.doc, "demanding")
    issuer = events.document_issuer(demanding)
    assert issuer is not None and issuer.i == verb(ctx.doc, "issued").i
    assert events.is_main_clause(ctx, demanding)
    found = triples(extract("Bolivia issued a communique demanding that Chile free the prisoners."))
    assert ("Bolivia", "URGED", "Chile") in found


def test_what_a_speaker_says_another_must_do_is_a_demand() -> None:
    found = triples(extract("Chile said Peru must withdraw its troops from the border."))
    assert ("Chile", "URGED", "Peru") in found
    assert not any(t[1] == "URGED" for t in triples(extract("Chile said Peru should be punished.")))


def test_an_intended_cooperation_is_an_offer() -> None:
    found = extract("Chile said it is ready to send food aid to Peru.")
    names = {e.id: e.name for e in found.entities}
    got = {
        (names[r.subject], r.type.value, r.plover.value if r.plover else None, names[r.object])
        for r in found.relations
    }
    assert ("Chile", "OFFERED", "AGREE", "Peru") in got, got


def test_an_act_with_no_target_takes_the_one_of_its_purpose() -> None:
    ctx = context("Chilean police opened fire to disperse Peruvian protesters.")
    assert [c.text for c in events.purpose_clauses(verb(ctx.doc, "opened"))] == ["disperse"]
    found = extract("Chilean police opened fire to disperse Peruvian protesters.")
    assert any(r.plover is Plover.ASSAULT for r in found.relations), found.relations


def test_an_act_done_to_a_place_reaches_a_named_region() -> None:
    found = triples(extract("Serbia lifted the curfew in the Sandzak region."))
    assert any(s == "Serbia" and o.startswith("Sandzak") for s, _, o in found), found


def test_a_misread_lemma_falls_back_to_the_regular_stem() -> None:
    from kg.nlp.relations.codes import regular_stems

    assert "stage" in regular_stems("staged") and "rally" in regular_stems("rallied")
    assert "stop" in regular_stems("stopped")
    reading = code_of_verb(codes(), verb(parse("Students have staged rallies in Jakarta."), "staged"))
    assert reading is not None and reading.meaning.plover is Plover.PROTEST


def test_a_light_verb_is_coded_by_the_event_noun_it_takes() -> None:
    table = codes()
    light = next(f for f in table.families if f.name == "light")
    assert "continue" in light.verbs and light.patterns
    strike = code_of_verb(table, verb(parse("Refugees are continuing a hunger strike."), "continuing"))
    assert strike is not None and strike.meaning.plover is Plover.PROTEST
    raids = code_of_verb(table, verb(parse("Rebels mounted raids on the town."), "mounted"))
    assert raids is not None and raids.meaning.plover is Plover.ASSAULT


def test_a_light_verb_takes_only_its_objects_head_noun() -> None:
    # "an emergency meeting" is a meeting: the modifier alone names no event
    reading = code_of_verb(codes(), verb(parse("Chile held an emergency meeting."), "held"))
    assert reading is None or reading.meaning.plover is not Plover.AID


def test_a_stance_phrase_names_the_target_of_an_act() -> None:
    ctx = context("Peruvian refugees staged a hunger strike in protest against the Chilean government.")
    staged = verb(ctx.doc, "staged")
    assert [t.text for t in events.stance_targets(ctx, staged)] == ["government"]
    found = extract("Peruvian refugees staged a hunger strike in protest against the Chilean government.")
    assert any(r.plover is Plover.PROTEST for r in found.relations), found.relations


def test_raising_a_measure_is_imposing_it() -> None:
    table = codes()
    curfew = code_of_verb(table, verb(parse("The army tightened the curfew in Gao."), "tightened"))
    assert curfew is not None and curfew.meaning.plover is Plover.COERCE
    forces = code_of_verb(table, verb(parse("Chile has strengthened its forces in Peru."), "strengthened"))
    assert forces is not None and forces.meaning.plover is Plover.MOBILIZE  # kg's own object: forces


def test_lowering_a_measure_is_easing_or_cutting_it() -> None:
    table = codes()
    curfew = code_of_verb(table, verb(parse("Chile relaxed the curfew in Arica."), "relaxed"))
    assert curfew is not None and curfew.meaning.plover in (Plover.CONCEDE, Plover.RETREAT)
    aid = code_of_verb(table, verb(parse("Chile suspended aid to Peru."), "suspended"))
    assert aid is not None and aid.meaning.plover is Plover.SANCTION


def test_a_measure_threatened_at_a_place_targets_the_place() -> None:
    found = triples(extract("Chile said it will extend the curfew in the Arica region."))
    assert any(s == "Chile" and o.startswith("Arica") for s, _, o in found), found


def test_a_noun_of_two_senses_is_left_to_its_own_verb() -> None:
    conducted = code_of_verb(
        codes(), verb(parse("Coalition aircraft conducted strikes near Raqqah."), "conducted")
    )
    assert conducted is None or conducted.meaning.plover is not Plover.PROTEST
    staged = code_of_verb(codes(), verb(parse("Dockers staged a strike in Lagos."), "staged"))
    assert staged is not None and staged.meaning.plover is Plover.PROTEST


def test_taking_a_place_is_occupying_it() -> None:
    table = codes()
    town = code_of_verb(table, verb(parse("Rebels captured the town of Gao."), "captured"))
    assert town is not None and town.code == "192" and town.meaning.plover is Plover.ASSAULT
    people = code_of_verb(table, verb(parse("Rebels captured two engineers."), "captured"))
    assert people is not None and people.code != "192"  # people are seized, not occupied


def test_an_act_on_part_of_a_thing_is_an_act_on_the_whole() -> None:
    reading = code_of_verb(codes(), verb(parse("Rebels captured part of the army stronghold."), "captured"))
    assert reading is not None and reading.code == "192"


def test_an_act_held_for_a_span_or_in_a_series_is_coded_by_the_act() -> None:
    table = codes()
    for text, word in [
        ("Pakistan launched a series of air strikes on the camps.", "launched"),
        ("The militia carried out three days of raids near the town.", "carried"),
    ]:
        reading = code_of_verb(table, verb(parse(text), word))
        assert reading is not None and reading.meaning.plover is Plover.ASSAULT, text


def test_a_protest_takes_its_target_from_the_participle_that_goes_with_it() -> None:
    ctx = context("Kurds demonstrated in Kirkuk calling for independence from Iraq.")
    assert [c.text for c in events.accompanying_clauses(verb(ctx.doc, "demonstrated"))] == ["calling"]
    found = triples(extract("Kurds demonstrated in Kirkuk calling for independence from Iraq."))
    assert ("Kurds", "PROTESTED", "Iraq") in found, found


def test_a_rejected_proposal_names_whom_it_rejects() -> None:
    found = extract("Chilean rebels rejected a Peruvian peace plan.")
    names = {e.id: e.name for e in found.entities}
    got = {(names[r.subject], r.plover.value if r.plover else None, names[r.object]) for r in found.relations}
    assert any(p == "REJECT" and o == "Peru" for _, p, o in got), got


def test_cutting_supplies_is_a_sanction() -> None:
    reading = code_of_verb(codes(), verb(parse("The UN reduced food supplies to the camp."), "reduced"))
    assert reading is not None and reading.code == "162" and reading.meaning.plover is Plover.SANCTION


def test_accepting_demands_is_yielding() -> None:
    reading = code_of_verb(codes(), verb(parse("Chile accepted demands from the strikers."), "accepted"))
    assert reading is not None and reading.meaning.plover in (Plover.CONCEDE, Plover.RETREAT)


def test_turning_down_a_proposal_is_rejecting_it() -> None:
    reading = code_of_verb(
        codes(), verb(parse("Rebels dismissed an appeal from the president."), "dismissed")
    )
    assert reading is not None and reading.meaning.plover is Plover.REJECT


def test_a_threat_with_no_target_is_aimed_at_whom_its_condition_names() -> None:
    ctx = context("Chile threatened to close the border if Bolivia raises its tariffs.")
    assert [t.text for t in events.conditional_targets(ctx, verb(ctx.doc, "close"))] == ["Bolivia"]
    assert ("Chile", "THREATENED", "Bolivia") in triples(
        extract("Chile threatened to close the border if Bolivia raises its tariffs.")
    )
    # a threat with a target of its own keeps it
    found = triples(extract("Chile threatened to sanction Peru if Bolivia objects."))
    assert ("Chile", "THREATENED", "Peru") in found and ("Chile", "THREATENED", "Bolivia") not in found


def test_the_place_of_a_violent_act_is_where_it_happened_not_whom() -> None:
    ctx = context("Chile condemned the bombing in Peru.")
    assert events.is_scene(ctx, verb(ctx.doc, "bombing"))
    assert events.actor_in_phrase(ctx, verb(ctx.doc, "bombing")) == []
    assert not any(t == "CRITICIZED" for _, t, _ in triples(extract("Chile condemned the bombing in Peru.")))
    assert not any(t == "CRITICIZED" for _, t, _ in triples(extract("Chile condemned the attacks in Peru.")))
    # the act's own doer still counts
    found = triples(extract("Chile condemned the Bolivian attacks in Peru."))
    assert ("Chile", "CRITICIZED", "Bolivia") in found


def test_ground_taken_from_someone_is_taken_by_fighting_them() -> None:
    found = triples(extract("Nigerian troops recaptured Maiduguri from Boko Haram."))
    assert ("Nigerian military", "FOUGHT", "Boko Haram") in found, found
    found = triples(extract("Chadian forces liberated the town from Boko Haram control."))
    assert ("Chadian military", "FOUGHT", "Boko Haram") in found, found
    # people freed from someone are no ground taken; a negated taking is none
    assert not any(t == "FOUGHT" for _, t, _ in triples(extract("Chad freed the hostages from Boko Haram.")))
    negated = triples(extract("Nigeria did not retake Maiduguri from Boko Haram."))
    assert not any(t == "FOUGHT" for _, t, _ in negated)


def test_whom_a_cooperative_act_is_against_is_no_partner_of_it() -> None:
    ctx = context("Chile and Peru joined forces against Bolivia.")
    assert [ctx.doc[i].text for i in events.opposed(ctx, verb(ctx.doc, "joined"))] == ["Bolivia"]
    found = triples(extract("Chileans united against Bolivia."))
    assert not any(o == "Bolivia" and t in ("CONSULTED", "MET", "COOPERATED") for _, t, o in found), found
    assert ("Chile", "MET", "Bolivia") in triples(extract("Chile met with Bolivia."))


def test_an_opening_participle_misread_as_the_root_leaves_the_sentence_its_news() -> None:
    text = (
        "Newly appointed Kenyan Prime Minister Raila Odinga has refused to respond to a demand from Tanzania."
    )
    ctx = context(text)
    refused = verb(ctx.doc, "refused")
    assert refused.dep_ == "ccomp"  # the parser's misreading
    assert events.is_participle_misread_as_root(refused) and events.is_main_clause(ctx, refused)
    assert ("Raila Odinga", "REJECTED", "Tanzania") in triples(extract(text))


def test_dying_is_no_act_of_the_one_who_died() -> None:
    doc = parse("Sergeant Paul Reed, of Austin, died Jan. 7 in Kuwait in a non-combat incident.")
    assert code_of_verb(codes(), verb(doc, "died")) is None
    found = triples(extract("Sergeant Paul Reed, of Austin, died Jan. 7 in Kuwait in a non-combat incident."))
    assert not any(o == "Kuwait" for _, _, o in found), found


def test_degrading_an_armed_group_is_military_force() -> None:
    doc = parse("Coalition jets degraded the Taliban's defences.")
    reading = code_of_verb(codes(), verb(doc, "degraded"))
    assert reading is not None and reading.meaning.plover is Plover.ASSAULT
    found = triples(extract("Kenyan forces degraded al-Shabaab."))
    assert ("Kenyan military", "ATTACKED", "Al-Shabaab") in found


def test_easing_measures_or_restrictions_is_yielding() -> None:
    table = codes()
    for text, word in (
        ("Chile eased emergency measures in Arica.", "eased"),
        ("Peru relaxed restrictions on the press.", "relaxed"),
    ):
        reading = code_of_verb(table, verb(parse(text), word))
        assert reading is not None and reading.meaning.plover is Plover.CONCEDE, text
    assert ("Chile", "CONCEDED", "Arica") in triples(extract("Chile eased emergency measures in Arica."))


def test_a_protest_held_in_a_place_targets_it_when_nothing_else_names_whom() -> None:
    found = triples(extract("About 200 students blocked roads in Algeria on Sunday."))
    assert any(t == "PROTESTED" and o == "Algeria" for _, t, o in found), found
    ctx = context("About 200 students blocked roads in Algeria on Sunday.")
    places = events.place_of_act(ctx, [verb(ctx.doc, "blocked")], [])
    assert [ctx.mentions[i].name for i in places] == ["Algeria"]
    # what the protest is made with names its target first: Iraq, not Kirkuk
    found = triples(extract("Kurds demonstrated in Kirkuk calling for independence from Iraq."))
    assert not any(o == "Kirkuk" for _, _, o in found), found


def test_a_container_nouns_compound_names_the_event() -> None:
    text = "The United States suspended part of a military aid program for Bosnia."
    reading = code_of_verb(codes(), verb(parse(text), "suspended"))
    assert reading is not None and reading.code == "162" and reading.meaning.plover is Plover.SANCTION
    assert ("United States", "SANCTIONED", "Bosnia and Herzegovina") in triples(extract(text))
    # a compound of another head is not its event: "aid workers" are no aid
    assert code_of_verb(codes(), verb(parse("Police suspended the aid workers."), "suspended")) is None


def test_news_words_for_the_dictionarys_own_match_its_patterns() -> None:
    reading = code_of_verb(codes(), verb(parse("Egypt upgraded its diplomatic ties with Iran."), "upgraded"))
    assert reading is not None and reading.code == "050" and reading.meaning.plover is Plover.SUPPORT
    assert codes().same["ties"] == frozenset({"relations"})


def test_a_cooperative_act_on_the_subjects_shared_object_is_done_to_each_other() -> None:
    found = triples(extract("Czechia and Albania have upgraded their diplomatic ties."))
    assert ("Czech Republic", "SUPPORTED", "Albania") in found, found
    assert ("Albania", "SUPPORTED", "Czech Republic") in found, found
    ctx = context("Egypt and Jordan supported the plan.")
    assert not events.has_mutual_object(verb(ctx.doc, "supported"))
    found = triples(extract("Egypt and Jordan supported the plan."))
    assert not any(o in ("Egypt", "Jordan") for _, _, o in found), found


def test_violating_a_norm_is_defying_it() -> None:
    reading = code_of_verb(codes(), verb(parse("Syria violated the agreement with Turkey."), "violated"))
    assert reading is not None and reading.code == "128" and reading.meaning.plover is Plover.REJECT
    # the block's own patterns stay more specific: violating airspace is a show of force
    reading = code_of_verb(codes(), verb(parse("Russian jets violated Turkish airspace."), "violated"))
    assert reading is not None and reading.code == "150"


def test_a_clause_of_what_someone_is_to_do_marked_for_is_a_demand_on_them_not_done() -> None:
    from kg.nlp.relations.clauses import is_for_clause

    text = "The UK is pressing for the US to support its plan."
    assert is_for_clause(verb(parse(text), "support"))
    found = triples(extract(text))
    assert ("United Kingdom", "URGED", "United States") in found, found
    assert not any(t == "SUPPORTED" for _, t, _ in found), found
    assert not is_for_clause(verb(parse("The US voted for the plan."), "voted"))


def test_withdrawing_people_sent_to_a_country_reduces_relations_with_it() -> None:
    reading = code_of_verb(codes(), verb(parse("The UN withdrew its observers from Syria."), "withdrew"))
    assert reading is not None and reading.code == "1662" and reading.meaning.plover is Plover.SANCTION
    # kg's own object naming more words is the more specific ("weapons inspectors", not "&weapon")
    text = "Kofi Annan said he will withdraw weapons inspectors from Iraq."
    reading = code_of_verb(codes(), verb(parse(text), "withdraw"))
    assert reading is not None and reading.code == "1662"
    found = triples(extract(text))
    assert ("Kofi Annan", "THREATENED", "Iraq") in found, found
    # troops withdrawn stay a retreat
    reading = code_of_verb(codes(), verb(parse("Israel withdrew its troops from Gaza."), "withdrew"))
    assert reading is not None and reading.meaning.plover is Plover.RETREAT


def test_the_place_of_an_act_may_be_named_in_the_clause_that_says_when_it_was_done() -> None:
    text = "Two Palestinian suicide bombers killed 23 people when they blew themselves up in Tel Aviv."
    ctx = context(text)
    assert [c.text for c in events.when_clauses(verb(ctx.doc, "killed"))] == ["blew"]
    found = triples(extract(text))
    assert any(t == "ATTACKED" and o == "Tel Aviv" for _, t, o in found), found


def test_an_act_resumed_or_continued_under_an_intent_is_intended_still() -> None:
    doc = parse("The army prepared to resume shelling the town. The army continued shelling the town.")
    shelling = [t for t in doc if t.text == "shelling"]
    assert events.is_intended(codes(), shelling[0])
    assert not events.is_intended(codes(), shelling[1])
    found = extract("The Macedonian army prepared to resume shelling Albanian rebel-held territory.")
    assert all(r.plover is not Plover.ASSAULT for r in found.relations), found.relations


def test_a_target_phrase_is_searched_through_two_prepositional_phrases() -> None:
    found = triples(extract("Egypt rejected the request for the release of prisoners from Israel."))
    assert ("Egypt", "REJECTED", "Israel") in found, found


def test_an_event_led_by_an_actor_in_a_target_phrase_names_that_actor() -> None:
    found = triples(extract("Pakistan refused to send troops to the Saudi-led war in Yemen."))
    assert ("Pakistan", "REJECTED", "Saudi Arabia") in found, found
    text = "Turkey refused to commit to any assistance to the US-led war against Iraq."
    assert ("Turkey", "REJECTED", "United States") in triples(extract(text))


def test_a_refused_deployment_is_refused_to_where_the_forces_would_go_not_to_them() -> None:
    for text, place in [
        ("Pakistan has refused to deploy peacekeepers in Iraq.", "Iraq"),
        ("Japan refused to send troops to Afghanistan.", "Afghanistan"),
    ]:
        ext = extract(text)
        by_id = {e.id: e.name for e in ext.entities}
        rejected = {by_id[r.object] for r in ext.relations if r.type is RelationType.REJECTED}
        assert rejected == {place}, (text, rejected)


def test_a_verb_form_used_as_a_preposition_is_no_act() -> None:
    ctx = context("Iran has been sharing expertise with Syria according to a special report.")
    according = verb(ctx.doc, "according")
    assert events.is_preposition_use(according)
    coded = events.sentence_codes(ctx, next(iter(ctx.doc.sents)))
    assert according.i not in coded
    assert code_of_verb(codes(), according) is not None  # the dictionary alone reads "accord"


def test_asking_another_to_support_someone_supports_them() -> None:
    found = triples(extract("France urged Germany to back Ukraine."))
    assert ("France", "SUPPORTED", "Ukraine") in found and ("France", "URGED", "Germany") in found
    assert ("France", "SUPPORTED", "Germany") not in found
    found = triples(extract("Egypt called on Sweden to support the Arab League."))
    assert ("Egypt", "SUPPORTED", "Arab League") in found


def test_asking_another_to_respect_or_attack_someone_is_no_support_for_them() -> None:
    for text in [
        "Egypt urged Israel to attack Hamas.",
        "Egypt urged Israel to respect the rights of Palestinians.",
    ]:
        found = triples(extract(text))
        assert not any(t == "SUPPORTED" for _, t, _ in found), (text, found)
