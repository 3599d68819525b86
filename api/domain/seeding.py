"""The first administrator and the demo data of `make run`."""

from __future__ import annotations

from dataclasses import dataclass

from api.domain import accounts
from api.domain.call import Call, Viewer
from api.models.accounts import OrgUnit, User
from api.models.enums import OrgUnitKind, Role

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
    return created
