"""A released person's own account (安置帮教), at their request only: the
officer issues a code (the consent on the audit log), a new one replaces an
unused one, only while the record is open; the person activates it on the
activation screen the supervised persons use; the officer ends it at the
person's wish; the person sees their own help and office, nothing else, and
asks the office to get in touch."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest

from api.domain.accounts import activation, sign_in
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, DomainError, Forbidden, NotFound
from api.domain.common.messages import render
from api.domain.resettlement import account, care
from api.models.accounts import Session, User
from api.models.audit import AuditEntry
from api.models.enums import ResettlementHelpKind, Role
from api.models.notifications import Notification
from api.models.resettlement import (
    ResettlementActivationCode,
    ResettlementContactRequest,
    ResettlementRecord,
)
from tests.conftest import PASSWORD, GraphQLClient, QueryCounter, World
from tests.test_resettlement import DAY, at, meet, notice, today

ACTIVATE = """mutation($code: String!, $username: String!, $password: String!) {
  activateAccount(code: $code, username: $username, password: $password) {
    token viewer { role displayName } } }"""
MINE = """{ myResettlement { officeName officePhone assistanceEndsOn
  help { kind on description } contactRequests { message } } }"""


async def received(world: World, unit: str = "a") -> ResettlementRecord:
    """A record of the unit's office whose person was met today, with help given."""
    officer = f"officer_{unit}"
    record = await notice(world, ahead=0, who=officer, unit=unit)
    await meet(world.call(officer), record, today(world))
    await care.record_help(
        world.call(officer),
        client_id=str(uuid.uuid4()),
        record_id=record.id,
        on=today(world),
        kind=ResettlementHelpKind.EMPLOYMENT,
        description=f"介绍到{unit}厂务工",
    )
    return await ResettlementRecord.get(id=record.id)


async def activated(world: World, record: ResettlementRecord, username: str) -> str:
    """The record's person with an account; its session's token."""
    issued = await account.issue_account_code(
        world.call("officer_a" if username != "released_x" else "officer_x"),
        record.id,
        person_requested=True,
    )
    done = await activation.activate_account(
        Call(settings=world.settings), issued.code, username, "a long password"
    )
    return done.token


# ------------------------------------------------------------------ issuing


async def test_a_code_only_at_the_persons_request_and_the_consent_is_audited(
    world: World,
) -> None:
    record = await received(world)
    with pytest.raises(BadInput) as refused:
        await account.issue_account_code(world.call("officer_a"), record.id, person_requested=False)
    assert refused.value.reason == "RESETTLEMENT_REQUEST_REQUIRED"
    assert not await ResettlementActivationCode.exists(record_id=record.id)
    issued = await account.issue_account_code(
        world.call("officer_a"), record.id, person_requested=True
    )
    assert issued.code and issued.expires_at > world.call().now
    row = await ResettlementActivationCode.get(record_id=record.id)
    assert row.requested_with_id == world.users["officer_a"].id
    entry = await AuditEntry.get(action="resettlement.issue_code", target_id=str(record.id))
    assert entry.actor_id == world.users["officer_a"].id
    assert entry.summary == {"personRequested": True, "replaced": 0}
    assert issued.code not in str(entry.summary)
    # Nobody outside the record's office issues one; other roles may not at all.
    for who in ("officer_b", "officer_x", "supervisor"):
        with pytest.raises(NotFound):
            await account.issue_account_code(world.call(who), record.id, person_requested=True)
    for who in ("mediator_a", "staff", "admin", "applicant"):
        with pytest.raises(Forbidden):
            await account.issue_account_code(world.call(who), record.id, person_requested=True)
    assert await ResettlementActivationCode.filter(record_id=record.id).count() == 1


async def test_a_new_code_replaces_an_unused_one(world: World) -> None:
    record = await received(world)
    first = await account.issue_account_code(
        world.call("officer_a"), record.id, person_requested=True
    )
    second = await account.issue_account_code(
        world.call("officer_a"), record.id, person_requested=True
    )
    entries = await AuditEntry.filter(action="resettlement.issue_code", target_id=str(record.id))
    assert [e.summary["replaced"] for e in sorted(entries, key=lambda e: e.id)] == [0, 1]
    with pytest.raises(BadInput) as refused:
        await activation.activate_account(
            Call(settings=world.settings), first.code, "released_old", "a long password"
        )
    assert refused.value.reason == "ACTIVATION_CODE_INVALID"
    done = await activation.activate_account(
        Call(settings=world.settings), second.code, "released_new", "a long password"
    )
    assert done.user.role == Role.RELEASED_PERSON


async def test_the_last_day_of_the_period_issues_and_the_day_after_is_closed(
    world: World,
) -> None:
    record = await received(world)
    await ResettlementRecord.filter(id=record.id).update(assistance_ends_on=today(world))
    now = world.call().now
    issued = await account.issue_account_code(
        at(world, "officer_a", now), record.id, person_requested=True
    )
    with pytest.raises(Conflict) as refused:
        await account.issue_account_code(
            at(world, "officer_a", now + DAY), record.id, person_requested=True
        )
    assert refused.value.reason == "RESETTLEMENT_CLOSED"
    assert refused.value.params == {"ends_on": today(world).isoformat()}
    # The refused one changed nothing: the code of the last day still works.
    assert await ResettlementActivationCode.filter(record_id=record.id, voided_at=None).count() == 1
    done = await activation.activate_account(
        Call(settings=world.settings), issued.code, "released_last", "a long password"
    )
    assert done.user.role == Role.RELEASED_PERSON


