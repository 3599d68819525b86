"""Check-in places in the browser: the enrol form takes the residence from the
officer's own position, and the officer's review shows each check-in's
distance from it, with the flag beyond the county's figure and a map link
that is a whole tap target."""

from __future__ import annotations

import math
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import new_resident_id, new_username
from tests.browser.live import LiveServer, sign_in
from tests.browser.screens import open_screen
from tests.days import office_today

# The officer stands at the residence (the browser's position).
HOME = (43.8812, 125.3391)
EARTH_RADIUS_METERS = 6_371_008.8  # as api/domain/corrections/places.py
FOUND = """query($q: String!) { supervisedPersons(first: 1, filter: {search: $q}) { edges { node {
  id residenceLocation { latitude longitude } } } } }"""
REISSUE = "mutation($id: ID!) { reissueActivationCode(personId: $id) }"
ACTIVATE = """mutation($c: String!, $u: String!, $p: String!) {
  activateAccount(code: $c, username: $u, password: $p) { token } }"""
SUBMIT = "mutation($i: CheckInInput!) { submitCheckIn(input: $i) { id } }"


def north_of(meters: float) -> tuple[float, float]:
    return HOME[0] + math.degrees(meters / EARTH_RADIUS_METERS), HOME[1]


def check_in(server: LiveServer, token: str, where: tuple[float, float]) -> None:
    """A self-report made now (after the enrolment of a moment ago)."""
    at = datetime.now(UTC).isoformat()
    server.graphql(
        SUBMIT,
        {
            "i": {
                "clientId": str(uuid.uuid4()),
                "capturedAt": at,
                "latitude": where[0],
                "longitude": where[1],
                "accuracyMeters": 15,
            }
        },
        token=token,
    )


async def test_the_officer_sees_the_distance_and_the_flag(
    live_server: LiveServer, browser_context: Any
) -> None:
    await browser_context.grant_permissions(["geolocation"], origin=live_server.url)
    await browser_context.set_geolocation({"latitude": HOME[0], "longitude": HOME[1]})
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await open_screen(page, live_server, "/enrol")
    name = f"位置{random.randint(1000, 9999)}"
    today = office_today()
    await page.get_by_test_id("enrol-name").fill(name)
    await page.get_by_test_id("enrol-id").fill(new_resident_id())
    await page.get_by_test_id("enrol-start").fill((today - timedelta(days=3)).isoformat())
    await page.get_by_test_id("enrol-end").fill((today + timedelta(days=365)).isoformat())
    # Half a place, and an impossible one, are refused in the form, in words.
    await page.get_by_test_id("residence-lat").fill("43.88")
    await page.get_by_test_id("enrol-submit").click()
    lon = page.get_by_test_id("residence-lon")
    await expect(lon).to_have_attribute("aria-invalid", "true")
    error = page.locator(f"#{await lon.get_attribute('id')}e")
    await expect(error).to_have_text("纬度和经度须同时填写，或都不填。")
    await page.get_by_test_id("residence-lat").fill("91")
    await lon.fill("125.3")
    await page.get_by_test_id("enrol-submit").click()
    await expect(page.get_by_test_id("residence-lat")).to_have_attribute("aria-invalid", "true")
    # Standing at the residence: the position fills both.
    await page.get_by_test_id("residence-here").click()
    await expect(page.get_by_test_id("residence-status")).to_contain_text("已填入当前位置")
    await expect(page.get_by_test_id("residence-lat")).to_have_value(f"{HOME[0]:.6f}")
    await page.get_by_test_id("enrol-submit").click()
    await page.get_by_test_id("enrol-open-person").wait_for()

    officer = live_server.login("officer")
    node = live_server.graphql(FOUND, {"q": name}, token=officer)["supervisedPersons"]["edges"][0][
        "node"
    ]
    assert node["residenceLocation"] == {"latitude": HOME[0], "longitude": HOME[1]}
    code = live_server.graphql(REISSUE, {"id": node["id"]}, token=officer)["reissueActivationCode"]
    person = live_server.graphql(
        ACTIVATE, {"c": code, "u": new_username("w"), "p": "a long password"}
    )["activateAccount"]["token"]
    check_in(live_server, person, north_of(1200))  # 1.2 km: inside
    check_in(live_server, person, north_of(45_000))  # 45 km: beyond the 30 km default

    await open_screen(page, live_server, "/review")
    items = page.get_by_test_id("checkin-item").filter(has_text=name)
    await expect(items).to_have_count(2)
    near, far = items.nth(0), items.nth(1)  # the oldest first
    await expect(near.get_by_test_id("checkin-distance")).to_have_text("距居住地 1.2 公里")
    await expect(near.get_by_test_id("place-reason")).to_have_count(0)
    await expect(far.get_by_test_id("checkin-distance")).to_contain_text("距居住地 45 公里")
    await expect(far.get_by_test_id("checkin-distance")).to_contain_text("可能离开县域")
    await expect(far.get_by_test_id("place-reason")).to_have_text(
        "待审核：距居住地超过 30 公里（本县设定的范围），可能离开县域。"
    )
    # The map link is a tap target of 44 × 44 CSS px at least.
    for item in (near, far):
        box = await item.get_by_test_id("geo-link").bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44, box

    # The person's page shows the residence, and it is changed behind a button.
    await open_screen(page, live_server, f"/person/{node['id']}")
    card = page.get_by_test_id("residence-card")
    await expect(card.get_by_test_id("geo-link")).to_contain_text(f"{HOME[0]:.5f}")
    await card.get_by_test_id("residence-edit").click()
    await card.get_by_test_id("residence-lat").fill("43.9")
    await card.get_by_test_id("residence-lon").fill("125.4")
    await card.get_by_test_id("residence-save").click()
    await expect(card.get_by_test_id("geo-link")).to_contain_text("43.90000, 125.40000")
    stored = live_server.graphql(FOUND, {"q": name}, token=officer)["supervisedPersons"]["edges"]
    assert stored[0]["node"]["residenceLocation"] == {"latitude": 43.9, "longitude": 125.4}
