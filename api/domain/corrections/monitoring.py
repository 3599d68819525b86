"""The register of electronic positioning (电子定位, 社区矫正法 Art. 29).

「社区矫正对象有下列情形之一的，经县级司法行政部门负责人批准，可以使用电子定位
装置…前款规定的使用电子定位装置的期限不得超过三个月。对于不需要继续使用的，应当
及时解除；对于期限届满后，经评估仍有必要继续使用的，经过批准，期限可以延长，每次
不得超过三个月。」(法 Art. 29 ¶1-2)

The app records the decision, its ground, approver and dates; it tracks no
one and holds no position (the device's data may serve corrections work only,
法 Art. 29 ¶3, and never passes through here).

The approver: the org tree has the county 司法局 (a JUSTICE_BUREAU unit) above
its offices, and a bureau's leadership holds SUPERVISOR accounts of that unit
(scope.area_root); no account is marked 负责人 on its own, so an active
SUPERVISOR of the county bureau above the person's office stands for the
bureau's head. 法 Art. 29 ¶2 says only 经过批准 for a renewal; the same
approver is asked again, the safe reading (docs/law/community-corrections.md §5).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, links, paging, scope
from api.domain.common.call import Call
from api.domain.common.dated_tables import ancestor_ids
from api.domain.common.errors import BadInput, Conflict, NotFound
from api.domain.common.validators import text
from api.domain.corrections import ending
from api.domain.corrections.persons import READERS, STAFF, person_for
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.enums import MonitoringGround, OrgUnitKind, Role, SupervisionStatus
from api.models.monitoring import ElectronicMonitoring, MonitoringRenewal

# 法 Art. 29 ¶2: 期限不得超过三个月; each renewal 每次不得超过三个月.
MAX_MONTHS = 3
# The officer hears 7 days before a decision runs out: an app choice, not law,
# time enough to have a renewal assessed and approved or to end it.
EXPIRY_REMINDER_DAYS = 7
FACTS_MAX = 2000
DOCUMENT_MAX = 64


class MonitoringState(StrEnum):
    IN_FORCE = "IN_FORCE"
    EXPIRED = "EXPIRED"  # ran out with no renewal
    ENDED = "ENDED"  # 解除 before it ran out


def add_months(day: date, months: int) -> date:
    """The same day-number `months` later, or that month's last day when it has
    none (31 Jan + 1 month = 28/29 Feb): a period of months counted as 刑诉法
    Art. 105 counts periods, the first day not counted (docs/law §0)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > date.max.year:
        return date.max  # no calendar beyond; any real date is before it
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_end(starts_on: date) -> date:
    """The last day a period of at most three months from `starts_on` may run to."""
    return add_months(starts_on, MAX_MONTHS)


def state_of(row: ElectronicMonitoring, today: date) -> MonitoringState:
    if row.ended_on is not None:
        return MonitoringState.ENDED
    return MonitoringState.IN_FORCE if today <= row.ends_on else MonitoringState.EXPIRED


@dataclass(frozen=True)
class Approval:
    """Who approved, on which day, under which document number. Every field is
    needed: without them the decision is refused (法 Art. 29 ¶1-2)."""

    approver_id: int | None
    approved_on: date | None
    document: str | None


async def county_bureau(unit: OrgUnit) -> OrgUnit | None:
    """The county 司法行政部门 above an office: its nearest JUSTICE_BUREAU ancestor."""
    ids = ancestor_ids(unit.path)
    bureaus = {b.id: b for b in await OrgUnit.filter(id__in=ids, kind=OrgUnitKind.JUSTICE_BUREAU)}
    return next((bureaus[i] for i in ids if i in bureaus), None)


async def approvers_for(person: SupervisedPerson) -> list[User]:
    """The accounts that may approve for this person: the active SUPERVISOR
    accounts of the county bureau above the person's office (see the module)."""
    bureau = await county_bureau(await OrgUnit.get(id=person.org_unit_id))
    if bureau is None:
        return []
    return await User.filter(org_unit_id=bureau.id, role=Role.SUPERVISOR, is_active=True).order_by(
        "display_name", "id"
    )


async def approvers(call: Call, person_id: int) -> list[User]:
    person = await person_for(call, person_id, STAFF)
    return await approvers_for(person)


async def _checked_approval(
    call: Call, person: SupervisedPerson, approval: Approval
) -> tuple[User, date, str]:
    # 法 Art. 29 ¶1 (经…负责人批准) for a start, ¶2 (经过批准) for a renewal.
    if approval.approver_id is None:
        raise BadInput("MONITORING_NEEDS_APPROVAL", field="approval.approverId")
    if approval.approved_on is None:
        raise BadInput("MONITORING_NEEDS_APPROVAL", field="approval.approvedOn")
    if approval.document is None or not approval.document.strip():
        raise BadInput("MONITORING_NEEDS_APPROVAL", field="approval.approvalDocument")
    document = text(approval.document, "approval.approvalDocument", max_len=DOCUMENT_MAX)
    approved_on = ending.past_date(call, approval.approved_on, "approval.approvedOn")
    allowed = {u.id: u for u in await approvers_for(person)}
    approver = allowed.get(approval.approver_id)
    if approver is None:
        # 法 Art. 29 ¶1: 经县级司法行政部门负责人批准.
        raise BadInput("MONITORING_APPROVER_NOT_COUNTY_HEAD", field="approval.approverId")
    return approver, approved_on, document