# ------------------------------------------------------------------ activating


async def test_the_person_activates_on_the_same_screen_and_the_record_has_the_account(
    world: World, gql: GraphQLClient
) -> None:
    record = await received(world)
    issued = await gql.ok(
        """mutation($id: ID!) { issueResettlementAccountCode(id: $id, personRequested: true) {
          activationCode expiresAt record { id hasAccount } } }""",
        {"id": str(record.id)},
        token=world.tokens["officer_a"],
    )
    code = issued["issueResettlementAccountCode"]["activationCode"]
    assert issued["issueResettlementAccountCode"]["record"]["hasAccount"] is False
    data = await gql.ok(ACTIVATE, {"code": code, "username": "wangwu", "password": PASSWORD})
    payload = data["activateAccount"]
    assert payload["viewer"] == {"role": "RELEASED_PERSON", "displayName": "王五"}
    stored = await ResettlementRecord.get(id=record.id)
    user = await User.get(username="wangwu")
    assert stored.account_id == user.id and user.org_unit_id == record.org_unit_id
    assert user.phone == record.phone
    entry = await AuditEntry.get(action="resettlement.activate", target_id=str(record.id))
    assert entry.target_type == "ResettlementRecord" and entry.actor_id == user.id
    # Once only: the used code, and a second code for a record with an account.
    again = await gql.error(ACTIVATE, {"code": code, "username": "wangwu2", "password": PASSWORD})
    assert again["code"] == "BAD_USER_INPUT" and again["field"] == "code"
    with pytest.raises(Conflict) as refused:
        await account.issue_account_code(world.call("officer_a"), record.id, person_requested=True)
    assert refused.value.reason == "RESETTLEMENT_ACCOUNT_EXISTS"
    seen = await gql.ok(
        "query($id: ID!) { resettlementRecord(id: $id) { hasAccount } }",
        {"id": str(record.id)},
        token=world.tokens["officer_a"],
    )
    assert seen["resettlementRecord"]["hasAccount"] is True


@pytest.mark.parametrize(
    ("language", "locale"), [("zh-CN,zh;q=0.9", "zh-CN"), ("en-GB,en;q=0.8", "en")]
)
async def test_a_wrong_code_is_refused_in_the_persons_language(
    world: World, client: httpx.AsyncClient, language: str, locale: str
) -> None:
    record = await received(world)
    await account.issue_account_code(world.call("officer_a"), record.id, person_requested=True)
    response = await client.post(
        "/graphql",
        json={
            "query": ACTIVATE,
            "variables": {"code": "WRONG-CODE", "username": "nobody", "password": PASSWORD},
        },
        headers={"Accept-Language": language},
    )
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["reason"] == "ACTIVATION_CODE_INVALID"
    assert error["message"] == render("ACTIVATION_CODE_INVALID", locale)
    assert ("激活码" in error["message"]) is (locale == "zh-CN")
    assert not await User.exists(username="nobody")
    assert (await ResettlementRecord.get(id=record.id)).account_id is None


# ------------------------------------------------------------------ ending


async def test_the_officer_ends_the_account_at_the_persons_wish(
    world: World, gql: GraphQLClient
) -> None:
    record = await received(world)
    token = await activated(world, record, "released_end")
    user = await User.get(username="released_end")
    await gql.ok(MINE, token=token)
    ended = await gql.ok(
        "mutation($id: ID!) { endResettlementAccount(id: $id) { id hasAccount } }",
        {"id": str(record.id)},
        token=world.tokens["officer_a"],
    )
    assert ended["endResettlementAccount"]["hasAccount"] is False
    assert not (await User.get(id=user.id)).is_active
    assert not await Session.filter(user_id=user.id, revoked_at=None).exists()
    assert (await gql.error(MINE, token=token))["code"] == "UNAUTHENTICATED"
    with pytest.raises(DomainError):
        await sign_in.login(Call(settings=world.settings), "released_end", "a long password")
    entry = await AuditEntry.get(action="resettlement.end_account", target_id=str(record.id))
    assert entry.summary["userId"] == user.id and entry.summary["sessionsRevoked"] == 1
    # Nothing to end twice; the person may ask again for a new account.
    with pytest.raises(Conflict) as refused:
        await account.end_account(world.call("officer_a"), record.id)
    assert refused.value.reason == "RESETTLEMENT_NO_ACCOUNT"
    with pytest.raises(NotFound):
        await account.end_account(world.call("officer_x"), record.id)
    await activated(world, record, "released_again")


# ------------------------------------------------------------------ the person's view


