"""Revocation (撤销缓刑、假释) and 收监执行: the office proposes, the deciding body decides.

Only a court revokes 缓刑 or 假释 (法 Art. 46 ¶1). 收监 of a person on
暂予监外执行 is decided by the 社区矫正决定机关 (法 Art. 49), which may be a
court, a prison administration or a public-security body (法 Art. 17 ¶4): the
issue's "only a court orders 收监" is narrower than the statute, so the
ruling records the deciding body's type. 管制 has nothing to revoke.

The ruling is due within 30 days of the body's *receipt* of the proposal
(法 Art. 48 ¶1, 49 ¶2: 收到…建议书后三十日内), not of the proposal itself as
the issue says: the receipt date is recorded (the proposal's date by default).
A court trying a new crime, or an earlier one found later, revokes with no
proposal (法 Art. 46 ¶2): such a ruling is recorded without one.
"""

from __future__ import annotations

from datetime import date, timedelta

from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import text
from api.domain.corrections import ending
from api.domain.corrections.persons import STAFF, note_text, person_for
from api.models.corrections import SupervisedPerson
from api.models.enums import (
    CorrectionType,
    DecidingBodyType,
    RevocationKind,
    RulingDecision,
    SupervisionStatus,
)
from api.models.supervision_end import CourtRuling, RevocationProposal

# 法 Art. 48 ¶1 (缓刑, 假释), 49 ¶2 (收监): 三十日内, counted as 刑诉法 Art. 105
# counts periods: the day of receipt is day 0, day 30 is the last on time.
# Not applied here: Art. 105's roll-over of a last day that is a public
# holiday (it needs the holiday calendar, a dated table not yet in the app).
RULING_DAYS = 30
FACTS_MAX = 5000

KIND_OF = {
    CorrectionType.PROBATION: RevocationKind.REVOKE_PROBATION,
    CorrectionType.PAROLE: RevocationKind.REVOKE_PAROLE,
    CorrectionType.TEMPORARY_OUTSIDE_PRISON: RevocationKind.IMPRISONMENT,
}


def ruling_due_on(received_on: date) -> date:
    return received_on + timedelta(days=RULING_DAYS)


def revocation_kind(person: SupervisedPerson) -> RevocationKind:
    """What can be proposed for the person; BAD_USER_INPUT for 管制."""
    kind = KIND_OF.get(CorrectionType(person.correction_type))
    if kind is None:
        # 管制 is served in the community to its end: no suspended sentence to
        # revoke, no prison to return to (刑法 Art. 38-40; 法 Art. 46, 49).
        raise BadInput("CONTROL_NOT_REVOCABLE", field="personId")
    return kind


def body_type_for(kind: RevocationKind, body_type: DecidingBodyType) -> DecidingBodyType:
    body_type = DecidingBodyType(body_type)
    # 法 Art. 46 ¶1, ¶3: 由人民法院撤销缓刑、假释 (the original or the execution-place court).
    if kind is not RevocationKind.IMPRISONMENT and body_type is not DecidingBodyType.COURT:
        raise BadInput("REVOKED_BY_COURT_ONLY", field="decidingBodyType")
    return body_type


def _under_supervision(person: SupervisedPerson) -> None:
    if SupervisionStatus(person.status) not in ending.UNDER_SUPERVISION:
        raise Conflict("SUPERVISION_ALREADY_ENDED", field="personId")


async def propose_revocation(
    call: Call,
    person_id: int,
    *,
    facts: str,
    deciding_body_type: DecidingBodyType,
    deciding_body: str,
    proposed_on: date,
    received_on: date | None,
    procuratorate_copied_on: date | None,
) -> RevocationProposal:
    """The office's proposal with its reasons and evidence (法 Art. 46 ¶3: 应当说明
    理由，并提供有关证据材料; 49 ¶1), one open proposal a person at a time."""
    viewer = scope.require_role(call, STAFF)
    stated = text(facts, "facts", max_len=FACTS_MAX)
    body = ending.body_name(deciding_body, "decidingBody")
    proposed_on = ending.past_date(call, proposed_on, "proposedOn")
    received = ending.past_date(call, received_on or proposed_on, "receivedOn")
    if received < proposed_on:
        raise BadInput("PROPOSAL_RECEIVED_BEFORE_MADE", field="receivedOn")
    copied = None
    if procuratorate_copied_on is not None:
        copied = ending.past_date(call, procuratorate_copied_on, "procuratorateCopiedOn")
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        kind = revocation_kind(person)
        body_type = body_type_for(kind, deciding_body_type)
        _under_supervision(person)
        if await RevocationProposal.exists(person_id=person.id, decided=False):
            raise Conflict("PROPOSAL_PENDING", field="personId")
        proposal = await RevocationProposal.create(
            person_id=person.id,
            kind=kind,
            facts=stated,
            deciding_body_type=body_type,
            deciding_body=body,
            proposed_on=proposed_on,
            received_on=received,
            procuratorate_copied_on=copied,
            proposed_by_id=viewer.id,
            created_at=call.now,
        )
        await audit.record(
            call,
            "person.propose_revocation",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"proposal": proposal.id, "kind": kind, "receivedOn": received.isoformat()},
        )
    return proposal


