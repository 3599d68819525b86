"""The input rules a user meets in the forms: the caseload searched by a whole
ID (and told in words what else it takes, with no retry that cannot help), a
term too long for its kind or an emoji in a name flagged before anything is
sent, and a limitation deadline already past warned of, never refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import ENROLL, new_resident_id
from tests.browser.live import LiveServer, sign_in
from tests.browser.screens import open_screen
from tests.days import office_today


async def test_the_caseload_is_searched_by_the_whole_id(
    live_server: LiveServer, browser_context: Any
) -> None:
    login = live_server.login_payload("officer")
    id_number = new_resident_id()
    today = office_today()
    live_server.graphql(
        ENROLL,
        {
            "input": {
                "fullName": "全号查找",
                "idNumber": id_number,
                "correctionType": "PROBATION",
                "supervisionLevel": "NORMAL",
                "termStart": today.isoformat(),
                "termEnd": (today + timedelta(days=365)).isoformat(),
                "orgUnitId": login["viewer"]["orgUnit"]["id"],
            }
        },
        token=login["token"],
    )
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    search = page.get_by_test_id("caseload-search")
    await search.wait_for()
    assert "完整身份证号" in (await search.get_attribute("placeholder") or "")
    await search.fill(id_number)
    names = page.get_by_test_id("caseload-name")
    await expect(names).to_have_count(1)
    await expect(names).to_have_text("全号查找")
    # Ten digits: what the search takes, in Chinese, and no retry to tap.
    await search.fill(id_number[:10])
    alert = page.locator(".list-box [role=alert]")
    await expect(alert).to_contain_text("完整的 18 位身份证号")
    await expect(alert.locator("button")).to_have_count(0)


async def test_the_enrol_form_flags_a_term_and_a_name_before_sending(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await open_screen(page, live_server, "/enrol")
    form = page.get_by_test_id("enrol-form")
    await form.wait_for()
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.post_data or "") if r.method == "POST" else None)
    today = office_today()
    await page.get_by_test_id("enrol-name").fill("张三😀")
    await page.get_by_test_id("enrol-id").fill(new_resident_id())
    await page.get_by_test_id("enrol-type").select_option("CONTROL")
    await page.get_by_test_id("enrol-start").fill(today.isoformat())
    # 管制 at most 3 years (刑法 Art. 38, 69): three years and a day on.
    end = today.replace(year=today.year + 3) if (today.month, today.day) != (2, 29) else None
    assert end is not None
    await page.get_by_test_id("enrol-end").fill(end.isoformat())
    await page.get_by_test_id("enrol-submit").click()
    errors = form.locator(".field-error:not([hidden])")
    await expect(errors).to_have_count(2)
    await expect(errors.nth(0)).to_contain_text("表情符号")
    await expect(errors.nth(1)).to_contain_text("不超过 36 个月")
    assert not any("enrollPerson" in body for body in sent)
    # One day less is lawful: the term's flag goes.
    await page.get_by_test_id("enrol-name").fill("张三")
    await page.get_by_test_id("enrol-end").fill((end - timedelta(days=1)).isoformat())
    await page.get_by_test_id("enrol-submit").click()
    await page.get_by_test_id("enrol-open-person").wait_for()


async def test_a_passed_limitation_deadline_is_warned_of_and_taken(
    live_server: LiveServer, browser_context: Any
) -> None:
    centre_id = live_server.login_payload("legalaid")["viewer"]["orgUnit"]["id"]
    page = await browser_context.new_page()
    await sign_in(page, live_server, "applicant")
    await page.get_by_test_id("nav-apply").click()
    await page.get_by_test_id("apply-form").wait_for()
    warning = page.get_by_test_id("apply-deadline-warning")
    await expect(warning).to_be_hidden()
    await page.get_by_test_id("apply-phone").fill("13800138000")
    await page.get_by_test_id("apply-matter").select_option("WAGE_ARREARS")
    await page.get_by_test_id("apply-description").fill("1990 年的欠薪，想问还能不能追。")
    await page.get_by_test_id("apply-income").fill("1800")
    await page.get_by_test_id("apply-deadline").fill("1990-01-01")
    await expect(warning).to_be_visible()
    await expect(warning).to_contain_text("日期已过")
    await page.get_by_test_id("apply-centre").select_option(centre_id)
    await page.get_by_test_id("apply-submit").click()
    # Taken: the request opens and tells the applicant the deadline had passed.
    await page.get_by_test_id("eligibility").wait_for()
    await expect(page.get_by_test_id("request-deadline-passed")).to_contain_text("时效")