async def test_the_person_sees_only_their_own_help_and_office(
    world: World, gql: GraphQLClient
) -> None:
    mine, other_here, other_there = (
        await received(world),
        await received(world),
        await received(world, "x"),
    )
    await User.filter(id=world.users["officer_a"].id).update(phone="13700137000")
    token = await activated(world, mine, "released_a")
    await activated(world, other_there, "released_x")
    data = (await gql.ok(MINE, token=token))["myResettlement"]
    assert data["officeName"] == world.units["a"].name
    assert data["officePhone"] == "13700137000"
    assert data["assistanceEndsOn"] == mine.assistance_ends_on.isoformat()
    assert data["help"] == [
        {"kind": "EMPLOYMENT", "on": today(world).isoformat(), "description": "介绍到a厂务工"}
    ]
    assert data["contactRequests"] == []
    # No name of anyone else, not the officer's either; no other record.
    body = str(data)
    assert world.users["officer_a"].display_name not in body and "王五" not in body
    assert "介绍到x厂务工" not in body  # the help of the record of another office
    for query, code in (
        ("{ resettlementRecords { totalCount } }", "FORBIDDEN"),
        (f'{{ resettlementRecord(id: "{mine.id}") {{ id }} }}', "FORBIDDEN"),
        (f'{{ resettlementRecord(id: "{other_here.id}") {{ id }} }}', "FORBIDDEN"),
        ("{ supervisedPersons { totalCount } }", "FORBIDDEN"),
    ):
        assert (await gql.error(query, token=token))["code"] == code, query
    # Staff have no record of their own to see.
    for who in ("officer_a", "person_a" if "person_a" in world.tokens else "applicant"):
        assert (await gql.error(MINE, token=world.tokens[who]))["code"] == "FORBIDDEN"


async def test_the_person_asks_the_office_to_get_in_touch_once_per_client_id(
    world: World, gql: GraphQLClient
) -> None:
    record = await received(world)
    token = await activated(world, record, "released_ask")
    send = """mutation($input: ResettlementContactRequestInput!) {
      sendResettlementContactRequest(input: $input) { id message } }"""
    variables = {"input": {"clientId": str(uuid.uuid4()), "message": "想找份工作，请联系我"}}
    first = await gql.ok(send, variables, token=token)
    replay = await gql.ok(send, variables, token=token)
    assert first == replay
    assert await ResettlementContactRequest.filter(record_id=record.id).count() == 1
    mine = await gql.ok(MINE, token=token)
    assert mine["myResettlement"]["contactRequests"] == [{"message": "想找份工作，请联系我"}]
    seen = await gql.ok(
        "query($id: ID!) { resettlementRecord(id: $id) { contactRequests { message sentAt } } }",
        {"id": str(record.id)},
        token=world.tokens["officer_a"],
    )
    assert [r["message"] for r in seen["resettlementRecord"]["contactRequests"]] == [
        "想找份工作，请联系我"
    ]
    notice_row = await Notification.get(kind="resettlement.contact_request")
    assert notice_row.recipient_id == world.users["officer_a"].id
    assert "王五" not in notice_row.title + notice_row.body
    empty = await gql.error(
        send, {"input": {"clientId": str(uuid.uuid4()), "message": "  "}}, token=token
    )
    assert empty["code"] == "BAD_USER_INPUT" and empty["field"] == "message"
    assert await ResettlementContactRequest.filter(record_id=record.id).count() == 1
    with pytest.raises(Forbidden):
        await account.send_contact_request(
            world.call("officer_a"), client_id=str(uuid.uuid4()), message="x"
        )


CONTACT_LIST = """query($first: Int) { resettlementRecords(first: $first) {
  edges { node { id contactRequests { message sentAt } } } } }"""


async def test_the_contact_requests_cost_the_same_for_2_and_20_records(
    world: World, gql: GraphQLClient, count_queries: type[QueryCounter]
) -> None:
    for n in range(20):
        record = await received(world)
        await activated(world, record, f"released_{n:02d}")
        person = await User.get(username=f"released_{n:02d}")
        unit = world.units["a"]
        await account.send_contact_request(
            Call(settings=world.settings, viewer=sign_in.viewer_of(person, unit)),
            client_id=str(uuid.uuid4()),
            message=f"请联系{n}",
        )
    counts = {}
    for size in (2, 20):
        with count_queries() as counted:
            data = await gql.ok(CONTACT_LIST, {"first": size}, token=world.tokens["officer_a"])
        edges = data["resettlementRecords"]["edges"]
        assert len(edges) == size and all(len(e["node"]["contactRequests"]) == 1 for e in edges)
        counts[size] = counted.count
    assert counts[2] == counts[20], counts


async def test_a_code_expires_after_the_enrolments_lifetime(world: World) -> None:
    record = await received(world)
    issued = await account.issue_account_code(
        world.call("officer_a"), record.id, person_requested=True
    )
    late = Call(settings=world.settings, now=issued.expires_at)
    with pytest.raises(BadInput):
        await activation.activate_account(late, issued.code, "released_late", "a long password")
    just = Call(settings=world.settings, now=issued.expires_at - timedelta(seconds=1))
    done = await activation.activate_account(just, issued.code, "released_in", "a long password")
    assert done.user.role == Role.RELEASED_PERSON
