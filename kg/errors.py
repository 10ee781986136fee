"""One exception tree for everything kg raises on purpose.

    KGError                      base: catch this to catch anything kg means to raise
     ├── ConfigError             settings that cannot work (bad URI, missing model, no Java/Maven)
     ├── InvalidInput            input that cannot be read; carries every problem found
     │    └── ExtractionError    one document could not be extracted (names the document)
     ├── NotFound                an id, name or path that does not exist
     ├── Conflict                a write that contradicts what is stored
     ├── TooComplex              a request over a limit of the API (validation work, time budget)
     ├── GraphRefused            Neo4j answered but refused a statement for what it holds (e.g. a
     │                           value too large to index): that input is bad, the server is fine
     └── GraphUnavailable        Neo4j cannot be reached or stopped answering mid-way

Library code raises these; the CLI turns them into one clear line and an exit status, the
API into a GraphQL error with a code. Nothing returns a status string instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    source: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.message}"


class KGError(Exception):
    """Base of every error kg raises on purpose."""

    code = "KG_ERROR"


class ConfigError(KGError):
    code = "CONFIG_ERROR"


class InvalidInput(KGError):
    code = "INVALID_INPUT"

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.problems: list[Problem] = list(problems or [])
        details = "".join(f"\n  {p}" for p in self.problems)
        super().__init__(message + details)


class ExtractionError(InvalidInput):
    code = "EXTRACTION_ERROR"


class NotFound(KGError):
    code = "NOT_FOUND"


class Conflict(KGError):
    code = "CONFLICT"


class TooComplex(KGError):
    """A request the API will not finish: too much validation work or over its time budget."""

    code = "TOO_COMPLEX"


class GraphRefused(KGError):
    """Neo4j answered but refused a statement for what it holds (a value too large to index)."""

    code = "GRAPH_REFUSED"


class GraphUnavailable(KGError):
    code = "GRAPH_UNAVAILABLE"
