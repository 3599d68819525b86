"""Intake (入矫) in the GraphQL schema: the pending list, registering a notice, the intake."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.common.paging import TimePosition
from api.domain.corrections import intake as domain
from api.models.enums import (
    AnnouncementItem,
    CorrectionType,
    DecidingBodyType,
    SupervisionLevel,
)
from api.models.intake import PendingIntake
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.corrections.types import SupervisedPersonType


@strawberry.type
class IntakeAnnouncement:
    """The 宣告 at intake (法 Art. 22)."""

    announced_at: datetime
    attendees: list[str]
    items: list[AnnouncementItem] = strawberry.field(
        description="What was announced: always all three items of 法 Art. 22."
    )


@strawberry.type
class IntakeConfirmation:
    client_id: strawberry.ID
    arrived_at: datetime = strawberry.field(
        description="When the person arrived, by the officer's device."
    )
    confirmed_at: datetime = strawberry.field(description="When the server stored the intake.")
    late: bool = strawberry.field(description="Arrived after the last day to report (漏管).")
    identity_checked: bool
    documents_checked: bool
    file_opened: bool
    announcement: IntakeAnnouncement
    confirmed_by_id: strawberry.Private[int | None]

    @strawberry.field
    async def confirmed_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.confirmed_by_id)


@strawberry.type(name="PendingIntake")
class PendingIntakeType:
    id: strawberry.ID
    deciding_body_type: DecidingBodyType
    deciding_body: str
    document_number: str
    effective_on: date = strawberry.field(
        description="The day the judgment, ruling or decision took effect."
    )
    decision_received_on: date | None = strawberry.field(
        description="TEMPORARY_OUTSIDE_PRISON: the day the transferring body received the "
        "decision, from which the 10 days run (法 Art. 21)."
    )
    report_due_on: date = strawberry.field(
        description="The last day to report or be handed over (法 Art. 21), the first day "
        "not counted."
    )
    notice_due_on: date = strawberry.field(description="The deciding body's notice (法 Art. 20).")
    documents_due_on: date = strawberry.field(description="The legal documents (法 Art. 20).")
    notified_at: datetime | None
    documents_received_at: datetime | None
    notice_late: bool
    documents_late: bool
    missed: bool = strawberry.field(
        description="漏管: the deadline passed before the person was taken in."
    )
    missed_alerted_at: datetime | None = strawberry.field(
        description="When the officer and the supervisors were alerted of the 漏管."
    )
    registered_at: datetime
    confirmation: IntakeConfirmation | None
    person_id: strawberry.Private[int]
    org_unit_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: PendingIntake, now: datetime) -> PendingIntakeType:
        confirmation = None
        if row.confirmed_at is not None:
            assert row.arrived_at is not None and row.announced_at is not None
            confirmation = IntakeConfirmation(
                client_id=strawberry.ID(row.client_id or ""),
                arrived_at=row.arrived_at,
                confirmed_at=row.confirmed_at,
                late=bool(row.arrived_late),
                identity_checked=row.identity_checked,
                documents_checked=row.documents_checked,
                file_opened=row.file_opened,
                announcement=IntakeAnnouncement(
                    announced_at=row.announced_at,
                    attendees=list(row.announcement_attendees or []),
                    items=[AnnouncementItem(i) for i in row.announced_items or []],
                ),
                confirmed_by_id=row.confirmed_by_id,
            )
        return cls(
            id=strawberry.ID(str(row.id)),
            deciding_body_type=DecidingBodyType(row.deciding_body_type),
            deciding_body=row.deciding_body,
            document_number=row.document_number,
            effective_on=row.effective_on,
            decision_received_on=row.decision_received_on,
            report_due_on=row.report_due_on,
            notice_due_on=row.notice_due_on,
            documents_due_on=row.documents_due_on,
            notified_at=row.notified_at,
            documents_received_at=row.documents_received_at,
            notice_late=domain.late(row.notified_at, row.notice_due_on),
            documents_late=domain.late(row.documents_received_at, row.documents_due_on),
            missed=domain.is_missed(row, now),
            missed_alerted_at=row.missed_at,
            registered_at=row.registered_at,
            confirmation=confirmation,
            person_id=row.person_id,
            org_unit_id=row.org_unit_id,
        )

    @strawberry.field
    async def person(self, info: Info) -> SupervisedPersonType:
        person = await info.context.loaders.person_by_id.load(self.person_id)
        assert person is not None  # a RESTRICT foreign key
        return SupervisedPersonType.of(person, info.context.call.now)

    @strawberry.field(description="The receiving justice office.")
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # a RESTRICT foreign key
        return unit


@strawberry.input
class RegisterPendingIntakeInput:
    deciding_body_type: DecidingBodyType = strawberry.field(
        description="COURT for CONTROL, PROBATION and PAROLE (法 Art. 17)."
    )
    deciding_body: str
    document_number: str
    effective_on: date
    correction_type: CorrectionType
    org_unit_id: strawberry.ID = strawberry.field(description="The receiving JUSTICE_OFFICE.")
    full_name: str
    id_number: str = strawberry.field(
        description="18-character resident ID; its check digit is verified."
    )
    term_start: date
    term_end: date
    decision_received_on: date | None = strawberry.field(
        default=None, description="Required for TEMPORARY_OUTSIDE_PRISON only."
    )
    phone: str | None = None
    officer_id: strawberry.ID | None = None
    notified_at: datetime | None = None
    documents_received_at: datetime | None = None


@strawberry.input
class IntakeAnnouncementInput:
    announced_at: datetime
    attendees: list[str]
    items: list[AnnouncementItem] = strawberry.field(
        description="All three: CRIMINAL_FACTS, TERM, RULES (法 Art. 22)."
    )


@strawberry.input
class ConfirmIntakeInput:
    client_id: strawberry.ID
    intake_id: strawberry.ID
    arrived_at: datetime
    identity_checked: bool
    documents_checked: bool
    file_opened: bool
    announcement: IntakeAnnouncementInput
    supervision_level: SupervisionLevel
    documents_received_at: datetime | None = strawberry.field(
        default=None, description="Needed when the registration did not record it."
    )
    check_in_interval_days: int | None = strawberry.field(
        default=None, description="Defaults by level: STRICT 7, NORMAL 14, LENIENT 30."
    )


@strawberry.type
class ConfirmIntakePayload:
    id: strawberry.ID = strawberry.field(description="The intake's id.")
    intake: PendingIntakeType
    person: SupervisedPersonType
    activation_code: str | None = strawberry.field(
        description="One-time code for the person's account; null when this answer repeats "
        "an earlier one (reissueActivationCode gives a new code)."
    )


@strawberry.type
class IntakeQuery:
    @strawberry.field(
        description="Intakes still to confirm in the viewer's offices, nearest deadline first."
    )
    async def pending_intakes(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> CountedConnection[PendingIntakeType]:
        call = info.context.call
        page = await domain.pending_intakes(
            call, limit=page_size(first), after=decode_cursor(after, TimePosition)
        )
        return counted_connection(page, [PendingIntakeType.of(r, call.now) for r in page.rows])


@strawberry.type
class IntakeMutation:
    @strawberry.mutation(description="The deciding body's notice of a person to take in.")
    async def register_pending_intake(
        self, info: Info, input: RegisterPendingIntakeInput
    ) -> PendingIntakeType:
        call = info.context.call
        row = await domain.register_pending_intake(
            call,
            deciding_body_type=DecidingBodyType(input.deciding_body_type),
            deciding_body=input.deciding_body,
            document_number=input.document_number,
            effective_on=input.effective_on,
            decision_received_on=input.decision_received_on,
            correction_type=CorrectionType(input.correction_type),
            org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
            officer_id=parse_id(input.officer_id, "officerId"),
            full_name=input.full_name,
            id_number=input.id_number,
            phone=input.phone,
            term_start=input.term_start,
            term_end=input.term_end,
            notified_at=input.notified_at,
            documents_received_at=input.documents_received_at,
        )
        return PendingIntakeType.of(row, call.now)

    @strawberry.mutation(description="The intake (法 Art. 22); stored once per clientId.")
    async def confirm_intake(self, info: Info, input: ConfirmIntakeInput) -> ConfirmIntakePayload:
        call = info.context.call
        confirmed = await domain.confirm_intake(
            call,
            client_id=str(input.client_id),
            intake_id=require_id(input.intake_id, "intakeId"),
            arrived_at=input.arrived_at,
            identity_checked=input.identity_checked,
            documents_checked=input.documents_checked,
            file_opened=input.file_opened,
            documents_received_at=input.documents_received_at,
            announcement=domain.Announcement(
                announced_at=input.announcement.announced_at,
                attendees=list(input.announcement.attendees),
                items=[AnnouncementItem(i) for i in input.announcement.items],
            ),
            supervision_level=SupervisionLevel(input.supervision_level),
            check_in_interval_days=input.check_in_interval_days,
        )
        person = await info.context.loaders.person_by_id.load(confirmed.intake.person_id)
        assert person is not None  # a RESTRICT foreign key
        return ConfirmIntakePayload(
            id=strawberry.ID(str(confirmed.intake.id)),
            intake=PendingIntakeType.of(confirmed.intake, call.now),
            person=SupervisedPersonType.of(person, call.now),
            activation_code=confirmed.activation_code,
        )
