"""Where a dispute came from (案件来源): the parties' application, the
committee's own initiative, a screening campaign, a court, the police or the
petition office; with the referring body and its reference number.

人民调解法 Art. 17: the parties may apply, and the committee may also mediate
on its own initiative (主动调解), so an applicant party is needed only when
the dispute came by application. Art. 18: courts and the police may send
parties to a committee before they take a case up. 特邀调解规定 Art. 11: a
court refers a case before filing (委派) or after it (委托).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from api.domain.common import periods
from api.domain.common.call import Call
from api.domain.common.errors import BadInput
from api.domain.common.validators import proper_name, text
from api.domain.mediation import deadlines
from api.models.accounts import OrgUnit
from api.models.enums import PartyRole
from api.models.mediation import Dispute
from api.models.mediation_sources import (
    CourtProcedure,
    DeadlineExtension,
    DisputeSource,
    DisputeSourceKind,
)

BODY_MAX = 100
REFERENCE_MAX = 64

COURT_KINDS = frozenset({DisputeSourceKind.COURT_DELEGATED, DisputeSourceKind.COURT_ENTRUSTED})
# Sources that name who sent the dispute and under which number.
REFERRED_KINDS = COURT_KINDS | {DisputeSourceKind.POLICE, DisputeSourceKind.PETITION_OFFICE}


@dataclass(frozen=True)
class SourceInput:
    kind: DisputeSourceKind = DisputeSourceKind.APPLICATION
    referring_body: str | None = None
    reference_number: str | None = None
    # The day the committee signed for a court's materials (特邀调解规定 Art. 27 ¶3).
    received_on: date | None = None
    procedure: CourtProcedure | None = None
    # Set only by a screening report (screening.py), never from the API.
    screening_report_id: int | None = None


APPLICATION = SourceInput()


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def clean(call: Call, source: SourceInput | None) -> SourceInput:
    """The source as stored, or BAD_USER_INPUT naming the field that is wrong."""
    source = source or APPLICATION
    kind = DisputeSourceKind(source.kind)
    if kind is DisputeSourceKind.SCREENING and source.screening_report_id is None:
        # A dispute found in screening is registered by its unit's report.
        raise BadInput("SOURCE_SCREENING_BY_REPORT", field="source.kind")
    body = reference = None
    received_on = procedure = None
    if kind in REFERRED_KINDS:
        if _blank(source.referring_body):
            raise BadInput("REFERRING_BODY_REQUIRED", field="source.referringBody")
        body = proper_name(source.referring_body, "source.referringBody", max_len=BODY_MAX)
        if _blank(source.reference_number):
            raise BadInput("REFERRAL_NUMBER_REQUIRED", field="source.referenceNumber")
        reference = text(source.reference_number, "source.referenceNumber", max_len=REFERENCE_MAX)
    if kind in COURT_KINDS:
        today = periods.local_day(call.now)
        received_on = source.received_on or today
        if received_on > today:
            raise BadInput("DATE_IN_FUTURE", field="source.receivedOn")
        if kind is DisputeSourceKind.COURT_ENTRUSTED:
            if source.procedure is None:
                raise BadInput("COURT_PROCEDURE_REQUIRED", field="source.procedure")
            procedure = CourtProcedure(source.procedure)
    return SourceInput(kind, body, reference, received_on, procedure, source.screening_report_id)


def needs_applicant(source: SourceInput) -> bool:
    """人民调解法 Art. 17: only a dispute brought by application has an applicant
    for certain; the committee's own initiative and referrals need none."""
    return source.kind is DisputeSourceKind.APPLICATION


def check_parties(source: SourceInput, roles: Sequence[PartyRole]) -> None:
    if needs_applicant(source) and PartyRole.APPLICANT not in roles:
        raise BadInput("APPLICANT_PARTY_REQUIRED", field="parties")


async def record(dispute: Dispute, unit: OrgUnit, source: SourceInput) -> DisputeSource:
    """The dispute's source row with its deadlines; inside the registration's transaction."""
    registered_on = periods.local_day(dispute.registered_at)
    period = await deadlines.normal_period(unit, registered_on)
    court_due_on = (
        deadlines.court_due_on(source.kind, source.procedure, source.received_on)
        if source.received_on is not None
        else None
    )
    normal_end_on = periods.last_day(registered_on, period.period_days)
    return await DisputeSource.create(
        dispute_id=dispute.id,
        kind=source.kind,
        referring_body=source.referring_body,
        referring_reference=source.reference_number,
        procedure=source.procedure,
        received_on=source.received_on,
        court_due_on=court_due_on,
        normal_end_on=normal_end_on,
        normal_remind_on=periods.last_day(registered_on, period.remind_after_days),
        due_on=min(d for d in (court_due_on, normal_end_on) if d is not None),
        screening_report_id=source.screening_report_id,
    )


def audit_summary(source: SourceInput) -> dict[str, object]:
    return {
        "source": source.kind,
        "referringBody": source.referring_body,
        "referenceNumber": source.reference_number,
        "receivedOn": source.received_on,
        "procedure": source.procedure,
    }


# ------------------------------------------------------------------ reads


async def sources_of(dispute_ids: Sequence[int]) -> list[DisputeSource]:
    """For disputes the caller already may see."""
    return await DisputeSource.filter(dispute_id__in=list(dispute_ids))


async def extensions_of(dispute_ids: Sequence[int]) -> dict[int, list[DeadlineExtension]]:
    grouped: dict[int, list[DeadlineExtension]] = {i: [] for i in dispute_ids}
    for row in await DeadlineExtension.filter(dispute_id__in=list(dispute_ids)).order_by(
        "dispute_id", "recorded_at", "id"
    ):
        grouped[row.dispute_id].append(row)
    return grouped
