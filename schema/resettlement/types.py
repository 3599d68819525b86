"""The GraphQL types of resettlement records."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.domain.common.validators import mask_resident_id
from api.domain.corrections.ending import today
from api.domain.resettlement.period import in_assistance_on
from api.models import resettlement as m
from api.models.enums import (
    ContactMethod,
    ResettlementHelpKind,
    ResettlementSource,
    ResettlementStatus,
    RiskLevel,
)
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info


@strawberry.type(name="ResettlementReception")
class ReceptionType:
    id: strawberry.ID
    client_id: strawberry.ID
    met: bool
    on: date = strawberry.field(description="The day met, or the day the person did not arrive.")
    met_by: str | None
    place: str | None
    picked_up: bool = strawberry.field(description="接回: the office fetched the person.")
    note: str | None
    recorded_at: datetime

    @classmethod
    def of(cls, row: m.ResettlementReception) -> ReceptionType:
        return cls(
            id=strawberry.ID(str(row.id)),
            client_id=strawberry.ID(row.client_id),
            met=row.met,
            on=row.happened_on,
            met_by=row.met_by,
            place=row.place,
            picked_up=row.picked_up,
            note=row.note,
            recorded_at=row.recorded_at,
        )


@strawberry.type(name="ResettlementContact")
class ContactType:
    id: strawberry.ID
    client_id: strawberry.ID
    on: date
    method: ContactMethod
    note: str
    recorded_at: datetime

    @classmethod
    def of(cls, row: m.ResettlementContact) -> ContactType:
        return cls(
            id=strawberry.ID(str(row.id)),
            client_id=strawberry.ID(row.client_id),
            on=row.contacted_on,
            method=ContactMethod(row.method),
            note=row.note,
            recorded_at=row.recorded_at,
        )


@strawberry.type(name="ResettlementHelp")
class HelpType:
    id: strawberry.ID
    client_id: strawberry.ID
    kind: ResettlementHelpKind
    on: date
    description: str
    recorded_at: datetime

    @classmethod
    def of(cls, row: m.ResettlementHelp) -> HelpType:
        return cls(
            id=strawberry.ID(str(row.id)),
            client_id=strawberry.ID(row.client_id),
            kind=ResettlementHelpKind(row.kind),
            on=row.given_on,
            description=row.description,
            recorded_at=row.recorded_at,
        )


@strawberry.type(name="ResettlementContactRequest")
class ContactRequestType:
    id: strawberry.ID
    client_id: strawberry.ID
    message: str
    sent_at: datetime

    @classmethod
    def of(cls, row: m.ResettlementContactRequest) -> ContactRequestType:
        return cls(
            id=strawberry.ID(str(row.id)),
            client_id=strawberry.ID(row.client_id),
            message=row.message,
            sent_at=row.sent_at,
        )


@strawberry.type(name="ResettlementRecord")
class ResettlementRecordType:
    id: strawberry.ID
    full_name: str
    id_number_masked: str = strawberry.field(
        description="The resident ID with the middle masked; never returned whole."
    )
    phone: str | None
    source: ResettlementSource
    supervised_person_id: strawberry.ID | None = strawberry.field(
        description="From corrections: the supervised person whose release opened it."
    )
    prison: str | None
    offence: str | None
    prison_risk_assessment: str | None
    risk_grade: RiskLevel
    status: ResettlementStatus
    notice_received_on: date | None
    notice_days_ahead: int | None = strawberry.field(
        description="Days from the notice to the expected release."
    )
    notice_late: bool = strawberry.field(
        description="Fewer days ahead than the province's table asks; accepted all the same."
    )
    expected_release_on: date
    released_on: date = strawberry.field(
        description="The day the five years run from: the release, or the end of correction."
    )
    assistance_ends_on: date = strawberry.field(
        description="The last day of the five-year assistance period (民法典 Art. 202)."
    )
    in_assistance: bool = strawberry.field(
        description="Met and within the assistance period today."
    )
    received_on: date | None
    not_arrived_on: date | None
    lost_contact_due_at: datetime | None = strawberry.field(
        description="NOT_ARRIVED: when it becomes a loss of contact (the table's days)."
    )
    lost_contact_alerted_at: datetime | None
    next_contact_due_on: date | None = strawberry.field(
        description="HIGH risk: the next contact is due by this day."
    )
    contact_overdue: bool
    has_account: bool = strawberry.field(
        description="False by default: a released person has no duty to report."
    )
    registered_at: datetime
    org_unit_id: strawberry.Private[int]
    officer_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, r: m.ResettlementRecord, today_: date) -> ResettlementRecordType:
        due = r.next_contact_due_on
        status = ResettlementStatus(r.status)
        return cls(
            id=strawberry.ID(str(r.id)),
            full_name=r.full_name,
            id_number_masked=mask_resident_id(r.id_number),
            phone=r.phone,
            source=ResettlementSource(r.source),
            supervised_person_id=(
                strawberry.ID(str(r.supervised_person_id)) if r.supervised_person_id else None
            ),
            prison=r.prison,
            offence=r.offence,
            prison_risk_assessment=r.prison_risk_assessment,
            risk_grade=RiskLevel(r.risk_grade),
            status=status,
            notice_received_on=r.notice_received_on,
            notice_days_ahead=r.notice_days_ahead,
            notice_late=r.notice_late,
            expected_release_on=r.expected_release_on,
            released_on=r.released_on,
            assistance_ends_on=r.assistance_ends_on,
            in_assistance=status is ResettlementStatus.IN_ASSISTANCE
            and in_assistance_on(r.released_on, r.assistance_ends_on, today_),
            received_on=r.received_on,
            not_arrived_on=r.not_arrived_on,
            lost_contact_due_at=r.lost_contact_due_at,
            lost_contact_alerted_at=r.lost_contact_alerted_at,
            next_contact_due_on=due,
            contact_overdue=due is not None and due < today_,
            has_account=r.account_id is not None,
            registered_at=r.registered_at,
            org_unit_id=r.org_unit_id,
            officer_id=r.officer_id,
        )

    @strawberry.field(description="The receiving justice office.")
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # a RESTRICT foreign key
        return unit

    @strawberry.field
    async def officer(self, info: Info) -> UserType | None:
        return await user_of(info, self.officer_id)

    @strawberry.field(description="Meeting on release, or the note that the person did not.")
    async def receptions(self, info: Info) -> list[ReceptionType]:
        rows = await info.context.loaders.receptions_by_record.load(int(self.id))
        return [ReceptionType.of(r) for r in rows]

    @strawberry.field(description="Contacts, newest first.")
    async def contacts(self, info: Info) -> list[ContactType]:
        rows = await info.context.loaders.contacts_by_record.load(int(self.id))
        return [ContactType.of(r) for r in rows]

    @strawberry.field(description="Help given, newest first.")
    async def help(self, info: Info) -> list[HelpType]:
        rows = await info.context.loaders.helps_by_record.load(int(self.id))
        return [HelpType.of(r) for r in rows]

    @strawberry.field(
        description="The person's requests to be contacted (from their own account), newest first."
    )
    async def contact_requests(self, info: Info) -> list[ContactRequestType]:
        rows = await info.context.loaders.contact_requests_by_record.load(int(self.id))
        return [ContactRequestType.of(r) for r in rows]


def record_of(info: Info, row: m.ResettlementRecord) -> ResettlementRecordType:
    return ResettlementRecordType.of(row, today(info.context.call))


@strawberry.type(name="ResettlementAccountCode")
class AccountCodeType:
    record: ResettlementRecordType
    activation_code: str = strawberry.field(
        description="One-time code the person turns into an account on the activation screen."
    )
    expires_at: datetime


@strawberry.type(name="MyResettlement")
class MyResettlementType:
    """What a released person sees with their own account: their record's help
    and their office, nothing else (no officer's name, no other record)."""

    record_id: strawberry.Private[int]
    office_name: str = strawberry.field(description="The justice office in charge.")
    office_phone: str | None = strawberry.field(
        description="The office's number for the person: the record's officer's work phone."
    )
    assistance_ends_on: date = strawberry.field(
        description="The last day of the assistance period."
    )

    @strawberry.field(description="Help given to the person, newest first.")
    async def help(self, info: Info) -> list[HelpType]:
        rows = await info.context.loaders.helps_by_record.load(self.record_id)
        return [HelpType.of(r) for r in rows]

    @strawberry.field(description="The person's own requests to be contacted, newest first.")
    async def contact_requests(self, info: Info) -> list[ContactRequestType]:
        rows = await info.context.loaders.contact_requests_by_record.load(self.record_id)
        return [ContactRequestType.of(r) for r in rows]
