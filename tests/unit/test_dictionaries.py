"""The field's dictionaries as kg data: the converter's reading of each format, the generated
files in the package, and the typed loaders over them."""

from __future__ import annotations

import datetime as dt
import filecmp
from pathlib import Path

import pytest

from kg.nlp import dictionaries
from kg.nlp.dictionaries import (
    DictionaryActor,
    PrepPhrase,
    Role,
    agents,
    cameo_plover,
    cameo_verbs,
    country_actors,
    discards,
    international_actors,
    nonstate_actors,
)
from kg.nlp.dictionaries.convert import (
    PETRARCH_FILES,
    PLOVER_FILE,
    PLOVER_TABLE,
    convert,
    main,
    parse_actors,
    parse_agents,
    parse_cameo_plover,
    parse_cameo_verbs,
    parse_discards,
)

DATA = Path(dictionaries.__file__).resolve().parent.parent / "data"
# The sources, when this checkout sits beside the team's shared folder (never needed to run kg).
SHARED = next(
    (p / "shared" / "data" for p in Path(__file__).resolve().parents if (p / "shared" / "data").is_dir()),
    Path("/nonexistent"),
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


VERBS = """\
# comment
####### SYNONYM SETS #######
&FOOD
+RICE
+GRAIN_

&AUX_
+WILL

####### VERB PATTERNS #######
---  ASK   [---]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR} [020]
ASK     [020]
QUERY {QUERYING QUERIES QUERIED }
- * (FOR {FINANCIAL AID})                           [0231]        # ASK
- $ * &FOOD (TO +)                                  [042:043]     # ASK
---  DELAY   [120]---  ---
DELAY
~ a (a b ATTACK) SAY = a b 015
"""


def test_verb_blocks_keep_codes_forms_and_pattern_structure(tmp_path: Path) -> None:
    data, problems = parse_cameo_verbs(_write(tmp_path, "v.txt", VERBS))
    assert problems == []
    assert data["synsets"] == {"FOOD": [["rice", True], ["grain", False]], "AUX": [["will", False]]}
    ask, delay = data["blocks"]
    assert ask["block"] == "ASK" and ask["code"] is None
    assert ask["verbs"][0] == {"phrase": "ask for", "forms": ["asked for", "asking for"], "code": "020"}
    assert ask["verbs"][2] == {"phrase": "query", "forms": ["querying", "queries", "queried"]}
    first, second = ask["patterns"]
    assert first == {"post": [["for", "financial aid"]], "code": "0231", "note": "ask"}
    assert second["pre"] == ["$"] and second["post"] == ["&food", ["to", "+"]]
    assert (second["code"], second["code2"]) == ("042", "043")
    # a header written without its space before the closing dashes still opens a block
    assert delay["block"] == "DELAY" and delay["code"] == "120"
    assert data["transformations"][0]["result"] == {"source": "a", "target": "b", "code": "015"}


def test_multiword_verb_marks_the_verb_word(tmp_path: Path) -> None:
    text = "####### VERB PATTERNS #######\n---  TAP   [---]  ---\nWIRE_+TAP {WIRE_+TAPS}\n"
    data, _ = parse_cameo_verbs(_write(tmp_path, "v.txt", text))
    assert data["blocks"][0]["verbs"] == [{"phrase": "wire tap", "verb": 1, "forms": ["wire taps"]}]


def test_agents_expand_substitutions_and_plurals(tmp_path: Path) -> None:
    text = """\
!PERSON! = MAN, WOMAN
POLICE {} [~COP]
POLICE!PERSON!  [~COP]
FOREIGN_MINISTER [~GOVFRM]
HUMAN_RIGHTS_BODY  [NGO~]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
ARMY_ [~MIL]
NO_CODE_HERE
"""
    data, problems = parse_agents(_write(tmp_path, "a.txt", text))
    assert [p.line for p in problems] == [8]
    rows = {a["phrase"]: a for a in data["agents"]}
    assert rows["police"] == {"phrase": "police", "plurals": [], "code": "COP"}
    assert rows["policeman"]["plurals"] == [] and "policewoman" in rows
    assert rows["foreign minister"]["plurals"] == ["foreign ministers"]
    assert rows["human rights body"]["prefix"] is True
    assert rows["chamber of commerce"]["plurals"] == ["chambers of commerce"]
    assert rows["army"]["plurals"] == []  # a stopped phrase ('_') gets no plural


def test_actors_keep_every_name_and_dated_roles(tmp_path: Path) -> None:
    text = """\
RUSSIA_  [RUS]
+MOSCOW_

VLADIMIR_PUTIN_  # CountryInfo.txt
+PUTIN_
\t[RUSELI 700101-990809]
\t[RUSGOV >080508]
\t[RUSGOV 19991231-20080507]
KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]
ODD_ONE_
\t[XXXGOV 991399-000101]
"""
    data, problems = parse_actors(_write(tmp_path, "c.txt", text))
    russia, putin, annan, odd = data["actors"]
    assert russia == {"names": ["russia", "moscow"], "code": "RUS"}
    assert putin["names"] == ["vladimir putin", "putin"]
    assert putin["roles"] == [
        {"code": "RUSELI", "from": "1970-01-01", "to": "1999-08-09"},
        {"code": "RUSGOV", "from": "2008-05-08"},
        {"code": "RUSGOV", "from": "1999-12-31", "to": "2008-05-07"},
    ]
    assert annan == {
        "names": ["kofi annan"],
        "code": "ELI",
        "roles": [{"code": "IGOUNO", "from": "1997-01-01", "to": "2006-12-31"}],
    }
    assert odd == {"names": ["odd one"]}
    assert len(problems) == 1 and problems[0].line == 11  # month 13: reported, skipped


def test_discards_and_plover_table(tmp_path: Path) -> None:
    data, _ = parse_discards(_write(tmp_path, "d.txt", "+ACADEMY AWARD   # x\nWORLD_CUP_\nBASEBALL\n"))
    assert data["discards"] == [
        {"phrase": "academy award", "story": True, "stem": True},
        {"phrase": "world cup"},
        {"phrase": "baseball", "stem": True},
    ]
    table = (
        "03: AGREE\n030: AGREE,  , diplomatic # Express intent\n"
        "175: ASSAULT, a, b # first\n175: X, , # again\n"
    )
    rows, _ = parse_cameo_plover(_write(tmp_path, "p.txt", table))
    assert rows["codes"]["030"] == {
        "plover": "AGREE",
        "context": "diplomatic",
        "description": "Express intent",
    }
    assert rows["codes"]["03"] == {"plover": "AGREE"}
    assert rows["codes"]["175"]["plover"] == "ASSAULT"


def test_convert_names_missing_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--source", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "source file(s) missing" in err and "CAMEO.2.0.txt" in err


@pytest.mark.parametrize("name", [*(f"petrarch/{n}" for n in PETRARCH_FILES), f"plover/{PLOVER_FILE}"])
def test_generated_files_carry_the_marker(name: str) -> None:
    head = (DATA / name).read_text(encoding="utf-8").splitlines()[:5]
    assert any("generated by" in line and "do not edit" in line for line in head)


def test_licence_notices_sit_beside_the_generated_files() -> None:
    assert "MIT License" in (DATA / "petrarch" / "LICENSE.petrarch2").read_text(encoding="utf-8")
    assert "openeventdata/PLOVER" in (DATA / "plover" / "ATTRIBUTION.plover").read_text(encoding="utf-8")


@pytest.mark.skipif(
    not (SHARED / "plover" / PLOVER_TABLE).is_file(), reason="the source dictionaries are not here"
)
def test_reconverting_the_sources_reproduces_the_committed_files(tmp_path: Path) -> None:
    written, _ = convert(SHARED, tmp_path)
    for path in written:
        committed = DATA / path.relative_to(tmp_path)
        assert filecmp.cmp(path, committed, shallow=False), f"{committed} is stale: run the converter"


def test_loaders_read_the_packaged_dictionaries() -> None:
    verbs = cameo_verbs()
    assert len(verbs.blocks) > 300 and sum(len(b.patterns) for b in verbs.blocks) > 4000
    ask = next(b for b in verbs.blocks if b.name == "ASK")
    request = next(v for v in ask.verbs if v.lemma == "request")
    assert request.code == "020"
    assert any(isinstance(e, PrepPhrase) and e.prep == "for" for p in ask.patterns for e in p.post)
    assert "FOOD" in verbs.synsets
    assert any(t.verb == "SAY" for t in verbs.transformations)
    police = next(a for a in agents() if a.phrase == "police")
    assert police.sectors == ("COP",)
    assert next(a for a in agents() if a.code == "GOVMED").sectors == ("GOV", "MED")
    assert any("nato" in a.names for a in international_actors())
    assert any(a.code and a.code.endswith("REB") for a in nonstate_actors())
    assert any(d.phrase == "world cup" for d in discards())
    assert cameo_plover()["190"].category == "ASSAULT"
    assert cameo_verbs() is cameo_verbs()  # read once


def test_country_actor_code_follows_its_dated_roles() -> None:
    russia_rulers = [
        a for a in country_actors() if a.roles and all(r.code.startswith("RUS") for r in a.roles)
    ]
    assert russia_rulers, "the country dictionary has dated roles"
    actor = DictionaryActor(
        names=("x",),
        code="RUSELI",
        roles=(
            Role("RUSGOV", dt.date(1999, 12, 31), dt.date(2008, 5, 7)),
            Role("RUSGOV", dt.date(2012, 5, 7)),
        ),
    )
    assert actor.code_on(dt.date(2005, 1, 1)) == "RUSGOV"
    assert actor.code_on(dt.date(2010, 1, 1)) == "RUSELI"
    assert actor.code_on(dt.date(2020, 1, 1)) == "RUSGOV"
    assert actor.code_on(None) == "RUSELI"
