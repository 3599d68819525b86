"""Screening campaigns and a dispute's hand-offs in the browser: the bureau's
supervisor starts a campaign, the committee's mediator files findings that
become disputes, and records a police report and a refusal on a dispute
referred by a court."""

from __future__ import annotations

from typing import Any

from playwright.async_api import expect

from tests.browser.live import LiveServer, sign_in, sign_in_with_token


async def test_supervisor_starts_and_mediator_reports(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    # The bureau's supervisor: a tab for mediation, and from there screening.
    await sign_in_with_token(page, live_server, live_server.login_payload("bureau"))
    await page.get_by_test_id("nav-disputes").click()
    await page.get_by_test_id("disputes-screening").click()
    await page.get_by_test_id("screening-new").click()
    await page.get_by_test_id("campaign-title").fill("春节前矛盾纠纷集中排查")
    await page.get_by_test_id("campaign-focus").fill("婚姻家庭、邻里、土地纠纷")
    await page.get_by_test_id("campaign-submit").click()
    # The campaign's page: every committee and office below the bureau.
    await page.get_by_test_id("screening-figures").wait_for()
    units = page.get_by_test_id("screening-unit")
    await expect(units).to_have_count(3)
    await expect(page.get_by_test_id("screening-figures")).to_contain_text("0/3")
    campaign_url = page.url
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("signout").click()
    await page.get_by_test_id("signin-form").wait_for()

    # The committee's mediator sees its own unit and files one dispute found.
    await sign_in(page, live_server, "mediator")
    await page.get_by_test_id("disputes-screening").click()
    await expect(page.get_by_test_id("screening-item")).to_have_count(1)
    await page.get_by_test_id("screening-item").click()
    await expect(page.get_by_test_id("screening-unit")).to_have_count(1)
    await page.get_by_test_id("report-villages").fill("东关村，南坪村")
    await page.get_by_test_id("found-title").fill("承包地边界纠纷")
    await page.get_by_test_id("found-category").select_option("LAND")
    await page.get_by_test_id("found-risk").select_option("HIGH")
    await page.get_by_test_id("found-parties").fill("赵甲，钱乙")
    await page.get_by_test_id("report-submit").click()
    await expect(page.get_by_test_id("screening-dispute")).to_have_count(1)
    await expect(page.get_by_test_id("report-form")).to_have_count(0)
    assert page.url == campaign_url
    # The dispute found is registered, its source "found in screening".
    await page.get_by_test_id("screening-dispute").click()
    await page.get_by_test_id("dispute-handoffs").click()
    await expect(page.get_by_text("排查发现")).to_be_visible()

    # The supervisor's figures count it.
    token = live_server.login_payload("bureau")["token"]
    data = live_server.graphql(
        "{ screeningCampaigns { edges { node {"
        " figures { reported disputesFound highRiskFound } } } } }",
        token=token,
    )
    assert data["screeningCampaigns"]["edges"][0]["node"]["figures"] == {
        "reported": 1,
        "disputesFound": 1,
        "highRiskFound": 1,
    }


async def test_court_referral_police_report_and_refusal(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    await sign_in(page, live_server, "mediator")
    await page.get_by_test_id("nav-new-dispute").click()
    await page.get_by_test_id("register-title").fill("交通事故赔偿纠纷")
    await page.get_by_test_id("register-description").fill("法院立案后委托调解。")
    await page.get_by_test_id("register-source").select_option("COURT_ENTRUSTED")
    await page.get_by_test_id("register-source-body").fill("青山县人民法院")
    await page.get_by_test_id("register-source-number").fill("（2026）青01民初88号")
    await page.get_by_test_id("register-source-procedure").select_option("SUMMARY")
    await page.get_by_test_id("party-name").nth(0).fill("孙甲")
    await page.get_by_test_id("party-name").nth(1).fill("周乙")
    await page.get_by_test_id("register-submit").click()
    await page.get_by_test_id("dispute-list").wait_for()
    await page.get_by_test_id("dispute-item").filter(has_text="交通事故赔偿纠纷").click()
    await page.get_by_test_id("dispute-handoffs").click()
    # Summary procedure: 7 days from signing for the materials today.
    await expect(page.get_by_test_id("handoff-deadline")).to_contain_text("7")
    await expect(page.get_by_test_id("extension-form")).to_be_visible()

    await page.get_by_test_id("police-body").fill("东关派出所")
    await page.get_by_test_id("police-reference").fill("东公受字〔2026〕12号")
    await page.get_by_test_id("police-submit").click()
    await expect(page.get_by_test_id("police-item")).to_have_count(1)
    await expect(page.get_by_test_id("police-item")).to_contain_text("东关派出所")

    # A refusal needs its confirmation, then ends the mediation.
    await page.get_by_test_id("refusal-party").select_option("周乙")
    await page.get_by_test_id("refusal-submit").click()
    await expect(page.get_by_test_id("refusal-form")).to_contain_text("请确认当事人已明确拒绝")
    await page.get_by_test_id("refusal-confirm").check()
    await page.get_by_test_id("refusal-submit").click()
    await page.get_by_test_id("refusal-shown").wait_for()
    await expect(page.get_by_test_id("refusal-shown")).to_contain_text("周乙")
    await expect(page.get_by_test_id("refusal-form")).to_have_count(0)
    # Closed: no more visits from its page.
    await page.go_back()
    await page.get_by_test_id("party-list").wait_for()
    await expect(page.get_by_test_id("dispute-log-visit")).to_have_count(0)

    # The overdue list opens (nothing is overdue in fresh demo data).
    await page.get_by_test_id("nav-disputes").click()
    await page.get_by_test_id("disputes-overdue").click()
    await expect(page.locator("#main h1")).to_have_text("超期纠纷")
