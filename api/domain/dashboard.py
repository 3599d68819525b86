"""The dashboard: figures for the viewer's units, each area's counted in SQL by its own function."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from api.domain import corrections, legal_aid, mediation, scope
from api.domain.call import Call
from api.models.accounts import OrgUnit
from api.models.enums import Role

DASHBOARD_ROLES = frozenset({Role.SUPERVISOR, Role.OFFICER, Role.ADMIN})


@dataclass(frozen=True)
class CaseworkFigures:
    open_disputes: int
    high_risk_disputes: int
    disputes_resolved_last_30_days: int
    pending_legal_aid_requests: int
    legal_aid_decisions_overdue: int


@dataclass(frozen=True)
class Figures:
    corrections: corrections.CorrectionsFigures
    casework: CaseworkFigures


async def casework_figures(unit_ids: Sequence[int], now: datetime) -> CaseworkFigures:
    """Mediation and legal-aid counts, from each area's own SQL counts."""
    ids = list(unit_ids)
    disputes = await mediation.dashboard_figures(ids, now)
    requests = await legal_aid.dashboard_figures(ids, now)
    return CaseworkFigures(
        open_disputes=disputes["openDisputes"],
        high_risk_disputes=disputes["highRiskDisputes"],
        disputes_resolved_last_30_days=disputes["disputesResolvedLast30Days"],
        pending_legal_aid_requests=requests["pendingLegalAidRequests"],
        legal_aid_decisions_overdue=requests["legalAidDecisionsOverdue"],
    )


async def figures(call: Call, org_unit_id: int | None) -> Figures:
    """The viewer's own unit and those below, or the subtree of `org_unit_id` within them."""
    scope.require_role(call, DASHBOARD_ROLES)
    unit_ids = await scope.unit_ids_in_scope(call)
    if org_unit_id is not None:
        if org_unit_id not in unit_ids:
            raise scope.not_found("Org unit")
        unit = await OrgUnit.get(id=org_unit_id)
        below = await OrgUnit.filter(path__startswith=unit.path).values_list("id", flat=True)
        unit_ids = [int(i) for i in below]  # type: ignore[call-overload]
    return Figures(
        corrections=await corrections.dashboard_figures(unit_ids, call.now),
        casework=await casework_figures(unit_ids, call.now),
    )
