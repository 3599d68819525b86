"""Termination (社区矫正终止, 法 Art. 45): after a revocation ruling, a 收监
decision, or the person's death.

法 Art. 45: 「社区矫正对象被裁定撤销缓刑、假释，被决定收监执行，或者社区矫正对象
死亡的，社区矫正终止。」 A death is reported by the guardian or family, and the
office notifies the deciding body, the procuratorate and the police
(法 Art. 51): those three notices are required, as for a release.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.corrections import ending
from api.domain.corrections.persons import STAFF, note_text, person_for
from api.models.enums import (
    RevocationKind,
    RulingDecision,
    SupervisionStatus,
    TerminationReason,
)
from api.models.supervision_end import CourtRuling, SupervisionEnd

# Which ruling each ground of termination rests on.
RULING_KINDS = {
    TerminationReason.REVOCATION: (RevocationKind.REVOKE_PROBATION, RevocationKind.REVOKE_PAROLE),
    TerminationReason.IMPRISONMENT: (RevocationKind.IMPRISONMENT,),
}


async def terminate_supervision(
    call: Call,
    person_id: int,
    *,
    reason: TerminationReason,
    ended_on: date,
    notices: Sequence[ending.NoticeInput],
    note: str | None,
) -> SupervisionEnd:
    """End supervision for `reason`: TERMINATED, no more reminders, the
    person's account reads its history only (api/domain/corrections/ending.py)."""
    scope.require_role(call, STAFF)
    reason = TerminationReason(reason)
    ended_on = ending.past_date(call, ended_on, "endedOn")
    remark = note_text(note, "note", required=False)
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        status = SupervisionStatus(person.status)
        if status in (SupervisionStatus.RELEASED, SupervisionStatus.TERMINATED):
            raise Conflict("SUPERVISION_ALREADY_ENDED", field="personId")
        ruling = None
        if reason is TerminationReason.DEATH:
            checked = ending.checked_notices(call, notices, required=True, not_before=ended_on)
        else:
            # Only the deciding body's ruling ends supervision this way: the
            # office records the termination that follows it, never its own.
            ruling = (
                await CourtRuling.filter(
                    person_id=person.id,
                    decision=RulingDecision.REVOKE,
                    kind__in=RULING_KINDS[reason],
                )
                .order_by("-id")
                .first()
            )
            if status is not SupervisionStatus.REVOKED or ruling is None:
                raise Conflict("TERMINATION_NEEDS_RULING", field="reason")
            if ended_on < ruling.decided_on:
                raise BadInput("TERMINATION_BEFORE_RULING", field="endedOn")
            # The deciding body sends its ruling to the police and copies the
            # procuratorate itself (法 Art. 48 ¶2, 49 ¶2): notices are optional.
            checked = ending.checked_notices(call, notices, required=False, not_before=ended_on)
        end = await ending.record_end(
            call,
            person,
            SupervisionStatus.TERMINATED,
            ended_on,
            checked,
            termination_reason=reason,
            ruling_id=ruling.id if ruling else None,
            note=remark,
        )
        ending.end_status(person, SupervisionStatus.TERMINATED)
        await person.save(update_fields=["status", "active_id_number"])
        await ending.cancel_reminders(person)
        await audit.record(
            call,
            "person.terminate",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "reason": reason,
                "from": status,
                "endedOn": ended_on.isoformat(),
                "notices": [n.recipient.value for n in checked],
            },
        )
    return end


async def end_of(person_id: int) -> SupervisionEnd | None:
    return await SupervisionEnd.get_or_none(person_id=person_id)
