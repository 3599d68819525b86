"""Identity at check-in in the browser, with Chromium's fake camera: the officer
takes the intake photo on the person's page, the person checks in with a
photo from the camera (the notice of what is collected and why on screen),
the outbox keeps nothing once sent, the worker's verdict reaches the
officer, who sees the check-in photo beside the intake photo."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import expect

from tests.browser.conftest import _require_chromium
from tests.browser.helpers import activate_in_browser, enrol_person, new_username
from tests.browser.live import LiveServer, phone_context, sign_in
from tests.browser.test_corrections import sign_out
from tests.live_server import run_cli

# A camera that is there and allowed: a generated test pattern, no face in it.
FAKE_CAMERA = ("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream")
CHECK_INS = """query($id: ID!) { supervisedPerson(id: $id) { checkIns(first: 5) { edges { node {
  id identity { verdict inReview reason } } } } } }"""
PHOTOS = """query($id: ID!) { checkInPhotos(checkInId: $id) {
  checkInPhoto { dataUrl } intakePhoto { dataUrl } } }"""


@pytest.fixture
async def camera_context(tmp_path: Path) -> AsyncIterator[Any]:
    _require_chromium()
    async with phone_context(tmp_path / "profile", extra_args=FAKE_CAMERA) as context:
        yield context


async def test_check_in_with_a_camera_photo_beside_the_intake_photo(
    live_server: LiveServer, camera_context: Any
) -> None:
    name = f"核验{random.randint(1000, 9999)}"
    person = enrol_person(live_server, name=name)
    page = await camera_context.new_page()

    # The officer takes the intake photo on the person's page (through the outbox).
    await sign_in(page, live_server, "officer")
    await page.goto(f"{live_server.url}/#/person/{person['id']}")
    await page.get_by_test_id("person-manage").locator("summary").click()
    await page.get_by_test_id("intake-photo").click()
    await expect(page.get_by_test_id("photo-take")).to_be_enabled(timeout=15000)
    await page.get_by_test_id("photo-take").click()
    # Stored (the page reloads the record once the outbox has sent it).
    await expect(page.locator("#status")).to_have_text("入矫照片已保存。")
    await expect(page.get_by_test_id("outbox-count")).to_have_text("0")
    await expect(page.get_by_test_id("photo-video")).to_have_count(0)  # the camera is off
    await sign_out(page)

    # The person reads what is collected and why, then checks in with a photo.
    await activate_in_browser(page, live_server, person["activationCode"], new_username("p"))
    notice = page.get_by_test_id("identity-notice")
    await expect(notice).to_contain_text("不能从相册选取")
    await expect(notice).to_contain_text("不作为处理您的唯一依据")
    await page.get_by_test_id("checkin-now").click()
    await expect(page.get_by_test_id("photo-take")).to_be_enabled(timeout=15000)
    await page.get_by_test_id("photo-take").click()
    await page.get_by_test_id("history-item").filter(has_text="待审核").wait_for()
    await expect(page.get_by_test_id("outbox-count")).to_have_text("0")
    # Nothing of the photo is left on the phone: the outbox is empty and the
    # page holds no image of it.
    left = await page.evaluate("SifasuoCore.all('outbox').then((items) => items.length)")
    assert left == 0
    assert await page.locator("img, video, canvas").count() == 0

    officer = live_server.login("officer")
    edges = live_server.graphql(CHECK_INS, {"id": person["id"]}, token=officer)
    (node,) = [e["node"] for e in edges["supervisedPerson"]["checkIns"]["edges"]]
    assert node["identity"]["verdict"] == "PENDING"
    photos = live_server.graphql(PHOTOS, {"id": node["id"]}, token=officer)["checkInPhotos"]
    for photo in (photos["checkInPhoto"], photos["intakePhoto"]):
        assert photo["dataUrl"].startswith("data:image/jpeg;base64,")
        assert len(photo["dataUrl"]) * 3 / 4 < 300_000  # made small on the phone

    # The worker compares (the fake camera shows no face): in review, with the reason.
    run_cli(["worker", "--once-until-empty", "--no-scheduler"], live_server.env)
    edges = live_server.graphql(CHECK_INS, {"id": person["id"]}, token=officer)
    (node,) = [e["node"] for e in edges["supervisedPerson"]["checkIns"]["edges"]]
    assert node["identity"] == {"verdict": "NO_FACE", "inReview": True, "reason": "NO_FACE"}

    # The officer sees the reason, and both photos side by side.
    await sign_out(page)
    await sign_in(page, live_server, "officer")
    await page.get_by_test_id("nav-review").click()
    group = page.get_by_test_id("review-group").filter(has_text=name)
    await expect(group.get_by_test_id("identity-reason")).to_have_text(
        "待核：报到照片中找不到人脸。"
    )
    await group.get_by_test_id("photos-open").click()
    panel = group.get_by_test_id("photos-panel")
    for testid in ("photo-intake", "photo-checkin"):
        image = panel.get_by_test_id(testid).locator("img")
        await expect(image).to_have_attribute("src", re.compile(r"^data:image/jpeg;base64,"))
        width = await image.evaluate("img => img.complete && img.naturalWidth")
        assert width > 0, testid
    await group.get_by_test_id("review-note").fill("当面核实")
    await group.get_by_test_id("review-verify").click()
    await group.wait_for(state="detached")
