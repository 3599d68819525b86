"""Two-step sign-in for staff (additions to the contract): TOTP enrolment and removal."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.domain.accounts import two_factor
from schema.common.context import Info


@strawberry.type
class TotpEnrolment:
    secret: str = strawberry.field(description="Base32, for typing into an authenticator app.")
    otpauth_uri: str = strawberry.field(description="otpauth:// URI, for a QR code.")


@strawberry.type
class TwoFactorMutation:
    @strawberry.mutation(
        description="A new TOTP secret, shown this once; it takes effect on confirmation. "
        "Replacing one that is on needs a current code of it."
    )
    async def begin_totp_enrolment(
        self,
        info: Info,
        code: Annotated[
            str | None,
            strawberry.argument(
                description="A current code (or a recovery code) of the factor that is on."
            ),
        ] = None,
    ) -> TotpEnrolment:
        enrolment = await two_factor.begin_enrolment(info.context.call, code)
        return TotpEnrolment(secret=enrolment.secret, otpauth_uri=enrolment.otpauth_uri)

    @strawberry.mutation(
        description="Turns the TOTP secret on with a first code; returns the one-time "
        "recovery codes, shown only here."
    )
    async def confirm_totp_enrolment(self, info: Info, code: str) -> list[str]:
        return await two_factor.confirm_enrolment(info.context.call, code)

    @strawberry.mutation(
        description="Turns two-step sign-in off with a current code; refused for roles "
        "that require it."
    )
    async def disable_totp(self, info: Info, code: str) -> bool:
        return await two_factor.disable(info.context.call, code)
