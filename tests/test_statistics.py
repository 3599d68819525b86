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
from api.domain.mediation import disputes, sources
from api.domain.resettlement import care
from api.domain.statistics import report
from api.domain.statistics.month import Month
from api.models.agreements import AgreementForm, ConfirmationStatus, MediationAgreement
from api.models.audit import AuditEntry
from api.models.consultations import Consultation, ConsultationCategory, ConsultationChannel
from api.models.enums import (
    CorrectionType,
    DisputeCategory,
    LegalAidMatter,
    PartyRole,
    ResettlementHelpKind,
    RiskLevel,
    SupervisionLevel,
)
from api.models.leave import LeaveKind, LeaveLevel, LeaveRequest, LeaveStatus
from api.models.mediation import Dispute
from api.models.mediation_sources import (
    DisputeSourceKind,
    ScreeningCampaign,
    ScreeningKind,
    ScreeningReport,
)
from api.models.sanctions import Sanction, SanctionMeasure, SanctionStatus
from tests.conftest import GraphQLClient, QueryCounter, World
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


# ------------------------------------------------------------------ the records' own figures
# Each kind is written at the month's edges, in China time: the last second
# before it starts, its first second, its last second and the next month's
# first second; the two inside count.


def edges(month: Month) -> list[datetime]:
    second = timedelta(seconds=1)
    return [month.starts_at - second, month.starts_at, month.ends_at - second, month.ends_at]


def edge_days(month: Month) -> list[date]:
    return [month.first_day - DAY, month.first_day, month.last_day, month.next().first_day]


async def county_of(world: World, month: Month = LAST) -> report.Report:
    return await report.monthly_report(world.call("admin"), world.units["bureau"].id, str(month))


async def sanction(
    world: World,
    person_id: int,
    measure: SanctionMeasure,
    on: date | None,
    status: SanctionStatus = SanctionStatus.APPROVED,
) -> None:
    await Sanction.create(
        person_id=person_id,
        measure=measure,
        suggested_measure=measure,
        facts="未按规定报告",
        status=status,
        proposed_by_id=world.users["officer_a"].id,
        proposed_at=noon(BEFORE.first_day),
        decided_by_id=None if on is None else world.users["supervisor"].id,
        decided_at=None if on is None else noon(on),
        decided_on=on,
    )


async def leave(
    world: World,
    person_id: int,
    decided_at: datetime | None,
    status: LeaveStatus = LeaveStatus.APPROVED,
    kind: LeaveKind = LeaveKind.LEAVE,
) -> None:
    await LeaveRequest.create(
        client_id=str(uuid.uuid4()),
        person_id=person_id,
        kind=kind,
        starts_on=LAST.last_day,
        ends_on=None if kind is LeaveKind.RESIDENCE_CHANGE else LAST.last_day + 3 * DAY,
        destination="省城",
        reason="就医",
        days=None if kind is LeaveKind.RESIDENCE_CHANGE else 4,
        level=LeaveLevel.OFFICE,
        status=status,
        captured_at=noon(BEFORE.first_day),
        requested_by_id=world.users["officer_a"].id,
        requested_at=noon(BEFORE.first_day),
        decided_by_id=None if decided_at is None else world.users["officer_a"].id,
        decided_at=decided_at,
    )


async def test_corrections_sanctions_by_measure_and_leaves_approved(world: World) -> None:
    far = LAST.first_day + timedelta(days=400)
    p = await enrol_at(world, noon(BEFORE.first_day), term_end=far)
    q = await enrol_at(world, noon(BEFORE.first_day), unit="b", term_end=far)
    for day in edge_days(LAST):
        await sanction(world, p, SanctionMeasure.ADMONITION, day)
    await sanction(world, p, SanctionMeasure.WARNING, LAST.last_day)
    # Refused, or not decided yet: no sanction of the month.
    await sanction(
        world, p, SanctionMeasure.REVOCATION_PROPOSAL, LAST.first_day, SanctionStatus.REFUSED
    )
    await sanction(world, p, SanctionMeasure.WARNING, None, SanctionStatus.PROPOSED)
    await sanction(world, q, SanctionMeasure.REVOCATION_PROPOSAL, LAST.first_day)
    for moment in edges(LAST):
        await leave(world, p, moment)
    inside = LAST.starts_at + 3 * DAY
    await leave(world, p, inside, LeaveStatus.RETURNED)  # approved, since back
    await leave(world, p, inside, LeaveStatus.REFUSED)
    await leave(world, p, None, LeaveStatus.PENDING)
    await leave(world, q, inside, kind=LeaveKind.RESIDENCE_CHANGE)
    county = await county_of(world)
    rows = {r.unit_name: r.values for r in county.rows}
    a, b = rows["东关镇司法所"], rows["西河乡司法所"]
    assert of(county, a, "corrections.sanction_admonition") == 2
    assert of(county, a, "corrections.sanction_warning") == 1
    assert of(county, a, "corrections.sanction_revocation_proposal") == 0
    assert of(county, b, "corrections.sanction_revocation_proposal") == 1
    assert of(county, a, "corrections.leave_approved") == 3
    assert of(county, a, "corrections.residence_change_approved") == 0
    assert of(county, b, "corrections.residence_change_approved") == 1
    assert of(county, county.total, "corrections.sanction_admonition") == 2
    assert of(county, county.total, "corrections.leave_approved") == 3
    # The months either side hold the edges left out.
    before, after = await county_of(world, BEFORE), await county_of(world, this_month())
    assert of(before, before.total, "corrections.sanction_admonition") == 1
    assert of(before, before.total, "corrections.leave_approved") == 1
    assert of(after, after.total, "corrections.sanction_admonition") == 1
    assert of(after, after.total, "corrections.leave_approved") == 1
    labels = {c.key: (c.figure.zh, c.figure.en) for c in county.columns}
    assert labels["corrections.sanction_warning"] == ("本月决定警告", "Sanctions decided: warning")


