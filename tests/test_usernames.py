"""Usernames are half of a sign-in: the public sees staff by their display
names, and a `username` asked of anyone but itself is FORBIDDEN to it.

Every field of the served schema that gives a User has a row below: how the
public reaches a staff account through it, or why it cannot.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from graphql import GraphQLObjectType, get_named_type

from api.domain.accounts import activation, sign_in
from api.domain.common.call import Call
from api.domain.corrections import check_ins, minors
from api.domain.legal_aid import consultations, progress
from api.models.accounts import User
from api.models.education import ActivityAttendance, EducationActivity, HelpRecord, ThoughtReport
from api.models.enums import (
    ActivityKind,
    CheckInKind,
    CheckInStatus,
    HelpKind,
    LegalAidStatus,
    MonitoringGround,
    ProgressKind,
    Role,
)
from api.models.monitoring import ElectronicMonitoring, MonitoringRenewal
from schema import build_schema
from tests.conftest import PASSWORD, GraphQLClient, World
from tests.days import office_today
from tests.test_authorization_matrix import INSIDE, Fixture, _asked, _referral


def user_fields() -> list[str]:
    """Every "Type.field" of the served schema whose type is User (or a list of them)."""
    schema = build_schema()._schema
    return sorted(
        f"{name}.{field_name}"
        for name, graphql_type in schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType) and not name.startswith("__")
        for field_name, field in graphql_type.fields.items()
        if get_named_type(field.type).name == "User"
    )


@dataclass(frozen=True)
class PublicPath:
    """A query by a member of the public that reaches a staff account through
    the field; `{USER}` stands for the User's selection."""

    viewer: str
    query: str
    staff: str  # the staff account it reaches
    setup: Callable[[Fixture], Awaitable[dict[str, Any]]]
    minor: bool = False  # person_a's record is a minor case (法 Art. 52)


async def _assigned_request(fx: Fixture) -> dict[str, Any]:
    """The applicant's request, decided by the centre's staff and assigned to its lawyer."""
    request = await fx.legal_aid_request(INSIDE, LegalAidStatus.ASSIGNED)
    return {"id": str(request.id)}


async def _answered_question(fx: Fixture) -> dict[str, Any]:
    """The applicant's online question, answered by the centre's staff."""
    consultation_id = await _asked(fx, INSIDE)
    await consultations.answer_consultation(
        fx.call("staff"), int(consultation_id), "可以申请仲裁。"
    )
    return {"id": consultation_id}


async def _referral_to_confirm(fx: Fixture) -> dict[str, Any]:
    """A request the centre's staff started from the applicant's question."""
    return {"id": await _referral(fx, INSIDE)}


async def _request_with_progress(fx: Fixture) -> dict[str, Any]:
    """The applicant's assigned request, with a step its lawyer recorded (Art. 46)."""
    request = await fx.legal_aid_request(INSIDE, LegalAidStatus.ASSIGNED)
    today = office_today() - timedelta(days=1)
    await progress.record_progress(
        fx.call("lawyer"),
        request.id,
        progress.ProgressInput(str(uuid.uuid4()), ProgressKind.MEETING, today, "会见"),
    )
    return {"id": str(request.id)}


async def _person_with_check_ins(fx: Fixture, *, officer_last: bool) -> dict[str, Any]:
    """person_a's record (its officer is officer_a), with a check-in officer_a
    recorded and a self-report officer_a verified; the officer's one the
    newest, or the self-report."""
    officer = fx.call("officer_a")
    person_id = fx.person_ids[INSIDE]
    # After the enrolment a moment ago, within a phone clock's allowed skew.
    now = datetime.now(UTC)
    recorded = now + timedelta(seconds=2 if officer_last else 1)
    reported = now + timedelta(seconds=1 if officer_last else 2)
    no_place: dict[str, Any] = {"latitude_deg": None, "longitude_deg": None, "accuracy": None}
    await check_ins.submit_check_in(
        officer,
        client_id=str(uuid.uuid4()),
        person_id=person_id,
        kind=CheckInKind.IN_PERSON,
        captured_at=recorded,
        note="面谈",
        **no_place,
    )
    own = await check_ins.submit_check_in(
        fx.call("person_a"),
        client_id=str(uuid.uuid4()),
        person_id=None,
        kind=CheckInKind.SELF_REPORT,
        captured_at=reported,
        note=None,
        **no_place,
    )
    await check_ins.review_check_in(officer, own.id, CheckInStatus.VERIFIED, None)
    return {"id": str(person_id)}


