"""The DataLoaders of org units and accounts (see schema/common/loader.py)."""

from __future__ import annotations

from api.domain.accounts import org_units, users
from api.models.accounts import OrgUnit, User
from schema.common.loader import Loader, by_key


class OrgUnitById(Loader[int, OrgUnit | None]):
    async def fetch(self, keys: list[int]) -> list[OrgUnit | None]:
        return by_key(await org_units.org_units_by_id(keys), keys, lambda u: u.id)


class OrgUnitChildren(Loader[int, list[OrgUnit]]):
    async def fetch(self, keys: list[int]) -> list[list[OrgUnit]]:
        grouped = await org_units.children_of(keys)
        return [grouped[k] for k in keys]


class UserById(Loader[int, User | None]):
    async def fetch(self, keys: list[int]) -> list[User | None]:
        return by_key(await users.users_by_id(keys), keys, lambda u: u.id)
