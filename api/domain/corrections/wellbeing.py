"""The two optional questions of a self check-in, and the officer's triage.

How are you (a scale of 1 to 5) and has anything changed (address, job,
phone, health), as the UK's eSupervision asks, and a message to the officer.
A change of address or job is what the person must report anyway (法 Art. 23:
遵守…关于报告…迁居等监督管理规定; ⚠ 办法 Art. 24, unverified: changes of
residence or job reported at once). A change, or an answer of LOW_MOOD or
below, puts the answer before the officer until acknowledged; the threshold
is the app's choice, not law.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, paging, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, NotFound
from api.domain.common.validators import int_range, text
from api.domain.corrections.persons import STAFF, person_for
from api.models.corrections import CheckIn
from api.models.education import CheckInWellbeing
from api.models.enums import CircumstanceChange

MOOD_RANGE = (1, 5)
LOW_MOOD = 2
DETAILS_MAX = 500
MESSAGE_MAX = 1000


@dataclass(frozen=True)
class Answers:
    mood: int | None = None
    changes: Sequence[CircumstanceChange] = ()
    change_details: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class Checked:
    mood: int | None
    changes: list[CircumstanceChange]
    change_details: str | None
    message: str | None

    @property
    def needs_attention(self) -> bool:
        return bool(self.changes) or (self.mood is not None and self.mood <= LOW_MOOD)


def checked(answers: Answers | None) -> Checked | None:
    """The answers, checked before the check-in's transaction; None when
    nothing was answered (the questions are optional)."""
    if answers is None:
        return None
    mood = None
    if answers.mood is not None:
        mood = int_range(answers.mood, "wellbeing.mood", *MOOD_RANGE)
    picked = {CircumstanceChange(c) for c in answers.changes}
    changes = [c for c in CircumstanceChange if c in picked]
    details = _optional(answers.change_details, "wellbeing.changeDetails", DETAILS_MAX)
    if details is not None and not changes:
        raise BadInput("WELLBEING_DETAILS_WITHOUT_CHANGE", field="wellbeing.changes")
    message = _optional(answers.message, "wellbeing.message", MESSAGE_MAX)
    if mood is None and not changes and message is None:
        return None
    return Checked(mood, changes, details, message)


def _optional(value: str | None, field: str, max_len: int) -> str | None:
    if value is None or not value.strip():
        return None
    return text(value, field, max_len=max_len)


async def store(row: CheckIn, answers: Checked | None) -> None:
    """Inside the check-in's transaction: the answers beside the check-in."""
    if answers is None:
        return
    await CheckInWellbeing.create(
        check_in_id=row.id,
        person_id=row.person_id,
        mood=answers.mood,
        changes=",".join(answers.changes),
        change_details=answers.change_details,
        message=answers.message,
        needs_attention=answers.needs_attention,
        captured_at=row.captured_at,
    )


def changes_of(row: CheckInWellbeing) -> list[CircumstanceChange]:
    return [CircumstanceChange(c) for c in row.changes.split(",") if c]


async def of_check_ins(check_in_ids: Sequence[int]) -> list[CheckInWellbeing]:
    return await CheckInWellbeing.filter(check_in_id__in=list(check_in_ids))


async def open_of_persons(person_ids: Sequence[int]) -> dict[int, CheckInWellbeing]:
    """Each person's oldest answer still needing attention, in one query."""
    rows = await CheckInWellbeing.filter(
        person_id__in=list(person_ids), needs_attention=True, acknowledged_at__isnull=True
    ).order_by("-captured_at", "-id")
    found: dict[int, CheckInWellbeing] = {}
    for row in rows:
        found[row.person_id] = row  # the oldest is the last to be set
    return found


async def triage(
    call: Call, *, limit: int, after: paging.TimePosition | None
) -> paging.Page[CheckInWellbeing]:
    """Answers needing attention in the viewer's offices, not yet acknowledged;
    the longest waiting first."""
    scope.require_role(call, STAFF)
    unit_ids = await scope.corrections_unit_ids(call)
    if not unit_ids:
        return paging.empty()
    query = CheckInWellbeing.filter(
        needs_attention=True, acknowledged_at__isnull=True, person__org_unit_id__in=unit_ids
    )
    total = await query.count()
    if after is not None:
        query = query.filter(Q(captured_at__gt=after.at) | Q(captured_at=after.at, id__gt=after.id))
    rows = await query.order_by("captured_at", "id").limit(limit + 1)
    return paging.page_of(
        rows, limit, lambda r: paging.TimePosition(r.captured_at, r.id), total=total
    )


async def acknowledge(call: Call, wellbeing_id: int) -> CheckInWellbeing:
    """The officer has seen the answer and acted on it: it leaves the triage."""
    viewer = scope.require_role(call, STAFF)
    async with in_transaction():
        row = await CheckInWellbeing.get_or_none(id=wellbeing_id)
        if row is None:
            raise scope.not_found("WELLBEING_NOT_FOUND")
        try:
            person = await person_for(call, row.person_id, STAFF, lock=True)
        except NotFound as exc:
            raise scope.not_found("WELLBEING_NOT_FOUND") from exc
        row = await CheckInWellbeing.filter(id=wellbeing_id).select_for_update().get()
        if row.acknowledged_at is None:
            row.acknowledged_by_id = viewer.id
            row.acknowledged_at = call.now
            await row.save(update_fields=["acknowledged_by_id", "acknowledged_at"])
            await audit.record(
                call,
                "wellbeing.acknowledge",
                target_type="SupervisedPerson",
                target_id=person.id,
                summary={"wellbeing": row.id, "checkIn": row.check_in_id},
            )
    return row
