"""Org units and accounts: the GraphQL types, inputs and sign-in answer."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.domain.accounts import sign_in
from api.domain.common import scope
from api.domain.common.call import Viewer
from api.domain.common.errors import Forbidden
from api.models import accounts as m
from api.models.enums import OrgUnitKind, Role
from schema.common.context import Info
from schema.common.geo import GeoPoint


@strawberry.type(name="OrgUnit")
class OrgUnitType:
    id: strawberry.ID
    name: str
    kind: OrgUnitKind
    location: GeoPoint | None = strawberry.field(
        description="A justice office's coordinates: check-ins of persons with no "
        "residence recorded are measured from here."
    )
    parent_id: strawberry.Private[int | None]
    path: strawberry.Private[str]

    @classmethod
    def of(cls, unit: m.OrgUnit) -> OrgUnitType:
        return cls(
            id=strawberry.ID(str(unit.id)),
            name=unit.name,
            kind=OrgUnitKind(unit.kind),
            location=GeoPoint.maybe(unit.latitude, unit.longitude, None),
            parent_id=unit.parent_id,
            path=unit.path,
        )

    @strawberry.field
    async def parent(self, info: Info) -> OrgUnitType | None:
        if self.parent_id is None:
            return None
        unit = await info.context.loaders.org_unit_by_id.load(self.parent_id)
        return OrgUnitType.of(unit) if unit else None

    @strawberry.field
    async def children(self, info: Info) -> list[OrgUnitType]:
        rows = await info.context.loaders.org_unit_children.load(int(self.id))
        return [OrgUnitType.of(row) for row in rows]


async def org_unit_of(info: Info, unit_id: int | None) -> OrgUnitType | None:
    if unit_id is None:
        return None
    unit = await info.context.loaders.org_unit_by_id.load(unit_id)
    return OrgUnitType.of(unit) if unit else None


@strawberry.type(name="User")
class UserType:
    id: strawberry.ID
    display_name: str
    role: Role
    locale: str
    org_unit_id: strawberry.Private[int | None]
    login_name: strawberry.Private[str]
    # The account the request is signed in as, or signs in as: a sign-in's
    # answer is made before the request has a viewer.
    own_account: strawberry.Private[bool] = False

    @classmethod
    def of(cls, user: m.User, *, own_account: bool = False) -> UserType:
        return cls(
            id=strawberry.ID(str(user.id)),
            login_name=user.username,
            own_account=own_account,
            display_name=user.display_name,
            role=Role(user.role),
            locale=user.locale,
            org_unit_id=user.org_unit_id,
        )

    @classmethod
    def of_viewer(cls, viewer: Viewer) -> UserType:
        """The signed-in account, from what authentication read of it with the
        session (the same row, in the same statement)."""
        return cls(
            id=strawberry.ID(str(viewer.id)),
            login_name=viewer.username,
            display_name=viewer.display_name,
            role=viewer.role,
            locale=viewer.locale,
            org_unit_id=viewer.org_unit_id,
            own_account=True,
        )

    @strawberry.field(
        description="Shown to staff and to the account itself; FORBIDDEN to anyone else."
    )
    def username(self, info: Info) -> str:
        if self.own_account or scope.may_see_username(info.context.call, int(self.id)):
            return self.login_name
        raise Forbidden("STAFF_NAME_PUBLIC")

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnitType | None:
        return await org_unit_of(info, self.org_unit_id)


async def user_of(info: Info, user_id: int | None) -> UserType | None:
    if user_id is None:
        return None
    user = await info.context.loaders.user_by_id.load(user_id)
    return UserType.of(user) if user else None


@strawberry.type
class LoginPayload:
    token: str
    expires_at: datetime
    viewer: UserType
    mfa_enrolment_required: bool = strawberry.field(
        default=False,
        description="The token is good only for enrolling two-step sign-in "
        "(beginTotpEnrolment, confirmTotpEnrolment); the role requires it.",
    )

    @classmethod
    def of(cls, signed_in: sign_in.SignedIn) -> LoginPayload:
        return cls(
            token=signed_in.token,
            expires_at=signed_in.expires_at,
            viewer=UserType.of(signed_in.user, own_account=True),
            mfa_enrolment_required=signed_in.mfa_pending,
        )


@strawberry.input
class CreateOrgUnitInput:
    name: str
    kind: OrgUnitKind
    parent_id: strawberry.ID | None = None


@strawberry.input
class CreateUserInput:
    username: str
    display_name: str
    password: str
    role: Role
    org_unit_id: strawberry.ID | None = None
    locale: str | None = "zh-CN"
    phone: str | None = strawberry.field(
        default=None, description="A work phone: an officer's supervised persons see it."
    )


@strawberry.input
class SignUpApplicantInput:
    username: str
    display_name: str
    password: str
    phone: str
    locale: str | None = "zh-CN"
