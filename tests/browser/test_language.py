"""The language switch changes every visible string."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from tests.browser.live import LiveServer, sign_in
from tests.browser.screens import demo_ids, open_screen, routes_for, sign_in_as
from tests.browser.test_intake import register

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# A language is offered under its own name.
ENDONYMS = {"中文（简体）"}
ROLES = [
    "person",
    "officer",
    "mediator",
    "applicant",
    "legalaid",
    "lawyer",
    "supervisor",
    "admin",
    "released",
]


def strings(value: Any, out: set[str]) -> set[str]:
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, dict):
        for v in value.values():
            strings(v, out)
    elif isinstance(value, list):
        for v in value:
            strings(v, out)
    return out


async def test_english_everywhere_but_user_data(
    live_server: LiveServer, browser_context: Any
) -> None:
    ids = demo_ids(live_server)
    # A notice past its deadline, so that the intake list shows its 漏管 mark
    # and the intake form is among the officer's screens.
    missed = register(live_server, "逾期未报到", days_ago=30)
    page = await browser_context.new_page()
    # User data: every string the API answered (names, units, titles, notes).
    data: set[str] = set(ENDONYMS)
    # Answers are kept as they arrive and read before each check: an async
    # handler reading the body could still be waiting when the screen is read,
    # and a long answer (the audit log) would then count as the UI's text.
    answers: list[Any] = []
    page.on(
        "response",
        lambda r: answers.append(r) if r.url.endswith("/graphql") and r.ok else None,
    )
    await sign_in(page, live_server, "officer")
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("settings-language").select_option("en")
    await page.wait_for_function("() => document.documentElement.lang === 'en'")

    leaks: dict[str, list[str]] = {}

    async def check(where: str) -> None:
        text = await page.inner_text("body")
        while answers:
            with contextlib.suppress(Exception):  # an aborted or non-JSON answer
                strings(await answers.pop().json(), data)
        for s in sorted(data, key=len, reverse=True):
            if CJK.search(s):
                text = text.replace(s, "")
        found = [line.strip() for line in text.splitlines() if CJK.search(line)]
        if found:
            leaks[where] = found
        assert await page.evaluate("document.documentElement.lang") == "en"

    await page.get_by_test_id("nav-settings").click()
    await check("officer /settings")
    await page.get_by_test_id("signout").click()
    await page.get_by_test_id("signin-form").wait_for()
    for route in routes_for("", ids):
        await open_screen(page, live_server, route)
        await check(route)
    for role in ROLES:
        await sign_in_as(page, live_server, role)
        extra = [f"/intake/{missed['id']}"] if role == "officer" else []
        for route in routes_for(role, ids) + extra:
            await open_screen(page, live_server, route)
            await check(f"{role} {route}")
        # To sign out (the other browser tests tap the tab bar itself).
        await open_screen(page, live_server, "/settings")
        await page.get_by_test_id("signout").click()
        await page.get_by_test_id("signin-form").wait_for()
    assert not leaks, leaks


async def test_times_sent_to_the_server_keep_milliseconds_and_the_offset(
    live_server: LiveServer, browser_context: Any
) -> None:
    # A check-in made in the same second as the enrolment (or as the one
    # before it) must not reach the server looking earlier than it was.
    page = await browser_context.new_page()
    await page.goto(live_server.url + "/")
    sent = await page.evaluate(
        """async () => {
          const { isoWithOffset } = await import('/js/i18n.js');
          const d = new Date(Date.UTC(2026, 10, 25, 4, 5, 6, 78));
          return [isoWithOffset(d), new Date(isoWithOffset(d)).getTime() === d.getTime()];
        }"""
    )
    assert re.fullmatch(r"2026-11-25T\d\d:\d\d:06\.078[+-]\d\d:\d\d", sent[0]), sent
    assert sent[1] is True
