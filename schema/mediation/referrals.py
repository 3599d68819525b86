"""Refusals, failures, police reports, deadline extensions, the mediation
period table and the overdue list, in the GraphQL schema."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.mediation import deadlines, disputes, endings, referrals
from api.models.mediation_sources import LegalRoute
from schema.common.context import Info
from schema.common.ids import require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.mediation.sources import (
    DisputeRefusalType,
    MediationFailureType,
    PoliceReportType,
    failure_type,
    refusal_type,
)
from schema.mediation.types import DisputeType


@strawberry.input
class RefusalInput:
    client_id: strawberry.ID
    dispute_id: strawberry.ID
    party_name: str = strawberry.field(description="The party who refused, as registered.")
    refused_at: datetime
    note: str | None = None


@strawberry.input
class MediationFailureInput:
    client_id: strawberry.ID
    dispute_id: strawberry.ID
    failed_at: datetime
    routes_told: list[LegalRoute] = strawberry.field(
        description="The routes the parties were told of (人民调解法 Art. 26)."
    )
    note: str | None = None


@strawberry.input
class PoliceReportInput:
    client_id: strawberry.ID
    dispute_id: strawberry.ID
    reported_at: datetime
    police_body: str = strawberry.field(description="The police station or other body told.")
    reference: str | None = strawberry.field(default=None, description="Its receipt number.")
    note: str | None = None


@strawberry.input
class DeadlineExtensionInput:
    dispute_id: strawberry.ID
    new_due_on: date
    parties_consented: bool = strawberry.field(description="Both parties agreed (Art. 27).")
    note: str


@strawberry.type(name="MediationPeriod")
class MediationPeriodType:
    effective_from: date
    period_days: int
    remind_after_days: int


@strawberry.type
class MediationEndingsPayload:
    id: strawberry.ID = strawberry.field(description="The stored refusal's or failure's id.")
    dispute: DisputeType
    refusal: DisputeRefusalType | None = None
    failure: MediationFailureType | None = None


@strawberry.type
class ReferralsQuery:
    @strawberry.field(
        description="The viewer's disputes still being mediated after their last day "
        "(a month, or a court referral's period), the longest overdue first."
    )
    async def overdue_disputes(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> CountedConnection[DisputeType]:
        page = await referrals.overdue_disputes(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, referrals.DuePosition),
        )
        return counted_connection(page, [DisputeType.of(d) for d in page.rows])


async def _dispute(info: Info, dispute_id: int) -> DisputeType:
    return DisputeType.of(await disputes.get_dispute(info.context.call, dispute_id))


@strawberry.type
class ReferralsMutation:
    @strawberry.mutation(
        description="A party clearly refused mediation (人民调解法 Art. 17): it ends there "
        "and the file is closed."
    )
    async def record_refusal(self, info: Info, input: RefusalInput) -> MediationEndingsPayload:
        row = await endings.record_refusal(
            info.context.call,
            client_id=str(input.client_id),
            dispute_id=require_id(input.dispute_id, "disputeId"),
            party_name=input.party_name,
            refused_at=input.refused_at,
            note=input.note,
        )
        return MediationEndingsPayload(
            id=strawberry.ID(str(row.id)),
            dispute=await _dispute(info, row.dispute_id),
            refusal=refusal_type(row),
        )

    @strawberry.mutation(description="Mediation failed (Art. 26), with the routes told.")
    async def record_mediation_failure(
        self, info: Info, input: MediationFailureInput
    ) -> MediationEndingsPayload:
        row = await endings.record_failure(
            info.context.call,
            client_id=str(input.client_id),
            dispute_id=require_id(input.dispute_id, "disputeId"),
            failed_at=input.failed_at,
            routes_told=input.routes_told,
            note=input.note,
        )
        return MediationEndingsPayload(
            id=strawberry.ID(str(row.id)),
            dispute=await _dispute(info, row.dispute_id),
            failure=failure_type(row),
        )

    @strawberry.mutation(description="Reported to the police (人民调解法 Art. 25).")
    async def report_to_police(self, info: Info, input: PoliceReportInput) -> PoliceReportType:
        row = await referrals.report_to_police(
            info.context.call,
            client_id=str(input.client_id),
            dispute_id=require_id(input.dispute_id, "disputeId"),
            reported_at=input.reported_at,
            police_body=input.police_body,
            reference=input.reference,
            note=input.note,
        )
        return PoliceReportType.of(row)

    @strawberry.mutation(
        description="A court referral's period extended with both parties' consent "
        "(特邀调解规定 Art. 27)."
    )
    async def record_deadline_extension(
        self, info: Info, input: DeadlineExtensionInput
    ) -> DisputeType:
        dispute_id = require_id(input.dispute_id, "disputeId")
        await referrals.record_deadline_extension(
            info.context.call, dispute_id, input.new_due_on, input.parties_consented, input.note
        )
        return await _dispute(info, dispute_id)

    @strawberry.mutation(
        description="A unit's normal mediation period and reminder day, from a date "
        "(人民调解工作若干规定 Art. 33)."
    )
    async def set_mediation_period(
        self,
        info: Info,
        org_unit_id: strawberry.ID,
        effective_from: date,
        period_days: int,
        remind_after_days: int,
    ) -> MediationPeriodType:
        row = await deadlines.set_mediation_period(
            info.context.call,
            require_id(org_unit_id, "orgUnitId"),
            effective_from,
            period_days,
            remind_after_days,
        )
        return MediationPeriodType(
            effective_from=row.effective_from,
            period_days=row.period_days,
            remind_after_days=row.remind_after_days,
        )
