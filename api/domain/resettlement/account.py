"""The released person's own account (安置帮教), at their request only.

A released person has no duty to report, so no account is made by default.
If the person asks, the office's officer records the request (the consent:
who took it, when; on the audit log) and hands over a one-time code, as
corrections' enrolment does; the person turns it into an account on the same
activation screen (api/domain/accounts/activation.py). With it the person
sees the help of their own record and the office's number, and can ask the
office to get in touch; nothing else. At the person's wish the officer ends
the account again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from api.domain.accounts import sessions
from api.domain.common import audit, idempotency, links, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.secrets import code_hash, new_code
from api.domain.common.validators import client_uuid, text
from api.domain.corrections.ending import today
from api.domain.corrections.enrolment import ACTIVATION_CODE_LIFETIME
from api.domain.notices import notices
from api.domain.resettlement.records import record_for
from api.domain.resettlement.reminders import office_staff
from api.models.accounts import OrgUnit, User
from api.models.resettlement import (
    ResettlementActivationCode,
    ResettlementContactRequest,
    ResettlementRecord,
)

MESSAGE_MAX = 1000
OWN = scope.RESETTLEMENT_OWN


@dataclass(frozen=True)
class IssuedCode:
    record: ResettlementRecord
    code: str
    expires_at: datetime


def _refuse_if_closed(call: Call, record: ResettlementRecord) -> None:
    """The record is open while its assistance period runs (its last day
    included): no account is begun for a person no longer in the office's care."""
    if today(call) > record.assistance_ends_on:
        raise Conflict(
            "RESETTLEMENT_CLOSED", field="id", ends_on=record.assistance_ends_on.isoformat()
        )


async def issue_account_code(call: Call, record_id: int, *, person_requested: bool) -> IssuedCode:
    """A one-time code for the person of an open record who asked for an
    account; a code issued before and not used stops working."""
    if not person_requested:
        raise BadInput("RESETTLEMENT_REQUEST_REQUIRED", field="personRequested")
    code = new_code()
    async with in_transaction():
        record = await record_for(call, record_id, lock=True)
        if record.account_id is not None:
            raise Conflict("RESETTLEMENT_ACCOUNT_EXISTS", field="id")
        _refuse_if_closed(call, record)
        viewer = scope.require_viewer(call)
        replaced = await ResettlementActivationCode.filter(
            record_id=record.id, used_at=None, voided_at=None
        ).update(voided_at=call.now)
        row = await ResettlementActivationCode.create(
            record_id=record.id,
            code_hash=code_hash(code),
            requested_with_id=viewer.id,
            created_at=call.now,
            expires_at=call.now + ACTIVATION_CODE_LIFETIME,
        )
        await audit.record(
            call,
            "resettlement.issue_code",
            target_type="ResettlementRecord",
            target_id=record.id,
            # The consent: the person asked, to this officer (the entry's actor), now.
            summary={"personRequested": True, "replaced": replaced},
        )
    return IssuedCode(record, code, row.expires_at)


async def end_account(call: Call, record_id: int) -> ResettlementRecord:
    """At the person's wish: the account can no longer sign in (every session
    ends), the record no longer has one, and an unused code stops working.
    The account row stays, inactive, for the audit trail."""
    async with in_transaction():
        record = await record_for(call, record_id, lock=True)
        if record.account_id is None:
            raise Conflict("RESETTLEMENT_NO_ACCOUNT", field="id")
        user_id = record.account_id
        await User.filter(id=user_id).update(is_active=False)
        revoked = await sessions.end_all_sessions(call, user_id)
        record.account_id = None
        await record.save(update_fields=["account_id"])
        await ResettlementActivationCode.filter(
            record_id=record.id, used_at=None, voided_at=None
        ).update(voided_at=call.now)
        await audit.record(
            call,
            "resettlement.end_account",
            target_type="ResettlementRecord",
            target_id=record.id,
            summary={"userId": user_id, "sessionsRevoked": revoked},
        )
    return record


@dataclass(frozen=True)
class OwnRecord:
    record: ResettlementRecord
    office: OrgUnit
    office_phone: str | None


async def own_record(call: Call) -> ResettlementRecord:
    """The one record the released person's account is linked to; NOT_FOUND
    once the officer has ended the account (its sessions end with it)."""
    viewer = scope.require_role(call, OWN)
    record = await ResettlementRecord.get_or_none(account_id=viewer.id)
    if record is None:
        raise scope.not_found("RESETTLEMENT_NOT_FOUND")
    return record


async def my_resettlement(call: Call) -> OwnRecord:
    """What the person sees of their record: its help, the office and the
    office's phone (the record's officer's work phone, while an officer)."""
    record = await own_record(call)
    office = await OrgUnit.get(id=record.org_unit_id)
    phone = None
    if record.officer_id is not None:
        officer = await User.get_or_none(id=record.officer_id, is_active=True)
        phone = officer.phone if officer is not None else None
    return OwnRecord(record, office, phone)


async def send_contact_request(
    call: Call, *, client_id: str, message: str
) -> ResettlementContactRequest:
    """The person asks the office to get in touch: stored on the record for the
    officer, who also hears of it (a notice that names nobody)."""
    viewer = scope.require_role(call, OWN)
    key = client_uuid(client_id, "clientId")
    words = text(message, "message", max_len=MESSAGE_MAX)

    async def write() -> ResettlementContactRequest:
        async with in_transaction():
            record = await own_record(call)
            row = await ResettlementContactRequest.create(
                client_id=key,
                record_id=record.id,
                message=words,
                sent_by_id=viewer.id,
                sent_at=call.now,
            )
            await notices.enqueue(
                call,
                await office_staff(record),
                "resettlement.contact_request",
                subject_type="ResettlementContactRequest",
                subject_id=row.id,
                period="sent",
                url=links.resettlement(record.id),
                alert=True,
            )
            await audit.record(
                call,
                "resettlement.contact_request",
                target_type="ResettlementRecord",
                target_id=record.id,
                summary={"contactRequestId": row.id},
            )
            return row

    return await idempotency.store_once(
        ResettlementContactRequest, key, viewer, lambda r: r.sent_by_id, write()
    )
