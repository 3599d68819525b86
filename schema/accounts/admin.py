"""Accounts on an administrator's phone, and one's own password (additions to the contract)."""

from __future__ import annotations

import strawberry

from api.domain.accounts import admin, passwords
from api.domain.common.paging import IdPosition
from api.models.enums import Role
from schema.accounts.types import OrgUnitType, UserType
from schema.common.context import Info
from schema.common.ids import require_id
from schema.common.pagination import Connection, connection, decode_cursor, page_size


@strawberry.type
class ManagedAccount:
    id: strawberry.ID
    username: str
    display_name: str
    role: Role
    active: bool
    two_step_enabled: bool
    open_sessions: int = strawberry.field(description="Sessions not ended and not expired.")
    org_unit: OrgUnitType | None

    @classmethod
    def of(cls, row: admin.AccountRow) -> ManagedAccount:
        u = row.user
        return cls(
            id=strawberry.ID(str(u.id)),
            username=u.username,
            display_name=u.display_name,
            role=Role(u.role),
            active=u.is_active,
            two_step_enabled=u.totp_enabled_at is not None,
            open_sessions=row.open_sessions,
            org_unit=OrgUnitType.of(u.org_unit) if u.org_unit is not None else None,
        )


@strawberry.input
class AccountsFilter:
    search: str | None = strawberry.field(default=None, description="In the username or name.")
    role: Role | None = None
    active: bool | None = None


@strawberry.type
class AdminQuery:
    @strawberry.field(description="ADMIN: the accounts of its units, newest first.")
    async def accounts(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: AccountsFilter | None = None,
    ) -> Connection[ManagedAccount]:
        f = filter or AccountsFilter()
        page = await admin.accounts(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, IdPosition),
            search=f.search,
            role=f.role,
            active=f.active,
        )
        return connection(page, [ManagedAccount.of(r) for r in page.rows])


@strawberry.type
class AdminMutation:
    @strawberry.mutation(description="ADMIN: ends every session of an account (a lost phone).")
    async def end_account_sessions(self, info: Info, user_id: strawberry.ID) -> int:
        return await admin.end_sessions(info.context.call, require_id(user_id, "userId"))

    @strawberry.mutation(
        description="ADMIN: clears an account's second factor and recovery codes and ends its "
        "sessions; the account enrols again at its next sign-in."
    )
    async def reset_two_step(self, info: Info, user_id: strawberry.ID) -> UserType:
        user = await admin.reset_two_factor(info.context.call, require_id(user_id, "userId"))
        return UserType.of(user)

    @strawberry.mutation(
        description="One's own password; every other session of the account ends. "
        "Returns how many did."
    )
    async def change_password(self, info: Info, current_password: str, new_password: str) -> int:
        return await passwords.change_password(info.context.call, current_password, new_password)
