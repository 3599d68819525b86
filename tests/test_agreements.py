"""Mediation agreements: the effective day (人民调解法 Art. 29-30), judicial
confirmation (Art. 33 and the 2011 规定), performance and return visits (Art.
31), the PDF, scope and the list's statements."""

from __future__ import annotations

import base64
import io
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.mediation import agreements, confirmation, disputes, performance, visits
from api.models.agreements import (
    AgreementForm,
    AgreementSignature,
    ConfirmationStatus,
    ConfirmationStep,
    MediationAgreement,
    SignatureMethod,
    SignerKind,
    StatusMatter,
)
from api.models.audit import AuditEntry
from api.models.documents import Document
from api.models.enums import DisputeCategory, DisputeStatus, PartyRole, RiskLevel, VisitOutcome
from api.models.mediation import Dispute
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.push_helpers import Clock, utc
from workers.scheduler import Scheduler

T0 = utc(2026, 3, 2, 2, 0)  # 10:00 in Shanghai, 2 March
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def new_id() -> str:
    return str(uuid.uuid4())


def at(world: World, who: str, now: datetime) -> Call:
    return Call(settings=world.settings, viewer=world.call(who).viewer, now=now)


def png(width: int = 40, height: int = 20, kind: str = "PNG") -> str:
    picture = Image.new("L", (width, height), 255)
    picture.putpixel((3, 3), 0)
    out = io.BytesIO()
    picture.save(out, format=kind)
    return base64.b64encode(out.getvalue()).decode()


async def a_dispute(world: World, when: datetime = T0, unit: str = "committee_a") -> Dispute:
    who = "mediator_a" if unit == "committee_a" else "mediator_x"
    return await disputes.register_dispute(
        at(world, who, when - DAY),
        client_id=new_id(),
        title="宅基地边界",
        category=DisputeCategory.LAND,
        description="两户宅基地边界争议",
        risk_level=RiskLevel.LOW,
        parties=[
            disputes.PartyInput("张大山", PartyRole.APPLICANT),
            disputes.PartyInput("李二河", PartyRole.RESPONDENT),
        ],
        org_unit_id=world.units[unit].id,
        mediator_id=None,
    )


async def an_agreement(
    world: World,
    dispute: Dispute | None = None,
    *,
    when: datetime = T0,
    form: AgreementForm = AgreementForm.WRITTEN,
    matter: StatusMatter | None = None,
    due_on: date | None = None,
    who: str = "mediator_a",
) -> MediationAgreement:
    """Two terms, due 18 days after `when` unless `due_on` says (20 March for T0)."""
    dispute = dispute or await a_dispute(world, when)
    due_on = due_on or when.astimezone(SHANGHAI).date() + 18 * DAY
    return await agreements.record_agreement(
        at(world, who, when),
        client_id=new_id(),
        dispute_id=dispute.id,
        form=form,
        status_matter=matter,
        parties=[
            agreements.AgreementPartyInput("张大山", PartyRole.APPLICANT, "13800138001", "东关村"),
            agreements.AgreementPartyInput("李二河", PartyRole.RESPONDENT),
        ],
        facts="两户因宅基地边界发生争执。",
        responsibilities="李二河越界砌墙，负主要责任。",
        terms=[
            agreements.TermInput("李二河", "拆除越界围墙", "自行拆除", due_on),
            agreements.TermInput("张大山", "支付拆除费用人民币五百元", "现金", due_on),
        ],
        agreed_at=when,
    )


async def sign(
    world: World,
    agreement: MediationAgreement,
    when: datetime,
    index: int | None,
    *,
    method: SignatureMethod = SignatureMethod.SIGNATURE,
    image: str | None = None,
    client_id: str | None = None,
    who: str = "mediator_a",
) -> AgreementSignature:
    return await agreements.sign_agreement(
        at(world, who, when),
        client_id=client_id or new_id(),
        agreement_client_id=agreement.client_id,
        signer=SignerKind.PARTY if index is not None else SignerKind.MEDIATOR,
        party_index=index,
        method=method,
        image=image or png(),
        signed_at=when,
    )


