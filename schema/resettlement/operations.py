"""Resettlement's queries and mutations: the notice, the reception, contacts,
help, the grade, opening a record from corrections, the list and the table."""

from __future__ import annotations

from datetime import date

import strawberry

from api.domain.common.paging import IdPosition
from api.domain.resettlement import account, care, records, standards
from api.models.enums import ContactMethod, ResettlementHelpKind, ResettlementStatus, RiskLevel
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.resettlement.types import (
    AccountCodeType,
    ContactRequestType,
    ContactType,
    HelpType,
    MyResettlementType,
    ReceptionType,
    ResettlementRecordType,
    record_of,
)


@strawberry.input
class RegisterReleaseNoticeInput:
    full_name: str
    id_number: str = strawberry.field(description="18-character resident ID, check digit verified.")
    prison: str
    expected_release_on: date
    offence: str
    risk_grade: RiskLevel = strawberry.field(description="The office's grade on arrival.")
    org_unit_id: strawberry.ID = strawberry.field(description="The receiving JUSTICE_OFFICE.")
    prison_risk_assessment: str | None = strawberry.field(
        default=None, description="The prison's own risk assessment, as it came."
    )
    phone: str | None = None
    officer_id: strawberry.ID | None = None
    notice_received_on: date | None = strawberry.field(
        default=None, description="The day the notice came; today when not given."
    )


@strawberry.input
class RecordReceptionInput:
    client_id: strawberry.ID
    record_id: strawberry.ID
    met: bool = strawberry.field(description="False: the person did not arrive.")
    on: date
    met_by: str | None = strawberry.field(default=None, description="Who met them (met only).")
    place: str | None = strawberry.field(default=None, description="Where (met only).")
    picked_up: bool = strawberry.field(default=False, description="接回 by the office.")
    released_on: date | None = strawberry.field(
        default=None, description="The actual release day, when it was not the expected one."
    )
    note: str | None = None


@strawberry.input
class ResettlementContactInput:
    client_id: strawberry.ID
    record_id: strawberry.ID
    on: date
    method: ContactMethod
    note: str


@strawberry.input
class ResettlementHelpInput:
    client_id: strawberry.ID
    record_id: strawberry.ID
    on: date
    kind: ResettlementHelpKind
    description: str


@strawberry.input
class ResettlementContactRequestInput:
    client_id: strawberry.ID
    message: str


@strawberry.type(name="ResettlementStandard")
class ResettlementStandardType:
    notice_days: int = strawberry.field(description="The notice should come this many days ahead.")
    no_show_days: int = strawberry.field(
        description="Days after a non-arrival before it is a loss of contact."
    )
    high_risk_contact_days: int = strawberry.field(
        description="A HIGH-risk person is contacted at least this often."
    )
    effective_from: date | None = strawberry.field(
        description="The row in force; null: no unit above has set one (the app's defaults)."
    )

    @classmethod
    def of(cls, f: standards.Figures) -> ResettlementStandardType:
        return cls(
            notice_days=f.notice_days,
            no_show_days=f.no_show_days,
            high_risk_contact_days=f.high_risk_contact_days,
            effective_from=f.effective_from,
        )


@strawberry.type
class ResettlementQuery:
    @strawberry.field(description="The resettlement records of the viewer's offices, newest first.")
    async def resettlement_records(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        status: ResettlementStatus | None = None,
    ) -> CountedConnection[ResettlementRecordType]:
        page = await records.resettlement_records(
            info.context.call,
            status=status,
            limit=page_size(first),
            after=decode_cursor(after, IdPosition),
        )
        return counted_connection(page, [record_of(info, r) for r in page.rows])

    @strawberry.field(description="One record, whole; the read is on the audit log.")
    async def resettlement_record(self, info: Info, id: strawberry.ID) -> ResettlementRecordType:
        row = await records.read_record(info.context.call, require_id(id, "id"))
        return record_of(info, row)

    @strawberry.field(
        description="RELEASED_PERSON: the help of their own record and their office's contact."
    )
    async def my_resettlement(self, info: Info) -> MyResettlementType:
        own = await account.my_resettlement(info.context.call)
        return MyResettlementType(
            record_id=own.record.id,
            office_name=own.office.name,
            office_phone=own.office_phone,
            assistance_ends_on=own.record.assistance_ends_on,
        )


