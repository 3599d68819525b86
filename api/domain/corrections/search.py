"""The search for a person who lost contact (脱管): 社区矫正法 Art. 30.

「社区矫正对象失去联系的，社区矫正机构应当立即组织查找，公安机关等有关单位和人员
应当予以配合协助。」 Marking a person ABSCONDED opens a search record at once;
each step of the search is logged on it (what was done, when, by whom,
whether the police were notified, whether the procuratorate was informed);
marking the person ACTIVE again closes it with the date found. The statute
does not require informing the procuratorate during a search: it is kept as
an optional mark on an action, for the provinces whose rules ask it.

The length of the absence (`absence_days`) is kept for the sanctions that
count it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import device_time
from api.domain.corrections import persons
from api.models.corrections import SupervisedPerson
from api.models.enums import SupervisionStatus
from api.models.search import SearchAction, SearchRecord


def local_date(call: Call, when: datetime) -> date:
    return when.astimezone(ZoneInfo(call.settings.timezone)).date()


def absence_days(record: SearchRecord, *, today: date | None = None) -> int:
    """Whole days of absence, counted as statutory periods are (刑诉法 Art. 105:
    「期间开始的时和日不算在期间以内」): the day contact was lost is day 0, so
    lost on 1 March and found on 11 March is 10 days, found on 12 March 11,
    found the same day 0. An open record counts to `today` (required then)."""
    end = record.found_on
    if end is None:
        if today is None:
            raise ValueError("an open record counts to today: pass today")
        end = today
    return max(0, (end - record.lost_on).days)


async def open_record(call: Call, person: SupervisedPerson) -> SearchRecord:
    """On ACTIVE → ABSCONDED, in the status change's transaction: search at once (Art. 30)."""
    viewer = scope.require_viewer(call)
    record = await SearchRecord.create(
        person_id=person.id,
        lost_contact_at=call.now,
        lost_on=local_date(call, call.now),
        opened_by_id=viewer.id,
    )
    await audit.record(
        call,
        "search.open",
        target_type="SupervisedPerson",
        target_id=person.id,
        summary={"searchRecordId": record.id},
    )
    return record


async def close_record(call: Call, person: SupervisedPerson) -> SearchRecord | None:
    """On ABSCONDED → ACTIVE: the person is found today; the absence's length is fixed."""
    record = await _open_record_of(person.id, lock=True)
    if record is None:
        return None  # absconded before search records were kept
    record.found_at = call.now
    record.found_on = local_date(call, call.now)
    record.closed_by_id = scope.require_viewer(call).id
    await record.save(update_fields=["found_at", "found_on", "closed_by_id"])
    await audit.record(
        call,
        "search.close",
        target_type="SupervisedPerson",
        target_id=person.id,
        summary={"searchRecordId": record.id, "absenceDays": absence_days(record)},
    )
    return record


async def _open_record_of(person_id: int, *, lock: bool = False) -> SearchRecord | None:
    query = SearchRecord.filter(person_id=person_id, found_at=None)
    if lock:
        query = query.select_for_update()
    return await query.order_by("-id").first()


async def log_search_action(
    call: Call,
    person_id: int,
    *,
    done_at: datetime,
    description: str,
    police_notified: bool,
    procuratorate_informed: bool,
) -> SearchAction:
    """One step of the search of an ABSCONDED person, on the open record."""
    what = persons.note_text(description, "description", required=True)
    assert what is not None  # required
    when = device_time(done_at, "doneAt", call.now)
    async with in_transaction():
        person = await persons.person_for(call, person_id, persons.STAFF, lock=True)
        record = await _open_record_of(person.id, lock=True)
        if person.status != SupervisionStatus.ABSCONDED or record is None:
            raise Conflict("SEARCH_NOT_ABSCONDED", field="personId")
        # Not before the day contact was lost: the steps an officer took that
        # day before marking the person (the calls that went unanswered) are
        # part of the search, and a form's minute-precise time must not fall
        # just short of the marking's second.
        if local_date(call, when) < record.lost_on:
            raise BadInput("SEARCH_BEFORE_LOST", field="doneAt")
        action = await SearchAction.create(
            record_id=record.id,
            done_at=when,
            description=what,
            police_notified=police_notified,
            procuratorate_informed=procuratorate_informed,
            done_by_id=scope.require_viewer(call).id,
            recorded_at=call.now,
        )
        await audit.record(
            call,
            "search.log_action",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "searchRecordId": record.id,
                "searchActionId": action.id,
                "doneAt": when,
                "policeNotified": police_notified,
                "procuratorateInformed": procuratorate_informed,
            },
        )
    return action


# ------------------------------------------------------------ reading
#
# Reached through a person the viewer already sees (the person type's
# fields), so these take ids and check nothing more.


async def records_of(person_ids: Collection[int]) -> dict[int, list[SearchRecord]]:
    """Each person's search records, newest first, in one query."""
    found: dict[int, list[SearchRecord]] = {pid: [] for pid in person_ids}
    rows = await SearchRecord.filter(person_id__in=list(person_ids)).order_by(
        "-lost_contact_at", "-id"
    )
    for row in rows:
        found[row.person_id].append(row)
    return found


async def actions_of(record_ids: Collection[int]) -> dict[int, list[SearchAction]]:
    """Each record's actions in the order they were done, in one query."""
    found: dict[int, list[SearchAction]] = {rid: [] for rid in record_ids}
    rows = await SearchAction.filter(record_id__in=list(record_ids)).order_by("done_at", "id")
    for row in rows:
        found[row.record_id].append(row)
    return found
