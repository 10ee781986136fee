from __future__ import annotations

import pytest
from pydantic import SecretStr

from kg.errors import ConfigError
from kg.graph.driver import open_driver
from kg.settings import Settings

pytestmark = pytest.mark.integration


async def test_wrong_password_is_a_config_error_naming_the_settings(neo4j_settings: Settings) -> None:
    wrong = neo4j_settings.model_copy(update={"neo4j_password": SecretStr("not-the-password")})
    with pytest.raises(ConfigError) as caught:
        await open_driver(wrong)
    message = str(caught.value)
    assert "rejected the login" in message
    assert "KG_NEO4J_PASSWORD" in message


async def test_open_driver_gives_a_working_driver(neo4j_settings: Settings) -> None:
    async with await open_driver(neo4j_settings) as driver:
        records, _, _ = await driver.execute_query(
            "RETURN 1 AS one", database_=neo4j_settings.neo4j_database
        )
    assert records[0]["one"] == 1
