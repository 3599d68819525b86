"""Legal aid in the browser: apply, decide, assign, and the applicant's timeline."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.async_api import expect

from tests.browser.live import PASSWORD, LiveServer, sign_in


async def sign_out(page: Any) -> None:
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("signout").click()
    await page.get_by_test_id("signin-form").wait_for()


async def test_apply_decide_assign_and_timeline(
    live_server: LiveServer, browser_context: Any
) -> None:
    staff = live_server.login_payload("legalaid")
    centre_id = staff["viewer"]["orgUnit"]["id"]
    page = await browser_context.new_page()

    await sign_in(page, live_server, "applicant")
    await page.get_by_test_id("nav-apply").click()
    await page.get_by_test_id("apply-form").wait_for()
    await page.get_by_test_id("apply-phone").fill("13800138000")
    await page.get_by_test_id("apply-matter").select_option("WAGE_ARREARS")
    await page.get_by_test_id("apply-group-MIGRANT_WORKER").check()
    await page.get_by_test_id("apply-description").fill("工地拖欠三个月工资，老板不接电话。")
    await page.get_by_test_id("apply-income").fill("1800")
    await page.get_by_test_id("apply-centre").select_option(centre_id)
    await page.get_by_test_id("apply-submit").click()
    # Stored: the request opens, with its eligibility and one history entry.
    await page.get_by_test_id("eligibility").wait_for()
    await expect(page.get_by_test_id("history-entry")).to_have_count(1)
    request_url = page.url
    request_id = request_url.rsplit("/", 1)[1]
    await sign_out(page)

    # Staff approve and assign a lawyer of the centre, picked from the list.
    await sign_in(page, live_server, "legalaid")
    await page.goto(f"{live_server.url}/#/request/{request_id}")
    await page.get_by_test_id("decide-approve").check()
    await page.get_by_test_id("decide-reason").fill("农民工追索劳动报酬，免予经济困难审查。")
    await page.get_by_test_id("decide-form-submit").click()
    assign = page.get_by_test_id("assign-id")
    await assign.wait_for()
    options = await assign.locator("option").all_text_contents()
    lawyer = live_server.login_payload("lawyer")["viewer"]
    assert lawyer["displayName"] in options
    await assign.select_option(label=lawyer["displayName"])
    await page.get_by_test_id("assign-form-submit").click()
    await page.get_by_test_id("close-form").wait_for()
    await sign_out(page)

    # The applicant's timeline shows each step.
    await sign_in(page, live_server, "applicant")
    await page.goto(f"{live_server.url}/#/request/{request_id}")
    history = page.get_by_test_id("request-history")
    await expect(page.get_by_test_id("history-entry")).to_have_count(3)
    await expect(history).to_contain_text("农民工追索劳动报酬")
    await expect(page.locator("dl.facts")).to_contain_text(lawyer["displayName"])
    assert "assign-form" not in await page.content()


async def test_a_victim_claims_the_exemption_with_its_evidence(
    live_server: LiveServer, browser_context: Any
) -> None:
    """法律援助法 Art. 32(4), 42: a victim of domestic violence with a support
    claim and an income above the standard is exempt once the evidence is named."""
    centre_id = live_server.login_payload("legalaid")["viewer"]["orgUnit"]["id"]
    page = await browser_context.new_page()
    await sign_in(page, live_server, "applicant")
    await page.get_by_test_id("nav-apply").click()
    await page.get_by_test_id("apply-form").wait_for()
    await page.get_by_test_id("apply-phone").fill("13800138000")
    await page.get_by_test_id("apply-matter").select_option("FAMILY_SUPPORT")
    await page.get_by_test_id("apply-exemption-ABUSE_VICTIM").check()
    await page.get_by_test_id("apply-evidence").fill("派出所出警记录、告诫书")
    await page.get_by_test_id("apply-area").select_option("RURAL")
    await page.get_by_test_id("apply-description").fill("离婚后前夫拒付子女抚养费，曾多次施暴。")
    await page.get_by_test_id("apply-income").fill("30000")
    await page.get_by_test_id("apply-centre").select_option(centre_id)
    await page.get_by_test_id("apply-submit").click()
    await page.get_by_test_id("eligibility").wait_for()
    request_id = page.url.rsplit("/", 1)[1]
    got = live_server.graphql(
        "query($id: ID!) { legalAidRequest(id: $id) { hardshipArea eligibility { exempt } } }",
        {"id": request_id},
        token=live_server.login("applicant"),
    )["legalAidRequest"]
    assert got == {"hardshipArea": "RURAL", "eligibility": {"exempt": True}}


SUBMIT = """mutation($i: LegalAidRequestInput!) { submitLegalAidRequest(input: $i) { id } }"""
LAWYERS = "{ assignableLawyers { id displayName } }"


def submit_request(server: LiveServer, centre_id: str) -> str:
    request_input = {
        "clientId": str(uuid.uuid4()),
        "applicantName": "孙丽",
        "applicantPhone": "13800138000",
        "matter": "WAGE_ARREARS",
        "specialGroups": ["MIGRANT_WORKER"],
        "description": "工地拖欠两个月工资。",
        "householdSize": 2,
        "monthlyHouseholdIncome": "1500.00",
        "orgUnitId": centre_id,
    }
    done = server.graphql(SUBMIT, {"i": request_input}, token=server.login("applicant"))
    request_id: str = done["submitLegalAidRequest"]["id"]
    return request_id


async def test_the_apply_form_starts_from_the_sign_up_phone(
    live_server: LiveServer, browser_context: Any
) -> None:
    username = f"app.{uuid.uuid4().hex[:8]}"
    live_server.graphql(
        """mutation($i: SignUpApplicantInput!) { signUpApplicant(input: $i) { token } }""",
        {
            "i": {
                "username": username,
                "displayName": "钱七",
                "password": PASSWORD,
                "phone": "139 0013 9001",
            }
        },
    )
    page = await browser_context.new_page()
    await sign_in(page, live_server, username)
    await page.get_by_test_id("nav-apply").click()
    await expect(page.get_by_test_id("apply-phone")).to_have_value("13900139001")
    await expect(page.get_by_test_id("apply-name")).to_have_value("钱七")


async def test_decide_says_both_need_reasons_and_the_only_lawyer_is_chosen(
    live_server: LiveServer, browser_context: Any
) -> None:
    staff = live_server.login_payload("legalaid")
    centre_id = staff["viewer"]["orgUnit"]["id"]
    (only,) = live_server.graphql(LAWYERS, token=staff["token"])["assignableLawyers"]
    request_id = submit_request(live_server, centre_id)
    # The server's rule: an approval, too, states its reasons.
    refused = live_server.graphql_raw(
        """mutation($id: ID!) {
          decideLegalAidRequest(id: $id, approve: true, reason: " ") { id } }""",
        {"id": request_id},
        token=staff["token"],
    )
    assert refused["errors"][0]["extensions"]["field"] == "reason", refused

    page = await browser_context.new_page()
    await sign_in(page, live_server, "legalaid")
    await page.goto(f"{live_server.url}/#/request/{request_id}")
    form = page.get_by_test_id("decide-form")
    # The hint says what the form and the server require: reasons either way.
    await expect(form.locator(".hint")).to_contain_text("给予或不予援助都须写明理由")
    await page.get_by_test_id("decide-approve").check()
    await page.get_by_test_id("decide-form-submit").click()
    await expect(form.locator(".field-error")).to_be_visible()
    await page.get_by_test_id("decide-reason").fill("农民工追索劳动报酬，免予经济困难审查。")
    await page.get_by_test_id("decide-form-submit").click()

    # One lawyer to choose from: already chosen, no "please choose".
    assign = page.get_by_test_id("assign-id")
    await expect(assign).to_have_value(only["id"])
    assert await assign.locator("option").all_text_contents() == [only["displayName"]]

    # A second lawyer: the choice is asked for.
    admin = live_server.login_payload("admin")["token"]
    username = f"lawyer.{uuid.uuid4().hex[:8]}"
    live_server.graphql(
        """mutation($i: CreateUserInput!) { createUser(input: $i) { id } }""",
        {
            "i": {
                "username": username,
                "displayName": "新律师",
                "password": PASSWORD,
                "role": "LAWYER",
                "orgUnitId": centre_id,
            }
        },
        token=admin,
    )
    await page.reload()
    await expect(page.get_by_test_id("assign-id")).to_have_value("")
    await expect(page.get_by_test_id("assign-id").locator("option")).to_have_count(3)
    await sign_out(page)

    # The new lawyer has no case: the list says so in words.
    await sign_in(page, live_server, username)
    await page.get_by_test_id("nav-cases").click()
    await expect(page.locator(".empty")).to_have_text("目前没有指派给您的案件。")
