"""The fixed SQL of the hot paths leans on two private Tortoise APIs; pin them.

`sql.models` builds instances with `Model._init_from_db` from rows it fetched
itself, and `audit.record` marks the entry it inserted by hand as stored with
`_saved_in_db`. Neither is public, so pyproject.toml keeps tortoise-orm below
its next minor, and this test checks both on a row of every registered model:
an upgrade that changes either fails here before it corrupts a read or a save.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from api.domain.common import audit, sql
from api.domain.common.call import Call
from api.domain.seeding import seed_demo
from api.models.accounts import OrgUnit, RecoveryCode, User
from api.models.audit import AuditEntry
from api.models.corrections import SupervisedPerson
from api.models.documents import Document
from api.models.enums import (
    AidBeforeReviewGround,
    AidProviderKind,
    ComplaintKind,
    DecidingBodyType,
    DocumentArea,
    LegalAidStatus,
    NoticeMethod,
    NoticeRecipient,
    NotifiedGround,
    NotifyingBody,
    ObjectionAgainst,
    ProgressKind,
    RevocationKind,
    RulingDecision,
    SupervisionStatus,
    TerminationGround,
    TerminationReason,
)
from api.models.intake import PendingIntake
from api.models.legal_aid import LegalAidRequest
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
from api.models.limits import RateLimitBucket, SignInSlot
from api.models.minors import MinorCaseStaff, MinorDetails
from api.models.notifications import PushSubscription
from api.models.search import SearchAction, SearchRecord
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
    person = await SupervisedPerson.all().order_by("id").first()
    assert person is not None
    await a_case_from_intake_to_its_end(person, user, now)
    await a_legal_aid_procedure(user, now)


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
