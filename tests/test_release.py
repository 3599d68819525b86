"""The end of supervision: release (法 Art. 44), termination (法 Art. 45, 51),
revocation proposals and rulings (法 Art. 46-49), the term-end reminders and list."""

from __future__ import annotations

import io
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pypdf
import pytest

from api.domain.accounts import activation, sign_in
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.common.validators import resident_id_check_char
from api.domain.corrections import (
    check_ins,
    ending,
    enrolment,
    persons,
    release,
    revocation,
    termination,
)
from api.domain.notices import reminders, subscriptions
from api.models.accounts import User
from api.models.audit import AuditEntry
from api.models.corrections import SupervisedPerson
from api.models.documents import Document
from api.models.enums import (
    CheckInKind,
    CorrectionType,
    DecidingBodyType,
    NoticeMethod,
    NoticeRecipient,
    ReleaseGround,
    RulingDecision,
    SupervisionLevel,
    SupervisionStatus,
    TerminationReason,
)
from api.models.notifications import Notification
from api.models.supervision_end import CourtRuling, EndNotice, SupervisionEnd
from tests.conftest import PASSWORD, GraphQLClient, QueryCounter, World

DAY = timedelta(days=1)
_seq = iter(range(1, 10_000))


def rid(seq: int) -> str:
    first17 = f"110101{1970 + seq % 30}0412{seq % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def today(world: World) -> date:
    return ending.today(world.call("officer_a"))


async def enrol(
    world: World,
    *,
    term_end: date,
    kind: CorrectionType = CorrectionType.PROBATION,
    unit: str = "a",
    who: str = "officer_a",
) -> enrolment.Enrolled:
    return await enrolment.enroll_person(
        world.call(who),
        full_name="李四",
        id_number=rid(next(_seq)),
        phone=None,
        correction_type=kind,
        supervision_level=SupervisionLevel.NORMAL,
        term_start=term_end - timedelta(days=365),
        term_end=term_end,
        org_unit_id=world.units[unit].id,
        officer_id=None,
        check_in_interval_days=None,
    )


async def person_call(world: World, enrolled: enrolment.Enrolled) -> tuple[Call, str]:
    """The activated person's own call and token."""
    username = f"person.{next(_seq)}"
    signed = await activation.activate_account(
        Call(settings=world.settings), enrolled.activation_code, username, PASSWORD
    )
    user = await User.get(username=username)
    return Call(settings=world.settings, viewer=sign_in.viewer_of(user, None)), signed.token


def notices(on: date) -> list[ending.NoticeInput]:
    return [
        ending.NoticeInput(NoticeRecipient.DECIDING_BODY, "青山县人民法院", on, NoticeMethod.POST),
        ending.NoticeInput(
            NoticeRecipient.PROCURATORATE, "青山县人民检察院", on, NoticeMethod.DELIVERED
        ),
        ending.NoticeInput(NoticeRecipient.POLICE, "青山县公安局", on, NoticeMethod.ELECTRONIC),
    ]


async def release_now(
    world: World,
    person_id: int,
    on: date,
    *,
    ground: ReleaseGround = ReleaseGround.TERM_ENDED,
    document: str | None = None,
    sent: list[ending.NoticeInput] | None = None,
    who: str = "officer_a",
) -> SupervisionEnd:
    return await release.release_person(
        world.call(who),
        person_id,
        ground=ground,
        released_on=on,
        ground_document=document,
        notices=notices(on) if sent is None else sent,
        note=None,
    )


def pdf_text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return "".join(re.sub(r"[\s\x00]+", "", p.extract_text()) for p in pages)


# ------------------------------------------------------------------ release