@strawberry.type
class ResettlementMutation:
    @strawberry.mutation(description="The prison's notice of a release (刑满释放人员通知书).")
    async def register_release_notice(
        self, info: Info, input: RegisterReleaseNoticeInput
    ) -> ResettlementRecordType:
        row = await records.register_release_notice(
            info.context.call,
            full_name=input.full_name,
            id_number=input.id_number,
            phone=input.phone,
            prison=input.prison,
            expected_release_on=input.expected_release_on,
            offence=input.offence,
            prison_risk_assessment=input.prison_risk_assessment,
            risk_grade=RiskLevel(input.risk_grade),
            org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
            officer_id=parse_id(input.officer_id, "officerId"),
            notice_received_on=input.notice_received_on,
        )
        return record_of(info, row)

    @strawberry.mutation(
        description="The person met on release, or did not arrive; once per clientId."
    )
    async def record_reception(self, info: Info, input: RecordReceptionInput) -> ReceptionType:
        row = await care.record_reception(
            info.context.call,
            client_id=str(input.client_id),
            record_id=require_id(input.record_id, "recordId"),
            met=input.met,
            on=input.on,
            met_by=input.met_by,
            place=input.place,
            picked_up=input.picked_up,
            released_on=input.released_on,
            note=input.note,
        )
        return ReceptionType.of(row)

    @strawberry.mutation(description="A contact in the assistance period; once per clientId.")
    async def record_resettlement_contact(
        self, info: Info, input: ResettlementContactInput
    ) -> ContactType:
        row = await care.record_contact(
            info.context.call,
            client_id=str(input.client_id),
            record_id=require_id(input.record_id, "recordId"),
            on=input.on,
            method=ContactMethod(input.method),
            note=input.note,
        )
        return ContactType.of(row)

    @strawberry.mutation(description="Help given in the assistance period; once per clientId.")
    async def record_resettlement_help(self, info: Info, input: ResettlementHelpInput) -> HelpType:
        row = await care.record_help(
            info.context.call,
            client_id=str(input.client_id),
            record_id=require_id(input.record_id, "recordId"),
            on=input.on,
            kind=ResettlementHelpKind(input.kind),
            description=input.description,
        )
        return HelpType.of(row)

    @strawberry.mutation(description="The office's risk grade, with the reason.")
    async def set_resettlement_risk_grade(
        self, info: Info, id: strawberry.ID, risk_grade: RiskLevel, note: str
    ) -> ResettlementRecordType:
        row = await records.set_risk_grade(
            info.context.call, require_id(id, "id"), RiskLevel(risk_grade), note
        )
        return record_of(info, row)

    @strawberry.mutation(
        description="After a release from community correction: a resettlement record of the "
        "same office, prefilled, in assistance from the end of the correction."
    )
    async def open_resettlement_from_supervision(
        self,
        info: Info,
        person_id: strawberry.ID,
        risk_grade: RiskLevel,
        officer_id: strawberry.ID | None = None,
    ) -> ResettlementRecordType:
        row = await records.open_from_supervision(
            info.context.call,
            require_id(person_id, "personId"),
            risk_grade=RiskLevel(risk_grade),
            officer_id=parse_id(officer_id, "officerId"),
        )
        return record_of(info, row)

    @strawberry.mutation(
        description="At the person's own request (personRequested, the consent on the audit "
        "log): a one-time code for their account, while the record is open; an unused code "
        "issued before stops working."
    )
    async def issue_resettlement_account_code(
        self, info: Info, id: strawberry.ID, person_requested: bool
    ) -> AccountCodeType:
        issued = await account.issue_account_code(
            info.context.call, require_id(id, "id"), person_requested=person_requested
        )
        return AccountCodeType(
            record=record_of(info, issued.record),
            activation_code=issued.code,
            expires_at=issued.expires_at,
        )

    @strawberry.mutation(description="At the person's wish: their account ends.")
    async def end_resettlement_account(
        self, info: Info, id: strawberry.ID
    ) -> ResettlementRecordType:
        row = await account.end_account(info.context.call, require_id(id, "id"))
        return record_of(info, row)

    @strawberry.mutation(
        description="RELEASED_PERSON: ask the office to get in touch; once per clientId."
    )
    async def send_resettlement_contact_request(
        self, info: Info, input: ResettlementContactRequestInput
    ) -> ContactRequestType:
        row = await account.send_contact_request(
            info.context.call, client_id=str(input.client_id), message=input.message
        )
        return ContactRequestType.of(row)

    @strawberry.mutation(description="A unit's hand-over figures from a date (SUPERVISOR).")
    async def set_resettlement_standard(
        self,
        info: Info,
        org_unit_id: strawberry.ID,
        effective_from: date,
        notice_days: int,
        no_show_days: int,
        high_risk_contact_days: int,
    ) -> ResettlementStandardType:
        row = await standards.set_standard(
            info.context.call,
            require_id(org_unit_id, "orgUnitId"),
            effective_from,
            notice_days=notice_days,
            no_show_days=no_show_days,
            high_risk_contact_days=high_risk_contact_days,
        )
        return ResettlementStandardType.of(
            standards.Figures(
                row.notice_days, row.no_show_days, row.high_risk_contact_days, row.effective_from
            )
        )
