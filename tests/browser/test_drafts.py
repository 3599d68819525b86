"""No work lost and no false "saved": forms check the server's rules before
sending, a write the server refuses comes back as the form it was, every form
keeps a draft while it is typed, a double tap stores one check-in, and an
in-person report needs a note and a confirmation."""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path
from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import activate_in_browser, enrol_person, new_username
from tests.browser.live import LiveServer, sign_in
from tests.browser.test_a11y_layout import RUN_AXE

PENDING = """query($id: ID!) { supervisedPerson(id: $id) {
  checkIns(first: 20) { totalCount edges { node { id status } } } } }"""


async def fits_and_passes_axe(page: Any) -> None:
    assert await page.evaluate(RUN_AXE) == []
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360


async def open_apply(page: Any, server: LiveServer) -> None:
    await sign_in(page, server, "applicant")
    await page.get_by_test_id("nav-apply").click()
    await page.get_by_test_id("apply-form").wait_for()


async def test_apply_flags_every_field_the_server_would_refuse(
    live_server: LiveServer, csp_free_context: Any, axe: Path
) -> None:
    await csp_free_context.add_init_script(path=str(axe))
    page = await csp_free_context.new_page()
    await open_apply(page, live_server)
    await page.get_by_test_id("apply-phone").fill("abc")
    await page.get_by_test_id("apply-income").fill("99999999999")
    await page.get_by_test_id("apply-household").fill("0")
    await page.get_by_test_id("apply-submit").click()
    # All at once, not the first only: phone, matter, description, household, income.
    for testid in (
        "apply-phone",
        "apply-matter",
        "apply-description",
        "apply-household",
        "apply-income",
    ):
        await expect(page.get_by_test_id(testid)).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_test_id("form-msg")).to_contain_text("5")
    await expect(page.get_by_test_id("outbox-count")).to_have_text("0")
    # A long text shows its counter near the limit (the server's 5000).
    await page.get_by_test_id("apply-description").fill("字" * 4990)
    await expect(page.get_by_test_id("apply-description-count")).to_contain_text("4990 / 5000")
    await fits_and_passes_axe(page)


async def test_a_refused_request_comes_back_as_the_form_not_saved(
    live_server: LiveServer, page_only_context: Any
) -> None:
    page = await page_only_context.new_page()
    await open_apply(page, live_server)

    # A rule the form did not know of: the server is the last word. The
    # request leaves with a phone the server refuses.
    async def tamper(route: Any) -> None:
        body = route.request.post_data_json
        if "submitLegalAidRequest" in body.get("query", ""):
            body["variables"]["input"]["applicantPhone"] = "abc"
            await route.continue_(post_data=json.dumps(body))
        else:
            await route.continue_()

    await page.route("**/graphql", tamper)
    await page.get_by_test_id("apply-phone").fill("13800138000")
    await page.get_by_test_id("apply-matter").select_option("WAGE_ARREARS")
    await page.get_by_test_id("apply-description").fill("工资被拖欠")
    await page.get_by_test_id("apply-income").fill("1800")
    await page.get_by_test_id("apply-submit").click()
    await expect(page.get_by_test_id("apply-phone")).to_have_attribute(
        "aria-invalid", "true", timeout=15000
    )
    await expect(page.get_by_test_id("form-msg")).to_contain_text("尚未保存")
    assert "保存在本机" not in (await page.locator("#status").inner_text())
    await expect(page.get_by_test_id("outbox-count")).to_have_text("0")
    await expect(page.get_by_test_id("apply-description")).to_have_value("工资被拖欠")
    # Reopened later, it is still the editable form with the field marked.
    await page.reload()
    await page.get_by_test_id("apply-form").wait_for()
    await expect(page.get_by_test_id("apply-description")).to_have_value("工资被拖欠")
    await expect(page.get_by_test_id("apply-phone")).to_have_attribute("aria-invalid", "true")
    await page.unroute("**/graphql")
    await page.get_by_test_id("apply-submit").click()
    await page.get_by_test_id("eligibility").wait_for(timeout=15000)
    # Stored: the draft is gone.
    await page.get_by_test_id("nav-apply").click()
    await expect(page.get_by_test_id("apply-description")).to_have_value("")