async def in_effect(
    world: World, when: datetime = T0, **kwargs: Any
) -> tuple[MediationAgreement, Dispute]:
    """A written agreement signed by all and sealed on the day of `when`."""
    agreement = await an_agreement(world, when=when, **kwargs)
    await sign(world, agreement, when, 0)
    await sign(world, agreement, when, 1)
    await sign(world, agreement, when, None)
    await agreements.seal_agreement(at(world, "mediator_a", when), agreement.id, when)
    row = await MediationAgreement.get(id=agreement.id)
    return row, await Dispute.get(id=row.dispute_id)


# ------------------------------------------------------------------ the effective day


async def test_written_agreement_takes_effect_on_the_last_signature(world: World) -> None:
    """人民调解法 Art. 29: every party, the mediator and the seal; the day of
    whichever came last, whatever order they reach the server in."""
    agreement = await an_agreement(world)
    now = T0 + 6 * DAY
    # Made on 2, 3 and 7 March (a party came back days later), sent together.
    await sign(world, agreement, T0 + 5 * DAY, 1)  # the last party, 7 March
    await sign(world, agreement, T0, 0)  # the first, 2 March
    await agreements.seal_agreement(at(world, "mediator_a", now), agreement.id, T0 + DAY)
    stored = await MediationAgreement.get(id=agreement.id)
    assert stored.effective_at is None  # the mediator has not signed
    assert (await Dispute.get(id=agreement.dispute_id)).status == DisputeStatus.OPEN
    await agreements.sign_agreement(
        at(world, "mediator_a", now),
        client_id=new_id(),
        agreement_client_id=agreement.client_id,
        signer=SignerKind.MEDIATOR,
        party_index=None,
        method=SignatureMethod.SIGNATURE,
        image=png(),
        signed_at=T0 + 2 * DAY,
    )
    stored = await MediationAgreement.get(id=agreement.id)
    assert stored.effective_at == T0 + 5 * DAY
    assert stored.effective_on == date(2026, 3, 7)  # not the 2nd: the last, not the first
    # Art. 33: the 30th day after the day it took effect is the last to apply.
    assert stored.confirmation_due_on == date(2026, 4, 6)
    dispute = await Dispute.get(id=agreement.dispute_id)
    assert dispute.status == DisputeStatus.RESOLVED
    assert dispute.resolved_at == T0 + 5 * DAY
    assert dispute.judicial_confirmation_due_at is not None
    assert dispute.judicial_confirmation_due_at.astimezone(SHANGHAI).date() == date(2026, 4, 6)
    [opened] = await Notification.filter(kind="dispute.confirmation_deadline")
    assert opened.recipient_id == world.users["mediator_a"].id
    assert "2026-04-06" in opened.body
    assert await AuditEntry.filter(action="agreement.effective").count() == 1


async def test_the_seal_last_decides_the_day(world: World) -> None:
    agreement = await an_agreement(world)
    for index in (0, 1, None):
        await sign(world, agreement, T0 + HOUR, index)
    assert (await MediationAgreement.get(id=agreement.id)).effective_at is None
    sealed = T0 + 3 * DAY
    await agreements.seal_agreement(at(world, "mediator_a", sealed), agreement.id, sealed)
    assert (await MediationAgreement.get(id=agreement.id)).effective_on == date(2026, 3, 5)
    # The outbox sends the seal again: the same answer, no second effect.
    await agreements.seal_agreement(at(world, "mediator_a", sealed), agreement.id, sealed)
    with pytest.raises(Conflict):
        await agreements.seal_agreement(at(world, "mediator_a", sealed), agreement.id, T0)
    assert await AuditEntry.filter(action="agreement.effective").count() == 1


