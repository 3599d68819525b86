"""Registering a dispute, logging a visit and moving a dispute's status."""

from __future__ import annotations

import strawberry

from api.domain.mediation import disputes, visits
from api.models.enums import DisputeStatus
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.mediation.types import (
    DisputeType,
    MediationVisitInput,
    MediationVisitType,
    RegisterDisputeInput,
)


@strawberry.type
class MediationMutation:
    @strawberry.mutation
    async def register_dispute(self, info: Info, input: RegisterDisputeInput) -> DisputeType:
        dispute = await disputes.register_dispute(
            info.context.call,
            client_id=str(input.client_id),
            title=input.title,
            category=input.category,
            description=input.description,
            risk_level=input.risk_level,
            parties=[
                disputes.PartyInput(name=p.name, role=p.role, phone=p.phone) for p in input.parties
            ],
            org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
            mediator_id=parse_id(input.mediator_id, "mediatorId"),
            source=input.source.to_domain() if input.source else None,
        )
        return DisputeType.of(dispute)

    @strawberry.mutation
    async def log_mediation_visit(
        self, info: Info, input: MediationVisitInput
    ) -> MediationVisitType:
        visit = await visits.log_visit(
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
        dispute = await disputes.set_dispute_status(
            info.context.call, require_id(id, "id"), status, note
        )
        return DisputeType.of(dispute)
