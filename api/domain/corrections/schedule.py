"""When a supervised person's check-ins are due and when one is missed.

How often a person reports is the person's plan: by default the interval of
the grade (分类管理) in force for the office (intervals.py, a dated table per
unit: no national figure exists), which the officer may change for the person.
Every write locks the person's row first, so the schedule kept on the row
(`last_check_in_at`, `next_due_at`, `overdue_at`) is always computed by one
writer at a time from every committed check-in, by `plan_schedule`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.expressions import Q
from tortoise.functions import Max
from tortoise.transactions import in_transaction

from api.domain.common import audit
from api.domain.common.call import Call
from api.domain.common.validators import CHINA_TZ, int_range
from api.domain.corrections.persons import STAFF, person_for
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import CheckInKind, CheckInStatus, SupervisionStatus

DEFAULT_GRACE_HOURS = 24
INTERVAL_DAYS_RANGE = (1, 90)
# The caseload's queries rely on the upper bound (see caseload._in_group).
GRACE_HOURS_RANGE = (0, 168)


@dataclass(frozen=True)
class Schedule:
    last_check_in_at: datetime | None
    next_due_at: datetime
    overdue_at: datetime


def plan_schedule(
    enrolled_at: datetime,
    last_check_in_at: datetime | None,
    interval_days: int,
    grace_hours: int,
) -> Schedule:
    """The one rule for when a check-in is due and when it is missed.

    Due `interval_days` after the last accepted check-in (or after intake,
    入矫), missed `grace_hours` after that.
    """
    anchor = last_check_in_at or enrolled_at
    due = anchor + timedelta(days=interval_days)
    return Schedule(last_check_in_at, due, due + timedelta(hours=grace_hours))


def term_end_moment(person: SupervisedPerson) -> datetime:
    """When the term has run out: the end of its last day, termEnd, in China.

    矫正期满 (法 Art. 44): on termEnd the person is still under supervision; from
    the next day on nothing more is due, and the person is due for release.
    """
    after = person.term_end + timedelta(days=1)
    return datetime(after.year, after.month, after.day, tzinfo=CHINA_TZ)


def term_ended(person: SupervisedPerson, now: datetime) -> bool:
    """The term has run out (see term_end_moment): no more reports are due and
    no reminders go out; the person waits for release (解除, 法 Art. 44)."""
    return now >= term_end_moment(person)


def due_in_term(person: SupervisedPerson, due: datetime) -> bool:
    """A report due at `due` is owed: it falls within the term."""
    return due < term_end_moment(person)


def in_term_on(now: datetime) -> Q:
    """A filter on SupervisedPerson for terms still running at `now`, as
    term_ended says (a coarse first cut by date; due_in_term decides)."""
    return Q(term_end__gte=now.astimezone(CHINA_TZ).date())


def is_overdue(person: SupervisedPerson, now: datetime) -> bool:
    return person.status == SupervisionStatus.ACTIVE and now > person.overdue_at


def next_check_in_due(person: SupervisedPerson) -> datetime | None:
    return person.next_due_at if person.status == SupervisionStatus.ACTIVE else None


# The person's own reports (法 Art. 23): a self-report, or reporting in person
# at the office. A home visit (实地查访, 法 Art. 26) is the office checking on
# the person: it is recorded, but it is not the person's report and never
# moves the schedule, so it cannot hide a missed report.
REPORT_KINDS = frozenset({CheckInKind.SELF_REPORT, CheckInKind.IN_PERSON})


def is_report(kind: CheckInKind | str) -> bool:
    return CheckInKind(kind) in REPORT_KINDS


async def last_accepted_at(person_id: int, before: datetime | None = None) -> datetime | None:
    """capturedAt of the newest report that counts (not REJECTED, not a home
    visit), optionally before a time."""
    query = CheckIn.filter(person_id=person_id, kind__in=list(REPORT_KINDS)).exclude(
        status=CheckInStatus.REJECTED
    )
    if before is not None:
        query = query.filter(captured_at__lt=before)
    rows = await query.annotate(last=Max("captured_at")).values_list("last", flat=True)
    return as_datetime(rows[0] if rows else None)


def as_datetime(value: object) -> datetime | None:
    # SQLite hands an aggregate of a timestamp back as text.
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


async def refresh_schedule(person: SupervisedPerson) -> None:
    """Recompute the row's schedule from the committed check-ins and the plan."""
    schedule = plan_schedule(
        person.enrolled_at,
        await last_accepted_at(person.id),
        person.check_in_interval_days,
        person.grace_hours,
    )
    await save_schedule(person, schedule)


async def save_schedule(person: SupervisedPerson, schedule: Schedule) -> None:
    """Keep the schedule on the row: one UPDATE of the three columns."""
    person.last_check_in_at = schedule.last_check_in_at
    person.next_due_at = schedule.next_due_at
    person.overdue_at = schedule.overdue_at
    await person.save(update_fields=["last_check_in_at", "next_due_at", "overdue_at"])


async def set_check_in_plan(
    call: Call, person_id: int, interval_days: int, grace_hours: int
) -> SupervisedPerson:
    """The officer adjusts how often the person reports (the plan is adjusted
    as the person's conduct changes, 法 Art. 24)."""
    interval = int_range(interval_days, "intervalDays", *INTERVAL_DAYS_RANGE)
    grace = int_range(grace_hours, "graceHours", *GRACE_HOURS_RANGE)
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        before = {"intervalDays": person.check_in_interval_days, "graceHours": person.grace_hours}
        person.check_in_interval_days = interval
        person.grace_hours = grace
        await person.save(update_fields=["check_in_interval_days", "grace_hours"])
        await refresh_schedule(person)
        await audit.record(
            call,
            "person.set_plan",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"before": before, "intervalDays": interval, "graceHours": grace},
        )
    return person
