"""The corrections forms behind the server's flows: the status switch on a
person's page (ACTIVE ↔ ABSCONDED only), the enrol form's interval hint and
minor's fields, and the release certificate on the person's own home."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from playwright.async_api import expect

from api.domain.common.validators import resident_id_check_char
from tests.browser.helpers import ENROLL, activate_in_browser, enrol_person, new_username
from tests.browser.live import LiveServer, sign_in
from tests.browser.screens import open_screen, sign_in_as
from tests.browser.test_a11y_layout import RUN_AXE
from tests.browser.test_release import enrol_with_ended_term
from tests.days import office_today

STATUS = "query($id: ID!) { supervisedPerson(id: $id) { status } }"
UNITS = "{ orgUnits { id name } }"
SET_INTERVALS = """mutation($unit: ID!, $from: Date!) { setCheckInIntervals(orgUnitId: $unit,
  effectiveFrom: $from, strictDays: 9, normalDays: 18, lenientDays: 36) { id } }"""
IN_FORCE = """query($unit: ID!) { checkInIntervalsInForce(orgUnitId: $unit) { normalDays } }"""
MINOR = """query($id: ID!) { supervisedPerson(id: $id) {
  minorAtStart minorDetails { guardianName guardianRelation guardianPhone school } } }"""
RELEASE = """mutation($input: ReleasePersonInput!) { releasePerson(input: $input) {
  certificateNumber } }"""


def release(server: LiveServer, person_id: str) -> str:
    """Releases a person whose term has ended; the certificate's number."""
    today = office_today().isoformat()
    notices = [
        {"recipient": body, "name": name, "sentOn": today, "method": "DELIVERED"}
        for body, name in (
            ("DECIDING_BODY", "青山县人民法院"),
            ("PROCURATORATE", "青山县人民检察院"),
            ("POLICE", "青山县公安局"),
        )
    ]
    data = server.graphql(
        RELEASE,
        {"input": {"personId": person_id, "releasedOn": today, "notices": notices}},
        token=server.login("officer"),
    )
    number: str = data["releasePerson"]["certificateNumber"]
    return number


