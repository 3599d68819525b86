"""The economic-hardship review of a legal-aid request and the regional standards.

The review is waived for the grounds of 法律援助法 Art. 32 and Art. 42;
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
from api.models.enums import LegalAidMatter, Role, SpecialGroup
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


def exemption_ground(
    matter: LegalAidMatter, groups: Iterable[SpecialGroup], monthly_household_income: Decimal
) -> str | None:
    """The reason the hardship review is waived, or None when it is not.

    Modelled grounds:
    - Art. 32(4): victims of abuse, abandonment or domestic violence
      claiming their rights (matter DOMESTIC_VIOLENCE);
    - Art. 42(3): migrant workers claiming wages or work-injury damages
      (MIGRANT_WORKER with WAGE_ARREARS or WORK_INJURY);
    - Art. 42(1): minors, the elderly and the disabled "with no fixed
      income" (无固定生活来源). The form asks for the household's income
      only, so no fixed income is read as a household income of 0; anyone
      with income is means-tested like everyone else and staff may still
      approve on the evidence.
    Not modelled, left to staff review: Art. 32(1)-(3) (heroes' relatives,
    acts of bravery, state compensation after acquittal on retrial) and
    Art. 42(2) (recipients of social assistance or preferential treatment,
    e.g. some veterans): they need facts the form does not ask.
    """
    group_set = set(groups)
    if matter is LegalAidMatter.DOMESTIC_VIOLENCE:
        return (
            "遭受虐待、遗弃或者家庭暴力的受害人主张相关权益，"
            "不受经济困难条件限制（《法律援助法》第三十二条）。"
        )
    if SpecialGroup.MIGRANT_WORKER in group_set and matter in MIGRANT_MATTERS:
        return (
            "进城务工人员申请支付劳动报酬或者请求工伤事故人身损害赔偿，"
            "免予核查经济困难状况（《法律援助法》第四十二条）。"
        )
    no_income_groups = sorted(NO_INCOME_GROUPS & group_set)
    if no_income_groups and monthly_household_income == 0:
        who = "、".join(GROUP_WORDS[g] for g in no_income_groups)
        return f"无固定生活来源的{who}，免予核查经济困难状况（《法律援助法》第四十二条）。"
    return None


def assess(
    matter: LegalAidMatter,
    groups: Iterable[SpecialGroup],
    household_size: int,
    monthly_household_income: Decimal,
    standard: Decimal | None,
) -> Eligibility:
    """The eligibility outcome and its reason, stated either way."""
    per_capita = income_per_capita(monthly_household_income, household_size)
    ground = exemption_ground(matter, groups, monthly_household_income)
    if ground is not None:
        return Eligibility(True, True, per_capita, None, ground)
    if standard is None:
        return Eligibility(
            True,
            False,
            per_capita,
            None,
            f"家庭人均月收入 {per_capita} 元；本地区尚未设定经济困难标准，"
            "暂按符合条件受理，待工作人员审查（《法律援助法》第三十四条）。",
        )
    if per_capita <= standard:
        return Eligibility(
            True,
            False,
            per_capita,
            standard,
            f"家庭人均月收入 {per_capita} 元，不高于本地区经济困难标准 {standard} 元，"
            "符合经济困难条件（《法律援助法》第三十四条）。",
        )
    return Eligibility(
        False,
        False,
        per_capita,
        standard,
        f"家庭人均月收入 {per_capita} 元，高于本地区经济困难标准 {standard} 元，"
        "不符合经济困难条件（《法律援助法》第三十四条）。",
    )


async def hardship_standard_in_force(unit: OrgUnit, on: date) -> HardshipStandard | None:
    """The standard for this unit's region on that date (法律援助法 Art. 34), as
    dated_tables.in_force finds it: the nearest unit upwards with one in force."""
    return await dated_tables.in_force(HardshipStandard, unit.path, on)


async def set_hardship_standard(
    call: Call, org_unit_id: int, monthly_income_per_capita: object, effective_from: date
) -> HardshipStandard:
    """ADMIN sets (or corrects) the standard of a unit from a date; units below inherit it.

    Requests already submitted keep the outcome stored at submission.
    """
    scope.require_role(call, {Role.ADMIN})
    amount = money(monthly_income_per_capita, "monthlyIncomePerCapita")
    if amount <= 0:
        raise BadInput("STANDARD_POSITIVE", field="monthlyIncomePerCapita")
    if not await scope.unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    viewer = scope.require_viewer(call)
    set_by = viewer.id if viewer.id else None  # the command line acts as "system" (id 0)
    values = {"monthly_income_per_capita": amount, "set_by_id": set_by, "created_at": call.now}
    return await dated_tables.set_row(
        HardshipStandard, org_unit_id, effective_from, values, partial(_audit_standard, call)
    )


async def _audit_standard(call: Call, standard: HardshipStandard) -> None:
    await audit.record(
        call,
        "hardship_standard.set",
        target_type="HardshipStandard",
        target_id=standard.id,
        summary={
            "orgUnitId": standard.org_unit_id,
            "monthlyIncomePerCapita": standard.monthly_income_per_capita,
            "effectiveFrom": standard.effective_from,
        },
    )


async def list_hardship_standards() -> list[HardshipStandard]:
    """Every standard, by unit and date (for the command line)."""
    return await HardshipStandard.all().order_by("org_unit_id", "effective_from")
