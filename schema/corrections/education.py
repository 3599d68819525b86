"""Education and public-interest activities, help, the monthly report and the
check-in's wellbeing answers with the officer's triage (社区矫正法 Art. 35-43)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.common.paging import TimePosition
from api.domain.corrections import education, help, thought_reports, wellbeing
from api.models import education as m
from api.models.enums import ActivityKind, CircumstanceChange, HelpKind, Role
from schema.accounts.types import UserType, user_of
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.corrections.types import SupervisedPersonType


async def _person(info: Info, person_id: int) -> SupervisedPersonType:
    person = await info.context.loaders.person_by_id.load(person_id)
    assert person is not None  # a RESTRICT foreign key
    return SupervisedPersonType.of(person, info.context.call.now)


async def _user(info: Info, user_id: int) -> UserType:
    user = await user_of(info, user_id)
    assert user is not None  # a RESTRICT foreign key
    return user


# ------------------------------------------------------------------ activities


@strawberry.type(name="ActivityAttendance", description="A person set for a session.")
class AttendanceType:
    attended: bool | None = strawberry.field(description="Null until recorded.")
    hours: float | None
    held_on: date
    person_id: strawberry.Private[int]
    activity_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: m.ActivityAttendance) -> AttendanceType:
        return cls(
            attended=row.attended,
            hours=float(row.hours) if row.hours is not None else None,
            held_on=row.held_on,
            person_id=row.person_id,
            activity_id=row.activity_id,
        )

    @strawberry.field
    async def person(self, info: Info) -> SupervisedPersonType:
        return await _person(info, self.person_id)

    @strawberry.field
    async def activity(self, info: Info) -> ActivityType:
        row = await info.context.loaders.activity_by_id.load(self.activity_id)
        assert row is not None  # a CASCADE foreign key
        return ActivityType.of(row)


@strawberry.type(
    name="Activity", description="Education (法 Art. 36) or public-interest work (Art. 42)."
)
class ActivityType:
    id: strawberry.ID
    client_id: strawberry.ID
    kind: ActivityKind
    title: str
    held_on: date
    hours: float
    for_minors: bool = strawberry.field(description="Minors apart from adults (法 Art. 52 ¶3).")
    recorded_at: datetime
    recorded_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: m.EducationActivity) -> ActivityType:
        return cls(
            id=strawberry.ID(str(row.id)),
            client_id=strawberry.ID(row.client_id),
            kind=ActivityKind(row.kind),
            title=row.title,
            held_on=row.held_on,
            hours=float(row.hours),
            for_minors=row.for_minors,
            recorded_at=row.recorded_at,
            recorded_by_id=row.recorded_by_id,
        )

    @strawberry.field
    async def recorded_by(self, info: Info) -> UserType:
        return await _user(info, self.recorded_by_id)

    @strawberry.field(description="The persons set for it; a person sees only its own row.")
    async def attendance(self, info: Info) -> list[AttendanceType]:
        rows = await info.context.loaders.attendance_by_activity.load(int(self.id))
        viewer = info.context.call.viewer
        if viewer is not None and viewer.role is Role.SUPERVISED_PERSON:
            persons = await info.context.loaders.person_by_id.load_many([r.person_id for r in rows])
            own = {p.id for p in persons if p is not None and p.account_id == viewer.id}
            rows = [r for r in rows if r.person_id in own]
        return [AttendanceType.of(r) for r in rows]


@strawberry.type(name="EducationMonth", description="A person's month of sessions and hours.")
class EducationMonthType:
    month: str
    hours_done: float
    hours_expected: float | None = strawberry.field(
        description="The unit's table in force on the month's first day; null where none is set."
    )
    tasks: list[AttendanceType]


@strawberry.input
class RecordActivityInput:
    client_id: strawberry.ID
    org_unit_id: strawberry.ID
    kind: ActivityKind
    title: str
    held_on: date
    hours: float
    for_minors: bool = False
    person_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


# ------------------------------------------------------------------ help and reports


@strawberry.type(name="HelpRecord", description="Help given (帮扶, 法 Art. 37-43).")
class HelpRecordType:
    id: strawberry.ID
    kind: HelpKind
    helped_on: date
    helper: str = strawberry.field(description="Who helped: a body, a company, a volunteer.")
    description: str
    outcome: str
    recorded_at: datetime
    recorded_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: m.HelpRecord) -> HelpRecordType:
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=HelpKind(row.kind),
            helped_on=row.helped_on,
            helper=row.helper,
            description=row.description,
            outcome=row.outcome,
            recorded_at=row.recorded_at,
            recorded_by_id=row.recorded_by_id,
        )

    @strawberry.field
    async def recorded_by(self, info: Info) -> UserType:
        return await _user(info, self.recorded_by_id)


@strawberry.input
class RecordHelpInput:
    person_id: strawberry.ID
    kind: HelpKind
    helped_on: date
    helper: str
    description: str
    outcome: str


@strawberry.type(name="ThoughtReport", description="The monthly report (思想汇报) and its reply.")
class ThoughtReportType:
    id: strawberry.ID
    client_id: strawberry.ID
    month: str
    body: str
    captured_at: datetime
    received_at: datetime
    reply: str | None
    replied_at: datetime | None
    person_id: strawberry.Private[int]
    replied_by_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, row: m.ThoughtReport) -> ThoughtReportType:
        return cls(
            id=strawberry.ID(str(row.id)),
            client_id=strawberry.ID(row.client_id),
            month=row.month,
            body=row.body,
            captured_at=row.captured_at,
            received_at=row.received_at,
            reply=row.reply,
            replied_at=row.replied_at,
            person_id=row.person_id,
            replied_by_id=row.replied_by_id,
        )

    @strawberry.field
    async def person(self, info: Info) -> SupervisedPersonType:
        return await _person(info, self.person_id)

    @strawberry.field
    async def replied_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.replied_by_id)


@strawberry.input
class ThoughtReportInput:
    client_id: strawberry.ID
    body: str
    captured_at: datetime = strawberry.field(description="Its month is the report's month.")


# ------------------------------------------------------------------ wellbeing


@strawberry.type(name="WellbeingAnswer", description="The optional answers of a self check-in.")
class WellbeingAnswerType:
    id: strawberry.ID
    check_in_id: strawberry.ID
    mood: int | None = strawberry.field(description="1 (very bad) to 5 (very good).")
    changes: list[CircumstanceChange]
    change_details: str | None
    message: str | None = strawberry.field(description="The person's message to the officer.")
    needs_attention: bool = strawberry.field(description="A change, or a mood of 2 or less.")
    captured_at: datetime
    acknowledged_at: datetime | None
    person_id: strawberry.Private[int]
    acknowledged_by_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, row: m.CheckInWellbeing) -> WellbeingAnswerType:
        return cls(
            id=strawberry.ID(str(row.id)),
            check_in_id=strawberry.ID(str(row.check_in_id)),
            mood=row.mood,
            changes=wellbeing.changes_of(row),
            change_details=row.change_details,
            message=row.message,
            needs_attention=row.needs_attention,
            captured_at=row.captured_at,
            acknowledged_at=row.acknowledged_at,
            person_id=row.person_id,
            acknowledged_by_id=row.acknowledged_by_id,
        )

    @strawberry.field
    async def person(self, info: Info) -> SupervisedPersonType:
        return await _person(info, self.person_id)

    @strawberry.field
    async def acknowledged_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.acknowledged_by_id)


# ------------------------------------------------------------------ root fields


@strawberry.type
class EducationQuery:
    @strawberry.field(
        description="The month's sessions (YYYY-MM, this month by default): of the viewer's "
        "offices, or set for one person; a person sees those set for it."
    )
    async def activities(
        self,
        info: Info,
        month: str | None = None,
        person_id: strawberry.ID | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> CountedConnection[ActivityType]:
        call = info.context.call
        page = await education.list_activities(
            call,
            person_id=parse_id(person_id, "personId"),
            month=education.month_of(month, call),
            limit=page_size(first),
            after=decode_cursor(after, education.ActivityPosition),
        )
        return counted_connection(page, [ActivityType.of(r) for r in page.rows])

    @strawberry.field(
        description="A person's month: the sessions set, the hours attended and expected; "
        "the person's own without personId."
    )
    async def education_month(
        self, info: Info, month: str | None = None, person_id: strawberry.ID | None = None
    ) -> EducationMonthType:
        found = await education.month_summary(
            info.context.call, parse_id(person_id, "personId"), month
        )
        return EducationMonthType(
            month=str(found.month),
            hours_done=float(found.hours_done),
            hours_expected=float(found.hours_expected)
            if found.hours_expected is not None
            else None,
            tasks=[AttendanceType.of(t) for t in found.tasks],
        )

    @strawberry.field(
        description="Monthly reports, newest first: one person's (the person's own), or of "
        "the viewer's offices; `unanswered` for those with no reply yet."
    )
    async def thought_reports(
        self,
        info: Info,
        person_id: strawberry.ID | None = None,
        unanswered: bool = False,
        first: int | None = 20,
        after: str | None = None,
    ) -> CountedConnection[ThoughtReportType]:
        page = await thought_reports.list_reports(
            info.context.call,
            person_id=parse_id(person_id, "personId"),
            unanswered=unanswered,
            limit=page_size(first),
            after=decode_cursor(after, thought_reports.ReportPosition),
        )
        return counted_connection(page, [ThoughtReportType.of(r) for r in page.rows])

    @strawberry.field(
        description="The officer's triage: check-in answers with a change or a low mood, "
        "not yet acknowledged, the longest waiting first."
    )
    async def wellbeing_triage(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> CountedConnection[WellbeingAnswerType]:
        page = await wellbeing.triage(
            info.context.call, limit=page_size(first), after=decode_cursor(after, TimePosition)
        )
        return counted_connection(page, [WellbeingAnswerType.of(r) for r in page.rows])


@strawberry.type
class EducationMutation:
    @strawberry.mutation(description="A session with the persons set for it; once per clientId.")
    async def record_activity(self, info: Info, input: RecordActivityInput) -> ActivityType:
        row = await education.record_activity(
            info.context.call,
            client_id=str(input.client_id),
            org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
            kind=ActivityKind(input.kind),
            title=input.title,
            held_on=input.held_on,
            hours=input.hours,
            for_minors=input.for_minors,
            person_ids=[require_id(p, f"personIds.{i}") for i, p in enumerate(input.person_ids)],
        )
        return ActivityType.of(row)

    @strawberry.mutation(description="Whether a person set for a session came, and for how long.")
    async def record_attendance(
        self,
        info: Info,
        activity_id: strawberry.ID,
        person_id: strawberry.ID,
        attended: bool,
        hours: float | None = None,
    ) -> AttendanceType:
        row = await education.record_attendance(
            info.context.call,
            require_id(activity_id, "activityId"),
            require_id(person_id, "personId"),
            attended=attended,
            hours=hours,
        )
        return AttendanceType.of(row)

    @strawberry.mutation(
        description="SUPERVISOR or ADMIN: the hours a month of education and public-interest "
        "work a unit and those below it expect, from a date."
    )
    async def set_education_hours_standard(
        self, info: Info, org_unit_id: strawberry.ID, effective_from: date, monthly_hours: float
    ) -> float:
        row = await education.set_hours_standard(
            info.context.call, require_id(org_unit_id, "orgUnitId"), effective_from, monthly_hours
        )
        return float(row.monthly_hours)

    @strawberry.mutation(description="Help given (帮扶), with who helped and the outcome.")
    async def record_help(self, info: Info, input: RecordHelpInput) -> HelpRecordType:
        row = await help.record_help(
            info.context.call,
            require_id(input.person_id, "personId"),
            kind=HelpKind(input.kind),
            helped_on=input.helped_on,
            helper=input.helper,
            description=input.description,
            outcome=input.outcome,
        )
        return HelpRecordType.of(row)

    @strawberry.mutation(description="The person's monthly report, one a month; once per clientId.")
    async def submit_monthly_thought_report(
        self, info: Info, input: ThoughtReportInput
    ) -> ThoughtReportType:
        row = await thought_reports.submit(
            info.context.call,
            client_id=str(input.client_id),
            body=input.body,
            captured_at=input.captured_at,
        )
        return ThoughtReportType.of(row)

    @strawberry.mutation(description="The officer's reply to a monthly report, once.")
    async def reply_to_thought_report(
        self, info: Info, id: strawberry.ID, reply: str
    ) -> ThoughtReportType:
        row = await thought_reports.reply(info.context.call, require_id(id, "id"), reply)
        return ThoughtReportType.of(row)

    @strawberry.mutation(description="The officer has seen a check-in's answers: out of triage.")
    async def acknowledge_wellbeing(self, info: Info, id: strawberry.ID) -> WellbeingAnswerType:
        row = await wellbeing.acknowledge(info.context.call, require_id(id, "id"))
        return WellbeingAnswerType.of(row)
