"""Judicial confirmation (司法确认) of a mediation agreement: the application, the
court's acceptance and its ruling, and the reminder of the 30-day deadline.

人民调解法 Art. 33: the parties, both of them, may apply to a court within
30 days of the agreement taking effect; a confirmed agreement can be
enforced, one found invalid may be changed by mediation or taken to court.

最高人民法院关于人民调解协议司法确认程序的若干规定 (法释〔2011〕5号) — not in
the LawRefBook/Laws collection read for this code, so cited as the issue
cites it; the figures are national law, not provincial ones:
- Art. 3: the court decides within 3 days of receiving the application
  whether it accepts it;
- Art. 4: it does not accept an application to confirm a status (身份关系),
  an adoption (收养关系) or a marriage (婚姻关系);
- Art. 5: it decides whether to confirm within 15 days of accepting, and
  the court's president may extend that by 10 days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.transactions import in_transaction

from api.domain.common import audit, links, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import proper_name, text
from api.domain.corrections.ending import past_date, today
from api.domain.mediation.agreements import agreement_in_scope, confirmable
from api.domain.notices import notices
from api.models.accounts import User
from api.models.agreements import ConfirmationStatus, MediationAgreement
from api.models.agreements import ConfirmationStep as Step
from api.models.enums import DisputeStatus

ACCEPTANCE_DAYS = timedelta(days=3)  # 2011 规定 Art. 3
RULING_DAYS = timedelta(days=15)  # 2011 规定 Art. 5
RULING_EXTENSION = timedelta(days=10)  # 2011 规定 Art. 5, by the court's president
# Not law but the app's choice: the mediator hears of the closing window
# five days before its last day, time enough to bring both parties to court.
CONFIRMATION_WARNING = timedelta(days=5)
COURT_MAX = 100
CASE_NUMBER_MAX = 64
BATCH = 500


# What may follow what: the application, the court's decision to accept it
# or not, then (maybe an extension and) its ruling.
NEXT: dict[ConfirmationStatus | None, frozenset[Step]] = {
    None: frozenset({Step.APPLIED}),
    ConfirmationStatus.APPLIED: frozenset({Step.ACCEPTED, Step.NOT_ACCEPTED}),
    ConfirmationStatus.ACCEPTED: frozenset({Step.EXTENDED, Step.CONFIRMED, Step.NOT_CONFIRMED}),
    ConfirmationStatus.NOT_ACCEPTED: frozenset(),
    ConfirmationStatus.CONFIRMED: frozenset(),
    ConfirmationStatus.NOT_CONFIRMED: frozenset(),
}


@dataclass(frozen=True)
class CourtDeadlines:
    acceptance_due_on: date | None
    acceptance_late: bool
    ruling_due_on: date | None
    ruling_late: bool


def court_deadlines(agreement: MediationAgreement, asof: date) -> CourtDeadlines:
    """The court's own deadlines, and whether it kept them: by the day it
    decided, or, while it has not, by `asof`."""
    applied, accepted = agreement.confirmation_applied_on, agreement.confirmation_accepted_on
    acceptance_due = applied + ACCEPTANCE_DAYS if applied else None
    ruling_due = None
    refused = agreement.confirmation_status == ConfirmationStatus.NOT_ACCEPTED
    if accepted is not None and not refused:
        ruling_due = accepted + RULING_DAYS
        if agreement.confirmation_extended:
            ruling_due += RULING_EXTENSION
    return CourtDeadlines(
        acceptance_due_on=acceptance_due,
        acceptance_late=acceptance_due is not None and (accepted or asof) > acceptance_due,
        ruling_due_on=ruling_due,
        ruling_late=ruling_due is not None
        and (agreement.confirmation_ruled_on or asof) > ruling_due,
    )


async def record_confirmation(
    call: Call,
    agreement_id: int,
    *,
    step: Step,
    on: date | None,
    court: str | None = None,
    case_number: str | None = None,
    joint_application: bool = False,
) -> MediationAgreement:
    """Record one step of the judicial confirmation, in the order the court takes them."""
    scope.require_role(call, scope.MEDIATION_STAFF)
    step = Step(step)
    day = past_date(call, on, "on") if on is not None else None
    if day is None and step is not Step.EXTENDED:
        raise BadInput("CONFIRMATION_DATE_REQUIRED", field="on")
    async with in_transaction():
        agreement = await agreement_in_scope(call, agreement_id, lock=True)
        status = (
            ConfirmationStatus(agreement.confirmation_status)
            if agreement.confirmation_status
            else None
        )
        if step not in NEXT[status]:
            raise Conflict("CONFIRMATION_STEP", field="step", current=status or "NONE", to=step)
        changed: list[str] = []
        if step is Step.APPLIED:
            assert day is not None
            changed = _apply(agreement, day, court, case_number, joint_application)
        elif step in (Step.ACCEPTED, Step.NOT_ACCEPTED):
            assert day is not None and agreement.confirmation_applied_on is not None
            if day < agreement.confirmation_applied_on:
                raise BadInput("CONFIRMATION_DATE_ORDER", field="on")
            agreement.confirmation_accepted_on = day
            agreement.confirmation_status = ConfirmationStatus(step.value)
            changed = ["confirmation_accepted_on", "confirmation_status"]
            if case_number:
                agreement.confirmation_case_number = _case_number(case_number)
                changed.append("confirmation_case_number")
        elif step is Step.EXTENDED:
            # The 10 days are granted once (2011 规定 Art. 5).
            if agreement.confirmation_extended:
                raise Conflict("CONFIRMATION_ALREADY_EXTENDED", field="step")
            agreement.confirmation_extended = True
            changed = ["confirmation_extended"]
        else:
            assert day is not None and agreement.confirmation_accepted_on is not None
            if day < agreement.confirmation_accepted_on:
                raise BadInput("CONFIRMATION_DATE_ORDER", field="on")
            agreement.confirmation_ruled_on = day
            agreement.confirmation_status = ConfirmationStatus(step.value)
            changed = ["confirmation_ruled_on", "confirmation_status"]
        await agreement.save(update_fields=changed)
        await audit.record(
            call,
            "agreement.confirmation",
            target_type="MediationAgreement",
            target_id=agreement.id,
            summary={"step": step, "on": day.isoformat() if day else None, "court": court},
        )
    return agreement


def _case_number(value: str) -> str:
    return text(value, "caseNumber", max_len=CASE_NUMBER_MAX)


def _apply(
    agreement: MediationAgreement,
    day: date,
    court: str | None,
    case_number: str | None,
    joint: bool,
) -> list[str]:
    if agreement.effective_on is None:
        raise Conflict("AGREEMENT_NOT_IN_EFFECT", field="agreementId")
    # 2011 规定 Art. 4: no court confirms a status, an adoption or a marriage.
    if not confirmable(agreement):
        raise Conflict("CONFIRMATION_STATUS_MATTER", field="agreementId")
    # 人民调解法 Art. 33: the parties apply together (共同向人民法院申请).
    if not joint:
        raise BadInput("CONFIRMATION_JOINT", field="jointApplication")
    if day < agreement.effective_on:
        raise BadInput("CONFIRMATION_DATE_ORDER", field="on")
    # 人民调解法 Art. 33: within 30 days of the day it took effect.
    assert agreement.confirmation_due_on is not None
    if day > agreement.confirmation_due_on:
        raise Conflict(
            "CONFIRMATION_PERIOD_OVER", field="on", due=agreement.confirmation_due_on.isoformat()
        )
    if court is None or not court.strip():
        raise BadInput("CONFIRMATION_COURT", field="court")
    agreement.confirmation_court = proper_name(court, "court", max_len=COURT_MAX)
    agreement.confirmation_applied_on = day
    agreement.confirmation_status = ConfirmationStatus.APPLIED
    changed = ["confirmation_court", "confirmation_applied_on", "confirmation_status"]
    if case_number:
        agreement.confirmation_case_number = _case_number(case_number)
        changed.append("confirmation_case_number")
    return changed


# ------------------------------------------------------------------ the reminder


async def confirmation_deadlines(call: Call) -> int:
    """To the mediator: the 30 days to apply for judicial confirmation (Art. 33)
    end within five days, counted from the day the agreement took effect.

    None for an agreement no court confirms (2011 规定 Art. 4: it has no
    deadline), one already applied for, or a dispute whose file is closed.
    """
    day = today(call)
    rows = (
        await MediationAgreement.filter(
            confirmation_due_on__gte=day,
            confirmation_due_on__lte=day + CONFIRMATION_WARNING,
            confirmation_status__isnull=True,
            dispute__mediator_id__not_isnull=True,
        )
        .exclude(dispute__status=DisputeStatus.CLOSED)
        .select_related("dispute")
        .limit(BATCH)
    )
    users = {
        u.id: u
        for u in await User.filter(
            id__in=list({r.dispute.mediator_id for r in rows}), is_active=True
        )
    }
    queued = 0
    for row in rows:
        user = users.get(row.dispute.mediator_id)  # type: ignore[arg-type]
        if user is None:
            continue
        assert row.confirmation_due_on is not None  # filtered on it
        queued += await notices.enqueue(
            call,
            [user],
            "dispute.confirmation_deadline",
            subject_type="Dispute",
            subject_id=row.dispute_id,
            period=f"{row.confirmation_due_on.isoformat()}:closing",
            url=links.dispute(row.dispute_id),
            params={"title": row.dispute.title, "due": row.confirmation_due_on.isoformat()},
            alert=True,
        )
    return queued