async def test_oral_agreement_takes_effect_when_agreed(world: World) -> None:
    """人民调解法 Art. 30; and it has nobody's signature to wait for."""
    agreement = await an_agreement(world, form=AgreementForm.ORAL)
    assert agreement.effective_at == T0 and agreement.effective_on == date(2026, 3, 2)
    assert agreement.confirmation_due_on == date(2026, 4, 1)
    assert agreement.document_id is None  # no 协议书 for an oral agreement
    with pytest.raises(Conflict) as refused:
        await sign(world, agreement, T0 + HOUR, 0)
    assert refused.value.reason == "AGREEMENT_ORAL_UNSIGNED"


async def test_signatures_offline_once_and_checked(world: World) -> None:
    agreement = await an_agreement(world)
    cid = new_id()
    first = await sign(world, agreement, T0 + HOUR, 0, client_id=cid)
    again = await sign(world, agreement, T0 + HOUR, 0, client_id=cid)
    assert again.id == first.id
    with pytest.raises(Conflict):  # party 0 again, another clientId
        await sign(world, agreement, T0 + HOUR, 0)
    # A fingerprint photo may be a JPEG; a drawn signature only a PNG.
    await sign(
        world, agreement, T0 + HOUR, 1, method=SignatureMethod.FINGERPRINT, image=png(kind="JPEG")
    )
    for bad in (png(kind="JPEG"), "not base64!", base64.b64encode(b"GIF89a....").decode()):
        with pytest.raises(BadInput):
            await sign(world, agreement, T0 + HOUR, None, image=bad)
    with pytest.raises(BadInput):  # too large a picture
        await sign(world, agreement, T0 + HOUR, None, image=png(3000, 10))
    with pytest.raises(BadInput):  # before the agreement was reached
        await sign(world, agreement, T0 - HOUR, None)
    with pytest.raises(BadInput):  # no such party
        await sign(world, agreement, T0 + HOUR, 2)
    assert await AgreementSignature.filter(agreement_id=agreement.id).count() == 2
    assert await AuditEntry.filter(action="agreement.sign").count() == 2


async def test_a_closed_file_takes_no_signature_and_is_not_reopened(world: World) -> None:
    agreement = await an_agreement(world)
    await sign(world, agreement, T0 + HOUR, 0)
    await Dispute.filter(id=agreement.dispute_id).update(status=DisputeStatus.CLOSED)
    with pytest.raises(Conflict) as refused:
        await sign(world, agreement, T0 + HOUR, 1)
    assert refused.value.reason == "DISPUTE_CLOSED"
    with pytest.raises(Conflict):
        await agreements.seal_agreement(at(world, "mediator_a", T0 + HOUR), agreement.id, T0)
    assert (await Dispute.get(id=agreement.dispute_id)).status == DisputeStatus.CLOSED
    assert await AgreementSignature.filter(agreement_id=agreement.id).count() == 1


async def test_recording_refuses_bad_agreements(world: World) -> None:
    dispute = await a_dispute(world)
    with pytest.raises(BadInput) as refused:
        await an_agreement(world, dispute, due_on=date(2026, 3, 1))  # before 2 March
    assert refused.value.reason == "TERM_DUE_BEFORE_AGREEMENT"
    await an_agreement(world, dispute)
    with pytest.raises(Conflict):
        await an_agreement(world, dispute)
    closed = await a_dispute(world)
    await Dispute.filter(id=closed.id).update(status=DisputeStatus.CLOSED)
    with pytest.raises(Conflict):
        await an_agreement(world, closed)
    assert await MediationAgreement.all().count() == 1


