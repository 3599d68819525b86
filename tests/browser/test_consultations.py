"""Consultations, closing, subsidies and quality in the browser: the public asks
online and reads the answer; staff answer, record and refer; an ended case
closes with its materials, its subsidy is computed and paid, the person is
called back."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from playwright.async_api import expect

from tests.browser.live import LiveServer, sign_in
from tests.days import office_today


async def sign_out(page: Any) -> None:
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("signout").click()
    await page.get_by_test_id("signin-form").wait_for()


async def test_ask_online_answered_and_read(live_server: LiveServer, browser_context: Any) -> None:
    centre = live_server.login_payload("legalaid")["viewer"]["orgUnit"]
    page = await browser_context.new_page()
    await sign_in(page, live_server, "applicant")
    await page.get_by_test_id("nav-questions").click()
    await page.get_by_test_id("consult-ask").click()
    await page.get_by_test_id("ask-unit").select_option(centre["id"])
    await page.get_by_test_id("ask-category").select_option("LABOR")
    question = f"工地老板拖欠工资，怎么讨回？{uuid.uuid4().hex[:6]}"
    await page.get_by_test_id("ask-question").fill(question)
    await page.get_by_test_id("ask-form-submit").click()
    # Stored: the question opens, waiting for an answer.
    await page.get_by_test_id("consultation-no-answer").wait_for()
    consultation_url = page.url
    await sign_out(page)

    await sign_in(page, live_server, "legalaid")
    await page.get_by_test_id("nav-consultations").click()
    item = page.get_by_test_id("consultation-item").filter(has_text=question[:20])
    await item.first.click()
    await page.get_by_test_id("answer-text").fill(
        "可以向劳动保障监察投诉，或申请劳动仲裁；也可以申请法律援助。"
    )
    await page.get_by_test_id("answer-form-submit").click()
    await page.get_by_test_id("consultation-answer").wait_for()
    await sign_out(page)

    await sign_in(page, live_server, "applicant")
    await page.goto(consultation_url)
    await expect(page.get_by_test_id("consultation-answer")).to_contain_text("劳动仲裁")


async def test_register_refer_and_figures(live_server: LiveServer, browser_context: Any) -> None:
    page = await browser_context.new_page()
    await sign_in(page, live_server, "legalaid")
    await page.get_by_test_id("nav-consultations").click()
    await page.get_by_test_id("consult-channel").select_option("PHONE")
    await page.get_by_test_id("consult-category").select_option("TRAFFIC")
    await page.get_by_test_id("consult-name").fill("周八")
    await page.get_by_test_id("consult-phone").fill("13900139005")
    marker = uuid.uuid4().hex[:6]
    await page.get_by_test_id("consult-question").fill(f"交通事故对方不赔怎么办 {marker}")
    await page.get_by_test_id("consult-form-submit").click()
    item = page.get_by_test_id("consultation-item").filter(has_text=marker)
    await item.wait_for()
    await expect(page.get_by_test_id("figure-row").filter(has_text="交通事故")).to_have_count(1)
    await item.click()
    # Referred to another body in one step; recorded on the consultation.
    await page.get_by_test_id("refer-body").fill("县人民法院")
    await page.get_by_test_id("refer-other-submit").click()
    await expect(page.locator("dl.facts")).to_contain_text("县人民法院")
    await expect(page.get_by_test_id("refer-box")).to_have_count(0)


def assigned_request(server: LiveServer) -> str:
    """A request filed by the centre, approved and assigned to the demo lawyer."""
    staff = server.login_payload("legalaid")
    token = staff["token"]
    centre = staff["viewer"]["orgUnit"]["id"]
    request = server.graphql(
        """mutation($i: LegalAidRequestInput!) { submitLegalAidRequest(input: $i) { id } }""",
        {
            "i": {
                "clientId": str(uuid.uuid4()),
                "applicantName": "吴九",
                "applicantPhone": "13900139006",
                "matter": "WAGE_ARREARS",
                "specialGroups": ["MIGRANT_WORKER"],
                "description": "拖欠工资",
                "householdSize": 2,
                "monthlyHouseholdIncome": "1000.00",
                "orgUnitId": centre,
            }
        },
        token=token,
    )["submitLegalAidRequest"]["id"]
    server.graphql(
        "mutation($id: ID!, $r: String!) "
        "{ decideLegalAidRequest(id: $id, approve: true, reason: $r) { id } }",
        {"id": request, "r": "符合条件"},
        token=token,
    )
    lawyer = server.login_payload("lawyer")["viewer"]["id"]
    server.graphql(
        "mutation($id: ID!, $a: ID!) { assignLegalAidRequest(id: $id, assigneeId: $a) { id } }",
        {"id": request, "a": lawyer},
        token=token,
    )
    admin = server.login("admin")
    bureau = server.graphql("{ viewer { orgUnit { id } } }", token=admin)["viewer"]["orgUnit"]["id"]
    server.graphql(
        """mutation($u: ID!) { setSubsidyStandard(orgUnitId: $u, effectiveFrom: "2020-01-01",
             rates: [{caseType: CIVIL, stage: ARBITRATION, amount: "1800.00"}]) { id } }""",
        {"u": bureau},
        token=admin,
    )
    return str(request)


async def test_close_compute_pay_and_call_back(
    live_server: LiveServer, browser_context: Any
) -> None:
    request = assigned_request(live_server)
    page = await browser_context.new_page()
    await sign_in(page, live_server, "lawyer")
    await page.get_by_test_id("nav-closings").click()
    await page.get_by_test_id("closing-open-item").filter(has_text="吴九").first.click()
    await page.get_by_test_id("case-end-date").fill(office_today().isoformat())
    await page.get_by_test_id("case-end-note").fill("仲裁裁决生效")
    await page.get_by_test_id("case-end-submit").click()
    await page.get_by_test_id("materials-due").wait_for()
    await page.get_by_test_id("materials-note").fill("裁决书复印件、结案报告")
    await page.get_by_test_id("materials-submit").click()
    await expect(page.get_by_test_id("materials-late")).to_have_text("按期提交")
    await sign_out(page)

    await sign_in(page, live_server, "legalaid")
    await page.goto(f"{live_server.url}/#/closing/{request}")
    await page.get_by_test_id("subsidy-case-type").select_option("CIVIL")
    await page.get_by_test_id("subsidy-stage").select_option("ARBITRATION")
    await page.get_by_test_id("subsidy-compute-submit").click()
    await expect(page.get_by_test_id("subsidy-amount")).to_contain_text("1,800")
    await page.get_by_test_id("subsidy-approve-submit").click()
    await page.get_by_test_id("subsidy-reference").fill("财付2026-77")
    await page.get_by_test_id("subsidy-paid-submit").click()
    await expect(page.get_by_test_id("subsidy-amount")).to_contain_text("已支付")
    await page.get_by_test_id("call-score").select_option("4")
    await page.get_by_test_id("return-call-submit").click()
    await expect(page.get_by_test_id("call-list")).to_contain_text("4")
    await page.get_by_test_id("file-review-grade").select_option("GOOD")
    await page.get_by_test_id("file-review-submit").click()
    await expect(page.get_by_test_id("file-review-list")).to_contain_text("良好")
    await page.get_by_test_id("nav-closings").click()
    await expect(page.get_by_test_id("quality-row").first).to_be_visible()


async def test_referred_to_legal_aid_and_confirmed_from_the_phone(
    live_server: LiveServer, browser_context: Any
) -> None:
    centre = live_server.login_payload("legalaid")["viewer"]["orgUnit"]
    applicant = live_server.login("applicant")
    marker = uuid.uuid4().hex[:6]
    asked = live_server.graphql(
        """mutation($i: LegalQuestionInput!) { askLegalQuestion(input: $i) { id } }""",
        {
            "i": {
                "clientId": str(uuid.uuid4()),
                "orgUnitId": centre["id"],
                "category": "LABOR",
                "question": f"被拖欠工资半年 {marker}",
                "askedAt": datetime.now(UTC).isoformat(),
            }
        },
        token=applicant,
    )["askLegalQuestion"]["id"]
    page = await browser_context.new_page()
    await sign_in(page, live_server, "legalaid")
    await page.goto(f"{live_server.url}/#/consultation/{asked}")
    await page.get_by_test_id("refer-matter").select_option("WAGE_ARREARS")
    await page.get_by_test_id("refer-household").fill("2")
    await page.get_by_test_id("refer-income").fill("1200")
    await page.get_by_test_id("refer-phone").fill("13900139007")
    await page.get_by_test_id("refer-legal-aid-submit").click()
    await expect(page.get_by_test_id("refer-box")).to_have_count(0)
    await sign_out(page)

    # The asker finds it waiting on the questions screen and confirms it.
    await sign_in(page, live_server, "applicant")
    await page.get_by_test_id("nav-questions").click()
    await page.get_by_test_id("referral-item").first.click()
    await page.get_by_test_id("referral-confirm-submit").click()
    # Submitted now: the request opens, its decision deadline running.
    await page.get_by_test_id("decision-due").wait_for()
    await expect(page.locator("#main")).to_contain_text("13900139007")
