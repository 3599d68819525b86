"""The viewer and the viewer's org units."""

from __future__ import annotations

import strawberry

from api.domain.accounts import org_units
from schema.accounts.types import OrgUnitType, UserType
from schema.common.context import Info


@strawberry.type
class AccountsQuery:
    @strawberry.field(description="Null when not signed in.")
    def viewer(self, info: Info) -> UserType | None:
        viewer = info.context.call.viewer
        return UserType.of_viewer(viewer) if viewer else None

    @strawberry.field
    async def org_units(self, info: Info) -> list[OrgUnitType]:
        return [OrgUnitType.of(u) for u in await org_units.org_units_in_scope(info.context.call)]
