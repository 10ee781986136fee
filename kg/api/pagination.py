"""Opaque keyset cursors and the limits every list argument obeys.

A cursor is the sort key of the item it points at (plus a tag naming the list it came from),
JSON-encoded and base64url-wrapped: the next page starts strictly after that key, so pages
stay stable when new items are inserted before or after it. No offsets anywhere.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import orjson

from kg.errors import InvalidInput
from kg.graph.reads import PageRequest, SortKey
from kg.settings import Settings

DEFAULT_FIRST = 20


def encode_cursor(tag: str, key: SortKey) -> str:
    # orjson: compact UTF-8 JSON like json.dumps(separators=(",", ":"), ensure_ascii=False),
    # several times faster; a response carries a cursor per edge and per evidence item.
    return base64.urlsafe_b64encode(orjson.dumps([tag, *key])).decode("ascii").rstrip("=")


def decode_cursor(tag: str, cursor: str, *, size: int) -> SortKey:
    """The sort key inside ``cursor``; InvalidInput if it is not a cursor of list ``tag``."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value: Any = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InvalidInput(f"'after' is not a cursor this API returned: {cursor[:40]!r}") from exc
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
