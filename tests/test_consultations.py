"""Consultations (法律咨询, 12348) and legal-aid referrals: the register, the
public's online questions, figures, scope, and requests started for a person."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from api.domain.accounts import sign_in
from api.domain.common import periods
from api.domain.common.errors import BadInput, Conflict, NotFound
from api.domain.corrections import enrolment
from api.domain.legal_aid import consultations, referrals, requests
from api.domain.mediation import disputes
from api.models.accounts import User
from api.models.consultations import (
    Consultation,
    ConsultationCategory,
    ConsultationChannel,
)
from api.models.corrections import SupervisedPerson
from api.models.enums import (
    CorrectionType,
    DisputeCategory,
    DisputeStatus,
    LegalAidMatter,
    LegalAidStatus,
    PartyRole,
    RiskLevel,
    Role,
    SupervisionLevel,
)
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_referrals import ReferralSource, ReferralStatus
from api.models.mediation import Dispute, DisputeParty
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.test_legal_aid import call_at, data_of

RECORD = """mutation($i: ConsultationInput!) {
  recordConsultation(input: $i) {
    id channel category question answer answeredAt answeredBy { displayName } orgUnit { name }
  }
}"""
ASK = """mutation($i: LegalQuestionInput!) {
  askLegalQuestion(input: $i) { id channel answer orgUnit { name } }
}"""
ANSWER = """mutation($id: ID!, $a: String!) {
  answerConsultation(id: $id, answer: $a) { id answer answeredAt answeredBy { displayName } }
}"""
LIST = """query($first: Int, $after: String, $f: ConsultationFilter) {
  consultations(first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id category question answer orgUnit { name } answeredBy { displayName }
                   recordedBy { displayName } referredTo } }
  }
}"""
ONE = """query($id: ID!) { consultation(id: $id) { id answer } }"""
FIGURES = """query { consultationFigures { orgUnit { name } category count answered } }"""
REFER = """mutation($id: ID!, $i: ConsultationReferralInput!) {
  referConsultation(id: $id, input: $i) {
    consultation { referredTo referralBody referralDisputeId }
    dispute { id title category parties { name role phone } }
    referral { id status source personName }
  }
}"""
REFERRALS = """query($s: LegalAidReferralStatus) {
  legalAidReferrals(status: $s) {
    totalCount edges { node { id status personName orgUnit { name } referredBy { displayName } } }
  }
}"""
CONFIRM = """mutation($id: ID!, $n: String) {
  confirmReferredRequest(id: $id, note: $n) { id status submittedAt decisionDueAt applicantName }
}"""
REQUESTS = """query { legalAidRequests { totalCount edges { node { id status } } } }"""


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(UTC)


async def record(
    world: World,
    who: str = "staff",
    *,
    category: ConsultationCategory = ConsultationCategory.LABOR,
    answer: str | None = "可以申请劳动仲裁。",
    name: str | None = "王五",
) -> Consultation:
    return await consultations.record_consultation(
        world.call(who),
        consultations.ConsultationInput(
            client_id=new_id(),
            channel=ConsultationChannel.PHONE,
            category=category,
            question="老板拖欠工资三个月怎么办？",
            asked_at=now(),
            asker_name=name,
            asker_phone="13900139001",
            answer=answer,
        ),
    )


async def ask(world: World, who: str = "applicant", unit: str = "legal") -> Consultation:
    return await consultations.ask_question(
        world.call(who),
        client_id=new_id(),
        org_unit_id=world.units[unit].id,
        category=ConsultationCategory.MARRIAGE_FAMILY,
        question="离婚后孩子的抚养费怎么算？",
        asked_at=now(),
    )


# ------------------------------------------------------------------ the register


async def test_record_at_window_and_by_phone(gql: GraphQLClient, world: World) -> None:
    data = await gql.ok(
        RECORD,
        {
            "i": {
                "clientId": new_id(),
                "channel": "WALK_IN",
                "category": "LAND_PROPERTY",
                "question": "宅基地被邻居占用怎么办？",
                "askedAt": now().isoformat(),
                "askerName": "赵六",
                "answer": "可以先申请人民调解。",
            }
        },
        token=world.tokens["officer_a"],
    )
    c = data["recordConsultation"]
    assert c["channel"] == "WALK_IN" and c["orgUnit"]["name"] == "东关镇司法所"
    assert c["answeredBy"]["displayName"] == "Officer A" and c["answeredAt"]
    # Online questions are the public's own.
    ext = await gql.refusal(
        RECORD,
        {
            "i": {
                "clientId": new_id(),
                "channel": "ONLINE",
                "category": "OTHER",
                "question": "问题",
                "askedAt": now().isoformat(),
            }
        },
        token=world.tokens["staff"],
    )
    assert ext["code"] == "BAD_USER_INPUT" and ext["reason"] == "CONSULTATION_CHANNEL"
    # The public and mediators do not write the register.
    for who in ("applicant", "mediator_a", "admin"):
        ext = await gql.refusal(
            RECORD,
            {
                "i": {
                    "clientId": new_id(),
                    "channel": "PHONE",
                    "category": "OTHER",
                    "question": "问题",
                    "askedAt": now().isoformat(),
                }
            },
            token=world.tokens[who],
        )
        assert ext["code"] == "FORBIDDEN", who
    assert await Consultation.all().count() == 1


async def test_replayed_record_is_stored_once(world: World) -> None:
    data = consultations.ConsultationInput(
        client_id=new_id(),
        channel=ConsultationChannel.PHONE,
        category=ConsultationCategory.OTHER,
        question="问题",
        asked_at=now(),
    )
    first = await consultations.record_consultation(world.call("staff"), data)
    again = await consultations.record_consultation(world.call("staff"), data)
    assert first.id == again.id and await Consultation.all().count() == 1


async def test_online_question_answered_and_asker_told(gql: GraphQLClient, world: World) -> None:
    data = await gql.ok(
        ASK,
        {
            "i": {
                "clientId": new_id(),
                "orgUnitId": str(world.units["legal"].id),
                "category": "MARRIAGE_FAMILY",
                "question": "离婚后孩子的抚养费怎么算？",
                "askedAt": now().isoformat(),
            }
        },
        token=world.tokens["applicant"],
    )
    asked = data["askLegalQuestion"]
    assert asked["channel"] == "ONLINE" and asked["answer"] is None
    # Nothing told before the answer.
    assert not await Notification.filter(kind="consultation.answered").exists()
    answered = await gql.ok(
        ANSWER,
        {"id": asked["id"], "a": "按子女实际需要和父母负担能力确定。"},
        token=world.tokens["staff"],
    )
    assert answered["answerConsultation"]["answeredBy"]["displayName"] == "Staff"
    notice = await Notification.get(kind="consultation.answered")
    assert notice.recipient_id == world.users["applicant"].id
    assert "/#/consultation/" in notice.url
    seen = await gql.ok(ONE, {"id": asked["id"]}, token=world.tokens["applicant"])
    assert seen["consultation"]["answer"] == "按子女实际需要和父母负担能力确定。"
    # Answered once: a second answer is a conflict and changes nothing.
    ext = await gql.refusal(
        ANSWER, {"id": asked["id"], "a": "另一答复"}, token=world.tokens["staff"]
    )
    assert ext["code"] == "CONFLICT"
    row = await Consultation.get(id=int(asked["id"]))
    assert row.answer == "按子女实际需要和父母负担能力确定。"


async def test_online_question_goes_to_an_office_or_centre(world: World) -> None:
    for unit in ("a", "legal"):
        await ask(world, unit=unit)
    for unit in ("bureau", "center", "committee_a"):
        with pytest.raises(BadInput) as e:
            await ask(world, unit=unit)
        assert e.value.reason == "CONSULTATION_UNIT"


async def test_answer_only_by_staff_of_its_unit(world: World) -> None:
    asked = await ask(world, unit="legal")
    # The office's officer and the other county's staff: not theirs.
    for who in ("officer_a", "staff_x", "lawyer_x"):
        with pytest.raises(NotFound):
            await consultations.answer_consultation(world.call(who), asked.id, "答复")
    # The bureau's supervisor sees it but answers at the bureau only.
    with pytest.raises(NotFound):
        await consultations.answer_consultation(world.call("supervisor_bureau"), asked.id, "答复")
    # The centre's lawyer on duty answers.
    done = await consultations.answer_consultation(world.call("lawyer"), asked.id, "答复")
    assert done.answered_by_id == world.users["lawyer"].id


# ------------------------------------------------------------------ scope, filters, figures


async def test_scope_for_every_role(gql: GraphQLClient, world: World) -> None:
    mine = await ask(world, "applicant", unit="legal")
    theirs = await ask(world, "applicant2", unit="a")
    at_office = await record(world, "officer_a")
    at_centre = await record(world, "staff")
    at_x = await record(world, "staff_x")
    everything = {mine.id, theirs.id, at_office.id, at_centre.id, at_x.id}
    expected = {
        "applicant": {mine.id},
        "applicant2": {theirs.id},
        "officer_a": {theirs.id, at_office.id},
        "officer_b": set(),
        "staff": {mine.id, at_centre.id},
        "lawyer": {mine.id, at_centre.id},
        "staff_x": {at_x.id},
        "lawyer_x": {at_x.id},
        "supervisor_bureau": {mine.id, theirs.id, at_office.id, at_centre.id},
        "supervisor_bureau_x": {at_x.id},
        "supervisor": set(),  # the correction centre: corrections only
        "mediator_a": set(),
        "admin": set(),
    }
    for who, ids in expected.items():
        data = await gql.ok(LIST, {"first": 50}, token=world.tokens[who])
        seen = {int(e["node"]["id"]) for e in data["consultations"]["edges"]}
        assert seen == ids, who
        assert data["consultations"]["totalCount"] == len(ids), who
        for other in everything - ids:
            ext = await gql.error(ONE, {"id": str(other)}, token=world.tokens[who])
            assert ext["code"] == "NOT_FOUND", (who, other)


async def test_filter_by_category_and_paging(gql: GraphQLClient, world: World) -> None:
    for _ in range(3):
        await record(world, category=ConsultationCategory.LABOR)
    family = await record(world, category=ConsultationCategory.MARRIAGE_FAMILY, answer=None)
    data = await gql.ok(LIST, {"f": {"category": "MARRIAGE_FAMILY"}}, token=world.tokens["staff"])
    assert [e["node"]["id"] for e in data["consultations"]["edges"]] == [str(family.id)]
    data = await gql.ok(LIST, {"f": {"answered": False}}, token=world.tokens["staff"])
    assert data["consultations"]["totalCount"] == 1
    first = await gql.ok(LIST, {"first": 2}, token=world.tokens["staff"])
    page = first["consultations"]
    assert page["totalCount"] == 4 and page["pageInfo"]["hasNextPage"]
    rest = await gql.ok(
        LIST, {"first": 2, "after": page["pageInfo"]["endCursor"]}, token=world.tokens["staff"]
    )
    ids = [e["node"]["id"] for e in page["edges"] + rest["consultations"]["edges"]]
    assert len(set(ids)) == 4 and not rest["consultations"]["pageInfo"]["hasNextPage"]


async def test_figures_per_unit_and_category(gql: GraphQLClient, world: World) -> None:
    await record(world, "staff", category=ConsultationCategory.LABOR)
    await record(world, "staff", category=ConsultationCategory.LABOR, answer=None)
    await record(world, "staff", category=ConsultationCategory.TRAFFIC)
    await record(world, "officer_a", category=ConsultationCategory.LABOR)
    await record(world, "staff_x", category=ConsultationCategory.LABOR)
    data = await gql.ok(FIGURES, token=world.tokens["supervisor_bureau"])
    rows = {
        (r["orgUnit"]["name"], r["category"]): (r["count"], r["answered"])
        for r in data["consultationFigures"]
    }
    assert rows == {
        ("青山县法律援助中心", "LABOR"): (2, 1),
        ("青山县法律援助中心", "TRAFFIC"): (1, 1),
        ("东关镇司法所", "LABOR"): (1, 1),
    }
    data = await gql.ok(FIGURES, token=world.tokens["staff_x"])
    assert [(r["category"], r["count"]) for r in data["consultationFigures"]] == [("LABOR", 1)]
    # The public has no figures.
    assert (await gql.error(FIGURES, token=world.tokens["applicant"]))["code"] == "FORBIDDEN"


async def test_consultations_query_count_is_flat(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    counts = {}
    made = 0
    for size in (2, 20):
        while made < size:
            await record(world, "staff" if made % 2 else "lawyer")
            made += 1
        with count_queries() as counter:
            data = await gql.ok(LIST, {"first": size}, token=world.tokens["staff"])
        assert len(data["consultations"]["edges"]) == size
        counts[size] = counter.count
    assert counts[2] == counts[20], counts


# ------------------------------------------------------------------ referrals from a consultation


async def test_refer_to_mediation_prefills_a_dispute(gql: GraphQLClient, world: World) -> None:
    c = await record(world, "officer_a", category=ConsultationCategory.LAND_PROPERTY)
    data = await gql.ok(
        REFER,
        {
            "id": str(c.id),
            "i": {
                "to": "MEDIATION",
                "clientId": new_id(),
                "orgUnitId": str(world.units["committee_a"].id),
            },
        },
        token=world.tokens["officer_a"],
    )
    out = data["referConsultation"]
    assert out["consultation"]["referredTo"] == "MEDIATION"
    assert out["dispute"]["category"] == "LAND"
    assert out["dispute"]["parties"] == [
        {"name": "王五", "role": "APPLICANT", "phone": "13900139001"}
    ]
    assert out["consultation"]["referralDisputeId"] == out["dispute"]["id"]
    # Once.
    ext = await gql.refusal(
        REFER,
        {"id": str(c.id), "i": {"to": "OTHER_BODY", "clientId": new_id(), "body": "法院"}},
        token=world.tokens["officer_a"],
    )
    assert ext["code"] == "CONFLICT" and ext["reason"] == "CONSULTATION_REFERRED"
    assert await Dispute.all().count() == 1


async def test_refer_to_another_body_is_recorded(gql: GraphQLClient, world: World) -> None:
    c = await record(world, "staff")
    data = await gql.ok(
        REFER,
        {
            "id": str(c.id),
            "i": {"to": "OTHER_BODY", "clientId": new_id(), "body": "县劳动人事争议仲裁委员会"},
        },
        token=world.tokens["staff"],
    )
    assert data["referConsultation"]["consultation"] == {
        "referredTo": "OTHER_BODY",
        "referralBody": "县劳动人事争议仲裁委员会",
        "referralDisputeId": None,
    }
    # Out of its unit: NOT_FOUND, nothing recorded.
    other = await record(world, "staff_x")
    ext = await gql.error(
        REFER,
        {"id": str(other.id), "i": {"to": "OTHER_BODY", "clientId": new_id(), "body": "法院"}},
        token=world.tokens["staff"],
    )
    assert ext["code"] == "NOT_FOUND"
    assert (await Consultation.get(id=other.id)).referred_to is None


async def test_online_asker_confirms_a_referral_and_the_clock_starts_then(
    gql: GraphQLClient, world: World
) -> None:
    asked = await ask(world, "applicant", unit="legal")
    data = await gql.ok(
        REFER,
        {
            "id": str(asked.id),
            "i": {
                "to": "LEGAL_AID",
                "clientId": new_id(),
                "orgUnitId": str(world.units["legal"].id),
                "matter": "FAMILY_SUPPORT",
                "householdSize": 2,
                "monthlyHouseholdIncome": "1000.00",
                "personPhone": "13900139002",
            },
        },
        token=world.tokens["staff"],
    )
    referral = data["referConsultation"]["referral"]
    assert referral["status"] == "AWAITING_CONFIRMATION" and referral["source"] == "CONSULTATION"
    assert data["referConsultation"]["consultation"]["referredTo"] == "LEGAL_AID"
    assert await Notification.filter(
        kind="legal_aid.referral", recipient_id=world.users["applicant"].id
    ).exists()
    # Not in the staff's decision queue while it awaits the person.
    queue = await gql.ok(REQUESTS, token=world.tokens["staff"])
    assert queue["legalAidRequests"]["totalCount"] == 0
    listed = await gql.ok(REFERRALS, {"s": "AWAITING_CONFIRMATION"}, token=world.tokens["staff"])
    assert listed["legalAidReferrals"]["totalCount"] == 1
    # Another applicant neither sees nor confirms it.
    ext = await gql.error(CONFIRM, {"id": referral["id"]}, token=world.tokens["applicant2"])
    assert ext["code"] == "NOT_FOUND"

    confirmed_at = now() + timedelta(days=3)
    request = await referrals.confirm_referral(
        call_at(world, "applicant", confirmed_at), int(referral["id"])
    )
    assert request.status == LegalAidStatus.SUBMITTED
    assert request.submitted_at == confirmed_at
    assert request.applicant_id == world.users["applicant"].id
    # The decision deadline is the one of a request submitted at the confirmation.
    direct = await requests.submit_request(
        call_at(world, "applicant2", confirmed_at), data_of(world)
    )
    assert request.decision_due_at == direct.decision_due_at
    assert request.decision_due_at > confirmed_at + timedelta(days=6)
    queue = await gql.ok(REQUESTS, token=world.tokens["staff"])
    assert queue["legalAidRequests"]["totalCount"] == 2
    # Confirmed once.
    with pytest.raises(Conflict):
        await referrals.confirm_referral(world.call("applicant"), int(referral["id"]))


# ------------------------------------------------------------------ across areas


async def _enrol(world: World) -> int:
    done = await enrolment.enroll_person(
        world.call("officer_a"),
        full_name="李四",
        id_number="11010519491231002X",
        phone="13900139003",
        correction_type=CorrectionType.PROBATION,
        supervision_level=SupervisionLevel.NORMAL,
        term_start=now().date() - timedelta(days=30),
        term_end=now().date() + timedelta(days=300),
        org_unit_id=world.units["a"].id,
        officer_id=None,
        check_in_interval_days=None,
    )
    return done.person.id


def referral_for(
    world: World, source: ReferralSource, source_id: int, **changes: Any
) -> referrals.ReferralInput:
    base: dict[str, Any] = {
        "client_id": new_id(),
        "source": source,
        "source_id": source_id,
        "org_unit_id": world.units["legal"].id,
        "matter": LegalAidMatter.WAGE_ARREARS,
        "description": "被拖欠工资",
        "household_size": 3,
        "monthly_household_income": Decimal("1500.00"),
    }
    return referrals.ReferralInput(**{**base, **changes})


async def test_officer_refers_a_supervised_person_staff_record_signed_confirmation(
    world: World,
) -> None:
    person_id = await _enrol(world)
    referral = await referrals.refer_legal_aid(
        world.call("officer_a"), referral_for(world, ReferralSource.CORRECTIONS, person_id)
    )
    # Prefilled from the person's record.
    assert (referral.person_name, referral.person_phone) == ("李四", "13900139003")
    assert referral.person_id_number == "11010519491231002X"
    assert referral.status == ReferralStatus.AWAITING_CONFIRMATION
    assert not await LegalAidRequest.exists()
    # Another office's officer cannot refer this person.
    with pytest.raises(NotFound):
        await referrals.refer_legal_aid(
            world.call("officer_b"), referral_for(world, ReferralSource.CORRECTIONS, person_id)
        )
    # Staff of another centre cannot record its confirmation; a paper must be named.
    with pytest.raises(NotFound):
        await referrals.confirm_referral(world.call("staff_x"), referral.id, note="签字确认书")
    with pytest.raises(BadInput):
        await referrals.confirm_referral(world.call("staff"), referral.id, note=None)
    assert not await LegalAidRequest.exists()
    request = await referrals.confirm_referral(
        world.call("staff"), referral.id, note="本人签字的申请确认书"
    )
    assert request.applicant_name == "李四" and request.org_unit_id == world.units["legal"].id
    stored = await referrals.referral_in_scope(world.call("officer_a"), referral.id)
    assert stored.status == ReferralStatus.CONFIRMED and stored.request_id == request.id
    assert stored.method == "SIGNED_PAPER"


async def test_failed_mediation_party_referred_and_declines(world: World) -> None:
    dispute = await disputes.register_dispute(
        world.call("mediator_a"),
        client_id=new_id(),
        title="工钱纠纷",
        category=DisputeCategory.LABOR,
        description="工钱",
        risk_level=RiskLevel.LOW,
        parties=[
            disputes.PartyInput(name="陈七", role=PartyRole.APPLICANT, phone="13900139004"),
            disputes.PartyInput(name="某公司", role=PartyRole.RESPONDENT),
        ],
        org_unit_id=world.units["committee_a"].id,
        mediator_id=None,
    )
    # 人民调解法 Art. 26: only after the mediation failed.
    with pytest.raises(Conflict) as e:
        await referrals.refer_legal_aid(
            world.call("mediator_a"), referral_for(world, ReferralSource.MEDIATION, dispute.id)
        )
    assert e.value.reason == "REFERRAL_DISPUTE_NOT_FAILED"
    await Dispute.filter(id=dispute.id).update(status=DisputeStatus.FAILED)
    referral = await referrals.refer_legal_aid(
        world.call("mediator_a"),
        referral_for(world, ReferralSource.MEDIATION, dispute.id, party_position=0),
    )
    assert referral.person_name == "陈七" and referral.person_account_id is None
    # A party with no phone needs one given.
    with pytest.raises(BadInput) as e:
        await referrals.refer_legal_aid(
            world.call("mediator_a"),
            referral_for(world, ReferralSource.MEDIATION, dispute.id, party_position=1),
        )
    assert e.value.reason == "REFERRAL_PHONE_MISSING"
    assert await DisputeParty.filter(dispute_id=dispute.id).count() == 2
    declined = await referrals.decline_referral(world.call("staff"), referral.id, "本人不需要")
    assert declined.status == ReferralStatus.DECLINED and not await LegalAidRequest.exists()
    with pytest.raises(Conflict):
        await referrals.confirm_referral(world.call("staff"), referral.id, note="确认书")


async def test_referral_list_scope(world: World) -> None:
    person_id = await _enrol(world)
    r = await referrals.refer_legal_aid(
        world.call("officer_a"), referral_for(world, ReferralSource.CORRECTIONS, person_id)
    )
    visible = {
        "officer_a": 1,
        "staff": 1,
        "supervisor_bureau": 1,
        "staff_x": 0,
        "officer_b": 0,
        "applicant": 0,
        "lawyer": 0,
        "mediator_a": 0,
        "admin": 0,
    }
    for who, n in visible.items():
        page = await referrals.list_referrals(world.call(who), limit=10, after=None, status=None)
        assert len(page.rows) == n, who
        if not n:
            with pytest.raises(NotFound):
                await referrals.referral_in_scope(world.call(who), r.id)


async def test_referrals_query_count_is_flat(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    counts = {}
    made = 0
    for size in (2, 20):
        while made < size:
            c = await record(world, "staff")
            await referrals.refer_legal_aid(
                world.call("staff"), referral_for(world, ReferralSource.CONSULTATION, c.id)
            )
            made += 1
        with count_queries() as counter:
            data = await gql.ok(REFERRALS, token=world.tokens["staff"])
        assert len(data["legalAidReferrals"]["edges"]) == size
        counts[size] = counter.count
    assert counts[2] == counts[20], counts


async def test_supervised_person_confirms_from_own_phone(gql: GraphQLClient, world: World) -> None:
    """社区矫正法 Art. 43: the officer starts it, the person confirms it from
    their own account, and follows the request from there."""
    person_id = await _enrol(world)
    account = await User.create(
        username="person_li", display_name="李四", role=Role.SUPERVISED_PERSON, password_hash="x"
    )
    await SupervisedPerson.filter(id=person_id).update(account_id=account.id)
    world.users["person_li"] = account
    world.tokens["person_li"] = (await sign_in.open_session(world.call(), account)).token
    referral = await referrals.refer_legal_aid(
        world.call("officer_a"), referral_for(world, ReferralSource.CORRECTIONS, person_id)
    )
    assert referral.person_account_id == account.id
    notice = await Notification.get(kind="legal_aid.referral", recipient_id=account.id)
    assert "李四" not in notice.url  # a push names nobody; the screen does
    # Another person's account neither sees nor confirms it.
    with pytest.raises(NotFound):
        await referrals.confirm_referral(world.call("applicant"), referral.id)
    data = await gql.ok(CONFIRM, {"id": str(referral.id)}, token=world.tokens["person_li"])
    request_id = data["confirmReferredRequest"]["id"]
    assert data["confirmReferredRequest"]["status"] == "SUBMITTED"
    assert (await LegalAidRequest.get(id=int(request_id))).applicant_id == account.id
    mine = await gql.ok(REQUESTS, token=world.tokens["person_li"])
    assert [e["node"]["id"] for e in mine["legalAidRequests"]["edges"]] == [request_id]


async def test_figures_by_local_days_both_included(world: World) -> None:
    day = periods.local_day(now()) - timedelta(days=2)
    late_evening = periods.end_of(day) - timedelta(minutes=1)  # 23:59 in China
    await consultations.record_consultation(
        world.call("staff"),
        consultations.ConsultationInput(
            client_id=new_id(),
            channel=ConsultationChannel.WALK_IN,
            category=ConsultationCategory.LABOR,
            question="问题",
            asked_at=late_evening,
        ),
    )
    staff = world.call("staff")
    counted = await consultations.consultation_figures(staff, since=day, until=day)
    assert [c.count for c in counted] == [1]
    after = await consultations.consultation_figures(
        staff, since=day + timedelta(days=1), until=None
    )
    assert after == []
    with pytest.raises(BadInput):
        await consultations.consultation_figures(staff, since=day, until=day - timedelta(days=1))
