"""Referrals: legal aid started by someone else for a person, and a
consultation passed on in one tap to mediation, legal aid or another body.

- 社区矫正法 Art. 43: a supervised person may get legal aid and the
  corrections body helps; an officer starts the request, prefilled.
- 人民调解法 Art. 26: when mediation fails the mediator tells the parties of
  the other ways to their rights; the mediator starts the request for a party.
- 法律援助法 Art. 23: a consultation tells the person of the right to apply.

The application is the person's (法律援助法 Art. 41: the applicant states
their own situation): a referral waits for the person to confirm it, from
their phone when they have an account, or on a signed paper that staff
record. Only then is it a LegalAidRequest, submitted at that moment, so the
7-day decision clock (Art. 43) starts at the confirmation and the staff's
decision queue never holds an unconfirmed request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import (
    client_uuid,
    int_range,
    mobile_phone,
    money,
    proper_name,
    resident_id,
    text,
)
from api.domain.corrections.persons import person_for
from api.domain.legal_aid import requests
from api.domain.legal_aid.consultations import consultation_in_scope, may_answer
from api.domain.mediation import disputes
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.consultations import Consultation, ConsultationCategory, ReferralTarget
from api.models.enums import (
    DisputeCategory,
    DisputeStatus,
    LegalAidMatter,
    OrgUnitKind,
    PartyRole,
    RiskLevel,
    Role,
    SpecialGroup,
)
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_referrals import (
    ConfirmationMethod,
    LegalAidReferral,
    ReferralSource,
    ReferralStatus,
)
from api.models.mediation import Dispute, DisputeParty

NOTE_MAX = 2000
BODY_MAX = 100

# Who may start a request for someone, by where it comes from.
SOURCE_ROLES: dict[ReferralSource, frozenset[Role]] = {
    ReferralSource.CORRECTIONS: scope.CORRECTIONS_STAFF,
    ReferralSource.MEDIATION: scope.MEDIATION_STAFF,
    ReferralSource.CONSULTATION: frozenset(
        {Role.OFFICER, Role.SUPERVISOR, Role.LEGAL_AID_STAFF, Role.LAWYER}
    ),
}
PUBLIC = frozenset({Role.APPLICANT, Role.SUPERVISED_PERSON})


@dataclass(frozen=True)
class ReferralInput:
    client_id: str
    source: ReferralSource
    source_id: int
    org_unit_id: int  # the legal-aid centre
    matter: LegalAidMatter | None
    description: str
    household_size: int | None
    monthly_household_income: object
    special_groups: Sequence[SpecialGroup] = ()
    limitation_deadline: date | None = None
    # A dispute's party, by its position; the others name the person.
    party_position: int | None = None
    # What the source lacks (a party without a phone, an ID number).
    person_phone: str | None = None
    person_id_number: str | None = None


@dataclass(frozen=True)
class _Person:
    name: str
    phone: str | None
    id_number: str | None
    account_id: int | None


async def _person_of(call: Call, data: ReferralInput) -> _Person:
    """The person the request is for, read from the source the viewer may see."""
    if data.source is ReferralSource.CORRECTIONS:
        p = await person_for(call, data.source_id, scope.CORRECTIONS_STAFF)
        return _Person(p.full_name, p.phone, p.id_number, p.account_id)
    if data.source is ReferralSource.MEDIATION:
        dispute = await disputes.dispute_in_scope(call, data.source_id)
        # 人民调解法 Art. 26: after a failed mediation the parties are told
        # of the other ways to their rights.
        if DisputeStatus(dispute.status) is not DisputeStatus.FAILED:
            raise Conflict("REFERRAL_DISPUTE_NOT_FAILED")
        party = await DisputeParty.get_or_none(
            dispute_id=dispute.id, position=data.party_position or 0
        )
        if party is None:
            raise BadInput("REFERRAL_PARTY", field="partyPosition")
        return _Person(party.name, party.phone, None, None)
    consultation = await consultation_in_scope(call, data.source_id)
    if not may_answer(scope.require_viewer(call), consultation):
        raise scope.not_found("CONSULTATION_NOT_FOUND")
    if not consultation.asker_name:
        raise BadInput("REFERRAL_NAME_MISSING", field="sourceId")
    return _Person(consultation.asker_name, consultation.asker_phone, None, consultation.asker_id)


async def refer_legal_aid(call: Call, data: ReferralInput) -> LegalAidReferral:
    """Start a legal-aid request for a person, prefilled from the source; it
    waits for the person's confirmation."""
    viewer = scope.require_role(call, SOURCE_ROLES[ReferralSource(data.source)])
    cid = client_uuid(data.client_id, "clientId")
    return await idempotency.store_once(
        LegalAidReferral, cid, viewer, lambda s: s.referred_by_id, _refer(call, viewer, cid, data)
    )


