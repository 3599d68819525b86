"""Decisions on legal-aid requests: approval or denial, assignment, closing, withdrawal.

An approved request is assigned within 3 days (DESIGN.md); a denial is
written with reasons, and the applicant may object to the justice bureau
that set up the centre (法律援助法 Art. 49).
"""

from __future__ import annotations

from datetime import timedelta

from tortoise.transactions import in_transaction

from api.domain.common import links, scope
from api.domain.common.call import Call
from api.domain.common.dated_tables import ancestor_ids
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import text
from api.domain.legal_aid.requests import record_status_change, request_in_scope
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.enums import LegalAidStatus, OrgUnitKind, Role
from api.models.legal_aid import LegalAidRequest

REASON_MAX = 2000
# DESIGN.md: an approved request is assigned to a lawyer within 3 days.
ASSIGNMENT_PERIOD = timedelta(days=3)


# Who may move a request from one status to another, besides the checks of
# each operation; anything else is CONFLICT.
TRANSITIONS: dict[LegalAidStatus, frozenset[LegalAidStatus]] = {
    LegalAidStatus.SUBMITTED: frozenset(
        {LegalAidStatus.APPROVED, LegalAidStatus.REJECTED, LegalAidStatus.WITHDRAWN}
    ),
    LegalAidStatus.APPROVED: frozenset({LegalAidStatus.ASSIGNED}),
    LegalAidStatus.ASSIGNED: frozenset({LegalAidStatus.CLOSED}),
    LegalAidStatus.REJECTED: frozenset(),
    LegalAidStatus.CLOSED: frozenset(),
    LegalAidStatus.WITHDRAWN: frozenset(),
}


def _check_transition(request: LegalAidRequest, to: LegalAidStatus) -> LegalAidStatus:
    current = LegalAidStatus(request.status)
    if to not in TRANSITIONS[current]:
        raise Conflict("LEGAL_AID_TRANSITION", current=current, to=to)
    return current


async def _objection_notice(centre_id: int) -> str:
    """Art. 49: an objection goes to the justice bureau that set up the centre."""
    centre = await OrgUnit.get(id=centre_id)
    bureaus = await OrgUnit.filter(
        id__in=ancestor_ids(centre.path), kind=OrgUnitKind.JUSTICE_BUREAU
    )
    by_id = {b.id: b for b in bureaus}
    nearest = next((by_id[i] for i in ancestor_ids(centre.path) if i in by_id), None)
    bureau = nearest.name if nearest else "设立法律援助机构的司法行政部门"
    return f"申请人对不予法律援助的决定有异议的，可以向{bureau}提出（《法律援助法》第四十九条）。"


async def decide(call: Call, request_id: int, approve: bool, reason: str) -> LegalAidRequest:
    """LEGAL_AID_STAFF of the centre approve or deny, with reasons either way."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    why = text(reason, "reason", max_len=REASON_MAX)
    to = LegalAidStatus.APPROVED if approve else LegalAidStatus.REJECTED
    async with in_transaction():
        request = await request_in_scope(call, request_id, lock=True)
        if not scope.is_staff_of_centre(viewer, request.org_unit_id):
            raise scope.not_found("LEGAL_AID_REQUEST_NOT_FOUND")
        before = _check_transition(request, to)
        if not approve:
            # A denial is written with its reasons and the way to object.
            why = f"{why}\n{await _objection_notice(request.org_unit_id)}"
        request.status = to
        request.decided_at = call.now
        request.decision_reason = why
        changed = ["status", "decided_at", "decision_reason"]
        if approve:
            request.assignment_due_at = call.now + ASSIGNMENT_PERIOD
            changed.append("assignment_due_at")
        await request.save(update_fields=changed)
        await record_status_change(call, request, before, to, why)
    return request


async def assignable_lawyers(call: Call) -> list[User]:
    """The active LAWYER accounts of the staff member's own centre, by name."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    return await User.filter(
        role=Role.LAWYER, org_unit_id=viewer.org_unit_id, is_active=True
    ).order_by("display_name")


async def assign(call: Call, request_id: int, assignee_id: int) -> LegalAidRequest:
    """Staff assign an approved request to a LAWYER of the same centre."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    async with in_transaction():
        request = await request_in_scope(call, request_id, lock=True)
        centre_id = request.org_unit_id
        if not scope.is_staff_of_centre(viewer, centre_id):
            raise scope.not_found("LEGAL_AID_REQUEST_NOT_FOUND")
        before = _check_transition(request, LegalAidStatus.ASSIGNED)
        lawyer = await User.get_or_none(
            id=assignee_id, role=Role.LAWYER, org_unit_id=centre_id, is_active=True
        )
        if lawyer is None:
            raise BadInput("LAWYER_OF_CENTRE", field="assigneeId")
        request.status = LegalAidStatus.ASSIGNED
        request.assignee_id = lawyer.id
        await request.save(update_fields=["status", "assignee_id"])
        await record_status_change(
            call, request, before, LegalAidStatus.ASSIGNED, lawyer.display_name
        )
        await notices.enqueue(
            call,
            [lawyer],
            "legal_aid.assigned",
            subject_type="LegalAidRequest",
            subject_id=request.id,
            period=str(lawyer.id),
            url=links.legal_aid_request(request.id),
            params={"reference": request.reference_number},
            alert=True,
        )
    return request


async def close(call: Call, request_id: int, note: str) -> LegalAidRequest:
    """The assigned lawyer or the centre's staff close a case that was assigned."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF, Role.LAWYER})
    why = text(note, "note", max_len=REASON_MAX)
    async with in_transaction():
        request = await request_in_scope(call, request_id, lock=True)
        is_assignee = request.assignee_id == viewer.id
        if not (is_assignee or scope.is_staff_of_centre(viewer, request.org_unit_id)):
            raise scope.not_found("LEGAL_AID_REQUEST_NOT_FOUND")
        before = _check_transition(request, LegalAidStatus.CLOSED)
        request.status = LegalAidStatus.CLOSED
        request.closed_at = call.now
        await request.save(update_fields=["status", "closed_at"])
        await record_status_change(call, request, before, LegalAidStatus.CLOSED, why)
    return request


async def withdraw(call: Call, request_id: int) -> LegalAidRequest:
    """The applicant withdraws an own request before it is decided."""
    scope.require_role(call, {Role.APPLICANT})
    async with in_transaction():
        # An applicant's scope is its own requests, so this is one of them.
        request = await request_in_scope(call, request_id, lock=True)
        before = _check_transition(request, LegalAidStatus.WITHDRAWN)
        request.status = LegalAidStatus.WITHDRAWN
        request.closed_at = call.now
        await request.save(update_fields=["status", "closed_at"])
        await record_status_change(call, request, before, LegalAidStatus.WITHDRAWN, None)
    return request
