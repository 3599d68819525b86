"""Minor cases (社区矫正法 Art. 52-58): guardian and school, designated staff."""

from __future__ import annotations

import strawberry

from api.domain.corrections import minors
from schema.common.context import Info
from schema.common.ids import require_id
from schema.corrections.types import MinorDetailsInput, SupervisedPersonType


@strawberry.type
class MinorsMutation:
    @strawberry.mutation(description="The guardian and school of a minor case (法 Art. 53, 55).")
    async def set_minor_details(
        self, info: Info, person_id: strawberry.ID, input: MinorDetailsInput
    ) -> SupervisedPersonType:
        call = info.context.call
        person = await minors.set_minor_details(
            call, require_id(person_id, "personId"), input.details()
        )
        return SupervisedPersonType.of(person, call.now)

    @strawberry.mutation(
        description="A supervisor lets a staff account know a minor's identity (法 Art. 54)."
    )
    async def designate_minor_case_staff(
        self, info: Info, person_id: strawberry.ID, user_id: strawberry.ID
    ) -> SupervisedPersonType:
        call = info.context.call
        person = await minors.designate_staff(
            call, require_id(person_id, "personId"), require_id(user_id, "userId")
        )
        return SupervisedPersonType.of(person, call.now)

    @strawberry.mutation(description="A supervisor withdraws a designation.")
    async def remove_minor_case_staff(
        self, info: Info, person_id: strawberry.ID, user_id: strawberry.ID
    ) -> SupervisedPersonType:
        call = info.context.call
        person = await minors.remove_staff(
            call, require_id(person_id, "personId"), require_id(user_id, "userId")
        )
        return SupervisedPersonType.of(person, call.now)
