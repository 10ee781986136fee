"""Curated actor/relation files: parsing and whole-file validation (no Neo4j)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kg.errors import InvalidInput
from kg.model import EntityKind, RelationType
from loaders.curated import check_references, read_actors, read_relations, referenced_ids


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def located(error: InvalidInput) -> set[tuple[int | None, str | None]]:
    return {(problem.line, problem.field) for problem in error.problems}


def test_actors_from_csv_split_aliases_and_roles(tmp_path: Path) -> None:
    path = write(tmp_path, "actors.csv",
                 "id,name,kind,aliases,roles\n"
                 "ann-lee,Ann Lee,person,Lee; Ms Lee,minister;envoy\n"
                 "\n"
                 "bay-union,Bay Union,ORGANIZATION,,\n")

    actors = read_actors(path)

    assert [row.line for row in actors.rows] == [2, 4]
    first, second = actors.items
    assert (first.id, first.name, first.kind) == ("ann-lee", "Ann Lee", EntityKind.PERSON)
    assert first.aliases == ("Lee", "Ms Lee") and first.roles == ("minister", "envoy")
    assert second.kind is EntityKind.ORGANIZATION and second.aliases == ()


def test_actors_from_jsonl_accept_lists(tmp_path: Path) -> None:
    lines = [{"id": "ann-lee", "name": "Ann Lee", "kind": "PERSON", "aliases": ["Lee"], "roles": "envoy"}]
    path = write(tmp_path, "actors.jsonl", "\n".join(json.dumps(line) for line in lines))

    (actor,) = read_actors(path).items

    assert actor.aliases == ("Lee",) and actor.roles == ("envoy",)


def test_every_actor_problem_is_listed_by_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "actors.csv",
                 "id,name,kind,aliases\n"
                 "ann-lee,Ann Lee,person,\n"
                 ",No Id,PERSON,\n"
                 "bo,Bo,WIZARD,\n"
                 "ann-lee,Ann Again,PERSON,\n"
                 "cy,,PERSON,\n"
                 "too,many,fields,here,extra\n")

    with pytest.raises(InvalidInput) as caught:
        read_actors(path)

    assert located(caught.value) == {(3, "id"), (4, "kind"), (5, "id"), (6, "name"), (7, None)}
    assert "nothing was written" in str(caught.value)
    assert "WIZARD" in str(caught.value)


def test_unknown_and_missing_columns_reject_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "actors.csv", "id,nmae,kind\nann,Ann,PERSON\n")

    with pytest.raises(InvalidInput) as caught:
        read_actors(path)

    assert located(caught.value) == {(1, "nmae"), (1, "name")}


def test_relations_from_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "relations.csv",
                 "subject,type,object,source,date,note\n"
                 "ann-lee,holds role,bay-union,https://registry.example/1,2022-09-15,appointed\n"
                 "ann-lee,MET,cy-ray,minutes 12,,\n")

    first, second = read_relations(path).items

    assert first.type is RelationType.HOLDS_ROLE and first.date == dt.date(2022, 9, 15)
    assert first.note == "appointed" and first.source == "https://registry.example/1"
    assert second.date is None and second.note is None


def test_every_relation_problem_is_listed(tmp_path: Path) -> None:
    path = write(tmp_path, "relations.jsonl",
                 '{"subject": "a", "type": "MET", "object": "b", "source": "s"}\n'
                 '{"subject": "a", "type": "HUGGED", "object": "b", "source": "s"}\n'
                 '{"subject": "a", "type": "MET", "object": "b", "source": "s", "date": "15/09/2022"}\n'
                 '{"subject": "a", "type": "MET", "object": "b"}\n'
                 'not json\n'
                 '{"subject": "a", "type": "MET", "object": "b", "source": "s", "colour": "red"}\n'
                 '{"subject": 7, "type": "MET", "object": "b", "source": "s"}\n')

    with pytest.raises(InvalidInput) as caught:
        read_relations(path)

    assert located(caught.value) == {
        (2, "type"), (3, "date"), (4, "source"), (5, None), (6, "colour"), (7, "subject"),
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"   \n", "empty"),
        ("binary.csv", b"id,name\x00,kind\n", "binary"),
        ("latin1.csv", "id,name,kind\nbj\xf6rn,Bj\xf6rn,PERSON\n".encode("latin-1"), "UTF-8"),
        ("actors.xlsx", b"id,name,kind\n", "unsupported file type"),
    ],
)
def test_unreadable_files_are_rejected_clearly(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(InvalidInput, match=message):
        read_actors(path)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot read file"):
        read_actors(tmp_path / "nope.csv")


def test_references_must_be_known(tmp_path: Path) -> None:
    path = write(tmp_path, "relations.csv",
                 "subject,type,object,source\nann,MET,bo,s\nbo,URGED,cy,s\n")
    relations = read_relations(path)

    assert referenced_ids(relations) == {"ann", "bo", "cy"}
    check_references(relations, {"ann", "bo", "cy"})
    with pytest.raises(InvalidInput) as caught:
        check_references(relations, {"ann", "bo"})
    assert located(caught.value) == {(3, "object")}
    assert "'cy'" in str(caught.value)
