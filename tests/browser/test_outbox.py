"""The outbox: writes made offline survive a reload, go when the network
returns, and are stored once — also when the answer to the first send is lost.

The lost answer: see lose_first_answer_and_reconnect, and the test that drops
the first answer with a Playwright route."""

from __future__ import annotations

import random
import re
import sqlite3
from typing import Any

from playwright.async_api import expect

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
    await expect(page.get_by_test_id("outbox-count")).to_have_text(str(n), timeout=timeout)


# Playwright's offline mode does not reliably cover the fetches of a page
# that a service worker controls: while sessionStorage says "offline", the
# page's /graphql requests fail as they would with no signal.
OFFLINE_TOO = """(() => {
  const real = window.fetch.bind(window);
  window.fetch = (input, init) =>
    sessionStorage.getItem('offline') && String(input).endsWith('/graphql')
      ? Promise.reject(new TypeError('Failed to fetch (offline)'))
      : real(input, init);
})();"""

QUEUED = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('sifasuo');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction(['outbox', 'kv']);
    const items = tx.objectStore('outbox').getAll();
    const session = tx.objectStore('kv').get('session');
    tx.oncomplete = () => resolve({ items: items.result, token: session.result.token });
  };
})"""


async def go_offline(context: Any, page: Any) -> None:
    await context.add_init_script(OFFLINE_TOO)
    await page.reload()
    await page.evaluate("sessionStorage.setItem('offline', '1')")
    await context.set_offline(True)


async def lose_first_answer_and_reconnect(server: LiveServer, context: Any, page: Any) -> str:
    """The queued write reaches the server but its answer never reaches the
    phone; then the network returns. Returns the item's clientId.

    The first send is made here with the item's own query, variables and
    token: for the server that is the phone's send; the phone keeps the
    item, as when the answer is lost. (Routes cannot drop it reliably: the
    worker's Background Sync sends bypass them.)
    """
    queued = await page.evaluate(QUEUED)
    assert len(queued["items"]) == 1
    item = queued["items"][0]
    first = server.graphql(item["query"], item["variables"], token=queued["token"])
    assert first[item["op"]]["id"]
    await page.evaluate("sessionStorage.removeItem('offline')")
    await context.set_offline(False)
    await page.reload()  # the app sends on load (and on `online`, on a timer, by Background Sync)
    await wait_outbox_count(page, 0, timeout=60000)
    client_id: str = item["clientId"]
    return client_id


async def test_offline_check_in_survives_reload_and_is_stored_once(
    live_server: LiveServer, page_only_context: Any
) -> None:
    browser_context = page_only_context
    person = enrol_person(live_server, name=f"离线{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await activate_in_browser(page, live_server, person["activationCode"], new_username("o"))
    await wait_for_service_worker(page)
    await page.get_by_test_id("due-main").wait_for()

    await go_offline(browser_context, page)
    await page.get_by_test_id("checkin-now").click()
    await wait_outbox_count(page, 1)
    await page.reload()
    await page.get_by_test_id("checkin-now").wait_for()
    await wait_outbox_count(page, 1)
    await expect(page.get_by_test_id("history-item").filter(has_text="待发送")).to_have_count(1)

    client_id = await lose_first_answer_and_reconnect(live_server, browser_context, page)
    assert rows(live_server, "check_in", client_id) == 1
    officer = live_server.login("officer")
    data = live_server.graphql(
        "query($id: ID!) { supervisedPerson(id: $id) { checkIns(first: 5) { totalCount } } }",
        {"id": person["id"]},
        token=officer,
    )
    assert data["supervisedPerson"]["checkIns"]["totalCount"] == 1


async def test_offline_mediation_visit_survives_reload_and_is_stored_once(
    live_server: LiveServer, page_only_context: Any
) -> None:
    browser_context = page_only_context
    page = await browser_context.new_page()
    await sign_in(page, live_server, "mediator")
    await wait_for_service_worker(page)
    await page.get_by_test_id("dispute-item").first.click()
    await page.get_by_test_id("dispute-log-visit").wait_for()  # the dispute is now cached
    dispute_url = page.url

    await go_offline(browser_context, page)
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

    client_id = await lose_first_answer_and_reconnect(live_server, browser_context, page)
    assert rows(live_server, "mediation_visit", client_id) == 1
    await page.get_by_test_id("visit-item").filter(has_text="离线走访").wait_for()


async def test_lost_answer_dropped_by_interception_is_stored_once(
    live_server: LiveServer, tmp_path: Any
) -> None:
    """The first send reaches the server, its answer is dropped on the way back
    (intercepted), the phone sends again, and the server stores it once.

    The service worker is blocked in this context so that every request of
    the page passes Playwright's route, where the answer is dropped; the
    outbox itself lives in the page and IndexedDB and needs no worker.
    """
    import json

    from tests.browser.live import phone_context

    person = enrol_person(live_server, name=f"丢包{random.randint(1000, 9999)}")
    sent: list[str] = []

    async def drop_first_answer(route: Any) -> None:
        body = route.request.post_data or ""
        if "submitCheckIn" in body:
            sent.append(json.loads(body)["variables"]["input"]["clientId"])
            if len(sent) == 1:
                await route.fetch()  # the server stores it ...
                await route.abort("connectionreset")  # ... and the phone never hears
                return
        await route.continue_()

    async with phone_context(tmp_path / "profile", service_workers="block") as context:
        page = await context.new_page()
        await page.route("**/graphql", drop_first_answer)
        await activate_in_browser(page, live_server, person["activationCode"], new_username("l"))
        await page.get_by_test_id("due-main").wait_for()
        await page.get_by_test_id("checkin-now").click()
        # The lost answer leaves the item in the outbox ...
        for _ in range(200):
            if sent:
                break
            await page.wait_for_timeout(50)
        await wait_outbox_count(page, 1)
        # ... and the retry, answered this time, empties it.
        await wait_outbox_count(page, 0, timeout=40000)
    assert len(sent) >= 2 and len(set(sent)) == 1, sent
    assert rows(live_server, "check_in", sent[0]) == 1


async def test_a_retry_due_now_reads_as_retrying_shortly(
    live_server: LiveServer, page_only_context: Any
) -> None:
    """The first retries come within seconds: a relative time would read
    "将于此刻重试" (at this moment) or even a minute ago."""
    context = page_only_context
    page = await context.new_page()
    await sign_in(page, live_server, "mediator")
    await wait_for_service_worker(page)
    await page.get_by_test_id("dispute-item").first.click()
    await page.get_by_test_id("dispute-log-visit").wait_for()

    await go_offline(context, page)
    await page.get_by_test_id("dispute-log-visit").click()
    await page.get_by_test_id("visit-summary").fill("离线走访：等待重试。")
    await page.get_by_test_id("visit-location").uncheck()
    await page.get_by_test_id("visit-submit").click()
    await wait_outbox_count(page, 1)
    await page.goto(f"{live_server.url}/#/outbox")
    next_try = page.get_by_test_id("outbox-next")
    await expect(next_try).to_have_text(re.compile(r"^已尝试 \d+ 次，即将重试$"))
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("settings-language").select_option("en")
    await page.goto(f"{live_server.url}/#/outbox")
    await expect(next_try).to_have_text(re.compile(r"^Tried \d+ times; retrying shortly$"))
