"""Every screen of every role, with the ids it needs from the demo data.

Shared by the accessibility/layout test, the language test and the
screenshot script.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import expect

from tests.browser.live import LiveServer, sign_in, sign_in_with_token

# Signed-in roles and their screens ({person}, {dispute}, {request}: ids from the demo data).
SCREENS: dict[str, list[str]] = {
    "": ["/signin", "/activate", "/signup", "/outbox"],
    "person": ["/me", "/leave", "/settings", "/outbox"],
    "officer": [
        "/caseload",
        "/person/{person}",
        "/person/{person}/record",
        "/review",
        "/intakes",
        "/leaves",
        "/enrol",
        "/settings",
        "/consultations",
        "/refer-aid/person/{person}",
        "/resettlement/{resettlement}",
    ],
    "mediator": [
        "/disputes",
        "/dispute/{dispute}",
        "/dispute/{dispute}/visit",
        "/disputes/new",
        "/agreements",
        "/dispute/{dispute}/agreement",
        "/dispute/{dispute}/handoff",
        "/overdue",
        "/screening",
    ],
    "applicant": ["/requests", "/apply", "/request/{request}", "/questions", "/ask"],
    "legalaid": ["/queue", "/request/{request}", "/consultations", "/closings"],
    "lawyer": ["/cases", "/consultations", "/closings"],
    "supervisor": ["/dashboard", "/caseload", "/audit"],
    "admin": ["/accounts", "/settings"],
    # The demo released person with an account (安置帮教): their own help only.
    "released": ["/my-help", "/settings", "/outbox"],
    # The bureau's supervisor: mediation and legal aid of the county.
    "bureau": ["/disputes", "/overdue", "/screening", "/screening/new", "/queue", "/objections"],
}

# Accounts that may need a second factor after the hardening work: signed in
# with a session made on the server rather than through the sign-in form.
TOKEN_SIGN_IN = {"supervisor", "admin", "bureau"}


def demo_ids(server: LiveServer) -> dict[str, str]:
    officer = server.login("officer")
    person = server.graphql(
        "{ supervisedPersons(first: 1) { edges { node { id } } } }", token=officer
    )["supervisedPersons"]["edges"][0]["node"]["id"]
    mediator = server.login("mediator")
    dispute = server.graphql("{ disputes(first: 1) { edges { node { id } } } }", token=mediator)[
        "disputes"
    ]["edges"][0]["node"]["id"]
    applicant = server.login("applicant")
    requests = server.graphql(
        "{ legalAidRequests(first: 1) { edges { node { id } } } }", token=applicant
    )["legalAidRequests"]["edges"]
    request = requests[0]["node"]["id"] if requests else ""
    resettlement = server.graphql(
        "{ resettlementRecords(first: 1) { edges { node { id } } } }", token=officer
    )["resettlementRecords"]["edges"][0]["node"]["id"]
    return {"person": person, "dispute": dispute, "request": request, "resettlement": resettlement}


def routes_for(role: str, ids: dict[str, str]) -> list[str]:
    out = []
    for route in SCREENS[role]:
        if "{request}" in route and not ids["request"]:
            continue
        out.append(route.format(**ids))
    return out


async def sign_in_as(page: Any, server: LiveServer, role: str) -> None:
    if role in TOKEN_SIGN_IN:
        await sign_in_with_token(page, server, server.login_payload(role))
    else:
        await sign_in(page, server, role)


async def open_screen(page: Any, server: LiveServer, route: str) -> None:
    """Routes there and waits until the screen has its heading and no spinner."""
    await page.evaluate("(r) => { location.hash = r; }", route)
    await page.wait_for_function("(r) => location.hash === '#' + r", arg=route)
    await page.locator("#main h1").first.wait_for()
    await expect(page.locator("#main .loading")).to_have_count(0, timeout=15000)
