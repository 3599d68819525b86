"""The fixed SQL of the hot paths leans on two private Tortoise APIs; pin them.

`sql.models` builds instances with `Model._init_from_db` from rows it fetched
itself, and `audit.record` marks the entry it inserted by hand as stored with
`_saved_in_db`. Neither is public, so pyproject.toml keeps tortoise-orm below
its next minor, and this test checks both on a row of every registered model:
an upgrade that changes either fails here before it corrupts a read or a save.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from api.domain.common import audit, sql
from api.domain.common.call import Call
from api.domain.seeding import seed_demo
from api.models.accounts import OrgUnit, RecoveryCode, User
from api.models.agreements import (
    AgreementForm,
    AgreementSignature,
    AgreementTerm,
    ConfirmationStatus,
    MediationAgreement,
    SignatureMethod,
    SignerKind,
    StatusMatter,
)
from api.models.audit import AuditEntry
from api.models.consultations import (
    Consultation,
    ConsultationCategory,
    ConsultationChannel,
    ReferralTarget,
)
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.documents import Document
from api.models.education import (
    ActivityAttendance,
    CheckInWellbeing,
    EducationActivity,
    EducationHoursStandard,
    HelpRecord,
    ThoughtReport,
)
from api.models.enums import (
    ActivityKind,
    AidBeforeReviewGround,
    AidProviderKind,
    CheckInKind,
    ComplaintKind,
    ContactMethod,
    DecidingBodyType,
    DocumentArea,
    HelpKind,
    LegalAidMatter,
    LegalAidStatus,
    MonitoringGround,
    NoticeMethod,
    NoticeRecipient,
    NotifiedGround,
    NotifyingBody,
    ObjectionAgainst,
    ProgressKind,
    ResettlementHelpKind,
    ResettlementSource,
    ResettlementStatus,
    RevocationKind,
    RiskLevel,
    RulingDecision,
    SupervisionStatus,
    TerminationGround,
    TerminationReason,
)
from api.models.identity import CheckInPhoto, IntakePhoto
from api.models.intake import PendingIntake
from api.models.leave import (
    LeaveEvidence,
    LeaveKind,
    LeaveLevel,
    LeaveRequest,
    LeaveStandard,
    LeaveStatus,
)
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_closing import (
    CaseClosing,
    ClosingPeriodStandard,
    FileGrade,
    FileReview,
    ReturnCall,
    SubsidyCaseType,
    SubsidyStage,
    SubsidyStandard,
    SubsidyStatus,
)
from api.models.legal_aid_procedure import (
    AidBeforeReview,
    AidProvider,
    AidTermination,
    Complaint,
    MaterialsPhoto,
    MaterialsRequest,
    MaterialsSupply,
    NotifiedCase,
    Objection,
    ProgressEntry,
)
from api.models.legal_aid_referrals import (
    ConfirmationMethod,
    LegalAidReferral,
    ReferralSource,
    ReferralStatus,
)
from api.models.limits import RateLimitBucket, SignInSlot
from api.models.mediation import Dispute
from api.models.mediation_sources import (
    DeadlineExtension,
    DisputeRefusal,
    MediationFailure,
    MediationPeriodStandard,
    PoliceReport,
    ScreeningCampaign,
    ScreeningKind,
    ScreeningReport,
    ScreeningUnit,
)
from api.models.minors import MinorCaseStaff, MinorDetails
from api.models.monitoring import ElectronicMonitoring, MonitoringRenewal
from api.models.notifications import PushSubscription
from api.models.resettlement import (
    ResettlementActivationCode,
    ResettlementContact,
    ResettlementContactRequest,
    ResettlementHelp,
    ResettlementReception,
    ResettlementRecord,
    ResettlementStandard,
)
from api.models.sanctions import (
    Praise,
    Sanction,
    SanctionMeasure,
    SanctionStatus,
    Violation,
    ViolationKind,
)
from api.models.search import SearchAction, SearchRecord
from api.models.sms import PhoneCheck, SmsMessage
from api.models.statistics import MonthlyReport
from api.models.supervision import DistanceLimitStandard
from api.models.supervision_end import CourtRuling, EndNotice, RevocationProposal, SupervisionEnd
from api.settings import Settings


async def a_row_of_every_model(settings: Settings) -> None:
    """The demo data, and a row of each table it leaves empty."""
    now = datetime.now(UTC)
    await seed_demo(Call(settings=settings))
    user = await User.all().order_by("id").first()
    assert user is not None
    await SignInSlot.create(username=user.username, slot=0, taken_at=now)
    await RecoveryCode.create(user_id=user.id, code_hash="0" * 64)
    await RateLimitBucket.create(key="test:ip:203.0.113.7:1", count=3, expires_at=now)
    await PushSubscription.create(
        user_id=user.id,
        endpoint="https://push.example/send/1",
        endpoint_hash="1" * 64,
        p256dh="p" * 87,
        auth="a" * 22,
        expiration_time=now + timedelta(days=30),
        created_at=now,
    )
    text = await SmsMessage.create(
        recipient_id=user.id,
        purpose="notice",
        phone="13800138000",
        text="报到提醒：请按时报到。",
        local_day=now.date().isoformat(),
        created_at=now,
        not_before=now,
        next_attempt_at=now,
    )
    assert text.id
    await PhoneCheck.create(
        user_id=user.id,
        phone="13800138000",
        code_hash="3" * 64,
        created_at=now,
        expires_at=now + timedelta(minutes=10),
    )
    unit = await OrgUnit.all().order_by("id").first()
    assert unit is not None
    await Document.create(
        area=DocumentArea.CORRECTIONS,
        kind="TEST_NOTICE",
        org_unit_id=unit.id,
        year=2026,
        seq=1,
        number="测试〔2026〕第1号",
        title="测试",
        target_type="Test",
        target_id="1",
        issued_by_id=user.id,
        issued_at=now,
        pdf=b"%PDF-1.7",
        sha256="2" * 64,
    )
    dispute = await Dispute.all().order_by("id").first()
    assert dispute is not None
    agreement = await MediationAgreement.create(
        client_id="00000000-0000-4000-8000-00000000a001",
        dispute_id=dispute.id,
        form=AgreementForm.WRITTEN,
        status_matter=StatusMatter.MARRIAGE,
        parties=[{"name": "甲", "role": "APPLICANT", "phone": None, "address": None}],
        facts="院墙",
        responsibilities="各半",
        agreed_at=now,
        sealed_at=now,
        effective_at=now,
        effective_on=now.date(),
        confirmation_due_on=now.date(),
        recorded_by_id=user.id,
        recorded_at=now,
        confirmation_status=ConfirmationStatus.APPLIED,
        confirmation_court="青山县人民法院",
        confirmation_applied_on=now.date(),
    )
    await AgreementTerm.create(
        agreement_id=agreement.id,
        position=0,
        obligor="甲",
        content="拆墙",
        way="自行拆除",
        due_on=now.date(),
        performed_on=now.date(),
        performed_note="已拆",
        performed_by_id=user.id,
    )
    await AgreementSignature.create(
        client_id="00000000-0000-4000-8000-00000000a002",
        agreement_id=agreement.id,
        slot="party:0",
        signer_kind=SignerKind.PARTY,
        signer_name="甲",
        method=SignatureMethod.SIGNATURE,
        image=b"\x89PNG",
        image_type="image/png",
        signed_at=now,
        received_at=now,
        recorded_by_id=user.id,
    )
    person = await SupervisedPerson.all().order_by("id").first()
    assert person is not None
    await a_case_from_intake_to_its_end(person, user, now)
    await a_resettlement_case(person, user, now)
    await a_legal_aid_procedure(user, now)
    await a_leave_and_a_sanction(person, user, unit, now)
    await mediation_rows(user, unit, now)
    check_in = await CheckIn.all().order_by("id").first()
    assert check_in is not None
    await IntakePhoto.create(
        client_id=str(uuid.uuid4()),
        person_id=person.id,
        sealed=b"sealed",
        size_bytes=6,
        taken_at=now,
        recorded_at=now,
        recorded_by_id=user.id,
    )
    await CheckInPhoto.create(
        check_in_id=check_in.id,
        person_id=check_in.person_id,
        sealed=b"sealed",
        size_bytes=6,
        received_at=now,
    )
    await a_person_monitored_taught_and_helped(person, user, now)
    await DistanceLimitStandard.create(
        org_unit_id=unit.id, effective_from=now.date(), limit_meters=30_000, created_at=now
    )


async def mediation_rows(user: User, unit: OrgUnit, now: datetime) -> None:
    """A court deadline extended, a refusal, a failure, a report to the police,
    a unit's mediation period and a screening campaign with its report."""
    disputes = await Dispute.all().order_by("id").limit(2)
    assert len(disputes) == 2
    today = now.date()
    await DeadlineExtension.create(
        dispute_id=disputes[0].id,
        from_on=today,
        to_on=today + timedelta(days=10),
        note="双方同意延长",
        recorded_by_id=user.id,
        recorded_at=now,
    )
    await DisputeRefusal.create(
        client_id=str(uuid.uuid4()),
        dispute_id=disputes[0].id,
        party_name="李四",
        refused_at=now,
        recorded_by_id=user.id,
        received_at=now,
    )
    await MediationFailure.create(
        client_id=str(uuid.uuid4()),
        dispute_id=disputes[1].id,
        failed_at=now,
        routes_told=["COURT"],
        recorded_by_id=user.id,
        received_at=now,
    )
    await PoliceReport.create(
        client_id=str(uuid.uuid4()),
        dispute_id=disputes[0].id,
        reported_at=now,
        police_body="青山县公安局东关派出所",
        recorded_by_id=user.id,
        received_at=now,
    )
    await MediationPeriodStandard.create(
        org_unit_id=unit.id,
        effective_from=today,
        period_days=30,
        remind_after_days=25,
        set_by_id=user.id,
        created_at=now,
    )
    campaign = await ScreeningCampaign.create(
        title="春节前矛盾纠纷排查",
        kind=ScreeningKind.CONCENTRATED,
        focus="婚姻家庭、邻里纠纷",
        starts_on=today,
        ends_on=today + timedelta(days=14),
        report_due_on=today + timedelta(days=15),
        org_unit_id=unit.id,
        started_by_id=user.id,
        started_at=now,
    )
    await ScreeningUnit.create(campaign_id=campaign.id, org_unit_id=unit.id)
    await ScreeningReport.create(
        client_id=str(uuid.uuid4()),
        campaign_id=campaign.id,
        org_unit_id=unit.id,
        villages_covered=["东关村"],
        zero_report=True,
        filed_by_id=user.id,
        filed_at=now,
    )