async def test_the_agreement_pdf_one_copy_per_party_and_the_file(world: World) -> None:
    agreement, _ = await in_effect(world)
    document = await Document.get(id=agreement.document_id)
    assert document.target_type == "MediationAgreement"
    assert document.number.endswith("调协字〔2026〕第1号")
    assert document.pdf.startswith(b"%PDF")
    # Two parties and the committee: three copies of a one-page agreement at least.
    assert document.pdf.count(b"/Type /Page\n") + document.pdf.count(b"/Type /Page>") >= 3
    content = agreements.agreement_content(
        agreement,
        await agreement.terms.all().order_by("position"),
        await agreement.signatures.all(),
        world.units["committee_a"],
        world.call("mediator_a"),
    )
    assert list(content.copies) == ["张大山执", "李二河执", "存档"]
    assert any("拆除越界围墙" in p for p in content.paragraphs)
    assert "当事人：张大山（签名）" in content.signatures


# ------------------------------------------------------------------ judicial confirmation


async def apply(world: World, agreement: MediationAgreement, day: date, **kw: Any) -> Any:
    now = datetime.combine(day, datetime.min.time(), SHANGHAI) + 10 * HOUR
    return await confirmation.record_confirmation(
        at(world, "mediator_a", now),
        agreement.id,
        step=kw.pop("step", ConfirmationStep.APPLIED),
        on=day,
        court=kw.pop("court", "青山县人民法院"),
        joint_application=kw.pop("joint", True),
        **kw,
    )


async def test_application_on_day_30_not_31(world: World) -> None:
    """人民调解法 Art. 33: within 30 days of the day it took effect (2 March)."""
    late, _ = await in_effect(world)
    on_time, _ = await in_effect(world)
    with pytest.raises(Conflict) as refused:
        await apply(world, late, date(2026, 4, 2))  # day 31
    assert refused.value.reason == "CONFIRMATION_PERIOD_OVER"
    assert (await MediationAgreement.get(id=late.id)).confirmation_status is None
    with pytest.raises(BadInput):  # one party alone cannot apply
        await apply(world, on_time, date(2026, 4, 1), joint=False)
    applied = await apply(world, on_time, date(2026, 4, 1))  # day 30
    assert applied.confirmation_status == ConfirmationStatus.APPLIED
    assert applied.confirmation_court == "青山县人民法院"


async def test_court_accepts_within_3_days_and_rules_within_15_or_25(world: World) -> None:
    """2011 规定 Art. 3 (3 days to decide on acceptance) and Art. 5 (15 days
    to rule, extended by 10 with the president's approval)."""
    agreement, _ = await in_effect(world)
    applied_on = date(2026, 3, 10)
    await apply(world, agreement, applied_on)
    row = await MediationAgreement.get(id=agreement.id)
    marks = confirmation.court_deadlines(row, date(2026, 3, 13))
    assert marks.acceptance_due_on == date(2026, 3, 13) and not marks.acceptance_late
    assert confirmation.court_deadlines(row, date(2026, 3, 14)).acceptance_late
    with pytest.raises(Conflict):  # a ruling before it is accepted
        await apply(world, agreement, date(2026, 3, 12), step=ConfirmationStep.CONFIRMED)
    await apply(world, agreement, date(2026, 3, 13), step=ConfirmationStep.ACCEPTED)
    row = await MediationAgreement.get(id=agreement.id)
    assert not confirmation.court_deadlines(row, date(2026, 4, 30)).acceptance_late  # day 3
    assert confirmation.court_deadlines(row, date(2026, 3, 28)).ruling_due_on == date(2026, 3, 28)
    assert not confirmation.court_deadlines(row, date(2026, 3, 28)).ruling_late  # day 15
    assert confirmation.court_deadlines(row, date(2026, 3, 29)).ruling_late  # day 16
    await confirmation.record_confirmation(
        at(world, "mediator_a", T0 + 20 * DAY),
        agreement.id,
        step=ConfirmationStep.EXTENDED,
        on=None,
    )
    row = await MediationAgreement.get(id=agreement.id)
    assert confirmation.court_deadlines(row, date(2026, 4, 7)).ruling_due_on == date(2026, 4, 7)
    assert not confirmation.court_deadlines(row, date(2026, 4, 7)).ruling_late  # day 25
    assert confirmation.court_deadlines(row, date(2026, 4, 8)).ruling_late  # day 26
    with pytest.raises(Conflict):  # extended once only
        await confirmation.record_confirmation(
            at(world, "mediator_a", T0 + 20 * DAY),
            agreement.id,
            step=ConfirmationStep.EXTENDED,
            on=None,
        )
    await apply(world, agreement, date(2026, 4, 7), step=ConfirmationStep.CONFIRMED)
    row = await MediationAgreement.get(id=agreement.id)
    assert row.confirmation_status == ConfirmationStatus.CONFIRMED
    assert not confirmation.court_deadlines(row, date(2026, 6, 1)).ruling_late


