"""Guard against overfitting: short news passages about other conflicts, written for these tests.

Each passage lists the relations an analyst would code from it (all must be found) and the
only other relations that are acceptable; anything else is a false positive and fails.
"""

from __future__ import annotations

import pytest

from tests.unit.test_nlp_support import extract, triples

Triple = tuple[str, str, str]

PASSAGES: dict[str, tuple[str, set[Triple], set[Triple]]] = {
    "sudan": (
        "Sudan's army and the Rapid Support Forces (RSF) clashed in Khartoum on Monday, residents said. "
        "Sudan's army accused the RSF of shelling hospitals in Omdurman. Saudi Arabia and the United "
        "States brokered a ceasefire in Jeddah, but both sides violated it within hours. General Abdel "
        "Fattah al-Burhan, the head of Sudan's army, met with Saudi Foreign Minister Faisal bin Farhan on "
        "Tuesday. Burhan rejected the truce, according to a military spokesman. Egypt sent a delegation "
        "to Port Sudan.",
        {
            ("Sudanese military", "FOUGHT", "Rapid Support Forces"),
            ("Sudanese military", "ACCUSED", "Rapid Support Forces"),
            ("Saudi Arabia", "MEDIATED", "ceasefire"),
            ("United States", "MEDIATED", "ceasefire"),
            ("Abdel Fattah al-Burhan", "HOLDS_ROLE", "Sudanese military"),
            ("Abdel Fattah al-Burhan", "MET", "Faisal bin Farhan"),
            ("Faisal bin Farhan", "HOLDS_ROLE", "Saudi Arabia"),
            ("Abdel Fattah al-Burhan", "REJECTED", "ceasefire"),
            ("Egypt", "DEPLOYED", "Port Sudan"),
        },
        {
            ("Rapid Support Forces", "FOUGHT", "Sudanese military"),
            ("Rapid Support Forces", "ATTACKED", "Omdurman"),
        },
    ),
    "gaza": (
        "Qatar and Egypt mediated talks between Israel and Hamas in Doha on Wednesday. Israeli Prime "
        "Minister Benjamin Netanyahu said his government would not agree to a permanent ceasefire. Hamas "
        "accused Israel of blocking aid to Gaza. U.S. Secretary of State Antony Blinken, who visited "
        "Cairo, urged both sides to accept the deal. Protesters in Tel Aviv demanded Netanyahu's "
        "resignation. Israeli forces killed three Hamas commanders in Rafah, the Palestinian health "
        "ministry said.",
        {
            ("Qatar", "MEDIATED", "peace talks"),
            ("Egypt", "MEDIATED", "peace talks"),
            ("Israel", "CONSULTED", "Hamas"),
            ("Benjamin Netanyahu", "HOLDS_ROLE", "Israel"),
            ("Benjamin Netanyahu", "AGREED_TO", "ceasefire"),
            ("Hamas", "ACCUSED", "Israel"),
            ("Antony Blinken", "HOLDS_ROLE", "United States"),
            ("Antony Blinken", "MET", "Egypt"),
            ("Antony Blinken", "URGED", "Israel"),
            ("Antony Blinken", "URGED", "Hamas"),
            ("protesters", "PROTESTED", "Benjamin Netanyahu"),
            ("Israeli military", "KILLED", "Hamas"),
        },
        {
            ("Hamas", "CONSULTED", "Israel"),
            ("Qatar", "MEDIATED", "Israel"),
            ("Egypt", "MEDIATED", "Hamas"),
            ("Health Ministry of Palestine", "PART_OF", "Palestine"),
        },
    ),
    "tigray": (
        "Ethiopian government forces recaptured the town of Shire from Tigrayan fighters, the military "
        "said on Friday. The Tigray People's Liberation Front (TPLF) blamed Eritrea for the attack and "
        "appealed to the United Nations for help. Kenyan President William Ruto and the African Union "
        "hosted peace talks in Nairobi. Abiy Ahmed, Ethiopia's prime minister, spoke with Ruto by phone. "
        "The TPLF and the Ethiopian government signed a peace agreement in Pretoria.",
        {
            ("Ethiopian military", "CAPTURED", "Shire"),
            # took the town from Tigrayan fighters: fought them
            ("Ethiopian military", "FOUGHT", "Tigray People's Liberation Front"),
            ("Tigray People's Liberation Front", "ACCUSED", "Eritrea"),
            ("Tigray People's Liberation Front", "REQUESTED_AID", "United Nations"),
            ("William Ruto", "HOLDS_ROLE", "Kenya"),
            ("William Ruto", "MET", "peace talks"),
            ("African Union", "MET", "peace talks"),
            ("Abiy Ahmed", "HOLDS_ROLE", "Ethiopia"),
            ("Abiy Ahmed", "CONSULTED", "William Ruto"),
            ("Tigray People's Liberation Front", "AGREED_TO", "peace agreement"),
            ("Ethiopian government", "AGREED_TO", "peace agreement"),
        },
        # the two parties that signed it agreed with each other (PLOVER codes both ways)
        {
            ("Ethiopian government", "AGREED_TO", "Tigray People's Liberation Front"),
            ("Tigray People's Liberation Front", "AGREED_TO", "Ethiopian government"),
        },
    ),
    "venezuela": (
        "Venezuela's opposition leader Maria Corina Machado accused President Nicolas Maduro of stealing "
        "the election. Brazil and Colombia called on Caracas to publish the voting records. Maduro said "
        "the opposition had attacked polling stations, and he threatened Machado with arrest.",
        {
            ("Maria Corina Machado", "ACCUSED", "Nicolas Maduro"),
            ("Nicolas Maduro", "HOLDS_ROLE", "Venezuela"),
            ("Brazil", "URGED", "Venezuela"),
            ("Colombia", "URGED", "Venezuela"),
            ("Nicolas Maduro", "THREATENED", "Maria Corina Machado"),
        },
        {("Maria Corina Machado", "HOLDS_ROLE", "Venezuela")},
    ),
}


@pytest.mark.parametrize("name", sorted(PASSAGES))
def test_unseen_passage(name: str) -> None:
    text, expected, acceptable = PASSAGES[name]
    found = triples(extract(text))
    missing = expected - found
    unexpected = found - expected - acceptable
    assert not missing, f"missed {sorted(missing)}"
    assert not unexpected, f"false positives {sorted(unexpected)}"


def test_negated_refusal_in_the_gaza_passage() -> None:
    result = extract(PASSAGES["gaza"][0])
    by_id = {e.id: e.name for e in result.entities}
    refusal = next(r for r in result.relations if by_id[r.object] == "ceasefire")
    assert refusal.negated is True
