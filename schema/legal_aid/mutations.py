"""Submitting, deciding, assigning, closing and withdrawing requests; hardship standards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from api.domain.legal_aid import decisions, eligibility, requests
from schema.common.context import Info
from schema.common.ids import require_id
from schema.legal_aid.types import HardshipStandardType, LegalAidRequestInput, LegalAidRequestType


@strawberry.type
class LegalAidMutation:
    @strawberry.mutation
    async def submit_legal_aid_request(
        self, info: Info, input: LegalAidRequestInput
    ) -> LegalAidRequestType:
        request = await requests.submit_request(
            info.context.call,
            requests.RequestInput(
                client_id=str(input.client_id),
                applicant_name=input.applicant_name,
                applicant_phone=input.applicant_phone,
                applicant_id_number=input.applicant_id_number,
                matter=input.matter,
                special_groups=input.special_groups,
                description=input.description,
                household_size=input.household_size,
                monthly_household_income=input.monthly_household_income,
                org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
                limitation_deadline=input.limitation_deadline,
                hardship_area=input.hardship_area,
                exemption_grounds=input.exemption_grounds,
                exemption_evidence=input.exemption_evidence,
                pledge=input.pledge,
                life_or_death=input.life_or_death,
            ),
        )
        return LegalAidRequestType.of(request)

    @strawberry.mutation
    async def decide_legal_aid_request(
        self, info: Info, id: strawberry.ID, approve: bool, reason: str
    ) -> LegalAidRequestType:
        request = await decisions.decide(info.context.call, require_id(id, "id"), approve, reason)
        return LegalAidRequestType.of(request)

    @strawberry.mutation
    async def assign_legal_aid_request(
        self, info: Info, id: strawberry.ID, assignee_id: strawberry.ID
    ) -> LegalAidRequestType:
        request = await decisions.assign(
            info.context.call, require_id(id, "id"), require_id(assignee_id, "assigneeId")
        )
        return LegalAidRequestType.of(request)

    @strawberry.mutation
    async def close_legal_aid_request(
        self, info: Info, id: strawberry.ID, note: str
    ) -> LegalAidRequestType:
        request = await decisions.close(info.context.call, require_id(id, "id"), note)
        return LegalAidRequestType.of(request)

    @strawberry.mutation
    async def withdraw_legal_aid_request(
        self, info: Info, id: strawberry.ID
    ) -> LegalAidRequestType:
        request = await decisions.withdraw(info.context.call, require_id(id, "id"))
        return LegalAidRequestType.of(request)

    @strawberry.mutation(
        description="ADMIN: the hardship standard of a unit and those below it, from a date: "
        "the urban amount, and the rural one (the same when not given)."
    )
    async def set_hardship_standard(
        self,
        info: Info,
        org_unit_id: strawberry.ID,
        monthly_income_per_capita: Decimal,
        effective_from: date,
        rural_monthly_income_per_capita: Decimal | None = None,
    ) -> HardshipStandardType:
        standard = await eligibility.set_hardship_standard(
            info.context.call,
            require_id(org_unit_id, "orgUnitId"),
            monthly_income_per_capita,
            effective_from,
            rural_monthly_income_per_capita,
        )
        return HardshipStandardType.of(standard)
