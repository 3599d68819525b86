"""Accounts on an administrator's phone, and one's own password and sessions."""

from __future__ import annotations

from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import new_username
from tests.browser.live import PASSWORD, LiveServer, sign_in
from tests.browser.screens import open_screen, sign_in_as

VIEWER = "{ viewer { username } }"


async def test_an_administrator_manages_accounts(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    await sign_in_as(page, live_server, "admin")
    await open_screen(page, live_server, "/accounts")
    await page.get_by_test_id("account-item").first.wait_for()

    # A new mediator: the unit list offers only what a mediator may belong to.
    await page.get_by_test_id("account-new").locator("summary").click()
    await page.get_by_test_id("account-role").select_option("MEDIATOR")
    units = await page.get_by_test_id("account-unit").locator("option").all_inner_texts()
    assert units[1:] and all("调解委员会" in u or "司法所" in u for u in units[1:]), units
    name = new_username("med")
    await page.get_by_test_id("account-username").fill(name)
    await page.get_by_test_id("account-name").fill("新调解员")
    await page.get_by_test_id("account-unit").select_option(index=1)
    await page.get_by_test_id("account-password").fill("a first long password")
    await page.get_by_test_id("account-create").click()
    row = page.locator(f'[data-testid="account-item"][data-username="{name}"]')
    await expect(row).to_be_visible()
    token = live_server.login(name, "a first long password")
    # Found by a search, which shows the session just opened.
    await page.get_by_test_id("accounts-q").fill(name)
    await page.get_by_test_id("accounts-q").press("Enter")
    await page.wait_for_function("(n) => location.hash.includes(n)", arg=name)
    await expect(row.get_by_test_id("account-end-sessions")).to_be_visible()
    await expect(page.get_by_test_id("account-item")).to_have_count(1)

    # The new account's phone is lost: end its sessions (two taps), then turn it off.
    await row.get_by_test_id("account-end-sessions").click()
    await row.get_by_test_id("account-end-sessions").click()
    await expect(row.get_by_test_id("account-end-sessions")).to_have_count(0)
    assert live_server.graphql(VIEWER, token=token)["viewer"] is None
    await row.get_by_test_id("account-deactivate").click()
    await row.get_by_test_id("account-deactivate").click()
    await expect(row).to_contain_text("已停用")
    assert live_server.graphql_raw(
        "mutation($u: String!) {"
        ' login(username: $u, password: "a first long password") { token } }',
        {"u": name},
    )["errors"]


async def test_changing_ones_password_in_settings(
    live_server: LiveServer, browser_context: Any
) -> None:
    elsewhere = live_server.login("lawyer")
    page = await browser_context.new_page()
    await sign_in(page, live_server, "lawyer")
    await page.get_by_test_id("nav-settings").click()
    sessions = page.get_by_test_id("settings-sessions")
    await expect(sessions.get_by_test_id("session-item").first).to_be_visible()
    await expect(sessions).to_contain_text("本设备")

    card = page.get_by_test_id("settings-password")
    await card.get_by_test_id("password-current").fill("not the password")
    await card.get_by_test_id("password-new").fill("another long password")
    await card.get_by_test_id("password-change").click()
    await expect(card.locator(".field-error:not([hidden])")).to_contain_text("当前密码不正确")
    await card.get_by_test_id("password-current").fill(PASSWORD)
    await card.get_by_test_id("password-change").click()
    await expect(page.locator("#status")).to_contain_text("密码已修改")
    assert live_server.graphql(VIEWER, token=elsewhere)["viewer"] is None
    # The demo password back, for the other tests on this server.
    token = live_server.login("lawyer", "another long password")
    live_server.graphql(
        "mutation($c: String!, $n: String!) {"
        " changePassword(currentPassword: $c, newPassword: $n) }",
        {"c": "another long password", "n": PASSWORD},
        token=token,
    )
