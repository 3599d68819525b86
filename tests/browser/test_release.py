"""Release in the browser: the officer releases a person whose term has ended
and opens the 解除社区矫正证明书 that was issued (a PDF)."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

from tests.browser.helpers import ENROLL, new_resident_id
from tests.browser.live import LiveServer, sign_in
from tests.days import office_today

STATUS = """query($id: ID!) { supervisedPerson(id: $id) {
  status supervisionEnd { certificateNumber } } }"""


def enrol_with_ended_term(server: LiveServer, name: str) -> str:
    login = server.login_payload("officer")
    today = office_today()
    data = server.graphql(
        ENROLL,
        {
            "input": {
                "fullName": name,
                "idNumber": new_resident_id(),
                "correctionType": "PROBATION",
                "supervisionLevel": "NORMAL",
                "termStart": (today - timedelta(days=366)).isoformat(),
                "termEnd": (today - timedelta(days=1)).isoformat(),
                "orgUnitId": login["viewer"]["orgUnit"]["id"],
            }
        },
        token=login["token"],
    )
    person_id: str = data["enrollPerson"]["person"]["id"]
    return person_id


async def test_officer_releases_and_opens_the_certificate(
    live_server: LiveServer, browser_context: Any, tmp_path: Path
) -> None:
    person_id = enrol_with_ended_term(live_server, f"期满{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await page.goto(f"{live_server.url}/#/person/{person_id}")
    await page.get_by_test_id("ending-release").click()
    form = page.get_by_test_id("release-form")
    # Submitted without the notices: refused on the phone, nothing sent.
    await page.get_by_test_id("release-submit").click()
    await form.get_by_text("请填写此项").first.wait_for()
    for body, name in (
        ("DECIDING_BODY", "青山县人民法院"),
        ("PROCURATORATE", "青山县人民检察院"),
        ("POLICE", "青山县公安局"),
    ):
        await page.get_by_test_id(f"notice-name-{body}").fill(name)
    await page.get_by_test_id("release-submit").click()
    link = page.get_by_test_id("certificate-link")
    await link.wait_for()
    number = (await link.text_content() or "").strip()
    assert "司矫解字" in number

    officer = live_server.login("officer")
    stored = live_server.graphql(STATUS, {"id": person_id}, token=officer)["supervisedPerson"]
    assert stored["status"] == "RELEASED"
    assert stored["supervisionEnd"]["certificateNumber"] == number

    async with page.expect_download() as download_info:
        await link.click()
    download = await download_info.value
    saved = tmp_path / "certificate.pdf"
    await download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    assert download.suggested_filename.endswith(".pdf")