async def a_resettlement_case(person: SupervisedPerson, user: User, now: datetime) -> None:
    """A resettlement record with every column filled, its reception, contact,
    help, account code and contact request, the unit's table of figures, and a
    submitted monthly report."""
    today = now.date()
    await ResettlementStandard.create(
        org_unit_id=person.org_unit_id,
        effective_from=date(2026, 1, 1),
        notice_days=30,
        no_show_days=7,
        high_risk_contact_days=30,
        set_by_id=user.id,
        created_at=now,
    )
    record = await ResettlementRecord.create(
        full_name=person.full_name,
        id_number=person.id_number,
        phone="13800000001",
        source=ResettlementSource.COMMUNITY_CORRECTION,
        supervised_person_id=person.id,
        prison="省第一监狱",
        offence="盗窃罪",
        prison_risk_assessment="风险较低",
        risk_grade=RiskLevel.HIGH,
        org_unit_id=person.org_unit_id,
        officer_id=user.id,
        account_id=user.id,
        notice_received_on=today,
        notice_days_ahead=30,
        notice_late=False,
        expected_release_on=today,
        released_on=today,
        assistance_ends_on=today + timedelta(days=1826),
        status=ResettlementStatus.IN_ASSISTANCE,
        received_on=today,
        not_arrived_on=today,
        lost_contact_due_at=now,
        lost_contact_alerted_at=now,
        next_contact_due_on=today,
        registered_at=now,
        registered_by_id=user.id,
    )
    await ResettlementReception.create(
        client_id="00000000-0000-4000-8000-000000000002",
        record_id=record.id,
        met=True,
        happened_on=today,
        met_by="司法所工作人员",
        place="监狱门口",
        picked_up=True,
        note="接回",
        recorded_by_id=user.id,
        recorded_at=now,
    )
    await ResettlementContact.create(
        client_id="00000000-0000-4000-8000-000000000003",
        record_id=record.id,
        contacted_on=today,
        method=ContactMethod.VISIT,
        note="走访",
        recorded_by_id=user.id,
        recorded_at=now,
    )
    await ResettlementHelp.create(
        client_id="00000000-0000-4000-8000-000000000004",
        record_id=record.id,
        kind=ResettlementHelpKind.EMPLOYMENT,
        given_on=today,
        description="介绍就业",
        recorded_by_id=user.id,
        recorded_at=now,
    )
    await ResettlementActivationCode.create(
        record_id=record.id,
        code_hash="4" * 64,
        requested_with_id=user.id,
        created_at=now,
        expires_at=now,
        used_at=now,
        voided_at=now,
    )
    await ResettlementContactRequest.create(
        client_id="00000000-0000-4000-8000-000000000005",
        record_id=record.id,
        message="请联系我",
        sent_by_id=user.id,
        sent_at=now,
    )
    await MonthlyReport.create(
        org_unit_id=person.org_unit_id,
        month="2026-01",
        version=1,
        figures={"rows": [], "total": {"resettlement.notices": 1}},
        sha256="3" * 64,
        reason="更正",
        submitted_by_id=user.id,
        submitted_at=now,
    )


