"""The legal-aid procedure (法律援助法 Art. 12-13, 25-26, 36, 43-49, 55): the
decision's days, missing materials, aid before review, notified defence,
who may be assigned, termination, objections, progress and complaints."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.documents import access
from api.domain.legal_aid import (
    before_review,
    deadlines,
    decisions,
    materials,
    notified,
    objections,
    progress,
    providers,
    requests,
    termination,
)
from api.models.documents import Document
from api.models.enums import (
    AidBeforeReviewGround,
    AidProviderKind,
    ComplaintKind,
    LegalAidStatus,
    MaterialsStatus,
    NotifiedGround,
    NotifyingBody,
    ObjectionStatus,
    ProgressKind,
    TerminationGround,
)
from api.models.legal_aid import LegalAidRequest
from api.models.notifications import Notification
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.test_legal_aid import at_local, call_at, submit

TZ = "Asia/Shanghai"
# The smallest PNG there is: its signature and an IHDR chunk are enough here.
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32).decode()


def new_id() -> str:
    return str(uuid.uuid4())


def at(world: World, who: str, now: datetime) -> Call:
    return call_at(world, who, now)


# ------------------------------------------------------------------ the days of Art. 43


def test_due_at_the_end_of_the_seventh_day_with_a_weekend_between() -> None:
    """Received on Friday 4 December: the day of receipt is not counted, the
    weekend is, so the decision is due by the end of Friday 11 December."""
    received = at_local(2026, 12, 4, 10)
    due = deadlines.decision_due(received, [], TZ)
    assert due == at_local(2026, 12, 12, 0)
    assert deadlines.days_after(received, 7, TZ) == due
    # Late in the evening of the day of receipt changes nothing.
    assert deadlines.decision_due(at_local(2026, 12, 4, 23, 59), [], TZ) == due
    # Just after midnight it is the next day's receipt.
    assert deadlines.decision_due(at_local(2026, 12, 5, 0, 1), [], TZ) == at_local(2026, 12, 13, 0)


async def test_overdue_only_after_the_seventh_day(world: World) -> None:
    request = await submit(world, call=at(world, "applicant", at_local(2026, 12, 4, 10)))
    assert request.decision_due_at == at_local(2026, 12, 12, 0)
    last_moment = at_local(2026, 12, 12, 0) - timedelta(microseconds=1)
    assert not requests.is_decision_overdue(request, last_moment)
    assert requests.is_decision_overdue(request, at_local(2026, 12, 12, 0))


def test_the_clock_stops_while_materials_are_awaited() -> None:
    """Received Monday 7th; materials asked for on Wednesday 9th (2 days
    counted: 8th and 9th); supplied Monday 14th, which is not counted: 5 days
    are left from the 15th, due by the end of Saturday 19th."""
    received = at_local(2026, 12, 7, 9)
    asked = at_local(2026, 12, 9, 15)
    supplied = at_local(2026, 12, 14, 11)
    assert deadlines.decision_due(received, [(asked, None)], TZ) is None
    assert deadlines.decision_due(received, [(asked, supplied)], TZ) == at_local(2026, 12, 20, 0)
    # A second notice stops it again; its days are kept the same way.
    again = at_local(2026, 12, 16, 10)  # 15th, 16th counted: 3 left
    back = at_local(2026, 12, 18, 10)
    pauses = [(asked, supplied), (again, back)]
    assert deadlines.decision_due(received, pauses, TZ) == at_local(2026, 12, 22, 0)
    # A notice after the time ran out gives none back.
    late = at_local(2026, 12, 15, 10)
    assert deadlines.decision_due(received, [(late, at_local(2026, 12, 20))], TZ) == at_local(
        2026, 12, 15, 0
    )


async def _incomplete(world: World, asked: datetime, due_on: date) -> LegalAidRequest:
    request = await submit(world, call=at(world, "applicant", at_local(2026, 12, 7, 9)))
    await materials.request_materials(
        at(world, "staff", asked), request.id, ["身份证复印件", "收入证明"], due_on
    )
    return await LegalAidRequest.get(id=request.id)


async def test_materials_stop_and_restart_the_clock(world: World) -> None:
    request = await _incomplete(world, at_local(2026, 12, 9, 15), date(2026, 12, 16))
    assert request.status == LegalAidStatus.INCOMPLETE
    # The applicant is told by push, with the deadline, and no name.
    notice = await Notification.get(kind="legal_aid.materials")
    assert "2026-12-16" in notice.body and "孙丽" not in notice.body
    # One notice lists everything: a second one is refused.
    with pytest.raises(Conflict):
        await materials.request_materials(
            at(world, "staff", at_local(2026, 12, 10)), request.id, ["户口簿"], date(2026, 12, 20)
        )
    # No decision while the clock stands still.
    with pytest.raises(Conflict):
        await decisions.decide(at(world, "staff", at_local(2026, 12, 10)), request.id, True, "可")
    # Overdue never while awaiting materials, however long.
    assert not requests.is_decision_overdue(request, at_local(2027, 1, 1))
    supply = await materials.supply_materials(
        at(world, "applicant", at_local(2026, 12, 14, 11)), request.id, new_id(), "已补充", [PNG]
    )
    request = await LegalAidRequest.get(id=request.id)
    assert request.status == LegalAidStatus.SUBMITTED
    assert request.decision_due_at == at_local(2026, 12, 20, 0)
    photo = await supply.photos.all().first()
    assert photo is not None and photo.content_type == "image/png"


async def test_materials_input(world: World) -> None:
    request = await submit(world, call=at(world, "applicant", at_local(2026, 12, 7, 9)))
    staff = at(world, "staff", at_local(2026, 12, 8))
    for items, due_on, field in [
        ([], date(2026, 12, 15), "items"),
        (["收入证明"], date(2026, 12, 8), "dueOn"),  # today: at least a day
        (["收入证明"], date(2027, 2, 7), "dueOn"),  # more than 60 days
    ]:
        with pytest.raises(BadInput) as refused:
            await materials.request_materials(staff, request.id, items, due_on)
        assert refused.value.field == field
    await materials.request_materials(staff, request.id, ["收入证明"], date(2026, 12, 9))
    applicant = at(world, "applicant", at_local(2026, 12, 8, 12))
    for photos, field in [
        (["bm90IGFuIGltYWdl"], "photos.0"),
        (["%%%"], "photos.0"),
        ([], "photos"),
    ]:
        with pytest.raises(BadInput) as refused:
            await materials.supply_materials(applicant, request.id, new_id(), None, photos)
        assert refused.value.field == field
    # Someone else's request: not found, as if it did not exist.
    with pytest.raises(NotFound):
        await materials.supply_materials(
            at(world, "applicant2", at_local(2026, 12, 8)), request.id, new_id(), "x", [PNG]
        )
    assert (await LegalAidRequest.get(id=request.id)).status == LegalAidStatus.INCOMPLETE


async def test_deemed_withdrawn_at_the_deadline_not_before(world: World) -> None:
    request = await _incomplete(world, at_local(2026, 12, 9, 15), date(2026, 12, 16))
    # The last minute of the deadline day: still awaited.
    assert (
        await materials.lapse_unanswered(Call(world.settings, now=at_local(2026, 12, 16, 23, 59)))
        == 0
    )
    assert (await LegalAidRequest.get(id=request.id)).status == LegalAidStatus.INCOMPLETE
    # The day after: withdrawn by the scheduler, the applicant told.
    assert (
        await materials.lapse_unanswered(Call(world.settings, now=at_local(2026, 12, 17, 0))) == 1
    )
    request = await LegalAidRequest.get(id=request.id)
    assert request.status == LegalAidStatus.WITHDRAWN
    last = await request.history.all().order_by("-id").first()
    assert last is not None and last.by_id is None and "视为撤回" in (last.note or "")
    assert await Notification.exists(
        kind="legal_aid.materials_lapsed", recipient_id=request.applicant_id
    )
    notice = await request.materials_requests.all().get()
    assert notice.status == MaterialsStatus.LAPSED
    # Once only.
    assert await materials.lapse_unanswered(Call(world.settings, now=at_local(2026, 12, 18))) == 0


# ------------------------------------------------------------------ Art. 44


async def test_aid_before_review(world: World) -> None:
    now = at_local(2026, 12, 7, 9)
    near = await submit(
        world, call=at(world, "applicant", now), limitation_deadline=date(2026, 12, 13)
    )
    far = await submit(
        world, call=at(world, "applicant", now), limitation_deadline=date(2026, 12, 14)
    )
    staff = at(world, "staff", now)
    # Art. 44(1): fewer than 7 days: the 13th is 6 days away, the 14th 7.
    with pytest.raises(BadInput):
        await before_review.provide_aid_before_review(
            staff, far.id, AidBeforeReviewGround.DEADLINE_NEAR, "时效将届满"
        )
    done = await before_review.provide_aid_before_review(
        staff, near.id, AidBeforeReviewGround.DEADLINE_NEAR, "时效将届满"
    )
    assert done.status == LegalAidStatus.APPROVED and "第四十四条" in (done.decision_reason or "")
    grant = await Document.get(target_id=str(near.id), kind="AID_GRANT")
    assert grant.title == "给予法律援助决定书" and grant.pdf.startswith(b"%PDF")
    # The paperwork follows from the phone.
    await materials.supply_materials(
        at(world, "applicant", now), near.id, new_id(), "补办手续", [PNG]
    )
    row = await near.aid_before_review  # type: ignore[attr-defined]
    assert row.paperwork_received_at is not None
    # Preservation needs no deadline.
    other = await submit(world, call=at(world, "applicant", now))
    await before_review.provide_aid_before_review(
        staff, other.id, AidBeforeReviewGround.URGENT_PRESERVATION, "需立即申请财产保全"
    )


# ------------------------------------------------------------------ who may be assigned


async def _provider(
    world: World, who: str, kind: AidProviderKind, since: date | None, **kw: Any
) -> None:
    await providers.set_profile(
        world.call("staff"), world.users[who].id, kind, kw.get("qualified", False), since
    )


async def test_life_sentence_needs_three_years_of_practice(world: World) -> None:
    """Art. 26: on 7 December 2026 a lawyer practising since 8 December 2023
    has a day short of 3 years; one since 7 December 2023 has them."""
    now = at_local(2026, 12, 7, 9)
    case = await notified.register_notified_case(
        at(world, "staff", now),
        notified.NotifiedInput(
            client_id=new_id(),
            body_type=NotifyingBody.COURT,
            body_name="青山县人民法院",
            body_reference="(2026)青刑初12号",
            ground=NotifiedGround.LIFE_OR_DEATH,
            defendant_name="张三",
            description="故意杀人案",
        ),
    )
    assert case.life_or_death and case.status == LegalAidStatus.APPROVED
    await _provider(world, "lawyer", AidProviderKind.LAWYER, date(2023, 12, 8))
    with pytest.raises(BadInput) as refused:
        await decisions.assign(at(world, "staff", now), case.id, world.users["lawyer"].id)
    assert refused.value.reason == "SENIOR_LAWYER_REQUIRED"
    assert (await LegalAidRequest.get(id=case.id)).assignee_id is None
    await _provider(world, "lawyer", AidProviderKind.LAWYER, date(2023, 12, 7))
    assigned = await decisions.assign(at(world, "staff", now), case.id, world.users["lawyer"].id)
    assert assigned.status == LegalAidStatus.ASSIGNED
    notice = await Document.get(target_id=str(case.id), kind="AID_ASSIGNMENT")
    assert notice.title == "指派通知书"
    # The lawyer it names reads it; another centre's lawyer does not.
    got = await access.download(at(world, "lawyer", now), notice.id)
    assert got.pdf.startswith(b"%PDF")
    with pytest.raises(NotFound):
        await access.download(at(world, "lawyer_x", now), notice.id)


async def test_notified_case_three_days_no_means_test_a_lawyer(world: World) -> None:
    """Art. 36: assigned within 3 days of the notice (the day of receipt not
    counted); no means test; a volunteer is not counsel (Art. 25)."""
    now = at_local(2026, 12, 4, 16)  # a Friday
    case = await notified.register_notified_case(
        at(world, "staff", now),
        notified.NotifiedInput(
            client_id=new_id(),
            body_type=NotifyingBody.PROCURATORATE,
            body_name="青山县人民检察院",
            body_reference="青检刑通〔2026〕3号",
            ground=NotifiedGround.MINOR,
            defendant_name="李四",
            description="盗窃案，犯罪嫌疑人未满十八周岁",
        ),
    )
    assert case.assignment_due_at == at_local(2026, 12, 8, 0)  # the end of Monday 7th
    assert case.exempt and "第三十六条" in case.eligibility_reason
    assert case.applicant_id is None
    # The same notice twice: refused.
    with pytest.raises(BadInput):
        await notified.register_notified_case(
            at(world, "staff", now),
            notified.NotifiedInput(
                client_id=new_id(),
                body_type=NotifyingBody.PROCURATORATE,
                body_name="青山县人民检察院",
                body_reference="青检刑通〔2026〕3号",
                ground=NotifiedGround.MINOR,
                defendant_name="李四",
                description="重复",
            ),
        )
    await _provider(world, "lawyer", AidProviderKind.VOLUNTEER, None)
    with pytest.raises(BadInput) as refused:
        await decisions.assign(at(world, "staff", now), case.id, world.users["lawyer"].id)
    assert refused.value.reason == "DEFENCE_NEEDS_LAWYER"


async def test_workers_volunteers_and_qualified_staff_may_be_assigned(world: World) -> None:
    """Art. 12-13, 16-17: a civil case may go to a 基层法律服务工作者, a
    volunteer, or centre staff with a qualification; unqualified staff not."""
    call = world.call("staff")
    names = {p.user.username for p in await providers.assignable(call)}
    assert names == {"lawyer"}
    await _provider(world, "staff", AidProviderKind.CENTRE_STAFF, None)
    assert {p.user.username for p in await providers.assignable(call)} == {"lawyer"}
    await _provider(world, "staff", AidProviderKind.CENTRE_STAFF, None, qualified=True)
    await _provider(world, "lawyer", AidProviderKind.GRASSROOTS_WORKER, None)
    assert {p.user.username for p in await providers.assignable(call)} == {"lawyer", "staff"}
    request = await submit(world, "staff")
    await decisions.decide(call, request.id, True, "符合条件")
    assigned = await decisions.assign(call, request.id, world.users["staff"].id)
    assert assigned.assignee_id == world.users["staff"].id
    # A kind that does not fit the account's role, and another centre's account.
    with pytest.raises(BadInput):
        await _provider(world, "lawyer", AidProviderKind.CENTRE_STAFF, None)
    with pytest.raises(NotFound):
        await _provider(world, "lawyer_x", AidProviderKind.LAWYER, None)


# ------------------------------------------------------------------ termination, objections


async def _refused(world: World, now: datetime) -> LegalAidRequest:
    request = await submit(world, call=at(world, "applicant", now))
    return await decisions.decide(at(world, "staff", now), request.id, False, "收入高于标准")


async def test_refusal_document_names_the_objection_route(world: World) -> None:
    request = await _refused(world, at_local(2026, 12, 4, 10))
    document = await Document.get(target_id=str(request.id), kind="AID_REFUSAL")
    assert document.title == "不予法律援助决定书" and document.subject_id == request.applicant_id


async def test_objection_reviewed_within_five_days(world: World) -> None:
    request = await _refused(world, at_local(2026, 12, 3, 10))
    objection = await objections.file_objection(
        at(world, "applicant", at_local(2026, 12, 4, 18)), request.id, new_id(), "我家确实困难"
    )
    # Filed on Friday 4th: due by the end of Wednesday 9th.
    assert objection.due_at == at_local(2026, 12, 10, 0)
    assert not objections.is_review_overdue(
        objection, at_local(2026, 12, 10, 0) - timedelta(seconds=1)
    )
    assert objections.is_review_overdue(objection, at_local(2026, 12, 10, 0))
    assert await Notification.exists(
        kind="legal_aid.objection_filed", recipient_id=world.users["supervisor_bureau"].id
    )
    # One at a time; and nothing to object to in an approved request.
    with pytest.raises(Conflict):
        await objections.file_objection(world.call("applicant"), request.id, new_id(), "再次")
    approved = await submit(world)
    await decisions.decide(world.call("staff"), approved.id, True, "可")
    with pytest.raises(Conflict):
        await objections.file_objection(world.call("applicant"), approved.id, new_id(), "x")
    # The centre's staff and another county's bureau cannot decide it.
    with pytest.raises(Forbidden):
        await objections.decide_objection(world.call("staff"), objection.id, True, "维持")
    with pytest.raises(NotFound):
        await objections.decide_objection(
            world.call("supervisor_bureau_x"), objection.id, True, "维持"
        )
    decided = await objections.decide_objection(
        world.call("supervisor_bureau"), objection.id, True, "原决定正确"
    )
    assert decided.status == ObjectionStatus.UPHELD
    assert "行政复议" in (decided.decision_reason or "") and "行政诉讼" in (
        decided.decision_reason or ""
    )
    told = await Notification.get(kind="legal_aid.objection_upheld")
    assert "行政复议" in told.body
    with pytest.raises(Conflict):
        await objections.decide_objection(world.call("supervisor_bureau"), objection.id, False, "x")


async def test_correction_ordered_sends_the_refusal_back(world: World) -> None:
    request = await _refused(world, at_local(2026, 12, 3, 10))
    objection = await objections.file_objection(
        world.call("applicant"), request.id, new_id(), "困难"
    )
    when = at_local(2026, 12, 7, 10)
    await objections.decide_objection(
        at(world, "supervisor_bureau", when), objection.id, False, "应予援助"
    )
    request = await LegalAidRequest.get(id=request.id)
    assert request.status == LegalAidStatus.SUBMITTED
    assert request.decision_due_at == at_local(2026, 12, 15, 0)


async def test_termination_and_its_objection(world: World) -> None:
    request = await submit(world)
    await decisions.decide(world.call("staff"), request.id, True, "可")
    await decisions.assign(world.call("staff"), request.id, world.users["lawyer"].id)
    with pytest.raises(Forbidden):  # the lawyer reports, the centre decides (Art. 48 ¶2)
        await termination.terminate_aid(
            world.call("lawyer"), request.id, TerminationGround.OWN_COUNSEL, "x"
        )
    row = await termination.terminate_aid(
        world.call("staff"), request.id, TerminationGround.OWN_COUNSEL, "受援人已自行委托律师"
    )
    document = await Document.get(id=row.document_id)
    assert document.title == "终止法律援助决定书"
    assert (await LegalAidRequest.get(id=request.id)).status == LegalAidStatus.TERMINATED
    objection = await objections.file_objection(
        world.call("applicant"), request.id, new_id(), "没有委托"
    )
    await objections.decide_objection(
        world.call("supervisor_bureau"), objection.id, False, "事实不清"
    )
    restored = await LegalAidRequest.get(id=request.id)
    assert restored.status == LegalAidStatus.ASSIGNED and restored.closed_at is None


OBJECTIONS = """query($first: Int) { objections(first: $first) { totalCount
  edges { node { id status dueAt reviewOverdue
    request { referenceNumber orgUnit { name } } } } } }"""


async def test_who_sees_objections(gql: GraphQLClient, world: World) -> None:
    request = await _refused(world, datetime.now(UTC))
    await objections.file_objection(world.call("applicant"), request.id, new_id(), "困难")
    seen = {}
    for who in (
        "applicant",
        "applicant2",
        "staff",
        "staff_x",
        "supervisor_bureau",
        "supervisor_bureau_x",
        "supervisor",
        "lawyer",
        "officer_a",
        "admin",
    ):
        data = await gql.ok(OBJECTIONS, {"first": 5}, token=world.tokens[who])
        seen[who] = data["objections"]["totalCount"]
    assert seen == {
        "applicant": 1,
        "applicant2": 0,
        "staff": 1,
        "staff_x": 0,
        "supervisor_bureau": 1,
        "supervisor_bureau_x": 0,
        "supervisor": 0,
        "lawyer": 0,
        "officer_a": 0,
        "admin": 0,
    }


async def test_objections_query_count(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    counts = {}
    for size in (2, 20):
        while await objections.Objection.filter().count() < size:
            r = await _refused(world, datetime.now(UTC))
            await objections.file_objection(world.call("applicant"), r.id, new_id(), "困难")
        await gql.ok("{ viewer { id } }", token=world.tokens["supervisor_bureau"])
        with count_queries() as counter:
            data = await gql.ok(
                OBJECTIONS, {"first": size}, token=world.tokens["supervisor_bureau"]
            )
        assert len(data["objections"]["edges"]) == size
        counts[size] = counter.count
    assert counts[2] == counts[20], counts


# ------------------------------------------------------------------ progress and complaints


async def test_progress_seen_by_the_aided_person_and_a_change_of_lawyer(
    gql: GraphQLClient, world: World
) -> None:
    request = await submit(world)
    await decisions.decide(world.call("staff"), request.id, True, "可")
    await decisions.assign(world.call("staff"), request.id, world.users["lawyer"].id)
    hearing = datetime(2026, 12, 20, 1, 30, tzinfo=UTC)
    today = requests.local_date(datetime.now(UTC), TZ)
    entry = progress.ProgressInput(
        new_id(), ProgressKind.HEARING, today, "已立案，定于开庭", hearing
    )
    await progress.record_progress(world.call("lawyer"), request.id, entry)
    # Not the assignee: not found.
    with pytest.raises(NotFound):
        await progress.record_progress(
            world.call("lawyer_x"),
            request.id,
            progress.ProgressInput(new_id(), ProgressKind.OTHER, today, "x"),
        )
    with pytest.raises(BadInput):
        await progress.record_progress(
            world.call("lawyer"),
            request.id,
            progress.ProgressInput(new_id(), ProgressKind.MEETING, today + timedelta(days=1), "x"),
        )
    query = """query($id: ID!) { legalAidRequest(id: $id) { progress { kind note hearingAt }
      documents { title url } } }"""
    data = await gql.ok(query, {"id": str(request.id)}, token=world.tokens["applicant"])
    got = data["legalAidRequest"]
    assert got["progress"] == [
        {"kind": "HEARING", "note": "已立案，定于开庭", "hearingAt": "2026-12-20T01:30:00+00:00"}
    ]
    assert [d["title"] for d in got["documents"]] == ["给予法律援助决定书", "指派通知书"]
    assert await Notification.exists(kind="legal_aid.progress")
    # Art. 55: a change of lawyer asked for and granted: back to be assigned.
    change = await progress.file_complaint(
        world.call("applicant"), request.id, new_id(), ComplaintKind.CHANGE_ASSIGNEE, "律师不回电话"
    )
    with pytest.raises(NotFound):  # a change is the centre's to answer, not the bureau's
        await progress.decide_complaint(world.call("supervisor_bureau"), change.id, True, "x")
    await progress.decide_complaint(world.call("staff"), change.id, True, "同意更换")
    request = await LegalAidRequest.get(id=request.id)
    assert request.status == LegalAidStatus.APPROVED and request.assignee_id is None
    complaint = await progress.file_complaint(
        world.call("applicant"), request.id, new_id(), ComplaintKind.COMPLAINT, "未依法履行职责"
    )
    answered = await progress.decide_complaint(
        world.call("supervisor_bureau"), complaint.id, False, "经调查不属实"
    )
    assert answered.outcome == "经调查不属实"
    assert await Notification.filter(kind="legal_aid.complaint_decided").count() == 2
