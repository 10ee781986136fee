"""The kg_actors_v1 spaCy component: a registered factory with a config, data loaded once."""

from __future__ import annotations

import inspect

import pytest
import spacy

from kg.errors import ConfigError
from kg.nlp import mentions as package
from kg.nlp.components import ACTORS, register_components
from kg.nlp.mentions import RULES
from tests.unit.mention_support import lexicon, mentions, parse
from tests.unit.test_nlp_support import shared_extractor


def test_the_component_is_a_registered_factory_with_a_config() -> None:
    nlp = shared_extractor().nlp
    assert nlp.get_pipe_meta(ACTORS).default_config == {"words": "mentions.toml", "agents": "agents.toml"}
    assert nlp.get_pipe_config(ACTORS)["words"] == "mentions.toml"


def test_the_lexicon_is_built_once_not_per_document() -> None:
    first = lexicon()
    parse("Armenia accused Azerbaijan.")
    parse("Russia mediated the truce.")
    assert lexicon() is first


def test_an_uninitialized_component_says_so() -> None:
    register_components()
    nlp = spacy.blank("en")
    nlp.add_pipe(ACTORS)
    with pytest.raises(ConfigError, match="not initialized"):
        nlp("Armenia accused Azerbaijan.")


def test_every_rule_is_a_documented_function_of_the_package() -> None:
    assert len(set(RULES)) == len(RULES)
    for rule in RULES:
        assert rule.__module__.startswith(package.__name__ + "."), rule
        doc = inspect.getdoc(rule) or ""
        assert doc and "\n" not in doc.strip(), f"{rule.__name__}: one-line docstring"


def test_a_name_broken_over_lines_is_written_on_one() -> None:
    found = mentions("The U.S.-led \ncoalition struck positions near Mosul.")
    coalition = next(m for m in found if "coalition" in m.text)
    assert (coalition.key, coalition.name, coalition.text) == (
        "org:U.S.-led coalition", "U.S.-led coalition", "U.S.-led coalition"
    )
