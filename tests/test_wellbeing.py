"""The optional questions of a self check-in and the officer's triage."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from api.domain.common.errors import BadInput, Forbidden, NotFound
from api.domain.corrections import check_ins, wellbeing
from api.models.audit import AuditEntry
from api.models.corrections import CheckIn
from api.models.education import CheckInWellbeing
from api.models.enums import CheckInKind, CircumstanceChange
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.test_corrections import activate, enroll

CHECK_IN = """mutation($i: CheckInInput!) { submitCheckIn(input: $i) {
  id wellbeing { mood changes changeDetails message needsAttention } } }"""
TRIAGE = """query { wellbeingTriage(first: 50) { totalCount edges { node {
  id mood changes message person { fullName attention { mood } } } } } }"""


def check_in(**wellbeing: Any) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "capturedAt": datetime.now(UTC).isoformat(),
            **({"wellbeing": wellbeing} if wellbeing else {}),
        }
    }


async def person_token(world: World, seq: int = 1, name: str = "张三") -> tuple[int, str]:
    enrolled = await enroll(world, seq=seq, name=name, when=datetime.now(UTC))
    _, token = await activate(world, enrolled, f"person.{seq}", when=datetime.now(UTC))
    return enrolled.person.id, token


@pytest.mark.parametrize(
    ("answers", "flagged"),
    [
        ({"mood": 2}, True),  # LOW_MOOD and below
        ({"mood": 1}, True),
        ({"mood": 3}, False),
        ({"mood": 5, "changes": ["JOB"], "changeDetails": "换到县城工厂"}, True),
        ({"message": "下周想请假看病"}, False),
    ],
)
async def test_a_change_or_a_low_answer_puts_the_person_in_triage(
    gql: GraphQLClient, world: World, answers: dict[str, Any], flagged: bool
) -> None:
    _, token = await person_token(world)
    data = await gql.ok(CHECK_IN, check_in(**answers), token=token)
    stored = data["submitCheckIn"]["wellbeing"]
    assert stored["needsAttention"] is flagged
    assert stored["mood"] == answers.get("mood")
    triage = await gql.ok(TRIAGE, token=world.tokens["officer_a"])
    assert triage["wellbeingTriage"]["totalCount"] == (1 if flagged else 0)
    if flagged:
        node = triage["wellbeingTriage"]["edges"][0]["node"]
        assert node["changes"] == answers.get("changes", [])
        assert node["person"]["attention"]["mood"] == answers.get("mood")


async def test_the_questions_are_optional_and_checked(gql: GraphQLClient, world: World) -> None:
    _, token = await person_token(world)
    plain = await gql.ok(CHECK_IN, check_in(), token=token)
    assert plain["submitCheckIn"]["wellbeing"] is None
    blank = await gql.ok(CHECK_IN, check_in(message="  "), token=token)
    assert blank["submitCheckIn"]["wellbeing"] is None
    for bad, field in (
        ({"mood": 0}, "wellbeing.mood"),
        ({"mood": 6}, "wellbeing.mood"),
        ({"changeDetails": "搬家了"}, "wellbeing.changes"),
    ):
        refused = await gql.error(CHECK_IN, check_in(**bad), token=token)
        assert (refused["code"], refused["field"]) == ("BAD_USER_INPUT", field)
    # A refused check-in stored nothing.
    assert await CheckIn.all().count() == 2
    assert await CheckInWellbeing.all().count() == 0


async def test_only_a_self_report_carries_answers(world: World) -> None:
    person_id, _ = await person_token(world)
    with pytest.raises(BadInput) as refused:
        await check_ins.submit_check_in(
            world.call("officer_a"),
            client_id=str(uuid.uuid4()),
            person_id=person_id,
            kind=CheckInKind.IN_PERSON,
            captured_at=datetime.now(UTC),
            latitude_deg=None,
            longitude_deg=None,
            accuracy=None,
            note="到所报告",
            wellbeing=wellbeing.Answers(mood=1),
        )
    assert refused.value.field == "wellbeing"


async def test_acknowledged_leaves_the_triage_in_scope_only(
    gql: GraphQLClient, world: World
) -> None:
    _, token = await person_token(world)
    await gql.ok(
        CHECK_IN, check_in(changes=["ADDRESS", "PHONE"], changeDetails="搬到新村"), token=token
    )
    row = await CheckInWellbeing.get()
    assert wellbeing.changes_of(row) == [CircumstanceChange.ADDRESS, CircumstanceChange.PHONE]
    for who in ("officer_b", "officer_x", "supervisor_x"):
        seen = await gql.ok(TRIAGE, token=world.tokens[who])
        assert seen["wellbeingTriage"]["totalCount"] == 0
        with pytest.raises(NotFound):
            await wellbeing.acknowledge(world.call(who), row.id)
    with pytest.raises(Forbidden):
        await wellbeing.acknowledge(world.call("mediator_a"), row.id)
    assert (await gql.ok(TRIAGE, token=world.tokens["supervisor"]))["wellbeingTriage"][
        "totalCount"
    ] == 1
    done = await wellbeing.acknowledge(world.call("officer_a"), row.id)
    assert done.acknowledged_by_id == world.users["officer_a"].id
    assert await AuditEntry.filter(action="wellbeing.acknowledge").count() == 1
    assert (await gql.ok(TRIAGE, token=world.tokens["officer_a"]))["wellbeingTriage"][
        "totalCount"
    ] == 0


CASELOAD = """query { supervisedPersons(first: 50) { edges { node {
  id attention { mood changes message } } } } }"""


async def test_triage_and_caseload_cost_the_same_for_2_and_20(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    counts: dict[str, list[int]] = {"triage": [], "caseload": []}
    for n in (2, 20):
        await CheckInWellbeing.all().delete()
        for i in range(n):
            _, token = await person_token(world, seq=100 + n * 10 + i, name=f"人员{i}")
            await gql.ok(CHECK_IN, check_in(mood=1, message="难受"), token=token)
        with count_queries() as triage:
            data = await gql.ok(TRIAGE, token=world.tokens["officer_a"])
        assert data["wellbeingTriage"]["totalCount"] == n
        counts["triage"].append(triage.count)
        with count_queries() as caseload:
            page = await gql.ok(CASELOAD, token=world.tokens["officer_a"])
        flagged = [e for e in page["supervisedPersons"]["edges"] if e["node"]["attention"]]
        assert len(flagged) == n
        counts["caseload"].append(caseload.count)
    assert counts["triage"][0] == counts["triage"][1]
    assert counts["caseload"][0] == counts["caseload"][1]