async def dispute_at(
    world: World, when: datetime, source: sources.SourceInput | None = None
) -> Dispute:
    return await disputes.register_dispute(
        at(world, "mediator_a", when),
        client_id=str(uuid.uuid4()),
        title="宅基地纠纷",
        category=DisputeCategory.LAND,
        description="两户争执。",
        risk_level=RiskLevel.LOW,
        parties=[
            disputes.PartyInput("甲", PartyRole.APPLICANT),
            disputes.PartyInput("乙", PartyRole.RESPONDENT),
        ],
        org_unit_id=world.units["committee_a"].id,
        mediator_id=None,
        source=source,
    )


POLICE = sources.SourceInput(
    kind=DisputeSourceKind.POLICE,
    referring_body="青山县公安局东关派出所",
    reference_number="东公调12号",
)


async def agreement(
    world: World,
    effective_on: date | None,
    confirmation: ConfirmationStatus | None = None,
    ruled_on: date | None = None,
) -> None:
    dispute = await dispute_at(world, noon(BEFORE.first_day))
    await MediationAgreement.create(
        client_id=str(uuid.uuid4()),
        dispute_id=dispute.id,
        form=AgreementForm.WRITTEN,
        facts="排水沟堵塞",
        responsibilities="双方各半",
        agreed_at=noon(BEFORE.first_day),
        effective_at=None if effective_on is None else noon(effective_on),
        effective_on=effective_on,
        recorded_by_id=world.users["mediator_a"].id,
        recorded_at=noon(BEFORE.first_day),
        confirmation_status=confirmation,
        confirmation_ruled_on=ruled_on,
    )


async def screening_report(world: World, filed_at: datetime, zero: bool) -> None:
    campaign = await ScreeningCampaign.create(
        title="春节前矛盾纠纷排查",
        kind=ScreeningKind.CONCENTRATED,
        focus="土地、婚姻家庭",
        starts_on=BEFORE.first_day,
        ends_on=LAST.last_day,
        report_due_on=LAST.last_day,
        org_unit_id=world.units["a"].id,
        started_by_id=world.users["officer_a"].id,
        started_at=noon(BEFORE.first_day),
    )
    await ScreeningReport.create(
        client_id=str(uuid.uuid4()),
        campaign_id=campaign.id,
        org_unit_id=world.units["committee_a"].id,
        villages_covered=["东关村"],
        zero_report=zero,
        filed_by_id=world.users["mediator_a"].id,
        filed_at=filed_at,
    )