async def _monitoring_for(
    call: Call, monitoring_id: int, roles: frozenset[Role]
) -> tuple[ElectronicMonitoring, SupervisedPerson]:
    row = await ElectronicMonitoring.get_or_none(id=monitoring_id)
    if row is None:
        raise scope.not_found("MONITORING_NOT_FOUND")
    try:
        person = await person_for(call, row.person_id, roles, lock=True)
    except NotFound as exc:
        raise scope.not_found("MONITORING_NOT_FOUND") from exc
    row = await ElectronicMonitoring.filter(id=monitoring_id).select_for_update().get()
    return row, person


def _in_term(person: SupervisedPerson, starts_on: date, ends_on: date) -> None:
    if starts_on < person.term_start:
        raise BadInput("MONITORING_BEFORE_TERM", field="startsOn")
    if ends_on > person.term_end:
        raise BadInput("MONITORING_AFTER_TERM", field="endsOn", term_end=person.term_end)


async def start(
    call: Call,
    person_id: int,
    *,
    ground: MonitoringGround,
    facts: str,
    starts_on: date,
    ends_on: date,
    approval: Approval,
) -> ElectronicMonitoring:
    """Record a decision to use a positioning device on one of the five grounds
    of 法 Art. 29 ¶1, approved by the county bureau's head, for at most three
    months (¶2). One decision in force a person at a time."""
    viewer = scope.require_role(call, STAFF)
    ground = MonitoringGround(ground)
    # Grounds (三) and (四) presuppose a 警告 or a 治安管理处罚 given: the facts
    # must say which, until the sanctions register can be asked.
    stated = text(facts, "facts", max_len=FACTS_MAX)
    if ends_on < starts_on:
        raise BadInput("MONITORING_ENDS_BEFORE_START", field="endsOn")
    if ends_on > latest_end(starts_on):
        # 法 Art. 29 ¶2: 期限不得超过三个月.
        raise BadInput(
            "MONITORING_TOO_LONG", field="endsOn", months=MAX_MONTHS, latest=latest_end(starts_on)
        )
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        if SupervisionStatus(person.status) not in ending.UNDER_SUPERVISION:
            raise Conflict("SUPERVISION_ALREADY_ENDED", field="personId")
        approver, approved_on, document = await _checked_approval(call, person, approval)
        if starts_on < approved_on:
            raise BadInput("MONITORING_BEFORE_APPROVAL", field="startsOn")
        _in_term(person, starts_on, ends_on)
        today = ending.today(call)
        if await ElectronicMonitoring.exists(
            person_id=person.id, ended_on=None, ends_on__gte=today
        ):
            raise Conflict("MONITORING_IN_FORCE", field="personId")
        row = await ElectronicMonitoring.create(
            person_id=person.id,
            ground=ground,
            facts=stated,
            approved_by_id=approver.id,
            approved_on=approved_on,
            approval_document=document,
            starts_on=starts_on,
            ends_on=ends_on,
            recorded_by_id=viewer.id,
            recorded_at=call.now,
        )
        await audit.record(
            call,
            "monitoring.start",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "monitoring": row.id,
                "ground": ground,
                "approvedBy": approver.id,
                "startsOn": starts_on,
                "endsOn": ends_on,
            },
        )
    return row


async def renew(
    call: Call,
    monitoring_id: int,
    *,
    ends_on: date,
    assessment: str,
    approval: Approval,
) -> ElectronicMonitoring:
    """Extend a decision still in force, after an assessment and with approval,
    by at most three months from its current last day (法 Art. 29 ¶2)."""
    viewer = scope.require_role(call, STAFF)
    assessed = text(assessment, "assessment", max_len=FACTS_MAX)
    async with in_transaction():
        row, person = await _monitoring_for(call, monitoring_id, STAFF)
        state = state_of(row, ending.today(call))
        if state is not MonitoringState.IN_FORCE:
            raise Conflict("MONITORING_NOT_IN_FORCE", field="id")
        approver, approved_on, document = await _checked_approval(call, person, approval)
        previous = row.ends_on
        if ends_on <= previous:
            raise BadInput("MONITORING_RENEWAL_NOT_LATER", field="endsOn")
        if ends_on > latest_end(previous):
            # 法 Art. 29 ¶2: 每次不得超过三个月.
            raise BadInput(
                "MONITORING_TOO_LONG",
                field="endsOn",
                months=MAX_MONTHS,
                latest=latest_end(previous),
            )
        _in_term(person, row.starts_on, ends_on)
        renewal = await MonitoringRenewal.create(
            monitoring_id=row.id,
            previous_ends_on=previous,
            ends_on=ends_on,
            assessment=assessed,
            approved_by_id=approver.id,
            approved_on=approved_on,
            approval_document=document,
            recorded_by_id=viewer.id,
            recorded_at=call.now,
        )
        row.ends_on = ends_on
        await row.save(update_fields=["ends_on"])
        await audit.record(
            call,
            "monitoring.renew",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "monitoring": row.id,
                "renewal": renewal.id,
                "approvedBy": approver.id,
                "from": previous,
                "endsOn": ends_on,
            },
        )
    return row


