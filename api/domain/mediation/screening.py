"""Screening campaigns (矛盾纠纷排查): the seed plan asks for concentrated and
routine screening of disputes.

A supervisor overseeing mediation (the bureau's 基层 section, an office head)
starts a campaign for units below it, with its period, focus and a cut-off
for the reports. Each unit files one report: the villages it covered and the
disputes it found, each registered as a dispute with source SCREENING, or a
zero report (零报告) when it found none. A unit without a report after the
cut-off is flagged and reminded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, periods, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict, NotFound
from api.domain.common.validators import client_uuid, proper_name, text
from api.domain.mediation import disputes
from api.domain.mediation.sources import SourceInput
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.enums import DisputeCategory, RiskLevel, Role
from api.models.mediation import Dispute
from api.models.mediation_sources import (
    DisputeSource,
    DisputeSourceKind,
    ScreeningCampaign,
    ScreeningKind,
    ScreeningReport,
    ScreeningUnit,
)

TITLE_MAX = 100
FOCUS_MAX = 2000
NOTE_MAX = 2000
VILLAGE_MAX = 50
MAX_VILLAGES = 200
MAX_FOUND = 50
MAX_UNITS = 500
# A campaign longer than a year is not a campaign but the routine itself.
MAX_CAMPAIGN_DAYS = 366
STARTERS = frozenset({Role.SUPERVISOR})
# How long after its cut-off a missing report is still reminded by the scheduler.
MISSING_LOOK_BACK = timedelta(days=7)
BATCH = 500


@dataclass(frozen=True)
class FoundDispute:
    client_id: str
    title: str
    category: DisputeCategory
    description: str
    risk_level: RiskLevel
    parties: Sequence[disputes.PartyInput]
    mediator_id: int | None = None


@dataclass(frozen=True)
class CampaignFigures:
    """What a campaign found, per unit and in all."""

    units: int
    reported: int
    missing: int
    zero_reports: int
    disputes_found: int
    high_risk_found: int


@dataclass
class UnitStanding:
    """One unit of a campaign: its report if any, what it found, whether it is missing."""

    org_unit_id: int
    report: ScreeningReport | None
    disputes_found: int = 0
    high_risk_found: int = 0
    missing: bool = False
    late: bool = False
    dispute_ids: list[int] = field(default_factory=list)


def today(call: Call) -> date:
    return periods.local_day(call.now)


# ------------------------------------------------------------------ scope


async def _visible_unit_ids(call: Call) -> list[int]:
    """The units whose screening the viewer sees: a mediator its own; staff
    the units whose mediation they oversee (scope.area_root)."""
    viewer = scope.require_role(call, scope.MEDIATION_STAFF)
    if viewer.role is Role.MEDIATOR:
        return [viewer.org_unit_id] if viewer.org_unit_id is not None else []
    return await scope.area_unit_ids(call, scope.Area.MEDIATION)


async def campaign_in_scope(call: Call, campaign_id: int) -> ScreeningCampaign:
    units = await _visible_unit_ids(call)
    seen = ScreeningUnit.filter(org_unit_id__in=units).values("campaign_id")
    where = Q(id__in=Subquery(seen)) if units else None
    return await scope.one_in_scope(
        ScreeningCampaign, where, campaign_id, "SCREENING_CAMPAIGN_NOT_FOUND"
    )


# ------------------------------------------------------------------ start


async def start_campaign(
    call: Call,
    *,
    title: str,
    kind: ScreeningKind,
    focus: str,
    starts_on: date,
    ends_on: date,
    report_due_on: date,
    org_unit_ids: Sequence[int] | None,
) -> ScreeningCampaign:
    """Start a campaign for the units named, or for every mediation committee
    and justice office whose mediation the supervisor oversees."""
    viewer = scope.require_role(call, STARTERS)
    title = text(title, "title", max_len=TITLE_MAX)
    focus = text(focus, "focus", max_len=FOCUS_MAX)
    kind = ScreeningKind(kind)
    if ends_on < starts_on:
        raise BadInput("PERIOD_ENDS_BEFORE_START", field="endsOn")
    if (ends_on - starts_on).days > MAX_CAMPAIGN_DAYS:
        raise BadInput("CAMPAIGN_TOO_LONG", field="endsOn", max=MAX_CAMPAIGN_DAYS)
    if report_due_on < starts_on:
        raise BadInput("CUT_OFF_BEFORE_START", field="reportDueOn")
    if report_due_on < today(call):
        raise BadInput("CUT_OFF_PASSED", field="reportDueOn")
    area = await scope.area_unit_ids(call, scope.Area.MEDIATION)
    if viewer.org_unit_id is None or not area:
        raise NotFound("UNIT_NOT_FOUND", field="orgUnitIds")
    candidates = OrgUnit.filter(id__in=area, kind__in=list(disputes.DISPUTE_UNIT_KINDS))
    if org_unit_ids:
        wanted = list(dict.fromkeys(org_unit_ids))
        if len(wanted) > MAX_UNITS:
            raise BadInput("CAMPAIGN_UNITS_TOO_MANY", field="orgUnitIds", max=MAX_UNITS)
        units = await candidates.filter(id__in=wanted)
        if len(units) != len(wanted):
            missing = sorted(set(wanted) - {u.id for u in units})[0]
            if missing in area:
                raise BadInput("DISPUTE_UNIT_KIND", field="orgUnitIds")
            raise NotFound("UNIT_NOT_FOUND", field="orgUnitIds")
    else:
        units = await candidates.order_by("path")
    if not units:
        raise BadInput("CAMPAIGN_UNITS_REQUIRED", field="orgUnitIds")
    async with in_transaction():
        campaign = await ScreeningCampaign.create(
            title=title,
            kind=kind,
            focus=focus,
            starts_on=starts_on,
            ends_on=ends_on,
            report_due_on=report_due_on,
            org_unit_id=viewer.org_unit_id,
            started_by_id=viewer.id,
            started_at=call.now,
        )
        await ScreeningUnit.bulk_create(
            [ScreeningUnit(campaign_id=campaign.id, org_unit_id=u.id) for u in units]
        )
        await audit.record(
            call,
            "screening.start",
            target_type="ScreeningCampaign",
            target_id=campaign.id,
            summary={
                "title": title,
                "kind": kind,
                "startsOn": starts_on,
                "endsOn": ends_on,
                "reportDueOn": report_due_on,
                "units": [u.id for u in units],
            },
        )
        await notices.enqueue(
            call,
            await _reporters([u.id for u in units]),
            "screening.started",
            subject_type="ScreeningCampaign",
            subject_id=campaign.id,
            period="started",
            url=links.screening(campaign.id),
            params={"title": title, "due": report_due_on.isoformat()},
        )
    return campaign


async def _reporters(unit_ids: Sequence[int]) -> list[User]:
    """Who files a unit's report: its mediators."""
    return await User.filter(org_unit_id__in=list(unit_ids), role=Role.MEDIATOR, is_active=True)


