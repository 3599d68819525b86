"""Intake (入矫) on the officer's phone: the pending list, nearest deadline first and
漏管 marked, and the intake form, online and through the outbox offline."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import new_resident_id, wait_for_service_worker
from tests.browser.live import LiveServer, sign_in
from tests.browser.test_outbox import go_offline, lose_first_answer_and_reconnect, wait_outbox_count
from tests.days import office_today

REGISTER = """mutation($i: RegisterPendingIntakeInput!) {
  registerPendingIntake(input: $i) { id reportDueOn person { id } } }"""


def register(server: LiveServer, name: str, days_ago: int) -> dict[str, Any]:
    """A notice registered in the demo officer's office, effective `days_ago` days ago."""
    login = server.login_payload("officer")
    effective = office_today() - timedelta(days=days_ago)
    data: dict[str, Any] = server.graphql(
        REGISTER,
        {
            "i": {
                "decidingBodyType": "COURT",
                "decidingBody": "青山县人民法院",
                "documentNumber": f"（2024）青刑初字第{random.randint(1, 9999)}号",
                "effectiveOn": effective.isoformat(),
                "correctionType": "PROBATION",
                "orgUnitId": login["viewer"]["orgUnit"]["id"],
                "fullName": name,
                "idNumber": new_resident_id(),
                "termStart": effective.isoformat(),
                "termEnd": (effective + timedelta(days=365)).isoformat(),
                "documentsReceivedAt": datetime.now(UTC).isoformat(),
            }
        },
        token=login["token"],
    )["registerPendingIntake"]
    return data


def status_of(server: LiveServer, person_id: str) -> str:
    with sqlite3.connect(server.database) as db:
        (status,) = db.execute(
            "SELECT status FROM supervised_person WHERE id = ?", (int(person_id),)
        ).fetchone()
    return str(status)


async def fill_intake(page: Any) -> None:
    await page.get_by_test_id("intake-form").wait_for()
    for step in ("identityChecked", "documentsChecked", "fileOpened"):
        await page.get_by_test_id(f"intake-{step}").check()
    await page.get_by_test_id("intake-attendees").fill("王警官，社区工作者赵六")
    for item in ("CRIMINAL_FACTS", "TERM", "RULES"):
        await page.get_by_test_id(f"intake-item-{item}").check()


async def test_the_list_marks_the_missed_and_the_intake_gives_the_code(
    live_server: LiveServer, browser_context: Any
) -> None:
    suffix = random.randint(1000, 9999)
    missed = register(live_server, f"漏管{suffix}", days_ago=30)
    due = register(live_server, f"待入{suffix}", days_ago=0)
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await page.get_by_test_id("nav-intakes").click()
    items = page.get_by_test_id("intake-item")
    await items.first.wait_for()
    names = await items.all_inner_texts()
    at_missed = next(i for i, text in enumerate(names) if f"漏管{suffix}" in text)
    at_due = next(i for i, text in enumerate(names) if f"待入{suffix}" in text)
    assert at_missed < at_due  # nearest (here: passed) deadline first
    await expect(items.nth(at_missed).get_by_test_id("intake-missed")).to_be_visible()
    await expect(items.nth(at_due).get_by_test_id("intake-due")).to_be_visible()

    # A step left out is flagged, and nothing is sent.
    await items.nth(at_due).click()
    await fill_intake(page)
    await page.get_by_test_id("intake-item-RULES").uncheck()
    await page.get_by_test_id("intake-submit").click()
    await expect(page.locator("[aria-invalid=true]")).to_have_count(1)
    assert status_of(live_server, due["person"]["id"]) == "PENDING_INTAKE"

    await page.get_by_test_id("intake-item-RULES").check()
    await page.get_by_test_id("intake-submit").click()
    await page.get_by_test_id("intake-done").wait_for()
    await expect(page.get_by_test_id("activation-code")).to_be_visible()
    assert status_of(live_server, due["person"]["id"]) == "ACTIVE"
    assert missed["person"]["id"] != due["person"]["id"]


async def test_an_intake_recorded_offline_is_stored_once(
    live_server: LiveServer, page_only_context: Any
) -> None:
    intake = register(live_server, f"离线入矫{random.randint(1000, 9999)}", days_ago=2)
    page = await page_only_context.new_page()
    await sign_in(page, live_server, "officer")
    await wait_for_service_worker(page)
    await page.goto(f"{live_server.url}/#/intakes")
    await page.get_by_test_id("intake-item").first.wait_for()  # the list is now cached

    await go_offline(page_only_context, page)
    await page.goto(f"{live_server.url}/#/intake/{intake['id']}")
    await fill_intake(page)
    await page.get_by_test_id("intake-submit").click()
    await page.wait_for_url("**/#/intakes")
    await wait_outbox_count(page, 1)
    assert status_of(live_server, intake["person"]["id"]) == "PENDING_INTAKE"

    client_id = await lose_first_answer_and_reconnect(live_server, page_only_context, page)
    with sqlite3.connect(live_server.database) as db:
        (n,) = db.execute(
            "SELECT count(*) FROM pending_intake WHERE client_id = ?", (client_id,)
        ).fetchone()
    assert n == 1
    assert status_of(live_server, intake["person"]["id"]) == "ACTIVE"