async def _decided_leave(fx: Fixture) -> dict[str, Any]:
    """person_a's leave, decided by the county centre's supervisor."""
    from api.domain.corrections import leave
    from api.models.leave import LeaveKind

    today = office_today()
    asked = await leave.request_leave(
        fx.call("person_a"),
        client_id=str(uuid.uuid4()),
        person_id=None,
        kind=LeaveKind.LEAVE,
        starts_on=today + timedelta(days=1),
        ends_on=today + timedelta(days=3),
        destination="广州市天河区",
        reason="探望住院的母亲",
        captured_at=datetime.now(UTC),
        evidence=None,
    )
    await leave.decide_leave(
        fx.call("supervisor"), asked.id, approve=True, note=None, approving_body=None
    )
    return {}


async def _proposed_sanction(fx: Fixture) -> dict[str, Any]:
    """A violation of person_a recorded by its officer, and the officer's proposal."""
    from api.domain.corrections import sanctions, violations
    from api.models.sanctions import ViolationKind

    officer = fx.call("officer_a")
    breach = await violations.record_violation(
        officer,
        fx.person_ids[INSIDE],
        kind=ViolationKind.MINOR_BREACH,
        occurred_on=office_today(),
        facts="未按规定参加教育学习",
        days=None,
    )
    await sanctions.propose_sanction(
        officer,
        fx.person_ids[INSIDE],
        violation_ids=[breach.id],
        measure=None,
        facts="未按规定参加教育学习",
        override_reason=None,
    )
    return {}


async def _own_person(fx: Fixture) -> dict[str, Any]:
    return await _person_with_check_ins(fx, officer_last=True)


async def _own_reviewed_person(fx: Fixture) -> dict[str, Any]:
    return await _person_with_check_ins(fx, officer_last=False)


async def _own_minor_case(fx: Fixture) -> dict[str, Any]:
    """person_a's minor case, a second officer of its office designated by the
    county's corrections supervisor to know its identity (法 Art. 54)."""
    officer = fx.world.users["officer_a"]
    fx.world.users["officer_a2"] = colleague = await User.create(
        username="officer_a2",
        display_name="李强",
        role=Role.OFFICER,
        org_unit_id=officer.org_unit_id,
        password_hash=officer.password_hash,
    )
    person_id = fx.person_ids[INSIDE]
    await minors.designate_staff(fx.call("supervisor"), person_id, colleague.id)
    return {"id": str(person_id)}


async def _own_records(fx: Fixture) -> dict[str, Any]:
    """person_a's electronic positioning (approved by the county bureau's head,
    recorded, renewed and ended by officer_a), a session, help and a monthly
    report officer_a answered."""
    person_id = fx.person_ids[INSIDE]
    officer, head = fx.world.users["officer_a"], fx.world.users["supervisor_bureau"]
    now = datetime.now(UTC)
    today = now.date()
    row = await ElectronicMonitoring.create(
        person_id=person_id,
        ground=MonitoringGround.PROHIBITION_ORDER_BREACH,
        facts="违反禁止令",
        approved_by_id=head.id,
        approved_on=today,
        approval_document="1",
        starts_on=today,
        ends_on=today,
        recorded_by_id=officer.id,
        recorded_at=now,
        ended_on=today,
        end_reason="不需要继续使用",
        ended_by_id=officer.id,
    )
    await MonitoringRenewal.create(
        monitoring_id=row.id,
        previous_ends_on=today,
        ends_on=today,
        assessment="评估",
        approved_by_id=head.id,
        approved_on=today,
        approval_document="2",
        recorded_by_id=officer.id,
        recorded_at=now,
    )
    activity = await EducationActivity.create(
        client_id=str(uuid.uuid4()),
        org_unit_id=officer.org_unit_id,
        kind=ActivityKind.EDUCATION,
        title="法治教育",
        held_on=today,
        hours=2,
        recorded_by_id=officer.id,
        recorded_at=now,
    )
    await ActivityAttendance.create(activity_id=activity.id, person_id=person_id, held_on=today)
    await HelpRecord.create(
        person_id=person_id,
        kind=HelpKind.HOUSING,
        helped_on=today,
        helper="村委会",
        description="协调租房",
        outcome="已入住",
        recorded_by_id=officer.id,
        recorded_at=now,
    )
    await ThoughtReport.create(
        client_id=str(uuid.uuid4()),
        person_id=person_id,
        month="2026-01",
        body="汇报",
        captured_at=now,
        received_at=now,
        submitted_by_id=fx.world.users["person_a"].id,
        reply="收到",
        replied_by_id=officer.id,
        replied_at=now,
    )
    return {"id": str(person_id)}


