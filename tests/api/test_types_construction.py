"""types._made builds the strawberry objects without their keyword __init__: every object the
builders make must have exactly the state __init__ gives it (same keys, order and values)."""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

import pytest

from kg.api import types
from kg.graph.reads import ClaimView, DocumentView, EntityView, RelationView
from kg.model import EntityKind, RelationType

PERSON = EntityView("actor-1", "A. Person", EntityKind.PERSON, ("Person",), roles=("minister",), curated=True)
STATE = EntityView("actor-2", "A State", EntityKind.COUNTRY)
TRUCE = EntityView("event-1", "truce", EntityKind.EVENT, date=dt.date(2022, 9, 14))
DOCUMENT = DocumentView(
    id="doc-1", sha256="0" * 64, source="file", title="T", author=None, url="https://x.test/a",
    published=dt.date(2022, 9, 15),
)
CLAIM = ClaimView(
    "claim-1", RelationType.URGED, PERSON.id, STATE.id, PERSON, STATE, "A urged B.", 3, 13,
    dt.date(2022, 9, 15), 0.8, False, False, None, DOCUMENT, STATE,
)
RELATION = RelationView(
    PERSON, RelationType.URGED, STATE, 2, 1, dt.date(2022, 9, 1), dt.date(2022, 9, 15), 0.9
)


def made_objects() -> list[Any]:
    return [
        types.entity(PERSON),
        types.entity(TRUCE),
        types.document(DOCUMENT),
        types.evidence(CLAIM, "cursor", PERSON, STATE),
        types.evidence(CLAIM._replace(document=None, attributed_to=None)),
        types.relation(RELATION),
    ]


@pytest.mark.parametrize("made", made_objects(), ids=lambda made: type(made).__name__)
def test_state_is_what_init_gives(made: Any) -> None:
    cls = type(made)
    parameters = [name for name in inspect.signature(cls.__init__).parameters if name != "self"]
    state = vars(made)
    assert sorted(state) == sorted(parameters), f"{cls.__name__}: fields the builder does not set"
    rebuilt = cls(**state)
    assert list(vars(rebuilt)) == list(state)
    assert vars(rebuilt) == state


def test_ids_are_plain_strings() -> None:
    # strawberry.ID is a NewType of str: the builders store the str itself, as ID(...) does.
    assert type(types.entity(PERSON).id) is str
    assert type(types.document(DOCUMENT).id) is str