async def record_court_ruling(
    call: Call,
    person_id: int,
    *,
    proposal_id: int | None,
    decision: RulingDecision,
    deciding_body_type: DecidingBodyType,
    deciding_body: str,
    document_number: str,
    decided_on: date,
    note: str | None,
) -> CourtRuling:
    """The deciding body's ruling or decision, with the proposal it answers or
    none (法 Art. 46 ¶2). A ruling that revokes makes the person REVOKED (the
    one way to it); one that refuses leaves supervision as it was. Decided
    after the 30 days from receipt, it is recorded and flagged overdue."""
    viewer = scope.require_role(call, STAFF)
    decision = RulingDecision(decision)
    body = ending.body_name(deciding_body, "decidingBody")
    number = text(document_number, "documentNumber", max_len=ending.DOCUMENT_NUMBER_MAX)
    decided_on = ending.past_date(call, decided_on, "decidedOn")
    reason = note_text(note, "note", required=False)
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        kind = revocation_kind(person)
        body_type = body_type_for(kind, deciding_body_type)
        _under_supervision(person)
        proposal = None
        overdue = False
        if proposal_id is not None:
            proposal = await RevocationProposal.filter(id=proposal_id, person_id=person.id).first()
            if proposal is None:
                raise scope.not_found("PROPOSAL_NOT_FOUND")
            if proposal.decided:
                raise Conflict("PROPOSAL_DECIDED", field="proposalId")
            if decided_on < proposal.received_on:
                raise BadInput("RULING_BEFORE_RECEIPT", field="decidedOn")
            overdue = decided_on > ruling_due_on(proposal.received_on)
        else:
            # 法 Art. 46 ¶2: the court trying a new crime (or an earlier one found
            # later) revokes 缓刑/假释 itself; anything else answers a proposal.
            if kind is RevocationKind.IMPRISONMENT or decision is not RulingDecision.REVOKE:
                raise BadInput("RULING_NEEDS_PROPOSAL", field="proposalId")
        ruling = await CourtRuling.create(
            person_id=person.id,
            proposal_id=proposal.id if proposal else None,
            kind=kind,
            decision=decision,
            deciding_body_type=body_type,
            deciding_body=body,
            document_number=number,
            decided_on=decided_on,
            overdue=overdue,
            note=reason,
            recorded_by_id=viewer.id,
            recorded_at=call.now,
        )
        if proposal is not None:
            proposal.decided = True
            await proposal.save(update_fields=["decided"])
        old = person.status
        if decision is RulingDecision.REVOKE:
            # Revoked: supervision is over (法 Art. 45); the office then records
            # the termination (terminateSupervision) once the person is handed over.
            ending.end_status(person, SupervisionStatus.REVOKED)
            await person.save(update_fields=["status", "active_id_number"])
            await ending.cancel_reminders(person)
        await audit.record(
            call,
            "person.record_ruling",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "ruling": ruling.id,
                "proposal": ruling.proposal_id,
                "decision": decision,
                "overdue": overdue,
                "from": old,
                "to": person.status,
            },
        )
    return ruling


def proposal_overdue(proposal: RevocationProposal, today: date) -> bool:
    """No ruling yet and the 30 days from receipt have passed."""
    return not proposal.decided and today > ruling_due_on(proposal.received_on)


async def proposals_of(person_id: int) -> list[RevocationProposal]:
    return await RevocationProposal.filter(person_id=person_id).order_by("-id")


async def rulings_of(person_id: int) -> list[CourtRuling]:
    return await CourtRuling.filter(person_id=person_id).order_by("-id")
