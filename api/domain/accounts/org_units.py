"""Org units: making one, the viewer's, and those read by id."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from tortoise.transactions import in_transaction

from api.domain.common import audit, scope, sql
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.validators import proper_name
from api.models.accounts import OrgUnit
from api.models.enums import OrgUnitKind, Role


async def create_org_unit(
    call: Call, name: str, kind: OrgUnitKind, parent_id: int | None
) -> OrgUnit:
    scope.require_role(call, {Role.ADMIN})
    name = proper_name(name, "name", max_len=100)
    async with in_transaction():
        parent = None
        if parent_id is not None:
            if not await scope.unit_in_scope(call, parent_id):
                raise BadInput("PARENT_UNIT_UNKNOWN", field="parentId")
            parent = await OrgUnit.get(id=parent_id)
            if kind == OrgUnitKind.JUSTICE_OFFICE and parent.kind == OrgUnitKind.CORRECTION_CENTER:
                # A 司法所 is an outpost of its county 司法局; the correction centre
                # entrusts it with work (社区矫正法 Art. 9) but is not above it.
                raise BadInput("OFFICE_UNDER_BUREAU", field="parentId")
        elif call.viewer and call.viewer.unit_path is not None:
            raise BadInput("UNIT_OUTSIDE_SCOPE", field="parentId")
        unit = await OrgUnit.create(name=name, kind=kind, parent=parent, path="")
        unit.path = f"{parent.path if parent else '/'}{unit.id}/"
        await unit.save(update_fields=["path"])
        await audit.record(
            call,
            "org_unit.create",
            target_type="OrgUnit",
            target_id=unit.id,
            summary={"name": name, "kind": kind, "parentId": parent_id},
        )
    scope.forget_units(call)
    return unit


async def org_units_in_scope(call: Call) -> list[OrgUnit]:
    """The viewer's unit and those below it, and the units of its areas (a
    county's offices for its correction centre), parents before children."""
    ids = await scope.units_seen(call)
    if not ids:
        return []
    return await OrgUnit.filter(id__in=ids).order_by("path")


# The rows below are reached from one the viewer already may see (a person's
# office, a dispute's mediator), so they are read without a scope of their own.


async def org_units_by_id(ids: Collection[int]) -> list[OrgUnit]:
    return await sql.by_ids(OrgUnit, ids)


async def children_of(unit_ids: Sequence[int]) -> dict[int | None, list[OrgUnit]]:
    """The units directly below each of these, by name."""
    grouped: dict[int | None, list[OrgUnit]] = {i: [] for i in unit_ids}
    for row in await OrgUnit.filter(parent_id__in=list(unit_ids)).order_by("name"):
        grouped[row.parent_id].append(row)
    return grouped