# ------------------------------------------------------------------ report


async def file_report(
    call: Call,
    *,
    client_id: str,
    campaign_id: int,
    org_unit_id: int | None,
    villages_covered: Sequence[str],
    zero_report: bool,
    found: Sequence[FoundDispute],
    note: str | None,
) -> ScreeningReport:
    """A unit's report: what it found, each registered as a dispute, or a zero
    report. One report per unit; the same clientId again returns it."""
    viewer = scope.require_role(call, scope.MEDIATION_STAFF)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        ScreeningReport,
        cid,
        viewer,
        lambda stored: stored.filed_by_id,
        _file(
            call, viewer, cid, campaign_id, org_unit_id, villages_covered, zero_report, found, note
        ),
    )


async def _file(
    call: Call,
    viewer: Viewer,
    cid: str,
    campaign_id: int,
    org_unit_id: int | None,
    villages_covered: Sequence[str],
    zero_report: bool,
    found: Sequence[FoundDispute],
    note: str | None,
) -> ScreeningReport:
    if len(villages_covered) > MAX_VILLAGES:
        raise BadInput("VILLAGES_TOO_MANY", field="villagesCovered", max=MAX_VILLAGES)
    villages = [
        proper_name(v, f"villagesCovered.{i}", max_len=VILLAGE_MAX)
        for i, v in enumerate(villages_covered)
    ]
    if not villages:
        raise BadInput("VILLAGES_REQUIRED", field="villagesCovered")
    if len(found) > MAX_FOUND:
        raise BadInput("FOUND_TOO_MANY", field="disputes", max=MAX_FOUND)
    # 零报告: "none found" is said, never read from an empty list.
    if zero_report and found:
        raise BadInput("ZERO_REPORT_WITH_DISPUTES", field="zeroReport")
    if not zero_report and not found:
        raise BadInput("REPORT_EMPTY", field="disputes")
    clean_note = text(note, "note", max_len=NOTE_MAX) if note else None
    campaign = await campaign_in_scope(call, campaign_id)
    unit_id = org_unit_id if org_unit_id is not None else viewer.org_unit_id
    if unit_id is None or not await ScreeningUnit.exists(
        campaign_id=campaign.id, org_unit_id=unit_id
    ):
        raise NotFound("UNIT_NOT_FOUND", field="orgUnitId")
    if not await scope.may_register_dispute_in(call, unit_id):
        raise NotFound("UNIT_NOT_FOUND", field="orgUnitId")
    if today(call) < campaign.starts_on:
        raise Conflict("CAMPAIGN_NOT_STARTED", field="campaignId", date=campaign.starts_on)
    if await ScreeningReport.exists(campaign_id=campaign.id, org_unit_id=unit_id):
        raise Conflict("SCREENING_REPORTED", field="orgUnitId")
    async with in_transaction():
        try:
            async with in_transaction():
                report = await ScreeningReport.create(
                    client_id=cid,
                    campaign_id=campaign.id,
                    org_unit_id=unit_id,
                    villages_covered=villages,
                    zero_report=zero_report,
                    note=clean_note,
                    filed_by_id=viewer.id,
                    filed_at=call.now,
                )
        except IntegrityError:
            # Another report of the unit stored meanwhile (one per unit), or
            # this clientId's (idempotency.store_once answers that one).
            if await ScreeningReport.exists(client_id=cid):
                raise
            raise Conflict("SCREENING_REPORTED", field="orgUnitId") from None
        source = SourceInput(kind=DisputeSourceKind.SCREENING, screening_report_id=report.id)
        registered = []
        for i, d in enumerate(found):
            try:
                dispute = await disputes.register_dispute(
                    call,
                    client_id=d.client_id,
                    title=d.title,
                    category=d.category,
                    description=d.description,
                    risk_level=d.risk_level,
                    parties=d.parties,
                    org_unit_id=unit_id,
                    mediator_id=d.mediator_id,
                    source=source,
                )
            except BadInput as error:
                # The same refusal, its field named inside the report: disputes.2.title.
                error.field = f"disputes.{i}" + (f".{error.field}" if error.field else "")
                assert error.extensions is not None
                error.extensions["field"] = error.field
                raise
            registered.append(dispute.id)
        await audit.record(
            call,
            "screening.report",
            target_type="ScreeningCampaign",
            target_id=campaign.id,
            summary={
                "reportId": report.id,
                "orgUnitId": unit_id,
                "villages": len(villages),
                "zeroReport": zero_report,
                "disputes": registered,
                "late": today(call) > campaign.report_due_on,
            },
        )
    return report


