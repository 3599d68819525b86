"""Education and public-interest activities (教育学习、公益活动, 社区矫正法 Art. 36, 42).

「社区矫正机构根据需要，对社区矫正对象进行法治、道德等教育…因人施教。」(法 Art. 36)
「社区矫正机构可以根据社区矫正对象的个人特长，组织其参加公益活动…」(法 Art. 42)

An office records a session (a day, its hours) with the persons it is set
for: each is a task of the person's month, and attendance is recorded after.
The hours a month that are expected are no national figure: a dated table per
unit (EducationHoursStandard), unset where no unit above has one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, dated_tables, idempotency, paging, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.periods import local_day
from api.domain.common.validators import client_uuid, text
from api.domain.corrections import ending
from api.domain.corrections.persons import READERS, STAFF, person_for
from api.models.accounts import OrgUnit
from api.models.corrections import SupervisedPerson
from api.models.education import ActivityAttendance, EducationActivity, EducationHoursStandard
from api.models.enums import ActivityKind, Role, SupervisionStatus

TITLE_MAX = 100
# A session lasts at most a working day; hours are kept to a tenth.
HOURS_MAX = Decimal("12")
MONTHLY_HOURS_MAX = Decimal("200")
PERSONS_MAX = 100
_TENTH = Decimal("0.1")
# Years of this era only: a month of year 9999 would have no month after it.
_MONTH = re.compile(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])")
STANDARD_SETTERS = frozenset({Role.SUPERVISOR, Role.ADMIN})


def hours_value(value: float, field: str, *, maximum: Decimal = HOURS_MAX) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(_TENTH, rounding=ROUND_HALF_UP)
    except ArithmeticError as exc:
        raise BadInput("HOURS_RANGE", field=field, max=maximum) from exc
    if not hours.is_finite() or not Decimal(0) < hours <= maximum:
        raise BadInput("HOURS_RANGE", field=field, max=maximum)
    return hours


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def next_first(self) -> date:
        return date(self.year + self.month // 12, self.month % 12 + 1, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def month_of(value: str | None, call: Call, field: str = "month") -> Month:
    """A month written YYYY-MM, or the current one in China."""
    if value is None:
        today = ending.today(call)
        return Month(today.year, today.month)
    found = _MONTH.fullmatch(value.strip())
    if found is None:
        raise BadInput("MONTH_FORMAT", field=field)
    return Month(int(found.group(1)), int(found.group(2)))


def local_month(moment: datetime) -> Month:
    day = local_day(moment)
    return Month(day.year, day.month)


async def record_activity(
    call: Call,
    *,
    client_id: str,
    org_unit_id: int,
    kind: ActivityKind,
    title: str,
    held_on: date,
    hours: float,
    for_minors: bool,
    person_ids: Sequence[int],
) -> EducationActivity:
    """A session of the office, with the persons it is set for; stored once per clientId."""
    viewer = scope.require_role(call, STAFF)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        EducationActivity,
        cid,
        viewer,
        lambda stored: stored.recorded_by_id,
        _store_activity(
            call,
            cid,
            org_unit_id=org_unit_id,
            kind=ActivityKind(kind),
            title=title,
            held_on=held_on,
            hours=hours,
            for_minors=for_minors,
            person_ids=person_ids,
        ),
    )


async def _store_activity(
    call: Call,
    cid: str,
    *,
    org_unit_id: int,
    kind: ActivityKind,
    title: str,
    held_on: date,
    hours: float,
    for_minors: bool,
    person_ids: Sequence[int],
) -> EducationActivity:
    viewer = scope.require_role(call, STAFF)
    name = text(title, "title", max_len=TITLE_MAX)
    length = hours_value(hours, "hours")
    ids = list(dict.fromkeys(person_ids))
    if len(ids) > PERSONS_MAX:
        raise BadInput("ACTIVITY_TOO_MANY_PERSONS", field="personIds", max=PERSONS_MAX)
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    async with in_transaction():
        persons: list[SupervisedPerson] = []
        for i, person_id in enumerate(ids):
            person = await person_for(call, person_id, STAFF)
            if SupervisionStatus(person.status) is not SupervisionStatus.ACTIVE:
                raise BadInput("ACTIVITY_PERSON_NOT_ACTIVE", field=f"personIds.{i}")
            # 法 Art. 52 ¶3: 对未成年人的社区矫正，应当与成年人分别进行。
            if person.minor_at_start != for_minors:
                raise BadInput("ACTIVITY_MINORS_APART", field=f"personIds.{i}")
            persons.append(person)
        row = await EducationActivity.create(
            client_id=cid,
            org_unit_id=org_unit_id,
            kind=kind,
            title=name,
            held_on=held_on,
            hours=length,
            for_minors=for_minors,
            recorded_by_id=viewer.id,
            recorded_at=call.now,
        )
        if persons:
            await ActivityAttendance.bulk_create(
                [
                    ActivityAttendance(activity_id=row.id, person_id=p.id, held_on=held_on)
                    for p in persons
                ]
            )
        await audit.record(
            call,
            "activity.record",
            target_type="EducationActivity",
            target_id=row.id,
            summary={
                "orgUnitId": org_unit_id,
                "kind": kind,
                "heldOn": held_on,
                "hours": str(length),
                "persons": [p.id for p in persons],
            },
        )
    return row


async def record_attendance(
    call: Call, activity_id: int, person_id: int, *, attended: bool, hours: float | None
) -> ActivityAttendance:
    """Whether a person set for a session came, and for how many of its hours
    (all of them unless said); recorded on or after the day, corrected by
    recording again."""
    viewer = scope.require_role(call, STAFF)
    async with in_transaction():
        activity = await _activity_in_scope(call, activity_id)
        if activity.held_on > ending.today(call):
            raise BadInput("ATTENDANCE_BEFORE_SESSION", field="activityId")
        row = (
            await ActivityAttendance.filter(activity_id=activity.id, person_id=person_id)
            .select_for_update()
            .first()
        )
        if row is None:
            raise scope.not_found("ATTENDANCE_NOT_FOUND")
        spent = Decimal(0)
        if attended:
            spent = activity.hours if hours is None else hours_value(hours, "hours")
            if spent > activity.hours:
                raise BadInput("ATTENDANCE_HOURS_OVER", field="hours", max=activity.hours)
        row.attended = attended
        row.hours = spent
        row.recorded_by_id = viewer.id
        row.recorded_at = call.now
        await row.save(update_fields=["attended", "hours", "recorded_by_id", "recorded_at"])
        await audit.record(
            call,
            "activity.attendance",
            target_type="EducationActivity",
            target_id=activity.id,
            summary={"personId": person_id, "attended": attended, "hours": str(spent)},
        )
    return row


async def _activity_in_scope(call: Call, activity_id: int) -> EducationActivity:
    unit_ids = await scope.corrections_unit_ids(call)
    return await scope.one_in_scope(
        EducationActivity,
        Q(org_unit_id__in=unit_ids) if unit_ids else None,
        activity_id,
        "ACTIVITY_NOT_FOUND",
        lock=True,
    )


# ------------------------------------------------------------------ lists


@dataclass(frozen=True)
class ActivityPosition(paging.Position):
    held_on: str
    id: int

    def __post_init__(self) -> None:
        date.fromisoformat(self.held_on)


async def list_activities(
    call: Call,
    *,
    person_id: int | None,
    month: Month,
    limit: int,
    after: ActivityPosition | None,
) -> paging.Page[EducationActivity]:
    """The month's sessions: of the viewer's offices (or set for one person);
    a person sees only the sessions set for them. In day order."""
    viewer = scope.require_role(call, READERS)
    query = EducationActivity.filter(held_on__gte=month.first, held_on__lt=month.next_first)
    if person_id is not None or viewer.role is Role.SUPERVISED_PERSON:
        person = await _reader_person(call, person_id)
        query = query.filter(attendance__person_id=person.id)
    else:
        unit_ids = await scope.corrections_unit_ids(call)
        if not unit_ids:
            return paging.empty()
        query = query.filter(org_unit_id__in=unit_ids)
    total = await query.count()
    if after is not None:
        day = date.fromisoformat(after.held_on)
        query = query.filter(Q(held_on__gt=day) | Q(held_on=day, id__gt=after.id))
    rows = await query.order_by("held_on", "id").limit(limit + 1)
    return paging.page_of(
        rows, limit, lambda r: ActivityPosition(r.held_on.isoformat(), r.id), total=total
    )


async def _reader_person(call: Call, person_id: int | None) -> SupervisedPerson:
    viewer = scope.require_role(call, READERS)
    if person_id is None:
        own = await SupervisedPerson.get_or_none(account_id=viewer.id)
        if own is None:
            raise scope.not_found("PERSON_NOT_FOUND")
        return own
    return await person_for(call, person_id, READERS)


async def attendance_of(activity_ids: Sequence[int]) -> dict[int, list[ActivityAttendance]]:
    found: dict[int, list[ActivityAttendance]] = {i: [] for i in activity_ids}
    rows = await ActivityAttendance.filter(activity_id__in=list(activity_ids)).order_by("id")
    for row in rows:
        found[row.activity_id].append(row)
    return found


async def activities_by_id(ids: Sequence[int]) -> list[EducationActivity]:
    return await EducationActivity.filter(id__in=list(ids))


@dataclass(frozen=True)
class MonthSummary:
    """A person's month: the sessions set (tasks), the hours attended and the
    hours the unit's table expects (None where no table is in force)."""

    month: Month
    person: SupervisedPerson
    tasks: list[ActivityAttendance]
    hours_done: Decimal
    hours_expected: Decimal | None


