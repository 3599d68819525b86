"""The legal-aid figures of the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from api.models.enums import LegalAidStatus
from api.models.legal_aid import LegalAidRequest


@dataclass(frozen=True)
class LegalAidFigures:
    pending_requests: int
    decisions_overdue: int


async def dashboard_figures(unit_ids: list[int], now: datetime) -> LegalAidFigures:
    """Legal-aid figures of these units (centres among them), each one COUNT in SQL."""
    if not unit_ids:
        return LegalAidFigures(0, 0)
    pending = LegalAidRequest.filter(org_unit_id__in=unit_ids, status=LegalAidStatus.SUBMITTED)
    return LegalAidFigures(
        pending_requests=await pending.count(),
        decisions_overdue=await pending.filter(decision_due_at__lte=now).count(),
    )
