"""Mediation's figures of the month (人民调解), counted at the committee.

Left for records not on main yet: disputes by source, agreements, judicial
confirmations, screening reports.
"""

from __future__ import annotations

from datetime import datetime

from api.domain.common import scope
from api.domain.common.call import Call
from api.domain.statistics.month import Month
from api.domain.statistics.registry import AreaStatistics, Counts, Figure, Query, register, when
from api.models.enums import DisputeCategory, RiskLevel
from api.models.mediation import Dispute

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

FIGURES = (
    Figure("registered", "本月受理纠纷", "Disputes registered"),
    *(
        Figure(f"category_{c.value.lower()}", f"受理：{zh}", f"Registered: {en}")
        for c, (zh, en) in CATEGORY_WORDS.items()
    ),
    Figure("high_risk", "受理：高风险", "Registered: high risk"),
    Figure("resolved", "本月调解成功", "Resolved"),
)


async def compute(root: str, month: Month, as_of: datetime) -> Counts:
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
    resolved_from = q.value(Dispute, "resolved_at", month.starts_at)
    resolved_to = q.value(Dispute, "resolved_at", month.ends_at)
    resolved = f"d.resolved_at >= {resolved_from} AND d.resolved_at < {resolved_to}"
    figures.append(when(resolved, "resolved"))
    text = (
        f"SELECT d.org_unit_id AS unit, {', '.join(figures)}"  # noqa: S608
        " FROM dispute d JOIN org_unit u ON u.id = d.org_unit_id"
        f" WHERE {q.under('u.path', root)}"
        f" AND (({registered}) OR ({resolved}))"
        " GROUP BY d.org_unit_id"
    )
    return await q.counts(text)


async def visible(call: Call, unit_id: int) -> bool:
    return await scope.area_unit_in_scope(call, scope.Area.MEDIATION, unit_id)


AREA = register(AreaStatistics("mediation", "人民调解", "Mediation", FIGURES, compute, visible))
