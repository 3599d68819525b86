"""Two-step sign-in in the browser: a supervisor sets it up, then signs in with a code."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyotp
from playwright.async_api import expect

from tests.browser.live import PASSWORD, LiveServer
from tests.browser.test_a11y_layout import RUN_AXE


async def test_supervisor_sets_up_and_uses_two_step_sign_in(
    live_server: LiveServer, csp_free_context: Any, axe: Path
) -> None:
    browser_context = csp_free_context
    await browser_context.add_init_script(path=str(axe))
    admin = live_server.login_payload("admin")
    centre = next(
        u["id"]
        for u in live_server.graphql("{ orgUnits { id kind } }", token=admin["token"])["orgUnits"]
        if u["kind"] == "CORRECTION_CENTER"
    )
    username = f"sup.{uuid.uuid4().hex[:8]}"
    live_server.graphql(
        """mutation($i: CreateUserInput!) { createUser(input: $i) { id } }""",
        {
            "i": {
                "username": username,
                "displayName": "新主管",
                "password": PASSWORD,
                "role": "SUPERVISOR",
                "orgUnitId": centre,
            }
        },
        token=admin["token"],
    )
    page = await browser_context.new_page()

    async def password_step() -> None:
        await page.goto(f"{live_server.url}/#/signin")
        await page.get_by_test_id("signin-username").fill(username)
        await page.get_by_test_id("signin-password").fill(PASSWORD)
        await page.get_by_test_id("signin-submit").click()

    # First sign-in: the password opens only the set-up screen.
    await password_step()
    await page.get_by_test_id("twostep-form").wait_for()
    await page.goto(f"{live_server.url}/#/dashboard")
    await page.get_by_test_id("twostep-form").wait_for()  # nothing else until it is set up
    # No tabs while only the set-up screen opens: they would lead back here.
    await expect(page.locator("#nav")).to_be_hidden()
    # On the phone that holds the authenticator: a tap opens the app; the
    # secret reads in groups of four.
    shown = (await page.get_by_test_id("twostep-secret").inner_text()).strip()
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{1,4}", shown), shown
    secret = shown.replace(" ", "")
    link = await page.get_by_test_id("twostep-open").get_attribute("href")
    assert link and link.startswith("otpauth://totp/") and f"secret={secret}" in link
    await expect(page.get_by_test_id("twostep-qr").locator("svg")).to_be_visible()
    assert await page.evaluate(RUN_AXE) == []
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    await page.get_by_test_id("twostep-code").fill(pyotp.TOTP(secret).now())
    await page.get_by_test_id("twostep-submit").click()
    codes = page.get_by_test_id("recovery-codes").locator("li")
    await expect(codes).to_have_count(10)
    listed = await codes.all_text_contents()
    assert await page.evaluate(RUN_AXE) == []
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    await expect(page.locator("#nav")).to_be_hidden()
    # The codes are copied and downloaded as they are shown.
    await browser_context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    await page.get_by_test_id("recovery-copy").click()
    await expect(page.locator("#status")).to_have_text("恢复码已复制。请粘贴到安全的地方保存。")
    copied = await page.evaluate("navigator.clipboard.readText()")
    async with page.expect_download() as download_info:
        await page.get_by_test_id("recovery-download").click()
    download = await download_info.value
    saved = Path(await download.path()).read_text(encoding="utf-8")
    for text in (copied, saved):
        assert username in text
        assert [line for line in text.splitlines() if line in listed] == listed
    await page.get_by_test_id("twostep-done").click()
    await page.get_by_test_id("kpi-overdue").wait_for()
    await expect(page.locator("#nav")).to_be_visible()

    # Next sign-in: after the password, the code is asked for.
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("signout").click()
    await password_step()
    otp = page.get_by_test_id("signin-otp")
    await expect(otp).to_be_visible()
    # The next step's code: the current one was spent on the set-up.
    await otp.fill(pyotp.TOTP(secret).at(datetime.now(UTC).timestamp() + 30))
    await page.get_by_test_id("signin-submit").click()
    await page.get_by_test_id("kpi-overdue").wait_for()


def test_the_kept_two_step_session_survives_a_sign_out(live_server: LiveServer) -> None:
    # A browser test that signs the supervisor out revokes the kept token;
    # the next test asking for the supervisor must still get a working one.
    viewer = "{ viewer { username } }"
    first = live_server.login("supervisor")
    assert live_server.graphql("mutation { logout }", token=first)["logout"] is True
    assert live_server.graphql(viewer, token=first)["viewer"] is None
    again = live_server.login("supervisor")
    assert again != first
    assert live_server.graphql(viewer, token=again)["viewer"] == {"username": "supervisor"}
