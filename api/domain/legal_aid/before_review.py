"""Aid before the review ends (先行提供, 法律援助法 Art. 44): the centre may
start aid at once when (1) fewer than 7 days remain before a limitation
period or time limit, (2) preservation of property or evidence or advance
execution is needed now, or (3) another case the law names. The decision is
recorded with its ground; the applicant follows up with the paperwork and
materials (Art. 44 ¶2), which materials.supply_materials receives."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from api.domain.common import scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.validators import text
from api.domain.legal_aid import access
from api.domain.legal_aid.decisions import REASON_MAX, approve_or_refuse, check_transition
from api.domain.legal_aid.requests import URGENT_WITHIN, local_date
from api.models.enums import AidBeforeReviewGround, LegalAidStatus
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_procedure import AidBeforeReview

GROUND_WORDS = {
    AidBeforeReviewGround.DEADLINE_NEAR: "距法定时效或者期限届满不足七日",
    AidBeforeReviewGround.URGENT_PRESERVATION: "需要立即申请财产保全、证据保全或者先予执行",
    AidBeforeReviewGround.OTHER_STATUTORY: "法律、法规、规章规定的其他情形",
}


async def provide_aid_before_review(
    call: Call, request_id: int, ground: AidBeforeReviewGround, note: str
) -> LegalAidRequest:
    """Staff of the centre start aid now; the request is approved with the
    grant issued, and the review's paperwork is followed up."""
    ground = AidBeforeReviewGround(ground)
    why = text(note, "note", max_len=REASON_MAX)
    viewer = scope.require_viewer(call)
    async with in_transaction():
        request = await access.for_staff(call, request_id)
        before = check_transition(request, LegalAidStatus.APPROVED)
        if ground is AidBeforeReviewGround.DEADLINE_NEAR:
            # Art. 44(1): 不足七日, by the deadline the request states.
            today = local_date(call.now, call.settings.timezone)
            deadline = request.limitation_deadline
            if deadline is None or deadline >= today + URGENT_WITHIN:
                raise BadInput("DEADLINE_NOT_NEAR", field="ground", days=URGENT_WITHIN.days)
        # A materials notice still open stays open: what it lists is now the
        # paperwork to follow (Art. 44 ¶2); unanswered, it no longer withdraws.
        await AidBeforeReview.create(
            request_id=request.id,
            ground=ground,
            note=why,
            decided_at=call.now,
            decided_by_id=viewer.id,
        )
        await approve_or_refuse(
            call,
            request,
            before,
            True,
            f"{GROUND_WORDS[ground]}，先行提供法律援助（《法律援助法》第四十四条）。{why}",
            before_review=True,
        )
    return request
