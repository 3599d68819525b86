"""The monthly report (月报): computed from the records per unit and summed up
the tree, each area by its own rule of who sees it, frozen on submission by
the unit head (the hash in the audit log), corrected as a new version, and
exported as XLSX and CSV with the same figures as the API."""

from __future__ import annotations

import csv
import dataclasses
import io
import uuid
from datetime import date, datetime, timedelta
from typing import Any

import openpyxl
import pytest

from api.domain.common import periods
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Forbidden, NotFound
from api.domain.corrections import enrolment
from api.domain.legal_aid import requests as legal_aid
from api.domain.mediation import disputes
from api.domain.resettlement import care
from api.domain.statistics import report
from api.domain.statistics.month import Month
from api.models.audit import AuditEntry
from api.models.enums import (
    CorrectionType,
    DisputeCategory,
    LegalAidMatter,
    PartyRole,
    ResettlementHelpKind,
    RiskLevel,
    SupervisionLevel,
)
from tests.conftest import GraphQLClient, World
from tests.test_release import release_now, rid
from tests.test_resettlement import meet, notice

DAY = timedelta(days=1)
_seq = iter(range(500, 10_000))


def at(world: World, who: str, now: datetime) -> Call:
    return dataclasses.replace(world.call(who), now=now)


def this_month() -> Month:
    return Month.of(periods.local_day(datetime.now().astimezone()))


LAST = this_month().previous()  # a month that is over
BEFORE = LAST.previous()


def noon(day: date) -> datetime:
    return periods.start_of(day) + timedelta(hours=12)


async def enrol_at(world: World, when: datetime, *, unit: str = "a", term_end: date) -> int:
    who = "officer_a" if unit == "a" else "officer_b"
    enrolled = await enrolment.enroll_person(
        at(world, who, when),
        full_name="李四",
        id_number=rid(next(_seq)),
        phone=None,
        correction_type=CorrectionType.PROBATION,
        supervision_level=SupervisionLevel.NORMAL,
        term_start=term_end - timedelta(days=365),
        term_end=term_end,
        org_unit_id=world.units[unit].id,
        officer_id=None,
        check_in_interval_days=None,
    )
    return enrolled.person.id


async def corrections_of_last_month(world: World) -> None:
    """Office a: p1 on the register all along; p2 and p3 taken in during the
    month, p3 released in it; p4 released on its first day. Office b: p5."""
    first = LAST.first_day
    far = first + timedelta(days=400)
    await enrol_at(world, noon(BEFORE.first_day), term_end=far)  # p1
    await enrol_at(world, noon(first + 4 * DAY), term_end=far)  # p2
    p3 = await enrol_at(world, noon(first + 9 * DAY), term_end=first + 19 * DAY)
    await release_now(world, p3, first + 19 * DAY)
    p4 = await enrol_at(world, noon(BEFORE.first_day), term_end=first)
    await release_now(world, p4, first)
    await enrol_at(world, noon(BEFORE.first_day), unit="b", term_end=far)  # p5


def column(found: report.Report, key: str) -> report.Column:
    return next(c for c in found.columns if c.key == key)


def of(found: report.Report, values: dict[str, int], key: str) -> int:
    return found.value(values, column(found, key))


async def test_corrections_on_the_register_add_up_and_sum_up_the_tree(world: World) -> None:
    await corrections_of_last_month(world)
    county = await report.monthly_report(
        world.call("supervisor"), world.units["bureau"].id, str(LAST)
    )
    rows = {r.unit_name: r.values for r in county.rows}
    a, b = rows["东关镇司法所"], rows["西河乡司法所"]
    assert of(county, a, "corrections.on_register_start") == 2  # p1, p4 (released on day 1)
    assert of(county, a, "corrections.admitted") == 2
    assert of(county, a, "corrections.released") == 2
    assert of(county, a, "corrections.on_register_end") == 2  # p1, p2
    assert of(county, b, "corrections.on_register_end") == 1
    total = county.total
    assert of(county, total, "corrections.on_register_start") == 3
    assert of(county, total, "corrections.on_register_end") == 3
    # The month's end is its start, plus those taken in, less those ended.
    for values in (a, b, total):
        ended = sum(
            of(county, values, f"corrections.{k}")
            for k in (
                "released",
                "terminated_revocation",
                "terminated_imprisonment",
                "terminated_death",
            )
        )
        assert of(county, values, "corrections.on_register_end") == (
            of(county, values, "corrections.on_register_start")
            + of(county, values, "corrections.admitted")
            - ended
        )
    # The correction centre's supervisor sees the county's corrections and nothing else.
    assert {c.area.name for c in county.columns} == {"corrections"}


