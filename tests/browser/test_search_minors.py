"""The 脱管 search on the person page, and a minor's masked name in the lists."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from playwright.async_api import expect

from api.domain.common.validators import resident_id_check_char
from tests.browser.helpers import ENROLL
from tests.browser.live import LiveServer, sign_in
from tests.browser.screens import open_screen, sign_in_as
from tests.browser.test_corrections import sign_out
from tests.days import office_today

STATUS = """mutation($id: ID!) {
  setSupervisionStatus(personId: $id, status: ABSCONDED, note: "电话不通，家中无人") { id } }"""
RECORD = """query($id: ID!) { supervisedPerson(id: $id) { searchRecord {
  actions { description policeNotified procuratorateInformed } } } }"""


def enrol_minor(server: LiveServer, name: str) -> str:
    """A 16-year-old enrolled by the officer (so assigned to them); the id."""
    today = office_today()
    first17 = f"110101{today.year - 16}0101{random.randint(0, 999):03d}"
    login = server.login_payload("officer")
    data = server.graphql(
        ENROLL,
        {
            "input": {
                "fullName": name,
                "idNumber": first17 + resident_id_check_char(first17),
                "correctionType": "PROBATION",
                "supervisionLevel": "NORMAL",
                "termStart": (today - timedelta(days=3)).isoformat(),
                "termEnd": (today + timedelta(days=365)).isoformat(),
                "orgUnitId": login["viewer"]["orgUnit"]["id"],
                "minor": {
                    "guardianName": "王大海",
                    "guardianRelation": "父亲",
                    "school": "东关中学",
                },
            }
        },
        token=login["token"],
    )
    return str(data["enrollPerson"]["person"]["id"])


async def test_officer_logs_a_search_step_and_the_supervisor_sees_a_masked_name(
    live_server: LiveServer, browser_context: Any
) -> None:
    name = f"王{random.choice('小少')}{random.choice('明亮军')}"
    pid = enrol_minor(live_server, name)
    officer = live_server.login("officer")
    live_server.graphql(STATUS, {"id": pid}, token=officer)

    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    # The assigned officer sees the name, marked as a minor case.
    await open_screen(page, live_server, f"/person/{pid}")
    await expect(page.locator("#main h1")).to_have_text(name)
    await expect(page.get_by_test_id("person-minor")).to_be_visible()
    await expect(page.locator("#main")).to_contain_text("东关中学")
    section = page.get_by_test_id("search-record")
    await expect(section.get_by_test_id("search-days")).to_have_text("0 天")
    # Logging a step is behind a button; an empty description is flagged first.
    await expect(page.get_by_test_id("search-form")).to_have_count(0)
    await section.get_by_test_id("search-log-open").click()
    await page.get_by_test_id("search-save").click()
    await expect(page.locator("#main .field-error:not([hidden])")).not_to_have_count(0)
    await page.get_by_test_id("search-what").fill("通报东关派出所协助查找")
    await page.get_by_test_id("search-police").check()
    await page.get_by_test_id("search-save").click()
    action = page.get_by_test_id("search-action")
    await expect(action).to_have_count(1)
    await expect(action).to_contain_text("通报东关派出所协助查找")
    await expect(action).to_contain_text("已通报公安")
    record = live_server.graphql(RECORD, {"id": pid}, token=officer)
    assert record["supervisedPerson"]["searchRecord"]["actions"] == [
        {
            "description": "通报东关派出所协助查找",
            "policeNotified": True,
            "procuratorateInformed": False,
        }
    ]

    # The county's supervisor, not designated for the case, sees it masked.
    await sign_out(page)
    supervisor_page = page
    await sign_in_as(supervisor_page, live_server, "supervisor")
    # The 脱管 persons only: the county's first page fills with the other tests' enrolments.
    await open_screen(supervisor_page, live_server, "/caseload?status=ABSCONDED")
    masked = supervisor_page.get_by_test_id("caseload-item").filter(has_text="王**")
    await expect(masked.first).to_be_visible()
    await expect(supervisor_page.locator("#main")).not_to_contain_text(name)
    await open_screen(supervisor_page, live_server, f"/person/{pid}")
    await expect(supervisor_page.locator("#main h1")).to_have_text("王**")
    await expect(supervisor_page.locator("#main")).not_to_contain_text("东关中学")
