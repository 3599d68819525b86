"""Reviewing a person's pending check-ins at once (the review queue's
"confirm all"): all or nothing, scope-checked for every id."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from api.models.audit import AuditEntry
from api.models.corrections import CheckIn
from api.models.enums import CheckInStatus
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.test_corrections import DAY, SUBMIT, activate, enroll, iso, reload

REVIEW_ALL = """mutation($ids: [ID!]!, $s: CheckInStatus!, $n: String) {
  reviewCheckIns(ids: $ids, status: $s, note: $n) { id status reviewedBy { username } }
}"""


async def taps(
    gql: GraphQLClient, world: World, n: int, *, unit: str = "a", seq: int = 7
) -> tuple[int, list[str]]:
    """A person who checked in `n` times in a row: (person id, check-in ids)."""
    officer = "officer_a" if unit == "a" else "officer_b"
    enrolled = await enroll(world, officer, unit=unit, when=datetime.now(UTC) - 2 * DAY, seq=seq)
    _, token = await activate(world, enrolled, f"person{seq}", datetime.now(UTC))
    ids = []
    for i in range(n):
        captured = iso(datetime.now(UTC) - timedelta(minutes=n - i))
        body = {"i": {"clientId": str(uuid.uuid4()), "capturedAt": captured}}
        ids.append((await gql.ok(SUBMIT, body, token=token))["submitCheckIn"]["id"])
    return enrolled.person.id, ids


async def test_confirm_all_of_a_person(gql: GraphQLClient, world: World) -> None:
    person_id, ids = await taps(gql, world, 3)
    data = await gql.ok(REVIEW_ALL, {"ids": ids, "s": "VERIFIED"}, token=world.tokens["officer_a"])
    assert [r["id"] for r in data["reviewCheckIns"]] == ids
    assert {r["status"] for r in data["reviewCheckIns"]} == {"VERIFIED"}
    assert {r["reviewedBy"]["username"] for r in data["reviewCheckIns"]} == {"officer_a"}
    assert await CheckIn.filter(status=CheckInStatus.PENDING_REVIEW).count() == 0
    newest = await CheckIn.get(id=int(ids[-1]))
    assert (await reload(person_id)).last_check_in_at == newest.captured_at
    entries = await AuditEntry.filter(action="checkin.review").values_list("target_id", flat=True)
    assert sorted(entries) == sorted(ids)


async def test_one_id_out_of_scope_refuses_the_batch(gql: GraphQLClient, world: World) -> None:
    _, mine = await taps(gql, world, 2, seq=7)
    _, theirs = await taps(gql, world, 1, unit="b", seq=8)
    officer = world.tokens["officer_a"]
    for ids in ([*mine, *theirs], [*mine, "999999"]):
        ext = await gql.error(REVIEW_ALL, {"ids": ids, "s": "VERIFIED"}, token=officer)
        assert ext["code"] == "NOT_FOUND"
    ext = await gql.error(REVIEW_ALL, {"ids": mine, "s": "REJECTED"}, token=officer)
    assert ext == {"code": "BAD_USER_INPUT", "field": "note"}
    ext = await gql.error(REVIEW_ALL, {"ids": [], "s": "VERIFIED"}, token=officer)
    assert ext == {"code": "BAD_USER_INPUT", "field": "ids"}
    ext = await gql.error(REVIEW_ALL, {"ids": [mine[0], "x"], "s": "VERIFIED"}, token=officer)
    assert ext == {"code": "BAD_USER_INPUT", "field": "ids.1"}
    # Nothing changed, and nothing was written to the log.
    assert await CheckIn.filter(status=CheckInStatus.PENDING_REVIEW).count() == 3
    assert await AuditEntry.filter(action="checkin.review").count() == 0


async def test_rejecting_all_tells_the_person_once_per_check_in(
    gql: GraphQLClient, world: World
) -> None:
    from api.models.notifications import Notification

    _, ids = await taps(gql, world, 2)
    await gql.ok(
        REVIEW_ALL, {"ids": ids, "s": "REJECTED", "n": "重复报到"}, token=world.tokens["officer_a"]
    )
    assert await Notification.filter(kind="checkin.rejected").count() == 2


async def test_queries_grow_only_by_the_log_entry_per_check_in(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    # The person, their schedule and the rows are read and written once per
    # batch; only the audit entry (lock head, insert, update head) is per id.
    _, two = await taps(gql, world, 2, seq=7)
    _, ten = await taps(gql, world, 10, seq=9)
    officer = world.tokens["officer_a"]
    with count_queries() as small:
        await gql.ok(REVIEW_ALL, {"ids": two, "s": "VERIFIED"}, token=officer)
    with count_queries() as large:
        await gql.ok(REVIEW_ALL, {"ids": ten, "s": "VERIFIED"}, token=officer)
    assert large.count - small.count <= (len(ten) - len(two)) * 3, (small.count, large.count)
