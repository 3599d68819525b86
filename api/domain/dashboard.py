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


async def figures(call: Call, org_unit_id: int | None) -> Figures:
    """The viewer's own unit and those below, or the subtree of `org_unit_id` within them."""
    scope.require_role(call, DASHBOARD_ROLES)
    unit_ids = await scope.unit_ids_in_scope(call)
    if org_unit_id is not None:
        if org_unit_id not in unit_ids:
            raise scope.not_found("UNIT_NOT_FOUND")
        unit = await OrgUnit.get(id=org_unit_id)
        below = await OrgUnit.filter(path__startswith=unit.path).values_list("id", flat=True)
        unit_ids = [int(i) for i in below]  # type: ignore[call-overload]
    return Figures(
        corrections=await corrections.dashboard_figures(unit_ids, call.now),
        mediation=await mediation.dashboard_figures(unit_ids, call.now),
        legal_aid=await legal_aid.dashboard_figures(unit_ids, call.now),
    )
