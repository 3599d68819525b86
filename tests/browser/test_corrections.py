"""Community corrections in the browser: activation, check-in, review, caseload."""

from __future__ import annotations

import random
from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import activate_in_browser, enrol_person, new_username
from tests.browser.live import LiveServer, sign_in

PENDING = """query { pendingCheckIns(first: 100) { totalCount
  edges { node { id status location { latitude longitude } person { id fullName } } } } }"""
PERSON_CHECKINS = """query($id: ID!) { supervisedPerson(id: $id) {
  checkIns(first: 50) { totalCount edges { node { id clientId status } } } } }"""


async def sign_out(page: Any) -> None:
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("signout").click()
    await page.get_by_test_id("signin-form").wait_for()


async def test_person_activates_checks_in_and_officer_verifies(
    live_server: LiveServer, browser_context: Any
) -> None:
    name = f"报到{random.randint(1000, 9999)}"
    person = enrol_person(live_server, name=name)
    await browser_context.grant_permissions(["geolocation"], origin=live_server.url)
    await browser_context.set_geolocation({"latitude": 34.27, "longitude": 108.95, "accuracy": 20})

    page = await browser_context.new_page()
    await activate_in_browser(page, live_server, person["activationCode"], new_username("p"))
    await page.get_by_test_id("due-main").wait_for()
    await page.get_by_test_id("checkin-now").click()
    # Stored on the server: the outbox empties and the history shows it.
    await page.get_by_test_id("history-item").filter(has_text="待审核").wait_for()
    await expect(page.get_by_test_id("outbox-count")).to_have_text("0")

    officer = live_server.login("officer")
    pending = live_server.graphql(PENDING, token=officer)["pendingCheckIns"]["edges"]
    mine = [e["node"] for e in pending if e["node"]["person"]["id"] == person["id"]]
    assert len(mine) == 1
    assert mine[0]["status"] == "PENDING_REVIEW"
    assert abs(mine[0]["location"]["latitude"] - 34.27) < 0.01

    # The officer verifies it from the review queue in the browser.
    await sign_out(page)
    await sign_in(page, live_server, "officer")
    await page.get_by_test_id("nav-review").click()
    group = page.get_by_test_id("review-group").filter(has_text=name)
    await group.wait_for()
    await group.get_by_test_id("review-note").fill("已核实")
    await group.get_by_test_id("review-verify").click()
    await group.wait_for(state="detached")
    checkins = live_server.graphql(PERSON_CHECKINS, {"id": person["id"]}, token=officer)
    statuses = [e["node"]["status"] for e in checkins["supervisedPerson"]["checkIns"]["edges"]]
    assert statuses == ["VERIFIED"]


async def test_check_in_without_location_says_so(
    live_server: LiveServer, browser_context: Any
) -> None:
    person = enrol_person(live_server, name=f"无定位{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await activate_in_browser(page, live_server, person["activationCode"], new_username("q"))
    await page.get_by_test_id("due-main").wait_for()
    # No geolocation permission: the check-in goes without a place.
    await page.get_by_test_id("checkin-now").click()
    status = page.get_by_test_id("checkin-status")
    await expect(status).to_contain_text("无位置")
    assert "无位置" in (await status.text_content() or "")
    # The check-in went to the outbox first; the server has it once that is empty.
    await expect(page.get_by_test_id("outbox-count")).to_have_text("0")
    officer = live_server.login("officer")
    pending = live_server.graphql(PENDING, token=officer)["pendingCheckIns"]["edges"]
    mine = [e["node"] for e in pending if e["node"]["person"]["id"] == person["id"]]
    assert len(mine) == 1 and mine[0]["location"] is None


async def test_caseload_shows_the_absconded_then_the_overdue_first(
    live_server: LiveServer, browser_context: Any
) -> None:
    name = f"失联{random.randint(1000, 9999)}"
    person = enrol_person(live_server, name=name)
    live_server.graphql(
        'mutation($id: ID!) { setSupervisionStatus(personId: $id, status: ABSCONDED, note: "失联")'
        " { id } }",
        {"id": person["id"]},
        token=live_server.login("officer"),
    )
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await page.get_by_test_id("caseload-item").first.wait_for()
    # [absconded?, overdue?, text] of each row, in the order shown.
    rows = await page.eval_on_selector_all(
        "[data-testid=caseload-item]",
        "els => els.map(e => [e.textContent.includes('脱管'), e.classList.contains('overdue'),"
        " e.textContent])",
    )
    absconded = [r[0] for r in rows]
    first_other = absconded.index(False)
    assert any(name in r[2] for r in rows[:first_other]), rows
    assert not any(absconded[first_other:]), rows
    # Then the overdue, the demo's 吴刚 (never reported) among them.
    overdue = [r[1] for r in rows[first_other:]]
    assert overdue[0] and "吴刚" in "".join(r[2] for r in rows[first_other:][: overdue.count(True)])
    summary = await page.get_by_test_id("caseload-summary").text_content() or ""
    assert f"其中 {first_other} 人脱管" in summary, summary


CASELOAD_PAGE = 25  # pwa/js/screens/officer.js
CASELOAD_ORDER = """query($after: String) { supervisedPersons(first: 100, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""


async def test_caseload_is_in_the_servers_order_a_page_at_a_time(
    live_server: LiveServer, browser_context: Any
) -> None:
    """Shown as the server sends it (never re-sorted on the phone), with "more"
    for the next page; names are chosen so that sorting by name would differ."""
    officer = live_server.login("officer")
    total = live_server.graphql(CASELOAD_ORDER, token=officer)["supervisedPersons"]["totalCount"]
    for n in range(max(0, 30 - total)):
        enrol_person(live_server, name=f"{'丙乙甲'[n % 3]}序{n:02d}")
    served: list[str] = []
    after = None
    while True:
        page_ = live_server.graphql(CASELOAD_ORDER, {"after": after}, token=officer)
        served += [e["node"]["id"] for e in page_["supervisedPersons"]["edges"]]
        if not page_["supervisedPersons"]["pageInfo"]["hasNextPage"]:
            break
        after = page_["supervisedPersons"]["pageInfo"]["endCursor"]
    assert len(served) >= 30

    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    items = page.get_by_test_id("caseload-item")
    await items.first.wait_for()
    more = page.get_by_test_id("caseload-more")
    # One page first: the phone does not fetch (and sort) a hundred at once.
    await expect(items).to_have_count(CASELOAD_PAGE)
    await expect(more).to_be_visible()
    while await more.is_visible():
        count = await items.count()
        await more.click()
        await expect(items).not_to_have_count(count)
    await expect(items).to_have_count(len(served))
    shown = [
        (await items.nth(i).get_attribute("href") or "").removeprefix("#/person/")
        for i in range(len(served))
    ]
    assert shown == served
    summary = await page.get_by_test_id("caseload-summary").text_content() or ""
    assert str(len(served)) in summary
