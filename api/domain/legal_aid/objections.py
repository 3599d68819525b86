"""Objections (异议, 法律援助法 Art. 49): the applicant or aided person objects
to a refusal or a termination, from the phone, to the justice bureau that
set up the centre. The bureau reviews within 5 days of receipt (the day of
receipt not counted, deadlines.py) and upholds the decision or orders the
centre to correct it; upheld, the applicant is told of administrative
review and suit (Art. 49 ¶3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import Conflict
from api.domain.common.validators import client_uuid, text
from api.domain.legal_aid import access, deadlines, termination
from api.domain.legal_aid.bureaus import REVIEW_AND_SUIT, bureau_of
from api.domain.legal_aid.decisions import REASON_MAX, check_transition
from api.domain.legal_aid.requests import record_status_change
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.enums import (
    LegalAidStatus,
    ObjectionAgainst,
    ObjectionStatus,
    Role,
)
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_procedure import Objection

AGAINST = {
    LegalAidStatus.REJECTED: ObjectionAgainst.REFUSAL,
    LegalAidStatus.TERMINATED: ObjectionAgainst.TERMINATION,
}


async def file_objection(call: Call, request_id: int, client_id: str, reasons: str) -> Objection:
    viewer = scope.require_role(call, {Role.APPLICANT})
    cid = client_uuid(client_id, "clientId")
    why = text(reasons, "reasons", max_len=REASON_MAX)
    return await idempotency.store_once(
        Objection, cid, viewer, lambda o: o.filed_by_id, _file(call, viewer, request_id, cid, why)
    )


async def _file(call: Call, viewer: Viewer, request_id: int, cid: str, why: str) -> Objection:
    async with in_transaction():
        request = await access.for_applicant(call, request_id)
        against = AGAINST.get(LegalAidStatus(request.status))
        if against is None:
            # Art. 49: only a refusal or a termination may be objected to.
            raise Conflict("OBJECTION_NOTHING_TO_OBJECT", current=request.status)
        if await Objection.exists(request_id=request.id, status=ObjectionStatus.PENDING):
            raise Conflict("OBJECTION_PENDING")
        bureau = await bureau_of(request.org_unit_id)
        if bureau is None:
            raise Conflict("OBJECTION_NO_BUREAU")
        objection = await Objection.create(
            client_id=cid,
            request_id=request.id,
            centre_id=request.org_unit_id,
            bureau_id=bureau.id,
            against=against,
            reasons=why,
            filed_at=call.now,
            filed_by_id=viewer.id,
            # Art. 49 ¶2: 自收到异议之日起五日内.
            due_at=deadlines.days_after(
                call.now, deadlines.OBJECTION_REVIEW_DAYS, call.settings.timezone
            ),
        )
        await audit.record(
            call,
            "objection.file",
            target_type="LegalAidRequest",
            target_id=request.id,
            summary={"objection": objection.id, "against": against},
        )
        centre = await OrgUnit.get(id=request.org_unit_id)
        await notices.enqueue(
            call,
            await scope.area_supervisors(scope.Area.LEGAL_AID, centre.path),
            "legal_aid.objection_filed",
            subject_type="Objection",
            subject_id=objection.id,
            period="filed",
            url=links.legal_aid_request(request.id),
            params={"reference": request.reference_number},
            alert=True,
        )
    return objection


async def _objection_scope(call: Call) -> Q | None:
    """The bureau's supervisors those of the centres they oversee; the
    centre's staff those against their centre; the applicant its own."""
    viewer = scope.require_viewer(call)
    if viewer.role is Role.SUPERVISOR:
        ids = await scope.area_unit_ids(call, scope.Area.LEGAL_AID)
        return Q(centre_id__in=ids) if ids else None
    if viewer.role is Role.LEGAL_AID_STAFF and viewer.org_unit_id is not None:
        return Q(centre_id=viewer.org_unit_id)
    if viewer.role is Role.APPLICANT:
        return Q(filed_by_id=viewer.id)
    return None


