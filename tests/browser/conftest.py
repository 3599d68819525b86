"""Browser tests: the real PWA served by the real app, driven in headless Chromium.

The server is `sifasuo serve` in a subprocess on a fresh SQLite database with
the demo data (tests/browser/live.py, shared with the screenshot script and
the Lighthouse benchmark). Chromium is Debian's (/usr/bin/chromium), driven
by Playwright for Python with a persistent profile (installability is not
reported in incognito). With CI=true a missing Chromium or axe-core fails the
run; elsewhere it is a loud skip.
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
from tests.live_server import ROOT

IN_CI = os.environ.get("CI", "").lower() == "true"
AXE = ROOT / "pwa" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    with start_live_server() as server:
        yield server


def require(path: Path, message: str, *, in_ci: bool = IN_CI) -> None:
    """Fails under CI=true when `path` is missing, else skips loudly: a check
    that cannot run must never pass quietly where the release is decided."""
    if path.exists():
        return
    if in_ci:
        pytest.fail(message, pytrace=False)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def _require_chromium() -> None:
    message = f"browser tests cannot run: {CHROMIUM} is missing (apt-get install chromium)"
    require(Path(CHROMIUM), message)


@pytest.fixture
def axe() -> Path:
    """axe-core's script, for the accessibility check."""
    require(AXE, f"the accessibility check cannot run: {AXE} is missing (cd pwa && npm ci)")
    return AXE


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