# ------------------------------------------------------------------ reads


async def list_campaigns(
    call: Call, *, limit: int, after: paging.IdPosition | None
) -> paging.Page[ScreeningCampaign]:
    """The campaigns that ask any unit the viewer sees to report, newest first."""
    units = await _visible_unit_ids(call)
    if not units:
        return paging.empty()
    seen = ScreeningUnit.filter(org_unit_id__in=units).values("campaign_id")
    query = ScreeningCampaign.filter(id__in=Subquery(seen))
    total = await query.count()
    if after is not None:
        query = query.filter(id__lt=after.id)
    rows = await query.order_by("-id").limit(limit + 1)
    return paging.page_of(rows, limit, lambda c: paging.IdPosition(c.id), total=total)


async def standings(
    call: Call, campaigns: Sequence[ScreeningCampaign]
) -> dict[int, list[UnitStanding]]:
    """Each campaign's units that the viewer sees, with their reports and
    findings: three queries for any number of campaigns."""
    visible = set(await _visible_unit_ids(call))
    ids = [c.id for c in campaigns]
    by_id = {c.id: c for c in campaigns}
    on = today(call)
    rows = await ScreeningUnit.filter(campaign_id__in=ids).order_by("campaign_id", "id")
    reports = {
        (r.campaign_id, r.org_unit_id): r for r in await ScreeningReport.filter(campaign_id__in=ids)
    }
    found: dict[int, list[tuple[int, str]]] = {}
    if reports:
        for report_id, dispute_id, risk in await DisputeSource.filter(
            screening_report_id__in=[r.id for r in reports.values()]
        ).values_list("screening_report_id", "dispute_id", "dispute__risk_level"):
            found.setdefault(int(report_id), []).append((int(dispute_id), str(risk)))
    grouped: dict[int, list[UnitStanding]] = {i: [] for i in ids}
    for row in rows:
        if row.org_unit_id not in visible:
            continue
        campaign = by_id[row.campaign_id]
        report = reports.get((row.campaign_id, row.org_unit_id))
        standing = UnitStanding(org_unit_id=row.org_unit_id, report=report)
        if report is None:
            # Flagged once its cut-off day has passed.
            standing.missing = on > campaign.report_due_on
        else:
            hits = found.get(report.id, [])
            standing.dispute_ids = [d for d, _ in hits]
            standing.disputes_found = len(hits)
            standing.high_risk_found = sum(1 for _, r in hits if r == RiskLevel.HIGH)
            standing.late = periods.local_day(report.filed_at) > campaign.report_due_on
        grouped[row.campaign_id].append(standing)
    return grouped


