"""The legal-aid procedure's operations (法律援助法 Art. 12-13, 25-26, 43-49, 55)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.common.paging import TimePosition
from api.domain.legal_aid import (
    before_review,
    materials,
    notified,
    objections,
    progress,
    providers,
    requests,
    termination,
)
from api.models.enums import (
    AidBeforeReviewGround,
    AidProviderKind,
    ComplaintKind,
    NotifiedGround,
    NotifyingBody,
    ObjectionStatus,
    ProgressKind,
    TerminationGround,
)
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.legal_aid.procedure_types import (
    AidProviderType,
    AidTerminationType,
    ComplaintType,
    MaterialsSupplyType,
    ObjectionType,
    ProgressEntryType,
)
from schema.legal_aid.types import LegalAidRequestType


@strawberry.input
class NotifiedCaseInput:
    client_id: strawberry.ID
    body_type: NotifyingBody
    body_name: str = strawberry.field(description="The court, procuratorate or police organ.")
    body_reference: str = strawberry.field(description="The number of its notice.")
    ground: NotifiedGround
    defendant_name: str
    description: str
    defendant_id_number: str | None = None


@strawberry.input
class ProgressInput:
    client_id: strawberry.ID
    kind: ProgressKind
    happened_on: date
    note: str
    hearing_at: datetime | None = None


@strawberry.input(description="Materials from the phone: JPEG or PNG photos as base64.")
class MaterialsSupplyInput:
    client_id: strawberry.ID
    request_id: strawberry.ID
    photos: list[str] = strawberry.field(default_factory=list)
    note: str | None = None


@strawberry.input
class ObjectionInput:
    client_id: strawberry.ID
    request_id: strawberry.ID
    reasons: str


@strawberry.input
class ComplaintInput:
    client_id: strawberry.ID
    request_id: strawberry.ID
    kind: ComplaintKind
    reason: str


@strawberry.input
class ObjectionFilter:
    status: ObjectionStatus | None = None
    request_id: strawberry.ID | None = None


@strawberry.type
class LegalAidProcedureQuery:
    @strawberry.field(
        description="Objections (Art. 49): the bureau's to review, the centre's, the "
        "applicant's own; the review due soonest first."
    )
    async def objections(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: ObjectionFilter | None = None,
    ) -> CountedConnection[ObjectionType]:
        f = filter or ObjectionFilter()
        page = await objections.list_objections(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, TimePosition),
            filter=objections.ObjectionFilter(
                status=f.status, request_id=parse_id(f.request_id, "filter.requestId")
            ),
        )
        return counted_connection(page, [ObjectionType.of(o) for o in page.rows])

    @strawberry.field(description="Who the viewer's centre may assign, and as what.")
    async def aid_providers(self, info: Info) -> list[AidProviderType]:
        return [
            AidProviderType(
                kind=p.kind,
                qualified=p.qualified,
                practice_since=p.practice_since,
                user_id=p.user.id,
            )
            for p in await providers.assignable(info.context.call)
        ]


@strawberry.type
class LegalAidProcedureMutation:
    @strawberry.mutation(description="Centre staff or ADMIN: what an account may be assigned as.")
    async def set_aid_provider_profile(
        self,
        info: Info,
        user_id: strawberry.ID,
        kind: AidProviderKind,
        qualified: bool = False,
        practice_since: date | None = None,
    ) -> AidProviderType:
        row = await providers.set_profile(
            info.context.call, require_id(user_id, "userId"), kind, qualified, practice_since
        )
        return AidProviderType(
            kind=AidProviderKind(row.kind),
            qualified=row.qualified,
            practice_since=row.practice_since,
            user_id=row.user_id,
        )

    @strawberry.mutation(
        description="一次性告知 (Art. 43 ¶2): everything missing, with a deadline; the clock stops."
    )
    async def request_materials(
        self, info: Info, id: strawberry.ID, items: list[str], due_on: date
    ) -> LegalAidRequestType:
        call = info.context.call
        notice = await materials.request_materials(call, require_id(id, "id"), items, due_on)
        return await _request(info, notice.request_id)

    @strawberry.mutation(description="The applicant sends materials: photos (base64) and a note.")
    async def supply_materials(
        self, info: Info, input: MaterialsSupplyInput
    ) -> MaterialsSupplyType:
        supply = await materials.supply_materials(
            info.context.call,
            require_id(input.request_id, "requestId"),
            str(input.client_id),
            input.note,
            input.photos,
        )
        return MaterialsSupplyType.of(supply)

    @strawberry.mutation(description="先行提供 (Art. 44): aid at once, the paperwork after.")
    async def provide_aid_before_review(
        self, info: Info, id: strawberry.ID, ground: AidBeforeReviewGround, note: str
    ) -> LegalAidRequestType:
        request = await before_review.provide_aid_before_review(
            info.context.call, require_id(id, "id"), ground, note
        )
        return LegalAidRequestType.of(request)

    @strawberry.mutation(description="通知辩护 (Art. 25, 36): assign a lawyer within 3 days.")
    async def register_notified_case(
        self, info: Info, input: NotifiedCaseInput
    ) -> LegalAidRequestType:
        request = await notified.register_notified_case(
            info.context.call,
            notified.NotifiedInput(
                client_id=str(input.client_id),
                body_type=input.body_type,
                body_name=input.body_name,
                body_reference=input.body_reference,
                ground=input.ground,
                defendant_name=input.defendant_name,
                description=input.description,
                defendant_id_number=input.defendant_id_number,
            ),
        )
        return LegalAidRequestType.of(request)

    @strawberry.mutation(description="终止法律援助 on a ground of Art. 48.")
    async def terminate_aid(
        self, info: Info, id: strawberry.ID, ground: TerminationGround, reason: str
    ) -> AidTerminationType:
        row = await termination.terminate_aid(
            info.context.call, require_id(id, "id"), ground, reason
        )
        return AidTerminationType.of(row)

    @strawberry.mutation(description="The applicant objects to a refusal or termination (Art. 49).")
    async def file_objection(self, info: Info, input: ObjectionInput) -> ObjectionType:
        row = await objections.file_objection(
            info.context.call,
            require_id(input.request_id, "requestId"),
            str(input.client_id),
            input.reasons,
        )
        return ObjectionType.of(row)

    @strawberry.mutation(description="The bureau upholds the decision or orders it corrected.")
    async def decide_objection(
        self, info: Info, id: strawberry.ID, uphold: bool, reason: str
    ) -> ObjectionType:
        row = await objections.decide_objection(
            info.context.call, require_id(id, "id"), uphold, reason
        )
        return ObjectionType.of(row)

    @strawberry.mutation(description="The assignee records a step or a hearing (Art. 46).")
    async def record_progress(
        self, info: Info, request_id: strawberry.ID, input: ProgressInput
    ) -> ProgressEntryType:
        row = await progress.record_progress(
            info.context.call,
            require_id(request_id, "requestId"),
            progress.ProgressInput(
                client_id=str(input.client_id),
                kind=input.kind,
                happened_on=input.happened_on,
                note=input.note,
                hearing_at=input.hearing_at,
            ),
        )
        return ProgressEntryType.of(row)

    @strawberry.mutation(description="A complaint, or a request to change the assignee (Art. 55).")
    async def file_complaint(self, info: Info, input: ComplaintInput) -> ComplaintType:
        row = await progress.file_complaint(
            info.context.call,
            require_id(input.request_id, "requestId"),
            str(input.client_id),
            input.kind,
            input.reason,
        )
        return ComplaintType.of(row)

    @strawberry.mutation(description="Its outcome: the bureau a complaint, the centre a change.")
    async def decide_complaint(
        self, info: Info, id: strawberry.ID, uphold: bool, outcome: str
    ) -> ComplaintType:
        row = await progress.decide_complaint(
            info.context.call, require_id(id, "id"), uphold, outcome
        )
        return ComplaintType.of(row)


async def _request(info: Info, request_id: int) -> LegalAidRequestType:
    return LegalAidRequestType.of(await requests.get_request(info.context.call, request_id))
