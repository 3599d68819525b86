"""The measure the record suggests for a violation: one table, each row cited.

社区矫正法 Art. 28 ¶1: a breach is met 「视情节」 with 训诫, 警告, a request to
the police for a public-security penalty, or a proposal to revoke 缓刑 or
假释 or to 收监 a person on 暂予监外执行. The grounds of each measure are
实施办法 Art. 34 (训诫), 35 (警告) and 46 (the proposal to revoke 缓刑), as a
local justice bureau quotes them (docs/law/community-corrections.md §6; the
2020 text itself could not be checked, so the article numbers are as
commonly cited). These are national rules, not provincial figures: a table
here, not a dated table per unit.

The table is read from the strongest measure down; the first row that holds
is the suggestion. The officer may propose another measure with a reason
(sanctions.propose_sanction); the county body decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from api.domain.common.periods import add_months
from api.models.enums import CorrectionType
from api.models.sanctions import SanctionMeasure, ViolationKind

# 实施办法 Art. 34 (一): 「…脱离监管，未超过十日的」 训诫; Art. 35 (二): 「超过十日的」 警告.
ADMONITION_MAX_DAYS = 10
# 实施办法 Art. 46 (二): 「…脱离监管，超过一个月的」 a proposal to revoke.
REVOCATION_AFTER_MONTHS = 1
# 实施办法 Art. 35 (五) 「受到社区矫正机构两次训诫，仍不改正的」 警告; Art. 46 (四)
# 「受到社区矫正机构两次警告，仍不改正的」 a proposal to revoke.
UNCORRECTED_AFTER = 2

# The ladder, mildest first (法 Art. 28 ¶1).
LADDER = (
    SanctionMeasure.ADMONITION,
    SanctionMeasure.WARNING,
    SanctionMeasure.REVOCATION_PROPOSAL,
)
# Counted in days from the day it began: late for intake, or absconded.
DAY_COUNTED = frozenset({ViolationKind.LATE_REPORT, ViolationKind.ABSCONDED})
# 管制 has nothing to revoke (法 Art. 46, 49; revocation.revocation_kind): its
# ladder ends below the proposal.
REVOCABLE = frozenset(
    {CorrectionType.PROBATION, CorrectionType.PAROLE, CorrectionType.TEMPORARY_OUTSIDE_PRISON}
)


@dataclass(frozen=True)
class Record:
    """What the suggestion is made from: the violation and the person's
    decided sanctions before it."""

    kind: ViolationKind
    correction_type: CorrectionType
    began_on: date
    days: int | None
    admonitions: int
    warnings: int

    @property
    def ended_on(self) -> date | None:
        return None if self.days is None else self.began_on + timedelta(days=self.days)

    def over_a_month(self) -> bool:
        # 「超过一个月」: past the same day number a month on (1 March → after 1 April).
        end = self.ended_on
        return end is not None and end > add_months(self.began_on, REVOCATION_AFTER_MONTHS)


@dataclass(frozen=True)
class Threshold:
    basis: str
    measure: SanctionMeasure
    cite: str
    holds: Callable[[Record], bool]
    revocable_only: bool = False


def _days(r: Record) -> int:
    return r.days or 0


THRESHOLDS: tuple[Threshold, ...] = (
    Threshold(
        "ART46_2",
        SanctionMeasure.REVOCATION_PROPOSAL,
        "实施办法 Art. 46 (二): 不按规定时间报到或者脱离监管，超过一个月",
        lambda r: r.kind in DAY_COUNTED and r.over_a_month(),
        revocable_only=True,
    ),
    Threshold(
        "ART46_4",
        SanctionMeasure.REVOCATION_PROPOSAL,
        "实施办法 Art. 46 (四): 受到两次警告，仍不改正",
        lambda r: r.warnings >= UNCORRECTED_AFTER,
        revocable_only=True,
    ),
    Threshold(
        "ART46_5",
        SanctionMeasure.REVOCATION_PROPOSAL,
        "实施办法 Art. 46 (五): 其他违反监督管理规定，情节严重",
        lambda r: r.kind is ViolationKind.GRAVE_BREACH,
        revocable_only=True,
    ),
    Threshold(
        "ART35_2",
        SanctionMeasure.WARNING,
        "实施办法 Art. 35 (二): 不按规定时间报到或者脱离监管，超过十日",
        lambda r: r.kind in DAY_COUNTED and _days(r) > ADMONITION_MAX_DAYS,
    ),
    Threshold(
        "ART35_5",
        SanctionMeasure.WARNING,
        "实施办法 Art. 35 (五): 受到两次训诫，仍不改正",
        lambda r: r.admonitions >= UNCORRECTED_AFTER,
    ),
    Threshold(
        "ART35_6",
        SanctionMeasure.WARNING,
        "实施办法 Art. 35 (三)(六): 违反监督管理规定，情节较重 (管制: 情节严重 too, "
        "with nothing to revoke)",
        lambda r: r.kind in (ViolationKind.SERIOUS_BREACH, ViolationKind.GRAVE_BREACH),
    ),
    Threshold(
        "ART34_1",
        SanctionMeasure.ADMONITION,
        "实施办法 Art. 34 (一): 不按规定时间报到或者脱离监管，未超过十日",
        lambda r: r.kind in DAY_COUNTED,
    ),
    Threshold(
        "ART34_2",
        SanctionMeasure.ADMONITION,
        "实施办法 Art. 34 (二)(四): 违反关于报告、外出等规定或其他规定，情节轻微 "
        "(a missed report or a late return: the officer weighs the facts)",
        lambda r: True,
    ),
)
BY_BASIS = {t.basis: t for t in THRESHOLDS}


def suggest(record: Record) -> Threshold:
    """The first row of THRESHOLDS that holds for the record."""
    revocable = record.correction_type in REVOCABLE
    for row in THRESHOLDS:
        if row.revocable_only and not revocable:
            continue
        if row.holds(record):
            return row
    raise AssertionError("the last threshold always holds")


def strongest(measures: list[SanctionMeasure]) -> SanctionMeasure:
    return max(measures, key=LADDER.index)
