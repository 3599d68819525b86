"""Violations, sanctions and praise (考核奖惩, 社区矫正法 Art. 28): the suggestion's
boundaries, the app's own records, the officer's override, the county body's
decision with its written decision, the hand-on to a revocation proposal."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.corrections import persons, sanction_rules, sanctions, violation_checks, violations
from api.models.audit import AuditEntry
from api.models.corrections import SupervisedPerson
from api.models.documents import Document
from api.models.enums import CorrectionType, DecidingBodyType, SupervisionStatus
from api.models.notifications import Notification
from api.models.sanctions import (
    Sanction,
    SanctionMeasure,
    SanctionStatus,
    Violation,
    ViolationKind,
)
from api.models.supervision_end import RevocationProposal
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.days import office_today
from tests.test_corrections import at
from tests.test_leave import D0, DAY, NOW, RECENT, enrol

A = SanctionMeasure.ADMONITION
W = SanctionMeasure.WARNING
R = SanctionMeasure.REVOCATION_PROPOSAL


def record(
    kind: ViolationKind = ViolationKind.ABSCONDED,
    days: int | None = None,
    *,
    began_on: date = date(2026, 3, 1),
    correction_type: CorrectionType = CorrectionType.PROBATION,
    admonitions: int = 0,
    warnings: int = 0,
) -> sanction_rules.Record:
    return sanction_rules.Record(kind, correction_type, began_on, days, admonitions, warnings)


def suggested(r: sanction_rules.Record) -> tuple[SanctionMeasure, str]:
    row = sanction_rules.suggest(r)
    return row.measure, row.basis


def test_the_ten_day_and_one_month_boundaries() -> None:
    """实施办法 Art. 34 (一) 未超过十日 训诫, 35 (二) 超过十日 警告, 46 (二) 超过一个月
    a proposal to revoke."""
    assert suggested(record(days=10)) == (A, "ART34_1")
    assert suggested(record(days=11)) == (W, "ART35_2")
    # 1 March + one month is 1 April (31 days): that is not over a month.
    assert suggested(record(days=31)) == (W, "ART35_2")
    assert suggested(record(days=32)) == (R, "ART46_2")
    # February: 31 January + one month is 28 February (28 days).
    assert suggested(record(days=28, began_on=date(2026, 1, 31))) == (W, "ART35_2")
    assert suggested(record(days=29, began_on=date(2026, 1, 31))) == (R, "ART46_2")
    # A late intake report counts in days the same way.
    assert suggested(record(ViolationKind.LATE_REPORT, 10)) == (A, "ART34_1")
    assert suggested(record(ViolationKind.LATE_REPORT, 11)) == (W, "ART35_2")
    # 管制: nothing to revoke, the ladder stops at 警告.
    assert suggested(record(days=90, correction_type=CorrectionType.CONTROL)) == (W, "ART35_2")


def test_uncorrected_after_two_and_the_gravity_of_breaches() -> None:
    minor = ViolationKind.MINOR_BREACH
    assert suggested(record(minor)) == (A, "ART34_2")
    assert suggested(record(minor, admonitions=1)) == (A, "ART34_2")
    assert suggested(record(minor, admonitions=2)) == (W, "ART35_5")
    assert suggested(record(minor, warnings=1)) == (A, "ART34_2")
    assert suggested(record(minor, warnings=2)) == (R, "ART46_4")
    assert suggested(record(minor, warnings=2, correction_type=CorrectionType.CONTROL)) == (
        A,
        "ART34_2",
    )
    assert suggested(record(ViolationKind.MISSED_REPORT)) == (A, "ART34_2")
    assert suggested(record(ViolationKind.LATE_RETURN)) == (A, "ART34_2")
    assert suggested(record(ViolationKind.SERIOUS_BREACH)) == (W, "ART35_6")
    assert suggested(record(ViolationKind.GRAVE_BREACH)) == (R, "ART46_5")
    grave_control = record(ViolationKind.GRAVE_BREACH, correction_type=CorrectionType.CONTROL)
    assert suggested(grave_control) == (W, "ART35_6")
    # Every row cites its article.
    assert all("Art." in row.cite for row in sanction_rules.THRESHOLDS)


@pytest.mark.parametrize(("days", "measure"), [(10, A), (11, W), (32, R)])
async def test_days_absconded_from_the_search_record(
    world: World, days: int, measure: SanctionMeasure
) -> None:
    """Found again, the person's days absconded go on the record by the app."""
    person, _, _ = await enrol(world, account=None)
    lost = NOW - 40 * DAY
    officer = world.call("officer_a")
    await persons.set_supervision_status(
        at(officer, lost), person.id, SupervisionStatus.ABSCONDED, "电话不通"
    )
    await persons.set_supervision_status(
        at(world.call("officer_a"), lost + days * DAY), person.id, SupervisionStatus.ACTIVE, "到所"
    )
    row = await Violation.get(person_id=person.id)
    assert (row.kind, row.days, row.recorded_by_id) == (ViolationKind.ABSCONDED, days, None)
    assert row.occurred_on == lost.date() and row.search_record_id is not None
    assert row.suggested_measure == measure
    entry = await AuditEntry.get(action="violation.record")
    assert entry.summary["byApp"] is True


