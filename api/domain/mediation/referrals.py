"""Hand-offs and deadlines of a dispute: a court-referred case's period
extended with both parties' consent, the disputes past their deadline, the
reminders of both deadlines, and a dispute reported to the police.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, periods, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import client_uuid, device_time, proper_name, text
from api.domain.mediation.disputes import OPEN_STATUSES, dispute_in_scope
from api.domain.mediation.sources import BODY_MAX, COURT_KINDS, REFERENCE_MAX
from api.domain.notices import notices
from api.models.accounts import User
from api.models.mediation import Dispute
from api.models.mediation_sources import DeadlineExtension, DisputeSource, PoliceReport

NOTE_MAX = 2000
# Not law but the app's choice: a court-referred case's mediator hears of its
# deadline two days before it (the summary procedure leaves 7 days in all).
COURT_WARNING_DAYS = 2
# How far back a reminder rule looks for what came due while no scheduler ran.
CATCH_UP_DAYS = 3
BATCH = 500


def today(call: Call) -> date:
    return periods.local_day(call.now)


def is_overdue(source: DisputeSource, status: str, on: date) -> bool:
    """Still being mediated after the last day of its period."""
    return status in OPEN_STATUSES and source.due_on < on


# ------------------------------------------------------------------ extension


async def record_deadline_extension(
    call: Call, dispute_id: int, new_due_on: date, parties_consented: bool, note: str
) -> DisputeSource:
    """特邀调解规定 Art. 27: a court-referred case's period may be longer when
    both parties agree; the new last day and how they agreed are recorded."""
    scope.require_role(call, scope.MEDIATION_STAFF)
    if parties_consented is not True:
        raise BadInput("EXTENSION_NEEDS_CONSENT", field="partiesConsented")
    clean_note = text(note, "note", max_len=NOTE_MAX)
    async with in_transaction():
        dispute = await dispute_in_scope(call, dispute_id, lock=True)
        source = await DisputeSource.get_or_none(dispute_id=dispute.id)
        if source is None or source.kind not in COURT_KINDS or source.court_due_on is None:
            raise Conflict("EXTENSION_NOT_COURT_REFERRED", field="disputeId")
        if dispute.status not in OPEN_STATUSES:
            raise Conflict("DISPUTE_NOT_OPEN", field="disputeId")
        if new_due_on <= source.court_due_on:
            raise BadInput("EXTENSION_NOT_LATER", field="newDueOn", due=source.court_due_on)
        await DeadlineExtension.create(
            dispute_id=dispute.id,
            from_on=source.court_due_on,
            to_on=new_due_on,
            note=clean_note,
            recorded_by_id=call.viewer.id,  # type: ignore[union-attr]
            recorded_at=call.now,
        )
        previous = source.court_due_on
        source.court_due_on = new_due_on
        source.due_on = min(new_due_on, source.normal_end_on)
        await source.save(update_fields=["court_due_on", "due_on"])
        await audit.record(
            call,
            "dispute.deadline_extension",
            target_type="Dispute",
            target_id=dispute.id,
            summary={"from": previous, "to": new_due_on, "note": clean_note},
        )
    return source


# ------------------------------------------------------------------ overdue list


@dataclass(frozen=True)
class DuePosition(paging.Position):
    """A place in the overdue list: (the last day, the source row's id)."""

    due: str
    id: int

    def __post_init__(self) -> None:
        date.fromisoformat(self.due)  # ValueError: not this list's cursor


async def overdue_disputes(
    call: Call, *, limit: int, after: DuePosition | None
) -> paging.Page[Dispute]:
    """The viewer's disputes still being mediated after their last day, the
    longest overdue first (若干规定 Art. 33; 特邀调解规定 Art. 27)."""
    where = await scope.dispute_scope(call)
    if where is None:
        return paging.empty()
    query = DisputeSource.filter(
        due_on__lt=today(call),
        dispute__status__in=list(OPEN_STATUSES),
        dispute_id__in=Subquery(Dispute.filter(where).values("id")),
    )
    total = await query.count()
    if after is not None:
        due = date.fromisoformat(after.due)
        query = query.filter(Q(due_on__gt=due) | Q(due_on=due, id__gt=after.id))
    rows = await query.order_by("due_on", "id").limit(limit + 1).select_related("dispute")
    page = paging.page_of(
        rows, limit, lambda s: DuePosition(s.due_on.isoformat(), s.id), total=total
    )
    return paging.Page(
        [s.dispute for s in page.rows], page.positions, page.has_next, page.total, page.as_of
    )


# ------------------------------------------------------------------ reminders


async def _mediators(rows: Sequence[DisputeSource]) -> dict[int, User]:
    ids = {s.dispute.mediator_id for s in rows if s.dispute.mediator_id is not None}
    if not ids:
        return {}
    return {u.id: u for u in await User.filter(id__in=list(ids), is_active=True)}


async def _remind(
    call: Call, rows: Sequence[DisputeSource], kind: str, due: dict[int, date]
) -> int:
    users = await _mediators(rows)
    queued = 0
    for source in rows:
        dispute = source.dispute
        user = users.get(dispute.mediator_id) if dispute.mediator_id else None
        if user is None:
            continue
        last_day = due[source.id]
        queued += await notices.enqueue(
            call,
            [user],
            kind,
            subject_type="Dispute",
            subject_id=dispute.id,
            period=last_day.isoformat(),
            url=links.dispute(dispute.id),
            params={"title": dispute.title, "due": last_day.isoformat()},
            alert=True,
        )
    return queued


async def one_month_reminders(call: Call) -> int:
    """To the mediator: 25 days (the unit's table) into a mediation still open
    (若干规定 Art. 33: normally finished within a month)."""
    on = today(call)
    rows = (
        await DisputeSource.filter(
            normal_remind_on__lte=on,
            normal_remind_on__gt=on - timedelta(days=CATCH_UP_DAYS),
            dispute__status__in=list(OPEN_STATUSES),
        )
        .select_related("dispute")
        .limit(BATCH)
    )
    return await _remind(
        call, rows, "dispute.mediation_month", {s.id: s.normal_end_on for s in rows}
    )


async def court_deadline_reminders(call: Call) -> int:
    """To the mediator: a court-referred case's last day is two days away or
    less (特邀调解规定 Art. 27); once per last day, so an extension reminds again."""
    on = today(call)
    rows = (
        await DisputeSource.filter(
            court_due_on__gte=on,
            court_due_on__lte=on + timedelta(days=COURT_WARNING_DAYS),
            dispute__status__in=list(OPEN_STATUSES),
        )
        .select_related("dispute")
        .limit(BATCH)
    )
    due = {s.id: s.court_due_on for s in rows if s.court_due_on is not None}
    return await _remind(call, rows, "dispute.court_deadline", due)


# ------------------------------------------------------------------ police


async def report_to_police(
    call: Call,
    *,
    client_id: str,
    dispute_id: int,
    reported_at: datetime,
    police_body: str,
    reference: str | None,
    note: str | None,
) -> PoliceReport:
    """人民调解法 Art. 25: a dispute that may become a public-order or criminal
    case is reported to the local police; when, to whom and under which
    number. The same clientId again returns the stored report."""
    viewer = scope.require_role(call, scope.MEDIATION_STAFF)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        PoliceReport,
        cid,
        viewer,
        lambda stored: stored.recorded_by_id,
        _report(call, viewer, cid, dispute_id, reported_at, police_body, reference, note),
    )


