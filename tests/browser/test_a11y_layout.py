"""axe-core finds no serious or critical violation on any screen, and no screen
scrolls sideways at 360 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.live import LiveServer
from tests.browser.screens import SCREENS, demo_ids, open_screen, routes_for, sign_in_as

RUN_AXE = """() => axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))"""
# Map links (geo:) narrower or lower than a 44 × 44 CSS px tap target.
SMALL_MAP_LINKS = """() => [...document.querySelectorAll('a[href^="geo:"]')]
  .map((a) => a.getBoundingClientRect())
  .filter((r) => r.width < 44 || r.height < 44)
  .map((r) => `${Math.round(r.width)}x${Math.round(r.height)}`)"""


@pytest.mark.parametrize("role", list(SCREENS))
async def test_every_screen_accessible_and_fits_360(
    live_server: LiveServer, browser_context: Any, axe: Path, role: str
) -> None:
    # An init script is injected outside the page's CSP (script-src 'self').
    await browser_context.add_init_script(path=str(axe))
    ids = demo_ids(live_server)
    page = await browser_context.new_page()
    if role:
        await sign_in_as(page, live_server, role)
    else:
        await page.goto(f"{live_server.url}/#/signin")
    problems = {}
    for route in routes_for(role, ids):
        await open_screen(page, live_server, route)
        violations = await page.evaluate(RUN_AXE)
        width = await page.evaluate("document.documentElement.scrollWidth")
        small = await page.evaluate(SMALL_MAP_LINKS)
        if violations or width > 360 or small:
            problems[route] = {"violations": violations, "scrollWidth": width, "small": small}
    assert not problems, problems
