"""Enrolment, activation, the check-in plan and status, and check-ins.

`activateAccount` stays here, beside enrolment's code, so the served
schema keeps its field order; the domain side is in accounts.
"""

from __future__ import annotations

import strawberry

from api.domain.accounts import activation
from api.domain.corrections import check_ins, enrolment, persons, schedule
from api.models.enums import (
    CheckInKind,
    CheckInStatus,
    CorrectionType,
    SupervisionLevel,
    SupervisionStatus,
)
from schema.accounts.types import LoginPayload
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.corrections.types import (
    CheckInInput,
    CheckInType,
    EnrollPersonInput,
    EnrollPersonPayload,
    SupervisedPersonType,
)


@strawberry.type
class CorrectionsMutation:
    @strawberry.mutation
    async def enroll_person(self, info: Info, input: EnrollPersonInput) -> EnrollPersonPayload:
        call = info.context.call
        enrolled = await enrolment.enroll_person(
            call,
            full_name=input.full_name,
            id_number=input.id_number,
            phone=input.phone,
            correction_type=CorrectionType(input.correction_type),
            supervision_level=SupervisionLevel(input.supervision_level),
            term_start=input.term_start,
            term_end=input.term_end,
            org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
            officer_id=parse_id(input.officer_id, "officerId"),
            check_in_interval_days=input.check_in_interval_days,
            minor=input.minor.details() if input.minor else None,
            residence_latitude=input.residence_latitude,
            residence_longitude=input.residence_longitude,
        )
        return EnrollPersonPayload(
            person=SupervisedPersonType.of(enrolled.person, call.now),
            activation_code=enrolled.activation_code,
        )

    @strawberry.mutation(
        description="A new one-time activation code; the earlier one stops working."
    )
    async def reissue_activation_code(self, info: Info, person_id: strawberry.ID) -> str:
        return await enrolment.reissue_activation_code(
            info.context.call, require_id(person_id, "personId")
        )

    @strawberry.mutation
    async def activate_account(
        self, info: Info, code: str, username: str, password: str
    ) -> LoginPayload:
        return LoginPayload.of(
            await activation.activate_account(info.context.call, code, username, password)
        )

    @strawberry.mutation
    async def set_check_in_plan(
        self, info: Info, person_id: strawberry.ID, interval_days: int, grace_hours: int
    ) -> SupervisedPersonType:
        call = info.context.call
        person = await schedule.set_check_in_plan(
            call, require_id(person_id, "personId"), interval_days, grace_hours
        )
        return SupervisedPersonType.of(person, call.now)

    @strawberry.mutation
    async def set_supervision_status(
        self, info: Info, person_id: strawberry.ID, status: SupervisionStatus, note: str
    ) -> SupervisedPersonType:
        call = info.context.call
        person = await persons.set_supervision_status(
            call, require_id(person_id, "personId"), SupervisionStatus(status), note
        )
        return SupervisedPersonType.of(person, call.now)

    @strawberry.mutation
    async def submit_check_in(self, info: Info, input: CheckInInput) -> CheckInType:
        row = await check_ins.submit_check_in(
            info.context.call,
            client_id=str(input.client_id),
            person_id=parse_id(input.person_id, "personId"),
            kind=CheckInKind(input.kind),
            captured_at=input.captured_at,
            latitude_deg=input.latitude,
            longitude_deg=input.longitude,
            accuracy=input.accuracy_meters,
            note=input.note,
            photo=input.photo,
            wellbeing=input.wellbeing.answers() if input.wellbeing else None,
        )
        return CheckInType.of(row)

    @strawberry.mutation
    async def review_check_in(
        self, info: Info, id: strawberry.ID, status: CheckInStatus, note: str | None = None
    ) -> CheckInType:
        row = await check_ins.review_check_in(
            info.context.call, require_id(id, "id"), CheckInStatus(status), note
        )
        return CheckInType.of(row)

    @strawberry.mutation(description="Review several check-ins at once, all or none (confirm all).")
    async def review_check_ins(
        self,
        info: Info,
        ids: list[strawberry.ID],
        status: CheckInStatus,
        note: str | None = None,
    ) -> list[CheckInType]:
        rows = await check_ins.review_check_ins(
            info.context.call,
            [require_id(i, f"ids.{n}") for n, i in enumerate(ids)],
            CheckInStatus(status),
            note,
        )
        return [CheckInType.of(row) for row in rows]