async def test_status_form_offers_only_the_switch_to_and_from_absconded(
    live_server: LiveServer, browser_context: Any
) -> None:
    person = enrol_person(live_server, name=f"状态{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await sign_in(page, live_server, "officer")
    await open_screen(page, live_server, f"/person/{person['id']}")
    # The forms that change the record are folded under 管理.
    await expect(page.get_by_test_id("status-form")).to_be_hidden()
    await page.get_by_test_id("person-manage").locator("summary").click()
    form = page.get_by_test_id("status-form")
    # No list of statuses to pick from: the one switch an officer may set.
    await expect(form.locator("select")).to_have_count(0)
    save = form.get_by_test_id("status-save")
    await expect(save).to_have_text("标记为脱管")
    await form.get_by_test_id("status-note").fill("三天联系不上，已上报")
    await save.click()
    await expect(page.get_by_test_id("person-status")).to_have_text("脱管")
    officer = live_server.login("officer")
    stored = live_server.graphql(STATUS, {"id": person["id"]}, token=officer)
    assert stored["supervisedPerson"]["status"] == "ABSCONDED"
    # Back under supervision: the switch the other way.
    await expect(page.get_by_test_id("status-save")).to_have_text("恢复为在矫")
    await page.get_by_test_id("status-note").fill("已到所报到")
    await page.get_by_test_id("status-save").click()
    await expect(page.get_by_test_id("person-status")).to_have_text("在矫")
    stored = live_server.graphql(STATUS, {"id": person["id"]}, token=officer)
    assert stored["supervisedPerson"]["status"] == "ACTIVE"

    # A released person: no status form at all (the end is recorded by its act).
    ended = enrol_with_ended_term(live_server, f"期满{random.randint(1000, 9999)}")
    release(live_server, ended)
    await open_screen(page, live_server, f"/person/{ended}")
    await expect(page.get_by_test_id("ending-facts")).to_be_visible()
    await expect(page.get_by_test_id("status-form")).to_have_count(0)

    # The caseload's filter still lists every status, each once.
    await open_screen(page, live_server, "/caseload")
    values = (
        await page.get_by_test_id("caseload-status")
        .locator("option")
        .evaluate_all("(os) => os.map((o) => o.value)")
    )
    assert values == [
        "",
        "ACTIVE",
        "ABSCONDED",
        "RELEASED",
        "TERMINATED",
        "REVOKED",
        "PENDING_INTAKE",
    ]


async def test_enrol_hint_shows_the_offices_intervals_in_force(
    live_server: LiveServer, browser_context: Any
) -> None:
    supervisor = live_server.login("supervisor")  # the county correction centre's
    units = {u["name"]: u["id"] for u in live_server.graphql(UNITS, token=supervisor)["orgUnits"]}
    # 西河乡 gets its own figures from today; 东关镇 keeps the county's.
    west, east = units["西河乡司法所"], units["东关镇司法所"]
    live_server.graphql(
        SET_INTERVALS, {"unit": west, "from": office_today().isoformat()}, token=supervisor
    )
    county = live_server.graphql(IN_FORCE, {"unit": east}, token=supervisor)
    east_normal = county["checkInIntervalsInForce"]["normalDays"]

    page = await browser_context.new_page()
    await sign_in_as(page, live_server, "supervisor")
    await open_screen(page, live_server, "/enrol")
    interval = page.get_by_test_id("enrol-interval")
    hint = page.locator("#" + (await interval.get_attribute("id") or "") + "h")
    await page.get_by_test_id("enrol-office").select_option(east)
    await expect(hint).to_have_text(f"不填则按本所该管理等级现行的默认间隔：{east_normal} 天。")
    await page.get_by_test_id("enrol-office").select_option(west)
    await expect(hint).to_have_text("不填则按本所该管理等级现行的默认间隔：18 天。")
    await page.get_by_test_id("enrol-level").select_option("STRICT")
    await expect(hint).to_contain_text("9 天")
    await page.get_by_test_id("enrol-level").select_option("LENIENT")
    await expect(hint).to_contain_text("36 天")


def resident_id(born: date) -> str:
    first17 = f"110101{born:%Y%m%d}{random.randint(0, 999):03d}"
    return first17 + resident_id_check_char(first17)


async def test_enrol_asks_a_minors_guardian_and_school(
    live_server: LiveServer, csp_free_context: Any, axe: Path
) -> None:
    await csp_free_context.add_init_script(path=str(axe))
    page = await csp_free_context.new_page()
    await sign_in(page, live_server, "officer")
    await open_screen(page, live_server, "/enrol")
    box = page.get_by_test_id("enrol-minor")
    start = office_today() - timedelta(days=3)
    if (start.month, start.day) == (2, 29):  # minors.birthday; the Node test covers it
        start -= timedelta(days=1)
    # 18 on the term's first day is still under 18 (周岁 from the day after).
    eighteen_today = resident_id(start.replace(year=start.year - 18))
    await page.get_by_test_id("enrol-start").fill(start.isoformat())
    await page.get_by_test_id("enrol-id").fill(eighteen_today)
    await expect(box).to_be_visible()
    # The term starting the next day: an adult case, no such fields.
    await page.get_by_test_id("enrol-start").fill((start + timedelta(days=1)).isoformat())
    await expect(box).to_be_hidden()
    await page.get_by_test_id("enrol-start").fill(start.isoformat())
    await expect(box).to_be_visible()
    assert await page.evaluate(RUN_AXE) == []
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360

    name = f"少年{random.randint(1000, 9999)}"
    await page.get_by_test_id("enrol-name").fill(name)
    await page.get_by_test_id("enrol-end").fill((start + timedelta(days=365)).isoformat())
    await page.get_by_test_id("enrol-guardianName").fill("王大海")
    await page.get_by_test_id("enrol-guardianRelation").fill("父亲")
    # The phone by the server's rule, flagged before anything is sent.
    await page.get_by_test_id("enrol-guardianPhone").fill("12345")
    await page.get_by_test_id("enrol-submit").click()
    await expect(page.get_by_test_id("enrol-guardianPhone")).to_have_attribute(
        "aria-invalid", "true"
    )
    await page.get_by_test_id("enrol-guardianPhone").fill("13912345678")
    await page.get_by_test_id("enrol-school").fill("东关中学")
    await page.get_by_test_id("enrol-submit").click()
    opened = page.get_by_test_id("enrol-open-person")
    await opened.wait_for()
    person_id = (await opened.get_attribute("href") or "").rsplit("/", 1)[-1]
    officer = live_server.login("officer")
    stored = live_server.graphql(MINOR, {"id": person_id}, token=officer)["supervisedPerson"]
    assert stored == {
        "minorAtStart": True,
        "minorDetails": {
            "guardianName": "王大海",
            "guardianRelation": "父亲",
            "guardianPhone": "13912345678",
            "school": "东关中学",
        },
    }
    # The next enrolment starts with the fields hidden again.
    await page.get_by_test_id("enrol-another").click()
    await expect(box).to_be_hidden()


async def test_a_released_person_downloads_the_certificate_from_home(
    live_server: LiveServer, browser_context: Any, tmp_path: Path
) -> None:
    login = live_server.login_payload("officer")
    today = office_today()
    enrolled = live_server.graphql(
        ENROLL,
        {
            "input": {
                "fullName": f"期满{random.randint(1000, 9999)}",
                "idNumber": resident_id(date(1980, 5, 1)),
                "correctionType": "PROBATION",
                "supervisionLevel": "NORMAL",
                "termStart": (today - timedelta(days=366)).isoformat(),
                "termEnd": (today - timedelta(days=1)).isoformat(),
                "orgUnitId": login["viewer"]["orgUnit"]["id"],
            }
        },
        token=login["token"],
    )["enrollPerson"]
    page = await browser_context.new_page()
    await activate_in_browser(page, live_server, enrolled["activationCode"], new_username("r"))
    await expect(page.get_by_test_id("me-ended")).to_have_count(0)
    number = release(live_server, enrolled["person"]["id"])

    await page.reload()
    ended = page.get_by_test_id("me-ended")
    await expect(ended).to_contain_text("解除矫正")
    link = ended.get_by_test_id("certificate-link")
    await expect(link).to_have_text(number)
    async with page.expect_download() as download_info:
        await link.click()
    download = await download_info.value
    saved = tmp_path / "certificate.pdf"
    await download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    assert download.suggested_filename == f"{number}.pdf"


async def test_an_absconded_person_can_report_and_call_the_officer(
    live_server: LiveServer, browser_context: Any
) -> None:
    person = enrol_person(live_server, name=f"脱管{random.randint(1000, 9999)}")
    page = await browser_context.new_page()
    await activate_in_browser(page, live_server, person["activationCode"], new_username("ab"))
    live_server.graphql(
        'mutation($id: ID!) { setSupervisionStatus(personId: $id, status: ABSCONDED, note: "失联") '
        "{ status } }",
        {"id": person["id"]},
        token=live_server.login("officer"),
    )
    await page.reload()
    await expect(page.get_by_test_id("due-main")).to_have_text(
        "您已被标记为脱管。请立即报到，并与矫正工作人员联系。"
    )
    call = page.get_by_test_id("call-officer")
    await expect(call).to_have_attribute("href", "tel:13800138001")
    await expect(call).to_contain_text("张伟")
    now = page.get_by_test_id("checkin-now")
    await expect(now).to_be_enabled()
    await now.click()
    await expect(page.get_by_test_id("checkin-status")).not_to_be_empty()
    pending = live_server.graphql(
        "query($id: ID!) { supervisedPerson(id: $id) { status checkIns(first: 5) "
        "{ edges { node { status } } } } }",
        {"id": person["id"]},
        token=live_server.login("officer"),
    )["supervisedPerson"]
    assert pending["status"] == "ABSCONDED"
    assert [e["node"]["status"] for e in pending["checkIns"]["edges"]] == ["PENDING_REVIEW"]