async def test_each_area_is_shown_by_its_own_scope(world: World) -> None:
    bureau, office = world.units["bureau"].id, world.units["a"].id

    async def areas(who: str, unit_id: int) -> set[str]:
        found = await report.monthly_report(world.call(who), unit_id, str(LAST))
        return {c.area.name for c in found.columns}

    assert await areas("supervisor_bureau", bureau) == {"mediation", "legal_aid", "resettlement"}
    assert await areas("officer_a", office) == {"corrections", "mediation", "resettlement"}
    assert await areas("admin", bureau) == {"corrections", "mediation", "legal_aid", "resettlement"}
    for who, unit_id in (
        ("officer_b", office),
        ("officer_x", office),
        ("supervisor_bureau_x", bureau),
        ("supervisor_x", bureau),
    ):
        with pytest.raises(NotFound):
            await report.monthly_report(world.call(who), unit_id, str(LAST))
    for who in ("mediator_a", "staff", "lawyer", "applicant"):
        with pytest.raises(Forbidden):
            await report.monthly_report(world.call(who), bureau, str(LAST))
    with pytest.raises(BadInput):
        await report.monthly_report(world.call("admin"), bureau, "2026-13")
    with pytest.raises(BadInput):
        await report.monthly_report(world.call("admin"), bureau, str(this_month().next()))


async def other_areas_of_last_month(world: World) -> None:
    when = noon(LAST.first_day + 2 * DAY)
    await disputes.register_dispute(
        at(world, "mediator_a", when),
        client_id=str(uuid.uuid4()),
        title="邻里排水纠纷",
        category=DisputeCategory.NEIGHBOR,
        description="排水沟堵塞引发争执",
        risk_level=RiskLevel.HIGH,
        parties=[
            disputes.PartyInput("甲", PartyRole.APPLICANT),
            disputes.PartyInput("乙", PartyRole.RESPONDENT),
        ],
        org_unit_id=world.units["committee_a"].id,
        mediator_id=None,
    )
    await legal_aid.submit_request(
        at(world, "staff", when),
        legal_aid.RequestInput(
            client_id=str(uuid.uuid4()),
            applicant_name="钱七",
            applicant_phone="13700137000",
            applicant_id_number=None,
            matter=LegalAidMatter.WAGE_ARREARS,
            special_groups=[],
            description="拖欠工资三个月",
            household_size=3,
            monthly_household_income="1500",
            org_unit_id=world.units["legal"].id,
        ),
    )
    # A notice received and the person met in the month, help given.
    record = await notice(world, ahead=0, received_on=LAST.first_day + 3 * DAY)
    await meet(
        at(world, "officer_a", noon(LAST.first_day + 3 * DAY)), record, LAST.first_day + 3 * DAY
    )
    await help_given(world, record.id, LAST.first_day + 5 * DAY)


async def help_given(world: World, record_id: int, on: date, when: datetime | None = None) -> None:
    await care.record_help(
        at(world, "officer_a", when or noon(on)),
        client_id=str(uuid.uuid4()),
        record_id=record_id,
        on=on,
        kind=ResettlementHelpKind.HOUSING,
        description="协调廉租房",
    )


