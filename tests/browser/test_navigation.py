"""The tab bar: an icon and a label on every tab, each a thumb's tap target,
and the bureau's supervisor reaches mediation and legal aid from it."""

from __future__ import annotations

from typing import Any

from playwright.async_api import expect

from tests.browser.live import LiveServer
from tests.browser.screens import sign_in_as

# Every tab of a role: its label, whether it carries its icon, its size.
TABS = """() => [...document.querySelectorAll('#nav a')].map((a) => {
  const r = a.getBoundingClientRect();
  const svg = a.querySelector('svg');
  return { id: a.dataset.testid, label: a.textContent.trim(), width: r.width, height: r.height,
           icon: !!svg && svg.getAttribute('aria-hidden') === 'true' && svg.children.length > 0 };
})"""


async def tabs_of(page: Any) -> list[dict[str, Any]]:
    # The icons come after sign-in, with the navigation catalogue.
    await page.wait_for_function(
        "() => [...document.querySelectorAll('#nav a')].every((a) => a.querySelector('svg'))"
    )
    tabs: list[dict[str, Any]] = await page.evaluate(TABS)
    return tabs


async def test_every_tab_has_an_icon_and_a_label(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    roles = "person released officer mediator applicant legalaid lawyer supervisor admin"
    for role in roles.split():
        await sign_in_as(page, live_server, role)
        tabs = await tabs_of(page)
        assert len(tabs) >= 2, role
        for tab in tabs:
            assert tab["icon"] and tab["label"], (role, tab)
            assert tab["width"] >= 44 and tab["height"] >= 44, (role, tab)
        await page.get_by_test_id("nav-settings").click()
        await page.get_by_test_id("signout").click()
        await page.get_by_test_id("signin-form").wait_for()


async def test_the_bureau_supervisor_reaches_disputes_and_legal_aid(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    await sign_in_as(page, live_server, "bureau")
    ids = [tab["id"] for tab in await tabs_of(page)]
    assert "nav-disputes" in ids and "nav-queue" in ids, ids
    await expect(page.get_by_test_id("nav-queue")).to_have_text("法律援助")
    await page.get_by_test_id("nav-queue").click()
    await page.wait_for_function("() => location.hash === '#/queue'")
    await expect(page.get_by_test_id("nav-queue")).to_have_attribute("aria-current", "page")
    await page.get_by_test_id("nav-disputes").click()
    await page.wait_for_function("() => location.hash === '#/disputes'")
    await expect(page.locator("#main h1").first).to_be_visible()
