"""People's mediation: disputes, parties and field visits; queries and mutations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import strawberry

from api.domain import mediation
from api.domain.errors import BadInput
from api.models import mediation as m
from api.models.enums import DisputeCategory, DisputeStatus, PartyRole, RiskLevel, VisitOutcome
from schema.accounts import OrgUnitType, UserType, org_unit_of, user_of
from schema.context import Info, Loaders, by_key
from schema.geo import GeoPoint
from schema.ids import parse_id, require_id
from schema.pagination import (
    PageInfo,
    decode_cursor,
    encode_cursor,
    page_size,
    ranked_cursor,
    ranked_position,
)

# ------------------------------------------------------------------ loaders

VisitsKey = tuple[int, int, str | None, int | None]


@Loaders.register("dispute_by_id")
async def _disputes(ids: Sequence[int]) -> list[m.Dispute | None]:
    return by_key(await mediation.disputes_by_id(ids), ids, lambda d: d.id)


@Loaders.register("dispute_parties")
async def _parties(ids: Sequence[int]) -> list[list[m.DisputeParty]]:
    grouped = await mediation.parties_of(ids)
    return [grouped[i] for i in ids]


@Loaders.register("dispute_visit_count")
async def _visit_counts(ids: Sequence[int]) -> list[int]:
    counts = await mediation.visit_counts(ids)
    return [counts[i] for i in ids]


@Loaders.register("dispute_visits")
async def _visits(keys: Sequence[VisitsKey]) -> list[list[m.MediationVisit]]:
    """One query per distinct (first, after) among the keys: one for a whole list."""
    groups: dict[tuple[int, str | None, int | None], list[int]] = {}
    for dispute_id, size, at, last_id in keys:
        groups.setdefault((size, at, last_id), []).append(dispute_id)
    found: dict[VisitsKey, list[m.MediationVisit]] = {}
    for (size, at, last_id), ids in groups.items():
        after = (datetime.fromisoformat(at), int(last_id or 0)) if at is not None else None
        visits = await mediation.visits_of(ids, limit=size, after=after)
        for dispute_id in ids:
            found[(dispute_id, size, at, last_id)] = visits[dispute_id]
    return [found[key] for key in keys]


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
        dispute = await info.context.loaders["dispute_by_id"].load(self.dispute_id)
        return DisputeType.of(dispute)

    @strawberry.field
    async def mediator(self, info: Info) -> UserType:
        user = await user_of(info, self.mediator_id)
        assert user is not None  # a visit's recorder is kept (ON DELETE RESTRICT)
        return user


@strawberry.type
class MediationVisitEdge:
    cursor: str
    node: MediationVisitType


@strawberry.type
class MediationVisitConnection:
    edges: list[MediationVisitEdge]
    page_info: PageInfo
    dispute_id: strawberry.Private[int]

    @strawberry.field
    async def total_count(self, info: Info) -> int:
        count: int = await info.context.loaders["dispute_visit_count"].load(self.dispute_id)
        return count


def _visit_cursor(v: m.MediationVisit) -> str:
    return encode_cursor([v.visited_at.isoformat(), v.id])


def _parse_visit_cursor(after: str | None) -> tuple[str | None, int | None]:
    key = decode_cursor(after, 2)
    if key is None:
        return None, None
    try:
        at = datetime.fromisoformat(str(key[0]))
        return at.isoformat(), int(key[1])
    except (TypeError, ValueError) as exc:
        raise BadInput("Not a cursor of this list.", field="after") from exc


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
        rows = await info.context.loaders["dispute_parties"].load(int(self.id))
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
    ) -> MediationVisitConnection:
        size = page_size(first)
        at, last_id = _parse_visit_cursor(after)
        rows = await info.context.loaders["dispute_visits"].load((int(self.id), size, at, last_id))
        page = rows[:size]
        edges = [
            MediationVisitEdge(cursor=_visit_cursor(v), node=MediationVisitType.of(v)) for v in page
        ]
        return MediationVisitConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > size,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            dispute_id=int(self.id),
        )


@strawberry.type
class DisputeEdge:
    cursor: str
    node: DisputeType


@strawberry.type
class DisputeConnection:
    edges: list[DisputeEdge]
    page_info: PageInfo
    total_count: int


# ------------------------------------------------------------------ inputs


@strawberry.input
class DisputeFilter:
    status: DisputeStatus | None = None
    risk_level: RiskLevel | None = None
    mediator_id: strawberry.ID | None = None
    follow_up_due: bool | None = strawberry.field(
        default=None, description="nextFollowUpAt has passed."
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


# ------------------------------------------------------------------ operations


@strawberry.type
class MediationQuery:
    @strawberry.field(
        description="The viewer's disputes: HIGH risk first, then due follow-ups, newest first."
    )
    async def disputes(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: DisputeFilter | None = None,
    ) -> DisputeConnection:
        size = page_size(first)
        f = filter or DisputeFilter()
        page = await mediation.list_disputes(
            info.context.call,
            limit=size,
            after=ranked_position(after),
            filter=mediation.DisputeFilter(
                status=f.status,
                risk_level=f.risk_level,
                mediator_id=parse_id(f.mediator_id, "filter.mediatorId"),
                follow_up_due=f.follow_up_due,
                search=f.search,
            ),
        )
        edges = [
            DisputeEdge(cursor=ranked_cursor(page.asof, rank, d.id), node=DisputeType.of(d))
            for d, rank in page.rows
        ]
        return DisputeConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges else None
            ),
            total_count=page.total,
        )

    @strawberry.field
    async def dispute(self, info: Info, id: strawberry.ID) -> DisputeType | None:
        dispute = await mediation.get_dispute(info.context.call, require_id(id, "id"))
        return DisputeType.of(dispute)


@strawberry.type
class MediationMutation:
    @strawberry.mutation
    async def register_dispute(self, info: Info, input: RegisterDisputeInput) -> DisputeType:
        dispute = await mediation.register_dispute(
            info.context.call,
            client_id=str(input.client_id),
            title=input.title,
            category=input.category,
            description=input.description,
            risk_level=input.risk_level,
            parties=[
                mediation.PartyInput(name=p.name, role=p.role, phone=p.phone) for p in input.parties
            ],
            org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
            mediator_id=parse_id(input.mediator_id, "mediatorId"),
        )
        return DisputeType.of(dispute)

    @strawberry.mutation
    async def log_mediation_visit(
        self, info: Info, input: MediationVisitInput
    ) -> MediationVisitType:
        visit = await mediation.log_visit(
            info.context.call,
            client_id=str(input.client_id),
            dispute_id=require_id(input.dispute_id, "disputeId"),
            visited_at=input.visited_at,
            participants=input.participants,
            summary=input.summary,
            outcome=input.outcome,
            next_follow_up_at=input.next_follow_up_at,
            latitude_deg=input.latitude,
            longitude_deg=input.longitude,
            accuracy=input.accuracy_meters,
        )
        return MediationVisitType.of(visit)

    @strawberry.mutation
    async def set_dispute_status(
        self, info: Info, id: strawberry.ID, status: DisputeStatus, note: str | None = None
    ) -> DisputeType:
        dispute = await mediation.set_dispute_status(
            info.context.call, require_id(id, "id"), status, note
        )
        return DisputeType.of(dispute)