async def test_accepted_late_shows_late(world: World) -> None:
    agreement, _ = await in_effect(world)
    await apply(world, agreement, date(2026, 3, 10))
    await apply(world, agreement, date(2026, 3, 14), step=ConfirmationStep.NOT_ACCEPTED)
    row = await MediationAgreement.get(id=agreement.id)
    marks = confirmation.court_deadlines(row, date(2026, 3, 14))
    assert marks.acceptance_late and marks.ruling_due_on is None


# ------------------------------------------------------------------ the reminders


def scheduler_at(world: World, day: date) -> tuple[Scheduler, Clock]:
    clock = Clock(datetime.combine(day, datetime.min.time(), SHANGHAI) + 9 * HOUR)
    return Scheduler(world.settings, clock), clock


async def test_confirmation_reminder_from_the_effective_day(world: World) -> None:
    """Five days before the last day (1 April, for an agreement in effect on
    2 March), once; and still on day 30 when nothing reminded it before,
    never on day 31."""
    await in_effect(world)
    scheduler, clock = scheduler_at(world, date(2026, 3, 26))
    assert (await scheduler.tick())["confirmation_deadlines"] == 0
    clock.now += DAY  # 27 March: five days before 1 April
    assert (await scheduler.tick())["confirmation_deadlines"] == 1
    for _ in range(5):
        clock.now += DAY
        assert (await scheduler.tick())["confirmation_deadlines"] == 0
    late, _ = await in_effect(world)
    scheduler, clock = scheduler_at(world, date(2026, 4, 2))  # day 31
    await Notification.filter(kind="dispute.confirmation_deadline").delete()
    assert (await scheduler.tick())["confirmation_deadlines"] == 0
    scheduler, clock = scheduler_at(world, date(2026, 4, 1))  # day 30
    assert (await scheduler.tick())["confirmation_deadlines"] == 2
    [notice, _] = await Notification.filter(kind="dispute.confirmation_deadline")
    assert notice.body == "纠纷「宅基地边界」的司法确认申请期限为 2026-04-01。"
    await apply(world, late, date(2026, 3, 20))
    await Notification.all().delete()
    assert (await scheduler.tick())["confirmation_deadlines"] == 1  # applied: no longer


async def test_marriage_agreement_gets_no_confirmation_reminder(world: World) -> None:
    """2011 规定 Art. 4: no court confirms a marriage, so no deadline runs."""
    agreement, dispute = await in_effect(world, matter=StatusMatter.MARRIAGE)
    assert agreement.effective_on == date(2026, 3, 2)
    assert agreement.confirmation_due_on is None
    assert dispute.judicial_confirmation_due_at is None
    scheduler, clock = scheduler_at(world, date(2026, 3, 2))
    for _ in range(32):
        assert (await scheduler.tick())["confirmation_deadlines"] == 0
        clock.now += DAY
    assert not await Notification.exists(kind="dispute.confirmation_deadline")
    with pytest.raises(Conflict) as refused:
        await apply(world, agreement, date(2026, 3, 3))
    assert refused.value.reason == "CONFIRMATION_STATUS_MATTER"


