"""Accounts: usernames and languages, staff accounts, and the accounts read by id."""

from __future__ import annotations

import re
from collections.abc import Collection

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from api.domain.common import audit, scope, sql
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.messages import LOCALES
from api.domain.common.secrets import check_password_rules, hash_password
from api.domain.common.validators import mobile_phone, proper_name
from api.models.accounts import OrgUnit, User
from api.models.enums import OrgUnitKind, Role

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.@-]{2,63}$")

# The kind of unit each staff role belongs to.
ROLE_UNIT_KINDS: dict[Role, frozenset[OrgUnitKind]] = {
    Role.ADMIN: frozenset(OrgUnitKind),
    Role.SUPERVISOR: frozenset({OrgUnitKind.CORRECTION_CENTER, OrgUnitKind.JUSTICE_BUREAU}),
    Role.OFFICER: frozenset({OrgUnitKind.JUSTICE_OFFICE}),
    Role.MEDIATOR: frozenset({OrgUnitKind.MEDIATION_COMMITTEE, OrgUnitKind.JUSTICE_OFFICE}),
    Role.LEGAL_AID_STAFF: frozenset({OrgUnitKind.LEGAL_AID_CENTER}),
    Role.LAWYER: frozenset({OrgUnitKind.LEGAL_AID_CENTER}),
}


def normalise_username(username: str) -> str:
    return username.strip().lower()


def check_username(username: str, field: str = "username") -> str:
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise BadInput("USERNAME_FORMAT", field=field)
    return name


def check_locale(locale: str | None, field: str = "locale") -> str:
    if locale is None:
        return LOCALES[0]
    if locale not in LOCALES:
        raise BadInput("LOCALE_UNKNOWN", field=field, locales=", ".join(LOCALES))
    return locale


async def create_user(
    call: Call,
    *,
    username: str,
    display_name: str,
    password: str,
    role: Role,
    org_unit_id: int | None,
    locale: str | None,
    phone: str | None = None,
) -> User:
    scope.require_role(call, {Role.ADMIN})
    name = check_username(username)
    # A staff member's work phone: the supervised persons of an officer see
    # it, to call when they cannot report (api/domain/corrections).
    work_phone = mobile_phone(phone, "phone") if phone else None
    display = proper_name(display_name, "displayName", max_len=100)
    check_password_rules(password)
    lang = check_locale(locale)
    if role in (Role.SUPERVISED_PERSON, Role.RELEASED_PERSON):
        raise BadInput("ROLE_BY_ACTIVATION", field="role")
    unit = None
    viewer = scope.require_viewer(call)
    # Only an administrator of the whole tree may make another one.
    whole_tree_admin = role is Role.ADMIN and viewer.unit_path is None
    if role in ROLE_UNIT_KINDS and org_unit_id is None and not whole_tree_admin:
        raise BadInput("STAFF_UNIT_REQUIRED", field="orgUnitId")
    if org_unit_id is not None:
        if not await scope.unit_in_scope(call, org_unit_id):
            raise BadInput("UNIT_UNKNOWN", field="orgUnitId")
        unit = await OrgUnit.get(id=org_unit_id)
        allowed = ROLE_UNIT_KINDS.get(role, frozenset())
        if unit.kind not in allowed:
            raise BadInput("ROLE_UNIT_KIND", field="orgUnitId", role=role, kind=unit.kind)
    password_hash = hash_password(call.settings, password)
    try:
        async with in_transaction():
            user = await User.create(
                username=name,
                display_name=display,
                role=role,
                org_unit=unit,
                locale=lang,
                password_hash=password_hash,
                phone=work_phone,
            )
            await audit.record(
                call,
                "user.create",
                target_type="User",
                target_id=user.id,
                summary={"username": name, "role": role, "orgUnitId": org_unit_id},
            )
    except IntegrityError as exc:
        raise Conflict("USERNAME_TAKEN", field="username") from exc
    return user


# Reached from a row the viewer already may see (a person's officer, a
# dispute's mediator), so read without a scope of its own.


async def users_by_id(ids: Collection[int]) -> list[User]:
    return await sql.by_ids(User, ids)


async def get_user(user_id: int) -> User | None:
    return await User.get_or_none(id=user_id)
