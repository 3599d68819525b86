"""The legal-aid procedure in the browser: the staff ask for materials, the
applicant sends a photo from the phone and objects to a refusal, the bureau
reviews the objection, the lawyer records progress the applicant sees."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.async_api import expect

from tests.browser.live import LiveServer, sign_in, sign_in_with_token
from tests.browser.test_legal_aid import sign_out

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
SUBMIT = """mutation($i: LegalAidRequestInput!) { submitLegalAidRequest(input: $i) { id } }"""


def _submit(server: LiveServer, token: str, centre_id: str, description: str) -> str:
    data = server.graphql(
        SUBMIT,
        {
            "i": {
                "clientId": str(uuid.uuid4()),
                "applicantName": "孙丽",
                "applicantPhone": "13800138000",
                "matter": "OTHER_CIVIL",
                "description": description,
                "householdSize": 1,
                "monthlyHouseholdIncome": "900",
                "orgUnitId": centre_id,
            }
        },
        token,
    )
    return str(data["submitLegalAidRequest"]["id"])


async def test_materials_objection_and_review(
    live_server: LiveServer, browser_context: Any
) -> None:
    staff = live_server.login_payload("legalaid")
    applicant = live_server.login_payload("applicant")
    centre = staff["viewer"]["orgUnit"]["id"]
    request_id = _submit(live_server, applicant["token"], centre, "房屋租赁合同纠纷，押金不退。")
    page = await browser_context.new_page()

    # The staff list everything missing in one notice; the clock stops.
    await sign_in(page, live_server, "legalaid")
    await page.goto(f"{live_server.url}/#/request/{request_id}")
    await page.get_by_test_id("procedure-link").click()
    await page.get_by_test_id("materials-items").fill("租赁合同\n押金收据")
    await page.get_by_test_id("materials-form-submit").click()
    await expect(page.get_by_test_id("clock-stopped")).to_be_visible()
    await expect(page.get_by_test_id("materials-item")).to_have_count(2)
    await sign_out(page)

    # The applicant sends a photo from the phone, through the outbox.
    await sign_in(page, live_server, "applicant")
    await page.goto(f"{live_server.url}/#/request/{request_id}/procedure")
    await page.get_by_test_id("supply-photos").set_input_files(
        {"name": "receipt.png", "mimeType": "image/png", "buffer": PNG}
    )
    await page.get_by_test_id("supply-note").fill("合同和收据的照片")
    await page.get_by_test_id("supply-form-submit").click()
    await expect(page.get_by_test_id("materials-supplied")).to_have_count(1)
    await expect(page.get_by_test_id("clock-stopped")).to_have_count(0)
    await expect(page.get_by_test_id("materials-notice")).to_have_attribute(
        "data-status", "SUPPLIED"
    )

    # Refused by the centre: the applicant objects from the phone.
    live_server.graphql(
        """mutation($id: ID!) { decideLegalAidRequest(id: $id, approve: false,
          reason: "不属于法律援助事项范围") { id } }""",
        {"id": request_id},
        staff["token"],
    )
    await page.reload()
    await page.get_by_test_id("objection-reasons").fill("押金纠纷属于民事权益，请求复查。")
    await page.get_by_test_id("objection-form-submit").click()
    await expect(page.get_by_test_id("objection")).to_have_attribute("data-status", "PENDING")
    await expect(page.get_by_test_id("aid-document")).to_contain_text("不予法律援助决定书")
    await sign_out(page)

    # The bureau reviews it within 5 days and upholds: the applicant sees the routes.
    await sign_in_with_token(page, live_server, live_server.login_payload("bureau"))
    await page.goto(f"{live_server.url}/#/objections")
    item = page.get_by_test_id("objection-item").filter(has_text="押金纠纷属于民事权益")
    await item.get_by_test_id("objection-decide-reason").fill("原决定正确。")
    await item.get_by_test_id("decide-objection-form-submit").click()
    await expect(
        page.get_by_test_id("objection-item").filter(has_text="押金纠纷属于民事权益")
    ).to_have_count(0)
    await page.goto(f"{live_server.url}/#/request/{request_id}/procedure")
    await expect(page.get_by_test_id("objection-decision")).to_contain_text("行政复议")


async def test_lawyer_records_progress_the_applicant_sees(
    live_server: LiveServer, browser_context: Any
) -> None:
    staff = live_server.login_payload("legalaid")
    applicant = live_server.login_payload("applicant")
    lawyer = live_server.login_payload("lawyer")
    request_id = _submit(
        live_server, applicant["token"], staff["viewer"]["orgUnit"]["id"], "交通事故赔偿。"
    )
    live_server.graphql(
        """mutation($id: ID!, $to: ID!) {
          a: decideLegalAidRequest(id: $id, approve: true, reason: "符合条件") { id }
          b: assignLegalAidRequest(id: $id, assigneeId: $to) { id } }""",
        {"id": request_id, "to": lawyer["viewer"]["id"]},
        staff["token"],
    )
    page = await browser_context.new_page()
    await sign_in(page, live_server, "lawyer")
    await page.goto(f"{live_server.url}/#/request/{request_id}/procedure")
    await page.get_by_test_id("progress-kind").select_option("MEETING")
    await page.get_by_test_id("progress-note").fill("已会见受援人，收集事故认定书。")
    await page.get_by_test_id("progress-form-submit").click()
    await expect(page.get_by_test_id("progress-entry")).to_have_count(1)
    await sign_out(page)

    await sign_in(page, live_server, "applicant")
    await page.goto(f"{live_server.url}/#/request/{request_id}/procedure")
    await expect(page.get_by_test_id("progress-entry")).to_contain_text("已会见受援人")
    await expect(page.get_by_test_id("aid-document")).to_have_count(2)
    assert "progress-form" not in await page.content()
