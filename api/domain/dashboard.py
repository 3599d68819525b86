"""The dashboard: figures for the viewer's units, each area's counted in SQL by its own function."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from api.domain import corrections, scope
from api.domain.call import Call
from api.models.accounts import OrgUnit
from api.models.enums import DisputeStatus, LegalAidStatus, RiskLevel, Role
from api.models.legal_aid import LegalAidRequest
from api.models.mediation import Dispute

DASHBOARD_ROLES = frozenset({Role.SUPERVISOR, Role.OFFICER, Role.ADMIN})
OPEN_DISPUTE = (DisputeStatus.OPEN, DisputeStatus.MEDIATING)


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
    """Mediation and legal-aid counts, each one COUNT in SQL."""
    ids = list(unit_ids)
    disputes = Dispute.filter(org_unit_id__in=ids)
    open_disputes = disputes.filter(status__in=OPEN_DISPUTE)
    requests = LegalAidRequest.filter(org_unit_id__in=ids, status=LegalAidStatus.SUBMITTED)
    return CaseworkFigures(
        open_disputes=await open_disputes.count(),
        high_risk_disputes=await open_disputes.filter(risk_level=RiskLevel.HIGH).count(),
        disputes_resolved_last_30_days=await disputes.filter(
            resolved_at__gte=now - timedelta(days=30)
        ).count(),
        pending_legal_aid_requests=await requests.count(),
        # 法律援助法 §43: a decision is due within 7 days of the application.
        legal_aid_decisions_overdue=await requests.filter(decision_due_at__lt=now).count(),
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
