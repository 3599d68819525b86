"""Taking a person under supervision (入矫), and the one-time activation code
the person turns into an account (api/domain/accounts/activation.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from api.domain.common import audit, limits, scope
from api.domain.common.call import Call
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
from api.domain.corrections import intervals
from api.domain.corrections.persons import FULL_NAME_MAX, STAFF, person_for
from api.domain.corrections.schedule import (
    DEFAULT_GRACE_HOURS,
    INTERVAL_DAYS_RANGE,
    plan_schedule,
)
from api.models.accounts import OrgUnit, User
from api.models.corrections import ActivationCode, SupervisedPerson
from api.models.enums import CorrectionType, OrgUnitKind, Role, SupervisionLevel, SupervisionStatus

ACTIVATION_CODE_LIFETIME = timedelta(days=7)
# The rate-limit counting an account's enrolments refused as already supervised.
DUPLICATE_LIMIT = "enrolmentDuplicate"


@dataclass(frozen=True)
class Enrolled:
    person: SupervisedPerson
    activation_code: str


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
    supervised.
    """
    viewer = scope.require_role(call, STAFF)
    duplicates = (DUPLICATE_LIMIT, f"user:{viewer.id}", call.settings.enrolment_duplicate_rate)
    await limits.refuse_when_spent(call, *duplicates)
    name = proper_name(full_name, "fullName", max_len=FULL_NAME_MAX)
    id_no = resident_id(id_number, "idNumber", today=call.now.astimezone(CHINA_TZ).date())
    phone_no = mobile_phone(phone, "phone") if phone else None
    if term_end <= term_start:
        raise BadInput("The term must end after it starts.", field="termEnd")
    level = SupervisionLevel(supervision_level)
    chosen = None
    if check_in_interval_days is not None:
        chosen = int_range(check_in_interval_days, "checkInIntervalDays", *INTERVAL_DAYS_RANGE)
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("Org unit")
    unit = await OrgUnit.get(id=org_unit_id)
    if unit.kind != OrgUnitKind.JUSTICE_OFFICE:
        raise BadInput("Persons are enrolled at a justice office.", field="orgUnitId")
    # The grade's interval in force for this office today, unless the officer chose one.
    today = call.now.astimezone(CHINA_TZ).date()
    interval = chosen or await intervals.interval_in_force(unit, today, level)
    if officer_id is None and viewer.role is Role.OFFICER and viewer.org_unit_id == unit.id:
        officer_id = viewer.id  # the officer who takes the person in is responsible
    if officer_id is not None and not await User.exists(
        id=officer_id, org_unit_id=unit.id, role=Role.OFFICER, is_active=True
    ):
        raise BadInput("Not an officer of that justice office.", field="officerId")
    schedule = plan_schedule(call.now, None, interval, DEFAULT_GRACE_HOURS)
    code = new_code()
    try:
        async with in_transaction():
            person = await SupervisedPerson.create(
                full_name=name,
                id_number=id_no,
                active_id_number=id_no,
                phone=phone_no,
                correction_type=correction_type,
                supervision_level=level,
                status=SupervisionStatus.ACTIVE,
                term_start=term_start,
                term_end=term_end,
                org_unit_id=unit.id,
                officer_id=officer_id,
                check_in_interval_days=interval,
                grace_hours=DEFAULT_GRACE_HOURS,
                enrolled_at=call.now,
                enrolled_by_id=viewer.id,
                last_check_in_at=None,
                next_due_at=schedule.next_due_at,
                overdue_at=schedule.overdue_at,
            )
            await _issue_code(call, person, code)
            await audit.record(
                call,
                "person.enroll",
                target_type="SupervisedPerson",
                target_id=person.id,
                summary={
                    "idNumberMasked": mask_resident_id(id_no),
                    "orgUnitId": unit.id,
                    "officerId": officer_id,
                    "correctionType": correction_type,
                    "supervisionLevel": level,
                    "intervalDays": interval,
                },
            )
    except IntegrityError as exc:
        # active_id_number is unique: one person is under supervision once.
        await audit.record_refusal(
            call,
            "person.enroll",
            "conflict",
            summary={"idNumberLast4": id_no[-4:], "orgUnitId": unit.id},
        )
        await limits.hit(call, *duplicates)
        raise Conflict(
            "This person is already under supervision. Ask a supervisor about a transfer.",
            field="idNumber",
        ) from exc
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
            raise Conflict("The person has already activated an account.")
        await ActivationCode.filter(person_id=person.id, used_at=None, voided_at=None).update(
            voided_at=call.now
        )
        await _issue_code(call, person, code)
        await audit.record(
            call, "person.reissue_code", target_type="SupervisedPerson", target_id=person.id
        )
    return code
