"""The outbox: writes made offline survive a reload, go when the network
returns, and are stored once — also when the answer to the first send is lost."""

from __future__ import annotations

import json
import random
import sqlite3
from typing import Any

from tests.browser.helpers import (
    activate_in_browser,
    enrol_person,
    new_username,
    wait_for_service_worker,
)
from tests.browser.live import LiveServer, sign_in


def rows(server: LiveServer, table: str, client_id: str) -> int:
    with sqlite3.connect(server.database) as db:
        (n,) = db.execute(
            f"SELECT count(*) FROM {table} WHERE client_id = ?", (client_id,)
        ).fetchone()
    return int(n)


async def wait_outbox_count(page: Any, n: int, timeout: float = 30000) -> None:
    from playwright.async_api import expect

    await expect(page.get_by_test_id("outbox-count")).to_have_text(str(n), timeout=timeout)


class LoseFirstAnswer:
    """Lets the first `op` request reach the server, then drops its answer."""

    def __init__(self, op: str) -> None:
        self.op = op
        self.client_ids: list[str] = []
        self.lost = 0

    async def __call__(self, route: Any) -> None:
        body = route.request.post_data or ""
        if self.op not in body:
            await route.continue_()
            return
        self.client_ids.append(json.loads(body)["variables"]["input"]["clientId"])
        if self.lost:
            await route.continue_()
            return
        response = await route.fetch()  # the server stores it …
        assert response.status == 200
        self.lost += 1
        await route.abort("connectionreset")  # … and the phone never hears back


async def send_after_reconnect(context: Any, page: Any, op: str) -> LoseFirstAnswer:
    lose = LoseFirstAnswer(op)
    await context.route("**/graphql", lose)
    await context.set_offline(False)
    await page.reload()  # the app sends on load (and on `online`, on a timer, by Background Sync)
    await wait_outbox_count(page, 0, timeout=60000)
    return lose


async def test_offline_check_in_survives_reload_and_is_stored_once(
    live_server: LiveServer, browser_context: Any
) -> None:
    person = enrol_person(live_server, name=f"离线{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await activate_in_browser(page, live_server, person["activationCode"], new_username("o"))
    await wait_for_service_worker(page)
    await page.get_by_test_id("due-main").wait_for()

    await browser_context.set_offline(True)
    await page.get_by_test_id("checkin-now").click()
    await wait_outbox_count(page, 1)
    await page.reload()
    await page.get_by_test_id("checkin-now").wait_for()
    await wait_outbox_count(page, 1)
    assert await page.get_by_test_id("history-item").filter(has_text="待发送").count() == 1

    lose = await send_after_reconnect(browser_context, page, "submitCheckIn")
    assert lose.lost == 1, "the first send's answer was not dropped"
    # The outbox emptied, so a second send (by the page, or by the worker's
    # Background Sync, which page routes do not see) got the stored record back.
    assert len(set(lose.client_ids)) == 1
    assert rows(live_server, "check_in", lose.client_ids[0]) == 1
    officer = live_server.login("officer")
    data = live_server.graphql(
        "query($id: ID!) { supervisedPerson(id: $id) { checkIns(first: 5) { totalCount } } }",
        {"id": person["id"]},
        token=officer,
    )
    assert data["supervisedPerson"]["checkIns"]["totalCount"] == 1


async def test_offline_mediation_visit_survives_reload_and_is_stored_once(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    await sign_in(page, live_server, "mediator")
    await wait_for_service_worker(page)
    await page.get_by_test_id("dispute-item").first.click()
    await page.get_by_test_id("dispute-log-visit").wait_for()  # the dispute is now cached
    dispute_url = page.url

    await browser_context.set_offline(True)
    await page.get_by_test_id("dispute-log-visit").click()
    await page.get_by_test_id("visit-form").wait_for()
    await page.get_by_test_id("visit-summary").fill("离线走访：双方同意下周再谈。")
    await page.get_by_test_id("visit-location").uncheck()
    await page.get_by_test_id("visit-submit").click()
    await page.wait_for_url(dispute_url)
    await wait_outbox_count(page, 1)
    await page.reload()
    await page.get_by_test_id("dispute-log-visit").wait_for()
    await wait_outbox_count(page, 1)

    lose = await send_after_reconnect(browser_context, page, "logMediationVisit")
    assert lose.lost == 1
    assert len(set(lose.client_ids)) == 1
    assert rows(live_server, "mediation_visit", lose.client_ids[0]) == 1
    await page.get_by_test_id("visit-item").filter(has_text="离线走访").wait_for()