async def record_minor(world: World, person_id: int, who: str = "officer_a") -> Violation:
    return await violations.record_violation(
        at(world.call(who), NOW),
        person_id,
        kind=ViolationKind.MINOR_BREACH,
        occurred_on=D0 - DAY,
        facts="未经批准会见同案犯",
        days=None,
    )


async def propose(
    world: World,
    person_id: int,
    ids: list[int],
    measure: SanctionMeasure | None = None,
    reason: str | None = None,
    who: str = "officer_a",
) -> Sanction:
    return await sanctions.propose_sanction(
        at(world.call(who), NOW),
        person_id,
        violation_ids=ids,
        measure=measure,
        facts="经查属实。",
        override_reason=reason,
    )


async def approve(world: World, sanction_id: int, **extra: Any) -> Sanction:
    return await sanctions.decide_sanction(
        at(world.call(extra.pop("who", "supervisor")), NOW),
        sanction_id,
        approve=extra.pop("approve", True),
        decided_on=D0,
        note=extra.pop("note", None),
        revocation_input=extra.pop("revocation_input", None),
    )


async def test_record_violation_rules(world: World) -> None:
    person, _, _ = await enrol(world, account=None)
    call = at(world.call("officer_a"), NOW)
    with pytest.raises(BadInput) as no_days:
        await violations.record_violation(
            call, person.id, kind=ViolationKind.ABSCONDED, occurred_on=D0, facts="x", days=None
        )
    assert no_days.value.field == "days"
    with pytest.raises(BadInput) as days:
        await violations.record_violation(
            call, person.id, kind=ViolationKind.MINOR_BREACH, occurred_on=D0, facts="x", days=3
        )
    assert days.value.field == "days"
    with pytest.raises(BadInput):
        await violations.record_violation(
            call,
            person.id,
            kind=ViolationKind.MINOR_BREACH,
            occurred_on=D0 + DAY,
            facts="x",
            days=None,
        )
    for who, error in [
        ("officer_b", NotFound),
        ("supervisor_x", NotFound),
        ("mediator_a", Forbidden),
    ]:
        with pytest.raises(error):
            await record_minor(world, person.id, who)
    assert await Violation.all().count() == 0
    row = await record_minor(world, person.id)
    assert (row.recorded_by_id, row.suggested_measure) == (world.users["officer_a"].id, A)


async def test_two_uncorrected_admonitions_suggest_a_warning(world: World) -> None:
    person, _, _ = await enrol(world)
    for _ in range(2):
        v = await record_minor(world, person.id)
        assert v.suggested_measure == A
        s = await propose(world, person.id, [v.id])
        assert (s.measure, s.suggested_measure, s.override_reason) == (A, A, None)
        await approve(world, s.id)
    third = await record_minor(world, person.id)
    assert (third.suggested_measure, third.suggestion_basis) == (W, "ART35_5")
    # Each 训诫 decided was issued as a written decision.
    assert await Document.filter(kind="CORR_SANCTION").count() == 2


async def test_an_override_needs_a_reason(world: World) -> None:
    person, _, _ = await enrol(world, account=None)
    v = await record_minor(world, person.id)
    for blank in (None, "   "):
        with pytest.raises(BadInput) as refused:
            await propose(world, person.id, [v.id], W, blank)
        assert refused.value.reason == "SANCTION_OVERRIDE_REASON"
    assert await Sanction.all().count() == 0  # nothing changed
    assert (await Violation.get(id=v.id)).sanction_id is None
    s = await propose(world, person.id, [v.id], W, "屡教不改，情节较重")
    assert (s.measure, s.suggested_measure, s.override_reason) == (W, A, "屡教不改，情节较重")
    assert (await Violation.get(id=v.id)).sanction_id == s.id
    entry = await AuditEntry.get(action="sanction.propose")
    assert entry.summary["overrideReason"] == "屡教不改，情节较重"
    with pytest.raises(Conflict):  # dealt with already
        await propose(world, person.id, [v.id])
    assert await Notification.filter(kind="sanction.proposed").count() >= 1