async def test_mediation_sources_agreements_confirmations_and_screening(world: World) -> None:
    for moment in edges(LAST):
        await dispute_at(world, moment)  # the parties applied
    await dispute_at(world, LAST.ends_at - timedelta(seconds=1), POLICE)
    for day in edge_days(LAST):
        await agreement(world, day)
    await agreement(world, None)  # not in effect yet
    # Confirmed in the month, of an agreement in effect the month before.
    await agreement(world, BEFORE.first_day, ConfirmationStatus.CONFIRMED, LAST.last_day)
    await agreement(world, BEFORE.first_day, ConfirmationStatus.CONFIRMED, LAST.next().first_day)
    await agreement(world, BEFORE.first_day, ConfirmationStatus.NOT_CONFIRMED, LAST.first_day)
    moments = edges(LAST)
    for moment, zero in zip(moments, (False, True, False, True), strict=True):
        await screening_report(world, moment, zero)
    county = await county_of(world)
    a = {r.unit_name: r.values for r in county.rows}["东关镇司法所"]
    assert of(county, a, "mediation.source_application") == 2
    assert of(county, a, "mediation.source_police") == 1
    assert of(county, a, "mediation.source_committee_initiative") == 0
    # Every dispute registered has one source.
    sources_sum = sum(
        of(county, a, f"mediation.source_{k.value.lower()}") for k in DisputeSourceKind
    )
    assert sources_sum == of(county, a, "mediation.registered") == 3
    assert of(county, a, "mediation.agreements_effective") == 2
    assert of(county, a, "mediation.judicially_confirmed") == 1
    assert of(county, a, "mediation.screening_reports") == 2
    assert of(county, a, "mediation.screening_zero_reports") == 1
    assert of(county, county.total, "mediation.judicially_confirmed") == 1
    before = await county_of(world, BEFORE)
    # The month before: its last second's dispute, the agreements it saw take effect.
    assert of(before, before.total, "mediation.source_application") == 1 + 8
    assert of(before, before.total, "mediation.agreements_effective") == 1 + 3
    assert of(before, before.total, "mediation.screening_reports") == 1
    after = await county_of(world, this_month())
    assert of(after, after.total, "mediation.judicially_confirmed") == 1
    assert of(after, after.total, "mediation.screening_zero_reports") == 1
    labels = {c.key: (c.figure.zh, c.figure.en) for c in county.columns}
    assert labels["mediation.source_police"] == ("来源：公安移送", "Source: Referred by the police")


async def consultation(
    world: World,
    asked_at: datetime,
    category: ConsultationCategory = ConsultationCategory.LABOR,
    channel: ConsultationChannel = ConsultationChannel.PHONE,
    unit: str = "legal",
) -> None:
    await Consultation.create(
        client_id=str(uuid.uuid4()),
        channel=channel,
        category=category,
        org_unit_id=world.units[unit].id,
        asker_name="周八",
        question="工资被拖欠怎么办？",
        recorded_by_id=world.users["staff"].id,
        asked_at=asked_at,
        received_at=asked_at,
    )


async def test_legal_aid_consultations_by_category_and_channel(world: World) -> None:
    for moment in edges(LAST):
        await consultation(world, moment)
    inside = LAST.starts_at + 5 * DAY
    await consultation(
        world, inside, ConsultationCategory.MARRIAGE_FAMILY, ConsultationChannel.ONLINE
    )
    await consultation(
        world, inside, ConsultationCategory.OTHER, ConsultationChannel.WALK_IN, unit="a"
    )
    county = await county_of(world)
    rows = {r.unit_name: r.values for r in county.rows}
    centre, a = rows["青山县法律援助中心"], rows["东关镇司法所"]
    assert of(county, centre, "legal_aid.consultations") == 3
    assert of(county, centre, "legal_aid.consultation_labor") == 2
    assert of(county, centre, "legal_aid.consultation_marriage_family") == 1
    assert of(county, centre, "legal_aid.consultation_phone") == 2
    assert of(county, centre, "legal_aid.consultation_online") == 1
    assert of(county, a, "legal_aid.consultation_walk_in") == 1
    assert of(county, county.total, "legal_aid.consultations") == 4
    assert of(county, county.total, "legal_aid.consultation_other") == 1
    before, after = await county_of(world, BEFORE), await county_of(world, this_month())
    assert of(before, before.total, "legal_aid.consultation_labor") == 1
    assert of(after, after.total, "legal_aid.consultation_phone") == 1
    labels = {c.key: (c.figure.zh, c.figure.en) for c in county.columns}
    assert labels["legal_aid.consultation_labor"] == ("咨询：劳动", "Consulted: Labour")


async def test_the_months_statements_do_not_grow_with_its_records(
    world: World, count_queries: type[QueryCounter]
) -> None:
    far = LAST.first_day + timedelta(days=400)
    person = await enrol_at(world, noon(BEFORE.first_day), term_end=far)
    inside = LAST.starts_at + 3 * DAY
    bureau = world.units["bureau"]

    async def add(n: int) -> None:
        for _ in range(n):
            await sanction(world, person, SanctionMeasure.WARNING, LAST.first_day + DAY)
            await leave(world, person, inside)
            await dispute_at(world, inside)
            await agreement(world, LAST.first_day, ConfirmationStatus.CONFIRMED, LAST.last_day)
            await screening_report(world, inside, zero=False)
            await consultation(world, inside)

    async def statements() -> int:
        with count_queries() as counter:
            await report.compute(bureau, LAST, datetime.now().astimezone())
        return counter.count

    await add(2)
    few = await statements()
    await add(18)
    many = await statements()
    assert many == few
    total = (await report.compute(bureau, LAST, datetime.now().astimezone()))["total"]
    for key in (
        "corrections.sanction_warning",
        "corrections.leave_approved",
        "mediation.registered",
        "mediation.judicially_confirmed",
        "mediation.screening_reports",
        "legal_aid.consultations",
    ):
        assert total[key] == 20, key
