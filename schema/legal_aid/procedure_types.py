"""The legal-aid procedure's types: materials, aid before review, notified
cases, terminations, objections, progress, complaints, documents, providers."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.domain.legal_aid import objections
from api.models import legal_aid_procedure as m
from api.models.documents import Document
from api.models.enums import (
    AidBeforeReviewGround,
    AidProviderKind,
    ComplaintKind,
    ComplaintStatus,
    MaterialsStatus,
    NotifiedGround,
    NotifyingBody,
    ObjectionAgainst,
    ObjectionStatus,
    ProgressKind,
    TerminationGround,
)
from schema.accounts.types import UserType, user_of
from schema.common.context import Info
from schema.corrections.ending import document_url

if TYPE_CHECKING:
    from schema.legal_aid.types import LegalAidRequestType

_TYPES = "schema.legal_aid.types"


@strawberry.type(name="MaterialsRequest", description="一次性告知: what is missing (Art. 43).")
class MaterialsRequestType:
    id: strawberry.ID
    items: list[str]
    due_on: date = strawberry.field(description="Not supplied by the end of this day: withdrawn.")
    requested_at: datetime
    status: MaterialsStatus
    resolved_at: datetime | None

    @classmethod
    def of(cls, r: m.MaterialsRequest) -> MaterialsRequestType:
        return cls(
            id=strawberry.ID(str(r.id)),
            items=list(r.items),
            due_on=r.due_on,
            requested_at=r.requested_at,
            status=MaterialsStatus(r.status),
            resolved_at=r.resolved_at,
        )


@strawberry.type(name="MaterialsPhoto")
class MaterialsPhotoType:
    id: strawberry.ID
    content_type: str
    size_bytes: int
    sha256: str
    data_url: str

    @classmethod
    def of(cls, p: m.MaterialsPhoto) -> MaterialsPhotoType:
        return cls(
            id=strawberry.ID(str(p.id)),
            content_type=p.content_type,
            size_bytes=p.size_bytes,
            sha256=p.sha256,
            data_url=f"data:{p.content_type};base64,{base64.b64encode(p.data).decode()}",
        )


@strawberry.type(name="MaterialsSupply", description="What the applicant sent from the phone.")
class MaterialsSupplyType:
    id: strawberry.ID
    client_id: strawberry.ID
    note: str | None
    supplied_at: datetime

    @classmethod
    def of(cls, s: m.MaterialsSupply) -> MaterialsSupplyType:
        return cls(
            id=strawberry.ID(str(s.id)),
            client_id=strawberry.ID(s.client_id),
            note=s.note,
            supplied_at=s.supplied_at,
        )

    @strawberry.field
    async def photos(self, info: Info) -> list[MaterialsPhotoType]:
        rows = await info.context.loaders.aid_procedure.photos.load(int(self.id))
        return [MaterialsPhotoType.of(p) for p in rows]


@strawberry.type(name="AidBeforeReview", description="先行提供 (Art. 44).")
class AidBeforeReviewType:
    ground: AidBeforeReviewGround
    note: str
    decided_at: datetime
    paperwork_received_at: datetime | None

    @classmethod
    def of(cls, r: m.AidBeforeReview) -> AidBeforeReviewType:
        return cls(
            ground=AidBeforeReviewGround(r.ground),
            note=r.note,
            decided_at=r.decided_at,
            paperwork_received_at=r.paperwork_received_at,
        )


@strawberry.type(name="NotifiedCase", description="通知辩护 (Art. 25, 35-36).")
class NotifiedCaseType:
    body_type: NotifyingBody
    body_name: str
    body_reference: str
    ground: NotifiedGround
    received_at: datetime

    @classmethod
    def of(cls, n: m.NotifiedCase) -> NotifiedCaseType:
        return cls(
            body_type=NotifyingBody(n.body_type),
            body_name=n.body_name,
            body_reference=n.body_reference,
            ground=NotifiedGround(n.ground),
            received_at=n.received_at,
        )


@strawberry.type(name="AidTermination", description="终止法律援助 (Art. 48).")
class AidTerminationType:
    ground: TerminationGround
    reason: str
    decided_at: datetime
    document_url: str | None

    @classmethod
    def of(cls, t: m.AidTermination) -> AidTerminationType:
        return cls(
            ground=TerminationGround(t.ground),
            reason=t.reason,
            decided_at=t.decided_at,
            document_url=document_url(t.document_id) if t.document_id else None,
        )


@strawberry.type(name="LegalAidDocument", description="A written decision of the request.")
class LegalAidDocumentType:
    id: strawberry.ID
    kind: str
    title: str
    number: str
    issued_at: datetime
    url: str

    @classmethod
    def of(cls, d: Document) -> LegalAidDocumentType:
        return cls(
            id=strawberry.ID(str(d.id)),
            kind=d.kind,
            title=d.title,
            number=d.number,
            issued_at=d.issued_at,
            url=document_url(d.id),
        )


@strawberry.type(name="Objection", description="异议 to the justice bureau (Art. 49).")
class ObjectionType:
    id: strawberry.ID
    client_id: strawberry.ID
    against: ObjectionAgainst
    reasons: str
    filed_at: datetime
    due_at: datetime = strawberry.field(
        description="The end of the 5th day after receipt (Art. 49 ¶2)."
    )
    status: ObjectionStatus
    decided_at: datetime | None
    decision_reason: str | None
    request_id: strawberry.Private[int]
    row: strawberry.Private[m.Objection]

    @classmethod
    def of(cls, o: m.Objection) -> ObjectionType:
        return cls(
            id=strawberry.ID(str(o.id)),
            client_id=strawberry.ID(o.client_id),
            against=ObjectionAgainst(o.against),
            reasons=o.reasons,
            filed_at=o.filed_at,
            due_at=o.due_at,
            status=ObjectionStatus(o.status),
            decided_at=o.decided_at,
            decision_reason=o.decision_reason,
            request_id=o.request_id,
            row=o,
        )

    @strawberry.field(description="dueAt has passed with no decision.")
    def review_overdue(self, info: Info) -> bool:
        return objections.is_review_overdue(self.row, info.context.call.now)

    @strawberry.field(description="The request objected about.")
    async def request(
        self, info: Info
    ) -> Annotated[LegalAidRequestType, strawberry.lazy(_TYPES)] | None:
        from schema.legal_aid.types import LegalAidRequestType

        row = await info.context.loaders.aid_procedure.requests.load(self.request_id)
        return LegalAidRequestType.of(row) if row else None


@strawberry.type(name="ProgressEntry", description="办理情况 the aided person sees (Art. 46).")
class ProgressEntryType:
    id: strawberry.ID
    client_id: strawberry.ID
    kind: ProgressKind
    happened_on: date
    hearing_at: datetime | None
    note: str
    recorded_at: datetime
    recorded_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, e: m.ProgressEntry) -> ProgressEntryType:
        return cls(
            id=strawberry.ID(str(e.id)),
            client_id=strawberry.ID(e.client_id),
            kind=ProgressKind(e.kind),
            happened_on=e.happened_on,
            hearing_at=e.hearing_at,
            note=e.note,
            recorded_at=e.recorded_at,
            recorded_by_id=e.recorded_by_id,
        )

    @strawberry.field
    async def recorded_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.recorded_by_id)


@strawberry.type(name="Complaint", description="投诉 or a change of assignee (Art. 55).")
class ComplaintType:
    id: strawberry.ID
    client_id: strawberry.ID
    kind: ComplaintKind
    reason: str
    filed_at: datetime
    status: ComplaintStatus
    outcome: str | None
    decided_at: datetime | None

    @classmethod
    def of(cls, c: m.Complaint) -> ComplaintType:
        return cls(
            id=strawberry.ID(str(c.id)),
            client_id=strawberry.ID(c.client_id),
            kind=ComplaintKind(c.kind),
            reason=c.reason,
            filed_at=c.filed_at,
            status=ComplaintStatus(c.status),
            outcome=c.outcome,
            decided_at=c.decided_at,
        )


@strawberry.type(name="AidProvider", description="Who may be assigned (Art. 12-13, 16-17, 26).")
class AidProviderType:
    kind: AidProviderKind
    qualified: bool
    practice_since: date | None
    user_id: strawberry.Private[int]

    @strawberry.field
    async def user(self, info: Info) -> UserType | None:
        return await user_of(info, self.user_id)
