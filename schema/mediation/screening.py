"""Screening campaigns (矛盾纠纷排查) in the GraphQL schema."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.common.paging import IdPosition
from api.domain.mediation import disputes, screening
from api.models import mediation_sources as ms
from api.models.enums import DisputeCategory, RiskLevel
from api.models.mediation_sources import ScreeningKind
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.mediation.types import DisputeType, PartyInput


@strawberry.type(name="ScreeningReport")
class ScreeningReportType:
    id: strawberry.ID
    villages_covered: list[str]
    zero_report: bool = strawberry.field(description="零报告: the unit found no dispute.")
    note: str | None
    filed_at: datetime
    late: bool = strawberry.field(description="Filed after the cut-off.")
    filed_by_id: strawberry.Private[int]
    dispute_ids: strawberry.Private[list[int]]

    @strawberry.field
    async def filed_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.filed_by_id)

    @strawberry.field(description="The disputes found, each registered with source SCREENING.")
    async def disputes(self, info: Info) -> list[DisputeType]:
        loaded = await info.context.loaders.dispute_by_id.load_many(self.dispute_ids)
        return [DisputeType.of(d) for d in loaded if d is not None]


@strawberry.type(name="ScreeningUnit")
class ScreeningUnitType:
    """One unit asked to report, with its figures."""

    report: ScreeningReportType | None
    missing: bool = strawberry.field(description="No report and the cut-off has passed.")
    disputes_found: int
    high_risk_found: int
    org_unit_id: strawberry.Private[int]

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit


@strawberry.type(name="ScreeningFigures")
class ScreeningFiguresType:
    units: int
    reported: int
    missing: int
    zero_reports: int
    disputes_found: int
    high_risk_found: int


@strawberry.type(name="ScreeningCampaign")
class ScreeningCampaignType:
    id: strawberry.ID
    title: str
    kind: ScreeningKind
    focus: str
    starts_on: date
    ends_on: date
    report_due_on: date = strawberry.field(description="The cut-off for the units' reports.")
    started_at: datetime
    units: list[ScreeningUnitType] = strawberry.field(
        description="The units the viewer sees: a mediator its own."
    )
    figures: ScreeningFiguresType
    org_unit_id: strawberry.Private[int]
    started_by_id: strawberry.Private[int]

    @classmethod
    def of(
        cls, c: ms.ScreeningCampaign, units: list[screening.UnitStanding]
    ) -> ScreeningCampaignType:
        f = screening.figures(units)
        return cls(
            id=strawberry.ID(str(c.id)),
            title=c.title,
            kind=ScreeningKind(c.kind),
            focus=c.focus,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            report_due_on=c.report_due_on,
            started_at=c.started_at,
            units=[_unit(u) for u in units],
            figures=ScreeningFiguresType(
                units=f.units,
                reported=f.reported,
                missing=f.missing,
                zero_reports=f.zero_reports,
                disputes_found=f.disputes_found,
                high_risk_found=f.high_risk_found,
            ),
            org_unit_id=c.org_unit_id,
            started_by_id=c.started_by_id,
        )

    @strawberry.field(description="The bureau or office that started it.")
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit

    @strawberry.field
    async def started_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.started_by_id)


def _unit(u: screening.UnitStanding) -> ScreeningUnitType:
    report = None
    if u.report is not None:
        report = ScreeningReportType(
            id=strawberry.ID(str(u.report.id)),
            villages_covered=list(u.report.villages_covered),
            zero_report=u.report.zero_report,
            note=u.report.note,
            filed_at=u.report.filed_at,
            late=u.late,
            filed_by_id=u.report.filed_by_id,
            dispute_ids=u.dispute_ids,
        )
    return ScreeningUnitType(
        report=report,
        missing=u.missing,
        disputes_found=u.disputes_found,
        high_risk_found=u.high_risk_found,
        org_unit_id=u.org_unit_id,
    )


async def _campaign_types(
    info: Info, rows: list[ms.ScreeningCampaign]
) -> list[ScreeningCampaignType]:
    standings = await screening.standings(info.context.call, rows)
    return [ScreeningCampaignType.of(c, standings[c.id]) for c in rows]


# ------------------------------------------------------------------ inputs


@strawberry.input
class StartScreeningCampaignInput:
    title: str
    kind: ScreeningKind
    focus: str
    starts_on: date
    ends_on: date
    report_due_on: date
    org_unit_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="The units to report; every committee and office overseen when omitted.",
    )


@strawberry.input
class ScreeningDisputeInput:
    client_id: strawberry.ID
    title: str
    category: DisputeCategory
    description: str
    risk_level: RiskLevel
    parties: list[PartyInput]
    mediator_id: strawberry.ID | None = None


@strawberry.input
class ScreeningReportInput:
    client_id: strawberry.ID
    campaign_id: strawberry.ID
    org_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="The reporting unit; the mediator's own when omitted."
    )
    villages_covered: list[str]
    zero_report: bool = False
    disputes: list[ScreeningDisputeInput] = strawberry.field(default_factory=list)
    note: str | None = None


# ------------------------------------------------------------------ root fields


@strawberry.type
class ScreeningQuery:
    @strawberry.field(
        description="Campaigns that ask a unit the viewer sees to report, newest first."
    )
    async def screening_campaigns(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> CountedConnection[ScreeningCampaignType]:
        page = await screening.list_campaigns(
            info.context.call, limit=page_size(first), after=decode_cursor(after, IdPosition)
        )
        return counted_connection(page, await _campaign_types(info, page.rows))

    @strawberry.field
    async def screening_campaign(
        self, info: Info, id: strawberry.ID
    ) -> ScreeningCampaignType | None:
        campaign = await screening.campaign_in_scope(info.context.call, require_id(id, "id"))
        return (await _campaign_types(info, [campaign]))[0]


@strawberry.type
class ScreeningMutation:
    @strawberry.mutation
    async def start_screening_campaign(
        self, info: Info, input: StartScreeningCampaignInput
    ) -> ScreeningCampaignType:
        campaign = await screening.start_campaign(
            info.context.call,
            title=input.title,
            kind=input.kind,
            focus=input.focus,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            report_due_on=input.report_due_on,
            org_unit_ids=[
                require_id(u, f"orgUnitIds.{i}") for i, u in enumerate(input.org_unit_ids or [])
            ],
        )
        return (await _campaign_types(info, [campaign]))[0]

    @strawberry.mutation(
        description="A unit's findings, each registered as a dispute, or a zero report (零报告)."
    )
    async def file_screening_report(
        self, info: Info, input: ScreeningReportInput
    ) -> ScreeningCampaignType:
        call = info.context.call
        report = await screening.file_report(
            call,
            client_id=str(input.client_id),
            campaign_id=require_id(input.campaign_id, "campaignId"),
            org_unit_id=parse_id(input.org_unit_id, "orgUnitId"),
            villages_covered=input.villages_covered,
            zero_report=input.zero_report,
            found=[
                screening.FoundDispute(
                    client_id=str(d.client_id),
                    title=d.title,
                    category=d.category,
                    description=d.description,
                    risk_level=d.risk_level,
                    parties=[
                        disputes.PartyInput(name=p.name, role=p.role, phone=p.phone)
                        for p in d.parties
                    ],
                    mediator_id=parse_id(d.mediator_id, f"disputes.{i}.mediatorId"),
                )
                for i, d in enumerate(input.disputes)
            ],
            note=input.note,
        )
        campaign = await screening.campaign_in_scope(call, report.campaign_id)
        return (await _campaign_types(info, [campaign]))[0]
