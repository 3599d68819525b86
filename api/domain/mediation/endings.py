"""A mediation that ends without an agreement: a party's clear refusal
(人民调解法 Art. 17) or a failure to agree (Art. 26).

A refusal ends the mediation at once: 「当事人一方明确拒绝调解的，不得调解」,
so the file is closed and no visit is accepted after it (visits.py refuses a
closed dispute). A failure ends it too, and the mediator tells the parties
they may turn to arbitration, an administrative body or a court: which of
those they were told of is recorded. The file stays FAILED (not closed), so
that a follow-up or a legal-aid request can still come from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import client_uuid, device_time, text
from api.domain.mediation.disputes import OPEN_STATUSES, dispute_in_scope
from api.models.enums import DisputeStatus
from api.models.mediation import Dispute, DisputeParty
from api.models.mediation_sources import DisputeRefusal, LegalRoute, MediationFailure

NOTE_MAX = 2000


async def _open_dispute(call: Call, dispute_id: int) -> Dispute:
    dispute = await dispute_in_scope(call, dispute_id, lock=True)
    if dispute.status not in OPEN_STATUSES:
        raise Conflict("DISPUTE_NOT_OPEN", field="disputeId")
    return dispute


async def record_refusal(
    call: Call,
    *,
    client_id: str,
    dispute_id: int,
    party_name: str,
    refused_at: datetime,
    note: str | None,
) -> DisputeRefusal:
    """A party of the dispute clearly refused mediation: the mediation ends and
    the file is closed. The same clientId again returns the stored refusal."""
    viewer = scope.require_role(call, scope.MEDIATION_STAFF)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        DisputeRefusal,
        cid,
        viewer,
        lambda stored: stored.recorded_by_id,
        _refuse(call, viewer, cid, dispute_id, party_name, refused_at, note),
    )


async def _refuse(
    call: Call,
    viewer: Viewer,
    cid: str,
    dispute_id: int,
    party_name: str,
    refused_at: datetime,
    note: str | None,
) -> DisputeRefusal:
    at = device_time(refused_at, "refusedAt", call.now)
    clean_note = text(note, "note", max_len=NOTE_MAX) if note else None
    async with in_transaction():
        dispute = await _open_dispute(call, dispute_id)
        names = set(await DisputeParty.filter(dispute_id=dispute.id).values_list("name", flat=True))
        if party_name not in names:
            raise BadInput("REFUSING_PARTY_UNKNOWN", field="partyName")
        refusal = await DisputeRefusal.create(
            client_id=cid,
            dispute_id=dispute.id,
            party_name=party_name,
            refused_at=at,
            note=clean_note,
            recorded_by_id=viewer.id,
            received_at=call.now,
        )
        previous = dispute.status
        dispute.status = DisputeStatus.CLOSED
        dispute.closed_at = call.now
        dispute.next_follow_up_at = None
        await dispute.save(update_fields=["status", "closed_at", "next_follow_up_at"])
        await audit.record(
            call,
            "dispute.refusal",
            target_type="Dispute",
            target_id=dispute.id,
            summary={"from": previous, "to": dispute.status, "party": party_name, "at": at},
        )
    return refusal


async def record_failure(
    call: Call,
    *,
    client_id: str,
    dispute_id: int,
    failed_at: datetime,
    routes_told: Sequence[LegalRoute],
    note: str | None,
) -> MediationFailure:
    """Mediation failed (Art. 26): the dispute is FAILED, with the routes the
    parties were told of. The same clientId again returns the stored record."""
    viewer = scope.require_role(call, scope.MEDIATION_STAFF)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        MediationFailure,
        cid,
        viewer,
        lambda stored: stored.recorded_by_id,
        _fail(call, viewer, cid, dispute_id, failed_at, routes_told, note),
    )


async def _fail(
    call: Call,
    viewer: Viewer,
    cid: str,
    dispute_id: int,
    failed_at: datetime,
    routes_told: Sequence[LegalRoute],
    note: str | None,
) -> MediationFailure:
    at = device_time(failed_at, "failedAt", call.now)
    # Art. 26: the parties must be told of the routes open to them.
    routes = [r.value for r in LegalRoute if r in {LegalRoute(x) for x in routes_told}]
    if not routes:
        raise BadInput("ROUTES_TOLD_REQUIRED", field="routesTold")
    clean_note = text(note, "note", max_len=NOTE_MAX) if note else None
    async with in_transaction():
        dispute = await _open_dispute(call, dispute_id)
        failure = await MediationFailure.create(
            client_id=cid,
            dispute_id=dispute.id,
            failed_at=at,
            routes_told=routes,
            note=clean_note,
            recorded_by_id=viewer.id,
            received_at=call.now,
        )
        previous = dispute.status
        dispute.status = DisputeStatus.FAILED
        await dispute.save(update_fields=["status"])
        await audit.record(
            call,
            "dispute.failure",
            target_type="Dispute",
            target_id=dispute.id,
            summary={"from": previous, "to": dispute.status, "routesTold": routes, "at": at},
        )
    return failure


async def refusals_of(dispute_ids: Sequence[int]) -> list[DisputeRefusal]:
    return await DisputeRefusal.filter(dispute_id__in=list(dispute_ids))


async def failures_of(dispute_ids: Sequence[int]) -> list[MediationFailure]:
    return await MediationFailure.filter(dispute_id__in=list(dispute_ids))
