"""A dispute's source, deadlines, refusal, failure and police reports: their
types, inputs and loaders, and the Dispute fields that read them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from api.domain.common import periods
from api.domain.mediation import referrals, sources
from api.models import mediation_sources as ms
from api.models.mediation_sources import CourtProcedure, DisputeSourceKind, LegalRoute
from schema.accounts.types import UserType, user_of
from schema.common.context import Info

# ------------------------------------------------------------------ types


@strawberry.type(name="DisputeSource")
class DisputeSourceType:
    kind: DisputeSourceKind
    referring_body: str | None = strawberry.field(
        description="The court, police station or petition office that referred it."
    )
    reference_number: str | None = strawberry.field(description="The referring body's number.")
    received_on: date | None = strawberry.field(
        description="A court referral: the day the committee signed for the court's materials, "
        "from which its period runs (特邀调解规定 Art. 27)."
    )
    procedure: CourtProcedure | None
    screening_report_id: strawberry.ID | None


@strawberry.type(name="DeadlineExtension")
class DeadlineExtensionType:
    from_on: date
    to_on: date
    note: str
    recorded_at: datetime
    recorded_by_id: strawberry.Private[int]

    @strawberry.field
    async def recorded_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.recorded_by_id)


@strawberry.type(name="DisputeDeadlines")
class DisputeDeadlinesType:
    court_due_on: date | None = strawberry.field(
        description="A court-referred case's last day: 30 days (委派) or 15, in summary "
        "procedure 7 (委托), as extended with both parties' consent (特邀调解规定 Art. 27)."
    )
    normal_end_on: date = strawberry.field(
        description="The end of the month in which mediation is normally finished "
        "(人民调解工作若干规定 Art. 33; the unit's table)."
    )
    remind_on: date = strawberry.field(description="When the mediator is reminded of it.")
    due_on: date = strawberry.field(description="The earlier of the two.")
    overdue: bool = strawberry.field(description="Still being mediated after dueOn.")
    days_left: int = strawberry.field(description="Days to dueOn; negative once overdue.")
    dispute_id: strawberry.Private[int]

    @strawberry.field
    async def extensions(self, info: Info) -> list[DeadlineExtensionType]:
        rows = await info.context.loaders.extensions_by_dispute.load(self.dispute_id)
        return [
            DeadlineExtensionType(
                from_on=r.from_on,
                to_on=r.to_on,
                note=r.note,
                recorded_at=r.recorded_at,
                recorded_by_id=r.recorded_by_id,
            )
            for r in rows
        ]


@strawberry.type(name="DisputeRefusal")
class DisputeRefusalType:
    party_name: str
    refused_at: datetime
    note: str | None


@strawberry.type(name="MediationFailure")
class MediationFailureType:
    failed_at: datetime
    routes_told: list[LegalRoute] = strawberry.field(
        description="The routes the parties were told of (人民调解法 Art. 26)."
    )
    note: str | None


@strawberry.type(name="PoliceReport")
class PoliceReportType:
    id: strawberry.ID
    client_id: strawberry.ID
    reported_at: datetime
    police_body: str
    reference: str | None
    note: str | None

    @classmethod
    def of(cls, r: ms.PoliceReport) -> PoliceReportType:
        return cls(
            id=strawberry.ID(str(r.id)),
            client_id=strawberry.ID(r.client_id),
            reported_at=r.reported_at,
            police_body=r.police_body,
            reference=r.reference,
            note=r.note,
        )


def refusal_type(r: ms.DisputeRefusal) -> DisputeRefusalType:
    return DisputeRefusalType(party_name=r.party_name, refused_at=r.refused_at, note=r.note)


def failure_type(f: ms.MediationFailure) -> MediationFailureType:
    return MediationFailureType(
        failed_at=f.failed_at, routes_told=[LegalRoute(r) for r in f.routes_told], note=f.note
    )


# ------------------------------------------------------------------ Dispute's fields
#
# Resolvers of DisputeType (schema/mediation/types.py), given the dispute as root.


async def source_of(root: Any, info: Info) -> DisputeSourceType | None:
    row = await info.context.loaders.source_by_dispute.load(int(root.id))
    if row is None:
        return None
    return DisputeSourceType(
        kind=DisputeSourceKind(row.kind),
        referring_body=row.referring_body,
        reference_number=row.referring_reference,
        received_on=row.received_on,
        procedure=CourtProcedure(row.procedure) if row.procedure else None,
        screening_report_id=(
            strawberry.ID(str(row.screening_report_id)) if row.screening_report_id else None
        ),
    )


async def deadlines_of(root: Any, info: Info) -> DisputeDeadlinesType | None:
    row = await info.context.loaders.source_by_dispute.load(int(root.id))
    if row is None:
        return None
    today = periods.local_day(info.context.call.now)
    return DisputeDeadlinesType(
        court_due_on=row.court_due_on,
        normal_end_on=row.normal_end_on,
        remind_on=row.normal_remind_on,
        due_on=row.due_on,
        overdue=referrals.is_overdue(row, root.status, today),
        days_left=(row.due_on - today).days,
        dispute_id=row.dispute_id,
    )


async def refusal_of(root: Any, info: Info) -> DisputeRefusalType | None:
    row = await info.context.loaders.refusal_by_dispute.load(int(root.id))
    return refusal_type(row) if row else None


async def failure_of(root: Any, info: Info) -> MediationFailureType | None:
    row = await info.context.loaders.failure_by_dispute.load(int(root.id))
    return failure_type(row) if row else None


async def police_reports_of(root: Any, info: Info) -> list[PoliceReportType]:
    rows = await info.context.loaders.police_reports_by_dispute.load(int(root.id))
    return [PoliceReportType.of(r) for r in rows]


# ------------------------------------------------------------------ inputs


@strawberry.input
class DisputeSourceInput:
    kind: DisputeSourceKind = DisputeSourceKind.APPLICATION
    referring_body: str | None = None
    reference_number: str | None = None
    received_on: date | None = strawberry.field(
        default=None, description="A court referral: the day its materials were signed for."
    )
    procedure: CourtProcedure | None = strawberry.field(
        default=None, description="委托 (COURT_ENTRUSTED): the court's procedure."
    )

    def to_domain(self) -> sources.SourceInput:
        return sources.SourceInput(
            kind=self.kind,
            referring_body=self.referring_body,
            reference_number=self.reference_number,
            received_on=self.received_on,
            procedure=self.procedure,
        )
