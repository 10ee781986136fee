"""Opaque keyset cursors and the limits every list argument obeys.

A cursor is the sort key of the item it points at (plus a tag naming the list it came from),
JSON-encoded and base64url-wrapped: the next page starts strictly after that key, so pages
stay stable when new items are inserted before or after it. No offsets anywhere.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

import orjson

from kg.errors import InvalidInput
from kg.graph.reads import PageRequest, SortKey
from kg.settings import Settings

DEFAULT_FIRST = 20
# A cursor is checked by shape and size before it is decoded: the base64url alphabet, and no
# longer than the longest cursor kg makes (a relation's: a type and two ids, as ingestion caps
# them) with room to spare. Its JSON is read by orjson, which refuses nesting deeper than 1,024
# (no RecursionError), and is at most a few hundred brackets deep at this size anyway.
MAX_CURSOR_CHARS = 2048
_CURSOR = re.compile(r"[A-Za-z0-9_-]*")


def encode_cursor(tag: str, key: SortKey) -> str:
    # orjson: compact UTF-8 JSON like json.dumps(separators=(",", ":"), ensure_ascii=False),
    # several times faster; a response carries a cursor per edge and per evidence item.
    return base64.urlsafe_b64encode(orjson.dumps([tag, *key])).decode("ascii").rstrip("=")


def decode_cursor(tag: str, cursor: str, *, size: int) -> SortKey:
    """The sort key inside ``cursor``; InvalidInput if it is not a cursor of list ``tag``."""
    refused = f"'after' is not a cursor this API returned: {cursor[:40]!r}"
    if len(cursor) > MAX_CURSOR_CHARS or not _CURSOR.fullmatch(cursor):
        raise InvalidInput(refused)
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value: Any = orjson.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InvalidInput(refused) from exc
    if (
        not isinstance(value, list)
        or len(value) != size + 1
        or value[0] != tag
        or not all(isinstance(part, str | int | float) and not isinstance(part, bool) for part in value[1:])
    ):
        raise InvalidInput(f"'after' is a cursor from another list, not from {tag}")
    return tuple(value[1:])


def page_request(
    settings: Settings, tag: str, first: int | None, after: str | None, *, key_size: int
) -> PageRequest:
    """Validate ``first``/``after``: first in 0..api_max_first (default 20), after a cursor of ``tag``."""
    limit = DEFAULT_FIRST if first is None else first
    if limit < 0:
        raise InvalidInput("'first' must not be negative")
    limit = min(limit, settings.api_max_first)
    key = decode_cursor(tag, after, size=key_size) if after else None
    return PageRequest(limit=limit, after=key)