async def _refer(call: Call, viewer: Viewer, cid: str, data: ReferralInput) -> LegalAidReferral:
    source = ReferralSource(data.source)
    if data.matter is None:
        raise BadInput("REFERRAL_MATTER", field="matter")
    person = await _person_of(call, data)
    today = requests.local_date(call.now, call.settings.timezone)
    phone = data.person_phone or person.phone
    if not phone:
        raise BadInput("REFERRAL_PHONE_MISSING", field="personPhone")
    id_number = data.person_id_number or person.id_number
    centre = await OrgUnit.get_or_none(id=data.org_unit_id)
    if centre is None or OrgUnitKind(centre.kind) is not OrgUnitKind.LEGAL_AID_CENTER:
        raise BadInput("CENTRE_REQUIRED", field="orgUnitId")
    async with in_transaction():
        referral = await LegalAidReferral.create(
            client_id=cid,
            source=source,
            source_id=data.source_id,
            referred_by_id=viewer.id,
            referred_at=call.now,
            org_unit_id=centre.id,
            person_account_id=person.account_id,
            person_name=proper_name(person.name, "personName", max_len=requests.NAME_MAX),
            person_phone=mobile_phone(phone, "personPhone"),
            person_id_number=(
                resident_id(id_number, "personIdNumber", today=today) if id_number else None
            ),
            matter=LegalAidMatter(data.matter),
            special_groups=sorted({str(SpecialGroup(g)) for g in data.special_groups}),
            description=text(data.description, "description", max_len=requests.DESCRIPTION_MAX),
            household_size=int_range(
                data.household_size, "householdSize", 1, requests.MAX_HOUSEHOLD
            ),
            monthly_household_income=money(data.monthly_household_income, "monthlyHouseholdIncome"),
            limitation_deadline=data.limitation_deadline,
            status=ReferralStatus.AWAITING_CONFIRMATION,
        )
        await _audit(call, "legal_aid_referral.create", referral)
        if source is ReferralSource.CONSULTATION:
            await _mark_referred(call, data.source_id, ReferralTarget.LEGAL_AID, centre.name, None)
        if person.account_id is not None:
            account = await User.get_or_none(id=person.account_id, is_active=True)
            if account is not None:
                # Names nobody: a supervised minor's identity is confidential
                # (社区矫正法 Art. 54) and a push shows on a lock screen.
                await notices.enqueue(
                    call,
                    [account],
                    "legal_aid.referral",
                    subject_type="LegalAidReferral",
                    subject_id=referral.id,
                    period="referred",
                    url=links.legal_aid_referral(referral.id),
                    params={},
                )
    return referral


async def referral_scope(call: Call) -> Q | None:
    """The person its own; the centre's staff those for the centre; whoever
    referred those it referred; a bureau's supervisors those of its centres."""
    viewer = scope.require_viewer(call)
    if viewer.role in PUBLIC:
        return Q(person_account_id=viewer.id)
    mine = Q(referred_by_id=viewer.id)
    if viewer.role is Role.LEGAL_AID_STAFF and viewer.org_unit_id is not None:
        return mine | Q(org_unit_id=viewer.org_unit_id)
    if viewer.role is Role.SUPERVISOR:
        ids = await scope.area_unit_ids(call, scope.Area.LEGAL_AID)
        return mine | Q(org_unit_id__in=ids) if ids else mine
    if viewer.role is Role.ADMIN:
        return None
    return mine


async def referral_in_scope(
    call: Call, referral_id: int, *, lock: bool = False
) -> LegalAidReferral:
    return await scope.one_in_scope(
        LegalAidReferral, await referral_scope(call), referral_id, "REFERRAL_NOT_FOUND", lock=lock
    )


