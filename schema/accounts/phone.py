"""Text messages for one's own account (additions to the contract): prove a number, stop texts."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.domain.accounts import phone
from api.domain.common import scope
from api.models.accounts import User
from schema.common.context import Info


@strawberry.type(description="Whether notices may also reach this account by text message.")
class TextMessages:
    available: bool = strawberry.field(description="The server has a text-message provider.")
    phone: str | None = strawberry.field(description="The proven number, masked (138****0000).")
    verified_at: datetime | None
    account_phone: str | None = strawberry.field(
        description="The number the account was given at sign-up or activation, in full: "
        "one's own, so that a form asking for a phone starts from it."
    )

    @classmethod
    def of(cls, info: Info, user: User) -> TextMessages:
        number = user.sms_phone if user.sms_phone_verified_at is not None else None
        return cls(
            available=bool(info.context.call.settings.sms_provider),
            phone=phone.masked(number) if number else None,
            verified_at=user.sms_phone_verified_at if number else None,
            account_phone=user.phone,
        )


@strawberry.type
class PhoneCheckSent:
    phone: str = strawberry.field(description="Where the code went, masked.")
    expires_at: datetime


@strawberry.type
class PhoneQuery:
    @strawberry.field(description="One's own text-message settings.")
    async def text_messages(self, info: Info) -> TextMessages:
        viewer = scope.require_viewer(info.context.call)
        return TextMessages.of(info, await User.get(id=viewer.id))


@strawberry.type
class PhoneMutation:
    @strawberry.mutation(
        description="Texts a 6-digit code to the number; confirm it to receive texts."
    )
    async def request_phone_check(self, info: Info, phone_number: str) -> PhoneCheckSent:
        masked, expires = await phone.request_code(info.context.call, phone_number)
        return PhoneCheckSent(phone=masked, expires_at=expires)

    @strawberry.mutation(description="The code that was texted: the number now receives notices.")
    async def confirm_phone_check(self, info: Info, code: str) -> TextMessages:
        return TextMessages.of(info, await phone.confirm_code(info.context.call, code))

    @strawberry.mutation(description="No more texts to this account; notices go by push only.")
    async def stop_text_messages(self, info: Info) -> TextMessages:
        return TextMessages.of(info, await phone.stop_texts(info.context.call))