def figures(units: Sequence[UnitStanding]) -> CampaignFigures:
    reported = [u for u in units if u.report is not None]
    return CampaignFigures(
        units=len(units),
        reported=len(reported),
        missing=sum(1 for u in units if u.missing),
        zero_reports=sum(1 for u in reported if u.report and u.report.zero_report),
        disputes_found=sum(u.disputes_found for u in units),
        high_risk_found=sum(u.high_risk_found for u in units),
    )


async def found_disputes(dispute_ids: Sequence[int]) -> list[Dispute]:
    return await Dispute.filter(id__in=list(dispute_ids)).order_by("id")


# ------------------------------------------------------------------ reminders


async def missing_reports(call: Call) -> int:
    """To the unit's mediators and the campaign's starter: the cut-off passed
    and the unit has not reported. Once per unit and cut-off."""
    on = today(call)
    campaigns = await ScreeningCampaign.filter(
        report_due_on__lt=on, report_due_on__gte=on - MISSING_LOOK_BACK
    ).limit(BATCH)
    if not campaigns:
        return 0
    ids = [c.id for c in campaigns]
    reported = set(
        await ScreeningReport.filter(campaign_id__in=ids).values_list("campaign_id", "org_unit_id")
    )
    expected = await ScreeningUnit.filter(campaign_id__in=ids).select_related("org_unit")
    waiting = [u for u in expected if (u.campaign_id, u.org_unit_id) not in reported]
    if not waiting:
        return 0
    reporters: dict[int, list[User]] = {}
    for user in await _reporters(list({u.org_unit_id for u in waiting})):
        reporters.setdefault(user.org_unit_id or 0, []).append(user)
    starters = {
        u.id: u
        for u in await User.filter(
            id__in=list({c.started_by_id for c in campaigns}), is_active=True
        )
    }
    by_id = {c.id: c for c in campaigns}
    queued = 0
    for unit in waiting:
        campaign = by_id[unit.campaign_id]
        recipients = list(reporters.get(unit.org_unit_id, []))
        if campaign.started_by_id in starters:
            recipients.append(starters[campaign.started_by_id])
        queued += await notices.enqueue(
            call,
            recipients,
            "screening.report_missing",
            subject_type="ScreeningCampaign",
            subject_id=f"{campaign.id}:{unit.org_unit_id}",
            period=campaign.report_due_on.isoformat(),
            url=links.screening(campaign.id),
            params={
                "title": campaign.title,
                "unit": unit.org_unit.name,
                "due": campaign.report_due_on.isoformat(),
            },
            alert=True,
        )
    return queued
