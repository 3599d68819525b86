"""How many of the reports due in a period were made on time.

A due period is what the schedule (schedule.plan_schedule) asks of a person:
a report within `intervalDays` of the last one (or of intake), missed
`graceHours` after that. Each accepted report closes one period, on time
unless `late`. A period that passes its deadline with no report is missed,
and while the person stays silent the next one falls due an interval later;
of a run of missed periods closed by a late report, the first is that
report's. A period counts in the window when it was decided there: a report when
it was made, a missed period at its deadline. Nothing falls due after the
term (schedule.due_in_term), nor, while not ACTIVE, after the last
report. The plan is the one in force now: the row keeps no history of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.functions import Max

from api.domain.corrections.schedule import (
    GRACE_HOURS_RANGE,
    REPORT_KINDS,
    as_datetime,
    term_end_moment,
)
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import CheckInStatus, SupervisionStatus

_LONGEST_GRACE = timedelta(hours=GRACE_HOURS_RANGE[1], days=1)


@dataclass(frozen=True)
class Compliance:
    due: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def missed_deadlines(
    first: datetime, step: timedelta, lo: datetime, hi: datetime, *, skip_first: bool
) -> int:
    """How many of first, first + step, first + 2·step, … lie in [lo, hi),
    leaving out `first` itself with `skip_first`."""
    start = 1 if skip_first else 0
    # j-th deadline: first + j·step; j from max(start, ⌈(lo-first)/step⌉) to ⌈(hi-first)/step⌉ - 1.
    j_lo = max(start, -((first - lo) // step))
    j_hi = -((first - hi) // step) - 1
    return max(0, j_hi - j_lo + 1)


def _missed_in_gap(
    person: SupervisedPerson,
    anchor: datetime,
    closed_by: datetime | None,
    since: datetime,
    now: datetime,
) -> int:
    step = timedelta(days=person.check_in_interval_days)
    grace = timedelta(hours=person.grace_hours)
    first = anchor + step + grace
    # A period is owed when it falls due within the term (schedule.due_in_term);
    # it is missed at its deadline, which may come after the term's end.
    hi = min(closed_by or now, now, term_end_moment(person) + grace)
    return missed_deadlines(first, step, since, hi, skip_first=closed_by is not None)


async def compliance(unit_ids: Sequence[int], since: datetime, now: datetime) -> Compliance:
    """Reports due in [since, now) of the persons of these units: three
    statements whatever their number (persons, reports in the window, and
    the report before the window of those who reported in it)."""
    ids = list(unit_ids)
    if not ids:
        return Compliance(0, 0)
    persons = {
        p.id: p
        for p in await SupervisedPerson.filter(
            org_unit_id__in=ids,
            enrolled_at__lt=now,
            # A deadline in the window is at most the longest grace after the term.
            term_end__gte=(since - _LONGEST_GRACE).date(),
        ).only(
            "id",
            "status",
            "term_end",
            "enrolled_at",
            "check_in_interval_days",
            "grace_hours",
            "last_check_in_at",
        )
    }
    if not persons:
        return Compliance(0, 0)
    reports = CheckIn.filter(person_id__in=list(persons), kind__in=list(REPORT_KINDS)).exclude(
        status=CheckInStatus.REJECTED
    )
    in_window: dict[int, list[tuple[datetime, bool]]] = defaultdict(list)
    for person_id, captured, late in (
        await reports.filter(captured_at__gte=since, captured_at__lt=now)
        .order_by("person_id", "captured_at")
        .values_list("person_id", "captured_at", "late")
    ):
        in_window[person_id].append((captured, bool(late)))
    before: dict[int, datetime] = {}
    if in_window:
        rows = (
            await reports.filter(person_id__in=list(in_window), captured_at__lt=since)
            .annotate(last=Max("captured_at"))
            .group_by("person_id")
            .values_list("person_id", "last")
        )
        before = {pid: moment for pid, last in rows if (moment := as_datetime(last)) is not None}
    due = on_time = 0
    for person in persons.values():
        made = in_window.get(person.id, [])
        if made:
            anchor = before.get(person.id, person.enrolled_at)
        else:
            # No report in the window: the newest one, kept on the row, is older.
            anchor = person.last_check_in_at or person.enrolled_at
        for captured, late in made:
            due += 1
            on_time += not late
            due += _missed_in_gap(person, anchor, captured, since, now)
            anchor = captured
        if person.status == SupervisionStatus.ACTIVE:
            due += _missed_in_gap(person, anchor, None, since, now)
    return Compliance(due, on_time)