async def test_closed_dispute_gets_no_reminders(world: World) -> None:
    _, dispute = await in_effect(world)
    await Dispute.filter(id=dispute.id).update(status=DisputeStatus.CLOSED)
    # 27 March: the confirmation window closes in five days, and the terms
    # fell due on 20 March; an open dispute would be reminded of both.
    scheduler, _ = scheduler_at(world, date(2026, 3, 27))
    counts = await scheduler.tick()
    assert counts["confirmation_deadlines"] == 0
    assert counts["terms_overdue"] == 0


async def test_term_overdue_reminded_the_day_after_its_deadline(world: World) -> None:
    await in_effect(world, due_on=date(2026, 3, 20))
    scheduler, clock = scheduler_at(world, date(2026, 3, 20))
    clock.now += 14 * HOUR  # 23:00 on the last day: still the party's day
    assert (await scheduler.tick())["terms_overdue"] == 0
    clock.now += 2 * HOUR  # 01:00 on 21 March
    assert (await scheduler.tick())["terms_overdue"] == 2
    assert (await scheduler.tick())["terms_overdue"] == 0
    [notice, _] = await Notification.filter(kind="agreement.term_overdue")
    assert notice.recipient_id == world.users["mediator_a"].id
    assert "2026-03-20" in notice.body
    # A term marked performed is not reminded again on the next agreement.
    second, _ = await in_effect(world, due_on=date(2026, 3, 21))
    terms = await second.terms.all().order_by("position")
    done = await performance.mark_term_performed(
        at(world, "mediator_a", T0 + 19 * DAY), terms[0].id, date(2026, 3, 21), "已拆除"
    )
    assert done.performed_on == date(2026, 3, 21)
    with pytest.raises(Conflict):
        await performance.mark_term_performed(
            at(world, "mediator_a", T0 + 19 * DAY), terms[0].id, date(2026, 3, 21), None
        )
    clock.now += DAY
    assert (await scheduler.tick())["terms_overdue"] == 1


async def test_return_visits_are_the_visits_after_the_agreement(
    gql: GraphQLClient, world: World
) -> None:
    now = datetime.now(SHANGHAI)
    dispute = await a_dispute(world, now - 3 * DAY)
    call = at(world, "mediator_a", now)
    for offset, outcome in (
        (-3 * DAY + HOUR, VisitOutcome.IN_PROGRESS),
        (-DAY, VisitOutcome.FOLLOW_UP_DONE),
    ):
        await visits.log_visit(
            call,
            client_id=new_id(),
            dispute_id=dispute.id,
            visited_at=now + offset,
            participants=["张大山"],
            summary="回访" if offset == -DAY else "调解",
            outcome=outcome,
        )
    agreement = await an_agreement(
        world, dispute, when=now - 2 * DAY, form=AgreementForm.ORAL, due_on=now.date()
    )
    data = await gql.ok(
        "query($id: ID!) { agreement(id: $id) { returnVisits { summary } terms { overdue } } }",
        {"id": str(agreement.id)},
        token=world.tokens["mediator_a"],
    )
    assert data["agreement"]["returnVisits"] == [{"summary": "回访"}]
    assert data["agreement"]["terms"] == [{"overdue": False}, {"overdue": False}]


# ------------------------------------------------------------------ through the API


AGREEMENTS = """query($first: Int, $after: String, $f: AgreementFilter) {
  agreements(first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node {
      id form effectiveOn confirmationDueOn confirmable awaiting documentUrl
      dispute { id title } parties { name }
      terms { obligor dueOn overdue } signatures { signerKind partyIndex method }
      confirmation { status acceptanceDueOn rulingDueOn }
      returnVisits { id }
    } }
  }
}"""
RECORD = """mutation($i: RecordAgreementInput!) {
  recordAgreement(input: $i) { id clientId form effectiveAt awaiting }
}"""
SIGN = """mutation($i: AgreementSignatureInput!) {
  recordAgreementSignature(input: $i) { id signerKind partyIndex signerName }
}"""


