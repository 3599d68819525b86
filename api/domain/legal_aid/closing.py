"""The end of an aided case and its closing materials (法律援助法 Art. 50).

Art. 50: when the matter ends the assignee reports to the centre and hands
in copies of the legal documents and a report on the case. The materials are
due within 30 days of the case ending (办理法律援助案件程序规定, 2023, as
provincial service guides cite it; the text could not be checked here, so
the figure is a dated table per unit, ClosingPeriodStandard, 30 where none
is set). The day the case ended is not counted (periods.last_day): a case
ended on 1 March has its materials on time through 31 March. Late materials
are still accepted, and marked late.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, dated_tables, links, paging, periods, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import int_range, text
from api.domain.legal_aid import decisions
from api.domain.legal_aid.requests import request_in_scope
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.enums import LegalAidStatus, Role
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_closing import CaseClosing, ClosingPeriodStandard

NOTE_MAX = 2000
# Where no unit above has set the period (see the module's note).
DEFAULT_CLOSING_DAYS = 30
MAX_CLOSING_DAYS = 365
# The assignee hears of the materials three days before they are due (the
# app's choice, not law).
DUE_WARNING_DAYS = 3
BATCH = 500


async def closing_days(unit: OrgUnit, on: date) -> int:
    row = await dated_tables.in_force(ClosingPeriodStandard, unit.path, on)
    return row.days if row is not None else DEFAULT_CLOSING_DAYS


def is_late(closing: CaseClosing, submitted_on: date) -> bool:
    """After the last day of the period (法律援助法 Art. 50)."""
    return submitted_on > closing.materials_due_on


def is_overdue(closing: CaseClosing, today: date) -> bool:
    return closing.materials_submitted_at is None and today > closing.materials_due_on


async def case_for(
    call: Call, request_id: int, *, staff_only: bool = False, lock: bool = False
) -> tuple[Viewer, LegalAidRequest]:
    """The request, if the viewer is its assignee (unless `staff_only`) or
    staff of its centre; NOT_FOUND otherwise."""
    viewer = scope.require_role(
        call, {Role.LEGAL_AID_STAFF} if staff_only else {Role.LEGAL_AID_STAFF, Role.LAWYER}
    )
    request = await request_in_scope(call, request_id, lock=lock)
    assignee = not staff_only and request.assignee_id == viewer.id
    if not (assignee or scope.is_staff_of_centre(viewer, request.org_unit_id)):
        raise scope.not_found("LEGAL_AID_REQUEST_NOT_FOUND")
    return viewer, request


async def requests_by_id(ids: list[int]) -> list[LegalAidRequest]:
    """Requests reached from ended cases the caller already may see."""
    return await LegalAidRequest.filter(id__in=ids)


async def closing_in_scope(where: Q, request_id: int) -> CaseClosing | None:
    """The case's end if recorded and in the viewer's closing_scope `where`."""
    return await CaseClosing.filter(where, request_id=request_id).first()


async def get_closing(call: Call, request_id: int) -> CaseClosing | None:
    """The end of a case the viewer oversees; None while it is not recorded;
    NOT_FOUND for a request out of its scope (or a viewer with no closings)."""
    where = await closing_scope(call)
    if where is None:
        raise scope.not_found("LEGAL_AID_REQUEST_NOT_FOUND")
    row = await closing_in_scope(where, request_id)
    if row is None:
        await request_in_scope(call, request_id)  # NOT_FOUND when out of scope
    return row


async def closing_for_update(request_id: int) -> CaseClosing:
    closing = await CaseClosing.filter(request_id=request_id).select_for_update().first()
    if closing is None:
        raise Conflict("CASE_END_MISSING")
    return closing


async def record_case_end(call: Call, request_id: int, ended_on: date, note: str) -> CaseClosing:
    """The assignee (or the centre's staff) record the day the matter ended
    (judgment, award, agreement, ...): the materials' period starts."""
    words = text(note, "note", max_len=NOTE_MAX)
    today = periods.local_day(call.now)
    if ended_on > today:
        raise BadInput("CASE_END_FUTURE", field="endedOn")
    async with in_transaction():
        viewer, request = await case_for(call, request_id, lock=True)
        if LegalAidStatus(request.status) is not LegalAidStatus.ASSIGNED:
            raise Conflict("CASE_NOT_ASSIGNED")
        if ended_on < periods.local_day(request.submitted_at):
            raise BadInput("CASE_END_BEFORE_REQUEST", field="endedOn")
        if await CaseClosing.exists(request_id=request.id):
            raise Conflict("CASE_END_RECORDED")
        centre = await OrgUnit.get(id=request.org_unit_id)
        days = await closing_days(centre, ended_on)
        closing = await CaseClosing.create(
            request_id=request.id,
            org_unit_id=request.org_unit_id,
            assignee_id=request.assignee_id,
            ended_on=ended_on,
            end_note=words,
            end_recorded_by_id=viewer.id,
            end_recorded_at=call.now,
            materials_due_on=periods.last_day(ended_on, days),
        )
        await audit_closing(call, "legal_aid.case_end", closing)
    return closing


async def submit_closing_materials(call: Call, request_id: int, note: str) -> CaseClosing:
    """The closing materials handed in; the request is closed. On the last day
    of the period or before it is on time; after it, accepted and marked late."""
    words = text(note, "note", max_len=NOTE_MAX)
    async with in_transaction():
        viewer, request = await case_for(call, request_id, lock=True)
        closing = await closing_for_update(request.id)
        if closing.materials_submitted_at is not None:
            raise Conflict("CLOSING_SUBMITTED")
        submitted_on = periods.local_day(call.now)
        closing.materials_submitted_at = call.now
        closing.materials_submitted_on = submitted_on
        closing.materials_late = is_late(closing, submitted_on)
        closing.materials_note = words
        closing.materials_by_id = viewer.id
        await closing.save(
            update_fields=[
                "materials_submitted_at",
                "materials_submitted_on",
                "materials_late",
                "materials_note",
                "materials_by_id",
            ]
        )
        await decisions.close(call, request.id, words)
        await audit_closing(call, "legal_aid.closing_materials", closing)
    return closing


async def audit_closing(call: Call, action: str, closing: CaseClosing) -> None:
    await audit.record(
        call,
        action,
        target_type="LegalAidRequest",
        target_id=closing.request_id,
        summary={
            "endedOn": closing.ended_on,
            "dueOn": closing.materials_due_on,
            "late": closing.materials_late,
            "subsidy": closing.subsidy_status,
            "amount": closing.subsidy_amount,
        },
    )


# ------------------------------------------------------------------ lists


async def closing_scope(call: Call) -> Q | None:
    """Staff their centre's cases; a lawyer those it had; a bureau's
    supervisors the centres below it."""
    viewer = scope.require_viewer(call)
    if viewer.role is Role.LEGAL_AID_STAFF and viewer.org_unit_id is not None:
        return Q(org_unit_id=viewer.org_unit_id)
    if viewer.role is Role.LAWYER:
        return Q(assignee_id=viewer.id)
    if viewer.role is Role.SUPERVISOR:
        ids = await scope.area_unit_ids(call, scope.Area.LEGAL_AID)
        return Q(org_unit_id__in=ids) if ids else None
    return None


async def list_closings(
    call: Call,
    *,
    limit: int,
    after: paging.IdPosition | None,
    pending: bool | None = None,
    overdue: bool | None = None,
) -> paging.Page[CaseClosing]:
    """Ended cases, the oldest first (the first due first)."""
    where = await closing_scope(call)
    if where is None:
        return paging.empty()
    today = periods.local_day(call.now)
    query = CaseClosing.filter(where)
    if pending is not None:
        query = query.filter(materials_submitted_at__isnull=pending)
    if overdue is True:
        query = query.filter(materials_submitted_at__isnull=True, materials_due_on__lt=today)
    elif overdue is False:
        query = query.filter(
            Q(materials_submitted_at__isnull=False) | Q(materials_due_on__gte=today)
        )
    total = await query.count()
    if after is not None:
        query = query.filter(id__gt=after.id)
    rows = await query.order_by("id").limit(limit + 1)
    return paging.page_of(rows, limit, lambda c: paging.IdPosition(c.id), total=total)


# ------------------------------------------------------------------ the period's table


async def set_closing_period(
    call: Call, org_unit_id: int, days: int, effective_from: date
) -> ClosingPeriodStandard:
    """ADMIN sets the unit's period from a date; units below inherit it."""
    scope.require_role(call, {Role.ADMIN})
    value = int_range(days, "days", 1, MAX_CLOSING_DAYS)
    if not await scope.unit_in_scope(call, org_unit_id):
        raise scope.not_found("UNIT_NOT_FOUND")
    viewer = scope.require_viewer(call)
    values = {"days": value, "set_by_id": viewer.id or None, "created_at": call.now}
    return await dated_tables.set_row(
        ClosingPeriodStandard, org_unit_id, effective_from, values, partial(_audit_period, call)
    )


async def _audit_period(call: Call, row: ClosingPeriodStandard) -> None:
    await audit.record(
        call,
        "closing_period.set",
        target_type="ClosingPeriodStandard",
        target_id=row.id,
        summary={
            "orgUnitId": row.org_unit_id,
            "days": row.days,
            "effectiveFrom": row.effective_from,
        },
    )


# ------------------------------------------------------------------ reminders


async def _recipients(closings: list[CaseClosing], with_staff: bool) -> dict[int, list[User]]:
    ids = {c.assignee_id for c in closings if c.assignee_id is not None}
    centres = {c.org_unit_id for c in closings} if with_staff else set()
    users = await User.filter(
        Q(id__in=list(ids)) | Q(org_unit_id__in=list(centres), role=Role.LEGAL_AID_STAFF),
        is_active=True,
    )
    out: dict[int, list[User]] = {}
    for c in closings:
        out[c.id] = [
            u
            for u in users
            if u.id == c.assignee_id
            or (with_staff and u.org_unit_id == c.org_unit_id and u.role == Role.LEGAL_AID_STAFF)
        ]
    return out


async def _remind(call: Call, closings: list[CaseClosing], kind: str, *, staff: bool) -> int:
    if not closings:
        return 0
    who = await _recipients(closings, staff)
    requests = {
        r.id: r for r in await LegalAidRequest.filter(id__in=[c.request_id for c in closings])
    }
    queued = 0
    for c in closings:
        queued += await notices.enqueue(
            call,
            who[c.id],
            kind,
            subject_type="LegalAidRequest",
            subject_id=c.request_id,
            period=c.materials_due_on.isoformat(),
            url=links.legal_aid_request(c.request_id),
            params={
                "reference": requests[c.request_id].reference_number,
                "due": c.materials_due_on.isoformat(),
            },
            alert=staff,
        )
    return queued


async def closings_due_soon(call: Call) -> int:
    """To the assignee: the closing materials are due within three days."""
    today = periods.local_day(call.now)
    rows = await CaseClosing.filter(
        materials_submitted_at__isnull=True,
        materials_due_on__gte=today,
        materials_due_on__lte=periods.last_day(today, DUE_WARNING_DAYS),
    ).limit(BATCH)
    return await _remind(call, list(rows), "legal_aid.closing_due", staff=False)


async def closings_overdue(call: Call) -> int:
    """To the assignee and the centre's staff: the period has passed (Art. 50)."""
    today = periods.local_day(call.now)
    rows = await CaseClosing.filter(
        materials_submitted_at__isnull=True, materials_due_on__lt=today
    ).limit(BATCH)
    return await _remind(call, list(rows), "legal_aid.closing_overdue", staff=True)
