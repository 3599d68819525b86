"""A refusal of the server reaches the user in the page's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.domain.common.messages import MESSAGES
from api.domain.common.secrets import MIN_PASSWORD_LENGTH
from tests.browser.conftest import _require_chromium
from tests.browser.helpers import new_username
from tests.browser.live import LiveServer, phone_context


async def _slot(page: Any, testid: str, suffix: str) -> Any:
    """A field's hint ("h") or error ("e") paragraph, named by the input's id."""
    input_id = await page.get_by_test_id(testid).get_attribute("id")
    return page.locator(f"#{input_id}{suffix}")


async def _sign_up_with_phone(page: Any, server: LiveServer, phone: str) -> None:
    await page.goto(f"{server.url}/#/signup")
    await page.get_by_test_id("signup-form").wait_for()
    await page.get_by_test_id("signup-name").fill("王芳")
    await page.get_by_test_id("signup-phone").fill(phone)
    await page.get_by_test_id("signup-username").fill(new_username("applicant"))
    await page.get_by_test_id("signup-password").fill("a-long-password-2026")
    await page.get_by_test_id("signup-password2").fill("a-long-password-2026")
    await page.get_by_test_id("signup-submit").click()


async def test_a_chinese_applicant_refused_by_the_server_reads_chinese(
    live_server: LiveServer, tmp_path: Path
) -> None:
    """The page is in Chinese (the default) on a phone whose browser asks for
    English: the server words its refusal in the page's language, not the
    browser's, and the page shows it under the phone field."""
    _require_chromium()
    async with phone_context(tmp_path / "profile", locale="en-US") as context:
        page = await context.new_page()
        seen: list[str] = []
        page.on(
            "request",
            lambda r: (
                seen.append(r.headers.get("accept-language", ""))
                if r.url.endswith("/graphql")
                else None
            ),
        )
        # Twelve digits: the form asks only that the field is filled in, the
        # server refuses the number.
        await _sign_up_with_phone(page, live_server, "138001380001")
        error = await _slot(page, "signup-phone", "e")
        await error.wait_for()
        assert await page.get_by_test_id("signup-phone").get_attribute("aria-invalid") == "true"
        assert await error.inner_text() == MESSAGES["PHONE_FORMAT"].zh_cn
        assert seen and all(lang == "zh-CN" for lang in seen), seen
        assert await page.evaluate("document.documentElement.lang") == "zh-CN"


async def test_the_password_hint_says_the_servers_figure(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    await page.goto(f"{live_server.url}/#/signup")
    await page.get_by_test_id("signup-form").wait_for()
    hint = await _slot(page, "signup-password", "h")
    assert f"至少 {MIN_PASSWORD_LENGTH} 位" in await hint.inner_text()
    # One character short is refused in the form, with the same figure.
    short = "x" * (MIN_PASSWORD_LENGTH - 1)
    await page.get_by_test_id("signup-name").fill("王芳")
    await page.get_by_test_id("signup-phone").fill("13800138000")
    await page.get_by_test_id("signup-username").fill(new_username("applicant"))
    await page.get_by_test_id("signup-password").fill(short)
    await page.get_by_test_id("signup-password2").fill(short)
    await page.get_by_test_id("signup-submit").click()
    error = await _slot(page, "signup-password", "e")
    await error.wait_for()
    assert await error.inner_text() == f"密码至少需要 {MIN_PASSWORD_LENGTH} 位。"
