"""Help (帮扶): employment, housing, subsistence, schooling; who helped and how
it turned out (社区矫正法 Art. 37-38, 40-41, 43).

The office may arrange training and job guidance and help students finish
school (法 Art. 37), residents' committees and volunteers help those in
special hardship (Art. 38), social services are bought in (Art. 40), and the
person is helped to apply for social assistance (Art. 43): each is recorded
here with the helper, so the record shows what was done and with what result.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.domain.common.validators import proper_name, text
from api.domain.corrections import ending
from api.domain.corrections.persons import STAFF, person_for
from api.models.education import HelpRecord
from api.models.enums import HelpKind

HELPER_MAX = 100
TEXT_MAX = 2000


async def record_help(
    call: Call,
    person_id: int,
    *,
    kind: HelpKind,
    helped_on: date,
    helper: str,
    description: str,
    outcome: str,
) -> HelpRecord:
    viewer = scope.require_role(call, STAFF)
    kind = HelpKind(kind)
    helped_on = ending.past_date(call, helped_on, "helpedOn")
    who = proper_name(helper, "helper", max_len=HELPER_MAX)
    what = text(description, "description", max_len=TEXT_MAX)
    result = text(outcome, "outcome", max_len=TEXT_MAX)
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        row = await HelpRecord.create(
            person_id=person.id,
            kind=kind,
            helped_on=helped_on,
            helper=who,
            description=what,
            outcome=result,
            recorded_by_id=viewer.id,
            recorded_at=call.now,
        )
        await audit.record(
            call,
            "help.record",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"help": row.id, "kind": kind, "helpedOn": helped_on},
        )
    return row


async def help_of(person_ids: Sequence[int]) -> dict[int, list[HelpRecord]]:
    """Each person's help, the latest first; one query for them all."""
    found: dict[int, list[HelpRecord]] = {i: [] for i in person_ids}
    rows = await HelpRecord.filter(person_id__in=list(person_ids)).order_by("-helped_on", "-id")
    for row in rows:
        found[row.person_id].append(row)
    return found