async def month_summary(call: Call, person_id: int | None, month: str | None) -> MonthSummary:
    person = await _reader_person(call, person_id)
    wanted = month_of(month, call)
    tasks = await ActivityAttendance.filter(
        person_id=person.id, held_on__gte=wanted.first, held_on__lt=wanted.next_first
    ).order_by("held_on", "id")
    done = sum((t.hours or Decimal(0) for t in tasks if t.attended), Decimal(0))
    unit = await OrgUnit.get(id=person.org_unit_id)
    standard = await dated_tables.in_force(EducationHoursStandard, unit.path, wanted.first)
    return MonthSummary(
        month=wanted,
        person=person,
        tasks=tasks,
        hours_done=done,
        hours_expected=standard.monthly_hours if standard else None,
    )


# ------------------------------------------------------------------ the unit's table


async def set_hours_standard(
    call: Call, org_unit_id: int, effective_from: date, monthly_hours: float
) -> EducationHoursStandard:
    """A SUPERVISOR or ADMIN sets (or for the same day corrects) the hours a
    month a unit and the units below expect, from a date."""
    viewer = scope.require_role(call, STANDARD_SETTERS)
    hours = hours_value(monthly_hours, "monthlyHours", maximum=MONTHLY_HOURS_MAX)
    if not await scope.corrections_unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    values: dict[str, object] = {
        "monthly_hours": hours,
        "set_by_id": viewer.id or None,
        "created_at": call.now,
    }
    return await dated_tables.set_row(
        EducationHoursStandard, org_unit_id, effective_from, values, partial(_audit_standard, call)
    )


async def _audit_standard(call: Call, row: EducationHoursStandard) -> None:
    await audit.record(
        call,
        "education_hours.set",
        target_type="EducationHoursStandard",
        target_id=row.id,
        summary={
            "orgUnitId": row.org_unit_id,
            "effectiveFrom": row.effective_from,
            "monthlyHours": str(row.monthly_hours),
        },
    )
