"""API fixtures: the real app (lifespan included) on the real Neo4j, called through ASGI."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from neo4j import AsyncDriver
from pydantic import SecretStr

from kg.api.app import create_app
from kg.graph.repository import GraphRepository
from kg.ingest import DocumentExtractor, ingest_documents
from kg.model import DocumentInfo, Entity, EntityKind, Evidence, Extraction, Relation, RelationType
from kg.settings import Settings
from loaders.documents import iter_documents

API_KEY = "test-key-0123456789"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "armenia-azerbaijan-ceasefire.txt"


@pytest.fixture
def api_settings(neo4j_settings: Settings) -> Settings:
    # A budget far above any test's needs: a loaded CI machine must not turn slowness into
    # TOO_COMPLEX (the budget's own tests set a small one).
    return neo4j_settings.model_copy(
        update={"api_key": SecretStr(API_KEY), "api_max_first": 50, "api_anonymous_budget_s": 600.0}
    )


class Api:
    """A GraphQL client over an in-process app."""

    def __init__(self, app: FastAPI, client: httpx.AsyncClient) -> None:
        self.app = app
        self.client = client

    async def post(self, query: str, variables: dict[str, Any] | None = None,
                   headers: dict[str, str] | None = None) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {}
        )
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The data of a query that must succeed."""
        body = await self.post(query, variables)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data


async def start_api(settings: Settings) -> AsyncIterator[Api]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://kg.test") as client:
            yield Api(app, client)


@pytest.fixture
async def api(clean_graph: AsyncDriver, api_settings: Settings) -> AsyncIterator[Api]:
    """The app over an emptied graph (schema applied by the app's lifespan)."""
    async for started in start_api(api_settings):
        yield started


@pytest.fixture(scope="session")
def extractor(neo4j_settings: Settings) -> DocumentExtractor:
    from kg.nlp.extractor import Extractor

    return Extractor.from_settings(neo4j_settings)


@pytest.fixture
async def sample(api: Api, extractor: DocumentExtractor) -> Api:
    services = api.app.state.services
    docs = list(iter_documents([str(SAMPLE)], published=dt.date(2022, 9, 15)))
    summary = await ingest_documents(
        docs, repository=services.repository(), extractor=extractor, settings=services.settings
    )
    assert summary.new == 1 and summary.claims > 0
    return api


@pytest.fixture
def repository(clean_graph: AsyncDriver, neo4j_settings: Settings) -> GraphRepository:
    return GraphRepository(clean_graph, neo4j_settings.neo4j_database)


def entity(name: str, kind: EntityKind = EntityKind.PERSON, *aliases: str) -> Entity:
    from kg.model import slugify

    return Entity(id=slugify(name), name=name, kind=kind, aliases=tuple(aliases))


def extraction(
    doc_id: str,
    entities: Iterable[Entity],
    relations: Iterable[tuple[Entity, RelationType, Entity, str]],
    *,
    published: dt.date = dt.date(2024, 1, 1),
    title: str | None = None,
) -> Extraction:
    """An extraction whose text is its relations' sentences, each offset where it really is."""
    text = ""
    built: list[Relation] = []
    for subject, type_, object_, sentence in relations:
        start = len(text)
        text += sentence + " "
        built.append(
            Relation(subject=subject.id, type=type_, object=object_.id,
                     evidence=Evidence(text=sentence, start=start, end=start + len(sentence)),
                     confidence=0.8)
        )
    from kg.model import content_sha256, document_id

    sha = content_sha256(doc_id + text)
    info = DocumentInfo(id=document_id(sha), sha256=sha, title=title or doc_id, url=f"https://news.test/{doc_id}",
                        source=doc_id, published=published)
    return Extraction(document=info, entities=tuple(entities), relations=tuple(built), extractor="test")