async def a_legal_aid_procedure(user: User, now: datetime) -> None:
    """A row of each table of the legal-aid procedure, on a demo request."""
    request = await LegalAidRequest.all().order_by("id").first()
    assert request is not None
    await AidProvider.create(user_id=user.id, kind=AidProviderKind.LAWYER, updated_at=now)
    notice = await MaterialsRequest.create(
        request_id=request.id,
        items=["收入证明"],
        due_on=now.date(),
        requested_at=now,
        requested_by_id=user.id,
    )
    supply = await MaterialsSupply.create(
        client_id="00000000-0000-4000-8000-000000000017",
        request_id=request.id,
        materials_request_id=notice.id,
        supplied_at=now,
        supplied_by_id=user.id,
    )
    await MaterialsPhoto.create(
        supply_id=supply.id,
        content_type="image/png",
        data=b"\x89PNG",
        sha256="3" * 64,
        size_bytes=4,
    )
    await AidBeforeReview.create(
        request_id=request.id,
        ground=AidBeforeReviewGround.URGENT_PRESERVATION,
        note="保全",
        decided_at=now,
        decided_by_id=user.id,
    )
    await NotifiedCase.create(
        request_id=request.id,
        body_type=NotifyingBody.COURT,
        body_name="法院",
        body_reference="刑1号",
        ground=NotifiedGround.MINOR,
        received_at=now,
    )
    await AidTermination.create(
        request_id=request.id,
        ground=TerminationGround.CASE_ENDED,
        reason="撤销",
        previous_status=LegalAidStatus.ASSIGNED,
        decided_at=now,
        decided_by_id=user.id,
    )
    await Objection.create(
        client_id="00000000-0000-4000-8000-000000000018",
        request_id=request.id,
        centre_id=request.org_unit_id,
        bureau_id=request.org_unit_id,
        against=ObjectionAgainst.TERMINATION,
        reasons="异议",
        filed_at=now,
        filed_by_id=user.id,
        due_at=now,
    )
    await ProgressEntry.create(
        client_id="00000000-0000-4000-8000-000000000019",
        request_id=request.id,
        kind=ProgressKind.HEARING,
        happened_on=now.date(),
        hearing_at=now,
        note="开庭",
        recorded_at=now,
        recorded_by_id=user.id,
    )
    await Complaint.create(
        client_id="00000000-0000-4000-8000-000000000020",
        request_id=request.id,
        kind=ComplaintKind.COMPLAINT,
        reason="投诉",
        filed_at=now,
        filed_by_id=user.id,
    )


