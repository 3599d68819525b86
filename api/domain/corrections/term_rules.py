"""How long a term of community corrections can lawfully run, by its kind.

The term recorded at enrolment is the part served in the community, from
its first day (termStart) to its last (termEnd, still under supervision:
schedule.term_end_moment), both counted in (刑法 Art. 99: 以上、以下 include
the figure). A term of N months from 1 January ends on the last day before
1 January + N months. What the code enforces is the span no lawful term of
that kind can leave, so that an absurd one (1900-01-01 to 9999-12-31) is
refused and no real one is:

- 管制: 3 months to 2 years (刑法 Art. 38 ¶1), up to 3 years for several
  crimes (Art. 69 ¶1). It runs from the day the judgment is executed and
  each day held before it counts for two (Art. 41), so what is left to serve
  can be shorter than 3 months: only the 3 years bound the recorded term.
- 缓刑: for 拘役 from the sentence to 1 year, never under 2 months; for
  有期徒刑 from the sentence to 5 years, never under 1 year (Art. 73 ¶1-2),
  from the day the judgment takes effect (¶3, no credit for custody). The
  original sentence is not recorded, so the term lies within 2 months
  (the shortest, 拘役's) and 5 years (the longest, 有期徒刑's).
- 假释: the part of a fixed term not yet served; 10 years after a life
  sentence (Art. 83 ¶1). No fixed term is longer than 25 years (Art. 50 ¶1,
  Art. 69 ¶1), so neither is what remains of one.
- 暂予监外执行: as long as its decision says (刑事诉讼法 Art. 265), never
  beyond the sentence it suspends: within the same 25 years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from api.domain.common.errors import BadInput
from api.domain.common.periods import add_months
from api.models.enums import CorrectionType


@dataclass(frozen=True)
class TermBounds:
    """The shortest and longest lawful term, in whole months."""

    min_months: int | None
    max_months: int


# The longest fixed term of imprisonment (刑法 Art. 50 ¶1, Art. 69 ¶1).
_LONGEST_FIXED_TERM_MONTHS = 25 * 12

TERM_BOUNDS: dict[CorrectionType, TermBounds] = {
    # 刑法 Art. 38 ¶1, Art. 69 ¶1 (several crimes: 3 years); Art. 41 (custody counts double).
    CorrectionType.CONTROL: TermBounds(min_months=None, max_months=3 * 12),
    # 刑法 Art. 73 ¶1-2: 拘役's at least 2 months, 有期徒刑's at most 5 years.
    CorrectionType.PROBATION: TermBounds(min_months=2, max_months=5 * 12),
    # 刑法 Art. 83 ¶1: the unserved part of a fixed term (at most 25 years), or 10 years.
    CorrectionType.PAROLE: TermBounds(min_months=None, max_months=_LONGEST_FIXED_TERM_MONTHS),
    # 刑事诉讼法 Art. 265: within the sentence it suspends.
    CorrectionType.TEMPORARY_OUTSIDE_PRISON: TermBounds(
        min_months=None, max_months=_LONGEST_FIXED_TERM_MONTHS
    ),
}


def last_day_of(start: date, months: int) -> date:
    """The last day of a term of `months` months from `start`, both counted in
    (the calendar's last day when it would fall past it)."""
    try:
        return add_months(start, months) - timedelta(days=1)
    except (ValueError, OverflowError):
        return date.max


def check_term(correction_type: CorrectionType, start: date, end: date) -> None:
    """BAD_USER_INPUT on termEnd for a term no lawful one of its kind can be."""
    if end <= start:
        raise BadInput("TERM_END_BEFORE_START", field="termEnd")
    bounds = TERM_BOUNDS[CorrectionType(correction_type)]
    if bounds.min_months is not None and end < last_day_of(start, bounds.min_months):
        raise BadInput("TERM_TOO_SHORT", field="termEnd", months=bounds.min_months)
    if end > last_day_of(start, bounds.max_months):
        raise BadInput("TERM_TOO_LONG", field="termEnd", months=bounds.max_months)


def rule_table() -> dict[str, dict[str, int | None]]:
    """The bounds as the enrol form reads them (api/input_rules.py)."""
    return {
        str(kind): {"minMonths": b.min_months, "maxMonths": b.max_months}
        for kind, b in TERM_BOUNDS.items()
    }
