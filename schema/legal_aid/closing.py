"""Ended cases in the GraphQL schema: closing materials (法律援助法 Art. 50),
subsidies (Art. 52) and the quality checks (Art. 57-59)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from api.domain.common import periods
from api.domain.common.paging import IdPosition
from api.domain.legal_aid import closing, quality, subsidies
from api.models.legal_aid_closing import (
    CaseClosing,
    ClosingPeriodStandard,
    FileGrade,
    FileReview,
    ReturnCall,
    SubsidyCaseType,
    SubsidyStage,
    SubsidyStandard,
    SubsidyStatus,
)
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info
from schema.common.ids import require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size

SubsidyCaseTypeEnum = strawberry.enum(SubsidyCaseType, name="SubsidyCaseType")
SubsidyStageEnum = strawberry.enum(SubsidyStage, name="SubsidyStage")
SubsidyStatusEnum = strawberry.enum(SubsidyStatus, name="SubsidyStatus")
FileGradeEnum = strawberry.enum(FileGrade, name="FileGrade")


@strawberry.type(name="ReturnCall")
class ReturnCallType:
    id: strawberry.ID
    called_at: datetime
    reached: bool
    satisfaction: int | None = strawberry.field(description="1 (poor) to 5 (very satisfied).")
    note: str | None
    called_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, r: ReturnCall) -> ReturnCallType:
        return cls(
            id=strawberry.ID(str(r.id)),
            called_at=r.called_at,
            reached=r.reached,
            satisfaction=r.satisfaction,
            note=r.note,
            called_by_id=r.called_by_id,
        )

    @strawberry.field
    async def called_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.called_by_id)


@strawberry.type(name="FileReview")
class FileReviewType:
    id: strawberry.ID
    reviewed_at: datetime
    grade: FileGrade
    note: str | None
    reviewed_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, r: FileReview) -> FileReviewType:
        return cls(
            id=strawberry.ID(str(r.id)),
            reviewed_at=r.reviewed_at,
            grade=FileGrade(r.grade),
            note=r.note,
            reviewed_by_id=r.reviewed_by_id,
        )

    @strawberry.field
    async def reviewed_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.reviewed_by_id)


@strawberry.type(name="Subsidy")
class SubsidyType:
    status: SubsidyStatus
    case_type: SubsidyCaseType
    stage: SubsidyStage
    amount: Decimal
    table_effective_from: date = strawberry.field(
        description="The table in force on the day the case ended (Art. 52)."
    )
    computed_at: datetime
    approved_at: datetime | None
    paid_at: datetime | None
    payment_reference: str | None


@strawberry.type(name="CaseClosing")
class CaseClosingType:
    request_id: strawberry.ID
    ended_on: date
    end_note: str
    materials_due_on: date = strawberry.field(
        description="The last day for the closing materials (Art. 50)."
    )
    materials_submitted_at: datetime | None
    materials_late: bool | None
    materials_note: str | None
    subsidy: SubsidyType | None
    row: strawberry.Private[CaseClosing]

    @classmethod
    def of(cls, c: CaseClosing) -> CaseClosingType:
        subsidy = None
        if c.subsidy_status is not None:
            assert c.subsidy_case_type and c.subsidy_stage and c.subsidy_amount is not None
            assert c.subsidy_table_from and c.subsidy_computed_at
            subsidy = SubsidyType(
                status=SubsidyStatus(c.subsidy_status),
                case_type=SubsidyCaseType(c.subsidy_case_type),
                stage=SubsidyStage(c.subsidy_stage),
                amount=c.subsidy_amount,
                table_effective_from=c.subsidy_table_from,
                computed_at=c.subsidy_computed_at,
                approved_at=c.subsidy_approved_at,
                paid_at=c.subsidy_paid_at,
                payment_reference=c.subsidy_payment_reference,
            )
        return cls(
            request_id=strawberry.ID(str(c.request_id)),
            ended_on=c.ended_on,
            end_note=c.end_note,
            materials_due_on=c.materials_due_on,
            materials_submitted_at=c.materials_submitted_at,
            materials_late=c.materials_late,
            materials_note=c.materials_note,
            subsidy=subsidy,
            row=c,
        )

    @strawberry.field(description="No materials and their last day has passed.")
    def materials_overdue(self, info: Info) -> bool:
        return closing.is_overdue(self.row, periods.local_day(info.context.call.now))

    @strawberry.field(description="The request's reference number.")
    async def reference_number(self, info: Info) -> str:
        request = await info.context.loaders.legal_aid_request_by_id.load(self.row.request_id)
        return request.reference_number if request else ""

    @strawberry.field
    async def assignee(self, info: Info) -> UserType | None:
        return await user_of(info, self.row.assignee_id)

    @strawberry.field
    async def return_calls(self, info: Info) -> list[ReturnCallType]:
        rows = await info.context.loaders.return_calls_by_request.load(self.row.request_id)
        return [ReturnCallType.of(r) for r in rows]

    @strawberry.field
    async def file_reviews(self, info: Info) -> list[FileReviewType]:
        rows = await info.context.loaders.file_reviews_by_request.load(self.row.request_id)
        return [FileReviewType.of(r) for r in rows]


@strawberry.type(name="SubsidyRate")
class SubsidyRateType:
    case_type: SubsidyCaseType
    stage: SubsidyStage
    amount: Decimal


@strawberry.type(name="SubsidyStandard")
class SubsidyStandardType:
    """The province's subsidy table from a date, for a unit and those below it."""

    id: strawberry.ID
    effective_from: date
    rates: list[SubsidyRateType]
    org_unit_id: strawberry.Private[int]

    @classmethod
    def of(cls, s: SubsidyStandard) -> SubsidyStandardType:
        return cls(
            id=strawberry.ID(str(s.id)),
            effective_from=s.effective_from,
            rates=[
                SubsidyRateType(case_type=r.case_type, stage=r.stage, amount=r.amount)
                for r in subsidies.rates_of(s)
            ],
            org_unit_id=s.org_unit_id,
        )

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit


@strawberry.type(name="ClosingPeriod")
class ClosingPeriodType:
    id: strawberry.ID
    days: int
    effective_from: date

    @classmethod
    def of(cls, p: ClosingPeriodStandard) -> ClosingPeriodType:
        return cls(id=strawberry.ID(str(p.id)), days=p.days, effective_from=p.effective_from)


@strawberry.type(name="AssigneeQuality")
class AssigneeQualityType:
    closed: int
    closed_late: int
    return_calls: int
    reached: int
    average_satisfaction: Decimal | None
    file_reviews: int
    failed_reviews: int
    assignee_id: strawberry.Private[int]

    @strawberry.field
    async def assignee(self, info: Info) -> UserType | None:
        return await user_of(info, self.assignee_id)


@strawberry.input
class SubsidyRateInput:
    case_type: SubsidyCaseType
    stage: SubsidyStage
    amount: Decimal


@strawberry.input
class CaseClosingFilter:
    pending: bool | None = strawberry.field(
        default=None, description="True: the materials are not in yet."
    )
    overdue: bool | None = None


@strawberry.type
class ClosingQuery:
    @strawberry.field(description="The end of one case, with its subsidy and quality checks.")
    async def legal_aid_closing(
        self, info: Info, request_id: strawberry.ID
    ) -> CaseClosingType | None:
        row = await closing.get_closing(info.context.call, require_id(request_id, "requestId"))
        return CaseClosingType.of(row) if row else None

    @strawberry.field(description="Ended cases, the first due first.")
    async def legal_aid_closings(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: CaseClosingFilter | None = None,
    ) -> CountedConnection[CaseClosingType]:
        f = filter or CaseClosingFilter()
        page = await closing.list_closings(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, IdPosition),
            pending=f.pending,
            overdue=f.overdue,
        )
        return counted_connection(page, [CaseClosingType.of(c) for c in page.rows])

    @strawberry.field(description="A unit's subsidy tables, newest first.")
    async def subsidy_standards(
        self, info: Info, org_unit_id: strawberry.ID
    ) -> list[SubsidyStandardType]:
        rows = await subsidies.subsidy_standards(
            info.context.call, require_id(org_unit_id, "orgUnitId")
        )
        return [SubsidyStandardType.of(s) for s in rows]

    @strawberry.field(description="Quality per assignee (Art. 57-59), local days inclusive.")
    async def legal_aid_quality_figures(
        self, info: Info, since: date | None = None, until: date | None = None
    ) -> list[AssigneeQualityType]:
        rows = await quality.quality_figures(info.context.call, since=since, until=until)
        return [
            AssigneeQualityType(
                closed=r.closed,
                closed_late=r.closed_late,
                return_calls=r.return_calls,
                reached=r.reached,
                average_satisfaction=r.average_satisfaction,
                file_reviews=r.file_reviews,
                failed_reviews=r.failed_reviews,
                assignee_id=r.assignee_id,
            )
            for r in rows
        ]