async def a_case_from_intake_to_its_end(
    person: SupervisedPerson, user: User, now: datetime
) -> None:
    """One person's intake, minor's details, 脱管 search, revocation and end: a
    row of each table the demo's cases (all under way) leave empty. Every
    nullable column the steps would fill is filled, so each type is read back
    (a termination issues no certificate: that one stays NULL)."""
    today = now.date()
    court = "青山县人民法院"
    await PendingIntake.create(
        person_id=person.id,
        org_unit_id=person.org_unit_id,
        deciding_body_type=DecidingBodyType.COURT,
        deciding_body=court,
        document_number="（2026）青刑初字第1号",
        effective_on=date(2026, 1, 5),
        decision_received_on=date(2026, 1, 6),
        report_due_on=date(2026, 1, 15),
        report_due_at=now,
        notice_due_on=date(2026, 1, 10),
        documents_due_on=date(2026, 1, 10),
        notified_at=now,
        documents_received_at=now,
        registered_at=now,
        registered_by_id=user.id,
        client_id="00000000-0000-4000-8000-000000000001",
        arrived_at=now,
        confirmed_at=now,
        confirmed_by_id=user.id,
        arrived_late=False,
        identity_checked=True,
        documents_checked=True,
        file_opened=True,
        announced_at=now,
        announcement_attendees=["司法所工作人员", "监护人"],
        announced_items=["判决内容", "矫正期限", "应遵守的规定"],
    )
    await MinorDetails.create(
        person_id=person.id,
        guardian_name="王芳",
        guardian_relation="母亲",
        guardian_phone="13800000000",
        school="青山县第一中学",
        updated_at=now,
    )
    await MinorCaseStaff.create(
        person_id=person.id, user_id=user.id, designated_by_id=user.id, designated_at=now
    )
    search = await SearchRecord.create(
        person_id=person.id,
        lost_contact_at=now - timedelta(days=3),
        lost_on=today - timedelta(days=3),
        opened_by_id=user.id,
        found_at=now,
        found_on=today,
        closed_by_id=user.id,
    )
    await SearchAction.create(
        record_id=search.id,
        done_at=now - timedelta(days=2),
        description="走访居住地，联系家属",
        police_notified=True,
        procuratorate_informed=True,
        done_by_id=user.id,
        recorded_at=now,
    )
    proposal = await RevocationProposal.create(
        person_id=person.id,
        kind=RevocationKind.REVOKE_PROBATION,
        facts="脱离监管超过一个月",
        deciding_body_type=DecidingBodyType.COURT,
        deciding_body=court,
        proposed_on=today,
        received_on=today,
        procuratorate_copied_on=today,
        proposed_by_id=user.id,
        created_at=now,
        decided=True,
    )
    ruling = await CourtRuling.create(
        person_id=person.id,
        proposal_id=proposal.id,
        kind=RevocationKind.REVOKE_PROBATION,
        decision=RulingDecision.REVOKE,
        deciding_body_type=DecidingBodyType.COURT,
        deciding_body=court,
        document_number="（2026）青刑执字第1号",
        decided_on=today,
        overdue=False,
        note="撤销缓刑",
        recorded_by_id=user.id,
        recorded_at=now,
    )
    end = await SupervisionEnd.create(
        person_id=person.id,
        outcome=SupervisionStatus.TERMINATED,
        termination_reason=TerminationReason.REVOCATION,
        ground_document=ruling.document_number,
        ended_on=today,
        ruling_id=ruling.id,
        note="裁定撤销缓刑，终止社区矫正",
        recorded_by_id=user.id,
        recorded_at=now,
    )
    await EndNotice.create(
        end_id=end.id,
        recipient=NoticeRecipient.PROCURATORATE,
        recipient_name="青山县人民检察院",
        sent_on=today,
        method=NoticeMethod.DELIVERED,
    )
    await legal_aid_rows(user, now)