async def test_mediation_legal_aid_and_resettlement_figures(world: World) -> None:
    await other_areas_of_last_month(world)
    county = await report.monthly_report(world.call("admin"), world.units["bureau"].id, str(LAST))
    rows = {r.unit_name: r.values for r in county.rows}
    a, centre = rows["东关镇司法所"], rows["青山县法律援助中心"]
    assert of(county, a, "mediation.registered") == 1  # the committee sits under office a
    assert of(county, a, "mediation.category_neighbor") == 1
    assert of(county, a, "mediation.high_risk") == 1
    assert of(county, centre, "legal_aid.applications") == 1
    assert of(county, a, "resettlement.notices") == 1
    assert of(county, a, "resettlement.received") == 1
    assert of(county, a, "resettlement.picked_up") == 1
    assert of(county, a, "resettlement.help_housing") == 1
    assert of(county, a, "resettlement.in_assistance_end") == 1
    assert of(county, county.total, "resettlement.help_housing") == 1
    # The month before holds none of it.
    before = await report.monthly_report(world.call("admin"), world.units["bureau"].id, str(BEFORE))
    assert of(before, before.total, "resettlement.notices") == 0
    assert of(before, before.total, "mediation.registered") == 0


async def test_a_frozen_month_is_not_changed_by_later_records_and_a_correction_is_version_2(
    world: World,
) -> None:
    await other_areas_of_last_month(world)
    bureau = world.units["bureau"].id
    head = at(world, "supervisor_bureau", LAST.ends_at)
    # The last moment of the month: not over yet.
    with pytest.raises(BadInput) as bad:
        await report.submit_monthly_report(
            at(world, "supervisor_bureau", LAST.ends_at - timedelta(seconds=1)),
            bureau,
            str(LAST),
            None,
        )
    assert bad.value.reason == "MONTH_NOT_OVER"
    submitted = await report.submit_monthly_report(head, bureau, str(LAST), None)
    assert submitted.frozen is not None and submitted.frozen.version == 1
    entry = await AuditEntry.get(action="monthly_report.submit")
    assert entry.summary["sha256"] == submitted.frozen.sha256
    assert report.sha256_of(submitted.frozen.figures) == submitted.frozen.sha256
    key = "resettlement.help_housing"
    assert of(submitted, submitted.total, key) == 1
    # Later, help given during that month is entered: the month computes to 2 now...
    record_id = (await notice(world, ahead=0, received_on=LAST.first_day)).id
    await meet(world.call("officer_a"), await _record(record_id), LAST.first_day)
    await help_given(world, record_id, LAST.last_day, when=datetime.now().astimezone())
    unit = submitted.unit
    live = await report.compute(unit, LAST, datetime.now().astimezone())
    assert live["total"][key] == 2
    # ...but the submitted month does not change.
    frozen = await report.monthly_report(world.call("supervisor_bureau"), bureau, str(LAST))
    assert frozen.frozen is not None and frozen.frozen.sha256 == submitted.frozen.sha256
    assert of(frozen, frozen.total, key) == 1
    # A correction needs a reason, and is version 2 with the new figure.
    with pytest.raises(BadInput) as bad:
        await report.submit_monthly_report(world.call("supervisor_bureau"), bureau, str(LAST), " ")
    assert bad.value.reason == "REPORT_CORRECTION_REASON"
    corrected = await report.submit_monthly_report(
        world.call("supervisor_bureau"), bureau, str(LAST), "补录月末帮扶记录"
    )
    assert corrected.frozen is not None and corrected.frozen.version == 2
    assert of(corrected, corrected.total, key) == 2
    assert corrected.frozen.reason == "补录月末帮扶记录"
    assert [v.version for v in corrected.versions] == [1, 2]
    assert await AuditEntry.filter(action="monthly_report.submit").count() == 2


async def _record(record_id: int) -> Any:
    from api.models.resettlement import ResettlementRecord

    return await ResettlementRecord.get(id=record_id)


