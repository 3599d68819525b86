"""The dashboard: figures for the viewer's units, each area's counted in SQL by its own function."""

from __future__ import annotations

from dataclasses import dataclass

from api.domain.common import scope
from api.domain.common.call import Call
from api.domain.corrections import figures as corrections
from api.domain.legal_aid import figures as legal_aid
from api.domain.mediation import figures as mediation
from api.models.accounts import OrgUnit
from api.models.enums import Role

DASHBOARD_ROLES = frozenset({Role.SUPERVISOR, Role.OFFICER, Role.ADMIN})


@dataclass(frozen=True)
class Figures:
    """Each area's own figures; the GraphQL type names them (schema/dashboard.py)."""

    corrections: corrections.CorrectionsFigures
    mediation: mediation.MediationFigures
    legal_aid: legal_aid.LegalAidFigures
    # The areas whose figures the viewer's own list of records holds, so a
    # figure may open it. Not for one unit's figures: the lists are the
    # viewer's whole scope and cannot be narrowed to a unit.
    listed: frozenset[scope.Area]


async def figures(call: Call, org_unit_id: int | None) -> Figures:
    """Each area's figures of the units whose area the viewer oversees
    (scope.area_root), or of those within the subtree of `org_unit_id`."""
    viewer = scope.require_role(call, DASHBOARD_ROLES)
    areas = {area: await scope.area_unit_ids(call, area) for area in scope.Area}
    if org_unit_id is not None:
        if not any(org_unit_id in ids for ids in areas.values()):
            raise scope.not_found("UNIT_NOT_FOUND")
        unit = await OrgUnit.get(id=org_unit_id)
        below = set(await OrgUnit.filter(path__startswith=unit.path).values_list("id", flat=True))
        areas = {area: [i for i in ids if i in below] for area, ids in areas.items()}
    listed = frozenset(
        area
        for area, ids in areas.items()
        if org_unit_id is None and ids and viewer.role in scope.AREA_LIST_READERS.get(area, ())
    )
    return Figures(
        listed=listed,
        corrections=await corrections.dashboard_figures(areas[scope.Area.CORRECTIONS], call.now),
        mediation=await mediation.dashboard_figures(areas[scope.Area.MEDIATION], call.now),
        legal_aid=await legal_aid.dashboard_figures(areas[scope.Area.LEGAL_AID], call.now),
    )
