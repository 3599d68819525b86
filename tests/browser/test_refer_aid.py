"""Legal aid started for a supervised person by the officer (社区矫正法 Art. 43):
prefilled from the record, waiting for the person to confirm."""

from __future__ import annotations

from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import enrol_person
from tests.browser.live import LiveServer, sign_in
from tests.browser.screens import open_screen


async def test_the_officer_starts_legal_aid_for_a_supervised_person(
    live_server: LiveServer, browser_context: Any
) -> None:
    person = enrol_person(live_server, name="援助对象")
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await open_screen(page, live_server, f"/person/{person['id']}")
    await page.get_by_test_id("person-refer-aid").click()
    form = page.get_by_test_id("referaid-form")
    await expect(page.get_by_test_id("referaid-for")).to_have_text("申请人：援助对象")
    # Every missing field is the server's to refuse too: the form says so first.
    await page.get_by_test_id("referaid-submit").click()
    await expect(form.locator(".field-error:not([hidden])")).to_have_count(1)
    await page.get_by_test_id("referaid-phone").fill("13900139001")
    await page.get_by_test_id("referaid-matter").select_option("WAGE_ARREARS")
    await page.get_by_test_id("referaid-description").fill("工地拖欠工资三个月")
    await page.get_by_test_id("referaid-income").fill("800")
    await page.get_by_test_id("referaid-submit").click()
    await expect(page.get_by_test_id("referaid-done")).to_contain_text("等待 援助对象 确认")
    referrals = live_server.graphql(
        "{ legalAidReferrals(first: 20) { edges { node { personName status } } } }",
        token=live_server.login("officer"),
    )["legalAidReferrals"]["edges"]
    assert {"personName": "援助对象", "status": "AWAITING_CONFIRMATION"} in [
        e["node"] for e in referrals
    ]
