"""Dates written relative to the publication date: "on Wednesday", "late Tuesday", "yesterday"."""

from __future__ import annotations

import datetime as dt
import re

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_MONTH_DAY = re.compile(
    r"\b(" + "|".join(_MONTHS) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.IGNORECASE
)
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")(?:,?\s+(\d{4}))?\b", re.IGNORECASE
)


def resolve_date(phrase: str | None, published: dt.date | None, *, future: bool = False) -> dt.date | None:
    """The calendar date a phrase names, read against the publication date.

    A weekday is the most recent such day on or before ``published`` or, for a planned event
    (``future``: "will travel on Monday", "is scheduled to meet on Friday"), the next such day
    after it; "tomorrow" is the day after; "yesterday"/"today"/
    "tonight"/"last night" are relative to it; "September 14" takes the year of publication
    (or the year written). Without a publication date only fully written dates resolve.
    """
    if not phrase:
        return None
    text = phrase.lower()
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        match = pattern.search(text)
        if match:
            month = _MONTHS.index(match.group(month_group).lower()) + 1
            year = int(match.group(3)) if match.group(3) else (published.year if published else None)
            if year is None:
                return None
            try:
                return dt.date(year, month, int(match.group(day_group)))
            except ValueError:
                return None
    if published is None:
        return None
    if "tomorrow" in text:
        return published + dt.timedelta(days=1)
    if "yesterday" in text or "last night" in text:
        return published - dt.timedelta(days=1)
    if "today" in text or "tonight" in text:
        return published
    match = _WEEKDAY.search(text)
    if match:
        wanted = _WEEKDAYS.index(match.group(1).lower())
        if future or "next" in text.split():
            ahead = (wanted - published.weekday()) % 7 or 7
            return published + dt.timedelta(days=ahead)
        back = (published.weekday() - wanted) % 7
        return published - dt.timedelta(days=back)
    return None
