"""The first administrator and the demo data of `make run`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from api.domain import accounts, corrections
from api.domain.call import Call, Viewer
from api.domain.validators import resident_id_check_char
from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.enums import (
    CheckInKind,
    CorrectionType,
    OrgUnitKind,
    Role,
    SupervisionLevel,
)

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


DEMO_UNITS: list[tuple[str, OrgUnitKind, str | None]] = [
    ("青山县司法局", OrgUnitKind.JUSTICE_BUREAU, None),
    ("青山县社区矫正中心", OrgUnitKind.CORRECTION_CENTER, "青山县司法局"),
    ("东关镇司法所", OrgUnitKind.JUSTICE_OFFICE, "青山县社区矫正中心"),
    ("西河乡司法所", OrgUnitKind.JUSTICE_OFFICE, "青山县社区矫正中心"),
    ("东关镇人民调解委员会", OrgUnitKind.MEDIATION_COMMITTEE, "东关镇司法所"),
    ("青山县法律援助中心", OrgUnitKind.LEGAL_AID_CENTER, "青山县司法局"),
]

DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount("admin", "王建国", Role.ADMIN, "青山县司法局"),
    DemoAccount("supervisor", "李秀英", Role.SUPERVISOR, "青山县社区矫正中心"),
    DemoAccount("officer", "张伟", Role.OFFICER, "东关镇司法所"),
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
    return await accounts.create_user(
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
            unit = await accounts.create_org_unit(
                system, name, kind, units[parent].id if parent else None
            )
            created = True
        units[name] = unit
    for account in DEMO_ACCOUNTS:
        if await User.exists(username=account.username):
            continue
        await accounts.create_user(
            system,
            username=account.username,
            display_name=account.display_name,
            password=DEMO_PASSWORD,
            role=account.role,
            org_unit_id=units[account.unit].id if account.unit else None,
            locale="zh-CN",
        )
        created = True
    created = await _seed_persons(call, units["东关镇司法所"]) or created
    return created


async def _seed_persons(call: Call, office: OrgUnit) -> bool:
    """The demo caseload of 东关镇司法所, made through the same rules as real work."""
    officer = await User.get(username="officer")
    as_officer = Call(settings=call.settings, viewer=accounts.viewer_of(officer, office))
    created = False
    for demo in DEMO_PERSONS:
        if await SupervisedPerson.exists(id_number=demo.id_number):
            continue
        enrolled = await corrections.enroll_person(
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
        )
        created = True
        if demo.username is None or await User.exists(username=demo.username):
            continue
        # Activated on the day of intake, while the code is fresh.
        as_person = Call(settings=call.settings, now=enrolled.person.enrolled_at)
        await corrections.activate_account(
            as_person, enrolled.activation_code, demo.username, DEMO_PASSWORD
        )
        for days_ago in demo.check_in_days_ago:
            moment = call.now - timedelta(days=days_ago)
            await corrections.submit_check_in(
                replace(as_person, now=moment),
                client_id=str(uuid.uuid4()),
                person_id=None,
                kind=CheckInKind.SELF_REPORT,
                captured_at=moment,
                latitude_deg=None,
                longitude_deg=None,
                accuracy=None,
                note="按时报到",
            )
    return created
