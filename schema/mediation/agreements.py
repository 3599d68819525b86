"""Mediation agreements in the GraphQL schema: the agreement, its terms and
signatures, its judicial confirmation and return visits; the queries and the
mutations that record them."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.common.paging import TimePosition
from api.domain.corrections.ending import today
from api.domain.mediation import agreements, confirmation, performance
from api.models import agreements as m
from api.models.agreements import (
    AgreementForm,
    ConfirmationStatus,
    ConfirmationStep,
    SignatureMethod,
    SignerKind,
    StatusMatter,
)
from api.models.enums import PartyRole
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.corrections.ending import document_url
from schema.mediation.types import DisputeType, MediationVisitType


@strawberry.type(name="AgreementParty")
class AgreementPartyType:
    name: str
    role: PartyRole
    phone: str | None
    address: str | None


@strawberry.type(name="AgreementTerm")
class AgreementTermType:
    id: strawberry.ID
    obligor: str
    content: str
    way: str = strawberry.field(description="How it is performed (履行方式, Art. 29).")
    due_on: date = strawberry.field(description="The last day to perform it (履行期限).")
    performed_on: date | None
    performed_note: str | None
    overdue: bool = strawberry.field(description="Not performed and its last day has passed.")

    @classmethod
    def of(cls, t: m.AgreementTerm, asof: date) -> AgreementTermType:
        return cls(
            id=strawberry.ID(str(t.id)),
            obligor=t.obligor,
            content=t.content,
            way=t.way,
            due_on=t.due_on,
            performed_on=t.performed_on,
            performed_note=t.performed_note,
            overdue=performance.is_overdue(t, asof),
        )


@strawberry.type(name="AgreementSignature")
class AgreementSignatureType:
    id: strawberry.ID
    signer_kind: SignerKind
    party_index: int | None
    signer_name: str
    method: SignatureMethod
    signed_at: datetime

    @classmethod
    def of(cls, s: m.AgreementSignature) -> AgreementSignatureType:
        index = int(s.slot.split(":")[1]) if s.slot.startswith("party:") else None
        return cls(
            id=strawberry.ID(str(s.id)),
            signer_kind=SignerKind(s.signer_kind),
            party_index=index,
            signer_name=s.signer_name,
            method=SignatureMethod(s.method),
            signed_at=s.signed_at,
        )


@strawberry.type(name="JudicialConfirmation")
class JudicialConfirmationType:
    status: ConfirmationStatus
    court: str | None
    case_number: str | None
    applied_on: date | None
    acceptance_due_on: date | None = strawberry.field(
        description="The court decides within 3 days whether it accepts (2011 规定 Art. 3)."
    )
    acceptance_late: bool
    accepted_on: date | None = strawberry.field(
        description="The day the court decided whether to accept (ACCEPTED or NOT_ACCEPTED)."
    )
    extended: bool
    ruling_due_on: date | None = strawberry.field(
        description="15 days from acceptance, 25 when extended (2011 规定 Art. 5)."
    )
    ruling_late: bool
    ruled_on: date | None


@strawberry.type(name="MediationAgreement")
class AgreementType:
    id: strawberry.ID
    client_id: strawberry.ID
    form: AgreementForm
    status_matter: StatusMatter | None
    parties: list[AgreementPartyType]
    facts: str
    responsibilities: str
    agreed_at: datetime
    sealed_at: datetime | None
    effective_at: datetime | None = strawberry.field(
        description=(
            "Written: when the last party and the mediator have signed and the committee "
            "sealed it (人民调解法 Art. 29); oral: when agreed (Art. 30)."
        )
    )
    effective_on: date | None
    confirmation_due_on: date | None = strawberry.field(
        description=(
            "The last day to apply jointly for judicial confirmation: the 30th day after "
            "the day it took effect (人民调解法 Art. 33); none for a status matter."
        )
    )
    confirmable: bool
    recorded_at: datetime
    confirmation: JudicialConfirmationType | None
    dispute_id: strawberry.Private[int]
    document_id: strawberry.Private[int | None]
    row: strawberry.Private[m.MediationAgreement]

    @classmethod
    def of(cls, a: m.MediationAgreement, asof: date) -> AgreementType:
        deadlines = confirmation.court_deadlines(a, asof)
        return cls(
            id=strawberry.ID(str(a.id)),
            client_id=strawberry.ID(a.client_id),
            form=AgreementForm(a.form),
            status_matter=StatusMatter(a.status_matter) if a.status_matter else None,
            parties=[
                AgreementPartyType(
                    name=str(p["name"]),
                    role=PartyRole(str(p["role"])),
                    phone=p.get("phone"),
                    address=p.get("address"),
                )
                for p in a.parties
            ],
            facts=a.facts,
            responsibilities=a.responsibilities,
            agreed_at=a.agreed_at,
            sealed_at=a.sealed_at,
            effective_at=a.effective_at,
            effective_on=a.effective_on,
            confirmation_due_on=a.confirmation_due_on,
            confirmable=agreements.confirmable(a),
            recorded_at=a.recorded_at,
            confirmation=(
                None
                if a.confirmation_status is None
                else JudicialConfirmationType(
                    status=ConfirmationStatus(a.confirmation_status),
                    court=a.confirmation_court,
                    case_number=a.confirmation_case_number,
                    applied_on=a.confirmation_applied_on,
                    acceptance_due_on=deadlines.acceptance_due_on,
                    acceptance_late=deadlines.acceptance_late,
                    accepted_on=a.confirmation_accepted_on,
                    extended=a.confirmation_extended,
                    ruling_due_on=deadlines.ruling_due_on,
                    ruling_late=deadlines.ruling_late,
                    ruled_on=a.confirmation_ruled_on,
                )
            ),
            dispute_id=a.dispute_id,
            document_id=a.document_id,
            row=a,
        )

    @strawberry.field
    async def dispute(self, info: Info) -> DisputeType:
        dispute = await info.context.loaders.dispute_by_id.load(self.dispute_id)
        assert dispute is not None  # ON DELETE RESTRICT
        return DisputeType.of(dispute)

    @strawberry.field
    async def terms(self, info: Info) -> list[AgreementTermType]:
        rows = await info.context.loaders.terms_by_agreement.load(int(self.id))
        asof = today(info.context.call)
        return [AgreementTermType.of(t, asof) for t in rows]

    @strawberry.field(description="In the order they were made.")
    async def signatures(self, info: Info) -> list[AgreementSignatureType]:
        rows = await info.context.loaders.signatures_by_agreement.load(int(self.id))
        return [AgreementSignatureType.of(s) for s in rows]

    @strawberry.field(
        description="Who has still to sign: the parties by their index, then the mediator."
    )
    async def awaiting(self, info: Info) -> list[str]:
        if self.form is AgreementForm.ORAL or self.effective_at is not None:
            return []
        rows = await info.context.loaders.signatures_by_agreement.load(int(self.id))
        return agreements.missing_slots(self.row, [s.slot for s in rows])

    @strawberry.field(description="The 调解协议书's PDF (one copy per party and the file copy).")
    def document_url(self) -> str | None:
        return None if self.document_id is None else document_url(self.document_id)

    @strawberry.field(description="Visits to the dispute since the agreement (回访, Art. 31).")
    async def return_visits(self, info: Info) -> list[MediationVisitType]:
        rows = await info.context.loaders.return_visits_by_agreement.load(self.row)
        return [MediationVisitType.of(v) for v in rows]


# ------------------------------------------------------------------ inputs


@strawberry.input
class AgreementPartyInput:
    name: str
    role: PartyRole
    phone: str | None = None
    address: str | None = None


@strawberry.input
class AgreementTermInput:
    obligor: str = strawberry.field(description="The name of the party who performs it.")
    content: str
    way: str
    due_on: date


@strawberry.input
class RecordAgreementInput:
    client_id: strawberry.ID
    dispute_id: strawberry.ID
    form: AgreementForm
    parties: list[AgreementPartyInput]
    facts: str = strawberry.field(description="The main facts and the matters in dispute.")
    responsibilities: str
    terms: list[AgreementTermInput]
    agreed_at: datetime
    status_matter: StatusMatter | None = None


@strawberry.input
class AgreementSignatureInput:
    client_id: strawberry.ID
    agreement_client_id: strawberry.ID = strawberry.field(
        description="The agreement's clientId: it may still be in the same outbox."
    )
    signer_kind: SignerKind
    party_index: int | None = None
    method: SignatureMethod
    image: str = strawberry.field(description="Base64: a PNG signature, a PNG or JPEG photo.")
    signed_at: datetime


@strawberry.input
class JudicialConfirmationInput:
    agreement_id: strawberry.ID
    step: ConfirmationStep
    on: date | None = None
    court: str | None = None
    case_number: str | None = None
    joint_application: bool = strawberry.field(
        default=False, description="Both parties apply together (人民调解法 Art. 33)."
    )


@strawberry.input
class AgreementFilter:
    dispute_id: strawberry.ID | None = None
    confirmation_pending: bool | None = None
    term_overdue: bool | None = None


# ------------------------------------------------------------------ operations


@strawberry.type
class AgreementsQuery:
    @strawberry.field(description="The agreements of the viewer's disputes, newest first.")
    async def agreements(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: AgreementFilter | None = None,
    ) -> CountedConnection[AgreementType]:
        f = filter or AgreementFilter()
        call = info.context.call
        page = await agreements.list_agreements(
            call,
            limit=page_size(first),
            after=decode_cursor(after, TimePosition),
            filter=agreements.AgreementFilter(
                dispute_id=parse_id(f.dispute_id, "filter.disputeId"),
                confirmation_pending=f.confirmation_pending,
                term_overdue=f.term_overdue,
            ),
        )
        asof = today(call)
        return counted_connection(page, [AgreementType.of(a, asof) for a in page.rows])

    @strawberry.field
    async def agreement(self, info: Info, id: strawberry.ID) -> AgreementType | None:
        call = info.context.call
        row = await agreements.get_agreement(call, require_id(id, "id"))
        return AgreementType.of(row, today(call))


@strawberry.type
class AgreementsMutation:
    @strawberry.mutation
    async def record_agreement(self, info: Info, input: RecordAgreementInput) -> AgreementType:
        call = info.context.call
        row = await agreements.record_agreement(
            call,
            client_id=str(input.client_id),
            dispute_id=require_id(input.dispute_id, "disputeId"),
            form=input.form,
            status_matter=input.status_matter,
            parties=[
                agreements.AgreementPartyInput(
                    name=p.name, role=p.role, phone=p.phone, address=p.address
                )
                for p in input.parties
            ],
            facts=input.facts,
            responsibilities=input.responsibilities,
            terms=[
                agreements.TermInput(
                    obligor=t.obligor, content=t.content, way=t.way, due_on=t.due_on
                )
                for t in input.terms
            ],
            agreed_at=input.agreed_at,
        )
        return AgreementType.of(row, today(call))

    @strawberry.mutation
    async def record_agreement_signature(
        self, info: Info, input: AgreementSignatureInput
    ) -> AgreementSignatureType:
        row = await agreements.sign_agreement(
            info.context.call,
            client_id=str(input.client_id),
            agreement_client_id=str(input.agreement_client_id),
            signer=input.signer_kind,
            party_index=input.party_index,
            method=input.method,
            image=input.image,
            signed_at=input.signed_at,
        )
        return AgreementSignatureType.of(row)

    @strawberry.mutation(description="The committee's seal on the 调解协议书 (人民调解法 Art. 29).")
    async def seal_agreement(
        self, info: Info, id: strawberry.ID, sealed_at: datetime
    ) -> AgreementType:
        call = info.context.call
        row = await agreements.seal_agreement(call, require_id(id, "id"), sealed_at)
        return AgreementType.of(row, today(call))

    @strawberry.mutation
    async def record_judicial_confirmation(
        self, info: Info, input: JudicialConfirmationInput
    ) -> AgreementType:
        call = info.context.call
        row = await confirmation.record_confirmation(
            call,
            require_id(input.agreement_id, "agreementId"),
            step=input.step,
            on=input.on,
            court=input.court,
            case_number=input.case_number,
            joint_application=input.joint_application,
        )
        return AgreementType.of(row, today(call))

    @strawberry.mutation
    async def mark_term_performed(
        self, info: Info, term_id: strawberry.ID, performed_on: date, note: str | None = None
    ) -> AgreementTermType:
        call = info.context.call
        row = await performance.mark_term_performed(
            call, require_id(term_id, "termId"), performed_on, note
        )
        return AgreementTermType.of(row, today(call))
