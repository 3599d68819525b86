"""Consultations (法律咨询, 12348) and referrals to legal aid in the GraphQL schema."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from api.domain.common.paging import TimePosition
from api.domain.common.validators import mask_resident_id
from api.domain.legal_aid import consultations, referrals
from api.models.consultations import (
    Consultation,
    ConsultationCategory,
    ConsultationChannel,
    ReferralTarget,
)
from api.models.enums import LegalAidMatter, RiskLevel, SpecialGroup
from api.models.legal_aid_referrals import (
    ConfirmationMethod,
    LegalAidReferral,
    ReferralSource,
    ReferralStatus,
)
from schema.accounts.types import OrgUnitType, UserType, org_unit_of, user_of
from schema.common.context import Info
from schema.common.ids import parse_id, require_id
from schema.common.pagination import CountedConnection, counted_connection, decode_cursor, page_size
from schema.legal_aid.types import LegalAidRequestType
from schema.mediation.types import DisputeType

ConsultationChannelEnum = strawberry.enum(ConsultationChannel, name="ConsultationChannel")
ConsultationCategoryEnum = strawberry.enum(ConsultationCategory, name="ConsultationCategory")
ReferralTargetEnum = strawberry.enum(ReferralTarget, name="ReferralTarget")
ReferralSourceEnum = strawberry.enum(ReferralSource, name="LegalAidReferralSource")
ReferralStatusEnum = strawberry.enum(ReferralStatus, name="LegalAidReferralStatus")
ConfirmationMethodEnum = strawberry.enum(ConfirmationMethod, name="ReferralConfirmationMethod")


@strawberry.type(name="Consultation")
class ConsultationType:
    id: strawberry.ID
    client_id: strawberry.ID
    channel: ConsultationChannel
    category: ConsultationCategory
    question: str
    asker_name: str | None
    asker_phone: str | None
    asked_at: datetime
    received_at: datetime
    answer: str | None
    answered_at: datetime | None
    referred_to: ReferralTarget | None
    referred_at: datetime | None
    referral_body: str | None = strawberry.field(
        description="OTHER_BODY: the body; LEGAL_AID: the centre referred to."
    )
    referral_dispute_id: strawberry.ID | None
    org_unit_id: strawberry.Private[int]
    answered_by_id: strawberry.Private[int | None]
    recorded_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, c: Consultation) -> ConsultationType:
        return cls(
            id=strawberry.ID(str(c.id)),
            client_id=strawberry.ID(c.client_id),
            channel=ConsultationChannel(c.channel),
            category=ConsultationCategory(c.category),
            question=c.question,
            asker_name=c.asker_name,
            asker_phone=c.asker_phone,
            asked_at=c.asked_at,
            received_at=c.received_at,
            answer=c.answer,
            answered_at=c.answered_at,
            referred_to=ReferralTarget(c.referred_to) if c.referred_to else None,
            referred_at=c.referred_at,
            referral_body=c.referral_body,
            referral_dispute_id=(
                strawberry.ID(str(c.referral_dispute_id)) if c.referral_dispute_id else None
            ),
            org_unit_id=c.org_unit_id,
            answered_by_id=c.answered_by_id,
            recorded_by_id=c.recorded_by_id,
        )

    @strawberry.field(description="The office or centre that answers.")
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit

    @strawberry.field
    async def answered_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.answered_by_id)

    @strawberry.field
    async def recorded_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.recorded_by_id)


@strawberry.type(name="ConsultationFigure")
class ConsultationFigureType:
    category: ConsultationCategory
    count: int
    answered: int
    org_unit_id: strawberry.Private[int]

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit


@strawberry.type(name="LegalAidReferral")
class LegalAidReferralType:
    """A legal-aid request started for a person, awaiting their confirmation."""

    id: strawberry.ID
    source: ReferralSource
    source_id: strawberry.ID
    status: ReferralStatus
    person_name: str
    person_phone: str
    person_id_number_masked: str | None
    matter: LegalAidMatter
    special_groups: list[SpecialGroup]
    description: str
    household_size: int
    monthly_household_income: Decimal
    limitation_deadline: date | None
    referred_at: datetime
    answered_at: datetime | None
    method: ConfirmationMethod | None
    note: str | None
    request_id: strawberry.ID | None = strawberry.field(
        description="The request made at the confirmation."
    )
    org_unit_id: strawberry.Private[int]
    referred_by_id: strawberry.Private[int]

    @classmethod
    def of(cls, r: LegalAidReferral) -> LegalAidReferralType:
        return cls(
            id=strawberry.ID(str(r.id)),
            source=ReferralSource(r.source),
            source_id=strawberry.ID(str(r.source_id)),
            status=ReferralStatus(r.status),
            person_name=r.person_name,
            person_phone=r.person_phone,
            person_id_number_masked=(
                mask_resident_id(r.person_id_number) if r.person_id_number else None
            ),
            matter=LegalAidMatter(r.matter),
            special_groups=[SpecialGroup(g) for g in r.special_groups],
            description=r.description,
            household_size=r.household_size,
            monthly_household_income=r.monthly_household_income,
            limitation_deadline=r.limitation_deadline,
            referred_at=r.referred_at,
            answered_at=r.answered_at,
            method=ConfirmationMethod(r.method) if r.method else None,
            note=r.note,
            request_id=strawberry.ID(str(r.request_id)) if r.request_id else None,
            org_unit_id=r.org_unit_id,
            referred_by_id=r.referred_by_id,
        )

    @strawberry.field(description="The legal-aid centre.")
    async def org_unit(self, info: Info) -> OrgUnitType:
        unit = await org_unit_of(info, self.org_unit_id)
        assert unit is not None  # ON DELETE RESTRICT
        return unit

    @strawberry.field
    async def referred_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.referred_by_id)


@strawberry.type
class ConsultationReferralPayload:
    consultation: ConsultationType
    dispute: DisputeType | None = None
    referral: LegalAidReferralType | None = None


@strawberry.input
class ConsultationInput:
    client_id: strawberry.ID
    channel: ConsultationChannel = strawberry.field(description="WALK_IN or PHONE (12348).")
    category: ConsultationCategory
    question: str
    asked_at: datetime = strawberry.field(description="The device's time.")
    asker_name: str | None = None
    asker_phone: str | None = None
    answer: str | None = strawberry.field(default=None, description="The answer given there.")


@strawberry.input
class LegalQuestionInput:
    client_id: strawberry.ID
    org_unit_id: strawberry.ID = strawberry.field(description="A justice office or a centre.")
    category: ConsultationCategory
    question: str
    asked_at: datetime


@strawberry.input
class ConsultationFilter:
    category: ConsultationCategory | None = None
    channel: ConsultationChannel | None = None
    answered: bool | None = None
    org_unit_id: strawberry.ID | None = None


@strawberry.input
class LegalAidReferralInput:
    client_id: strawberry.ID
    source: ReferralSource
    source_id: strawberry.ID = strawberry.field(
        description="The supervised person's, the failed dispute's or the consultation's id."
    )
    org_unit_id: strawberry.ID = strawberry.field(description="A LEGAL_AID_CENTER.")
    matter: LegalAidMatter
    description: str
    household_size: int
    monthly_household_income: Decimal
    special_groups: list[SpecialGroup] = strawberry.field(default_factory=list)
    limitation_deadline: date | None = None
    party_position: int | None = strawberry.field(
        default=None, description="MEDIATION: the party, by its position (0 first)."
    )
    person_phone: str | None = strawberry.field(
        default=None, description="When the source has no mobile number."
    )
    person_id_number: str | None = None


@strawberry.input
class ConsultationReferralInput:
    to: ReferralTarget
    client_id: strawberry.ID = strawberry.field(
        description="The new dispute's or referral's clientId."
    )
    org_unit_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="MEDIATION: the office or committee; LEGAL_AID: the centre.",
    )
    body: str | None = strawberry.field(default=None, description="OTHER_BODY: its name.")
    risk_level: RiskLevel = RiskLevel.LOW
    matter: LegalAidMatter | None = None
    household_size: int | None = None
    monthly_household_income: Decimal | None = None
    special_groups: list[SpecialGroup] = strawberry.field(default_factory=list)
    limitation_deadline: date | None = None
    person_phone: str | None = None


@strawberry.type
class ConsultationsQuery:
    @strawberry.field(description="The viewer's consultations, newest first.")
    async def consultations(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        filter: ConsultationFilter | None = None,
    ) -> CountedConnection[ConsultationType]:
        f = filter or ConsultationFilter()
        page = await consultations.list_consultations(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, TimePosition),
            filter=consultations.ConsultationFilter(
                category=f.category,
                channel=f.channel,
                answered=f.answered,
                org_unit_id=parse_id(f.org_unit_id, "filter.orgUnitId"),
            ),
        )
        return counted_connection(page, [ConsultationType.of(c) for c in page.rows])

    @strawberry.field
    async def consultation(self, info: Info, id: strawberry.ID) -> ConsultationType | None:
        row = await consultations.get_consultation(info.context.call, require_id(id, "id"))
        return ConsultationType.of(row)

    @strawberry.field(description="Consultations per unit and category, local days inclusive.")
    async def consultation_figures(
        self, info: Info, since: date | None = None, until: date | None = None
    ) -> list[ConsultationFigureType]:
        rows = await consultations.consultation_figures(info.context.call, since=since, until=until)
        return [
            ConsultationFigureType(
                category=r.category, count=r.count, answered=r.answered, org_unit_id=r.org_unit_id
            )
            for r in rows
        ]

    @strawberry.field(description="The offices and centres the public may ask online.")
    async def consultation_units(self, info: Info) -> list[OrgUnitType]:
        return [OrgUnitType.of(u) for u in await consultations.answerable_units(info.context.call)]

    @strawberry.field(description="Legal-aid requests started for a person, newest first.")
    async def legal_aid_referrals(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        status: ReferralStatus | None = None,
    ) -> CountedConnection[LegalAidReferralType]:
        page = await referrals.list_referrals(
            info.context.call,
            limit=page_size(first),
            after=decode_cursor(after, TimePosition),
            status=status,
        )
        return counted_connection(page, [LegalAidReferralType.of(r) for r in page.rows])

    @strawberry.field
    async def legal_aid_referral(
        self, info: Info, id: strawberry.ID
    ) -> LegalAidReferralType | None:
        row = await referrals.referral_in_scope(info.context.call, require_id(id, "id"))
        return LegalAidReferralType.of(row)


@strawberry.type
class ConsultationsMutation:
    @strawberry.mutation(description="Staff: a consultation at the window or by phone.")
    async def record_consultation(self, info: Info, input: ConsultationInput) -> ConsultationType:
        row = await consultations.record_consultation(
            info.context.call,
            consultations.ConsultationInput(
                client_id=str(input.client_id),
                channel=input.channel,
                category=input.category,
                question=input.question,
                asked_at=input.asked_at,
                asker_name=input.asker_name,
                asker_phone=input.asker_phone,
                answer=input.answer,
            ),
        )
        return ConsultationType.of(row)

    @strawberry.mutation(description="The public: a legal question asked online.")
    async def ask_legal_question(self, info: Info, input: LegalQuestionInput) -> ConsultationType:
        row = await consultations.ask_question(
            info.context.call,
            client_id=str(input.client_id),
            org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
            category=input.category,
            question=input.question,
            asked_at=input.asked_at,
        )
        return ConsultationType.of(row)

    @strawberry.mutation(description="Staff of the unit answer; the asker is told by push.")
    async def answer_consultation(
        self, info: Info, id: strawberry.ID, answer: str
    ) -> ConsultationType:
        row = await consultations.answer_consultation(
            info.context.call, require_id(id, "id"), answer
        )
        return ConsultationType.of(row)

    @strawberry.mutation(description="To mediation, legal aid or another body, in one step.")
    async def refer_consultation(
        self, info: Info, id: strawberry.ID, input: ConsultationReferralInput
    ) -> ConsultationReferralPayload:
        call = info.context.call
        consultation_id = require_id(id, "id")
        if input.to is ReferralTarget.MEDIATION:
            row, dispute = await referrals.refer_to_mediation(
                call,
                consultation_id,
                client_id=str(input.client_id),
                org_unit_id=require_id(input.org_unit_id or "", "orgUnitId"),
                risk_level=input.risk_level,
            )
            return ConsultationReferralPayload(
                consultation=ConsultationType.of(row), dispute=DisputeType.of(dispute)
            )
        if input.to is ReferralTarget.OTHER_BODY:
            row = await referrals.refer_to_other_body(call, consultation_id, input.body or "")
            return ConsultationReferralPayload(consultation=ConsultationType.of(row))
        source = await consultations.get_consultation(call, consultation_id)
        referral = await referrals.refer_legal_aid(
            call,
            referrals.ReferralInput(
                client_id=str(input.client_id),
                source=ReferralSource.CONSULTATION,
                source_id=consultation_id,
                org_unit_id=require_id(input.org_unit_id or "", "orgUnitId"),
                matter=input.matter,
                description=source.question,
                household_size=input.household_size,
                monthly_household_income=input.monthly_household_income,
                special_groups=input.special_groups,
                limitation_deadline=input.limitation_deadline,
                person_phone=input.person_phone,
            ),
        )
        row = await consultations.get_consultation(call, consultation_id)
        return ConsultationReferralPayload(
            consultation=ConsultationType.of(row), referral=LegalAidReferralType.of(referral)
        )

    @strawberry.mutation(
        description="A request started for a person (社区矫正法 Art. 43, 人民调解法 Art. 26)."
    )
    async def refer_legal_aid(
        self, info: Info, input: LegalAidReferralInput
    ) -> LegalAidReferralType:
        row = await referrals.refer_legal_aid(
            info.context.call,
            referrals.ReferralInput(
                client_id=str(input.client_id),
                source=input.source,
                source_id=require_id(input.source_id, "sourceId"),
                org_unit_id=require_id(input.org_unit_id, "orgUnitId"),
                matter=input.matter,
                description=input.description,
                household_size=input.household_size,
                monthly_household_income=input.monthly_household_income,
                special_groups=input.special_groups,
                limitation_deadline=input.limitation_deadline,
                party_position=input.party_position,
                person_phone=input.person_phone,
                person_id_number=input.person_id_number,
            ),
        )
        return LegalAidReferralType.of(row)

    @strawberry.mutation(
        description="The person confirms, or the centre's staff record a signed confirmation "
        "(note: which paper): the request is submitted now."
    )
    async def confirm_referred_request(
        self, info: Info, id: strawberry.ID, note: str | None = None
    ) -> LegalAidRequestType:
        request = await referrals.confirm_referral(
            info.context.call, require_id(id, "id"), note=note
        )
        return LegalAidRequestType.of(request)

    @strawberry.mutation(description="The person declines (or staff record it).")
    async def decline_referred_request(
        self, info: Info, id: strawberry.ID, note: str | None = None
    ) -> LegalAidReferralType:
        row = await referrals.decline_referral(info.context.call, require_id(id, "id"), note)
        return LegalAidReferralType.of(row)
