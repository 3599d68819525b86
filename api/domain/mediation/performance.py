"""Performing an agreement (人民调解法 Art. 31): each term's deadline, marked
performed when it is, the mediator reminded of a term left undone, and the
return visits (回访) the committee makes to see the agreement kept.

Art. 31: an agreement reached binds the parties, who perform it as agreed;
the committee supervises the performance and urges the parties to do what
they undertook. Its return visits are field visits logged to the dispute
after the agreement (visits.log_visit); they are read here as the
agreement's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from tortoise.expressions import Subquery
from tortoise.transactions import in_transaction

from api.domain.common import audit, links, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, NotFound
from api.domain.common.validators import text
from api.domain.corrections.ending import past_date, today
from api.domain.mediation.agreements import agreements_scope, local_date
from api.domain.notices import notices
from api.models.accounts import User
from api.models.agreements import AgreementTerm, MediationAgreement
from api.models.enums import DisputeStatus
from api.models.mediation import MediationVisit

NOTE_MAX = 2000
# How far back the reminder looks for a deadline that passed while no
# scheduler ran; the outbox's dedupe key sends each term's reminder once.
LOOK_BACK = timedelta(days=7)
BATCH = 500


async def mark_term_performed(
    call: Call, term_id: int, performed_on: date, note: str | None
) -> AgreementTerm:
    """A term done, on the day it was (the deadline does not change)."""
    scope.require_role(call, scope.MEDIATION_STAFF)
    day = past_date(call, performed_on, "performedOn")
    clean_note = text(note, "note", max_len=NOTE_MAX) if note not in (None, "") else None
    async with in_transaction():
        where = await agreements_scope(call)
        term = None
        if where is not None:
            agreement_ids = Subquery(MediationAgreement.filter(where).values("id"))
            term = (
                await AgreementTerm.filter(id=term_id, agreement_id__in=agreement_ids)
                .select_for_update()
                .first()
            )
        if term is None:
            raise NotFound("TERM_NOT_FOUND", field="termId")
        if term.performed_on is not None:
            raise Conflict("TERM_ALREADY_PERFORMED", field="termId")
        agreement = await MediationAgreement.get(id=term.agreement_id)
        if day < local_date(agreement.agreed_at, call):
            raise BadInput("TERM_PERFORMED_BEFORE_AGREEMENT", field="performedOn")
        term.performed_on = day
        term.performed_note = clean_note  # type: ignore[assignment]  # nullable TextField
        term.performed_by_id = call.viewer.id  # type: ignore[union-attr]
        await term.save(update_fields=["performed_on", "performed_note", "performed_by_id"])
        await audit.record(
            call,
            "agreement.term_performed",
            target_type="MediationAgreement",
            target_id=term.agreement_id,
            summary={"termId": term.id, "performedOn": day.isoformat(), "dueOn": term.due_on},
        )
    return term


def is_overdue(term: AgreementTerm, asof: date) -> bool:
    """Not performed by the end of its last day: overdue from the day after."""
    return term.performed_on is None and asof > term.due_on


async def terms_overdue(call: Call) -> int:
    """To the mediator: a term of an agreement in effect was not performed by
    its deadline (Art. 31: the committee urges the party to perform). The
    day after the deadline, not on it: the deadline day is the party's own."""
    day = today(call)
    rows = (
        await AgreementTerm.filter(
            performed_on__isnull=True,
            due_on__lt=day,
            due_on__gte=day - LOOK_BACK,
            agreement__effective_at__not_isnull=True,
            agreement__dispute__mediator_id__not_isnull=True,
        )
        .exclude(agreement__dispute__status=DisputeStatus.CLOSED)
        .select_related("agreement__dispute")
        .order_by("due_on", "id")
        .limit(BATCH)
    )
    users = {
        u.id: u
        for u in await User.filter(
            id__in=list({r.agreement.dispute.mediator_id for r in rows}), is_active=True
        )
    }
    queued = 0
    for term in rows:
        dispute = term.agreement.dispute
        user = users.get(dispute.mediator_id)  # type: ignore[arg-type]
        if user is None:
            continue
        queued += await notices.enqueue(
            call,
            [user],
            "agreement.term_overdue",
            subject_type="AgreementTerm",
            subject_id=term.id,
            period=term.due_on.isoformat(),
            url=links.dispute(dispute.id),
            params={"title": dispute.title, "due": term.due_on.isoformat()},
            alert=True,
        )
    return queued


async def return_visits_of(
    agreements: Sequence[MediationAgreement],
) -> dict[int, list[MediationVisit]]:
    """Per agreement, the visits to its dispute since it was reached, newest
    first: the 回访 of Art. 31. One query for any number of agreements."""
    since = {a.dispute_id: a.agreed_at for a in agreements}
    found: dict[int, list[MediationVisit]] = {a.id: [] for a in agreements}
    by_dispute = {a.dispute_id: a.id for a in agreements}
    if not agreements:
        return found
    visits = await MediationVisit.filter(
        dispute_id__in=list(since), visited_at__gt=min(since.values())
    ).order_by("-visited_at", "-id")
    for visit in visits:
        if visit.visited_at > since[visit.dispute_id]:
            found[by_dispute[visit.dispute_id]].append(visit)
    return found
