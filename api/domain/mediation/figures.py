"""The mediation figures of the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from api.domain.mediation.disputes import OPEN_STATUSES
from api.models.enums import RiskLevel
from api.models.mediation import Dispute


@dataclass(frozen=True)
class MediationFigures:
    open_disputes: int
    high_risk_disputes: int
    disputes_resolved_last_30_days: int


async def dashboard_figures(unit_ids: list[int], now: datetime) -> MediationFigures:
    """Mediation figures of these units, each one COUNT in SQL."""
    if not unit_ids:
        return MediationFigures(0, 0, 0)
    mine = Dispute.filter(org_unit_id__in=unit_ids)
    open_ = mine.filter(status__in=list(OPEN_STATUSES))
    return MediationFigures(
        open_disputes=await open_.count(),
        high_risk_disputes=await open_.filter(risk_level=RiskLevel.HIGH).count(),
        # Resolved in the last 30 days, whether or not the file is closed since.
        disputes_resolved_last_30_days=await mine.filter(
            resolved_at__gt=now - timedelta(days=30), resolved_at__lte=now
        ).count(),
    )