async def test_recording_and_signing_through_the_api(gql: GraphQLClient, world: World) -> None:
    dispute = await a_dispute(world, datetime.now(SHANGHAI))
    token = world.tokens["mediator_a"]
    now = datetime.now(SHANGHAI)
    record = {
        "clientId": new_id(),
        "disputeId": str(dispute.id),
        "form": "WRITTEN",
        "parties": [
            {"name": "张大山", "role": "APPLICANT"},
            {"name": "李二河", "role": "RESPONDENT", "address": "东关村二组"},
        ],
        "facts": "边界争执。",
        "responsibilities": "双方各半。",
        "terms": [
            {
                "obligor": "李二河",
                "content": "拆墙",
                "way": "自行拆除",
                "dueOn": now.date().isoformat(),
            }
        ],
        "agreedAt": now.isoformat(),
    }
    made = (await gql.ok(RECORD, {"i": record}, token=token))["recordAgreement"]
    assert made["awaiting"] == ["party:0", "party:1", "mediator"]
    for index in (0, 1, None):
        signed = await gql.ok(
            SIGN,
            {
                "i": {
                    "clientId": new_id(),
                    "agreementClientId": made["clientId"],
                    "signerKind": "MEDIATOR" if index is None else "PARTY",
                    "partyIndex": index,
                    "method": "SIGNATURE",
                    "image": png(),
                    "signedAt": now.isoformat(),
                }
            },
            token=token,
        )
        assert signed["recordAgreementSignature"]["partyIndex"] == index
    sealed = await gql.ok(
        "mutation($id: ID!, $at: DateTime!) { sealAgreement(id: $id, sealedAt: $at) "
        "{ effectiveOn confirmationDueOn documentUrl awaiting } }",
        {"id": made["id"], "at": now.isoformat()},
        token=token,
    )
    s = sealed["sealAgreement"]
    assert s["effectiveOn"] == now.date().isoformat()
    assert s["confirmationDueOn"] == (now.date() + timedelta(days=30)).isoformat()
    assert s["documentUrl"].startswith("/documents/") and s["awaiting"] == []
    ext = await gql.error(RECORD, {"i": {**record, "clientId": new_id()}}, token=token)
    assert ext["code"] == "CONFLICT"


# ------------------------------------------------------------------ scope


SEES = {"mediator_a", "officer_a", "supervisor_bureau"}
SEES_NOT = {
    "officer_b",
    "mediator_x",
    "officer_x",
    "supervisor",
    "supervisor_x",
    "supervisor_bureau_x",
    "admin",
    "admin_x",
    "staff",
    "lawyer",
    "applicant",
}


async def test_scope_for_every_role(gql: GraphQLClient, world: World) -> None:
    agreement = await an_agreement(world, when=datetime.now(SHANGHAI))
    other = await an_agreement(
        world,
        await a_dispute(world, datetime.now(SHANGHAI), "committee_x"),
        who="mediator_x",
        when=datetime.now(SHANGHAI),
    )
    one = "query($id: ID!) { agreement(id: $id) { id } }"
    for who in SEES | SEES_NOT:
        token = world.tokens[who]
        listed = (await gql.ok(AGREEMENTS, {}, token=token))["agreements"]
        ids = {e["node"]["id"] for e in listed["edges"]}
        if who in SEES:
            assert ids == {str(agreement.id)}, who
            assert (await gql.ok(one, {"id": str(agreement.id)}, token=token))["agreement"]
        else:
            assert str(agreement.id) not in ids, who
            ext = await gql.error(one, {"id": str(agreement.id)}, token=token)
            assert ext["code"] == "NOT_FOUND", who
    assert {
        e["node"]["id"]
        for e in (await gql.ok(AGREEMENTS, {}, token=world.tokens["mediator_x"]))["agreements"][
            "edges"
        ]
    } == {str(other.id)}
    # Writes: out of scope is NOT_FOUND, a role that never may is FORBIDDEN;
    # nothing is stored either way.
    now = datetime.now(SHANGHAI)
    with pytest.raises(NotFound):
        await sign(world, agreement, now, 0, who="mediator_x")
    with pytest.raises(NotFound):
        await agreements.seal_agreement(at(world, "officer_b", now), agreement.id, now)
    with pytest.raises(NotFound):
        await confirmation.record_confirmation(
            at(world, "mediator_x", now), agreement.id, step=ConfirmationStep.APPLIED, on=now.date()
        )
    terms = await agreement.terms.all()
    with pytest.raises(NotFound):
        await performance.mark_term_performed(
            at(world, "officer_x", now), terms[0].id, now.date(), None
        )
    for who in ("applicant", "staff", "admin"):
        with pytest.raises(Forbidden):
            await sign(world, agreement, now, 0, who=who)
    with pytest.raises(NotFound):
        await an_agreement(world, await a_dispute(world, now), who="mediator_x", when=now)
    assert await AgreementSignature.all().count() == 0
    assert (await MediationAgreement.get(id=agreement.id)).sealed_at is None


