"""Violations of the supervision rules, recorded by an officer with the facts or by
the app itself (a missed report, a late return from leave, days absconded), each
with the measure the record suggests (sanction_rules.py; 社区矫正法 Art. 28)."""

from __future__ import annotations

from datetime import date

from tortoise.transactions import in_transaction

from api.domain.common import audit, paging, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.periods import local_day
from api.domain.common.validators import int_range, text
from api.domain.corrections import ending, persons, records, sanction_rules, search
from api.models.corrections import SupervisedPerson
from api.models.enums import CorrectionType, SupervisionStatus
from api.models.leave import LeaveRequest
from api.models.sanctions import (
    Sanction,
    SanctionMeasure,
    SanctionStatus,
    Violation,
    ViolationKind,
)
from api.models.search import SearchRecord

FACTS_MAX = 5000
DAYS_RANGE = (0, 3650)


async def _suggestion(
    person: SupervisedPerson, kind: ViolationKind, began_on: date, days: int | None
) -> sanction_rules.Threshold:
    """The suggestion as the record stands: the person's decided 训诫 and 警告 so far."""
    decided = await Sanction.filter(
        person_id=person.id,
        status=SanctionStatus.APPROVED,
        measure__in=[SanctionMeasure.ADMONITION, SanctionMeasure.WARNING],
    ).values_list("measure", flat=True)
    return sanction_rules.suggest(
        sanction_rules.Record(
            kind=kind,
            correction_type=CorrectionType(person.correction_type),
            began_on=began_on,
            days=days,
            admonitions=sum(1 for m in decided if m == SanctionMeasure.ADMONITION),
            warnings=sum(1 for m in decided if m == SanctionMeasure.WARNING),
        )
    )


async def _store(
    call: Call,
    person: SupervisedPerson,
    *,
    kind: ViolationKind,
    occurred_on: date,
    facts: str,
    days: int | None,
    by_app: bool,
    source_key: str | None = None,
    leave_id: int | None = None,
    search_record_id: int | None = None,
) -> Violation:
    threshold = await _suggestion(person, kind, occurred_on, days)
    row = await Violation.create(
        person_id=person.id,
        kind=kind,
        occurred_on=occurred_on,
        facts=facts,
        days=days,
        leave_id=leave_id,
        search_record_id=search_record_id,
        source_key=source_key,
        recorded_by_id=None if by_app else scope.require_viewer(call).id,
        recorded_at=call.now,
        suggested_measure=threshold.measure,
        suggestion_basis=threshold.basis,
    )
    await audit.record(
        call,
        "violation.record",
        target_type="SupervisedPerson",
        target_id=person.id,
        summary={
            "violation": row.id,
            "kind": kind,
            "days": days,
            "byApp": by_app,
            "suggested": threshold.measure,
            "basis": threshold.basis,
        },
    )
    return row


async def record_violation(
    call: Call,
    person_id: int,
    *,
    kind: ViolationKind,
    occurred_on: date,
    facts: str,
    days: int | None,
) -> Violation:
    """An officer's record of a breach, with the facts (法 Art. 28). A breach
    counted in days (late for intake, absconded) needs them; others have none."""
    kind = ViolationKind(kind)
    stated = text(facts, "facts", max_len=FACTS_MAX)
    occurred_on = ending.past_date(call, occurred_on, "occurredOn")
    if kind in sanction_rules.DAY_COUNTED:
        if days is None:
            raise BadInput("VIOLATION_DAYS_REQUIRED", field="days")
        days = int_range(days, "days", *DAYS_RANGE)
    elif days is not None:
        raise BadInput("VIOLATION_DAYS_NOT_COUNTED", field="days")
    async with in_transaction():
        person = await persons.person_for(call, person_id, persons.STAFF, lock=True)
        if SupervisionStatus(person.status) not in ending.UNDER_SUPERVISION:
            raise BadInput("VIOLATION_NOT_UNDER_SUPERVISION", field="personId")
        if occurred_on < local_day(person.enrolled_at):
            raise BadInput("VIOLATION_BEFORE_ENROLMENT", field="occurredOn")
        return await _store(
            call, person, kind=kind, occurred_on=occurred_on, facts=stated, days=days, by_app=False
        )


async def record_by_app(
    call: Call,
    person: SupervisedPerson,
    source_key: str,
    *,
    kind: ViolationKind,
    occurred_on: date,
    facts: str,
    days: int | None = None,
    leave_id: int | None = None,
    search_record_id: int | None = None,
) -> Violation | None:
    """A violation the app records itself, once per cause (`source_key`), in the
    caller's transaction; None when that cause is on the record already."""
    if await Violation.exists(source_key=source_key):
        return None
    return await _store(
        call,
        person,
        kind=kind,
        occurred_on=occurred_on,
        facts=facts,
        days=days,
        by_app=True,
        source_key=source_key,
        leave_id=leave_id,
        search_record_id=search_record_id,
    )


async def record_absconding(call: Call, person: SupervisedPerson, record: SearchRecord) -> None:
    """When an absconded person is found: the days absconded (法 Art. 30), from
    the closed search record."""
    days = search.absence_days(record)
    await record_by_app(
        call,
        person,
        f"absconded:{record.id}",
        kind=ViolationKind.ABSCONDED,
        occurred_on=record.lost_on,
        facts=f"脱离监管 {days} 日（{record.lost_on.isoformat()} 至 {record.found_on}）。",
        days=days,
        search_record_id=record.id,
    )


def late_return_facts(leave: LeaveRequest, days: int, returned: bool) -> str:
    assert leave.ends_on is not None  # a leave, not a move
    end = leave.ends_on.isoformat()
    if returned:
        return f"外出期满（{end}）后逾期 {days} 日返回报告。"
    return f"外出期满（{end}）后未按期返回报告。"


def late_return_key(leave_id: int) -> str:
    return f"late_return:{leave_id}"


async def violations(
    call: Call,
    *,
    person_id: int | None,
    open_only: bool,
    limit: int,
    after: paging.IdPosition | None,
) -> paging.Page[Violation]:
    """Violations in the viewer's scope (records.person_records), newest first;
    `open_only`: those no sanction proposed or decided covers."""
    filters = {"sanction_id": None} if open_only else {}
    return await records.person_records(
        call, Violation, person_id=person_id, limit=limit, after=after, **filters
    )