MONITORING = "query { electronicMonitoring { edges { node { %s } } } }"


PERSON = """query($id: ID!) { supervisedPerson(id: $id) { %s } }"""
CHECK_INS = "checkIns(first: 10) { edges { node { %s } } }"
REQUEST = """query($id: ID!) { legalAidRequest(id: $id) { %s } }"""
REQUESTS = """query { legalAidRequests(first: 10) { edges { node { %s } } } }"""

# How the public reaches staff through each field, or why it cannot.
PUBLIC_PATHS: dict[str, list[PublicPath] | str] = {
    "LegalAidRequest.assignee": [
        PublicPath("applicant", REQUEST % "assignee {USER}", "lawyer", _assigned_request),
        PublicPath("applicant", REQUESTS % "assignee {USER}", "lawyer", _assigned_request),
    ],
    "ProgressEntry.recordedBy": [
        PublicPath(
            "applicant",
            REQUEST % "progress { recordedBy {USER} }",
            "lawyer",
            _request_with_progress,
        ),
    ],
    "AidProvider.user": "aidProviders and setAidProviderProfile are centre staff and ADMIN "
    "only (test_authorization_matrix)",
    "StatusChange.by": [
        PublicPath("applicant", REQUEST % "history { by {USER} }", "staff", _assigned_request),
        PublicPath("applicant", REQUESTS % "history { by {USER} }", "staff", _assigned_request),
    ],
    "SupervisedPerson.officer": [
        PublicPath("person_a", PERSON % "officer {USER}", "officer_a", _own_person),
        PublicPath(
            "person_a",
            "query { supervisedPersons { edges { node { officer {USER} } } } }",
            "officer_a",
            _own_person,
        ),
    ],
    "CheckIn.recordedBy": [
        PublicPath(
            "person_a", PERSON % (CHECK_INS % "recordedBy {USER}"), "officer_a", _own_person
        ),
        PublicPath(
            "person_a", PERSON % "lastCheckIn { recordedBy {USER} }", "officer_a", _own_person
        ),
    ],
    "CheckIn.reviewedBy": [
        PublicPath(
            "person_a", PERSON % (CHECK_INS % "reviewedBy {USER}"), "officer_a", _own_person
        ),
        PublicPath(
            "person_a",
            PERSON % "lastCheckIn { reviewedBy {USER} }",
            "officer_a",
            _own_reviewed_person,
        ),
    ],
    # The person of a minor case knows its own identity, so sees who else may.
    "SupervisedPerson.minorCaseStaff": [
        PublicPath(
            "person_a", PERSON % "minorCaseStaff {USER}", "officer_a2", _own_minor_case, True
        ),
        PublicPath(
            "person_a",
            "query { supervisedPersons { edges { node { minorCaseStaff {USER} } } } }",
            "officer_a2",
            _own_minor_case,
            True,
        ),
    ],
    "ElectronicMonitoring.approvedBy": [
        PublicPath("person_a", MONITORING % "approvedBy {USER}", "supervisor_bureau", _own_records)
    ],
    "ElectronicMonitoring.recordedBy": [
        PublicPath("person_a", MONITORING % "recordedBy {USER}", "officer_a", _own_records)
    ],
    "ElectronicMonitoring.endedBy": [
        PublicPath("person_a", MONITORING % "endedBy {USER}", "officer_a", _own_records)
    ],
    "MonitoringRenewal.approvedBy": [
        PublicPath(
            "person_a",
            MONITORING % "renewals { approvedBy {USER} }",
            "supervisor_bureau",
            _own_records,
        )
    ],
    "Activity.recordedBy": [
        PublicPath(
            "person_a",
            "query { activities { edges { node { recordedBy {USER} } } } }",
            "officer_a",
            _own_records,
        )
    ],
    "HelpRecord.recordedBy": [
        PublicPath(
            "person_a", PERSON % "helpRecords { recordedBy {USER} }", "officer_a", _own_records
        )
    ],
    "ThoughtReport.repliedBy": [
        PublicPath(
            "person_a",
            "query { thoughtReports { edges { node { repliedBy {USER} } } } }",
            "officer_a",
            _own_records,
        )
    ],
    "WellbeingAnswer.acknowledgedBy": "the triage and the check-in's answers' acknowledgement "
    "are staff only: wellbeingTriage, SupervisedPerson.attention (null to the person) and "
    "acknowledgeWellbeing (test_authorization_matrix)",
    "Query.electronicMonitoringApprovers": "corrections staff only (test_authorization_matrix)",
    "SupervisedPerson.account": "the person's own account: test_own_username_is_shown",
    "Query.viewer": "the viewer itself: test_own_username_is_shown",
    "LoginPayload.viewer": "the account signing in: test_own_username_is_shown",
    "Dispute.mediator": "disputes are staff only (test_authorization_matrix)",
    "MediationVisit.mediator": "disputes are staff only (test_authorization_matrix)",
    "IntakeConfirmation.confirmedBy": "intakes are corrections staff only: pendingIntakes, "
    "registerPendingIntake and confirmIntake (test_authorization_matrix)",
    "SearchAction.doneBy": "脱管 searches are staff only: searchRecord(s) are empty to a "
    "supervised person (test_the_person_sees_none_of_its_searches), logSearchAction is "
    "corrections staff only (test_authorization_matrix)",
    "Query.assignableLawyers": "LEGAL_AID_STAFF only (test_authorization_matrix)",
    "Consultation.answeredBy": [
        PublicPath(
            "applicant",
            "query($id: ID!) { consultation(id: $id) { answeredBy {USER} } }",
            "staff",
            _answered_question,
        ),
    ],
    "Consultation.recordedBy": "the public sees only the questions it asked itself, which it "
    "recorded (test_scope_for_every_role)",
    "LegalAidReferral.referredBy": [
        PublicPath(
            "applicant",
            "query($id: ID!) { legalAidReferral(id: $id) { referredBy {USER} } }",
            "staff",
            _referral_to_confirm,
        ),
    ],
    "CaseClosing.assignee": "ended cases are legal-aid staff only (test_authorization_matrix)",
    "ReturnCall.calledBy": "ended cases are legal-aid staff only (test_authorization_matrix)",
    "FileReview.reviewedBy": "ended cases are legal-aid staff only (test_authorization_matrix)",
    "AssigneeQuality.assignee": "quality figures are staff only (test_authorization_matrix)",
    "Mutation.createUser": "ADMIN only (test_authorization_matrix)",
    "Mutation.setAccountActive": "ADMIN only (test_authorization_matrix)",
    "Mutation.resetTwoStep": "ADMIN only (test_authorization_matrix)",
    "ResettlementRecord.officer": "resettlement records are staff only: officers and the "
    "bureau's supervisors (test_authorization_matrix)",
    "MonthlyReportVersion.submittedBy": "monthly reports are staff only: officers, "
    "supervisors and admins (test_authorization_matrix)",
    "LeaveRequest.decidedBy": [
        PublicPath(
            "person_a",
            "{ leaveRequests(first: 5) { edges { node { decidedBy {USER} } } } }",
            "supervisor",
            _decided_leave,
        ),
    ],
    "Violation.recordedBy": [
        PublicPath(
            "person_a",
            "{ violations(first: 5) { edges { node { recordedBy {USER} } } } }",
            "officer_a",
            _proposed_sanction,
        ),
    ],
    "Sanction.proposedBy": [
        PublicPath(
            "person_a",
            "{ sanctions(first: 5) { edges { node { proposedBy {USER} } } } }",
            "officer_a",
            _proposed_sanction,
        ),
    ],
    "DeadlineExtension.recordedBy": "a dispute's deadlines are mediation staff only "
    "(test_authorization_matrix)",
    "ScreeningCampaign.startedBy": "screening campaigns are mediation staff only "
    "(test_authorization_matrix)",
    "ScreeningReport.filedBy": "screening reports are mediation staff only "
    "(test_authorization_matrix)",
}


