"""Meeting the person on release, and the contacts and help of the assistance period.

Each is made on the officer's phone and stored once per clientId
(idempotency.store_once), like the other writes from the field.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, periods, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import client_uuid, text
from api.domain.corrections.ending import past_date, today
from api.domain.resettlement import standards
from api.domain.resettlement.period import assistance_ends_on, in_assistance_on
from api.domain.resettlement.records import STAFF, next_contact_due, record_for
from api.models.accounts import OrgUnit
from api.models.enums import ContactMethod, ResettlementHelpKind, ResettlementStatus, RiskLevel
from api.models.resettlement import (
    ResettlementContact,
    ResettlementContactRequest,
    ResettlementHelp,
    ResettlementReception,
    ResettlementRecord,
)

M = TypeVar(
    "M", ResettlementReception, ResettlementContact, ResettlementHelp, ResettlementContactRequest
)
PLACE_MAX = 200
NOTE_MAX = 2000


async def _figures(record: ResettlementRecord, on: date) -> standards.Figures:
    unit = await OrgUnit.get(id=record.org_unit_id)
    return await standards.in_force(unit.path, on)


async def record_reception(
    call: Call,
    *,
    client_id: str,
    record_id: int,
    met: bool,
    on: date,
    met_by: str | None,
    place: str | None,
    picked_up: bool,
    released_on: date | None,
    note: str | None,
) -> ResettlementReception:
    """The person met on release (by whom, where; 接回 when the office fetched
    them), or a note that they did not arrive: after the table's days that
    becomes a loss-of-contact alert (reminders.lost_contact)."""
    viewer = scope.require_role(call, STAFF)
    key = client_uuid(client_id, "clientId")
    day = past_date(call, on, "on")
    who = where = None
    if met:
        if not met_by or not met_by.strip():
            raise BadInput("RECEPTION_MET_BY_REQUIRED", field="metBy")
        if not place or not place.strip():
            raise BadInput("RECEPTION_PLACE_REQUIRED", field="place")
        who = text(met_by, "metBy", max_len=PLACE_MAX)
        where = text(place, "place", max_len=PLACE_MAX)
    elif picked_up:
        raise BadInput("RECEPTION_PICKED_UP_NOT_MET", field="pickedUp")
    remark = text(note, "note", max_len=NOTE_MAX) if note and note.strip() else None
    release = past_date(call, released_on, "releasedOn") if released_on else None

    async def write() -> ResettlementReception:
        async with in_transaction():
            record = await record_for(call, record_id, lock=True)
            status = ResettlementStatus(record.status)
            if status is ResettlementStatus.IN_ASSISTANCE:
                raise Conflict("RESETTLEMENT_ALREADY_RECEIVED", field="recordId")
            fields = ["status"]
            if met:
                if release is not None:
                    record.released_on = release
                    record.assistance_ends_on = assistance_ends_on(release)
                    fields += ["released_on", "assistance_ends_on"]
                if day < record.released_on:
                    raise BadInput("RECEPTION_BEFORE_RELEASE", field="on")
                figures = await _figures(record, day)
                record.status = ResettlementStatus.IN_ASSISTANCE
                record.received_on = day
                record.lost_contact_due_at = None
                record.next_contact_due_on = next_contact_due(
                    RiskLevel(record.risk_grade), day, figures.high_risk_contact_days
                )
                fields += ["received_on", "lost_contact_due_at", "next_contact_due_on"]
            else:
                if status is ResettlementStatus.NOT_ARRIVED:
                    raise Conflict("RESETTLEMENT_ALREADY_NOT_ARRIVED", field="recordId")
                figures = await _figures(record, day)
                record.status = ResettlementStatus.NOT_ARRIVED
                record.not_arrived_on = day
                # The loss of contact: once the table's days after the day the
                # person did not arrive have passed, the day itself not counted.
                record.lost_contact_due_at = periods.end_of(
                    periods.last_day(day, figures.no_show_days)
                )
                fields += ["not_arrived_on", "lost_contact_due_at"]
            await record.save(update_fields=fields)
            row = await ResettlementReception.create(
                client_id=key,
                record_id=record.id,
                met=met,
                happened_on=day,
                met_by=who,
                place=where,
                picked_up=picked_up,
                note=remark,
                recorded_by_id=viewer.id,
                recorded_at=call.now,
            )
            await audit.record(
                call,
                "resettlement.reception",
                target_type="ResettlementRecord",
                target_id=record.id,
                summary={"met": met, "on": day, "pickedUp": picked_up},
            )
            return row

    return await idempotency.store_once(
        ResettlementReception, key, viewer, lambda r: r.recorded_by_id, write()
    )


def _in_period(record: ResettlementRecord, day: date) -> None:
    if ResettlementStatus(record.status) is not ResettlementStatus.IN_ASSISTANCE:
        raise Conflict("RESETTLEMENT_NOT_RECEIVED", field="recordId")
    if not in_assistance_on(record.released_on, record.assistance_ends_on, day):
        raise BadInput(
            "RESETTLEMENT_OUTSIDE_PERIOD",
            field="on",
            ends_on=record.assistance_ends_on.isoformat(),
        )


async def record_contact(
    call: Call, *, client_id: str, record_id: int, on: date, method: ContactMethod, note: str
) -> ResettlementContact:
    """A contact in the assistance period; for a high-risk person it sets the
    next one due (the table's days from this one)."""
    viewer = scope.require_role(call, STAFF)
    key = client_uuid(client_id, "clientId")
    day = past_date(call, on, "on")
    remark = text(note, "note", max_len=NOTE_MAX)

    async def write() -> ResettlementContact:
        async with in_transaction():
            record = await record_for(call, record_id, lock=True)
            _in_period(record, day)
            figures = await _figures(record, day)
            due = next_contact_due(
                RiskLevel(record.risk_grade), day, figures.high_risk_contact_days
            )
            # An older contact entered late does not move the due date back.
            if due is not None and (
                record.next_contact_due_on is None or due > record.next_contact_due_on
            ):
                record.next_contact_due_on = due
                await record.save(update_fields=["next_contact_due_on"])
            row = await ResettlementContact.create(
                client_id=key,
                record_id=record.id,
                contacted_on=day,
                method=ContactMethod(method),
                note=remark,
                recorded_by_id=viewer.id,
                recorded_at=call.now,
            )
            await audit.record(
                call,
                "resettlement.contact",
                target_type="ResettlementRecord",
                target_id=record.id,
                summary={"on": day, "method": ContactMethod(method)},
            )
            return row

    return await idempotency.store_once(
        ResettlementContact, key, viewer, lambda r: r.recorded_by_id, write()
    )


async def record_help(
    call: Call,
    *,
    client_id: str,
    record_id: int,
    on: date,
    kind: ResettlementHelpKind,
    description: str,
) -> ResettlementHelp:
    """Help given in the assistance period: employment, housing, subsistence, health."""
    viewer = scope.require_role(call, STAFF)
    key = client_uuid(client_id, "clientId")
    day = past_date(call, on, "on")
    words = text(description, "description", max_len=NOTE_MAX)

    async def write() -> ResettlementHelp:
        async with in_transaction():
            record = await record_for(call, record_id, lock=True)
            _in_period(record, day)
            row = await ResettlementHelp.create(
                client_id=key,
                record_id=record.id,
                kind=ResettlementHelpKind(kind),
                given_on=day,
                description=words,
                recorded_by_id=viewer.id,
                recorded_at=call.now,
            )
            await audit.record(
                call,
                "resettlement.help",
                target_type="ResettlementRecord",
                target_id=record.id,
                summary={"on": day, "kind": ResettlementHelpKind(kind)},
            )
            return row

    return await idempotency.store_once(
        ResettlementHelp, key, viewer, lambda r: r.recorded_by_id, write()
    )


def contact_overdue(record: ResettlementRecord, call: Call) -> bool:
    due = record.next_contact_due_on
    return due is not None and due < today(call)


async def of_records(model: type[M], record_ids: list[int], order: str) -> dict[int, list[M]]:
    """The rows of `model` (receptions, contacts, help, contact requests) of these records, one
    statement, each record's in `order` (for the request's loaders)."""
    found: dict[int, list[M]] = {k: [] for k in record_ids}
    for row in await model.filter(record_id__in=record_ids).order_by(order, "id"):
        found[row.record_id].append(row)
    return found
