"""The time, as one replaceable function: `Settings.clock` is what the app asks,
so a test can move time on without sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)
