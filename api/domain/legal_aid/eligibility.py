"""The economic-hardship review of a legal-aid request and the regional standards.

The review is waived for the grounds of 法律援助法 Art. 32 and Art. 42, when
the applicant names the evidence or makes the personal pledge (Art. 41-42);
otherwise the household income per person is compared with the regional
standard in force on the submission date (Art. 34: standards change over
time, so they are a table with effective dates).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from api.domain.common import audit, dated_tables, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.validators import money
from api.models.accounts import OrgUnit
from api.models.enums import ExemptionGround, HardshipArea, LegalAidMatter, Role, SpecialGroup
from api.models.legal_aid import HardshipStandard

_FEN = Decimal("0.01")

# Groups that Art. 42(1) exempts when they have no fixed income.
NO_INCOME_GROUPS = frozenset({SpecialGroup.MINOR, SpecialGroup.ELDERLY, SpecialGroup.DISABLED})
MIGRANT_MATTERS = frozenset({LegalAidMatter.WAGE_ARREARS, LegalAidMatter.WORK_INJURY})

GROUP_WORDS = {
    SpecialGroup.MINOR: "未成年人",
    SpecialGroup.ELDERLY: "老年人",
    SpecialGroup.DISABLED: "残疾人",
}


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    exempt: bool
    income_per_capita: Decimal
    threshold: Decimal | None
    reason: str


def income_per_capita(monthly_household_income: Decimal, household_size: int) -> Decimal:
    """Household income per person, in yuan, rounded half-up to the fen."""
    return (monthly_household_income / Decimal(household_size)).quantize(
        _FEN, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class Claim:
    """What the applicant says about the hardship review: the grounds claimed
    (Art. 32, 42), the evidence named for them (Art. 42 "有材料证明") or the
    applicant's personal pledge (个人诚信承诺, Art. 41 ¶2)."""

    grounds: frozenset[ExemptionGround] = frozenset()
    evidence: str | None = None
    pledge: bool = False

    @property
    def substantiated(self) -> bool:
        return bool(self.evidence) or self.pledge


# 法律援助法 Art. 32: not bound by the hardship condition.
ART_32 = {
    ExemptionGround.HERO_RELATIVE: "英雄烈士近亲属为维护英雄烈士的人格权益",
    ExemptionGround.BRAVERY: "因见义勇为行为主张相关民事权益",
    ExemptionGround.RETRIAL_ACQUITTAL: "再审改判无罪请求国家赔偿",
    # Art. 32(4) is about the applicant, whatever the matter: a victim of
    # domestic violence claiming support is exempt as much as one claiming
    # protection.
    ExemptionGround.ABUSE_VICTIM: "遭受虐待、遗弃或者家庭暴力的受害人主张相关权益",
}
# 法律援助法 Art. 42(2): recipients of social or judicial assistance, 优抚对象.
ART_42_2 = {
    ExemptionGround.SUBSISTENCE_ALLOWANCE: "最低生活保障对象",
    ExemptionGround.SPECIAL_HARDSHIP: "特困供养人员",
    ExemptionGround.SOCIAL_ASSISTANCE: "社会救助对象",
    ExemptionGround.JUDICIAL_ASSISTANCE: "司法救助对象",
    ExemptionGround.ENTITLED_GROUP: "优抚对象",
}


def _grounds_found(matter: LegalAidMatter, groups: set[SpecialGroup], claim: Claim) -> list[str]:
    """The reasons the review would be waived, before evidence is asked."""
    found = [
        f"{words}，不受经济困难条件限制（《法律援助法》第三十二条）。"
        for ground, words in ART_32.items()
        if ground in claim.grounds
    ]
    # Art. 42(1): 无固定生活来源 is said of the person, not the household: a
    # minor with no income of its own is exempt whatever the parents earn.
    no_income_groups = sorted(NO_INCOME_GROUPS & groups)
    if ExemptionGround.NO_FIXED_INCOME in claim.grounds and no_income_groups:
        who = "、".join(GROUP_WORDS[g] for g in no_income_groups)
        found.append(f"无固定生活来源的{who}，免予核查经济困难状况（《法律援助法》第四十二条）。")
    recipients = [words for ground, words in ART_42_2.items() if ground in claim.grounds]
    if recipients:
        found.append(
            f"{'、'.join(recipients)}，免予核查经济困难状况（《法律援助法》第四十二条第二项）。"
        )
    # Art. 42(3): migrant workers claiming wages or work-injury damages.
    if SpecialGroup.MIGRANT_WORKER in groups and matter in MIGRANT_MATTERS:
        found.append(
            "进城务工人员申请支付劳动报酬或者请求工伤事故人身损害赔偿，"
            "免予核查经济困难状况（《法律援助法》第四十二条）。"
        )
    return found


