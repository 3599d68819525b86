"""The audit log reads in words and narrows by action, day, actor and target."""

from __future__ import annotations

import re
from typing import Any

from playwright.async_api import expect

from tests.browser.live import LiveServer
from tests.browser.screens import open_screen, sign_in_as

# An action code, a model name or a raw key as the log stored it.
RAW = re.compile(r"\b[a-z_]+\.[a-z_]+\b|SupervisedPerson|CheckIn|LegalAidRequest|\bfrom: ")


async def test_the_log_in_words_with_filters(live_server: LiveServer, browser_context: Any) -> None:
    page = await browser_context.new_page()
    await sign_in_as(page, live_server, "supervisor")
    await open_screen(page, live_server, "/audit")
    entries = page.get_by_test_id("audit-entry")
    await entries.first.wait_for()
    text = await page.get_by_test_id("audit-list").inner_text()
    assert not RAW.search(text), RAW.search(text)

    # By action: only logins are left, each said in words.
    await page.get_by_test_id("audit-filter-action").select_option("auth.login")
    await page.get_by_test_id("audit-apply").click()
    await page.wait_for_function("() => location.hash.includes('action=auth.login')")
    await expect(entries.first).to_be_visible()
    actions = await entries.evaluate_all("(es) => es.map((e) => e.dataset.action)")
    assert set(actions) == {"auth.login"}
    await expect(page.get_by_test_id("audit-action").first).to_have_text("登录")

    # By actor, from an entry: the same person's entries only.
    await page.get_by_test_id("audit-clear").click()
    await page.wait_for_function("() => location.hash === '#/audit'")
    await page.get_by_test_id("audit-filter-action").select_option("person.enroll")
    await page.get_by_test_id("audit-apply").click()
    await page.wait_for_function("() => location.hash.includes('person.enroll')")
    target = page.get_by_test_id("audit-target").first
    await expect(target).to_contain_text("社区矫正对象")
    await target.click()
    await page.wait_for_function("() => location.hash.includes('targetType=SupervisedPerson')")
    await expect(entries.first).to_be_visible()

    # By day: a day before anything was written has nothing.
    await page.get_by_test_id("audit-filter-until").fill("2000-01-01")
    await page.get_by_test_id("audit-apply").click()
    await expect(page.get_by_test_id("audit-list")).to_contain_text("没有记录")