async def decide_objection(call: Call, objection_id: int, uphold: bool, reason: str) -> Objection:
    """The bureau's supervisor upholds the centre's decision or orders it corrected."""
    viewer = scope.require_role(call, {Role.SUPERVISOR})
    why = text(reason, "reason", max_len=REASON_MAX)
    async with in_transaction():
        objection = await scope.one_in_scope(
            Objection, await _objection_scope(call), objection_id, "OBJECTION_NOT_FOUND", lock=True
        )
        if objection.status != ObjectionStatus.PENDING:
            raise Conflict("OBJECTION_DECIDED")
        request = await LegalAidRequest.filter(id=objection.request_id).select_for_update().get()
        objection.status = ObjectionStatus.UPHELD if uphold else ObjectionStatus.CORRECTION_ORDERED
        objection.decided_at = call.now
        objection.decided_by_id = viewer.id
        objection.decision_reason = f"{why}\n{REVIEW_AND_SUIT}" if uphold else why
        await objection.save(
            update_fields=["status", "decided_at", "decided_by_id", "decision_reason"]
        )
        if not uphold:
            await _correct(call, request, objection, why)
        await audit.record(
            call,
            "objection.decide",
            target_type="LegalAidRequest",
            target_id=request.id,
            summary={"objection": objection.id, "status": objection.status},
        )
        if request.applicant_id is not None and (
            applicant := await User.get_or_none(id=request.applicant_id)
        ):
            await notices.enqueue(
                call,
                [applicant],
                "legal_aid.objection_upheld" if uphold else "legal_aid.objection_corrected",
                subject_type="Objection",
                subject_id=objection.id,
                period="decided",
                url=links.legal_aid_request(request.id),
                params={"reference": request.reference_number},
            )
    return objection


async def _correct(call: Call, request: LegalAidRequest, objection: Objection, why: str) -> None:
    """责令改正: a refusal goes back to the centre's review, with a new 7 days
    from the order; a termination is undone, the case back where it was."""
    note = f"司法行政部门责令改正（《法律援助法》第四十九条）：{why}"
    if objection.against == ObjectionAgainst.REFUSAL:
        to = LegalAidStatus.SUBMITTED
        request.decision_due_at = deadlines.days_after(
            call.now, deadlines.DECISION_DAYS, call.settings.timezone
        )
        request.decided_at = None
        changed = ["status", "decision_due_at", "decided_at"]
    else:
        last = await termination.latest_termination(request.id)
        to = LegalAidStatus(last.previous_status) if last else LegalAidStatus.APPROVED
        request.closed_at = None
        changed = ["status", "closed_at"]
    before = check_transition(request, to)
    request.status = to
    await request.save(update_fields=changed)
    await record_status_change(call, request, before, to, note)


@dataclass(frozen=True)
class ObjectionFilter:
    status: ObjectionStatus | None = None
    request_id: int | None = None


async def list_objections(
    call: Call, *, limit: int, after: paging.TimePosition | None, filter: ObjectionFilter
) -> paging.Page[Objection]:
    """The viewer's objections, the review due soonest first."""
    where = await _objection_scope(call)
    if where is None:
        return paging.empty()
    query = Objection.filter(where)
    if filter.status is not None:
        query = query.filter(status=ObjectionStatus(filter.status))
    if filter.request_id is not None:
        query = query.filter(request_id=filter.request_id)
    total = await query.count()
    if after is not None:
        query = query.filter(Q(due_at__gt=after.at) | Q(due_at=after.at, id__gt=after.id))
    rows = await query.order_by("due_at", "id").limit(limit + 1)
    return paging.page_of(rows, limit, lambda o: paging.TimePosition(o.due_at, o.id), total=total)


async def objections_of(request_ids: list[int]) -> dict[int, list[Objection]]:
    grouped: dict[int, list[Objection]] = {i: [] for i in request_ids}
    for row in await Objection.filter(request_id__in=request_ids).order_by("filed_at", "id"):
        grouped[row.request_id].append(row)
    return grouped


def is_review_overdue(objection: Objection, now: datetime) -> bool:
    """Past the end of the 5th day (deadlines.end_of_day) with no decision."""
    return objection.status == ObjectionStatus.PENDING and objection.due_at <= now
