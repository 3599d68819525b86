"""The 脱管 search record (社区矫正法 Art. 30): opened on ABSCONDED, its actions,
closed with the date found, the absence's length in days."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from api.domain.accounts import activation
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.corrections import persons, search
from api.models.audit import AuditEntry
from api.models.enums import SupervisionStatus
from api.models.search import SearchAction, SearchRecord
from tests.conftest import PASSWORD, GraphQLClient, QueryCounter, World
from tests.test_corrections import at, enroll

CHINA = ZoneInfo("Asia/Shanghai")
DAY = timedelta(days=1)
# Recent enough for the device-time window of an action (30 days).
LOST = (datetime.now(CHINA) - timedelta(days=15)).replace(hour=9, minute=0, second=0, microsecond=0)


async def abscond(world: World, person_id: int, when: datetime = LOST) -> None:
    await persons.set_supervision_status(
        at(world.call("officer_a"), when), person_id, SupervisionStatus.ABSCONDED, "电话不通"
    )


async def found(world: World, person_id: int, when: datetime) -> None:
    await persons.set_supervision_status(
        at(world.call("officer_a"), when), person_id, SupervisionStatus.ACTIVE, "已到所报到"
    )


async def log(world: World, person_id: int, who: str = "officer_a", **changes: Any) -> SearchAction:
    values: dict[str, Any] = {
        "done_at": LOST + timedelta(hours=1),
        "description": "走访其父母",
        "police_notified": False,
        "procuratorate_informed": False,
    }
    values.update(changes)
    return await search.log_search_action(
        at(world.call(who), LOST + timedelta(hours=2)), person_id, **values
    )


def test_absence_days_leave_out_the_day_contact_was_lost() -> None:
    """刑诉法 Art. 105: lost on 1 March, found on the 11th is day 10, the 12th day 11."""
    record = SearchRecord(lost_on=date(2024, 3, 1))
    assert search.absence_days(record, today=date(2024, 3, 1)) == 0
    record.found_on = date(2024, 3, 11)
    assert search.absence_days(record) == 10
    record.found_on = date(2024, 3, 12)
    assert search.absence_days(record) == 11
    with pytest.raises(ValueError):
        search.absence_days(SearchRecord(lost_on=date(2024, 3, 1)))


@pytest.mark.parametrize(("days", "expected"), [(10, 10), (11, 11)])
async def test_found_closes_the_record_with_the_absence_at_its_boundary(
    world: World, days: int, expected: int
) -> None:
    person = (await enroll(world, when=LOST - DAY)).person
    await abscond(world, person.id)
    record = await SearchRecord.get(person_id=person.id)
    assert record.found_on is None
    assert record.lost_on == LOST.date()
    # Found late in the evening, China time: the date found is China's date.
    await found(world, person.id, (LOST + days * DAY).replace(hour=23, minute=30))
    record = await SearchRecord.get(person_id=person.id)
    assert record.found_on == (LOST + days * DAY).date()
    assert search.absence_days(record) == expected
    closed = await AuditEntry.get(action="search.close")
    assert closed.summary == {"searchRecordId": record.id, "absenceDays": expected}


async def test_each_absence_has_its_own_record(world: World) -> None:
    person = (await enroll(world, when=LOST - DAY)).person
    await abscond(world, person.id)
    await found(world, person.id, LOST + 2 * DAY)
    await abscond(world, person.id, LOST + 5 * DAY)
    records = await SearchRecord.filter(person_id=person.id).order_by("id")
    assert [r.found_on is None for r in records] == [False, True]
    assert await AuditEntry.filter(action="search.open").count() == 2


async def test_log_search_action_rules(world: World) -> None:
    person = (await enroll(world, when=LOST - DAY)).person
    with pytest.raises(Conflict):  # not absconded: nothing to search
        await log(world, person.id)
    await abscond(world, person.id)
    with pytest.raises(BadInput) as blank:
        await log(world, person.id, description="  ")
    assert blank.value.field == "description"
    with pytest.raises(BadInput) as early:  # the day before contact was lost
        await log(world, person.id, done_at=LOST.replace(hour=0) - timedelta(seconds=1))
    assert early.value.field == "doneAt"
    with pytest.raises(NotFound):  # another office's officer
        await log(world, person.id, who="officer_b")
    with pytest.raises(NotFound):  # another county
        await log(world, person.id, who="supervisor_x")
    with pytest.raises(Forbidden):
        await log(world, person.id, who="mediator_a")
    assert await SearchAction.all().count() == 0  # a refused write changes nothing
    # Earlier the same day (the unanswered calls before the marking) is part of the search.
    action = await log(world, person.id, police_notified=True, done_at=LOST.replace(hour=0))
    assert action.police_notified and not action.procuratorate_informed
    entry = await AuditEntry.get(action="search.log_action")
    assert entry.target_id == str(person.id)
    assert entry.summary["policeNotified"] is True
    await found(world, person.id, LOST + DAY)
    with pytest.raises(Conflict):  # the record is closed
        await log(world, person.id)


RECORD = """query($id: ID!) { supervisedPerson(id: $id) {
  searchRecord { id open absenceDays policeNotifiedAt procuratorateInformedAt
    actions { description policeNotified procuratorateInformed doneBy { id } } }
  searchRecords { open foundOn absenceDays }
} }"""
LOG = """mutation($i: SearchActionInput!) { logSearchAction(input: $i) {
  id description policeNotified procuratorateInformed doneAt } }"""


async def test_search_record_on_the_person(gql: GraphQLClient, world: World) -> None:
    person = (await enroll(world, when=LOST - DAY)).person
    pid = str(person.id)
    officer = world.tokens["officer_a"]
    data = await gql.ok(RECORD, {"id": pid}, token=officer)
    assert data["supervisedPerson"] == {"searchRecord": None, "searchRecords": []}
    ext = await gql.error(
        LOG,
        {"i": {"personId": pid, "doneAt": datetime.now(CHINA).isoformat(), "description": "x"}},
        token=officer,
    )
    assert ext["code"] == "CONFLICT"
    await abscond(world, person.id)
    when = LOST + timedelta(hours=3)
    logged = await gql.ok(
        LOG,
        {
            "i": {
                "personId": pid,
                "doneAt": when.isoformat(),
                "description": "通报派出所协查",
                "policeNotified": True,
                "procuratorateInformed": True,
            }
        },
        token=world.tokens["supervisor"],
    )
    assert logged["logSearchAction"]["policeNotified"] is True
    data = (await gql.ok(RECORD, {"id": pid}, token=officer))["supervisedPerson"]
    record = data["searchRecord"]
    assert record["open"] is True
    assert record["absenceDays"] == (datetime.now(CHINA).date() - LOST.date()).days
    assert datetime.fromisoformat(record["policeNotifiedAt"]) == when
    assert record["procuratorateInformedAt"] == record["policeNotifiedAt"]
    assert record["actions"] == [
        {
            "description": "通报派出所协查",
            "policeNotified": True,
            "procuratorateInformed": True,
            "doneBy": {"id": str(world.users["supervisor"].id)},
        }
    ]
    await found(world, person.id, LOST + 4 * DAY)
    data = (await gql.ok(RECORD, {"id": pid}, token=officer))["supervisedPerson"]
    assert data["searchRecord"] is None
    assert data["searchRecords"] == [
        {"open": False, "foundOn": (LOST + 4 * DAY).date().isoformat(), "absenceDays": 4}
    ]


async def test_the_person_sees_none_of_its_searches(gql: GraphQLClient, world: World) -> None:
    """The search is the office's work: to the person, no record, no step, nobody who did it."""
    enrolled = await enroll(world, when=LOST - DAY)
    signed = await activation.activate_account(
        Call(settings=world.settings, now=LOST - DAY),
        enrolled.activation_code,
        "absent_one",
        PASSWORD,
    )
    await abscond(world, enrolled.person.id)
    await log(world, enrolled.person.id)
    pid = {"id": str(enrolled.person.id)}
    staff = await gql.ok(RECORD, pid, token=world.tokens["officer_a"])
    assert staff["supervisedPerson"]["searchRecord"]["actions"][0]["doneBy"]["id"]
    own = await gql.ok(RECORD, pid, token=signed.token)
    assert own["supervisedPerson"] == {"searchRecord": None, "searchRecords": []}


LIST = """query($first: Int) { supervisedPersons(first: $first) { edges { node {
  id searchRecord { absenceDays actions { description doneBy { displayName } } }
  searchRecords { id } } } } }"""


async def test_search_records_in_a_list_cost_the_same_whatever_the_page(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    # Seven absconded, the caseload's first group: a page of 2 and one of 6
    # both find the row after them there, so they read the same groups and
    # differ only in the rows whose search records they load.
    for seq in range(1, 8):
        person = (await enroll(world, seq=seq, when=LOST - DAY)).person
        await abscond(world, person.id)
        await log(world, person.id)
    token = world.tokens["officer_a"]
    with count_queries() as small:
        data = await gql.ok(LIST, {"first": 2}, token=token)
    assert len(data["supervisedPersons"]["edges"]) == 2
    with count_queries() as large:
        data = await gql.ok(LIST, {"first": 6}, token=token)
    edges = data["supervisedPersons"]["edges"]
    assert all(e["node"]["searchRecord"]["actions"] for e in edges)
    assert large.count == small.count
