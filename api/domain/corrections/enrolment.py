"""Taking a person under supervision (入矫), and the one-time activation code
the person turns into an account (api/domain/accounts/activation.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from api.domain.common import audit, limits, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.secrets import code_hash, new_code
from api.domain.common.validators import (
    CHINA_TZ,
    int_range,
    mask_resident_id,
    mobile_phone,
    proper_name,
    resident_id,
)
from api.domain.corrections import intervals, minors, places, term_rules
from api.domain.corrections.persons import FULL_NAME_MAX, STAFF, person_for
from api.domain.corrections.schedule import (
    DEFAULT_GRACE_HOURS,
    INTERVAL_DAYS_RANGE,
    plan_schedule,
)
from api.models.accounts import OrgUnit, User
from api.models.corrections import ActivationCode, SupervisedPerson
from api.models.enums import CorrectionType, OrgUnitKind, Role, SupervisionLevel, SupervisionStatus
from api.settings import Rate

ACTIVATION_CODE_LIFETIME = timedelta(days=7)
# The rate-limit counting an account's enrolments refused as already supervised.
DUPLICATE_LIMIT = "enrolmentDuplicate"


@dataclass(frozen=True)
class Enrolled:
    person: SupervisedPerson
    activation_code: str


# The rate limit's name, subject and rate for refusals as already supervised.
Duplicates = tuple[str, str, Rate]


@dataclass(frozen=True)
class Identity:
    """Who is taken in, checked: the details enrolment and a pending intake share."""

    full_name: str
    id_number: str
    phone: str | None
    correction_type: CorrectionType
    term_start: date
    term_end: date
    org_unit_id: int
    officer_id: int | None


async def refuse_if_probing(call: Call, viewer: Viewer) -> Duplicates:
    """RATE_LIMITED once the account's refusals as already supervised are spent;
    the limit's key, for `once_under_supervision` to count the next one."""
    duplicates = (DUPLICATE_LIMIT, f"user:{viewer.id}", call.settings.enrolment_duplicate_rate)
    await limits.refuse_when_spent(call, *duplicates)
    return duplicates


async def checked_identity(
    call: Call,
    viewer: Viewer,
    *,
    full_name: str,
    id_number: str,
    phone: str | None,
    correction_type: CorrectionType,
    term_start: date,
    term_end: date,
    org_unit_id: int,
    officer_id: int | None,
) -> Identity:
    name = proper_name(full_name, "fullName", max_len=FULL_NAME_MAX)
    id_no = resident_id(id_number, "idNumber", today=call.now.astimezone(CHINA_TZ).date())
    phone_no = mobile_phone(phone, "phone") if phone else None
    term_rules.check_term(correction_type, term_start, term_end)
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    unit = await OrgUnit.get(id=org_unit_id)
    if unit.kind != OrgUnitKind.JUSTICE_OFFICE:
        raise BadInput("ENROL_AT_JUSTICE_OFFICE", field="orgUnitId")
    if officer_id is None and viewer.role is Role.OFFICER and viewer.org_unit_id == unit.id:
        officer_id = viewer.id  # the officer who takes the person in is responsible
    if officer_id is not None and not await User.exists(
        id=officer_id, org_unit_id=unit.id, role=Role.OFFICER, is_active=True
    ):
        raise BadInput("NOT_AN_OFFICER_THERE", field="officerId")
    return Identity(
        name,
        id_no,
        phone_no,
        CorrectionType(correction_type),
        term_start,
        term_end,
        unit.id,
        officer_id,
    )


async def check_in_plan(
    call: Call,
    org_unit_id: int,
    supervision_level: SupervisionLevel,
    check_in_interval_days: int | None,
) -> tuple[SupervisionLevel, int]:
    """The level and the self-report interval: the one the officer chose, else
    the grade's interval in force for the office today (a dated table per
    unit, api/domain/corrections/intervals.py)."""
    level = SupervisionLevel(supervision_level)
    if check_in_interval_days is not None:
        return level, int_range(check_in_interval_days, "checkInIntervalDays", *INTERVAL_DAYS_RANGE)
    unit = await OrgUnit.get(id=org_unit_id)
    today = call.now.astimezone(CHINA_TZ).date()
    return level, await intervals.interval_in_force(unit, today, level)


@asynccontextmanager
async def once_under_supervision(
    call: Call, identity: Identity, action: str, duplicates: Duplicates
) -> AsyncIterator[None]:
    """Around the transaction that stores a person: an ID number already under
    supervision is CONFLICT on idNumber, audited and counted (see enroll_person)."""
    try:
        yield
    except IntegrityError as exc:
        # active_id_number is unique: one person is under supervision once.
        await audit.record_refusal(
            call,
            action,
            "conflict",
            summary={"idNumberLast4": identity.id_number[-4:], "orgUnitId": identity.org_unit_id},
        )
        await limits.hit(call, *duplicates)
        raise Conflict("ALREADY_SUPERVISED", field="idNumber") from exc


def _supervision(at: datetime, level: SupervisionLevel, interval: int) -> dict[str, Any]:
    """The columns of a person under active supervision from `at`: the first
    self-report falls due `interval` days after the intake."""
    schedule = plan_schedule(at, None, interval, DEFAULT_GRACE_HOURS)
    return {
        "status": SupervisionStatus.ACTIVE,
        "supervision_level": level,
        "check_in_interval_days": interval,
        "grace_hours": DEFAULT_GRACE_HOURS,
        "enrolled_at": at,
        "last_check_in_at": None,
        "next_due_at": schedule.next_due_at,
        "overdue_at": schedule.overdue_at,
    }


