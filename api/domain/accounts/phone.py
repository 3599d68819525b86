"""Proving a phone number before notices go to it by text.

A number typed at enrolment or sign-up may be mistyped or someone else's,
and a notice texted there would tell a stranger that the account's owner is
under supervision or asked for legal aid. So texts go only to `sms_phone`,
which is set when the code sent to the number comes back:

    await request_code(call, "138 0000 0000")   # queues a text with 6 digits
    await confirm_code(call, "123456")          # the number is the account's

A code lives CODE_TTL, is stored only as a hash bound to the account and the
number, and allows MAX_TRIES guesses; the account may ask for
`phone_check_rate` codes (5 a day by default), each one ending the ones
before it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from api.domain.common import audit, limits, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.secrets import same
from api.domain.common.validators import ascii_digits, mobile_phone
from api.domain.notices import notices, sms
from api.models.accounts import User
from api.models.sms import PhoneCheck

CODE_TTL = timedelta(minutes=10)
CODE_DIGITS = 6
MAX_TRIES = 5


def masked(phone: str) -> str:
    """138****0000: enough for the owner to recognise, not enough to call."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else "****"


def _hash(user_id: int, phone: str, code: str) -> str:
    return hashlib.sha256(f"{user_id}:{phone}:{code}".encode()).hexdigest()


async def _account(call: Call) -> User:
    viewer = scope.require_viewer(call)
    return await User.get(id=viewer.id)


async def request_code(call: Call, raw_phone: object) -> tuple[str, datetime]:
    """Text a code to the number; the masked number and when the code expires."""
    user = await _account(call)
    phone = mobile_phone(raw_phone, "phone")
    if not call.settings.sms_provider:
        raise Conflict("SMS_OFF")
    await limits.hit(call, "phone_check", str(user.id), call.settings.phone_check_rate)
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    expires = call.now + CODE_TTL
    text = notices.render("phone.check", user.locale or "zh-CN", {"code": code})
    async with in_transaction():
        # A new code ends the ones before it: only the latest may be used.
        await PhoneCheck.filter(user_id=user.id, confirmed_at=None).update(expires_at=call.now)
        queued = await sms.queue(
            call.settings,
            user,
            phone,
            sms.text_of(text.title, text.body),
            purpose="phone_check",
            now=call.now,
        )
        if queued is None:
            raise Conflict("SMS_DAILY_CAP")
        await PhoneCheck.create(
            user_id=user.id,
            phone=phone,
            code_hash=_hash(user.id, phone, code),
            created_at=call.now,
            expires_at=expires,
        )
        await audit.record(
            call,
            "phone.check_sent",
            target_type="User",
            target_id=user.id,
            summary={"phone": masked(phone)},
        )
    return masked(phone), expires


async def confirm_code(call: Call, code: str) -> User:
    """The number of the latest code becomes the account's number for texts."""
    user = await _account(call)
    given = code.strip()
    async with in_transaction():
        check = (
            await PhoneCheck.filter(user_id=user.id, confirmed_at=None, expires_at__gt=call.now)
            .order_by("-created_at")
            .select_for_update()
            .first()
        )
        if check is None:
            raise BadInput("PHONE_CODE_NONE", field="code")
        if check.attempts >= MAX_TRIES:
            raise BadInput("PHONE_CODE_TRIES", field="code")
        good = (
            len(given) == CODE_DIGITS
            and ascii_digits(given)
            and same(check.code_hash, _hash(user.id, check.phone, given))
        )
        if not good:
            check.attempts += 1
            await check.save(update_fields=["attempts"])
    if not good:
        # Outside the transaction above, so the counted try stays counted.
        raise BadInput("PHONE_CODE_WRONG", field="code", left=MAX_TRIES - check.attempts)
    async with in_transaction():
        check.confirmed_at = call.now
        await check.save(update_fields=["confirmed_at"])
        user.sms_phone = check.phone
        user.sms_phone_verified_at = call.now
        await user.save(update_fields=["sms_phone", "sms_phone_verified_at"])
        await audit.record(
            call,
            "phone.verified",
            target_type="User",
            target_id=user.id,
            summary={"phone": masked(check.phone)},
        )
    return user


async def stop_texts(call: Call) -> User:
    """No more texts to this account (push only)."""
    user = await _account(call)
    async with in_transaction():
        user.sms_phone = None
        user.sms_phone_verified_at = None
        await user.save(update_fields=["sms_phone", "sms_phone_verified_at"])
        await audit.record(call, "phone.texts_stopped", target_type="User", target_id=user.id)
    return user
