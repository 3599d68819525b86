"""The first administrator and the demo data of `make run`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from api.domain.accounts import activation, org_units, sign_in, users
from api.domain.common.call import Call, Viewer
from api.domain.common.validators import resident_id_check_char
from api.domain.corrections import check_ins, ending, enrolment, intervals
from api.domain.legal_aid import decisions, eligibility, requests
from api.domain.mediation import disputes, visits
from api.domain.resettlement import account as resettlement_account
from api.domain.resettlement import care, records
from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.enums import (
    CheckInKind,
    CorrectionType,
    DisputeCategory,
    LegalAidMatter,
    LegalAidStatus,
    OrgUnitKind,
    PartyRole,
    ResettlementHelpKind,
    RiskLevel,
    Role,
    SpecialGroup,
    SupervisionLevel,
    VisitOutcome,
)
from api.models.legal_aid import HardshipStandard, LegalAidRequest
from api.models.mediation import Dispute, MediationVisit
from api.models.supervision import CheckInIntervalStandard

# Work done from the command line, not by a signed-in person: an
# administrator of the whole tree, recorded in the audit log as "system".
SYSTEM = Viewer(
    id=0,
    username="system",
    display_name="system",
    role=Role.ADMIN,
    org_unit_id=None,
    unit_path=None,
    locale="zh-CN",
)

DEMO_PASSWORD = "sifasuo-demo-2026"  # noqa: S105  (printed in the README on purpose)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role
    unit: str | None
    phone: str | None = None


# The offices are the bureau's outposts; the county correction centre sits
# beside them and entrusts them with daily corrections work (社区矫正法 Art. 9).
DEMO_UNITS: list[tuple[str, OrgUnitKind, str | None]] = [
    ("青山县司法局", OrgUnitKind.JUSTICE_BUREAU, None),
    ("青山县社区矫正中心", OrgUnitKind.CORRECTION_CENTER, "青山县司法局"),
    ("东关镇司法所", OrgUnitKind.JUSTICE_OFFICE, "青山县司法局"),
    ("西河乡司法所", OrgUnitKind.JUSTICE_OFFICE, "青山县司法局"),
    ("东关镇人民调解委员会", OrgUnitKind.MEDIATION_COMMITTEE, "东关镇司法所"),
    ("青山县法律援助中心", OrgUnitKind.LEGAL_AID_CENTER, "青山县司法局"),
]

DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount("admin", "王建国", Role.ADMIN, "青山县司法局"),
    DemoAccount("supervisor", "李秀英", Role.SUPERVISOR, "青山县社区矫正中心"),
    DemoAccount("bureau", "周敏", Role.SUPERVISOR, "青山县司法局"),
    DemoAccount("officer", "张伟", Role.OFFICER, "东关镇司法所", phone="13800138001"),
    DemoAccount("officer2", "刘洋", Role.OFFICER, "西河乡司法所"),
    DemoAccount("mediator", "陈静", Role.MEDIATOR, "东关镇人民调解委员会"),
    DemoAccount("legalaid", "杨帆", Role.LEGAL_AID_STAFF, "青山县法律援助中心"),
    DemoAccount("lawyer", "赵磊", Role.LAWYER, "青山县法律援助中心"),
    DemoAccount("applicant", "孙丽", Role.APPLICANT, None),
]


def _demo_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


@dataclass(frozen=True)
class DemoPerson:
    full_name: str
    id_number: str
    level: SupervisionLevel
    correction_type: CorrectionType
    # Days before now that the person was enrolled (入矫).
    enrolled_days_ago: int
    # The account the person activates, and days-ago of the self-reports made.
    username: str | None = None
    check_in_days_ago: tuple[int, ...] = ()


DEMO_PERSONS: list[DemoPerson] = [
    DemoPerson(
        "周强",
        _demo_id("22010219880512031"),
        SupervisionLevel.NORMAL,
        CorrectionType.PROBATION,
        enrolled_days_ago=20,
        username="person",
        check_in_days_ago=(16, 3),
    ),
    # STRICT, enrolled long ago and never reported: first in the caseload.
    DemoPerson(
        "吴刚",
        _demo_id("22010219920918057"),
        SupervisionLevel.STRICT,
        CorrectionType.PAROLE,
        enrolled_days_ago=40,
    ),
]


def system_call(call: Call) -> Call:
    return Call(settings=call.settings, viewer=SYSTEM, ip=call.ip, now=call.now)


async def create_admin(call: Call, username: str, password: str) -> User:
    return await users.create_user(
        system_call(call),
        username=username,
        display_name=username,
        password=password,
        role=Role.ADMIN,
        org_unit_id=None,
        locale="zh-CN",
    )


async def seed_demo(call: Call, *, if_empty: bool = False) -> bool:
    """Create what is missing of the demo data; False when nothing was."""
    if if_empty and await User.exists():
        return False
    system = system_call(call)
    units: dict[str, OrgUnit] = {}
    created = False
    for name, kind, parent in DEMO_UNITS:
        unit = await OrgUnit.get_or_none(name=name)
        if unit is None:
            unit = await org_units.create_org_unit(
                system, name, kind, units[parent].id if parent else None
            )
            created = True
        units[name] = unit
    for account in DEMO_ACCOUNTS:
        if await User.exists(username=account.username):
            continue
        await users.create_user(
            system,
            username=account.username,
            display_name=account.display_name,
            password=DEMO_PASSWORD,
            role=account.role,
            org_unit_id=units[account.unit].id if account.unit else None,
            locale="zh-CN",
            phone=account.phone,
        )
        created = True
    created = await _seed_intervals(call, units["青山县司法局"]) or created
    created = await _seed_persons(call, units["东关镇司法所"]) or created
    created = await _seed_casework(call, units) or created
    created = await _seed_resettlement(call, units) or created
    return created


async def _seed_intervals(call: Call, bureau: OrgUnit) -> bool:
    """The county's self-report intervals by grade (a demo figure: the
    province or county sets the real ones), from the day the law took effect."""
    start = date(2020, 7, 1)
    if await CheckInIntervalStandard.exists(org_unit_id=bureau.id, effective_from=start):
        return False
    await intervals.set_check_in_intervals(system_call(call), bureau.id, start, 7, 14, 30)
    return True


# A made-up residence for the demo persons, and where their reports are made
# from: about 1.2 km north of it (api/domain/corrections/places.py).
DEMO_RESIDENCE = (43.8800, 125.3500)
DEMO_CHECK_IN_PLACE = (43.8908, 125.3500)


async def _seed_persons(call: Call, office: OrgUnit) -> bool:
    """The demo caseload of 东关镇司法所, made through the same rules as real work."""
    officer = await User.get(username="officer")
    as_officer = Call(settings=call.settings, viewer=sign_in.viewer_of(officer, office))
    created = False
    for demo in DEMO_PERSONS:
        if await SupervisedPerson.exists(id_number=demo.id_number):
            continue
        enrolled = await enrolment.enroll_person(
            replace(as_officer, now=call.now - timedelta(days=demo.enrolled_days_ago)),
            full_name=demo.full_name,
            id_number=demo.id_number,
            phone=None,
            correction_type=demo.correction_type,
            supervision_level=demo.level,
            term_start=(call.now - timedelta(days=demo.enrolled_days_ago)).date(),
            term_end=date(call.now.year + 2, 1, 1),
            org_unit_id=office.id,
            officer_id=officer.id,
            check_in_interval_days=None,
            residence_latitude=DEMO_RESIDENCE[0],
            residence_longitude=DEMO_RESIDENCE[1],
        )
        created = True
        if demo.username is None or await User.exists(username=demo.username):
            continue
        # Activated on the day of intake, while the code is fresh.
        as_person = Call(settings=call.settings, now=enrolled.person.enrolled_at)
        await activation.activate_account(
            as_person, enrolled.activation_code, demo.username, DEMO_PASSWORD
        )
        for days_ago in demo.check_in_days_ago:
            moment = call.now - timedelta(days=days_ago)
            await check_ins.submit_check_in(
                replace(as_person, now=moment),
                client_id=str(uuid.uuid4()),
                person_id=None,
                kind=CheckInKind.SELF_REPORT,
                captured_at=moment,
                latitude_deg=DEMO_CHECK_IN_PLACE[0],
                longitude_deg=DEMO_CHECK_IN_PLACE[1],
                accuracy=20.0,
                note="按时报到",
            )
    return created


def _demo_client_id(name: str) -> str:
    """A fixed clientId per demo record, so seeding again replays instead of adding."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://sifasuo.invalid/demo/{name}"))