async def legal_aid_rows(user: User, now: datetime) -> None:
    """A consultation referred to legal aid, confirmed, ended, paid and checked."""
    request = await LegalAidRequest.all().order_by("id").first()
    assert request is not None  # the demo has requests
    today = now.date()
    consultation = await Consultation.create(
        client_id="00000000-0000-4000-8000-00000000c001",
        channel=ConsultationChannel.PHONE,
        category=ConsultationCategory.LABOR,
        org_unit_id=request.org_unit_id,
        asker_id=user.id,
        asker_name="王五",
        asker_phone="13900139001",
        question="拖欠工资怎么办？",
        recorded_by_id=user.id,
        asked_at=now,
        received_at=now,
        answer="可以申请法律援助。",
        answered_by_id=user.id,
        answered_at=now,
        referred_to=ReferralTarget.LEGAL_AID,
        referred_at=now,
        referred_by_id=user.id,
        referral_body="青山县法律援助中心",
    )
    await LegalAidReferral.create(
        client_id="00000000-0000-4000-8000-00000000c002",
        source=ReferralSource.CONSULTATION,
        source_id=consultation.id,
        referred_by_id=user.id,
        referred_at=now,
        org_unit_id=request.org_unit_id,
        person_account_id=user.id,
        person_name="王五",
        person_phone="13900139001",
        person_id_number="11010519491231002X",
        matter=LegalAidMatter.WAGE_ARREARS,
        special_groups=["MIGRANT_WORKER"],
        description="拖欠工资",
        household_size=2,
        monthly_household_income="1200.00",
        limitation_deadline=today,
        status=ReferralStatus.CONFIRMED,
        answered_at=now,
        answered_by_id=user.id,
        method=ConfirmationMethod.IN_APP,
        note="本人确认",
        request_id=request.id,
    )
    table = await SubsidyStandard.create(
        org_unit_id=request.org_unit_id,
        effective_from=today,
        amounts={"CIVIL:FIRST_INSTANCE": "2000.00"},
        set_by_id=user.id,
        created_at=now,
    )
    await ClosingPeriodStandard.create(
        org_unit_id=request.org_unit_id,
        effective_from=today,
        days=30,
        set_by_id=user.id,
        created_at=now,
    )
    await CaseClosing.create(
        request_id=request.id,
        org_unit_id=request.org_unit_id,
        assignee_id=user.id,
        ended_on=today,
        end_note="一审判决生效",
        end_recorded_by_id=user.id,
        end_recorded_at=now,
        materials_due_on=today + timedelta(days=30),
        materials_submitted_at=now,
        materials_submitted_on=today,
        materials_late=False,
        materials_note="判决书副本",
        materials_by_id=user.id,
        subsidy_status=SubsidyStatus.PAID,
        subsidy_case_type=SubsidyCaseType.CIVIL,
        subsidy_stage=SubsidyStage.FIRST_INSTANCE,
        subsidy_amount="2000.00",
        subsidy_standard_id=table.id,
        subsidy_table_from=today,
        subsidy_computed_at=now,
        subsidy_approved_by_id=user.id,
        subsidy_approved_at=now,
        subsidy_paid_by_id=user.id,
        subsidy_paid_at=now,
        subsidy_payment_reference="财付-1",
    )
    await ReturnCall.create(
        request_id=request.id,
        org_unit_id=request.org_unit_id,
        assignee_id=user.id,
        called_at=now,
        called_by_id=user.id,
        reached=True,
        satisfaction=5,
        note="满意",
    )
    await FileReview.create(
        request_id=request.id,
        org_unit_id=request.org_unit_id,
        assignee_id=user.id,
        reviewed_at=now,
        reviewed_by_id=user.id,
        grade=FileGrade.GOOD,
        note="完整",
    )