async def end(
    call: Call, monitoring_id: int, *, ended_on: date, reason: str
) -> ElectronicMonitoring:
    """End a decision early, once no longer needed (法 Art. 29 ¶2: 应当及时解除)."""
    viewer = scope.require_role(call, STAFF)
    why = text(reason, "reason", max_len=FACTS_MAX)
    ended_on = ending.past_date(call, ended_on, "endedOn")
    async with in_transaction():
        row, person = await _monitoring_for(call, monitoring_id, STAFF)
        if row.ended_on is not None:
            raise Conflict("MONITORING_ALREADY_ENDED", field="id")
        if ended_on < row.starts_on or ended_on > row.ends_on:
            raise BadInput("MONITORING_END_OUTSIDE", field="endedOn")
        row.ended_on = ended_on
        row.end_reason = why
        row.ended_by_id = viewer.id
        await row.save(update_fields=["ended_on", "end_reason", "ended_by_id"])
        await audit.record(
            call,
            "monitoring.end",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"monitoring": row.id, "endedOn": ended_on, "reason": why},
        )
    return row


# ------------------------------------------------------------------ lists


@dataclass(frozen=True)
class MonitoringPosition(paging.Position):
    """Where a decision is in a list: its last day, id."""

    ends_on: str
    id: int

    def __post_init__(self) -> None:
        date.fromisoformat(self.ends_on)


async def list_monitoring(
    call: Call,
    *,
    person_id: int | None,
    in_force_only: bool,
    limit: int,
    after: MonitoringPosition | None,
) -> paging.Page[ElectronicMonitoring]:
    """A person's decisions (the person may read its own), or every decision in
    the viewer's offices; the soonest to run out first."""
    viewer = scope.require_role(call, READERS)
    if person_id is not None:
        person = await person_for(call, person_id, READERS)
        query = ElectronicMonitoring.filter(person_id=person.id)
    elif viewer.role is Role.SUPERVISED_PERSON:
        query = ElectronicMonitoring.filter(person__account_id=viewer.id)
    else:
        unit_ids = await scope.corrections_unit_ids(call)
        if not unit_ids:
            return paging.empty()
        query = ElectronicMonitoring.filter(person__org_unit_id__in=unit_ids)
    if in_force_only:
        query = query.filter(ended_on=None, ends_on__gte=ending.today(call))
    total = await query.count()
    if after is not None:
        last = date.fromisoformat(after.ends_on)
        query = query.filter(Q(ends_on__gt=last) | Q(ends_on=last, id__gt=after.id))
    rows = await query.order_by("ends_on", "id").limit(limit + 1)
    return paging.page_of(
        rows, limit, lambda r: MonitoringPosition(r.ends_on.isoformat(), r.id), total=total
    )


async def renewals_of(monitoring_ids: Sequence[int]) -> dict[int, list[MonitoringRenewal]]:
    found: dict[int, list[MonitoringRenewal]] = {i: [] for i in monitoring_ids}
    for row in await MonitoringRenewal.filter(monitoring_id__in=list(monitoring_ids)).order_by(
        "id"
    ):
        found[row.monitoring_id].append(row)
    return found


# ------------------------------------------------------------------ the reminder


async def expiring(call: Call, limit: int) -> list[tuple[ElectronicMonitoring, SupervisedPerson]]:
    """Decisions in force whose last day is within EXPIRY_REMINDER_DAYS, of
    persons under supervision who have an officer."""
    today = ending.today(call)
    rows = await ElectronicMonitoring.filter(
        ended_on=None,
        ends_on__gte=today,
        ends_on__lte=today + timedelta(days=EXPIRY_REMINDER_DAYS),
        person__status__in=ending.UNDER_SUPERVISION,
        person__officer_id__not_isnull=True,
    ).limit(limit)
    persons = {
        p.id: p for p in await SupervisedPerson.filter(id__in=list({r.person_id for r in rows}))
    }
    return [(r, persons[r.person_id]) for r in rows]


async def remind_expiring(call: Call) -> int:
    """To the officer: a decision runs out within 7 days; once per last day, so
    a renewal (a new last day) is reminded of again."""
    today = ending.today(call)
    due = await expiring(call, 500)
    officers = {
        u.id: u
        for u in await User.filter(id__in=list({p.officer_id for _, p in due}), is_active=True)
    }
    queued = 0
    for row, person in due:
        officer = officers.get(person.officer_id or 0)
        if officer is None:
            continue
        queued += await notices.enqueue(
            call,
            [officer],
            "monitoring.expiring",
            subject_type="ElectronicMonitoring",
            subject_id=row.id,
            period=row.ends_on.isoformat(),
            url=links.person(person.id),
            params={"date": row.ends_on.isoformat(), "days": (row.ends_on - today).days},
        )
    return queued
