"""Mediation's figures of the month (人民调解), counted at the committee.

Disputes by source are those registered in the month, by their source record;
agreements count in the month they took effect (effective_on), judicial
confirmations in the month the court confirmed (confirmation_ruled_on), both
at the dispute's committee; screening reports in the month filed, at the
reporting unit.
"""

from __future__ import annotations

from datetime import datetime

from api.domain.common import scope
from api.domain.common.call import Call
from api.domain.statistics.month import Month
from api.domain.statistics.registry import (
    AreaStatistics,
    Counts,
    Figure,
    Query,
    merge,
    register,
    when,
)
from api.models.agreements import ConfirmationStatus, MediationAgreement
from api.models.enums import DisputeCategory, RiskLevel
from api.models.mediation import Dispute
from api.models.mediation_sources import DisputeSourceKind, ScreeningReport

CATEGORY_WORDS = {
    DisputeCategory.FAMILY: ("婚姻家庭", "Family"),
    DisputeCategory.NEIGHBOR: ("邻里", "Neighbours"),
    DisputeCategory.PROPERTY: ("房屋财产", "Property"),
    DisputeCategory.LAND: ("土地", "Land"),
    DisputeCategory.LABOR: ("劳动争议", "Labour"),
    DisputeCategory.CONTRACT: ("合同", "Contract"),
    DisputeCategory.DAMAGES: ("损害赔偿", "Damages"),
    DisputeCategory.MEDICAL: ("医疗", "Medical"),
    DisputeCategory.TRAFFIC: ("道路交通", "Traffic"),
    DisputeCategory.OTHER: ("其他", "Other"),
}

SOURCE_WORDS = {
    DisputeSourceKind.APPLICATION: ("当事人申请", "Parties applied"),
    DisputeSourceKind.COMMITTEE_INITIATIVE: ("主动调解", "Committee's initiative"),
    DisputeSourceKind.SCREENING: ("排查发现", "Found in screening"),
    DisputeSourceKind.COURT_DELEGATED: ("法院委派", "Delegated by a court"),
    DisputeSourceKind.COURT_ENTRUSTED: ("法院委托", "Entrusted by a court"),
    DisputeSourceKind.POLICE: ("公安移送", "Referred by the police"),
    DisputeSourceKind.PETITION_OFFICE: ("信访移送", "Referred by the petition office"),
}

FIGURES = (
    Figure("registered", "本月受理纠纷", "Disputes registered"),
    *(
        Figure(f"category_{c.value.lower()}", f"受理：{zh}", f"Registered: {en}")
        for c, (zh, en) in CATEGORY_WORDS.items()
    ),
    Figure("high_risk", "受理：高风险", "Registered: high risk"),
    *(
        Figure(f"source_{k.value.lower()}", f"来源：{zh}", f"Source: {en}")
        for k, (zh, en) in SOURCE_WORDS.items()
    ),
    Figure("resolved", "本月调解成功", "Resolved"),
    Figure("agreements_effective", "本月调解协议生效", "Agreements in effect"),
    Figure("judicially_confirmed", "本月司法确认有效", "Judicially confirmed"),
    Figure("screening_reports", "本月报送排查报告", "Screening reports filed"),
    Figure("screening_zero_reports", "其中零报告", "Of which nothing found"),
)


async def compute(root: str, month: Month, as_of: datetime) -> Counts:
    return merge(
        await _disputes(root, month),
        await _agreements(root, month),
        await _screening(root, month),
    )


async def _disputes(root: str, month: Month) -> Counts:
    q = Query()
    start = q.value(Dispute, "registered_at", month.starts_at)
    end = q.value(Dispute, "registered_at", month.ends_at)
    registered = f"d.registered_at >= {start} AND d.registered_at < {end}"
    figures = [when(registered, "registered")]
    for category in CATEGORY_WORDS:
        figures.append(
            when(
                f"{registered} AND d.category = {q(category.value)}",
                f"category_{category.value.lower()}",
            )
        )
    figures.append(when(f"{registered} AND d.risk_level = {q(RiskLevel.HIGH.value)}", "high_risk"))
    for kind in SOURCE_WORDS:
        figures.append(
            when(f"{registered} AND s.kind = {q(kind.value)}", f"source_{kind.value.lower()}")
        )
    resolved_from = q.value(Dispute, "resolved_at", month.starts_at)
    resolved_to = q.value(Dispute, "resolved_at", month.ends_at)
    resolved = f"d.resolved_at >= {resolved_from} AND d.resolved_at < {resolved_to}"
    figures.append(when(resolved, "resolved"))
    text = (
        f"SELECT d.org_unit_id AS unit, {', '.join(figures)}"  # noqa: S608
        " FROM dispute d JOIN org_unit u ON u.id = d.org_unit_id"
        # One source record per dispute at most: the join adds no rows.
        " LEFT JOIN dispute_source s ON s.dispute_id = d.id"
        f" WHERE {q.under('u.path', root)}"
        f" AND (({registered}) OR ({resolved}))"
        " GROUP BY d.org_unit_id"
    )
    return await q.counts(text)


async def _agreements(root: str, month: Month) -> Counts:
    q = Query()

    def day(field: str, value: object) -> str:
        return q.value(MediationAgreement, field, value)

    first, last = month.first_day, month.last_day
    effective = (
        f"a.effective_on >= {day('effective_on', first)}"
        f" AND a.effective_on <= {day('effective_on', last)}"
    )
    confirmed = (
        f"a.confirmation_status = {q(ConfirmationStatus.CONFIRMED.value)}"
        f" AND a.confirmation_ruled_on >= {day('confirmation_ruled_on', first)}"
        f" AND a.confirmation_ruled_on <= {day('confirmation_ruled_on', last)}"
    )
    text = (
        "SELECT d.org_unit_id AS unit,"  # noqa: S608
        f" {when(effective, 'agreements_effective')},"
        f" {when(confirmed, 'judicially_confirmed')}"
        " FROM mediation_agreement a JOIN dispute d ON d.id = a.dispute_id"
        " JOIN org_unit u ON u.id = d.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND (({effective}) OR ({confirmed}))"
        " GROUP BY d.org_unit_id"
    )
    return await q.counts(text)


async def _screening(root: str, month: Month) -> Counts:
    q = Query()
    start = q.value(ScreeningReport, "filed_at", month.starts_at)
    end = q.value(ScreeningReport, "filed_at", month.ends_at)
    text = (
        "SELECT r.org_unit_id AS unit, COUNT(*) AS screening_reports,"  # noqa: S608
        f" {when('r.zero_report = TRUE', 'screening_zero_reports')}"
        " FROM screening_report r JOIN org_unit u ON u.id = r.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND r.filed_at >= {start} AND r.filed_at < {end}"
        " GROUP BY r.org_unit_id"
    )
    return await q.counts(text)


async def visible(call: Call, unit_id: int) -> bool:
    return await scope.area_unit_in_scope(call, scope.Area.MEDIATION, unit_id)


AREA = register(AreaStatistics("mediation", "人民调解", "Mediation", FIGURES, compute, visible))
