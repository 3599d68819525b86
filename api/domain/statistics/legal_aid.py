"""Legal aid's figures of the month (法律援助), counted at the centre.

Decisions come from the status history (LegalAidStatusChange): the month
of the change to APPROVED or REJECTED; cases by matter are the requests
assigned (指派) in the month. Left for records not on main yet: consultations
by category.
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
from api.models.enums import LegalAidMatter, LegalAidStatus
from api.models.legal_aid import LegalAidRequest, LegalAidStatusChange

MATTER_WORDS = {
    LegalAidMatter.WAGE_ARREARS: ("追索劳动报酬", "Wage arrears"),
    LegalAidMatter.WORK_INJURY: ("工伤", "Work injury"),
    LegalAidMatter.SOCIAL_INSURANCE: ("社会保险", "Social insurance"),
    LegalAidMatter.FAMILY_SUPPORT: ("赡养抚养扶养", "Family support"),
    LegalAidMatter.MARRIAGE_FAMILY: ("婚姻家庭", "Marriage and family"),
    LegalAidMatter.DOMESTIC_VIOLENCE: ("家庭暴力", "Domestic violence"),
    LegalAidMatter.PERSONAL_INJURY: ("人身损害", "Personal injury"),
    LegalAidMatter.STATE_COMPENSATION: ("国家赔偿", "State compensation"),
    LegalAidMatter.CRIMINAL_DEFENSE: ("刑事辩护", "Criminal defence"),
    LegalAidMatter.ADMINISTRATIVE: ("行政", "Administrative"),
    LegalAidMatter.OTHER_CIVIL: ("其他民事", "Other civil"),
}

FIGURES = (
    Figure("applications", "本月申请", "Applications"),
    Figure("exempt", "其中免予经济困难审查", "Of which hardship review waived"),
    Figure("approved", "本月决定给予", "Approved"),
    Figure("rejected", "本月决定不予", "Refused"),
    *(
        Figure(f"assigned_{m.value.lower()}", f"指派案件：{zh}", f"Assigned: {en}")
        for m, (zh, en) in MATTER_WORDS.items()
    ),
)


async def compute(root: str, month: Month, as_of: datetime) -> Counts:
    return merge(await _applications(root, month), await _decisions(root, month))


async def _applications(root: str, month: Month) -> Counts:
    q = Query()
    start = q.value(LegalAidRequest, "submitted_at", month.starts_at)
    end = q.value(LegalAidRequest, "submitted_at", month.ends_at)
    text = (
        "SELECT r.org_unit_id AS unit, COUNT(*) AS applications,"  # noqa: S608
        f" {when('r.exempt = TRUE', 'exempt')}"
        " FROM legal_aid_request r JOIN org_unit u ON u.id = r.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND r.submitted_at >= {start} AND r.submitted_at < {end}"
        " GROUP BY r.org_unit_id"
    )
    return await q.counts(text)


async def _decisions(root: str, month: Month) -> Counts:
    q = Query()
    start = q.value(LegalAidStatusChange, "at", month.starts_at)
    end = q.value(LegalAidStatusChange, "at", month.ends_at)
    figures = [
        when(f"c.to_status = {q(LegalAidStatus.APPROVED.value)}", "approved"),
        when(f"c.to_status = {q(LegalAidStatus.REJECTED.value)}", "rejected"),
    ]
    assigned = q(LegalAidStatus.ASSIGNED.value)
    for matter in MATTER_WORDS:
        figures.append(
            when(
                f"c.to_status = {assigned} AND r.matter = {q(matter.value)}",
                f"assigned_{matter.value.lower()}",
            )
        )
    text = (
        f"SELECT r.org_unit_id AS unit, {', '.join(figures)}"  # noqa: S608
        " FROM legal_aid_status_change c JOIN legal_aid_request r ON r.id = c.request_id"
        " JOIN org_unit u ON u.id = r.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND c.at >= {start} AND c.at < {end}"
        " GROUP BY r.org_unit_id"
    )
    return await q.counts(text)


async def visible(call: Call, unit_id: int) -> bool:
    return await scope.area_unit_in_scope(call, scope.Area.LEGAL_AID, unit_id)


AREA = register(AreaStatistics("legal_aid", "法律援助", "Legal aid", FIGURES, compute, visible))