async def a_person_monitored_taught_and_helped(
    person: SupervisedPerson, user: User, now: datetime
) -> None:
    """Electronic positioning renewed and ended, a session attended, help, a
    monthly report answered, a check-in's answers acknowledged: every
    nullable column filled."""
    today = now.date()
    monitoring = await ElectronicMonitoring.create(
        person_id=person.id,
        ground=MonitoringGround.PROHIBITION_ORDER_BREACH,
        facts="违反禁止令进入娱乐场所",
        approved_by_id=user.id,
        approved_on=today - timedelta(days=60),
        approval_document="青司电定〔2026〕1号",
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=30),
        recorded_by_id=user.id,
        recorded_at=now,
        ended_on=today,
        end_reason="不需要继续使用",
        ended_by_id=user.id,
    )
    await MonitoringRenewal.create(
        monitoring_id=monitoring.id,
        previous_ends_on=today,
        ends_on=today + timedelta(days=30),
        assessment="评估认为仍有必要",
        approved_by_id=user.id,
        approved_on=today,
        approval_document="青司电定〔2026〕2号",
        recorded_by_id=user.id,
        recorded_at=now,
    )
    activity = await EducationActivity.create(
        client_id="00000000-0000-4000-8000-000000000002",
        org_unit_id=person.org_unit_id,
        kind=ActivityKind.PUBLIC_SERVICE,
        title="社区公益劳动",
        held_on=today,
        hours=Decimal("2.5"),
        for_minors=False,
        recorded_by_id=user.id,
        recorded_at=now,
    )
    await ActivityAttendance.create(
        activity_id=activity.id,
        person_id=person.id,
        held_on=today,
        attended=True,
        hours=Decimal("2.0"),
        recorded_by_id=user.id,
        recorded_at=now,
    )
    await EducationHoursStandard.create(
        org_unit_id=person.org_unit_id,
        effective_from=today,
        monthly_hours=Decimal("8.0"),
        set_by_id=user.id,
        created_at=now,
    )
    await HelpRecord.create(
        person_id=person.id,
        kind=HelpKind.EMPLOYMENT,
        helped_on=today,
        helper="东关镇劳动保障所",
        description="职业技能培训",
        outcome="取得证书",
        recorded_by_id=user.id,
        recorded_at=now,
    )
    await ThoughtReport.create(
        client_id="00000000-0000-4000-8000-000000000003",
        person_id=person.id,
        month="2026-01",
        body="本月思想汇报",
        captured_at=now,
        received_at=now,
        submitted_by_id=user.id,
        reply="收到",
        replied_by_id=user.id,
        replied_at=now,
    )
    check_in = await CheckIn.create(
        client_id="00000000-0000-4000-8000-000000000004",
        person_id=person.id,
        kind=CheckInKind.SELF_REPORT,
        captured_at=now,
        received_at=now,
        late=False,
        recorded_by_id=user.id,
    )
    await CheckInWellbeing.create(
        check_in_id=check_in.id,
        person_id=person.id,
        mood=2,
        changes="ADDRESS,JOB",
        change_details="搬到县城",
        message="想请假",
        needs_attention=True,
        captured_at=now,
        acknowledged_by_id=user.id,
        acknowledged_at=now,
    )


