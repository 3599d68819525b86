"""Leave and sanctions in the browser: the person asks for leave from the phone
(with a photo of a proof, and once offline through the outbox), the officer
decides it and proposes a sanction on the person page, the county centre's
supervisor decides it with a written decision, the person reports back."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.async_api import expect

from tests.browser.helpers import activate_in_browser, enrol_person, new_username
from tests.browser.live import LiveServer, sign_in, sign_in_with_token
from tests.browser.screens import open_screen
from tests.browser.test_corrections import sign_out
from tests.days import office_today

PERSON_PASSWORD = "a-long-password-2026"  # activate_in_browser's


async def person_signs_in(page: Any, server: LiveServer, username: str) -> None:
    await page.goto(f"{server.url}/#/signin")
    await page.get_by_test_id("signin-username").fill(username)
    await page.get_by_test_id("signin-password").fill(PERSON_PASSWORD)
    await page.get_by_test_id("signin-submit").click()
    await page.get_by_test_id("checkin-now").wait_for()


async def ask(page: Any, start: date, end: date, destination: str) -> None:
    await page.get_by_test_id("leave-start").fill(start.isoformat())
    await page.get_by_test_id("leave-end").fill(end.isoformat())
    await page.get_by_test_id("leave-destination").fill(destination)
    await page.get_by_test_id("leave-reason").fill("探望住院的母亲")
    await page.get_by_test_id("leave-submit").click()


async def test_leave_from_request_to_return_and_a_sanction_decided(
    live_server: LiveServer, browser_context: Any, tmp_path: Path
) -> None:
    name = f"请假{random.randint(1000, 9999)}"
    person = enrol_person(live_server, name=name)
    username = new_username("leave")
    page = await browser_context.new_page()
    await activate_in_browser(page, live_server, person["activationCode"], username)

    # The person's home leads to the leave screen.
    await page.get_by_test_id("goto-leave").click()
    await page.get_by_test_id("leave-form").wait_for()
    photo = tmp_path / "ticket.png"
    buf = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 90, 200)).save(buf, "PNG")
    photo.write_bytes(buf.getvalue())
    await page.get_by_test_id("leave-photo").set_input_files(str(photo))
    today = office_today()
    # An empty form is flagged first, nothing sent.
    await page.get_by_test_id("leave-submit").click()
    await expect(page.locator("#main .field-error:not([hidden])")).not_to_have_count(0)
    await ask(page, today, today + timedelta(days=2), "广州市")
    items = page.get_by_test_id("leave-item")
    await expect(items).to_have_count(1)
    await expect(items.first).to_have_attribute("data-status", "PENDING")
    await expect(items.first.get_by_test_id("leave-level")).to_contain_text("司法所")

    # Offline: the request waits in the outbox, and goes when the network is back.
    await browser_context.set_offline(True)
    await ask(page, today + timedelta(days=10), today + timedelta(days=20), "北京市")
    await expect(page.get_by_test_id("outbox-count")).to_have_text("1")
    await expect(items).to_have_count(2)
    await browser_context.set_offline(False)
    await page.evaluate("window.dispatchEvent(new Event('online'))")
    await expect(page.get_by_test_id("outbox-count")).to_have_text("0", timeout=20000)
    await expect(page.locator('[data-testid="leave-item"][data-status="PENDING"]')).to_have_count(2)
    await sign_out(page)

    # The officer decides the 3-day leave (the office's) on the person page, with the proof shown.
    await sign_in(page, live_server, "officer")
    await open_screen(page, live_server, f"/person/{person['id']}")
    section = page.get_by_test_id("person-discipline")
    leave = section.locator('[data-testid="leave-item"]', has_text="广州市")
    await expect(leave.get_by_test_id("leave-evidence")).to_be_visible()
    await leave.get_by_test_id("leave-approve").click()
    approved_here = section.locator('[data-testid="leave-item"][data-status="APPROVED"]')
    await expect(approved_here).to_have_count(1)
    # The 11-day one is the county body's: the officer is told so.
    eleven = section.locator('[data-testid="leave-item"]', has_text="北京市")
    await expect(eleven.get_by_test_id("leave-level")).to_contain_text("县级社区矫正机构")
    await expect(eleven.get_by_test_id("leave-county")).to_be_visible()
    await expect(eleven.get_by_test_id("leave-approve")).to_have_count(0)

    # A violation with its facts, and the suggested measure proposed.
    await section.get_by_test_id("violation-open").click()
    await section.get_by_test_id("violation-facts").fill("未经批准会见同案犯")
    await section.get_by_test_id("violation-form-submit").click()
    violation = section.get_by_test_id("violation-item")
    await expect(violation).to_have_count(1)
    await expect(violation.get_by_test_id("violation-suggested")).to_contain_text("训诫")
    await violation.get_by_test_id("violation-choose").check()
    await section.get_by_test_id("sanction-facts").fill("经查属实，情节轻微")
    await section.get_by_test_id("sanction-form-submit").click()
    sanction = section.get_by_test_id("sanction-item")
    await expect(sanction).to_have_attribute("data-status", "PROPOSED")
    await sign_out(page)

    # The county centre's supervisor decides both: the leave and the sanction.
    await sign_in_with_token(page, live_server, live_server.login_payload("supervisor"))
    await open_screen(page, live_server, "/leaves")
    pending = page.locator('[data-testid="leave-item"]', has_text=name)
    await expect(pending).to_have_count(1)
    await pending.get_by_test_id("leave-approve").click()
    await expect(page.locator('[data-testid="leave-item"]', has_text=name)).to_have_count(0)
    await open_screen(page, live_server, f"/person/{person['id']}")
    section = page.get_by_test_id("person-discipline")
    await section.get_by_test_id("sanction-approve").click()
    decided = section.get_by_test_id("sanction-item")
    # The written decision is rendered as a PDF before the answer comes.
    await expect(decided).to_have_attribute("data-status", "APPROVED", timeout=20000)
    await expect(decided.get_by_test_id("sanction-pdf")).to_be_visible()
    await sign_out(page)

    # The person sees the decisions and reports back from the 3-day leave.
    await person_signs_in(page, live_server, username)
    await page.get_by_test_id("goto-leave").click()
    approved = page.locator('[data-testid="leave-item"]', has_text="广州市")
    await expect(approved).to_have_attribute("data-status", "APPROVED")
    await approved.get_by_test_id("leave-back").click()
    returned = page.locator('[data-testid="leave-item"][data-status="RETURNED"]')
    await expect(returned).to_have_count(1)
    await expect(page.get_by_test_id("outbox-count")).to_have_text("0")
