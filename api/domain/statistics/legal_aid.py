"""Legal aid's figures of the month (法律援助), counted at the centre.

Decisions come from the status history (LegalAidStatusChange): the month
of the change to APPROVED or REJECTED; cases by matter are the requests
assigned (指派) in the month. Consultations (法律咨询) count in the month
they were asked (asked_at), at the unit that answers, by category and by
channel (法律援助法 Art. 23: the window, the phone, the network).
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
from api.models.consultations import Consultation, ConsultationCategory, ConsultationChannel
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

CONSULTATION_WORDS = {
    ConsultationCategory.MARRIAGE_FAMILY: ("婚姻家庭", "Marriage and family"),
    ConsultationCategory.LABOR: ("劳动", "Labour"),
    ConsultationCategory.LAND_PROPERTY: ("土地房产", "Land and property"),
    ConsultationCategory.CONTRACT_DEBT: ("合同债务", "Contracts and debts"),
    ConsultationCategory.PERSONAL_INJURY: ("人身损害", "Personal injury"),
    ConsultationCategory.TRAFFIC: ("交通事故", "Traffic"),
    ConsultationCategory.SOCIAL_SECURITY: ("社会保障", "Social security"),
    ConsultationCategory.CRIMINAL: ("刑事", "Criminal"),
    ConsultationCategory.ADMINISTRATIVE: ("行政", "Administrative"),
    ConsultationCategory.OTHER: ("其他", "Other"),
}

CHANNEL_WORDS = {
    ConsultationChannel.WALK_IN: ("窗口", "at the window"),
    ConsultationChannel.PHONE: ("电话", "by phone"),
    ConsultationChannel.ONLINE: ("网络", "online"),
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
    Figure("consultations", "本月法律咨询", "Consultations"),
    *(
        Figure(f"consultation_{c.value.lower()}", f"咨询：{zh}", f"Consulted: {en}")
        for c, (zh, en) in CONSULTATION_WORDS.items()
    ),
    *(
        Figure(f"consultation_{c.value.lower()}", f"咨询渠道：{zh}", f"Consulted {en}")
        for c, (zh, en) in CHANNEL_WORDS.items()
    ),
)


async def compute(root: str, month: Month, as_of: datetime) -> Counts:
    return merge(
        await _applications(root, month),
        await _decisions(root, month),
        await _consultations(root, month),
    )


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


async def _consultations(root: str, month: Month) -> Counts:
    q = Query()
    start = q.value(Consultation, "asked_at", month.starts_at)
    end = q.value(Consultation, "asked_at", month.ends_at)
    figures = [
        *(
            when(f"c.category = {q(c.value)}", f"consultation_{c.value.lower()}")
            for c in CONSULTATION_WORDS
        ),
        *(
            when(f"c.channel = {q(c.value)}", f"consultation_{c.value.lower()}")
            for c in CHANNEL_WORDS
        ),
    ]
    text = (
        f"SELECT c.org_unit_id AS unit, COUNT(*) AS consultations, {', '.join(figures)}"  # noqa: S608
        " FROM consultation c JOIN org_unit u ON u.id = c.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND c.asked_at >= {start} AND c.asked_at < {end}"
        " GROUP BY c.org_unit_id"
    )
    return await q.counts(text)


async def visible(call: Call, unit_id: int) -> bool:
    return await scope.area_unit_in_scope(call, scope.Area.LEGAL_AID, unit_id)


AREA = register(AreaStatistics("legal_aid", "法律援助", "Legal aid", FIGURES, compute, visible))
