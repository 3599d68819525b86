"""Browser tests: the real PWA served by the real app, driven in headless Chromium.

The server is `sifasuo serve` in a subprocess on a fresh SQLite database with
the demo data (tests/browser/live.py, shared with the screenshot script and
the Lighthouse benchmark). Chromium is Debian's (/usr/bin/chromium), driven
by Playwright for Python with a persistent profile (installability is not
reported in incognito). With CI=true a missing Chromium fails the run;
elsewhere it is a loud skip.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.live import CHROMIUM, LiveServer, phone_context
from tests.browser.live import live_server as start_live_server

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    with start_live_server() as server:
        yield server


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"browser tests cannot run: {CHROMIUM} is missing (apt-get install chromium)"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    warnings.warn(message, stacklevel=1)
    pytest.skip(message)


@pytest.fixture
async def browser_context(tmp_path: Path) -> AsyncIterator[Any]:
    """A persistent Chromium profile at phone size (360×740), zh-CN."""
    _require_chromium()
    async with phone_context(tmp_path / "profile") as context:
        yield context


@pytest.fixture
async def csp_free_context(tmp_path: Path) -> AsyncIterator[Any]:
    """The same profile with the page's CSP bypassed: only to inject axe-core."""
    _require_chromium()
    async with phone_context(tmp_path / "profile", bypass_csp=True) as context:
        yield context


@pytest.fixture
async def page_only_context(tmp_path: Path) -> AsyncIterator[Any]:
    """No Background Sync: the page is the only sender of the outbox, so that a
    route on the page sees every send (the worker's requests bypass routes)."""
    _require_chromium()
    extra = ("--disable-features=BackgroundSync",)
    async with phone_context(tmp_path / "profile", extra_args=extra) as context:
        yield context