async def _answerable(call: Call, referral_id: int) -> tuple[Viewer, LegalAidReferral, bool]:
    """The referral locked, if the viewer is its person or staff of its centre;
    whether the viewer is the person."""
    viewer = scope.require_role(call, PUBLIC | {Role.LEGAL_AID_STAFF})
    referral = await referral_in_scope(call, referral_id, lock=True)
    is_person = viewer.role in PUBLIC
    if not is_person and not scope.is_staff_of_centre(viewer, referral.org_unit_id):
        raise scope.not_found("REFERRAL_NOT_FOUND")
    if ReferralStatus(referral.status) is not ReferralStatus.AWAITING_CONFIRMATION:
        raise Conflict("REFERRAL_ANSWERED")
    return viewer, referral, is_person


async def confirm_referral(
    call: Call, referral_id: int, *, note: str | None = None
) -> LegalAidRequest:
    """The person confirms from their phone, or the centre's staff record the
    person's signed confirmation (the note says which paper): the request is
    submitted now, and its decision clock starts now (法律援助法 Art. 43)."""
    async with in_transaction():
        viewer, referral, is_person = await _answerable(call, referral_id)
        paper = None if is_person else text(note, "note", max_len=NOTE_MAX)
        request = await _submit_for_person(call, viewer, referral)
        if referral.person_account_id is not None and request.applicant_id is None:
            # The person's own account follows the request from here.
            request.applicant_id = referral.person_account_id
            await request.save(update_fields=["applicant_id"])
        referral.status = ReferralStatus.CONFIRMED
        referral.answered_at = call.now
        referral.answered_by_id = viewer.id
        referral.method = (
            ConfirmationMethod.IN_APP if is_person else ConfirmationMethod.SIGNED_PAPER
        )
        referral.note = paper
        referral.request_id = request.id
        await referral.save(
            update_fields=[
                "status",
                "answered_at",
                "answered_by_id",
                "method",
                "note",
                "request_id",
            ]
        )
        await _audit(call, "legal_aid_referral.confirm", referral)
    return request


async def _submit_for_person(
    call: Call, viewer: Viewer, referral: LegalAidReferral
) -> LegalAidRequest:
    """The request as the submission makes it (its checks, the hardship review
    on today's standard, its reference and decision deadline), filed by the
    confirming account: the person's own, or the staff member's."""
    return await requests._submit_request(
        call,
        viewer,
        referral.client_id,
        requests.RequestInput(
            client_id=referral.client_id,
            applicant_name=referral.person_name,
            applicant_phone=referral.person_phone,
            applicant_id_number=referral.person_id_number,
            matter=LegalAidMatter(referral.matter),
            special_groups=[SpecialGroup(g) for g in referral.special_groups],
            description=referral.description,
            household_size=referral.household_size,
            monthly_household_income=referral.monthly_household_income,
            org_unit_id=referral.org_unit_id,
            limitation_deadline=referral.limitation_deadline,
        ),
    )


async def decline_referral(call: Call, referral_id: int, note: str | None) -> LegalAidReferral:
    """The person declines (or staff record that they did): no request is made."""
    async with in_transaction():
        viewer, referral, is_person = await _answerable(call, referral_id)
        referral.status = ReferralStatus.DECLINED
        referral.answered_at = call.now
        referral.answered_by_id = viewer.id
        referral.method = (
            ConfirmationMethod.IN_APP if is_person else ConfirmationMethod.SIGNED_PAPER
        )
        referral.note = text(note, "note", max_len=NOTE_MAX) if note else None
        await referral.save(
            update_fields=["status", "answered_at", "answered_by_id", "method", "note"]
        )
        await _audit(call, "legal_aid_referral.decline", referral)
    return referral


async def list_referrals(
    call: Call,
    *,
    limit: int,
    after: paging.TimePosition | None,
    status: ReferralStatus | None,
) -> paging.Page[LegalAidReferral]:
    where = await referral_scope(call)
    if where is None:
        return paging.empty()
    query = LegalAidReferral.filter(where)
    if status is not None:
        query = query.filter(status=status)
    total = await query.count()
    if after is not None:
        query = query.filter(Q(referred_at__lt=after.at) | Q(referred_at=after.at, id__lt=after.id))
    rows = await query.order_by("-referred_at", "-id").limit(limit + 1)
    return paging.page_of(
        rows, limit, lambda r: paging.TimePosition(r.referred_at, r.id), total=total
    )