async def test_release_on_the_last_day_of_the_term_not_the_day_before(world: World) -> None:
    """矫正期满 (法 Art. 44): termEnd is the term's last day; a day earlier is refused."""
    end = today(world) - DAY
    person = (await enrol(world, term_end=end)).person
    with pytest.raises(BadInput) as refused:
        await release_now(world, person.id, end - DAY)
    assert refused.value.field == "releasedOn"
    assert await Document.all().count() == 0
    assert (await SupervisedPerson.get(id=person.id)).status == SupervisionStatus.ACTIVE

    done = await release_now(world, person.id, end)
    stored = await SupervisedPerson.get(id=person.id)
    assert stored.status == SupervisionStatus.RELEASED
    assert stored.active_id_number is None  # the ID may be enrolled again
    assert done.ended_on == end and done.release_ground == ReleaseGround.TERM_ENDED
    sent = await EndNotice.filter(end_id=done.id).order_by("id")
    assert [(n.recipient, n.recipient_name, n.sent_on, n.method) for n in sent] == [
        (NoticeRecipient.DECIDING_BODY, "青山县人民法院", end, NoticeMethod.POST),
        (NoticeRecipient.PROCURATORATE, "青山县人民检察院", end, NoticeMethod.DELIVERED),
        (NoticeRecipient.POLICE, "青山县公安局", end, NoticeMethod.ELECTRONIC),
    ]
    certificate = await Document.get(id=done.certificate_id)
    assert certificate.kind == "CORR_RELEASE"
    assert re.fullmatch(r".+司矫解字〔\d{4}〕第1号", certificate.number)
    text = pdf_text(certificate.pdf)
    assert "解除社区矫正证明书" in text and "李四" in text and "第四十四条" in text
    assert await AuditEntry.filter(action="person.release", target_id=str(person.id)).exists()


async def test_release_during_abscondence_is_refused(world: World) -> None:
    """Refusing a release during 脱管 is the app's rule (the 法 says nothing of it)."""
    end = today(world) - DAY
    person = (await enrol(world, term_end=end)).person
    await persons.set_supervision_status(
        world.call("officer_a"), person.id, SupervisionStatus.ABSCONDED, "失联"
    )
    with pytest.raises(Conflict) as refused:
        await release_now(world, person.id, end)
    assert refused.value.reason == "RELEASE_WHILE_ABSCONDED"
    assert (await SupervisedPerson.get(id=person.id)).status == SupervisionStatus.ABSCONDED
    assert await Document.all().count() == 0
    assert await SupervisionEnd.all().count() == 0


async def test_early_release_needs_a_pardon_or_a_court_decision(world: World) -> None:
    end = today(world) + 100 * DAY
    person = (await enrol(world, term_end=end)).person
    on = today(world)
    with pytest.raises(BadInput) as unnamed:
        await release_now(world, person.id, on, ground=ReleaseGround.PARDON)
    assert unnamed.value.field == "groundDocument"
    done = await release_now(
        world, person.id, on, ground=ReleaseGround.PARDON, document="主席特赦令"
    )
    assert done.ground_document == "主席特赦令"
    assert "被赦免" in pdf_text((await Document.get(id=done.certificate_id)).pdf)


async def test_release_needs_all_three_notices(world: World) -> None:
    end = today(world) - DAY
    person = (await enrol(world, term_end=end)).person
    with pytest.raises(BadInput) as missing:
        await release_now(world, person.id, end, sent=notices(end)[:2])
    assert missing.value.field == "notices"
    assert missing.value.params == {"missing": "POLICE"}
    twice = [*notices(end), notices(end)[0]]
    with pytest.raises(BadInput):
        await release_now(world, person.id, end, sent=twice)
    early = [ending.NoticeInput(n.recipient, n.name, end - DAY, n.method) for n in notices(end)]
    with pytest.raises(BadInput):
        await release_now(world, person.id, end, sent=early)
    assert await SupervisionEnd.all().count() == 0


