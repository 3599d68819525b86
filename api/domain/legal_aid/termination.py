"""Termination of legal aid (终止, 法律援助法 Art. 48): the centre decides on
one of the grounds of Art. 48 ¶1; the assignee reports them (Art. 48 ¶2),
the decision is written (终止法律援助决定书) and may be objected to (Art. 49)."""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.transactions import in_transaction

from api.domain.common import scope
from api.domain.common.call import Call
from api.domain.common.validators import text
from api.domain.legal_aid import access, papers
from api.domain.legal_aid.bureaus import objection_route
from api.domain.legal_aid.decisions import REASON_MAX, check_transition
from api.domain.legal_aid.requests import record_status_change
from api.models.enums import LegalAidStatus, TerminationGround
from api.models.legal_aid_procedure import AidTermination


async def terminate_aid(
    call: Call, request_id: int, ground: TerminationGround, reason: str
) -> AidTermination:
    ground = TerminationGround(ground)
    why = text(reason, "reason", max_len=REASON_MAX)
    viewer = scope.require_viewer(call)
    async with in_transaction():
        request = await access.for_staff(call, request_id)
        before = check_transition(request, LegalAidStatus.TERMINATED)
        document = await papers.termination(call, request, ground, why)
        row = await AidTermination.create(
            request_id=request.id,
            ground=ground,
            reason=why,
            previous_status=before,
            decided_at=call.now,
            decided_by_id=viewer.id,
            document_id=document.id,
        )
        request.status = LegalAidStatus.TERMINATED
        request.closed_at = call.now
        await request.save(update_fields=["status", "closed_at"])
        note = (
            f"{papers.TERMINATION_WORDS[ground]}（《法律援助法》第四十八条）。{why}\n"
            f"{await objection_route(request.org_unit_id, '终止法律援助')}"
        )
        await record_status_change(call, request, before, LegalAidStatus.TERMINATED, note)
    return row


async def latest_termination(request_id: int) -> AidTermination | None:
    return await AidTermination.filter(request_id=request_id).order_by("-decided_at", "-id").first()


async def terminations_of(request_ids: Sequence[int]) -> dict[int, list[AidTermination]]:
    grouped: dict[int, list[AidTermination]] = {i: [] for i in request_ids}
    for row in await AidTermination.filter(request_id__in=list(request_ids)).order_by(
        "decided_at", "id"
    ):
        grouped[row.request_id].append(row)
    return grouped