def test_every_user_field_has_a_row() -> None:
    assert sorted(PUBLIC_PATHS) == user_fields()


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


async def _fixture(world: World, *, minor: bool = False) -> Fixture:
    fx = Fixture(world)
    enrolled = await fx.enrol(INSIDE, minor=minor)
    activated = await activation.activate_account(
        Call(settings=world.settings), enrolled.activation_code, "person_a", "a long password"
    )
    world.users["person_a"] = activated.user
    fx.person_ids[INSIDE] = enrolled.person.id
    return fx


async def _token(world: World, who: str) -> str:
    return (await sign_in.open_session(world.call(who), world.users[who])).token


CASES = [
    (field_name, n)
    for field_name, paths in PUBLIC_PATHS.items()
    if isinstance(paths, list)
    for n in range(len(paths))
]


@pytest.mark.parametrize(("field_name", "n"), CASES, ids=[f"{f}-{n}" for f, n in CASES])
async def test_the_public_sees_staff_by_display_name_only(
    gql: GraphQLClient, world: World, field_name: str, n: int
) -> None:
    path = PUBLIC_PATHS[field_name]
    assert isinstance(path, list)
    case = path[n]
    fx = await _fixture(world, minor=case.minor)
    variables = await case.setup(fx)
    staff = world.users[case.staff]
    public = await _token(world, case.viewer)

    shown = await gql.ok(
        case.query.replace("{USER}", "{ id displayName }"), variables, token=public
    )
    assert staff.display_name in set(_strings(shown))

    asked = await gql(
        case.query.replace("{USER}", "{ id displayName username }"), variables, token=public
    )
    assert staff.username not in set(_strings(asked.get("data")))
    refusals = [e for e in asked["errors"] if e["path"][-1] == "username"]
    assert refusals and all(e["extensions"]["code"] == "FORBIDDEN" for e in refusals)
    assert {e["extensions"]["code"] for e in asked["errors"]} == {"FORBIDDEN"}

    # Staff who reach the same account see its username.
    colleague = "officer_a" if case.viewer == "person_a" else "staff"
    query = case.query.replace("{USER}", "{ username }")
    if "legalAidRequests" in query or "supervisedPersons" in query:
        seen = await gql.ok(query, token=await _token(world, colleague))
    else:
        seen = await gql.ok(query, variables, token=await _token(world, colleague))
    assert staff.username in set(_strings(seen))


async def test_own_username_is_shown(gql: GraphQLClient, world: World) -> None:
    fx = await _fixture(world)
    person = world.users["person_a"]
    token = await _token(world, "person_a")
    own = await gql.ok(
        PERSON % "account { username } officer { displayName }",
        {"id": str(fx.person_ids[INSIDE])},
        token=token,
    )
    assert own["supervisedPerson"]["account"] == {"username": person.username}
    viewer = await gql.ok("{ viewer { username } }", token=token)
    assert viewer["viewer"] == {"username": person.username}
    # Signing in answers before the request has a viewer.
    signed_in = await gql.ok(
        'mutation($p: String!) { login(username: "applicant", password: $p) {'
        " viewer { username } } }",
        {"p": PASSWORD},
    )
    assert signed_in["login"]["viewer"] == {"username": "applicant"}
    # An applicant's own steps in the history show its username.
    request = await fx.legal_aid_request(INSIDE)
    history = await gql.ok(
        REQUEST % "history { by { username } }",
        {"id": str(request.id)},
        token=await _token(world, "applicant"),
    )
    assert history["legalAidRequest"]["history"] == [{"by": {"username": "applicant"}}]
