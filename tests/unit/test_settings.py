from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.settings import Settings, load_settings


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test sees only the environment it sets (no developer KG_* variables, no .env)."""
    for name in list(os.environ):
        if name.startswith(("KG_", "NEO4J_")) or name == "XDG_DATA_HOME":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_no_uri_means_the_managed_server() -> None:
    settings = load_settings()
    assert settings.neo4j_uri is None
    assert settings.neo4j_password is None
    assert settings.neo4j_user == "neo4j"


def test_kg_prefixed_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_NEO4J_URI", "bolt://graph.example:7687")
    monkeypatch.setenv("KG_NEO4J_PASSWORD", "s3cret-pass")
    monkeypatch.setenv("KG_NEO4J_BOLT_PORT", "7999")
    monkeypatch.setenv("KG_NEO4J_START_TIMEOUT_S", "12.5")
    settings = load_settings()
    assert settings.neo4j_uri == "bolt://graph.example:7687"
    assert settings.neo4j_password is not None
    assert settings.neo4j_password.get_secret_value() == "s3cret-pass"
    assert settings.neo4j_bolt_port == 7999
    assert settings.neo4j_start_timeout_s == 12.5


def test_plain_neo4j_uri_is_accepted_as_well(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://other.example:7687")
    assert load_settings().neo4j_uri == "neo4j://other.example:7687"


def test_kg_uri_wins_over_plain_neo4j_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://plain.example:7687")
    monkeypatch.setenv("KG_NEO4J_URI", "bolt://kg.example:7687")
    assert load_settings().neo4j_uri == "bolt://kg.example:7687"


def test_testcontainers_password_variable_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # testcontainers reads NEO4J_PASSWORD as its own default; kg must not pick it up.
    monkeypatch.setenv("NEO4J_PASSWORD", "not-for-kg")
    assert load_settings().neo4j_password is None


def test_password_is_hidden_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_NEO4J_PASSWORD", "visible-nowhere")
    assert "visible-nowhere" not in repr(load_settings())


def test_data_dir_follows_xdg_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    settings = load_settings()
    assert settings.data_dir == tmp_path / "xdg" / "kg"
    assert settings.neo4j_home == tmp_path / "xdg" / "kg" / "neo4j"


def test_default_data_dir_is_under_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert load_settings().data_dir == tmp_path / ".local" / "share" / "kg"


def test_keyword_overrides_win_over_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_DATA_DIR", str(tmp_path / "from-env"))
    monkeypatch.setenv("KG_NEO4J_URI", "bolt://from-env:7687")
    settings = load_settings(data_dir=tmp_path / "given", KG_NEO4J_URI=None)
    assert settings.data_dir == tmp_path / "given"
    assert settings.neo4j_home == tmp_path / "given" / "neo4j"
    assert settings.neo4j_uri is None


def test_dotenv_file_in_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("KG_NEO4J_HTTP_PORT=7555\nKG_NEO4J_HEAP=2g\n", encoding="utf-8")
    settings = load_settings()
    assert settings.neo4j_http_port == 7555
    assert settings.neo4j_heap == "2g"


def test_unknown_kg_variables_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_NOT_A_SETTING", "x")
    assert isinstance(load_settings(), Settings)


def test_invalid_port_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    monkeypatch.setenv("KG_NEO4J_BOLT_PORT", "not-a-number")
    with pytest.raises(ValidationError, match="neo4j_bolt_port"):
        load_settings()
