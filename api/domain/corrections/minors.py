"""Minors under correction (社区矫正法 Art. 52-58).

Who is a minor case: a person under 18 when the term started. 法 Art. 58
keeps a minor under the minors' rules after turning 18 during correction
(「在社区矫正期间年满十八周岁的，继续按照未成年人社区矫正有关规定执行」), so
the answer is decided once, at enrolment, from the ID number's birth date
and the term start, and never recomputed. The statute speaks of a minor
*under correction*, not of the age at the offence (the issue's wording): a
person who offended at 17 and starts the term at 19 is not a minor case.

Identity is confidential (法 Art. 54): a minor's name is shown masked (张**),
the phone and the guardian and school not at all, to every viewer but

- the assigned officer,
- the staff a supervisor designated for the case (MinorCaseStaff: a list
  per person, so each person's circle is named and audited, rather than
  every supervisor of the office knowing every minor),
- the person, on their own record.

Every read of a full record is audited already (persons.read_person), a
minor's as any other. Notice texts carry no name for anyone
(api/domain/notices/notices.py).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict, Forbidden
from api.domain.common.validators import mobile_phone, proper_name, text
from api.domain.corrections import persons
from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.enums import OrgUnitKind, Role
from api.models.minors import MinorCaseStaff, MinorDetails

# 民法典 Art. 17: 十八周岁以上的自然人为成年人.
ADULT_AGE = 18
GUARDIAN_NAME_MAX = 50
GUARDIAN_RELATION_MAX = 20
SCHOOL_MAX = 100
MASK = "**"
# Staff who may be designated to know a minor's identity.
DESIGNABLE = frozenset({Role.OFFICER, Role.SUPERVISOR})


def birth_date(id_number: str) -> date:
    """The birth date digits 7-14 of a resident ID (GB 11643) carry."""
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def birthday(born: date, age: int) -> date:
    """The `age`-th birthday; one born on 29 February has it on the 28th in a
    common year (a month without the day ends on its last day, as periods in
    months are counted)."""
    year = born.year + age
    day = min(born.day, calendar.monthrange(year, born.month)[1])
    return date(year, born.month, day)


def minor_at_start(id_number: str, term_start: date) -> bool:
    """Under 18 on the day the term starts.

    周岁 counts from the day after the birthday (最高人民法院《关于审理未成年人
    刑事案件具体应用法律若干问题的解释》第二条: 「周岁…从周岁生日的第二天起算」):
    on the 18th birthday itself the person is still under 18.
    """
    return term_start <= birthday(birth_date(id_number), ADULT_AGE)


def mask_name(name: str) -> str:
    """The first character and a fixed mask, e.g. 张**: the length is not told."""
    return name[:1] + MASK


@dataclass(frozen=True)
class Details:
    guardian_name: str | None = None
    guardian_relation: str | None = None
    guardian_phone: str | None = None
    school: str | None = None


def clean_details(details: Details) -> Details:
    """Each field checked; an empty one is no value."""

    def blank(value: str | None) -> bool:
        return value is None or not value.strip()

    return Details(
        guardian_name=None
        if blank(details.guardian_name)
        else proper_name(details.guardian_name, "guardianName", max_len=GUARDIAN_NAME_MAX),
        guardian_relation=None
        if blank(details.guardian_relation)
        else text(details.guardian_relation, "guardianRelation", max_len=GUARDIAN_RELATION_MAX),
        guardian_phone=None
        if blank(details.guardian_phone)
        else mobile_phone(details.guardian_phone, "guardianPhone"),
        school=None
        if blank(details.school)
        else text(details.school, "school", max_len=SCHOOL_MAX),
    )


def refuse_for_adult(person_is_minor: bool, details: Details | None) -> None:
    """Guardian and school are kept for minor cases only (法 Art. 53, 55)."""
    if not person_is_minor and details is not None and details != Details():
        raise BadInput("MINOR_DETAILS_ONLY", field="minor")


async def store_details(call: Call, person: SupervisedPerson, details: Details) -> MinorDetails:
    row, _ = await MinorDetails.update_or_create(
        defaults={
            "guardian_name": details.guardian_name,
            "guardian_relation": details.guardian_relation,
            "guardian_phone": details.guardian_phone,
            "school": details.school,
            "updated_at": call.now,
        },
        person_id=person.id,
    )
    return row


def _audit_fields(details: Details) -> dict[str, bool]:
    # Which fields are set, never their values: the log is read more widely.
    return {
        "guardianName": details.guardian_name is not None,
        "guardianRelation": details.guardian_relation is not None,
        "guardianPhone": details.guardian_phone is not None,
        "school": details.school is not None,
    }


async def set_minor_details(call: Call, person_id: int, details: Details) -> SupervisedPerson:
    """The guardian and the school of a minor case, by the staff who may know them."""
    cleaned = clean_details(details)
    async with in_transaction():
        person = await persons.person_for(call, person_id, persons.STAFF, lock=True)
        if not person.minor_at_start:
            raise BadInput("MINOR_DETAILS_ONLY", field="personId")
        if not await may_know_identity(call, person):
            raise Forbidden("MINOR_IDENTITY_RESTRICTED")
        await store_details(call, person, cleaned)
        await audit.record(
            call,
            "person.set_minor_details",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary=_audit_fields(cleaned),
        )
    return person


async def record_at_enrolment(call: Call, person: SupervisedPerson, details: Details) -> None:
    if details != Details():
        await store_details(call, person, details)


# ------------------------------------------------------------ who may know


async def designated_among(call: Call, person_ids: list[int]) -> set[int]:
    """The persons among `person_ids` the viewer is designated for, in one query."""
    viewer = call.viewer
    if viewer is None or not person_ids:
        return set()
    ids = await MinorCaseStaff.filter(user_id=viewer.id, person_id__in=person_ids).values_list(
        "person_id", flat=True
    )
    return {int(i) for i in ids}  # type: ignore[call-overload]


def knows_identity(viewer: Viewer | None, person: SupervisedPerson, designated: bool) -> bool:
    """The rule of 法 Art. 54 for one person, given whether the viewer is designated."""
    if not person.minor_at_start:
        return True
    if viewer is None:
        return False
    if viewer.role is Role.SUPERVISED_PERSON:
        return person.account_id == viewer.id
    return person.officer_id == viewer.id or designated


async def may_know_identity(call: Call, person: SupervisedPerson) -> bool:
    designated = person.id in await designated_among(call, [person.id])
    return knows_identity(call.viewer, person, designated)


async def _designation_target(
    call: Call, person_id: int, user_id: int
) -> tuple[SupervisedPerson, User]:
    viewer = scope.require_role(call, {Role.SUPERVISOR})
    person = await persons.person_for(call, person_id, frozenset({viewer.role}), lock=True)
    if not person.minor_at_start:
        raise Conflict("DESIGNATION_MINORS_ONLY")
    user = await User.get_or_none(id=user_id, is_active=True)
    unit = await OrgUnit.get(id=person.org_unit_id)
    if user is None or Role(user.role) not in DESIGNABLE or user.org_unit_id is None:
        raise BadInput("NOT_CORRECTIONS_STAFF", field="userId")
    user_unit = await OrgUnit.get(id=user.org_unit_id)
    # The account must already reach the person's office by its own
    # corrections scope (scope.area_root: a centre's supervisors the county).
    root = scope.area_root(
        scope.Area.CORRECTIONS, Role(user.role), OrgUnitKind(user_unit.kind), user_unit.path
    )
    if root is None or not unit.path.startswith(root):
        raise BadInput("STAFF_NOT_OF_OFFICE", field="userId")
    return person, user


async def designate_staff(call: Call, person_id: int, user_id: int) -> SupervisedPerson:
    """A supervisor names a staff account that may know a minor's identity (法 Art. 54)."""
    async with in_transaction():
        person, user = await _designation_target(call, person_id, user_id)
        try:
            async with in_transaction():
                await MinorCaseStaff.create(
                    person_id=person.id,
                    user_id=user.id,
                    designated_by_id=scope.require_viewer(call).id,
                    designated_at=call.now,
                )
        except IntegrityError:
            return person  # already designated: nothing changes
        await audit.record(
            call,
            "person.designate_minor_staff",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"userId": user.id},
        )
    return person


async def remove_staff(call: Call, person_id: int, user_id: int) -> SupervisedPerson:
    async with in_transaction():
        person, user = await _designation_target(call, person_id, user_id)
        removed = await MinorCaseStaff.filter(person_id=person.id, user_id=user.id).delete()
        if removed:
            await audit.record(
                call,
                "person.remove_minor_staff",
                target_type="SupervisedPerson",
                target_id=person.id,
                summary={"userId": user.id},
            )
    return person


async def staff_of(person_ids: list[int]) -> dict[int, list[int]]:
    """The designated accounts of each person, in one query."""
    found: dict[int, list[int]] = {pid: [] for pid in person_ids}
    rows = await MinorCaseStaff.filter(person_id__in=person_ids).order_by("id")
    for row in rows:
        found[row.person_id].append(row.user_id)
    return found


async def details_of(person_ids: list[int]) -> dict[int, MinorDetails]:
    return {r.person_id: r for r in await MinorDetails.filter(person_id__in=person_ids)}