async def test_a_dispute_being_typed_survives_back_and_reload(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    await sign_in(page, live_server, "mediator")
    await page.goto(f"{live_server.url}/#/disputes/new")
    await page.get_by_test_id("register-form").wait_for()
    await page.get_by_test_id("register-title").fill("邻里漏水")
    await page.get_by_test_id("party-add").click()
    await page.get_by_test_id("party-name").nth(2).fill("王五")
    await page.get_by_test_id("party-phone").nth(2).fill("13900001111")
    await page.go_back()
    await page.get_by_test_id("dispute-list").wait_for()
    await page.go_forward()
    await expect(page.get_by_test_id("register-title")).to_have_value("邻里漏水")
    await page.reload()
    await page.get_by_test_id("register-form").wait_for()
    await expect(page.get_by_test_id("register-title")).to_have_value("邻里漏水")
    await expect(page.get_by_test_id("party-name").nth(2)).to_have_value("王五")
    await expect(page.get_by_test_id("party-phone").nth(2)).to_have_value("13900001111")
    # Checked in full: an empty first party and a bad phone are flagged together.
    await page.get_by_test_id("party-phone").nth(2).fill("12345")
    await page.get_by_test_id("register-submit").click()
    await expect(page.get_by_test_id("party-name").first).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_test_id("party-phone").nth(2)).to_have_attribute(
        "aria-invalid", "true"
    )
    await expect(page.get_by_test_id("register-description")).to_have_attribute(
        "aria-invalid", "true"
    )


async def test_a_double_tap_stores_one_check_in_and_the_queue_confirms_all(
    live_server: LiveServer, page_only_context: Any
) -> None:
    person = enrol_person(live_server, name=f"连点{random.randint(1000, 9999)}")
    page = await page_only_context.new_page()
    await activate_in_browser(page, live_server, person["activationCode"], new_username("d"))

    async def slow(route: Any) -> None:
        if "submitCheckIn" in (route.request.post_data or ""):
            await asyncio.sleep(1.5)  # a weak signal: the answer takes a while
        await route.continue_()

    await page.route("**/graphql", slow)
    button = page.get_by_test_id("checkin-now")
    await button.click()
    await page.wait_for_timeout(400)
    await button.click(force=True)  # the second tap of a double tap
    await expect(button).to_be_disabled()
    await expect(button).to_be_enabled(timeout=15000)
    await page.wait_for_timeout(1000)
    officer = live_server.login("officer")
    data = live_server.graphql(PENDING, {"id": person["id"]}, token=officer)
    assert data["supervisedPerson"]["checkIns"]["totalCount"] == 1


async def test_review_queue_confirms_all_of_a_person(
    live_server: LiveServer, csp_free_context: Any, axe: Path
) -> None:
    person = enrol_person(live_server, name=f"全部{random.randint(1000, 9999)}")
    await csp_free_context.add_init_script(path=str(axe))
    page = await csp_free_context.new_page()
    await activate_in_browser(page, live_server, person["activationCode"], new_username("q"))
    button = page.get_by_test_id("checkin-now")
    for _ in range(3):
        await button.click()
        await expect(button).to_be_enabled(timeout=15000)
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("signout").click()
    await page.get_by_test_id("signin-form").wait_for()
    await sign_in(page, live_server, "officer")
    await page.goto(f"{live_server.url}/#/review")
    group = page.get_by_test_id("review-group").filter(has_text=person["fullName"])
    await expect(group.get_by_test_id("checkin-item")).to_have_count(3)
    await fits_and_passes_axe(page)
    await group.get_by_test_id("review-confirm-all").click()
    await expect(
        page.get_by_test_id("review-group").filter(has_text=person["fullName"])
    ).to_have_count(0)
    officer = live_server.login("officer")
    nodes = live_server.graphql(PENDING, {"id": person["id"]}, token=officer)["supervisedPerson"][
        "checkIns"
    ]["edges"]
    assert {n["node"]["status"] for n in nodes} == {"VERIFIED"}


async def test_an_in_person_report_needs_a_note_and_a_confirmation(
    live_server: LiveServer, csp_free_context: Any, axe: Path
) -> None:
    person = enrol_person(live_server, name=f"面谈{random.randint(1000, 9999)}")
    await csp_free_context.add_init_script(path=str(axe))
    page = await csp_free_context.new_page()
    await sign_in(page, live_server, "officer")
    await page.goto(f"{live_server.url}/#/person/{person['id']}/record")
    await page.get_by_test_id("record-form").wait_for()
    await page.get_by_test_id("record-location").uncheck()
    await page.get_by_test_id("record-submit").click()
    await expect(page.get_by_test_id("record-note")).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_test_id("record-confirm")).to_have_count(0)
    officer = live_server.login("officer")
    count = lambda: live_server.graphql(PENDING, {"id": person["id"]}, token=officer)[  # noqa: E731
        "supervisedPerson"
    ]["checkIns"]["totalCount"]
    assert count() == 0
    await page.get_by_test_id("record-note").fill("谈了近况和就业")
    await page.get_by_test_id("record-submit").click()
    await page.get_by_test_id("record-confirm").wait_for()
    await fits_and_passes_axe(page)
    assert count() == 0  # nothing saved before the confirmation
    await page.get_by_test_id("record-confirm").click()
    await page.get_by_test_id("person-record").wait_for(timeout=15000)
    assert count() == 1
