"""Sign-in, sign-out, sign-up, and making org units and accounts."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.domain.accounts import activation, org_units, sign_in, users
from api.models.enums import OrgUnitKind, Role
from schema.accounts.types import (
    CreateOrgUnitInput,
    CreateUserInput,
    LoginPayload,
    OrgUnitType,
    SignUpApplicantInput,
    UserType,
)
from schema.common.context import Info
from schema.common.ids import parse_id


@strawberry.type
class AccountsMutation:
    @strawberry.mutation
    async def login(
        self,
        info: Info,
        username: str,
        password: str,
        otp: Annotated[
            str | None,
            strawberry.argument(
                description="The authenticator app's code or a recovery code, once enrolled."
            ),
        ] = None,
    ) -> LoginPayload:
        return LoginPayload.of(await sign_in.login(info.context.call, username, password, otp))

    @strawberry.mutation(description="Revokes the token in use.")
    async def logout(self, info: Info) -> bool:
        return await sign_in.logout(info.context.call)

    @strawberry.mutation
    async def sign_up_applicant(self, info: Info, input: SignUpApplicantInput) -> LoginPayload:
        signed_in = await activation.sign_up_applicant(
            info.context.call,
            username=input.username,
            display_name=input.display_name,
            password=input.password,
            phone=input.phone,
            locale=input.locale,
        )
        return LoginPayload.of(signed_in)

    @strawberry.mutation
    async def create_org_unit(self, info: Info, input: CreateOrgUnitInput) -> OrgUnitType:
        unit = await org_units.create_org_unit(
            info.context.call,
            input.name,
            OrgUnitKind(input.kind),
            parse_id(input.parent_id, "parentId"),
        )
        return OrgUnitType.of(unit)

    @strawberry.mutation
    async def create_user(self, info: Info, input: CreateUserInput) -> UserType:
        user = await users.create_user(
            info.context.call,
            username=input.username,
            display_name=input.display_name,
            password=input.password,
            role=Role(input.role),
            org_unit_id=parse_id(input.org_unit_id, "orgUnitId"),
            locale=input.locale,
            phone=input.phone,
        )
        return UserType.of(user)