async def test_only_the_unit_head_submits(world: World) -> None:
    bureau = world.units["bureau"].id
    with pytest.raises(Forbidden):  # not a supervisor
        await report.submit_monthly_report(world.call("officer_a"), bureau, str(LAST), None)
    with pytest.raises(Forbidden):  # the admin reads but does not submit
        await report.submit_monthly_report(world.call("admin"), bureau, str(LAST), None)
    with pytest.raises(NotFound):  # another county's head
        await report.submit_monthly_report(
            world.call("supervisor_bureau_x"), bureau, str(LAST), None
        )
    with pytest.raises(NotFound):  # the centre's head is not the bureau's
        await report.submit_monthly_report(world.call("supervisor"), bureau, str(LAST), None)
    assert await AuditEntry.filter(action="monthly_report.submit").count() == 0


AREA_ZH = {
    "corrections": "社区矫正",
    "mediation": "人民调解",
    "legal_aid": "法律援助",
    "resettlement": "安置帮教",
}
QUERY = """query($unitId: ID!, $month: String!) { monthlyReport(unitId: $unitId, month: $month) {
  month frozen version sha256 columns { key labelZh area } rows { unitName values } total } }"""


async def test_the_xlsx_and_csv_hold_the_figures_of_the_api(
    world: World, gql: GraphQLClient
) -> None:
    await corrections_of_last_month(world)
    await other_areas_of_last_month(world)
    token = world.tokens["admin"]
    bureau = str(world.units["bureau"].id)
    api = (await gql.ok(QUERY, {"unitId": bureau, "month": str(LAST)}, token=token))[
        "monthlyReport"
    ]
    response = await gql.http.get(
        f"/reports/monthly/{bureau}/{LAST}.xlsx", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet is not None
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[1][:4] == ["单位", "青山县司法局", "月份", LAST.chinese()]
    headings = cells[3]
    assert headings[0] == "单位"
    assert headings[1:] == [f"{AREA_ZH[c['area']]}：{c['labelZh']}" for c in api["columns"]]
    body = cells[4:]
    assert [r[0] for r in body[:-1]] == [r["unitName"] for r in api["rows"]]
    assert [r[1:] for r in body[:-1]] == [r["values"] for r in api["rows"]]
    assert body[-1][0] == "合计" and body[-1][1:] == api["total"]
    assert "社区矫正：月末在册" in headings
    # The CSV: the same table.
    text = (
        await gql.http.get(
            f"/reports/monthly/{bureau}/{LAST}.csv", headers={"Authorization": f"Bearer {token}"}
        )
    ).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[1] == [str(h) for h in headings]
    assert [int(v) for v in lines[-1][1:]] == api["total"]
    # Scoped as the query: another county's supervisor gets 404, nobody signed in 401.
    other = await gql.http.get(
        f"/reports/monthly/{bureau}/{LAST}.xlsx",
        headers={"Authorization": f"Bearer {world.tokens['supervisor_bureau_x']}"},
    )
    assert other.status_code == 404
    assert (await gql.http.get(f"/reports/monthly/{bureau}/{LAST}.csv")).status_code == 401


async def test_submit_and_read_over_graphql(world: World, gql: GraphQLClient) -> None:
    token = world.tokens["supervisor_bureau"]
    bureau = str(world.units["bureau"].id)
    data = await gql.ok(
        "mutation($u: ID!, $m: String!) { submitMonthlyReport(unitId: $u, month: $m) {"
        " frozen version sha256 } }",
        {"u": bureau, "m": str(LAST)},
        token=token,
    )
    assert data["submitMonthlyReport"]["frozen"] is True
    assert data["submitMonthlyReport"]["version"] == 1
    read = await gql.ok(QUERY, {"unitId": bureau, "month": str(LAST)}, token=token)
    assert read["monthlyReport"]["sha256"] == data["submitMonthlyReport"]["sha256"]
    series = await gql.ok(
        "query($u: ID!, $f: String!, $t: String!) {"
        " monthlyReports(unitId: $u, fromMonth: $f, toMonth: $t) { month frozen } }",
        {"u": bureau, "f": str(BEFORE), "t": str(LAST)},
        token=token,
    )
    assert [(m["month"], m["frozen"]) for m in series["monthlyReports"]] == [
        (str(BEFORE), False),
        (str(LAST), True),
    ]
