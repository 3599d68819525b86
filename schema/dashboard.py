"""The dashboard query: figures of the viewer's units."""

from __future__ import annotations

import strawberry

from api.domain import dashboard
from api.domain.common import scope
from schema.common.context import Info
from schema.common.ids import parse_id


@strawberry.type
class Dashboard:
    active_persons: int
    overdue_persons: int
    absconded_persons: int = strawberry.field(
        description="Persons absconded (脱管); not counted in activePersons."
    )
    check_ins_last_30_days: int
    on_time_rate_last_30_days: float | None = strawberry.field(
        description="Share of check-ins due in the last 30 days that were made on time, 0 to 1."
    )
    open_disputes: int
    high_risk_disputes: int
    disputes_resolved_last_30_days: int
    pending_legal_aid_requests: int
    legal_aid_decisions_overdue: int
    persons_listed: bool = strawberry.field(
        description="Whether the viewer's supervisedPersons holds the persons these "
        "figures count, so each person figure may open it (false for one unit's figures)."
    )
    disputes_listed: bool = strawberry.field(
        description="Whether the viewer's disputes holds the disputes these figures count."
    )
    legal_aid_requests_listed: bool = strawberry.field(
        description="Whether the viewer's legalAidRequests holds the requests these figures count."
    )

    @classmethod
    def of(cls, f: dashboard.Figures) -> Dashboard:
        c, m, a = f.corrections, f.mediation, f.legal_aid
        return cls(
            active_persons=c.active_persons,
            overdue_persons=c.overdue_persons,
            absconded_persons=c.absconded_persons,
            check_ins_last_30_days=c.check_ins_last_30_days,
            on_time_rate_last_30_days=c.on_time_rate_last_30_days,
            open_disputes=m.open_disputes,
            high_risk_disputes=m.high_risk_disputes,
            disputes_resolved_last_30_days=m.disputes_resolved_last_30_days,
            pending_legal_aid_requests=a.pending_requests,
            legal_aid_decisions_overdue=a.decisions_overdue,
            persons_listed=scope.Area.CORRECTIONS in f.listed,
            disputes_listed=scope.Area.MEDIATION in f.listed,
            legal_aid_requests_listed=scope.Area.LEGAL_AID in f.listed,
        )


@strawberry.type
class DashboardQuery:
    @strawberry.field(
        description="Figures for the viewer's own unit and those below it, "
        "or for orgUnitId within them."
    )
    async def dashboard(self, info: Info, org_unit_id: strawberry.ID | None = None) -> Dashboard:
        call = info.context.call
        figures = await dashboard.figures(call, parse_id(org_unit_id, "orgUnitId"))
        return Dashboard.of(figures)