async def _as(call: Call, username: str, units: dict[str, OrgUnit]) -> Call:
    user = await User.get(username=username)
    unit = next((u for u in units.values() if u.id == user.org_unit_id), None)
    return Call(settings=call.settings, viewer=sign_in.viewer_of(user, unit), now=call.now)


async def _seed_casework(call: Call, units: dict[str, OrgUnit]) -> bool:
    """A hardship standard, two disputes with a visit, two legal-aid requests."""
    created = False
    bureau = units["青山县司法局"]
    if not await HardshipStandard.exists(org_unit_id=bureau.id, effective_from=date(2026, 1, 1)):
        await eligibility.set_hardship_standard(
            system_call(call), bureau.id, Decimal("1850.00"), date(2026, 1, 1)
        )
        created = True

    mediator = await _as(call, "mediator", units)
    committee = units["东关镇人民调解委员会"]
    demo_disputes: list[
        tuple[str, str, DisputeCategory, str, RiskLevel, list[disputes.PartyInput]]
    ] = [
        (
            "dispute-1",
            "宅基地边界纠纷",
            DisputeCategory.LAND,
            "两户因宅基地边界发生争执，双方情绪激动，曾有推搡。",
            RiskLevel.HIGH,
            [
                disputes.PartyInput("张大山", PartyRole.APPLICANT, "13800138001"),
                disputes.PartyInput("李二河", PartyRole.RESPONDENT),
            ],
        ),
        (
            "dispute-2",
            "邻里噪音纠纷",
            DisputeCategory.NEIGHBOR,
            "楼上住户夜间噪音影响休息，协商未果。",
            RiskLevel.LOW,
            [
                disputes.PartyInput("王小梅", PartyRole.APPLICANT),
                disputes.PartyInput("赵铁柱", PartyRole.RESPONDENT),
            ],
        ),
    ]
    registered: list[Dispute] = []
    for key, title, category, description, risk, parties in demo_disputes:
        created = created or not await Dispute.exists(client_id=_demo_client_id(key))
        registered.append(
            await disputes.register_dispute(
                mediator,
                client_id=_demo_client_id(key),
                title=title,
                category=category,
                description=description,
                risk_level=risk,
                parties=parties,
                org_unit_id=committee.id,
                mediator_id=None,
            )
        )
    if not await MediationVisit.exists(client_id=_demo_client_id("visit-1")):
        await visits.log_visit(
            mediator,
            client_id=_demo_client_id("visit-1"),
            dispute_id=registered[0].id,
            visited_at=call.now - timedelta(days=1),
            participants=["张大山", "李二河", "村委会主任"],
            summary="现场查看边界，分别听取双方意见，约定三日后再次协商。",
            outcome=VisitOutcome.IN_PROGRESS,
            next_follow_up_at=call.now + timedelta(days=2),
        )
        created = True

    applicant = await _as(call, "applicant", units)
    centre = units["青山县法律援助中心"]
    demo_requests = [
        ("request-1", LegalAidMatter.WAGE_ARREARS, [SpecialGroup.MIGRANT_WORKER], 3, "4200.00"),
        ("request-2", LegalAidMatter.MARRIAGE_FAMILY, [SpecialGroup.WOMAN], 2, "3000.00"),
    ]
    submitted: list[LegalAidRequest] = []
    for key, matter, groups, size, income in demo_requests:
        created = created or not await LegalAidRequest.exists(client_id=_demo_client_id(key))
        submitted.append(
            await requests.submit_request(
                applicant,
                requests.RequestInput(
                    client_id=_demo_client_id(key),
                    applicant_name="孙丽",
                    applicant_phone="13900139000",
                    applicant_id_number=None,
                    matter=matter,
                    special_groups=groups,
                    description="用人单位拖欠工资三个月。"
                    if matter is LegalAidMatter.WAGE_ARREARS
                    else "离婚纠纷，需要律师代理。",
                    household_size=size,
                    monthly_household_income=income,
                    org_unit_id=centre.id,
                    # Art. 42: the exemption of the migrant worker's claim
                    # rests on the evidence named.
                    exemption_evidence="劳动合同、工资欠条"
                    if matter is LegalAidMatter.WAGE_ARREARS
                    else None,
                ),
            )
        )
    if submitted[0].status == LegalAidStatus.SUBMITTED:
        staff = await _as(call, "legalaid", units)
        await decisions.decide(
            staff,
            submitted[0].id,
            True,
            "进城务工人员追索劳动报酬，免予核查经济困难状况，予以援助。",
        )
        created = True
    return created