async def a_leave_and_a_sanction(
    person: SupervisedPerson, user: User, unit: OrgUnit, now: datetime
) -> None:
    """A leave decided and returned from late, its evidence, the unit's leave
    figures, the violation, the sanction decided with its written decision and
    the revocation it handed on, and a praise: every nullable column filled."""
    today = now.date()
    leave = await LeaveRequest.create(
        client_id="00000000-0000-4000-8000-000000000002",
        person_id=person.id,
        kind=LeaveKind.LEAVE,
        starts_on=today - timedelta(days=9),
        ends_on=today - timedelta(days=3),
        destination="广州市",
        reason="就医",
        days=7,
        window_days=7,
        level=LeaveLevel.OFFICE,
        status=LeaveStatus.RETURNED,
        captured_at=now,
        requested_by_id=user.id,
        requested_at=now,
        decided_by_id=user.id,
        decided_at=now,
        decision_note="同意",
        approving_body="上级社区矫正机构",
        returned_at=now,
        returned_on=today,
        return_late=True,
    )
    await LeaveEvidence.create(leave_id=leave.id, content_type="image/png", data=b"\x89PNG")
    await LeaveStandard.create(
        org_unit_id=unit.id,
        effective_from=today,
        office_entrusted=True,
        office_max_days=7,
        approval_max_days=30,
        window_months=2,
        window_max_days=30,
        set_by_id=user.id,
        created_at=now,
    )
    document = await Document.all().order_by("id").first()
    proposal = await RevocationProposal.all().order_by("id").first()
    search = await SearchRecord.all().order_by("id").first()
    assert document is not None and proposal is not None and search is not None
    sanction = await Sanction.create(
        person_id=person.id,
        measure=SanctionMeasure.WARNING,
        suggested_measure=SanctionMeasure.ADMONITION,
        override_reason="情节较重",
        facts="逾期返回",
        status=SanctionStatus.APPROVED,
        proposed_by_id=user.id,
        proposed_at=now,
        decided_by_id=user.id,
        decided_at=now,
        decided_on=today,
        decision_note="同意",
        document_id=document.id,
        revocation_proposal_id=proposal.id,
    )
    await Violation.create(
        person_id=person.id,
        kind=ViolationKind.LATE_RETURN,
        occurred_on=today - timedelta(days=2),
        facts="逾期返回",
        days=3,
        leave_id=leave.id,
        search_record_id=search.id,
        source_key=f"late_return:{leave.id}",
        recorded_by_id=user.id,
        recorded_at=now,
        suggested_measure=SanctionMeasure.ADMONITION,
        suggestion_basis="ART34_2",
        sanction_id=sanction.id,
    )
    await Praise.create(
        person_id=person.id,
        praised_on=today,
        facts="见义勇为",
        recorded_by_id=user.id,
        recorded_at=now,
    )


