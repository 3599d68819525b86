"""Making an account and opening its first session: a supervised person's from
the activation code of intake, an applicant's by signing up.
"""

from __future__ import annotations

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


async def activate_account(call: Call, code: str, username: str, password: str) -> SignedIn:
    """The person turns the code from intake into an account on a phone; once only."""
    name = check_username(username)
    check_password_rules(password)
    found = await ActivationCode.get_or_none(code_hash=code_hash(code))
    if found is None or found.used_at or found.voided_at or found.expires_at <= call.now:
        raise _invalid_code()
    password_hash = hash_password(call.settings, password)
    try:
        async with in_transaction():
            # Marking the code used is the guard: of two concurrent activations
            # only one changes the row.
            claimed = await ActivationCode.filter(
                id=found.id, used_at=None, voided_at=None, expires_at__gt=call.now
            ).update(used_at=call.now)
            if not claimed:
                raise _invalid_code()
            person = await SupervisedPerson.select_for_update().get(id=found.person_id)
            if person.account_id is not None:
                raise _invalid_code()
            unit = await OrgUnit.get(id=person.org_unit_id)
            user = await User.create(
                username=name,
                display_name=person.full_name,
                role=Role.SUPERVISED_PERSON,
                # The office's unit, so the person's own actions are in its audit scope.
                org_unit=unit,
                locale="zh-CN",
                password_hash=password_hash,
                phone=person.phone,
            )
            person.account = user
            await person.save(update_fields=["account_id"])
            await ActivationCode.filter(person_id=person.id, used_at=None, voided_at=None).update(
                voided_at=call.now
            )
            signed_in = await open_session(call, user)
            call.viewer = viewer_of(user, unit)
            await audit.record(
                call,
                "person.activate",
                target_type="SupervisedPerson",
                target_id=person.id,
                summary={"username": name},
            )
    except IntegrityError as exc:
        raise Conflict("USERNAME_TAKEN", field="username") from exc
    return signed_in