async def test_the_county_body_decides_with_a_written_decision(world: World) -> None:
    person, _, _ = await enrol(world)
    v = await record_minor(world, person.id)
    s = await propose(world, person.id, [v.id])
    for who, error in [
        ("officer_a", Forbidden),
        ("supervisor_x", NotFound),
        ("officer_b", NotFound),
        ("mediator_a", Forbidden),
    ]:
        with pytest.raises(error):
            await approve(world, s.id, who=who)
    with pytest.raises(BadInput) as no_note:
        await approve(world, s.id, approve=False)
    assert no_note.value.field == "note"
    done = await approve(world, s.id)
    assert done.status == SanctionStatus.APPROVED and done.document_id is not None
    document = await Document.get(id=done.document_id)
    assert document.pdf.startswith(b"%PDF") and document.title == "训诫决定书"
    assert document.subject_id == person.account_id
    told = await Notification.get(kind="sanction.decided")
    assert told.recipient_id == person.account_id and "张三" not in told.body
    with pytest.raises(Conflict):
        await approve(world, s.id)
    actions = {e.action for e in await AuditEntry.all()}
    assert {"sanction.propose", "sanction.decide", "document.issue"} <= actions


async def test_a_refusal_leaves_the_violations_open(world: World) -> None:
    person, _, _ = await enrol(world, account=None)
    v = await record_minor(world, person.id)
    s = await propose(world, person.id, [v.id])
    refused = await approve(world, s.id, approve=False, note="情节显著轻微，批评教育")
    assert refused.status == SanctionStatus.REFUSED and refused.document_id is None
    assert (await Violation.get(id=v.id)).sanction_id is None
    assert (await propose(world, person.id, [v.id])).status == SanctionStatus.PROPOSED


async def test_an_approved_revocation_proposal_is_handed_on(world: World) -> None:
    person, _, _ = await enrol(world, account=None)
    v = await violations.record_violation(
        at(world.call("officer_a"), NOW),
        person.id,
        kind=ViolationKind.GRAVE_BREACH,
        occurred_on=D0 - DAY,
        facts="违反禁止令，情节严重",
        days=None,
    )
    assert v.suggested_measure == R
    s = await propose(world, person.id, [v.id])
    with pytest.raises(BadInput) as no_body:
        await approve(world, s.id)
    assert no_body.value.field == "revocation"
    assert await RevocationProposal.all().count() == 0
    done = await approve(
        world,
        s.id,
        revocation_input=sanctions.RevocationInput(DecidingBodyType.COURT, "青山县人民法院"),
    )
    proposal = await RevocationProposal.get(id=done.revocation_proposal_id)
    assert (proposal.person_id, proposal.facts, proposal.deciding_body) == (
        person.id,
        "经查属实。",
        "青山县人民法院",
    )
    assert done.document_id is None


async def test_control_has_no_revocation_to_propose(world: World) -> None:
    person, _, _ = await enrol(world, account=None, correction_type=CorrectionType.CONTROL)
    v = await record_minor(world, person.id)
    with pytest.raises(BadInput):
        await propose(world, person.id, [v.id], R, "情节严重")


async def test_a_missed_report_is_recorded_once_per_due_period(world: World) -> None:
    person, _, _ = await enrol(world, account=None)
    stored = await SupervisedPerson.get(id=person.id)
    # Enrolled 60 days ago with no report: overdue since day 15.
    at_overdue = stored.overdue_at + timedelta(minutes=1)
    assert await violation_checks.missed_reports(at(world.call(), at_overdue)) == 1
    assert await violation_checks.missed_reports(at(world.call(), at_overdue)) == 0
    row = await Violation.get(person_id=person.id)
    assert (row.kind, row.suggested_measure, row.recorded_by_id) == (
        ViolationKind.MISSED_REPORT,
        A,
        None,
    )


async def test_praise_is_recorded(world: World) -> None:
    person, _, _ = await enrol(world, account=None)
    with pytest.raises(NotFound):
        await sanctions.record_praise(
            at(world.call("officer_b"), NOW), person.id, praised_on=D0, facts="见义勇为"
        )
    with pytest.raises(BadInput) as early:
        await sanctions.record_praise(
            at(world.call("officer_a"), NOW), person.id, praised_on=date(2000, 1, 1), facts="x"
        )
    assert early.value.field == "praisedOn"
    row = await sanctions.record_praise(
        at(world.call("officer_a"), NOW), person.id, praised_on=D0, facts="见义勇为"
    )
    assert row.person_id == person.id
    assert (await AuditEntry.get(action="praise.record")).summary["praise"] == row.id


LISTS = {
    "violations": "violations(personId: $p, first: $first) { totalCount edges { node { id kind "
    "suggestedMeasure suggestionBasis byApp person { id fullName } recordedBy { id } } } }",
    "sanctions": "sanctions(personId: $p, first: $first) { totalCount edges { node { id measure "
    "suggestedMeasure status decisionUrl person { id fullName } proposedBy { id } } } }",
    "praises": "praises(personId: $p, first: $first) { totalCount edges { node { id facts } } }",
}


def list_query(name: str) -> str:
    return f"query($p: ID, $first: Int) {{ {LISTS[name]} }}"