def models() -> list[type[Model]]:
    return [m for app in Tortoise.apps.values() for m in app.values()]


def state(row: Model) -> tuple[Any, ...]:
    """What an instance holds: its type, whether it counts as stored, every field."""
    values = {name: getattr(row, name) for name in row._meta.fields_db_projection}
    return type(row), row._saved_in_db, row._partial, values


async def test_init_from_db_builds_what_the_orm_builds_for_every_model(db: Settings) -> None:
    await a_row_of_every_model(db)
    for model in models():
        pk = model._meta.db_pk_column
        orm = await model.all().order_by(model._meta.pk_attr)
        assert orm, f"{model.__name__} has no row: add one to a_row_of_every_model"
        text = f'{sql.select_all(model)} ORDER BY "{pk}"'
        fixed = await sql.models(model, text, [])
        assert [state(r) for r in fixed] == [state(r) for r in orm], model.__name__
        assert all(r._saved_in_db for r in fixed), model.__name__


async def test_saved_in_db_makes_an_instance_a_stored_one_for_every_model(db: Settings) -> None:
    await a_row_of_every_model(db)
    for model in models():
        stored = await model.all().order_by(model._meta.pk_attr).first()
        assert stored is not None, model.__name__
        values = {name: getattr(stored, name) for name in model._meta.fields_db_projection}
        built = model(**values)
        assert built._saved_in_db is False, model.__name__
        built._saved_in_db = True
        # Stored: saving it updates its row rather than inserting a duplicate.
        count = await model.all().count()
        if model is Document:
            # Its trigger refuses an UPDATE, and only an UPDATE: refused, so
            # the save was one.
            with pytest.raises(IntegrityError, match="never changes"):
                await built.save()
        else:
            await built.save()
        assert await model.all().count() == count, model.__name__
        assert state(await model.get(pk=stored.pk)) == state(stored), model.__name__


async def test_the_entry_audit_inserts_by_hand_is_the_stored_one(db: Settings) -> None:
    await seed_demo(Call(settings=db))
    entry = await audit.record(Call(settings=db), "test.entry", summary={"n": 1})
    assert state(entry) == state(await AuditEntry.get(id=entry.id))
