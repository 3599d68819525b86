"""Legal aid: requests, eligibility, history and hardship standards, their types and inputs."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from api.domain.common.validators import mask_resident_id
from api.domain.legal_aid import requests
from api.models import legal_aid as m
from api.models.enums import (
    ExemptionGround,
    HardshipArea,
    LegalAidMatter,
    LegalAidStatus,
    SpecialGroup,
)
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info
from schema.legal_aid.procedure_types import (
    AidBeforeReviewType,
    AidTerminationType,
    ComplaintType,
    LegalAidDocumentType,
    MaterialsRequestType,
    MaterialsSupplyType,
    NotifiedCaseType,
    ObjectionType,
    ProgressEntryType,
)


@strawberry.type(name="Eligibility")
class EligibilityType:
    eligible: bool
    exempt: bool = strawberry.field(
        description="The economic-hardship review is waived for this matter or group."
    )
    monthly_income_per_capita: Decimal | None
    threshold: Decimal | None = strawberry.field(
        description="The regional standard in force on the submission date."
    )
    reason: str


@strawberry.type(name="StatusChange")
class StatusChangeType:
    from_: LegalAidStatus | None = strawberry.field(name="from")
    to: LegalAidStatus
    at: datetime
    note: str | None
    by_id: strawberry.Private[int | None]

    @strawberry.field
    async def by(self, info: Info) -> UserType | None:
        return await user_of(info, self.by_id)


@strawberry.type(name="LegalAidRequest")
class LegalAidRequestType:
    id: strawberry.ID
    client_id: strawberry.ID
    reference_number: str
    applicant_name: str
    applicant_phone: str
    applicant_id_number_masked: str | None
    matter: LegalAidMatter
    special_groups: list[SpecialGroup]
    description: str
    household_size: int
    monthly_household_income: Decimal
    eligibility: EligibilityType
    status: LegalAidStatus
    submitted_at: datetime
    decision_due_at: datetime = strawberry.field(
        description="The end of the 7th day after receipt, the days awaiting materials not "
        "counted (法律援助法 Art. 43); while they are awaited, the last one computed."
    )
    decided_at: datetime | None
    decision_reason: str | None
    assignment_due_at: datetime | None = strawberry.field(
        description="For an approved request: 3 days after approval."
    )
    closed_at: datetime | None
    limitation_deadline: date | None = strawberry.field(
        description="The limitation period or court deadline the matter is up against."
    )
    hardship_area: HardshipArea = strawberry.field(
        description="Which amount of the standard applied (Art. 34)."
    )
    exemption_grounds: list[ExemptionGround]
    exemption_evidence: str | None
    pledge: bool = strawberry.field(description="个人诚信承诺 (Art. 41).")
    life_or_death: bool = strawberry.field(
        description="Life imprisonment or death possible, or a death review (Art. 26)."
    )
    org_unit_id: strawberry.Private[int]
    assignee_id: strawberry.Private[int | None]
    row: strawberry.Private[m.LegalAidRequest]

    @classmethod
    def of(cls, r: m.LegalAidRequest) -> LegalAidRequestType:
        return cls(
            id=strawberry.ID(str(r.id)),
            client_id=strawberry.ID(r.client_id),
            reference_number=r.reference_number,
            applicant_name=r.applicant_name,
            applicant_phone=r.applicant_phone,
            applicant_id_number_masked=(
                mask_resident_id(r.applicant_id_number) if r.applicant_id_number else None
            ),
            matter=LegalAidMatter(r.matter),
            special_groups=[SpecialGroup(g) for g in r.special_groups],
            description=r.description,
            household_size=r.household_size,
            monthly_household_income=r.monthly_household_income,
            eligibility=EligibilityType(
                eligible=r.eligible,
                exempt=r.exempt,
                monthly_income_per_capita=r.income_per_capita,
                threshold=r.threshold,
                reason=r.eligibility_reason,
            ),
            status=LegalAidStatus(r.status),
            submitted_at=r.submitted_at,
            decision_due_at=r.decision_due_at,
            decided_at=r.decided_at,
            decision_reason=r.decision_reason,
            assignment_due_at=r.assignment_due_at,
            closed_at=r.closed_at,
            limitation_deadline=r.limitation_deadline,
            hardship_area=HardshipArea(r.hardship_area),
            exemption_grounds=[ExemptionGround(g) for g in r.exemption_grounds],
            exemption_evidence=r.exemption_evidence,
            pledge=r.pledge,
            life_or_death=r.life_or_death,
            org_unit_id=r.org_unit_id,
            assignee_id=r.assignee_id,
            row=r,
        )

    @strawberry.field(
        description="Fewer than 7 days remain before the limitation deadline (Art. 44)."
    )
    def urgent(self, info: Info) -> bool:
        call = info.context.call
        return requests.is_urgent(self.row, requests.local_date(call.now, call.settings.timezone))

    @strawberry.field(description="decisionDueAt has passed with no decision.")
    def decision_overdue(self, info: Info) -> bool:
        return requests.is_decision_overdue(self.row, info.context.call.now)

    @strawberry.field(description="Missing materials are awaited: the review clock stands still.")
    def decision_clock_stopped(self) -> bool:
        return self.status is LegalAidStatus.INCOMPLETE

    @strawberry.field(
        description="The limitation deadline had passed on receipt: taken, for the staff to weigh."
    )
    def deadline_passed(self, info: Info) -> bool:
        return requests.deadline_passed(self.row, info.context.call.settings.timezone)

    @strawberry.field(description="一次性告知 notices, oldest first (Art. 43).")
    async def materials_requests(self, info: Info) -> list[MaterialsRequestType]:
        rows = await info.context.loaders.aid_procedure.materials.load(int(self.id))
        return [MaterialsRequestType.of(r) for r in rows]

    @strawberry.field(description="What the applicant sent, oldest first.")
    async def materials_supplied(self, info: Info) -> list[MaterialsSupplyType]:
        rows = await info.context.loaders.aid_procedure.supplies.load(int(self.id))
        return [MaterialsSupplyType.of(r) for r in rows]

    @strawberry.field
    async def aid_before_review(self, info: Info) -> AidBeforeReviewType | None:
        row = await info.context.loaders.aid_procedure.before_review.load(int(self.id))
        return AidBeforeReviewType.of(row) if row else None

    @strawberry.field
    async def notified_case(self, info: Info) -> NotifiedCaseType | None:
        row = await info.context.loaders.aid_procedure.notified.load(int(self.id))
        return NotifiedCaseType.of(row) if row else None

    @strawberry.field
    async def terminations(self, info: Info) -> list[AidTerminationType]:
        rows = await info.context.loaders.aid_procedure.terminations.load(int(self.id))
        return [AidTerminationType.of(r) for r in rows]

    @strawberry.field
    async def objections(self, info: Info) -> list[ObjectionType]:
        rows = await info.context.loaders.aid_procedure.objections.load(int(self.id))
        return [ObjectionType.of(r) for r in rows]

    @strawberry.field(description="办理情况, by date (Art. 46 ¶2): the aided person sees it.")
    async def progress(self, info: Info) -> list[ProgressEntryType]:
        rows = await info.context.loaders.aid_procedure.progress.load(int(self.id))
        return [ProgressEntryType.of(r) for r in rows]

    @strawberry.field(description="Complaints and change requests (Art. 55).")
    async def complaints(self, info: Info) -> list[ComplaintType]:
        rows = await info.context.loaders.aid_procedure.complaints.load(int(self.id))
        return [ComplaintType.of(r) for r in rows]

    @strawberry.field(description="The written decisions, as PDFs, oldest first.")
    async def documents(self, info: Info) -> list[LegalAidDocumentType]:
        rows = await info.context.loaders.aid_procedure.documents.load(int(self.id))
        return [LegalAidDocumentType.of(d) for d in rows]

    @strawberry.field(description="The legal-aid centre.")
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit

    @strawberry.field
    async def assignee(self, info: Info) -> UserType | None:
        return await user_of(info, self.assignee_id)

    @strawberry.field(
        description="Oldest first, starting with the submission (from: null, to: SUBMITTED)."
    )
    async def history(self, info: Info) -> list[StatusChangeType]:
        rows = await info.context.loaders.history_by_request.load(int(self.id))
        return [
            StatusChangeType(
                from_=LegalAidStatus(c.from_status) if c.from_status else None,
                to=LegalAidStatus(c.to_status),
                at=c.at,
                note=c.note,
                by_id=c.by_id,
            )
            for c in rows
        ]


@strawberry.type(name="HardshipStandard")
class HardshipStandardType:
    """Monthly income per person at or under which a household is in economic
    hardship, from a date, for a unit and the units below it (Art. 34)."""

    id: strawberry.ID
    monthly_income_per_capita: Decimal = strawberry.field(description="The urban amount.")
    rural_monthly_income_per_capita: Decimal
    effective_from: date
    created_at: datetime
    org_unit_id: strawberry.Private[int]

    @classmethod
    def of(cls, s: m.HardshipStandard) -> HardshipStandardType:
        return cls(
            id=strawberry.ID(str(s.id)),
            monthly_income_per_capita=s.monthly_income_per_capita,
            rural_monthly_income_per_capita=(
                s.rural_monthly_income_per_capita or s.monthly_income_per_capita
            ),
            effective_from=s.effective_from,
            created_at=s.created_at,
            org_unit_id=s.org_unit_id,
        )

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit


@strawberry.input
class LegalAidRequestFilter:
    status: LegalAidStatus | None = None
    decision_overdue: bool | None = strawberry.field(
        default=None, description="decisionDueAt has passed with no decision."
    )
    assignee_id: strawberry.ID | None = None
    search: str | None = None


@strawberry.input
class LegalAidRequestInput:
    client_id: strawberry.ID
    applicant_name: str
    applicant_phone: str
    matter: LegalAidMatter
    description: str
    household_size: int
    monthly_household_income: Decimal
    org_unit_id: strawberry.ID = strawberry.field(description="A LEGAL_AID_CENTER.")
    applicant_id_number: str | None = None
    special_groups: list[SpecialGroup] = strawberry.field(default_factory=list)
    limitation_deadline: date | None = strawberry.field(
        default=None,
        description="A limitation period or court deadline; under 7 days away is urgent.",
    )
    hardship_area: HardshipArea = strawberry.field(
        default=HardshipArea.URBAN, description="Urban or rural residence: which standard applies."
    )
    exemption_grounds: list[ExemptionGround] = strawberry.field(default_factory=list)
    exemption_evidence: str | None = strawberry.field(
        default=None, description="The evidence for the grounds (Art. 42), by name."
    )
    pledge: bool = strawberry.field(
        default=False, description="The applicant's personal pledge instead (Art. 41)."
    )
    life_or_death: bool = False