# A released person in 东关镇司法所's care who asked for an account (安置帮教).
DEMO_RELEASED = ("郑华", _demo_id("33010219850615031"), "released")


async def _seed_resettlement(call: Call, units: dict[str, OrgUnit]) -> bool:
    """The prison's notice, the meeting on release and a help record, made by
    the office's officer; the person's account from the code issued at their
    request."""
    full_name, id_number, username = DEMO_RELEASED
    if await User.exists(username=username):
        return False
    office = units["东关镇司法所"]
    as_officer = await _as(call, "officer", units)
    today = ending.today(call)
    record = await records.register_release_notice(
        as_officer,
        full_name=full_name,
        id_number=id_number,
        phone="13900139001",
        prison="省第一监狱",
        expected_release_on=today - timedelta(days=10),
        offence="盗窃罪",
        prison_risk_assessment=None,
        risk_grade=RiskLevel.MEDIUM,
        org_unit_id=office.id,
        officer_id=None,
        notice_received_on=today - timedelta(days=40),
    )
    await care.record_reception(
        as_officer,
        client_id=_demo_client_id("resettlement-reception"),
        record_id=record.id,
        met=True,
        on=today - timedelta(days=10),
        met_by="张伟、家属",
        place="监狱门口",
        picked_up=True,
        released_on=None,
        note=None,
    )
    await care.record_help(
        as_officer,
        client_id=_demo_client_id("resettlement-help"),
        record_id=record.id,
        on=today - timedelta(days=5),
        kind=ResettlementHelpKind.EMPLOYMENT,
        description="介绍到镇上工厂就业",
    )
    issued = await resettlement_account.issue_account_code(
        as_officer, record.id, person_requested=True
    )
    await activation.activate_account(
        Call(settings=call.settings, now=call.now), issued.code, username, DEMO_PASSWORD
    )
    return True