async def seed(
    world: World, person_id: int, who: str = "officer_a", *, decided: bool = True
) -> None:
    v = await record_minor(world, person_id, who)
    s = await propose(world, person_id, [v.id], who=who)
    if decided:  # a written decision: a PDF rendered
        await approve(world, s.id)
    await record_minor(world, person_id, who)
    await sanctions.record_praise(
        at(world.call(who), NOW), person_id, praised_on=D0, facts="积极参加公益活动"
    )


@pytest.mark.parametrize("name", sorted(LISTS))
async def test_the_lists_by_role(gql: GraphQLClient, world: World, name: str) -> None:
    person, _, token = await enrol(world, when=RECENT)
    other, _, _ = await enrol(world, seq=2, unit="b", who="officer_b", account=None, when=RECENT)
    await seed(world, person.id)
    await seed(world, other.id, "officer_b")
    query = list_query(name)

    async def count(tok: str, **variables: Any) -> int:
        data = await gql.ok(query, variables, token=tok)
        nodes = [e["node"] for e in data[name]["edges"]]
        assert data[name]["totalCount"] == len(nodes)
        return len(nodes)

    mine = await count(token)
    assert mine >= 1
    assert await count(world.tokens["officer_a"]) == mine
    assert await count(world.tokens["supervisor"]) > mine  # the county's both offices
    for who in ("officer_x", "supervisor_x", "supervisor_bureau"):
        assert await count(world.tokens[who]) == 0
    for who in ("officer_b", "supervisor_x"):
        ext = await gql.error(query, {"p": str(person.id)}, token=world.tokens[who])
        assert ext["code"] == "NOT_FOUND"
    ext = await gql.error(query, {"p": str(other.id)}, token=token)
    assert ext["code"] == "NOT_FOUND"
    for who in ("mediator_a", "admin", "staff", "applicant"):
        assert (await gql.error(query, {}, token=world.tokens[who]))["code"] == "FORBIDDEN"


@pytest.mark.parametrize("name", sorted(LISTS))
async def test_a_page_costs_the_same_for_2_and_20(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter], name: str
) -> None:
    counts = []
    for n, seq0 in ((2, 10), (20, 40)):
        for i in range(n - (2 if n == 20 else 0)):
            person, _, _ = await enrol(world, seq=seq0 + i, account=None)
            await seed(world, person.id, decided=i < 2)
        # A first request refreshes the session's last use, which a request
        # writes at most once in a while.
        await gql.ok(list_query(name), {"first": 1}, token=world.tokens["supervisor"])
        with count_queries() as counter:
            data = await gql.ok(list_query(name), {"first": 100}, token=world.tokens["supervisor"])
        assert len(data[name]["edges"]) >= n
        counts.append(counter.count)
    assert counts[0] == counts[1]


async def test_through_the_api(gql: GraphQLClient, world: World) -> None:
    person, _, _ = await enrol(world, account=None, when=RECENT)
    today = office_today().isoformat()
    rec = """mutation($i: RecordViolationInput!) { recordViolation(input: $i) {
      id suggestedMeasure suggestionBasis byApp } }"""
    v = (
        await gql.ok(
            rec,
            {
                "i": {
                    "personId": str(person.id),
                    "kind": "ABSCONDED",
                    "occurredOn": today,
                    "facts": "失联",
                    "days": 11,
                }
            },
            token=world.tokens["officer_a"],
        )
    )["recordViolation"]
    assert v["suggestedMeasure"] == "WARNING" and "Art. 35" in v["suggestionBasis"]
    prop = """mutation($i: ProposeSanctionInput!) { proposeSanction(input: $i) { id measure } }"""
    ext = await gql.error(
        prop,
        {
            "i": {
                "personId": str(person.id),
                "violationIds": [v["id"]],
                "facts": "x",
                "measure": "ADMONITION",
            }
        },
        token=world.tokens["officer_a"],
    )
    assert (ext["code"], ext["field"]) == ("BAD_USER_INPUT", "overrideReason")
    s = (
        await gql.ok(
            prop,
            {
                "i": {
                    "personId": str(person.id),
                    "violationIds": [v["id"]],
                    "facts": "x",
                    "measure": "ADMONITION",
                    "overrideReason": "主动返回，如实说明",
                }
            },
            token=world.tokens["officer_a"],
        )
    )["proposeSanction"]
    dec = """mutation($i: DecideSanctionInput!) {
      decideSanction(input: $i) { status decisionUrl } }"""
    done = (
        await gql.ok(
            dec,
            {"i": {"sanctionId": s["id"], "approve": True, "decidedOn": today}},
            token=world.tokens["supervisor"],
        )
    )["decideSanction"]
    assert done["status"] == "APPROVED" and done["decisionUrl"].endswith(".pdf")