async def _report(
    call: Call,
    viewer: Viewer,
    cid: str,
    dispute_id: int,
    reported_at: datetime,
    police_body: str,
    reference: str | None,
    note: str | None,
) -> PoliceReport:
    at = device_time(reported_at, "reportedAt", call.now)
    body = proper_name(police_body, "policeBody", max_len=BODY_MAX)
    ref = text(reference, "reference", max_len=REFERENCE_MAX) if reference else None
    clean_note = text(note, "note", max_len=NOTE_MAX) if note else None
    async with in_transaction():
        dispute = await dispute_in_scope(call, dispute_id, lock=True)
        report = await PoliceReport.create(
            client_id=cid,
            dispute_id=dispute.id,
            reported_at=at,
            police_body=body,
            reference=ref,
            note=clean_note,
            recorded_by_id=viewer.id,
            received_at=call.now,
        )
        await audit.record(
            call,
            "dispute.police_report",
            target_type="Dispute",
            target_id=dispute.id,
            summary={"reportId": report.id, "policeBody": body, "reference": ref, "at": at},
        )
    return report


async def police_reports_of(dispute_ids: Sequence[int]) -> dict[int, list[PoliceReport]]:
    grouped: dict[int, list[PoliceReport]] = {i: [] for i in dispute_ids}
    for row in await PoliceReport.filter(dispute_id__in=list(dispute_ids)).order_by(
        "dispute_id", "reported_at", "id"
    ):
        grouped[row.dispute_id].append(row)
    return grouped
