"""Progress and complaints (法律援助法 Art. 46, 55).

Art. 46 ¶2: the assignee tells the aided person how the matter goes: the
progress entries (steps, hearing dates) the assignee records are shown to
the aided person on the request. Art. 55: the aided person may complain to
the justice bureau (投诉) or ask the centre to change the assignee (更换法律
援助人员); each has an outcome: the bureau's supervisors answer complaints
(Art. 56: and tell the complainant), the centre's staff a change request,
and a change granted sends the case back to be assigned again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import aware, client_uuid, text
from api.domain.legal_aid import access, deadlines
from api.domain.legal_aid.decisions import REASON_MAX, check_transition
from api.domain.legal_aid.requests import local_date, record_status_change, request_in_scope
from api.domain.notices import notices
from api.models.accounts import User
from api.models.enums import ComplaintKind, ComplaintStatus, LegalAidStatus, ProgressKind, Role
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_procedure import Complaint, ProgressEntry

NOTE_MAX = 2000


@dataclass(frozen=True)
class ProgressInput:
    client_id: str
    kind: ProgressKind
    happened_on: date
    note: str
    hearing_at: datetime | None = None


async def record_progress(call: Call, request_id: int, data: ProgressInput) -> ProgressEntry:
    """The assignee records a step of an ASSIGNED case; the aided person is told."""
    viewer = scope.require_role(call, {Role.LAWYER, Role.LEGAL_AID_STAFF})
    cid = client_uuid(data.client_id, "clientId")
    return await idempotency.store_once(
        ProgressEntry,
        cid,
        viewer,
        lambda e: e.recorded_by_id,
        _record(call, viewer, request_id, cid, data),
    )


async def _record(
    call: Call, viewer: Viewer, request_id: int, cid: str, data: ProgressInput
) -> ProgressEntry:
    kind = ProgressKind(data.kind)
    note = text(data.note, "note", max_len=NOTE_MAX)
    if data.happened_on > local_date(call.now, call.settings.timezone):
        raise BadInput("DATE_IN_FUTURE", field="happenedOn")
    hearing_at = aware(data.hearing_at, "hearingAt") if data.hearing_at else None
    if hearing_at is not None and kind is not ProgressKind.HEARING:
        raise BadInput("HEARING_TIME_FOR_HEARING", field="hearingAt")
    async with in_transaction():
        request = await access.for_assignee(call, request_id)
        if request.status != LegalAidStatus.ASSIGNED:
            raise Conflict("PROGRESS_NOT_ASSIGNED", current=request.status)
        entry = await ProgressEntry.create(
            client_id=cid,
            request_id=request.id,
            kind=kind,
            happened_on=data.happened_on,
            hearing_at=hearing_at,
            note=note,
            recorded_at=call.now,
            recorded_by_id=viewer.id,
        )
        await audit.record(
            call,
            "legal_aid.progress",
            target_type="LegalAidRequest",
            target_id=request.id,
            summary={"kind": kind, "happenedOn": data.happened_on},
        )
        await _tell(
            call, request.applicant_id, request, "legal_aid.progress", f"progress:{entry.id}"
        )
    return entry


async def _tell(
    call: Call, user_id: int | None, request: LegalAidRequest, kind: str, period: str
) -> None:
    if user_id is None:
        return
    user = await User.get_or_none(id=user_id, is_active=True)
    if user is not None:
        await notices.enqueue(
            call,
            [user],
            kind,
            subject_type="LegalAidRequest",
            subject_id=request.id,
            period=period,
            url=links.legal_aid_request(request.id),
            params={"reference": request.reference_number},
        )


async def file_complaint(
    call: Call, request_id: int, client_id: str, kind: ComplaintKind, reason: str
) -> Complaint:
    """The aided person complains, or asks for another assignee (Art. 55)."""
    viewer = scope.require_role(call, {Role.APPLICANT})
    cid = client_uuid(client_id, "clientId")
    kind = ComplaintKind(kind)
    why = text(reason, "reason", max_len=REASON_MAX)
    return await idempotency.store_once(
        Complaint,
        cid,
        viewer,
        lambda c: c.filed_by_id,
        _complain(call, viewer, request_id, cid, kind, why),
    )


async def _complain(
    call: Call, viewer: Viewer, request_id: int, cid: str, kind: ComplaintKind, why: str
) -> Complaint:
    async with in_transaction():
        request = await access.for_applicant(call, request_id)
        if kind is ComplaintKind.CHANGE_ASSIGNEE and request.status != LegalAidStatus.ASSIGNED:
            raise Conflict("COMPLAINT_NO_ASSIGNEE")
        if await Complaint.exists(request_id=request.id, kind=kind, status=ComplaintStatus.PENDING):
            raise Conflict("COMPLAINT_PENDING")
        complaint = await Complaint.create(
            client_id=cid,
            request_id=request.id,
            kind=kind,
            reason=why,
            filed_at=call.now,
            filed_by_id=viewer.id,
            assignee_id=request.assignee_id,
        )
        await audit.record(
            call,
            "legal_aid.complaint",
            target_type="LegalAidRequest",
            target_id=request.id,
            summary={"complaint": complaint.id, "kind": kind},
        )
    return complaint


async def decide_complaint(call: Call, complaint_id: int, uphold: bool, outcome: str) -> Complaint:
    """A complaint: the bureau's supervisors; a change request: the centre's staff."""
    viewer = scope.require_role(call, {Role.SUPERVISOR, Role.LEGAL_AID_STAFF})
    words = text(outcome, "outcome", max_len=REASON_MAX)
    async with in_transaction():
        complaint = await Complaint.get_or_none(id=complaint_id)
        if complaint is None:
            raise scope.not_found("COMPLAINT_NOT_FOUND")
        request = await request_in_scope(call, complaint.request_id, lock=True)
        decider = (
            Role.SUPERVISOR if complaint.kind == ComplaintKind.COMPLAINT else Role.LEGAL_AID_STAFF
        )
        if viewer.role is not decider:
            raise scope.not_found("COMPLAINT_NOT_FOUND")
        complaint = await Complaint.filter(id=complaint.id).select_for_update().get()
        if complaint.status != ComplaintStatus.PENDING:
            raise Conflict("COMPLAINT_DECIDED")
        complaint.status = ComplaintStatus.UPHELD if uphold else ComplaintStatus.DISMISSED
        complaint.outcome = words
        complaint.decided_at = call.now
        complaint.decided_by_id = viewer.id
        await complaint.save(update_fields=["status", "outcome", "decided_at", "decided_by_id"])
        if (
            uphold
            and complaint.kind == ComplaintKind.CHANGE_ASSIGNEE
            and request.status == LegalAidStatus.ASSIGNED
        ):
            # The case goes back to be assigned, within 3 days again (Art. 43).
            before = check_transition(request, LegalAidStatus.APPROVED)
            request.status = LegalAidStatus.APPROVED
            request.assignee_id = None
            request.assignment_due_at = deadlines.days_after(
                call.now, deadlines.ASSIGNMENT_DAYS, call.settings.timezone
            )
            await request.save(update_fields=["status", "assignee_id", "assignment_due_at"])
            await record_status_change(
                call,
                request,
                before,
                LegalAidStatus.APPROVED,
                f"更换法律援助人员（《法律援助法》第五十五条）：{words}",
            )
        await audit.record(
            call,
            "legal_aid.complaint_decide",
            target_type="LegalAidRequest",
            target_id=request.id,
            summary={"complaint": complaint.id, "status": complaint.status},
        )
        await _tell(
            call,
            complaint.filed_by_id,
            request,
            "legal_aid.complaint_decided",
            f"complaint:{complaint.id}",
        )
    return complaint


async def progress_of(request_ids: Sequence[int]) -> dict[int, list[ProgressEntry]]:
    grouped: dict[int, list[ProgressEntry]] = {i: [] for i in request_ids}
    for row in await ProgressEntry.filter(request_id__in=list(request_ids)).order_by(
        "happened_on", "id"
    ):
        grouped[row.request_id].append(row)
    return grouped


async def complaints_of(request_ids: Sequence[int]) -> dict[int, list[Complaint]]:
    grouped: dict[int, list[Complaint]] = {i: [] for i in request_ids}
    for row in await Complaint.filter(request_id__in=list(request_ids)).order_by("filed_at", "id"):
        grouped[row.request_id].append(row)
    return grouped
