"""The API freezes the objects alive at startup once per process (KG_API_GC_FREEZE)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kg.api.app import _freeze_long_lived_objects


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _collected(value: object) -> bool:
    """Whether ``value`` is in the garbage collector's generations (not frozen)."""
    return any(value is tracked for tracked in gc.get_objects())


def test_startup_objects_leave_the_collected_generations(unfrozen: None) -> None:
    long_lived = [["schema"]]
    assert _collected(long_lived)
    _freeze_long_lived_objects()
    assert gc.get_freeze_count() > 0
    assert not _collected(long_lived)


def test_frozen_once_per_process(unfrozen: None) -> None:
    _freeze_long_lived_objects()
    frozen = gc.get_freeze_count()
    created_later = [["request"]]
    _freeze_long_lived_objects()
    # Not ==: a frozen object freed meanwhile (by another thread, say) leaves the count.
    assert gc.get_freeze_count() <= frozen
    assert _collected(created_later)