def exemption_ground(
    matter: LegalAidMatter, groups: Iterable[SpecialGroup], claim: Claim
) -> str | None:
    """The reason the hardship review is waived, or None when it is not: a
    ground found and substantiated by the evidence named or the pledge (Art.
    41-42). Not modelled here: Art. 42(4) and Art. 32(5), "other cases the
    law names", left to staff review."""
    found = _grounds_found(matter, set(groups), claim)
    if not found or not claim.substantiated:
        return None
    backing = (
        f"证明材料：{claim.evidence}。"
        if claim.evidence
        else "申请人已作个人诚信承诺（《法律援助法》第四十一条）。"
    )
    return "".join(found) + backing


UNSUBSTANTIATED = (
    "所述免予核查的情形未提供证明材料，也未作个人诚信承诺（《法律援助法》第四十一条、"
    "第四十二条），按经济困难标准审查。"
)


def assess(
    matter: LegalAidMatter,
    groups: Iterable[SpecialGroup],
    household_size: int,
    monthly_household_income: Decimal,
    standard: Decimal | None,
    claim: Claim | None = None,
) -> Eligibility:
    """The eligibility outcome and its reason, stated either way."""
    claim = claim or Claim()
    group_set = set(groups)
    per_capita = income_per_capita(monthly_household_income, household_size)
    ground = exemption_ground(matter, group_set, claim)
    if ground is not None:
        return Eligibility(True, True, per_capita, None, ground)
    prefix = UNSUBSTANTIATED if _grounds_found(matter, group_set, claim) else ""
    if standard is None:
        return Eligibility(
            True,
            False,
            per_capita,
            None,
            f"{prefix}家庭人均月收入 {per_capita} 元；本地区尚未设定经济困难标准，"
            "暂按符合条件受理，待工作人员审查（《法律援助法》第三十四条）。",
        )
    if per_capita <= standard:
        return Eligibility(
            True,
            False,
            per_capita,
            standard,
            f"{prefix}家庭人均月收入 {per_capita} 元，不高于本地区经济困难标准 {standard} 元，"
            "符合经济困难条件（《法律援助法》第三十四条）。",
        )
    return Eligibility(
        False,
        False,
        per_capita,
        standard,
        f"{prefix}家庭人均月收入 {per_capita} 元，高于本地区经济困难标准 {standard} 元，"
        "不符合经济困难条件（《法律援助法》第三十四条）。",
    )


def amount_for(standard: HardshipStandard, area: HardshipArea) -> Decimal:
    """The standard's amount for an urban or a rural applicant (Art. 34)."""
    rural = standard.rural_monthly_income_per_capita
    if area is HardshipArea.RURAL and rural is not None:
        return rural
    return standard.monthly_income_per_capita


async def hardship_standard_in_force(unit: OrgUnit, on: date) -> HardshipStandard | None:
    """The standard for this unit's region on that date (法律援助法 Art. 34), as
    dated_tables.in_force finds it: the nearest unit upwards with one in force."""
    return await dated_tables.in_force(HardshipStandard, unit.path, on)


async def set_hardship_standard(
    call: Call,
    org_unit_id: int,
    monthly_income_per_capita: object,
    effective_from: date,
    rural_monthly_income_per_capita: object | None = None,
) -> HardshipStandard:
    """ADMIN sets (or corrects) the standard of a unit from a date; units below inherit it.

    The urban and the rural amount (Art. 34: provinces set them apart); with
    no rural amount given, the one amount applies to both. Requests already
    submitted keep the outcome stored at submission.
    """
    scope.require_role(call, {Role.ADMIN})
    amount = _positive(monthly_income_per_capita, "monthlyIncomePerCapita")
    rural = (
        amount
        if rural_monthly_income_per_capita is None
        else _positive(rural_monthly_income_per_capita, "ruralMonthlyIncomePerCapita")
    )
    if not await scope.unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    viewer = scope.require_viewer(call)
    set_by = viewer.id if viewer.id else None  # the command line acts as "system" (id 0)
    values = {
        "monthly_income_per_capita": amount,
        "rural_monthly_income_per_capita": rural,
        "set_by_id": set_by,
        "created_at": call.now,
    }
    return await dated_tables.set_row(
        HardshipStandard, org_unit_id, effective_from, values, partial(_audit_standard, call)
    )


def _positive(value: object, field: str) -> Decimal:
    amount = money(value, field)
    if amount <= 0:
        raise BadInput("STANDARD_POSITIVE", field=field)
    return amount


async def _audit_standard(call: Call, standard: HardshipStandard) -> None:
    await audit.record(
        call,
        "hardship_standard.set",
        target_type="HardshipStandard",
        target_id=standard.id,
        summary={
            "orgUnitId": standard.org_unit_id,
            "monthlyIncomePerCapita": standard.monthly_income_per_capita,
            "ruralMonthlyIncomePerCapita": standard.rural_monthly_income_per_capita,
            "effectiveFrom": standard.effective_from,
        },
    )


async def list_hardship_standards() -> list[HardshipStandard]:
    """Every standard, by unit and date (for the command line)."""
    return await HardshipStandard.all().order_by("org_unit_id", "effective_from")
