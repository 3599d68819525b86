"""A released person's own account on the phone (安置帮教): at the person's
request the officer issues a code (shown with its QR as at enrolment), the
person activates it on the activation screen and sees their help and the
office's number, and asks to be contacted through the outbox; the officer
sees the request on the record and ends the account at the person's wish."""

from __future__ import annotations

import random
import uuid
from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import new_resident_id, new_username
from tests.browser.live import LiveServer, sign_in
from tests.days import office_today

NOTICE = """mutation($i: RegisterReleaseNoticeInput!) { registerReleaseNotice(input: $i) { id } }"""
MEET = """mutation($i: RecordReceptionInput!) { recordReception(input: $i) { id } }"""
HELP = """mutation($i: ResettlementHelpInput!) { recordResettlementHelp(input: $i) { id } }"""


def received_record(server: LiveServer, name: str, help_given: str) -> str:
    """A record of the officer's office, met today, with one help record."""
    login = server.login_payload("officer")
    token = login["token"]
    today = office_today().isoformat()
    record = server.graphql(
        NOTICE,
        {
            "i": {
                "fullName": name,
                "idNumber": new_resident_id(),
                "prison": "省第一监狱",
                "expectedReleaseOn": today,
                "offence": "盗窃罪",
                "riskGrade": "LOW",
                "orgUnitId": login["viewer"]["orgUnit"]["id"],
            }
        },
        token=token,
    )["registerReleaseNotice"]["id"]
    meeting = {"clientId": str(uuid.uuid4()), "recordId": record, "met": True, "on": today}
    server.graphql(MEET, {"i": {**meeting, "metBy": "张伟", "place": "司法所"}}, token=token)
    server.graphql(
        HELP,
        {
            "i": {
                "clientId": str(uuid.uuid4()),
                "recordId": record,
                "on": today,
                "kind": "HOUSING",
                "description": help_given,
            }
        },
        token=token,
    )
    return str(record)


async def sign_out(page: Any) -> None:
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("signout").click()
    await page.get_by_test_id("signin-form").wait_for()


async def test_the_officer_issues_the_person_activates_and_sees_their_help(
    live_server: LiveServer, browser_context: Any
) -> None:
    name = f"帮教{random.randint(1000, 9999)}"
    record = received_record(live_server, name, "协助租到公租房")
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await page.goto(f"{live_server.url}/#/resettlement/{record}")
    await expect(page.locator("#main h1")).to_have_text(name)
    await expect(page.get_by_test_id("rs-account-state")).to_contain_text("没有账号")
    # Only at the person's request: the box is ticked first.
    await page.get_by_test_id("rs-account-issue").click()
    await expect(page.locator("#main .field-error:not([hidden])")).not_to_have_count(0)
    await page.get_by_test_id("rs-account-requested").check()
    await page.get_by_test_id("rs-account-issue").click()
    await expect(
        page.get_by_test_id("activation-qr").locator("svg, canvas, img")
    ).not_to_have_count(0)
    code = (await page.get_by_test_id("activation-code").inner_text()).replace(" ", "")
    assert len(code) >= 8
    await sign_out(page)

    # The person activates on the supervised persons' screen and lands on their help.
    await page.goto(f"{live_server.url}/#/activate?code={code}")
    await page.get_by_test_id("activate-form").wait_for()
    await expect(page.get_by_test_id("activate-code")).to_have_value(code)
    await page.get_by_test_id("activate-username").fill(new_username("rel"))
    await page.get_by_test_id("activate-password").fill("a-long-password-2026")
    await page.get_by_test_id("activate-password2").fill("a-long-password-2026")
    await page.get_by_test_id("activate-submit").click()
    await expect(page.get_by_test_id("rs-mine-help-item")).to_have_count(1)
    await expect(page.get_by_test_id("rs-mine-help-item")).to_contain_text("协助租到公租房")
    await expect(page.get_by_test_id("rs-mine-office-name")).to_have_text("东关镇司法所")
    # The demo officer's work phone, as a link that calls it.
    await expect(page.get_by_test_id("rs-mine-call")).to_have_attribute("href", "tel:13800138001")
    # The only tab besides settings is their own help.
    tabs = await page.locator("#nav a").evaluate_all("(as) => as.map((a) => a.dataset.path)")
    assert tabs == ["/my-help", "/settings"]
    await page.get_by_test_id("rs-ask-message").fill("想找一份工作，请联系我")
    await page.get_by_test_id("rs-ask-submit").click()
    await expect(page.get_by_test_id("rs-mine-asked")).to_contain_text("想找一份工作")
    await expect(page.get_by_test_id("outbox-count")).to_have_text("0")
    await sign_out(page)

    # The officer sees the request on the record, and ends the account at the person's wish.
    await sign_in(page, live_server, "officer")
    await page.goto(f"{live_server.url}/#/resettlement/{record}")
    await expect(page.get_by_test_id("rs-contact-request")).to_contain_text("想找一份工作")
    await expect(page.get_by_test_id("rs-account-state")).to_contain_text("已开通账号")
    await page.get_by_test_id("rs-account-end-confirm").check()
    await page.get_by_test_id("rs-account-end").click()
    await expect(page.get_by_test_id("rs-account-state")).to_contain_text("没有账号")
