"""People's mediation: disputes, parties and field visits, their types and inputs."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.domain.common.paging import TimePosition
from api.models import mediation as m
from api.models.enums import DisputeCategory, DisputeStatus, PartyRole, RiskLevel, VisitOutcome
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info
from schema.common.geo import GeoPoint
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.mediation import sources

# ------------------------------------------------------------------ types


@strawberry.type(name="Party")
class PartyType:
    name: str
    role: PartyRole
    phone: str | None


@strawberry.type(name="MediationVisit")
class MediationVisitType:
    id: strawberry.ID
    client_id: strawberry.ID
    visited_at: datetime
    received_at: datetime
    location: GeoPoint | None
    participants: list[str]
    summary: str
    outcome: VisitOutcome
    next_follow_up_at: datetime | None
    dispute_id: strawberry.Private[int]
    mediator_id: strawberry.Private[int]

    @classmethod
    def of(cls, v: m.MediationVisit) -> MediationVisitType:
        return cls(
            id=strawberry.ID(str(v.id)),
            client_id=strawberry.ID(v.client_id),
            visited_at=v.visited_at,
            received_at=v.received_at,
            location=GeoPoint.maybe(v.latitude, v.longitude, v.accuracy_meters),
            participants=list(v.participants),
            summary=v.summary,
            outcome=VisitOutcome(v.outcome),
            next_follow_up_at=v.next_follow_up_at,
            dispute_id=v.dispute_id,
            mediator_id=v.mediator_id,
        )

    @strawberry.field
    async def dispute(self, info: Info) -> DisputeType:
        dispute = await info.context.loaders.dispute_by_id.load(self.dispute_id)
        assert dispute is not None  # ON DELETE RESTRICT
        return DisputeType.of(dispute)

    @strawberry.field
    async def mediator(self, info: Info) -> UserType:
        user = await user_of(info, self.mediator_id)
        assert user is not None  # a visit's recorder is kept (ON DELETE RESTRICT)
        return user


@strawberry.type(name="Dispute")
class DisputeType:
    id: strawberry.ID
    reference_number: str
    title: str
    category: DisputeCategory
    description: str
    risk_level: RiskLevel
    status: DisputeStatus
    registered_at: datetime
    next_follow_up_at: datetime | None
    judicial_confirmation_due_at: datetime | None = strawberry.field(
        description=(
            "When an agreement was reached: the last day to apply to a court for judicial "
            "confirmation, 30 days after it took effect (人民调解法 Art. 33)."
        )
    )
    resolved_at: datetime | None
    closed_at: datetime | None
    org_unit_id: strawberry.Private[int]
    mediator_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, d: m.Dispute) -> DisputeType:
        return cls(
            id=strawberry.ID(str(d.id)),
            reference_number=d.reference_number,
            title=d.title,
            category=DisputeCategory(d.category),
            description=d.description,
            risk_level=RiskLevel(d.risk_level),
            status=DisputeStatus(d.status),
            registered_at=d.registered_at,
            next_follow_up_at=d.next_follow_up_at,
            judicial_confirmation_due_at=d.judicial_confirmation_due_at,
            resolved_at=d.resolved_at,
            closed_at=d.closed_at,
            org_unit_id=d.org_unit_id,
            mediator_id=d.mediator_id,
        )

    @strawberry.field
    async def parties(self, info: Info) -> list[PartyType]:
        rows = await info.context.loaders.parties_by_dispute.load(int(self.id))
        return [PartyType(name=p.name, role=PartyRole(p.role), phone=p.phone) for p in rows]

    @strawberry.field(description="The mediation committee or justice office handling it.")
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit

    @strawberry.field
    async def mediator(self, info: Info) -> UserType | None:
        return await user_of(info, self.mediator_id)

    @strawberry.field(description="Newest first.")
    async def visits(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> CountedConnection[MediationVisitType]:
        loaders = info.context.loaders
        dispute_id = int(self.id)
        key = (dispute_id, page_size(first), decode_cursor(after, TimePosition))
        page = await loaders.visits_by_dispute.load(key)
        return counted_connection(
            page,
            [MediationVisitType.of(v) for v in page.rows],
            total=lambda: loaders.visit_count_by_dispute.load(dispute_id),
        )

    # Where it came from, its deadlines and how it ended short of an agreement
    # (schema/mediation/sources.py).
    source: sources.DisputeSourceType | None = strawberry.field(
        resolver=sources.source_of, description="Where it came from (案件来源)."
    )
    deadlines: sources.DisputeDeadlinesType | None = strawberry.field(resolver=sources.deadlines_of)
    refusal: sources.DisputeRefusalType | None = strawberry.field(resolver=sources.refusal_of)
    failure: sources.MediationFailureType | None = strawberry.field(resolver=sources.failure_of)
    police_reports: list[sources.PoliceReportType] = strawberry.field(
        resolver=sources.police_reports_of
    )


# ------------------------------------------------------------------ inputs


@strawberry.input
class DisputeFilter:
    status: DisputeStatus | None = None
    risk_level: RiskLevel | None = None
    mediator_id: strawberry.ID | None = None
    follow_up_due: bool | None = strawberry.field(
        default=None, description="nextFollowUpAt has passed."
    )
    open: bool | None = strawberry.field(
        default=None,
        description="Still being mediated (OPEN or MEDIATING): the dashboard's open disputes.",
    )
    search: str | None = None


@strawberry.input
class PartyInput:
    name: str
    role: PartyRole
    phone: str | None = None


@strawberry.input
class RegisterDisputeInput:
    client_id: strawberry.ID
    title: str
    category: DisputeCategory
    description: str
    risk_level: RiskLevel
    parties: list[PartyInput]
    org_unit_id: strawberry.ID
    mediator_id: strawberry.ID | None = None
    source: sources.DisputeSourceInput | None = strawberry.field(
        default=None, description="Where it came from; the parties' application when omitted."
    )


@strawberry.input
class MediationVisitInput:
    client_id: strawberry.ID
    dispute_id: strawberry.ID
    visited_at: datetime
    participants: list[str]
    summary: str
    outcome: VisitOutcome
    latitude: float | None = None
    longitude: float | None = None
    accuracy_meters: float | None = None
    next_follow_up_at: datetime | None = None