# ------------------------------------------------------------------ the list


async def test_agreements_list_costs_the_same_for_2_and_20(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    now = datetime.now(SHANGHAI)

    async def make(n: int) -> None:
        for _ in range(n):
            dispute = await a_dispute(world, now)
            agreement = await an_agreement(world, dispute, when=now - HOUR, form=AgreementForm.ORAL)
            await visits.log_visit(
                at(world, "mediator_a", now),
                client_id=new_id(),
                dispute_id=dispute.id,
                visited_at=now,
                participants=["张大山"],
                summary="回访",
                outcome=VisitOutcome.FOLLOW_UP_DONE,
            )
            await confirmation.record_confirmation(
                at(world, "mediator_a", now),
                agreement.id,
                step=ConfirmationStep.APPLIED,
                on=now.date(),
                court="青山县人民法院",
                joint_application=True,
            )

    token = world.tokens["officer_a"]
    await make(2)
    with count_queries() as few:
        data = await gql.ok(AGREEMENTS, {"first": 50}, token=token)
    assert data["agreements"]["totalCount"] == 2
    await make(18)
    with count_queries() as many:
        data = await gql.ok(AGREEMENTS, {"first": 50}, token=token)
    assert data["agreements"]["totalCount"] == 20
    node = data["agreements"]["edges"][0]["node"]
    assert node["confirmation"]["status"] == "APPLIED" and len(node["returnVisits"]) == 1
    assert many.count == few.count, (few.statements, many.statements)


async def test_agreements_pages_and_filters(gql: GraphQLClient, world: World) -> None:
    now = datetime.now(SHANGHAI)
    made = [
        await an_agreement(world, when=now - HOUR, form=AgreementForm.ORAL, due_on=now.date())
        for _ in range(3)
    ]
    token = world.tokens["mediator_a"]
    first = (await gql.ok(AGREEMENTS, {"first": 2}, token=token))["agreements"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"]
    rest = await gql.ok(
        AGREEMENTS, {"first": 2, "after": first["pageInfo"]["endCursor"]}, token=token
    )
    ids = [e["node"]["id"] for e in first["edges"] + rest["agreements"]["edges"]]
    assert ids == [str(a.id) for a in reversed(made)]
    pending = await gql.ok(AGREEMENTS, {"f": {"confirmationPending": True}}, token=token)
    assert pending["agreements"]["totalCount"] == 3
    by_dispute = await gql.ok(
        AGREEMENTS, {"f": {"disputeId": str(made[0].dispute_id)}}, token=token
    )
    assert [e["node"]["id"] for e in by_dispute["agreements"]["edges"]] == [str(made[0].id)]
    overdue = await gql.ok(AGREEMENTS, {"f": {"termOverdue": True}}, token=token)
    assert overdue["agreements"]["totalCount"] == 0
