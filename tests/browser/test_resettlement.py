"""Resettlement (安置帮教) and the monthly report on the phone: the officer registers
a release notice, meets the person and records help through the outbox; the
month's table, charts and XLSX hold the same figures as the API; the bureau's
head submits a month and corrects it as version 2."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
from playwright.async_api import expect

from tests.browser.helpers import new_resident_id
from tests.browser.live import LiveServer, sign_in, sign_in_with_token
from tests.browser.screens import open_screen
from tests.days import office_today

REPORT = """query($u: ID!, $m: String!) { monthlyReport(unitId: $u, month: $m) {
  columns { key } rows { unitName values } total } }"""


def this_month() -> str:
    return office_today().strftime("%Y-%m")


def last_month() -> str:
    first = office_today().replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


async def test_the_officer_registers_meets_and_helps_and_the_month_counts_it(
    live_server: LiveServer, browser_context: Any
) -> None:
    name = f"释放{random.randint(1000, 9999)}"
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await page.get_by_test_id("nav-resettlement").click()
    await page.get_by_test_id("rs-new").click()
    await page.get_by_test_id("rs-notice-form").wait_for()
    # A notice on the day of the release: fewer than the 30 days, accepted and flagged.
    await page.get_by_test_id("rs-name").fill(name)
    await page.get_by_test_id("rs-id").fill(new_resident_id())
    await page.get_by_test_id("rs-prison").fill("省第一监狱")
    release = office_today()
    await page.get_by_test_id("rs-release").fill(release.isoformat())
    await page.get_by_test_id("rs-offence").fill("盗窃罪")
    await page.get_by_test_id("rs-grade").select_option("HIGH")
    await page.get_by_test_id("rs-notice-submit").click()
    await expect(page.locator("#main h1")).to_have_text(name)
    await expect(page.get_by_test_id("rs-late")).to_be_visible()
    await expect(page.get_by_test_id("rs-period")).to_contain_text(str(release.year + 5))
    record_id = page.url.rsplit("/", 1)[1]

    # The person did not arrive: noted, with the day the loss of contact starts.
    await page.get_by_test_id("rs-met-no").check()
    await page.get_by_test_id("rs-reception-submit").click()
    await expect(page.get_by_test_id("rs-lost-due")).to_be_visible()
    await expect(page.get_by_test_id("rs-status")).to_have_text("未按时衔接")
    # Met after all: in assistance, with a help record.
    await page.get_by_test_id("rs-reception-submit").click()  # metBy and place first
    await expect(page.locator("#main .field-error:not([hidden])")).not_to_have_count(0)
    await page.get_by_test_id("rs-met-by").fill("张伟、家属")
    await page.get_by_test_id("rs-place").fill("司法所")
    await page.get_by_test_id("rs-reception-submit").click()
    await expect(page.get_by_test_id("rs-status")).to_have_text("帮教中")
    await page.get_by_test_id("rs-help-kind").select_option("EMPLOYMENT")
    await page.get_by_test_id("rs-help-description").fill("介绍到镇上工厂就业")
    await page.get_by_test_id("rs-help-submit").click()
    await expect(page.get_by_test_id("rs-help")).to_contain_text("介绍到镇上工厂就业")
    await open_screen(page, live_server, "/resettlement")
    await expect(page.get_by_test_id("rs-item").filter(has_text=name)).to_have_count(1)

    # The month's report of the office: table, charts, and the XLSX the same as the API.
    officer = live_server.login_payload("officer")
    unit = officer["viewer"]["orgUnit"]["id"]
    await open_screen(page, live_server, f"/statistics?unit={unit}&month={this_month()}")
    await expect(page.get_by_test_id("st-table")).to_be_visible()
    await expect(page.get_by_test_id("st-chart-months")).to_be_visible()
    await expect(page.get_by_test_id("st-chart-units")).to_be_visible()
    api = live_server.graphql(REPORT, {"u": unit, "m": this_month()}, token=officer["token"])[
        "monthlyReport"
    ]
    keys = [c["key"] for c in api["columns"]]
    assert api["total"][keys.index("resettlement.help_employment")] >= 1
    shown = await page.get_by_test_id("st-total").locator("td").all_inner_texts()
    assert [int(v.replace(",", "")) for v in shown] == api["total"]
    async with page.expect_download() as waiting:
        await page.get_by_test_id("st-xlsx").click()
    download = await waiting.value
    book = openpyxl.load_workbook(io.BytesIO(Path(await download.path()).read_bytes()))
    sheet = book.active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[-1][0] == "合计" and rows[-1][1:] == api["total"]
    assert record_id


async def test_the_bureau_head_submits_a_month_and_corrects_it(
    live_server: LiveServer, browser_context: Any
) -> None:
    page = await browser_context.new_page()
    payload = live_server.login_payload("bureau")
    await sign_in_with_token(page, live_server, payload)
    unit = payload["viewer"]["orgUnit"]["id"]
    await open_screen(page, live_server, f"/statistics?unit={unit}&month={last_month()}")
    state = page.get_by_test_id("st-state")
    if "未报送" in await state.inner_text():
        await page.get_by_test_id("st-submit").click()
        await expect(state).to_contain_text("已报送")
    versions = page.get_by_test_id("st-version")
    before = await versions.count()
    assert before >= 1
    # A correction needs a reason, and is the next version.
    await page.get_by_test_id("st-submit").click()
    await expect(page.get_by_test_id("form-msg")).to_be_visible()
    await page.get_by_test_id("st-reason").fill("补录月末帮扶记录")
    await page.get_by_test_id("st-submit").click()
    await expect(versions).to_have_count(before + 1)
    await expect(state).to_contain_text(f"第 {before + 1} 版")
    await expect(versions.last).to_contain_text("补录月末帮扶记录")