async def _audit(call: Call, action: str, referral: LegalAidReferral) -> None:
    await audit.record(
        call,
        action,
        target_type="LegalAidReferral",
        target_id=referral.id,
        summary={
            "source": referral.source,
            "sourceId": referral.source_id,
            "orgUnitId": referral.org_unit_id,
            "status": referral.status,
            "requestId": referral.request_id,
        },
    )


# ------------------------------------------------------------------ consultations passed on

# A consultation's category as a dispute's, for the prefilled dispute.
DISPUTE_CATEGORY: dict[ConsultationCategory, DisputeCategory] = {
    ConsultationCategory.MARRIAGE_FAMILY: DisputeCategory.FAMILY,
    ConsultationCategory.LABOR: DisputeCategory.LABOR,
    ConsultationCategory.LAND_PROPERTY: DisputeCategory.LAND,
    ConsultationCategory.CONTRACT_DEBT: DisputeCategory.CONTRACT,
    ConsultationCategory.PERSONAL_INJURY: DisputeCategory.DAMAGES,
    ConsultationCategory.TRAFFIC: DisputeCategory.TRAFFIC,
}
TITLE_WORDS = 30


async def _mark_referred(
    call: Call,
    consultation_id: int,
    target: ReferralTarget,
    body: str | None,
    dispute_id: int | None,
) -> Consultation:
    viewer = scope.require_viewer(call)
    row = await consultation_in_scope(call, consultation_id, lock=True)
    if not may_answer(viewer, row):
        raise scope.not_found("CONSULTATION_NOT_FOUND")
    if row.referred_at is not None:
        raise Conflict("CONSULTATION_REFERRED")
    row.referred_to = target
    row.referred_at = call.now
    row.referred_by_id = viewer.id
    row.referral_body = body
    row.referral_dispute_id = dispute_id
    await row.save(
        update_fields=[
            "referred_to",
            "referred_at",
            "referred_by_id",
            "referral_body",
            "referral_dispute_id",
        ]
    )
    await audit.record(
        call,
        "consultation.refer",
        target_type="Consultation",
        target_id=row.id,
        summary={"to": target, "body": body, "disputeId": dispute_id},
    )
    return row


async def refer_to_mediation(
    call: Call,
    consultation_id: int,
    *,
    client_id: str,
    org_unit_id: int,
    risk_level: RiskLevel = RiskLevel.LOW,
) -> tuple[Consultation, Dispute]:
    """A dispute registered for mediation from the consultation, the asker its
    applicant party and the question its description (人民调解法 Art. 17:
    mediation starts from a party who asks for it)."""
    scope.require_role(call, scope.MEDIATION_STAFF)
    async with in_transaction():
        row = await consultation_in_scope(call, consultation_id, lock=True)
        if not row.asker_name:
            raise BadInput("REFERRAL_NAME_MISSING", field="consultationId")
        question = row.question.strip()
        title = question[:TITLE_WORDS]
        dispute = await disputes.register_dispute(
            call,
            client_id=client_id,
            title=title,
            category=DISPUTE_CATEGORY.get(
                ConsultationCategory(row.category), DisputeCategory.OTHER
            ),
            description=question,
            risk_level=risk_level,
            parties=[
                disputes.PartyInput(
                    name=row.asker_name, role=PartyRole.APPLICANT, phone=row.asker_phone
                )
            ],
            org_unit_id=org_unit_id,
            mediator_id=None,
        )
        row = await _mark_referred(
            call, consultation_id, ReferralTarget.MEDIATION, None, dispute.id
        )
    return row, dispute


async def refer_to_other_body(call: Call, consultation_id: int, body: str) -> Consultation:
    """The asker sent to another body (a court, labour arbitration, ...), recorded."""
    scope.require_role(call, SOURCE_ROLES[ReferralSource.CONSULTATION])
    name = text(body, "body", max_len=BODY_MAX)
    async with in_transaction():
        return await _mark_referred(call, consultation_id, ReferralTarget.OTHER_BODY, name, None)
