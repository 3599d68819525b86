"""A push delivered to the service worker shows a notification."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from tests.browser.helpers import wait_for_service_worker
from tests.browser.live import LiveServer, sign_in

TITLES = (
    "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.map(x => x.title))"
)
DATA = "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.map(x => x.data))"


async def test_push_message_shows_notification(
    live_server: LiveServer, browser_context: Any
) -> None:
    await browser_context.grant_permissions(["notifications"], origin=live_server.url)
    page = await browser_context.new_page()
    await sign_in(page, live_server, "mediator")
    await wait_for_service_worker(page)

    cdp = await browser_context.new_cdp_session(page)
    registrations: list[dict[str, Any]] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    await cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while not [r for r in registrations if r["scopeURL"].startswith(live_server.url)]:
        assert time.monotonic() < deadline, "no service worker registration reported"
        await asyncio.sleep(0.1)
    registration = next(r for r in registrations if r["scopeURL"].startswith(live_server.url))

    payload = {
        "title": "回访提醒：张家宅基地纠纷",
        "body": "明天 10:00 回访",
        "url": "/#/dispute/1",
        "kind": "FOLLOW_UP_DUE",
        "id": "1",
    }
    await cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": live_server.url,
            "registrationId": registration["registrationId"],
            "data": json.dumps(payload),  # ASCII (\u escapes): CDP mangles non-ASCII push data
        },
    )
    deadline = time.monotonic() + 10
    while payload["title"] not in await page.evaluate(TITLES):
        assert time.monotonic() < deadline, "the notification was not shown"
        await asyncio.sleep(0.1)
    assert {"url": "/#/dispute/1"} in await page.evaluate(DATA)
