"""Every figure of the dashboard opens the list it counts, filtered to it, for
the roles whose list holds it; for the others it is no link. Each role with a
dashboard clicks each of its figures, and the list shows as many rows."""

from __future__ import annotations

import random
import uuid
from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import enrol_person
from tests.browser.live import LiveServer, sign_in_with_token

ABSCOND = """mutation($id: ID!) {
  setSupervisionStatus(personId: $id, status: ABSCONDED, note: "电话不通") { id } }"""
SUBMIT = """mutation($i: LegalAidRequestInput!) { submitLegalAidRequest(input: $i) { id } }"""
REGISTER = """mutation($i: RegisterDisputeInput!) { registerDispute(input: $i) { id } }"""
FIGURES = (
    "kpi-absconded",
    "kpi-overdue",
    "kpi-active",
    "kpi-high-risk",
    "kpi-aid-pending",
    "kpi-aid-overdue",
)
# Per role with a dashboard: the figures that open a list, and the list's rows.
LINKS: dict[str, dict[str, str]] = {
    # The correction centre: the county's persons (its caseload).
    "supervisor": {
        "kpi-absconded": "caseload-item",
        "kpi-overdue": "caseload-item",
        "kpi-active": "caseload-item",
    },
    # The bureau: the county's disputes and the legal aid of its centre (the
    # queue); no persons.
    "bureau": {
        "kpi-high-risk": "dispute-item",
        "kpi-aid-pending": "request-item",
        "kpi-aid-overdue": "request-item",
    },
    # The administrator counts every area and reads none of their lists.
    "admin": {},
}


def _data(server: LiveServer) -> None:
    """At least one absconded person, one high-risk dispute still open and one
    request waiting for a decision."""
    person = enrol_person(server, name=f"脱管{random.randint(1000, 9999)}")
    server.graphql(ABSCOND, {"id": person["id"]}, token=server.login("officer"))
    centre = server.login_payload("legalaid")["viewer"]["orgUnit"]["id"]
    request = {
        "clientId": str(uuid.uuid4()),
        "applicantName": "孙丽",
        "applicantPhone": "13800138000",
        "matter": "OTHER_CIVIL",
        "description": "工资被拖欠三个月",
        "householdSize": 1,
        "monthlyHouseholdIncome": "900",
        "orgUnitId": centre,
    }
    server.graphql(SUBMIT, {"i": request}, token=server.login("applicant"))
    mediator = server.login_payload("mediator")
    dispute = {
        "clientId": str(uuid.uuid4()),
        "title": "宅基地边界争执",
        "category": "LAND",
        "description": "两户因宅基地边界发生争执，扬言动手。",
        "riskLevel": "HIGH",
        "parties": [
            {"name": "张大山", "role": "APPLICANT"},
            {"name": "李二河", "role": "RESPONDENT"},
        ],
        "orgUnitId": mediator["viewer"]["orgUnit"]["id"],
    }
    server.graphql(REGISTER, {"i": dispute}, token=mediator["token"])


async def _rows(page: Any, row: str) -> int:
    """The rows of the list now shown, every page of it loaded."""
    more = page.get_by_test_id("caseload-more")
    if row == "caseload-item":
        await page.get_by_test_id("caseload-summary").wait_for()
        while await more.is_visible():
            count = await page.get_by_test_id(row).count()
            await more.click()
            await expect(page.get_by_test_id(row)).not_to_have_count(count)
    else:
        await page.wait_for_url("**/#/*?**")
        await page.locator(f"[data-testid='{row}'], p.empty").first.wait_for()
    return await page.get_by_test_id(row).count()


async def test_each_figure_opens_the_list_it_counts(
    live_server: LiveServer, browser_context: Any
) -> None:
    _data(live_server)
    page = await browser_context.new_page()
    for who, links in LINKS.items():
        # Staff who must use a second factor: a session made on the server.
        await sign_in_with_token(page, live_server, live_server.login_payload(who))
        dashboard = f"{live_server.url}/#/dashboard"
        for figure in FIGURES:
            await page.goto(dashboard)
            tile = page.get_by_test_id(figure)
            await tile.wait_for()
            tag = await tile.evaluate("(el) => el.tagName")
            if figure not in links:
                assert tag == "DIV", (who, figure)
                continue
            assert tag == "A", (who, figure)
            counted = int((await tile.locator(".kpi-value").text_content() or "").replace(",", ""))
            if figure in ("kpi-absconded", "kpi-high-risk", "kpi-aid-pending"):
                assert counted >= 1, (who, figure)  # made above: the check can fail
            await tile.click()
            assert await _rows(page, links[figure]) == counted, (who, figure)
        await page.get_by_test_id("nav-settings").click()
        await page.get_by_test_id("signout").click()
        await page.get_by_test_id("signin-form").wait_for()
