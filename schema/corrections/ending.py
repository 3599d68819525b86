"""The end of supervision: release, termination, revocation proposals and rulings,
and the persons whose term is ending."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.corrections import ending, release, revocation, termination
from api.models import supervision_end as m
from api.models.documents import Document
from api.models.enums import (
    DecidingBodyType,
    NoticeMethod,
    NoticeRecipient,
    ReleaseGround,
    RevocationKind,
    RulingDecision,
    SupervisionStatus,
    TerminationReason,
)
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import decode_cursor, page_size
from schema.corrections.queries import _fetch_ahead
from schema.corrections.types import (
    SupervisedPersonConnection,
    SupervisedPersonType,
    person_connection,
)


def document_url(document_id: int) -> str:
    """Where the PWA downloads an issued document (api/downloads.py), with its token."""
    return f"/documents/{document_id}.pdf"


@strawberry.type(name="EndNotice", description="A notice of the end (法 Art. 44, 51).")
class EndNoticeType:
    recipient: NoticeRecipient
    name: str
    sent_on: date
    method: NoticeMethod

    @classmethod
    def of(cls, row: m.EndNotice) -> EndNoticeType:
        return cls(
            recipient=NoticeRecipient(row.recipient),
            name=row.recipient_name,
            sent_on=row.sent_on,
            method=NoticeMethod(row.method),
        )


@strawberry.type(
    name="SupervisionEnd", description="How supervision ended: released or terminated."
)
class SupervisionEndType:
    id: strawberry.ID
    outcome: SupervisionStatus
    release_ground: ReleaseGround | None
    termination_reason: TerminationReason | None
    ground_document: str | None
    ended_on: date
    note: str | None
    recorded_at: datetime
    certificate_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, row: m.SupervisionEnd) -> SupervisionEndType:
        return cls(
            id=strawberry.ID(str(row.id)),
            outcome=SupervisionStatus(row.outcome),
            release_ground=ReleaseGround(row.release_ground) if row.release_ground else None,
            termination_reason=(
                TerminationReason(row.termination_reason) if row.termination_reason else None
            ),
            ground_document=row.ground_document,
            ended_on=row.ended_on,
            note=row.note,
            recorded_at=row.recorded_at,
            certificate_id=row.certificate_id,
        )

    @strawberry.field(description="The 解除社区矫正证明书's number, after a release.")
    async def certificate_number(self) -> str | None:
        if self.certificate_id is None:
            return None
        numbers = await Document.filter(id=self.certificate_id).values_list("number", flat=True)
        return str(numbers[0]) if numbers else None

    @strawberry.field(description="The certificate's PDF, GET with the bearer token.")
    def certificate_url(self) -> str | None:
        return None if self.certificate_id is None else document_url(self.certificate_id)

    @strawberry.field(description="To the deciding body, the procuratorate and the police.")
    async def notices(self) -> list[EndNoticeType]:
        rows = await m.EndNotice.filter(end_id=int(self.id)).order_by("id")
        return [EndNoticeType.of(r) for r in rows]


@strawberry.type(name="CourtRuling")
class CourtRulingType:
    id: strawberry.ID
    kind: RevocationKind
    decision: RulingDecision
    deciding_body_type: DecidingBodyType
    deciding_body: str
    document_number: str
    decided_on: date
    overdue: bool = strawberry.field(
        description="Decided after the 30 days from receipt of the proposal (法 Art. 48-49)."
    )
    without_proposal: bool = strawberry.field(
        description="A court's revocation on a new crime, with no proposal (法 Art. 46 ¶2)."
    )
    note: str | None
    proposal_id: strawberry.ID | None

    @classmethod
    def of(cls, row: m.CourtRuling) -> CourtRulingType:
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=RevocationKind(row.kind),
            decision=RulingDecision(row.decision),
            deciding_body_type=DecidingBodyType(row.deciding_body_type),
            deciding_body=row.deciding_body,
            document_number=row.document_number,
            decided_on=row.decided_on,
            overdue=row.overdue,
            without_proposal=row.proposal_id is None,
            note=row.note,
            proposal_id=strawberry.ID(str(row.proposal_id)) if row.proposal_id else None,
        )


@strawberry.type(name="RevocationProposal")
class RevocationProposalType:
    id: strawberry.ID
    kind: RevocationKind
    facts: str
    deciding_body_type: DecidingBodyType
    deciding_body: str
    proposed_on: date
    received_on: date = strawberry.field(description="The deciding body's receipt: day 0.")
    procuratorate_copied_on: date | None
    ruling_due_on: date = strawberry.field(description="receivedOn + 30 days (法 Art. 48-49).")
    decided: bool
    overdue: bool = strawberry.field(description="No ruling yet and rulingDueOn has passed.")

    @classmethod
    def of(cls, row: m.RevocationProposal, today: date) -> RevocationProposalType:
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=RevocationKind(row.kind),
            facts=row.facts,
            deciding_body_type=DecidingBodyType(row.deciding_body_type),
            deciding_body=row.deciding_body,
            proposed_on=row.proposed_on,
            received_on=row.received_on,
            procuratorate_copied_on=row.procuratorate_copied_on,
            ruling_due_on=revocation.ruling_due_on(row.received_on),
            decided=row.decided,
            overdue=revocation.proposal_overdue(row, today),
        )


@strawberry.input
class EndNoticeInput:
    recipient: NoticeRecipient
    name: str = strawberry.field(description="The body's name, e.g. 青山县人民检察院.")
    sent_on: date
    method: NoticeMethod

    def domain(self) -> ending.NoticeInput:
        return ending.NoticeInput(self.recipient, self.name, self.sent_on, self.method)


@strawberry.input
class ReleasePersonInput:
    person_id: strawberry.ID
    released_on: date
    notices: list[EndNoticeInput] = strawberry.field(
        description="One each to the deciding body, the procuratorate and the police (法 Art. 44)."
    )
    ground: ReleaseGround = ReleaseGround.TERM_ENDED
    ground_document: str | None = strawberry.field(
        default=None, description="The pardon or court decision; required unless TERM_ENDED."
    )
    note: str | None = None


@strawberry.input
class TerminateSupervisionInput:
    person_id: strawberry.ID
    reason: TerminationReason
    ended_on: date
    notices: list[EndNoticeInput] = strawberry.field(
        default_factory=list, description="Required for DEATH: all three bodies (法 Art. 51)."
    )
    note: str | None = None


@strawberry.input
class ProposeRevocationInput:
    person_id: strawberry.ID
    facts: str = strawberry.field(description="The reasons and the evidence (法 Art. 46 ¶3).")
    deciding_body: str
    proposed_on: date
    deciding_body_type: DecidingBodyType = DecidingBodyType.COURT
    received_on: date | None = strawberry.field(
        default=None, description="When the deciding body received it; default proposedOn."
    )
    procuratorate_copied_on: date | None = None


@strawberry.input
class RecordCourtRulingInput:
    person_id: strawberry.ID
    decision: RulingDecision
    deciding_body: str
    document_number: str
    decided_on: date
    proposal_id: strawberry.ID | None = strawberry.field(
        default=None, description="Omitted only for a court's revocation on a new crime."
    )
    deciding_body_type: DecidingBodyType = DecidingBodyType.COURT
    note: str | None = None


@strawberry.type
class EndingQuery:
    @strawberry.field(
        description="Persons under supervision whose term ends within withinDays days "
        "(default 30) or has ended, the earliest end first."
    )
    async def persons_due_for_release(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        within_days: int | None = None,
    ) -> SupervisedPersonConnection:
        call = info.context.call
        page = await release.persons_due_for_release(
            call,
            within_days=within_days,
            limit=page_size(first),
            after=decode_cursor(after, release.ReleasePosition),
        )
        nodes = [SupervisedPersonType.of(p, call.now) for p in page.rows]
        await _fetch_ahead(info, nodes)
        # Counted only when the query asks for the counts.
        return person_connection(
            page, nodes, lambda: release.tally_due_for_release(call, within_days)
        )


@strawberry.type
class EndingMutation:
    @strawberry.mutation(description="解除: at term end or on a pardon; issues the certificate.")
    async def release_person(self, info: Info, input: ReleasePersonInput) -> SupervisionEndType:
        end = await release.release_person(
            info.context.call,
            require_id(input.person_id, "personId"),
            ground=ReleaseGround(input.ground),
            released_on=input.released_on,
            ground_document=input.ground_document,
            notices=[n.domain() for n in input.notices],
            note=input.note,
        )
        return SupervisionEndType.of(end)

    @strawberry.mutation(description="终止: after a revoking ruling, a 收监 decision or death.")
    async def terminate_supervision(
        self, info: Info, input: TerminateSupervisionInput
    ) -> SupervisionEndType:
        end = await termination.terminate_supervision(
            info.context.call,
            require_id(input.person_id, "personId"),
            reason=TerminationReason(input.reason),
            ended_on=input.ended_on,
            notices=[n.domain() for n in input.notices],
            note=input.note,
        )
        return SupervisionEndType.of(end)

    @strawberry.mutation(description="The office proposes revocation or 收监 (法 Art. 46, 49).")
    async def propose_revocation(
        self, info: Info, input: ProposeRevocationInput
    ) -> RevocationProposalType:
        call = info.context.call
        proposal = await revocation.propose_revocation(
            call,
            require_id(input.person_id, "personId"),
            facts=input.facts,
            deciding_body_type=DecidingBodyType(input.deciding_body_type),
            deciding_body=input.deciding_body,
            proposed_on=input.proposed_on,
            received_on=input.received_on,
            procuratorate_copied_on=input.procuratorate_copied_on,
        )
        return RevocationProposalType.of(proposal, ending.today(call))

    @strawberry.mutation(description="The deciding body's ruling or decision (法 Art. 46-49).")
    async def record_court_ruling(
        self, info: Info, input: RecordCourtRulingInput
    ) -> CourtRulingType:
        ruling = await revocation.record_court_ruling(
            info.context.call,
            require_id(input.person_id, "personId"),
            proposal_id=parse_id(input.proposal_id, "proposalId"),
            decision=RulingDecision(input.decision),
            deciding_body_type=DecidingBodyType(input.deciding_body_type),
            deciding_body=input.deciding_body,
            document_number=input.document_number,
            decided_on=input.decided_on,
            note=input.note,
        )
        return CourtRulingType.of(ruling)