async def test_the_certificate_is_read_by_the_person_and_the_office_only(
    world: World, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    end = today(world) - DAY
    enrolled = await enrol(world, term_end=end)
    _, token = await person_call(world, enrolled)
    data = await gql.ok(
        """mutation($i: ReleasePersonInput!) { releasePerson(input: $i) {
             outcome certificateNumber certificateUrl notices { recipient name } } }""",
        {
            "i": {
                "personId": str(enrolled.person.id),
                "releasedOn": end.isoformat(),
                "notices": [
                    {
                        "recipient": n.recipient,
                        "name": n.name,
                        "sentOn": end.isoformat(),
                        "method": n.method,
                    }
                    for n in notices(end)
                ],
            }
        },
        token=world.tokens["officer_a"],
    )
    released = data["releasePerson"]
    assert released["outcome"] == "RELEASED" and len(released["notices"]) == 3
    url = released["certificateUrl"]
    for who, status in (("officer_a", 200), ("supervisor", 200), ("officer_x", 404)):
        answer = await client.get(url, headers={"Authorization": f"Bearer {world.tokens[who]}"})
        assert answer.status_code == status, who
    own = await client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert own.status_code == 200 and own.content.startswith(b"%PDF-")
    assert own.headers["content-type"] == "application/pdf"
    # The person still reads the record and how it ended.
    record = await gql.ok(
        "query($id: ID!) { supervisedPerson(id: $id) { status supervisionEnd {"
        " certificateNumber } revocationProposals { id } } }",
        {"id": str(enrolled.person.id)},
        token=token,
    )
    person = record["supervisedPerson"]
    assert person["status"] == "RELEASED"
    assert person["supervisionEnd"]["certificateNumber"] == released["certificateNumber"]


# ------------------------------------------------------------------ reminders and the list


async def _reminders(world: World) -> list[str]:
    await reminders.queue_due_reminders(world.call())
    rows = await Notification.filter(kind="release.due").order_by("id")
    return [r.period for r in rows]


@pytest.mark.parametrize(
    ("days_left", "expected"), [(31, []), (30, [":30"]), (8, [":30"]), (7, [":7"]), (0, [":7"])]
)
async def test_the_officer_is_reminded_30_and_7_days_before_the_term_ends(
    world: World, days_left: int, expected: list[str]
) -> None:
    end = today(world) + days_left * DAY
    await enrol(world, term_end=end)
    periods = await _reminders(world)
    assert periods == [f"{end.isoformat()}{p}" for p in expected]
    assert await _reminders(world) == periods  # once per reminder


async def test_no_reminder_after_the_end(world: World) -> None:
    end = today(world) + 7 * DAY
    person = (await enrol(world, term_end=end)).person
    await release_now(
        world, person.id, today(world), ground=ReleaseGround.PARDON, document="特赦令"
    )
    assert await _reminders(world) == []
    dead = (await enrol(world, term_end=end)).person
    await termination.terminate_supervision(
        world.call("officer_a"),
        dead.id,
        reason=TerminationReason.DEATH,
        ended_on=today(world),
        notices=notices(today(world)),
        note=None,
    )
    assert await _reminders(world) == []


async def test_persons_due_for_release_lists_the_ended_and_the_ending(
    world: World, gql: GraphQLClient
) -> None:
    ended = (await enrol(world, term_end=today(world) - 3 * DAY)).person
    soon = (await enrol(world, term_end=today(world) + 30 * DAY)).person
    await enrol(world, term_end=today(world) + 31 * DAY)
    await enrol(world, term_end=today(world), unit="x", who="officer_x")
    query = """query($w: Int) { personsDueForRelease(withinDays: $w) {
                 totalCount edges { node { id termEnd } } } }"""
    for who in ("officer_a", "supervisor"):
        data = await gql.ok(query, token=world.tokens[who])
        ids = [e["node"]["id"] for e in data["personsDueForRelease"]["edges"]]
        assert ids == [str(ended.id), str(soon.id)], who
    narrow = await gql.ok(query, {"w": 0}, token=world.tokens["officer_a"])
    assert narrow["personsDueForRelease"]["totalCount"] == 1
    assert (await gql.error(query, {"w": -1}, token=world.tokens["officer_a"]))["code"] == (
        "BAD_USER_INPUT"
    )
    assert (await gql.error(query, token=world.tokens["mediator_a"]))["code"] == "FORBIDDEN"
    # The list counts its absconded (still under supervision, 法 Art. 30) and
    # its overdue, each person once; asked only when selected.
    await SupervisedPerson.filter(id=soon.id).update(status=SupervisionStatus.ABSCONDED)
    await SupervisedPerson.filter(id=ended.id).update(overdue_at=datetime.now(UTC) - DAY)
    counted = """{ personsDueForRelease { totalCount abscondedCount overdueCount } }"""
    data = (await gql.ok(counted, token=world.tokens["officer_a"]))["personsDueForRelease"]
    assert data == {"totalCount": 2, "abscondedCount": 1, "overdueCount": 1}


async def test_persons_due_for_release_costs_the_same_for_1_and_60(
    world: World, gql: GraphQLClient, count_queries: type[QueryCounter]
) -> None:
    for i in range(60):
        await enrol(
            world,
            term_end=today(world) + (i % 20) * DAY,
            unit="ab"[i % 2],
            who=("officer_a", "officer_b")[i % 2],
        )
    query = """query($n: Int) { personsDueForRelease(first: $n) { totalCount
                 edges { node { id orgUnit { name } officer { id } } } } }"""
    counts = {}
    for size in (1, 60):
        with count_queries() as counter:
            data = await gql.ok(query, {"n": size}, token=world.tokens["supervisor"])
        assert len(data["personsDueForRelease"]["edges"]) == size
        counts[size] = counter.count
    assert counts[1] == counts[60], counts


# ------------------------------------------------------------------ revocation


async def propose(
    world: World,
    person_id: int,
    received: date,
    *,
    body_type: DecidingBodyType = DecidingBodyType.COURT,
) -> Any:
    return await revocation.propose_revocation(
        world.call("officer_a"),
        person_id,
        facts="脱离监管超过一个月，经查找后归案。",
        deciding_body_type=body_type,
        deciding_body="青山县人民法院",
        proposed_on=received,
        received_on=received,
        procuratorate_copied_on=received,
    )


async def rule(
    world: World,
    person_id: int,
    proposal_id: int | None,
    on: date,
    decision: RulingDecision = RulingDecision.REVOKE,
    body_type: DecidingBodyType = DecidingBodyType.COURT,
) -> CourtRuling:
    return await revocation.record_court_ruling(
        world.call("officer_a"),
        person_id,
        proposal_id=proposal_id,
        decision=decision,
        deciding_body_type=body_type,
        deciding_body="青山县人民法院",
        document_number="（2026）青刑执字第12号",
        decided_on=on,
        note=None,
    )


@pytest.mark.parametrize(("after_days", "overdue"), [(30, False), (31, True)])
async def test_a_ruling_after_30_days_from_receipt_is_flagged(
    world: World, after_days: int, overdue: bool
) -> None:
    """法 Art. 48 ¶1: 收到建议书后三十日内; receipt is day 0 (刑诉法 Art. 105)."""
    person = (await enrol(world, term_end=today(world) + 400 * DAY)).person
    received = today(world) - after_days * DAY
    proposal = await propose(world, person.id, received)
    assert revocation.proposal_overdue(proposal, today(world)) is overdue
    ruling = await rule(world, person.id, proposal.id, today(world))
    assert ruling.overdue is overdue
    assert (await SupervisedPerson.get(id=person.id)).status == SupervisionStatus.REVOKED


async def test_a_ruling_that_refuses_keeps_supervision_going(world: World) -> None:
    person = (await enrol(world, term_end=today(world) + 400 * DAY)).person
    proposal = await propose(world, person.id, today(world) - 5 * DAY)
    with pytest.raises(BadInput):  # before the proposal was received
        await rule(world, person.id, proposal.id, today(world) - 6 * DAY)
    await rule(world, person.id, proposal.id, today(world), RulingDecision.REFUSE)
    assert (await SupervisedPerson.get(id=person.id)).status == SupervisionStatus.ACTIVE
    with pytest.raises(Conflict):  # answered already
        await rule(world, person.id, proposal.id, today(world))
    # A new proposal may follow once the first has its ruling.
    await propose(world, person.id, today(world))
    with pytest.raises(Conflict):
        await propose(world, person.id, today(world))


async def test_what_can_be_proposed_depends_on_the_correction_type(world: World) -> None:
    control = await enrol(world, term_end=today(world) + 90 * DAY, kind=CorrectionType.CONTROL)
    with pytest.raises(BadInput) as nothing:
        await propose(world, control.person.id, today(world))
    assert nothing.value.reason == "CONTROL_NOT_REVOCABLE"
    parole = await enrol(world, term_end=today(world) + 90 * DAY, kind=CorrectionType.PAROLE)
    with pytest.raises(BadInput) as court_only:
        await propose(
            world, parole.person.id, today(world), body_type=DecidingBodyType.PRISON_ADMIN
        )
    assert court_only.value.field == "decidingBodyType"
    # 收监 of 暂予监外执行 is decided by the body that approved it (法 Art. 49, 17 ¶4).
    outside = await enrol(
        world, term_end=today(world) + 90 * DAY, kind=CorrectionType.TEMPORARY_OUTSIDE_PRISON
    )
    proposal = await propose(
        world, outside.person.id, today(world), body_type=DecidingBodyType.PRISON_ADMIN
    )
    assert proposal.kind == "IMPRISONMENT"


async def test_a_court_revokes_on_a_new_crime_without_a_proposal(world: World) -> None:
    """法 Art. 46 ¶2; a refusal or a 收监 without a proposal answers nothing."""
    person = (await enrol(world, term_end=today(world) + 400 * DAY)).person
    with pytest.raises(BadInput):
        await rule(world, person.id, None, today(world), RulingDecision.REFUSE)
    ruling = await rule(world, person.id, None, today(world))
    assert ruling.proposal_id is None and not ruling.overdue
    assert (await SupervisedPerson.get(id=person.id)).status == SupervisionStatus.REVOKED


async def test_revoked_only_from_a_ruling_and_termination_follows_it(world: World) -> None:
    person = (await enrol(world, term_end=today(world) + 400 * DAY)).person
    call = world.call("officer_a")
    with pytest.raises(Conflict):  # no ruling recorded
        await termination.terminate_supervision(
            call,
            person.id,
            reason=TerminationReason.REVOCATION,
            ended_on=today(world),
            notices=[],
            note=None,
        )
    ruling = await rule(world, person.id, None, today(world) - 2 * DAY)
    with pytest.raises(Conflict):  # a revocation, not a 收监 decision
        await termination.terminate_supervision(
            call,
            person.id,
            reason=TerminationReason.IMPRISONMENT,
            ended_on=today(world),
            notices=[],
            note=None,
        )
    end = await termination.terminate_supervision(
        call,
        person.id,
        reason=TerminationReason.REVOCATION,
        ended_on=today(world),
        notices=[],
        note="已交付执行",
    )
    assert end.ruling_id == ruling.id
    assert (await SupervisedPerson.get(id=person.id)).status == SupervisionStatus.TERMINATED
    with pytest.raises(Conflict):
        await termination.terminate_supervision(
            call,
            person.id,
            reason=TerminationReason.DEATH,
            ended_on=today(world),
            notices=notices(today(world)),
            note=None,
        )


async def test_a_death_is_notified_to_the_three_bodies(world: World) -> None:
    """法 Art. 51."""
    person = (await enrol(world, term_end=today(world) + 400 * DAY)).person
    call = world.call("officer_a")
    with pytest.raises(BadInput):
        await termination.terminate_supervision(
            call,
            person.id,
            reason=TerminationReason.DEATH,
            ended_on=today(world),
            notices=notices(today(world))[1:],
            note=None,
        )
    end = await termination.terminate_supervision(
        call,
        person.id,
        reason=TerminationReason.DEATH,
        ended_on=today(world),
        notices=notices(today(world)),
        note="家属报告",
    )
    assert await EndNotice.filter(end_id=end.id).count() == 3
    assert end.outcome == SupervisionStatus.TERMINATED


async def test_after_the_end_the_account_only_reads(world: World, gql: GraphQLClient) -> None:
    person = await enrol(world, term_end=today(world) + 400 * DAY)
    own, token = await person_call(world, person)
    await termination.terminate_supervision(
        world.call("officer_a"),
        person.person.id,
        reason=TerminationReason.DEATH,
        ended_on=today(world),
        notices=notices(today(world)),
        note=None,
    )
    with pytest.raises(Conflict) as refused:
        await check_ins.submit_check_in(
            own,
            client_id=str(uuid.uuid4()),
            person_id=None,
            kind=CheckInKind.SELF_REPORT,
            captured_at=datetime.now(UTC),
            latitude_deg=None,
            longitude_deg=None,
            accuracy=None,
            note=None,
        )
    assert refused.value.reason == "ACCOUNT_READ_ONLY"
    with pytest.raises(Conflict):
        await subscriptions.register_subscription(
            own, endpoint="http://127.0.0.1/push/1", p256dh="x", auth="y", expiration_time=None
        )
    data = await gql.ok(
        "query($id: ID!) { supervisedPerson(id: $id) { status } }",
        {"id": str(person.person.id)},
        token=token,
    )
    assert data["supervisedPerson"]["status"] == "TERMINATED"


async def test_other_roles_and_other_counties_may_not_end_supervision(world: World) -> None:
    end = today(world) - DAY
    person = (await enrol(world, term_end=end)).person
    with pytest.raises(NotFound):
        await release_now(world, person.id, end, who="officer_x")
    with pytest.raises(Forbidden):
        await release_now(world, person.id, end, who="mediator_a")
    assert await Document.all().count() == 0
