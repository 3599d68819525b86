"""Installable, works offline, and a small first load."""

from __future__ import annotations

from typing import Any

import httpx

from tests.browser.helpers import wait_for_service_worker
from tests.browser.live import LiveServer, sign_in

BUDGET = 60 * 1024


async def test_installable_and_reloads_offline(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    await page.goto(live_server.url + "/")
    await page.get_by_test_id("signin-form").wait_for()
    await wait_for_service_worker(page)

    cdp = await browser_context.new_cdp_session(page)
    result = await cdp.send("Page.getInstallabilityErrors")
    assert result["installabilityErrors"] == []
    manifest = await cdp.send("Page.getAppManifest")
    assert not manifest.get("errors"), manifest["errors"]

    # Signed out: the sign-in screen comes from the worker's cache.
    await browser_context.set_offline(True)
    await page.reload()
    await page.get_by_test_id("signin-form").wait_for()

    # Signed in: the home screen and its cached data.
    await browser_context.set_offline(False)
    await sign_in(page, live_server, "mediator")
    await page.get_by_test_id("dispute-item").first.wait_for()
    await browser_context.set_offline(True)
    await page.reload()
    await page.get_by_test_id("dispute-item").first.wait_for()
    await page.get_by_test_id("as-of").first.wait_for()


async def test_first_load_bytes_within_budget(
    live_server: LiveServer, browser_context: Any
) -> None:
    """HTML, the start modules, CSS, catalogue and manifest, gzip over the wire."""
    page = await browser_context.new_page()
    cdp = await browser_context.new_cdp_session(page)
    await cdp.send("Network.enable")
    await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, float] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.update({e["requestId"]: e["request"]["url"]})
    )
    cdp.on(
        "Network.loadingFinished", lambda e: sizes.update({e["requestId"]: e["encodedDataLength"]})
    )
    await page.goto(live_server.url + "/")
    await page.get_by_test_id("signin-form").wait_for()
    await page.wait_for_load_state("networkidle")

    loaded = {urls[r]: size for r, size in sizes.items() if r in urls}
    paths = {u.removeprefix(live_server.url): s for u, s in loaded.items()}
    assert "/" in paths and "/js/app.js" in paths and "/styles.css" in paths
    assert "/js/screens/signin.js" in paths and "/i18n/zh-CN.js" in paths
    # Role screens are not part of the first load.
    assert not any(p.startswith("/js/screens/officer") for p in paths)
    if "/manifest.webmanifest" not in paths:
        # Headless Chromium may fetch the manifest outside the page's network.
        gz = {"Accept-Encoding": "gzip"}
        r = httpx.get(f"{live_server.url}/manifest.webmanifest", headers=gz)
        assert r.headers.get("content-encoding") == "gzip"
        head = sum(len(k) + len(v) + 4 for k, v in r.headers.raw)
        paths["/manifest.webmanifest"] = head + int(r.headers["content-length"])
    total = sum(paths.values())
    lines = "\n".join(f"  {int(s):6d}  {p}" for p, s in sorted(paths.items()))
    print(f"\nfirst load over the wire (gzip, with headers):\n{lines}\n  {int(total):6d}  total")
    assert total <= BUDGET, f"first load is {total} bytes, budget {BUDGET}"