@strawberry.type
class ClosingMutation:
    @strawberry.mutation(description="The day the matter ended: the materials' period starts.")
    async def record_case_end(
        self, info: Info, request_id: strawberry.ID, ended_on: date, note: str
    ) -> CaseClosingType:
        row = await closing.record_case_end(
            info.context.call, require_id(request_id, "requestId"), ended_on, note
        )
        return CaseClosingType.of(row)

    @strawberry.mutation(description="The closing materials handed in (Art. 50); the case closes.")
    async def submit_closing_materials(
        self, info: Info, request_id: strawberry.ID, note: str
    ) -> CaseClosingType:
        row = await closing.submit_closing_materials(
            info.context.call, require_id(request_id, "requestId"), note
        )
        return CaseClosingType.of(row)

    @strawberry.mutation(description="The subsidy from the table in force when the case ended.")
    async def compute_subsidy(
        self,
        info: Info,
        request_id: strawberry.ID,
        case_type: SubsidyCaseType,
        stage: SubsidyStage,
    ) -> CaseClosingType:
        row = await subsidies.compute_subsidy(
            info.context.call, require_id(request_id, "requestId"), case_type, stage
        )
        return CaseClosingType.of(row)

    @strawberry.mutation
    async def approve_subsidy(self, info: Info, request_id: strawberry.ID) -> CaseClosingType:
        row = await subsidies.approve_subsidy(
            info.context.call, require_id(request_id, "requestId")
        )
        return CaseClosingType.of(row)

    @strawberry.mutation
    async def record_subsidy_paid(
        self, info: Info, request_id: strawberry.ID, payment_reference: str
    ) -> CaseClosingType:
        row = await subsidies.record_subsidy_paid(
            info.context.call, require_id(request_id, "requestId"), payment_reference
        )
        return CaseClosingType.of(row)

    @strawberry.mutation(description="ADMIN: a unit's subsidy table from a date (Art. 52).")
    async def set_subsidy_standard(
        self,
        info: Info,
        org_unit_id: strawberry.ID,
        effective_from: date,
        rates: list[SubsidyRateInput],
    ) -> SubsidyStandardType:
        row = await subsidies.set_subsidy_standard(
            info.context.call,
            require_id(org_unit_id, "orgUnitId"),
            effective_from,
            [subsidies.Rate(r.case_type, r.stage, r.amount) for r in rates],
        )
        return SubsidyStandardType.of(row)

    @strawberry.mutation(description="ADMIN: the days for closing materials from a date.")
    async def set_closing_period(
        self, info: Info, org_unit_id: strawberry.ID, days: int, effective_from: date
    ) -> ClosingPeriodType:
        row = await closing.set_closing_period(
            info.context.call, require_id(org_unit_id, "orgUnitId"), days, effective_from
        )
        return ClosingPeriodType.of(row)

    @strawberry.mutation(description="A return call to the aided person after closing (Art. 59).")
    async def record_return_call(
        self,
        info: Info,
        request_id: strawberry.ID,
        reached: bool,
        satisfaction: int | None = None,
        note: str | None = None,
    ) -> ReturnCallType:
        row = await quality.record_return_call(
            info.context.call,
            require_id(request_id, "requestId"),
            reached=reached,
            satisfaction=satisfaction,
            note=note,
        )
        return ReturnCallType.of(row)

    @strawberry.mutation(description="A review of the closed file (Art. 59).")
    async def record_file_review(
        self, info: Info, request_id: strawberry.ID, grade: FileGrade, note: str | None = None
    ) -> FileReviewType:
        row = await quality.record_file_review(
            info.context.call, require_id(request_id, "requestId"), grade, note
        )
        return FileReviewType.of(row)
