"""Field visits (走访) to a dispute: recording one, and reading a dispute's visits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tortoise.expressions import Q
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, paging, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import (
    accuracy_meters,
    aware,
    client_uuid,
    device_time,
    latitude,
    longitude,
    proper_name,
    text,
)
from api.domain.mediation.disputes import (
    OPEN_STATUSES,
    dispute_in_scope,
    record_agreement,
)
from api.models.enums import DisputeStatus, VisitOutcome
from api.models.mediation import MediationVisit

SUMMARY_MAX = 5000
PARTICIPANT_MAX = 50
MAX_PARTICIPANTS = 30


async def log_visit(
    call: Call,
    *,
    client_id: str,
    dispute_id: int,
    visited_at: datetime,
    participants: Sequence[str],
    summary: str,
    outcome: VisitOutcome,
    next_follow_up_at: datetime | None = None,
    latitude_deg: float | None = None,
    longitude_deg: float | None = None,
    accuracy: float | None = None,
) -> MediationVisit:
    """Record a field visit (走访) to a dispute; the same clientId again returns it."""
    viewer = scope.require_role(call, scope.MEDIATION_STAFF)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        MediationVisit,
        cid,
        viewer,
        lambda stored: stored.mediator_id,
        _log_visit(
            call,
            viewer,
            cid,
            dispute_id=dispute_id,
            visited_at=visited_at,
            participants=participants,
            summary=summary,
            outcome=outcome,
            next_follow_up_at=next_follow_up_at,
            latitude_deg=latitude_deg,
            longitude_deg=longitude_deg,
            accuracy=accuracy,
        ),
    )


async def _log_visit(
    call: Call,
    viewer: Viewer,
    cid: str,
    *,
    dispute_id: int,
    visited_at: datetime,
    participants: Sequence[str],
    summary: str,
    outcome: VisitOutcome,
    next_follow_up_at: datetime | None,
    latitude_deg: float | None,
    longitude_deg: float | None,
    accuracy: float | None,
) -> MediationVisit:
    visited_at = device_time(visited_at, "visitedAt", call.now)
    if next_follow_up_at is not None:
        next_follow_up_at = aware(next_follow_up_at, "nextFollowUpAt")
        if next_follow_up_at <= visited_at:
            raise BadInput("FOLLOW_UP_BEFORE_VISIT", field="nextFollowUpAt")
    if (latitude_deg is None) != (longitude_deg is None):
        raise BadInput(
            "LOCATION_INCOMPLETE", field="latitude" if latitude_deg is None else "longitude"
        )
    lat = latitude(latitude_deg, "latitude") if latitude_deg is not None else None
    lon = longitude(longitude_deg, "longitude") if longitude_deg is not None else None
    acc = accuracy_meters(accuracy, "accuracyMeters") if accuracy is not None else None
    if len(participants) > MAX_PARTICIPANTS:
        raise BadInput("PARTICIPANTS_TOO_MANY", field="participants", max=MAX_PARTICIPANTS)
    people = [
        proper_name(p, f"participants.{i}", max_len=PARTICIPANT_MAX)
        for i, p in enumerate(participants)
    ]
    summary = text(summary, "summary", max_len=SUMMARY_MAX)
    outcome = VisitOutcome(outcome)

    async with in_transaction():
        # Locked, so concurrent visits to one dispute update it in turn.
        dispute = await dispute_in_scope(call, dispute_id, lock=True)
        status = DisputeStatus(dispute.status)
        if status is DisputeStatus.CLOSED:
            raise Conflict("DISPUTE_CLOSED", field="disputeId")
        if outcome in (VisitOutcome.AGREEMENT_REACHED, VisitOutcome.REFERRED) and (
            status not in OPEN_STATUSES
        ):
            raise Conflict("DISPUTE_OUTCOME", field="outcome", status=status)
        visit = await MediationVisit.create(
            client_id=cid,
            dispute_id=dispute.id,
            mediator_id=viewer.id,
            visited_at=visited_at,
            received_at=call.now,
            latitude=lat,
            longitude=lon,
            accuracy_meters=acc,
            participants=people,
            summary=summary,
            outcome=outcome,
            next_follow_up_at=next_follow_up_at,
        )
        changed = ["status"]
        # Visits recorded offline arrive out of order: the follow-up date
        # of the dispute is the one of its latest visit, not the last sent.
        newer = await (
            MediationVisit.filter(dispute_id=dispute.id)
            .filter(Q(visited_at__gt=visited_at) | Q(visited_at=visited_at, id__gt=visit.id))
            .exists()
        )
        if not newer:
            dispute.next_follow_up_at = next_follow_up_at
            changed.append("next_follow_up_at")
        if status is DisputeStatus.OPEN:
            dispute.status = DisputeStatus.MEDIATING
        if outcome is VisitOutcome.AGREEMENT_REACHED:
            record_agreement(dispute, visited_at)
            changed += ["resolved_at", "judicial_confirmation_due_at"]
        elif outcome is VisitOutcome.REFERRED:
            dispute.status = DisputeStatus.REFERRED
        await dispute.save(update_fields=changed)
        await audit.record(
            call,
            "dispute.visit",
            target_type="Dispute",
            target_id=dispute.id,
            summary={
                "visitId": visit.id,
                "outcome": outcome,
                "from": status,
                "to": dispute.status,
                "nextFollowUpAt": next_follow_up_at,
            },
        )
    return visit


async def visits_of(
    dispute_ids: Sequence[int], *, limit: int, after: paging.TimePosition | None
) -> dict[int, paging.Page[MediationVisit]]:
    """A page of visits per dispute, newest first, after a (visitedAt, id) position.

    One query for any number of disputes. Visits per dispute are few
    (mediation is normally finished within a month), so the rows are cut to
    size per dispute here rather than with a window function.
    """
    query = MediationVisit.filter(dispute_id__in=list(dispute_ids))
    if after is not None:
        query = query.filter(Q(visited_at__lt=after.at) | Q(visited_at=after.at, id__lt=after.id))
    grouped: dict[int, list[MediationVisit]] = {i: [] for i in dispute_ids}
    for visit in await query.order_by("dispute_id", "-visited_at", "-id"):
        rows = grouped[visit.dispute_id]
        if len(rows) <= limit:
            rows.append(visit)
    return {
        dispute_id: paging.page_of(rows, limit, _visit_position)
        for dispute_id, rows in grouped.items()
    }


def _visit_position(visit: MediationVisit) -> paging.TimePosition:
    return paging.TimePosition(visit.visited_at, visit.id)


async def visit_counts(dispute_ids: Sequence[int]) -> dict[int, int]:
    counts = dict.fromkeys(dispute_ids, 0)
    rows = (
        await MediationVisit.filter(dispute_id__in=list(dispute_ids))
        .annotate(n=Count("id"))
        .group_by("dispute_id")
        .values_list("dispute_id", "n")
    )
    for dispute_id, n in rows:
        counts[int(dispute_id)] = int(n)
    return counts
