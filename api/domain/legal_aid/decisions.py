"""Decisions on legal-aid requests: approval or denial, assignment, closing, withdrawal.

An approved request is assigned within 3 days (法律援助法 Art. 43), to a
provider the law allows (providers.py); a denial is written with reasons,
and the applicant may object to the justice bureau that set up the centre
(Art. 49). Each decision is issued as its written document (papers.py).
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from api.domain.common import links, scope
from api.domain.common.call import Call
from api.domain.common.errors import Conflict
from api.domain.common.validators import text
from api.domain.legal_aid import deadlines, papers, providers
from api.domain.legal_aid.bureaus import objection_route
from api.domain.legal_aid.requests import local_date, record_status_change, request_in_scope
from api.domain.notices import notices
from api.models.accounts import User
from api.models.enums import LegalAidStatus, Role
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_procedure import NotifiedCase

REASON_MAX = 2000


# Who may move a request from one status to another, besides the checks of
# each operation; anything else is CONFLICT.
S = LegalAidStatus
TRANSITIONS: dict[LegalAidStatus, frozenset[LegalAidStatus]] = {
    S.SUBMITTED: frozenset({S.APPROVED, S.REJECTED, S.WITHDRAWN, S.INCOMPLETE}),
    # Art. 43 ¶2: supplied (back to the review), withdrawn, or deemed withdrawn;
    # Art. 44: aid may start before the review ends.
    S.INCOMPLETE: frozenset({S.SUBMITTED, S.WITHDRAWN, S.APPROVED}),
    S.APPROVED: frozenset({S.ASSIGNED, S.TERMINATED}),
    # Art. 55: a change of assignee takes the case back to be assigned again.
    S.ASSIGNED: frozenset({S.CLOSED, S.TERMINATED, S.APPROVED}),
    # Art. 49: the bureau orders the centre to correct its decision.
    S.REJECTED: frozenset({S.SUBMITTED}),
    S.TERMINATED: frozenset({S.APPROVED, S.ASSIGNED}),
    S.CLOSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}


def check_transition(request: LegalAidRequest, to: LegalAidStatus) -> LegalAidStatus:
    current = LegalAidStatus(request.status)
    if to not in TRANSITIONS[current]:
        raise Conflict("LEGAL_AID_TRANSITION", current=current, to=to)
    return current


async def decide(call: Call, request_id: int, approve: bool, reason: str) -> LegalAidRequest:
    """LEGAL_AID_STAFF of the centre approve or deny, with reasons either way."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    why = text(reason, "reason", max_len=REASON_MAX)
    to = LegalAidStatus.APPROVED if approve else LegalAidStatus.REJECTED
    async with in_transaction():
        request = await request_in_scope(call, request_id, lock=True)
        if not scope.is_staff_of_centre(viewer, request.org_unit_id):
            raise scope.not_found("LEGAL_AID_REQUEST_NOT_FOUND")
        if request.status != LegalAidStatus.SUBMITTED:
            # Art. 43: the decision ends the review; awaiting materials, the
            # review is not over (aid before it: provideAidBeforeReview).
            raise Conflict("LEGAL_AID_TRANSITION", current=request.status, to=to)
        before = check_transition(request, to)
        await approve_or_refuse(call, request, before, approve, why)
    return request


async def approve_or_refuse(
    call: Call,
    request: LegalAidRequest,
    before: LegalAidStatus,
    approve: bool,
    why: str,
    *,
    before_review: bool = False,
) -> None:
    """The decision, its written document and the history entry, in the caller's transaction."""
    to = LegalAidStatus.APPROVED if approve else LegalAidStatus.REJECTED
    if approve:
        await papers.grant(call, request, why, before_review=before_review)
    else:
        await papers.refusal(call, request, why)
        # A denial is written with its reasons and the way to object.
        why = f"{why}\n{await objection_route(request.org_unit_id)}"
    request.status = to
    request.decided_at = call.now
    request.decision_reason = why
    changed = ["status", "decided_at", "decision_reason"]
    if approve:
        request.assignment_due_at = deadlines.days_after(
            call.now, deadlines.ASSIGNMENT_DAYS, call.settings.timezone
        )
        changed.append("assignment_due_at")
    await request.save(update_fields=changed)
    await record_status_change(call, request, before, to, why)


async def assignable_lawyers(call: Call) -> list[User]:
    """Who the staff member's own centre may assign, by name (providers.py)."""
    return [p.user for p in await providers.assignable(call)]


async def assign(call: Call, request_id: int, assignee_id: int) -> LegalAidRequest:
    """Staff assign an approved request to a provider of the same centre
    that the law allows for it (providers.check_assignee)."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    async with in_transaction():
        request = await request_in_scope(call, request_id, lock=True)
        centre_id = request.org_unit_id
        if not scope.is_staff_of_centre(viewer, centre_id):
            raise scope.not_found("LEGAL_AID_REQUEST_NOT_FOUND")
        if request.status != LegalAidStatus.APPROVED:
            # A termination undone (Art. 49) keeps its assignee: only an
            # approved request is assigned.
            raise Conflict("LEGAL_AID_TRANSITION", current=request.status, to="ASSIGNED")
        before = check_transition(request, LegalAidStatus.ASSIGNED)
        notified = await NotifiedCase.exists(request_id=request.id)
        lawyer = await providers.check_assignee(
            request,
            assignee_id,
            local_date(call.now, call.settings.timezone),
            notified=notified,
        )
        await papers.assignment(call, request, lawyer)
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
        before = check_transition(request, LegalAidStatus.CLOSED)
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
        before = check_transition(request, LegalAidStatus.WITHDRAWN)
        request.status = LegalAidStatus.WITHDRAWN
        request.closed_at = call.now
        await request.save(update_fields=["status", "closed_at"])
        await record_status_change(call, request, before, LegalAidStatus.WITHDRAWN, None)
    return request
