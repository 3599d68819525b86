"""Mediation agreements on the phone: the mediator records one, the parties
sign on the screen (one with no signal, through the outbox), the committee
seals it and it takes effect with its PDF; a term is marked performed and
confirmation applied for; the supervisor finds it in the list."""

from __future__ import annotations

import random
import sqlite3
from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import wait_for_service_worker
from tests.browser.live import LiveServer, sign_in, sign_in_with_token
from tests.browser.test_outbox import go_offline, wait_outbox_count

REGISTER = """mutation($i: RegisterDisputeInput!) { registerDispute(input: $i) { id } }"""


def register_dispute(server: LiveServer, title: str) -> str:
    login = server.login_payload("mediator")
    data = server.graphql(
        REGISTER,
        {
            "i": {
                "clientId": f"{random.randint(10**7, 10**8 - 1)}-1111-4111-8111-111111111111",
                "title": title,
                "category": "LAND",
                "description": "两户因宅基地边界发生争执。",
                "riskLevel": "LOW",
                "parties": [
                    {"name": "张大山", "role": "APPLICANT"},
                    {"name": "李二河", "role": "RESPONDENT"},
                ],
                "orgUnitId": login["viewer"]["orgUnit"]["id"],
            }
        },
        token=login["token"],
    )
    return str(data["registerDispute"]["id"])


def signatures(server: LiveServer, agreement_id: str) -> int:
    with sqlite3.connect(server.database) as db:
        (n,) = db.execute(
            "SELECT count(*) FROM agreement_signature WHERE agreement_id = ?", (int(agreement_id),)
        ).fetchone()
    return int(n)


async def draw(page: Any) -> None:
    pad = page.get_by_test_id("signature-pad")
    await pad.scroll_into_view_if_needed()
    box = await pad.bounding_box()
    x, y = box["x"] + 20, box["y"] + box["height"] / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    for step in range(1, 8):
        await page.mouse.move(x + step * 25, y + (10 if step % 2 else -10))
    await page.mouse.up()


async def sign_slot(page: Any, slot: str) -> None:
    await page.get_by_test_id(f"sign-{slot}").click()
    await draw(page)
    await page.get_by_test_id("signature-save").click()
    await expect(page.get_by_test_id("signature-form")).to_have_count(0, timeout=20000)


async def test_mediator_records_signs_and_seals_and_supervisor_lists_it(
    live_server: LiveServer, page_only_context: Any
) -> None:
    context = page_only_context
    title = f"宅基地边界{random.randint(1000, 9999)}"
    dispute_id = register_dispute(live_server, title)
    page = await context.new_page()
    await sign_in(page, live_server, "mediator")
    await wait_for_service_worker(page)

    # The dispute, then its agreement: the form takes the dispute's parties.
    await page.evaluate("(r) => { location.hash = r; }", f"/dispute/{dispute_id}")
    await page.get_by_test_id("dispute-agreement").click()
    await page.get_by_test_id("agreement-form").wait_for()
    names = page.get_by_test_id("agreement-party-name")
    await expect(names.nth(0)).to_have_value("张大山")
    await expect(names.nth(1)).to_have_value("李二河")
    await page.get_by_test_id("agreement-responsibilities").fill("李二河越界砌墙，负主要责任。")
    await page.get_by_test_id("term-obligor").fill("王五")  # not a party: refused on the phone
    await page.get_by_test_id("term-content").fill("拆除越界围墙")
    await page.get_by_test_id("term-way").fill("自行拆除")
    await page.get_by_test_id("agreement-submit").click()
    await expect(page.locator(".field-error:visible")).to_have_count(1)
    await page.get_by_test_id("term-obligor").fill("李二河")
    await page.get_by_test_id("agreement-submit").click()
    await page.get_by_test_id("signature-section").wait_for(timeout=20000)
    agreement_id = page.url.rsplit("/", 1)[-1]

    # The first party signs on the screen.
    await sign_slot(page, "party-0")
    await expect(page.get_by_test_id("signature-item")).to_have_count(1)
    assert signatures(live_server, agreement_id) == 1

    # No signal: the second party's signature waits in the outbox, shown as such.
    await go_offline(context, page)
    await page.get_by_test_id("signature-section").wait_for()
    await sign_slot(page, "party-1")
    await wait_outbox_count(page, 1)
    await expect(page.get_by_test_id("signature-queued")).to_have_count(1)
    await expect(page.get_by_test_id("sign-party-1")).to_have_count(0)
    await page.evaluate("sessionStorage.removeItem('offline')")
    await context.set_offline(False)
    await page.reload()
    await wait_outbox_count(page, 0, timeout=60000)
    assert signatures(live_server, agreement_id) == 2

    # The mediator signs, the committee seals: in effect, with its PDF and deadline.
    await page.get_by_test_id("signature-section").wait_for()
    await sign_slot(page, "mediator")
    await page.get_by_test_id("seal-save").click()
    await page.get_by_test_id("agreement-pdf").wait_for(timeout=20000)
    await expect(page.get_by_test_id("agreement-confirm-by")).to_be_visible()
    await expect(page.get_by_test_id("seal-form")).to_have_count(0)

    # A term performed; the application for judicial confirmation recorded.
    await page.get_by_test_id("term-performed-save").click()
    await expect(page.get_by_test_id("term-performed-form")).to_have_count(0, timeout=20000)
    await page.get_by_test_id("confirmation-court").fill("青山县人民法院")
    await page.get_by_test_id("confirmation-joint").check()
    await page.get_by_test_id("confirmation-save").click()
    await page.get_by_test_id("acceptance-due").wait_for(timeout=20000)

    # The mediation supervisor of the bureau finds it in the list.
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("signout").click()
    await page.get_by_test_id("signin-form").wait_for()
    supervisor = page
    await sign_in_with_token(supervisor, live_server, live_server.login_payload("bureau"))
    await supervisor.evaluate("(r) => { location.hash = r; }", "/agreements")
    item = supervisor.get_by_test_id("agreement-item").filter(has_text=title)
    await expect(item).to_have_count(1, timeout=20000)
    await item.click()
    await expect(supervisor.get_by_test_id("agreement-pdf")).to_be_visible(timeout=20000)
    await expect(supervisor.get_by_test_id("signature-item")).to_have_count(3)
