"""The 脱管 search record on a person (社区矫正法 Art. 30), and logging its actions."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.corrections import search
from api.models import search as m
from schema.accounts.types import UserType, user_of
from schema.common.context import Info
from schema.common.ids import require_id


@strawberry.type(name="SearchAction")
class SearchActionType:
    id: strawberry.ID
    done_at: datetime = strawberry.field(description="When the step was taken.")
    description: str = strawberry.field(description="What was done.")
    police_notified: bool
    procuratorate_informed: bool
    recorded_at: datetime
    done_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: m.SearchAction) -> SearchActionType:
        return cls(
            id=strawberry.ID(str(row.id)),
            done_at=row.done_at,
            description=row.description,
            police_notified=row.police_notified,
            procuratorate_informed=row.procuratorate_informed,
            recorded_at=row.recorded_at,
            done_by_id=row.done_by_id,
        )

    @strawberry.field(description="Who did it.")
    async def done_by(self, info: Info) -> UserType:
        user = await user_of(info, self.done_by_id)
        assert user is not None  # a RESTRICT foreign key
        return user


@strawberry.type(name="SearchRecord")
class SearchRecordType:
    id: strawberry.ID
    lost_contact_at: datetime = strawberry.field(
        description="When the person was marked ABSCONDED."
    )
    found_on: date | None = strawberry.field(description="The date found; null while searching.")
    absence_days: int = strawberry.field(
        description="Days of absence, the day contact was lost not counted (刑诉法 Art. 105); "
        "an open record counts to today."
    )
    open: bool

    @classmethod
    def of(cls, row: m.SearchRecord, today: date) -> SearchRecordType:
        return cls(
            id=strawberry.ID(str(row.id)),
            lost_contact_at=row.lost_contact_at,
            found_on=row.found_on,
            absence_days=search.absence_days(row, today=today),
            open=row.found_at is None,
        )

    @strawberry.field(description="The steps of the search, in the order they were taken.")
    async def actions(self, info: Info) -> list[SearchActionType]:
        rows = await info.context.loaders.search_actions_by_record.load(int(self.id))
        return [SearchActionType.of(r) for r in rows]

    @strawberry.field(description="When the police were first notified, if they were.")
    async def police_notified_at(self, info: Info) -> datetime | None:
        rows = await info.context.loaders.search_actions_by_record.load(int(self.id))
        return next((r.done_at for r in rows if r.police_notified), None)

    @strawberry.field(description="When the procuratorate was first informed, if it was.")
    async def procuratorate_informed_at(self, info: Info) -> datetime | None:
        rows = await info.context.loaders.search_actions_by_record.load(int(self.id))
        return next((r.done_at for r in rows if r.procuratorate_informed), None)


async def records_for(info: Info, person_id: int) -> list[SearchRecordType]:
    """A person's search records, newest first (staff only: see SupervisedPerson)."""
    call = info.context.call
    today = search.local_date(call, call.now)
    rows = await info.context.loaders.search_records_by_person.load(person_id)
    return [SearchRecordType.of(r, today) for r in rows]


@strawberry.input
class SearchActionInput:
    person_id: strawberry.ID
    done_at: datetime
    description: str
    police_notified: bool = False
    procuratorate_informed: bool = strawberry.field(
        default=False, description="Optional: the statute does not require it during a search."
    )


@strawberry.type
class SearchMutation:
    @strawberry.mutation(description="Log one step of the search of an ABSCONDED person.")
    async def log_search_action(self, info: Info, input: SearchActionInput) -> SearchActionType:
        row = await search.log_search_action(
            info.context.call,
            require_id(input.person_id, "personId"),
            done_at=input.done_at,
            description=input.description,
            police_notified=input.police_notified,
            procuratorate_informed=input.procuratorate_informed,
        )
        return SearchActionType.of(row)
