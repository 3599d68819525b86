"""Making an account and opening its first session: a supervised person's from
the activation code of intake, a released person's from the code the
resettlement officer issued at their request, an applicant's by signing up.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from api.domain.accounts.sign_in import SignedIn, open_session, viewer_of
from api.domain.accounts.users import check_locale, check_username
from api.domain.common import audit
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.secrets import check_password_rules, code_hash, hash_password
from api.domain.common.validators import mobile_phone, proper_name
from api.models.accounts import OrgUnit, User
from api.models.corrections import ActivationCode, SupervisedPerson
from api.models.enums import Role
from api.models.resettlement import ResettlementActivationCode, ResettlementRecord


async def sign_up_applicant(
    call: Call, *, username: str, display_name: str, password: str, phone: str, locale: str | None
) -> SignedIn:
    name = check_username(username)
    display = proper_name(display_name, "displayName", max_len=100)
    check_password_rules(password)
    phone_number = mobile_phone(phone, "phone")
    lang = check_locale(locale)
    password_hash = hash_password(call.settings, password)
    try:
        async with in_transaction():
            user = await User.create(
                username=name,
                display_name=display,
                role=Role.APPLICANT,
                locale=lang,
                password_hash=password_hash,
                phone=phone_number,
            )
            signed_in = await open_session(call, user)
            await audit.record(call, "user.sign_up", target_type="User", target_id=user.id)
    except IntegrityError as exc:
        raise Conflict("USERNAME_TAKEN", field="username") from exc
    return signed_in


def _invalid_code() -> BadInput:
    # Made on a refusal only: one answer for a code unknown, used, void or expired.
    return BadInput("ACTIVATION_CODE_INVALID", field="code")


@dataclass(frozen=True)
class _Holder:
    """Whose codes these are: a supervised person's (corrections) or a released
    person's (resettlement). Both rows have a name, a phone, an office and a
    nullable account, so one activation serves them."""

    codes: type[ActivationCode] | type[ResettlementActivationCode]
    subjects: type[SupervisedPerson] | type[ResettlementRecord]
    subject_key: str
    role: Role
    action: str


_HOLDERS = (
    _Holder(
        ActivationCode, SupervisedPerson, "person_id", Role.SUPERVISED_PERSON, "person.activate"
    ),
    _Holder(
        ResettlementActivationCode,
        ResettlementRecord,
        "record_id",
        Role.RELEASED_PERSON,
        "resettlement.activate",
    ),
)


async def _code_of(hashed: str) -> tuple[_Holder, ActivationCode | ResettlementActivationCode]:
    for holder in _HOLDERS:
        found = await holder.codes.get_or_none(code_hash=hashed)
        if found is not None:
            return holder, found
    raise _invalid_code()


async def activate_account(call: Call, code: str, username: str, password: str) -> SignedIn:
    """The person turns a one-time code into an account on a phone; once only.
    The code from intake makes a supervised person's, the code a resettlement
    officer issued at a released person's request a released person's."""
    name = check_username(username)
    check_password_rules(password)
    holder, found = await _code_of(code_hash(code))
    if found.used_at or found.voided_at or found.expires_at <= call.now:
        raise _invalid_code()
    subject_id = getattr(found, holder.subject_key)
    password_hash = hash_password(call.settings, password)
    try:
        async with in_transaction():
            # Marking the code used is the guard: of two concurrent activations
            # only one changes the row.
            claimed = await holder.codes.filter(
                id=found.id, used_at=None, voided_at=None, expires_at__gt=call.now
            ).update(used_at=call.now)
            if not claimed:
                raise _invalid_code()
            subject = await holder.subjects.select_for_update().get(id=subject_id)
            if subject.account_id is not None:
                raise _invalid_code()
            unit = await OrgUnit.get(id=subject.org_unit_id)
            user = await User.create(
                username=name,
                display_name=subject.full_name,
                role=holder.role,
                # The office's unit, so the person's own actions are in its audit scope.
                org_unit=unit,
                locale="zh-CN",
                password_hash=password_hash,
                phone=subject.phone,
            )
            subject.account = user
            await subject.save(update_fields=["account_id"])
            await holder.codes.filter(
                **{holder.subject_key: subject.id}, used_at=None, voided_at=None
            ).update(voided_at=call.now)
            signed_in = await open_session(call, user)
            call.viewer = viewer_of(user, unit)
            await audit.record(
                call,
                holder.action,
                target_type=type(subject).__name__,
                target_id=subject.id,
                summary={"username": name},
            )
    except IntegrityError as exc:
        raise Conflict("USERNAME_TAKEN", field="username") from exc
    return signed_in
