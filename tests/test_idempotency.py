"""Replays: every write that carries a clientId stores it once, one way for all.

Per area (check-ins, disputes, visits, legal-aid requests): a fresh write asks
nothing by clientId before its INSERT; a replay by the author returns the
stored record and writes no row anywhere, even when the rules would now refuse
what it carries; the clientId of another account is CONFLICT and writes nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import pytest
from tortoise import Tortoise
from tortoise.models import Model

from api.domain.accounts import activation
from api.domain.common.call import Call
from api.domain.common.errors import Conflict
from api.domain.corrections import check_ins, enrolment
from api.domain.legal_aid import requests
from api.domain.mediation import disputes, visits
from api.models.corrections import CheckIn
from api.models.enums import (
    CheckInKind,
    CorrectionType,
    DisputeCategory,
    DisputeStatus,
    LegalAidMatter,
    PartyRole,
    RiskLevel,
    SupervisionLevel,
    VisitOutcome,
)
from api.models.legal_aid import LegalAidRequest
from api.models.mediation import Dispute, MediationVisit
from tests.conftest import PASSWORD, QueryCounter, World
from tests.days import office_today

# A write: (clientId, the call, whether to send content the rules now refuse).
Write = Callable[[str, Call, bool], Awaitable[Model]]


@dataclass
class Area:
    model: type[Model]
    write: Write
    author: Call
    other: Call
    # Makes the rules refuse a replay for a reason other than its content.
    change_state: Callable[[], Awaitable[None]] | None = None


async def check_in_writes(world: World) -> Area:
    now = datetime.now(UTC)
    officer = world.call("officer_a")
    officer.now = now - timedelta(days=1)
    enrolled = await enrolment.enroll_person(
        officer,
        full_name="张三",
        id_number="11010519491231002X",
        phone=None,
        correction_type=CorrectionType.PROBATION,
        supervision_level=SupervisionLevel.NORMAL,
        term_start=date(2026, 1, 1),
        term_end=date(2027, 1, 1),
        org_unit_id=world.units["a"].id,
        officer_id=None,
        check_in_interval_days=None,
    )
    person = Call(settings=world.settings, now=now)
    await activation.activate_account(person, enrolled.activation_code, "zhang.san", PASSWORD)

    async def write(client_id: str, call: Call, refused: bool) -> Model:
        by_officer = call.viewer is not None and call.viewer.username == "officer_a"
        return await check_ins.submit_check_in(
            call,
            client_id=client_id,
            person_id=enrolled.person.id if by_officer else None,
            kind=CheckInKind.IN_PERSON if by_officer else CheckInKind.SELF_REPORT,
            # In the future: a capturedAt the rules refuse.
            captured_at=call.now + (timedelta(hours=1) if refused else -timedelta(minutes=5)),
            latitude_deg=None,
            longitude_deg=None,
            accuracy=None,
            note="在家",
        )

    return Area(CheckIn, write, person, world.call("officer_a"))


async def dispute_writes(world: World) -> Area:
    async def write(client_id: str, call: Call, refused: bool) -> Model:
        return await disputes.register_dispute(
            call,
            client_id=client_id,
            title="宅基地边界纠纷",
            category=DisputeCategory.LAND,
            description="两户因宅基地边界发生争执。",
            risk_level=RiskLevel.HIGH,  # alerts, so a second write would show
            # No party: what the rules refuse.
            parties=[] if refused else [disputes.PartyInput("张大山", PartyRole.APPLICANT)],
            org_unit_id=world.units["committee_a"].id,
            mediator_id=None,
        )

    return Area(Dispute, write, world.call("mediator_a"), world.call("officer_a"))


async def visit_writes(world: World) -> Area:
    mediator = world.call("mediator_a")
    dispute = await disputes.register_dispute(
        mediator,
        client_id=str(uuid.uuid4()),
        title="邻里纠纷",
        category=DisputeCategory.NEIGHBOR,
        description="说明",
        risk_level=RiskLevel.LOW,
        parties=[disputes.PartyInput("王小梅", PartyRole.APPLICANT)],
        org_unit_id=world.units["committee_a"].id,
        mediator_id=None,
    )

    async def write(client_id: str, call: Call, refused: bool) -> Model:
        return await visits.log_visit(
            call,
            client_id=client_id,
            dispute_id=dispute.id,
            visited_at=call.now + (timedelta(hours=1) if refused else -timedelta(hours=1)),
            participants=["张大山"],
            summary="听取双方意见。",
            outcome=VisitOutcome.IN_PROGRESS,
            next_follow_up_at=call.now + timedelta(days=3),
        )

    async def close() -> None:
        # A closed dispute takes no visit: a replay must still get its own.
        await disputes.set_dispute_status(mediator, dispute.id, DisputeStatus.FAILED, "未达成")
        await disputes.set_dispute_status(mediator, dispute.id, DisputeStatus.CLOSED, "结案")

    return Area(MediationVisit, write, mediator, world.call("officer_a"), close)


async def legal_aid_request_writes(world: World) -> Area:
    base = requests.RequestInput(
        client_id="",
        applicant_name="孙丽",
        applicant_phone="13900139000",
        applicant_id_number=None,
        matter=LegalAidMatter.OTHER_CIVIL,
        special_groups=[],
        description="合同纠纷",
        household_size=1,
        monthly_household_income="1000.00",
        org_unit_id=world.units["legal"].id,
    )

    async def write(client_id: str, call: Call, refused: bool) -> Model:
        # A deadline already passed: what the rules refuse.
        deadline = office_today() - timedelta(days=2) if refused else None
        data = replace(base, client_id=client_id, limitation_deadline=deadline)
        return await requests.submit_request(call, data)

    return Area(LegalAidRequest, write, world.call("applicant"), world.call("applicant2"))


AREAS = {
    "check_in": check_in_writes,
    "dispute": dispute_writes,
    "visit": visit_writes,
    "legal_aid": legal_aid_request_writes,
}


async def rows_everywhere() -> dict[str, int]:
    """How many rows each table holds (audit, notices, history, parties...)."""
    return {name: await model.all().count() for name, model in Tortoise.apps["models"].items()}


def stored(row: Model) -> dict[str, object]:
    return {name: getattr(row, name) for name in row._meta.fields_db_projection}


@pytest.mark.parametrize("area", AREAS)
async def test_a_fresh_write_asks_nothing_by_client_id(
    world: World, count_queries: type[QueryCounter], area: str
) -> None:
    """The fresh write, the common case, is its INSERT: the unique column
    stops a duplicate, so no read by clientId comes before it."""
    a = await AREAS[area](world)
    client_id = str(uuid.uuid4())
    with count_queries() as sent:
        await a.write(client_id, a.author, False)
    by_client_id = re.compile(r"\bWHERE\b.*\bclient_id\W*\s*(=|IN\b)", re.IGNORECASE | re.DOTALL)
    assert [s for s in sent.statements if by_client_id.search(s)] == []
    assert await a.model.filter(client_id=client_id).count() == 1


@pytest.mark.parametrize("area", AREAS)
async def test_a_replay_returns_the_stored_record_and_writes_nothing(
    world: World, area: str
) -> None:
    a = await AREAS[area](world)
    client_id = str(uuid.uuid4())
    first = await a.write(client_id, a.author, False)
    kept = stored(await a.model.get(pk=first.pk))
    before = await rows_everywhere()

    again = await a.write(client_id, a.author, False)
    assert stored(again) == kept
    # What the rules now refuse in the content sent, or in the record's state.
    again = await a.write(client_id, a.author, True)
    assert stored(again) == kept
    if a.change_state is not None:
        await a.change_state()
        before = await rows_everywhere()
        again = await a.write(client_id, a.author, False)
        assert stored(again) == kept
    assert await rows_everywhere() == before

    # Another account's write with this clientId: refused, nothing told, nothing written.
    for refused in (False, True):
        with pytest.raises(Conflict) as caught:
            await a.write(client_id, a.other, refused)
        assert caught.value.extensions == {
            "code": "CONFLICT",
            "reason": "CLIENT_ID_TAKEN",
            "field": "clientId",
        }
    assert await rows_everywhere() == before
    assert stored(await a.model.get(pk=first.pk)) == kept
