"""The care screens: the person's check-in questions, month and monthly
report; the officer's triage, reply and the electronic positioning register."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

from playwright.async_api import expect

from tests.browser.helpers import activate_in_browser, enrol_person, new_username
from tests.browser.live import LiveServer, phone_context, sign_in
from tests.browser.screens import open_screen
from tests.days import office_today

TRIAGE = "{ wellbeingTriage(first: 100) { edges { node { mood changes message person { id } } } } }"
REPORTS = """query($id: ID!) { thoughtReports(personId: $id) { edges { node { body reply } } } }"""
REGISTER = """query($id: ID!) { electronicMonitoring(personId: $id) { edges { node {
  state endsOn approvedBy { displayName } } } } }"""


async def test_a_low_answer_reaches_the_officers_triage_and_the_report_its_reply(
    live_server: LiveServer, browser_context: Any, tmp_path: Path
) -> None:
    person = enrol_person(live_server, name=f"关注{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await activate_in_browser(page, live_server, person["activationCode"], new_username("care"))
    # The questions are optional and folded away under the check-in button.
    questions = page.get_by_test_id("checkin-questions")
    await questions.locator("summary").click()
    await page.get_by_test_id("q-mood-2").check()
    await page.get_by_test_id("q-change-ADDRESS").check()
    await page.get_by_test_id("q-details").fill("搬到东关镇新村")
    await page.get_by_test_id("q-message").fill("最近睡不好")
    await page.get_by_test_id("checkin-now").click()
    await expect(page.get_by_test_id("checkin-status")).to_contain_text("报到")
    officer = live_server.login("officer")
    mine = [
        e["node"]
        for e in live_server.graphql(TRIAGE, token=officer)["wellbeingTriage"]["edges"]
        if e["node"]["person"]["id"] == person["id"]
    ]
    assert mine == [
        {"mood": 2, "changes": ["ADDRESS"], "message": "最近睡不好", "person": {"id": person["id"]}}
    ]

    # The month and the monthly report, sent through the outbox.
    await page.get_by_test_id("goto-tasks").click()
    await expect(page.get_by_test_id("tasks-hours")).to_contain_text("小时")
    await page.get_by_test_id("report-body").fill("本月按时报到，参加了法治教育。")
    await page.get_by_test_id("report-submit").click()
    await expect(page.get_by_test_id("report-sent")).to_contain_text("已提交")
    await expect(page.get_by_test_id("report-reply")).to_have_text("尚未回复。")

    # The officer's side: the answer shown, acknowledged; the report answered.
    async with phone_context(tmp_path / "officer") as officer_context:
        desk = await officer_context.new_page()
        await sign_in(desk, live_server, "officer")
        await desk.get_by_test_id("caseload-care").click()
        item = desk.get_by_test_id("triage-item").filter(has_text=person["fullName"])
        await expect(item.get_by_test_id("triage-mood")).to_have_text("心情：不太好")
        await expect(item.get_by_test_id("triage-changes")).to_have_text("变化：住址")
        await expect(item.get_by_test_id("triage-message")).to_have_text("最近睡不好")
        report = desk.get_by_test_id("report-item").filter(has_text=person["fullName"])
        await report.get_by_test_id("reply-text").fill("收到，注意休息，有困难及时联系。")
        await report.get_by_test_id("reply-submit").click()
        await expect(
            desk.get_by_test_id("report-item").filter(has_text=person["fullName"])
        ).to_have_count(0)
        await item.get_by_test_id("triage-ack").click()
        await expect(
            desk.get_by_test_id("triage-item").filter(has_text=person["fullName"])
        ).to_have_count(0)
    stored = live_server.graphql(REPORTS, {"id": person["id"]}, token=officer)
    assert (
        stored["thoughtReports"]["edges"][0]["node"]["reply"] == "收到，注意休息，有困难及时联系。"
    )

    # The person reads the reply (the screen opened afresh).
    await open_screen(page, live_server, "/me")
    await page.get_by_test_id("goto-tasks").click()
    await expect(page.get_by_test_id("report-reply")).to_contain_text("注意休息")


async def test_the_register_refuses_more_than_three_months_and_records_the_approver(
    live_server: LiveServer, browser_context: Any
) -> None:
    person = enrol_person(live_server, name=f"定位{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await open_screen(page, live_server, f"/person/{person['id']}")
    await page.get_by_test_id("person-monitoring").click()
    form = page.get_by_test_id("em-form")
    await form.wait_for()
    today = office_today()
    await form.get_by_test_id("em-ground").select_option("LEFT_AREA_WITHOUT_APPROVAL")
    await form.get_by_test_id("em-facts").fill("未经批准离开本县三日")
    await form.get_by_test_id("em-starts").fill(today.isoformat())
    # A day past three months: refused under the field, nothing recorded.
    await form.get_by_test_id("em-ends").fill((today + timedelta(days=100)).isoformat())
    await form.get_by_test_id("em-document").fill("青司电定〔2026〕9号")
    await form.get_by_test_id("em-submit").click()
    await expect(form.locator(".field-error:not([hidden])")).to_contain_text("不得超过3个月")
    officer = live_server.login("officer")
    register = live_server.graphql(REGISTER, {"id": person["id"]}, token=officer)
    assert register["electronicMonitoring"]["edges"] == []
    await form.get_by_test_id("em-ends").fill((today + timedelta(days=30)).isoformat())
    await form.get_by_test_id("em-submit").click()
    item = page.get_by_test_id("monitoring-item")
    await expect(item.get_by_test_id("monitoring-state")).to_have_text("状态：执行中")
    register = live_server.graphql(REGISTER, {"id": person["id"]}, token=officer)
    (node,) = [e["node"] for e in register["electronicMonitoring"]["edges"]]
    assert node["state"] == "IN_FORCE"
    assert node["approvedBy"]["displayName"] == "周敏"  # the county bureau's supervisor
    # A renewal without the approval's number is refused; with it, the new last day.
    renew = item.get_by_test_id("em-renew-form")
    later = (today + timedelta(days=60)).isoformat()
    await renew.get_by_test_id("em-renew-ends").fill(later)
    await renew.get_by_test_id("em-assessment").fill("评估认为仍有必要继续使用")
    await renew.get_by_test_id("em-renew").click()
    await expect(renew.locator(".field-error:not([hidden])")).to_contain_text("负责人批准")
    register = live_server.graphql(REGISTER, {"id": person["id"]}, token=officer)
    assert (
        register["electronicMonitoring"]["edges"][0]["node"]["endsOn"]
        == (today + timedelta(days=30)).isoformat()
    )
    await renew.get_by_test_id("em-document").fill("青司电定〔2026〕10号")
    await renew.get_by_test_id("em-renew").click()
    await expect(page.get_by_test_id("monitoring-item")).to_contain_text(
        (today + timedelta(days=60)).strftime("%Y年%-m月%-d日")
    )
    register = live_server.graphql(REGISTER, {"id": person["id"]}, token=officer)
    assert register["electronicMonitoring"]["edges"][0]["node"]["endsOn"] == later
    # Ended once no longer needed (法 Art. 29 ¶2).
    item = page.get_by_test_id("monitoring-item")
    await item.get_by_test_id("em-end-reason").fill("不需要继续使用")
    await item.get_by_test_id("em-end").click()
    await expect(page.get_by_test_id("monitoring-state")).to_have_text("状态：已解除")


HELP = """query($id: ID!) { supervisedPerson(id: $id) { helpRecords { kind helper outcome } } }"""


async def test_help_is_recorded_from_the_person_page(
    live_server: LiveServer, browser_context: Any
) -> None:
    person = enrol_person(live_server, name=f"帮扶{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await open_screen(page, live_server, f"/person/{person['id']}")
    await page.get_by_test_id("person-help").click()
    form = page.get_by_test_id("help-form")
    await form.get_by_test_id("help-kind").select_option("EMPLOYMENT")
    await form.get_by_test_id("help-helper").fill("东关镇劳动保障所")
    await form.get_by_test_id("help-description").fill("推荐到食品厂面试")
    # The outcome is required: refused in the form's field, nothing recorded.
    await form.get_by_test_id("help-submit").click()
    await expect(form.locator(".field-error:not([hidden])")).to_have_count(1)
    officer = live_server.login("officer")
    stored = live_server.graphql(HELP, {"id": person["id"]}, token=officer)
    assert stored["supervisedPerson"]["helpRecords"] == []
    await form.get_by_test_id("help-outcome-input").fill("已录用")
    await form.get_by_test_id("help-submit").click()
    await expect(page.get_by_test_id("help-outcome")).to_have_text("结果：已录用")
    stored = live_server.graphql(HELP, {"id": person["id"]}, token=officer)
    assert stored["supervisedPerson"]["helpRecords"] == [
        {"kind": "EMPLOYMENT", "helper": "东关镇劳动保障所", "outcome": "已录用"}
    ]


ATTENDANCE = """query($id: ID!) { educationMonth(personId: $id) { hoursDone
  tasks { attended activity { title } } } }"""


async def test_a_session_is_recorded_and_attendance_marked(
    live_server: LiveServer, browser_context: Any
) -> None:
    person = enrol_person(live_server, name=f"学习{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await open_screen(page, live_server, "/care")
    await page.get_by_test_id("goto-sessions").click()
    form = page.get_by_test_id("session-form")
    await form.get_by_test_id("session-title").fill("法治教育讲座")
    await form.get_by_test_id("session-hours").fill("2.5")
    await form.locator("label", has_text=person["fullName"]).locator("input").check()
    await form.get_by_test_id("session-submit").click()
    item = page.get_by_test_id("session-item").filter(has_text="法治教育讲座").first
    row = item.get_by_test_id("attendance-row").filter(has_text=person["fullName"])
    await row.get_by_test_id("attend-yes").click()
    await expect(
        page.get_by_test_id("session-item")
        .filter(has_text="法治教育讲座")
        .first.get_by_test_id("attendance-row")
        .filter(has_text=person["fullName"])
    ).to_contain_text("已参加 2.5 小时")
    month = live_server.graphql(
        ATTENDANCE, {"id": person["id"]}, token=live_server.login("officer")
    )["educationMonth"]
    assert month["hoursDone"] == 2.5
    assert month["tasks"] == [{"attended": True, "activity": {"title": "法治教育讲座"}}]