async def create_person(
    call: Call, viewer: Viewer, identity: Identity, **supervision: Any
) -> SupervisedPerson:
    """The person's row, holding the ID number as under supervision (its unique
    index refuses a second one inside the caller's `once_under_supervision`)."""
    return await SupervisedPerson.create(
        # Decided once, here, for the whole term (社区矫正法 Art. 58): see minors.py.
        minor_at_start=minors.minor_at_start(identity.id_number, identity.term_start),
        full_name=identity.full_name,
        id_number=identity.id_number,
        active_id_number=identity.id_number,
        phone=identity.phone,
        correction_type=identity.correction_type,
        term_start=identity.term_start,
        term_end=identity.term_end,
        org_unit_id=identity.org_unit_id,
        officer_id=identity.officer_id,
        enrolled_by_id=viewer.id,
        **supervision,
    )


async def start_supervision(
    call: Call, person: SupervisedPerson, *, at: datetime, level: SupervisionLevel, interval: int
) -> str:
    """A person registered as pending intake becomes ACTIVE from `at`, with the
    first report due and an activation code: the same columns and code as
    `enroll_person` gives. The caller holds the person's row locked."""
    person.update_from_dict(_supervision(at, level, interval))
    await person.save()
    code = new_code()
    await _issue_code(call, person, code)
    return code


async def enroll_person(
    call: Call,
    *,
    full_name: str,
    id_number: str,
    phone: str | None,
    correction_type: CorrectionType,
    supervision_level: SupervisionLevel,
    term_start: date,
    term_end: date,
    org_unit_id: int,
    officer_id: int | None,
    check_in_interval_days: int | None,
    minor: minors.Details | None = None,
    residence_latitude: float | None = None,
    residence_longitude: float | None = None,
) -> Enrolled:
    """Take a person under supervision at a justice office (法 §21, 实施办法 §15-17).

    An ID number already under supervision, in this office or any other, is
    refused (CONFLICT on idNumber): one person is supervised once, and the
    officer needs to know it to ask for a transfer instead. That one fact is
    all the answer tells: not the unit, the officer, the name or the term,
    and the same words wherever the person is. Each such refusal is on the
    audit log with the ID's last four digits only, and counts against the
    account's `enrolment_duplicate_rate`: past it, the account's every
    enrolment is refused (RATE_LIMITED, before any check) until the window
    ends, so ID numbers cannot be tried one after another to find out who is
    supervised. A person whose deciding body's notice came first is taken
    in by api/domain/corrections/intake.py, through the same functions.
    """
    viewer = scope.require_role(call, STAFF)
    duplicates = await refuse_if_probing(call, viewer)
    identity = await checked_identity(
        call,
        viewer,
        full_name=full_name,
        id_number=id_number,
        phone=phone,
        correction_type=correction_type,
        term_start=term_start,
        term_end=term_end,
        org_unit_id=org_unit_id,
        officer_id=officer_id,
    )
    is_minor = minors.minor_at_start(identity.id_number, identity.term_start)
    details = minors.clean_details(minor) if minor is not None else minors.Details()
    minors.refuse_for_adult(is_minor, details)
    # Where check-ins are measured from (places.py); optional, set later too.
    residence = places.residence_point(residence_latitude, residence_longitude)
    level, interval = await check_in_plan(
        call, identity.org_unit_id, supervision_level, check_in_interval_days
    )
    code = new_code()
    # Outside the transaction, so a refused commit is caught as well.
    async with (
        once_under_supervision(call, identity, "person.enroll", duplicates),
        in_transaction(),
    ):
        person = await create_person(
            call,
            viewer,
            identity,
            **_supervision(call.now, level, interval),
            **places.residence_columns(residence),
        )
        await _issue_code(call, person, code)
        await minors.record_at_enrolment(call, person, details)
        await audit.record(
            call,
            "person.enroll",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "idNumberMasked": mask_resident_id(identity.id_number),
                "orgUnitId": identity.org_unit_id,
                "officerId": identity.officer_id,
                "correctionType": identity.correction_type,
                "supervisionLevel": level,
                "intervalDays": interval,
                "minorAtStart": is_minor,
                "hasLocation": residence is not None,
            },
        )
    return Enrolled(person, code)


async def _issue_code(call: Call, person: SupervisedPerson, code: str) -> None:
    await ActivationCode.create(
        person=person,
        code_hash=code_hash(code),
        created_at=call.now,
        expires_at=call.now + ACTIVATION_CODE_LIFETIME,
    )


async def reissue_activation_code(call: Call, person_id: int) -> str:
    """A new one-time code; every earlier unused code stops working."""
    code = new_code()
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        if person.account_id is not None:
            raise Conflict("ALREADY_ACTIVATED")
        if person.status == SupervisionStatus.PENDING_INTAKE:
            # The code is handed over at the intake (confirmIntake), not before.
            raise Conflict("INTAKE_NOT_CONFIRMED")
        await ActivationCode.filter(person_id=person.id, used_at=None, voided_at=None).update(
            voided_at=call.now
        )
        await _issue_code(call, person, code)
        await audit.record(
            call, "person.reissue_code", target_type="SupervisedPerson", target_id=person.id
        )
    return code
