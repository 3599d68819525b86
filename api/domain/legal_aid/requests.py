"""Legal-aid requests (法律援助): submission, status history, deadlines and lists.

The rules, from 法律援助法 (2021) and DESIGN.md:
- a decision is due by the end of the 7th day after the application, the
  clock stopped while materials are awaited (Art. 43, deadlines.py);
- a limitation deadline already past is taken with a warning: the staff
  decide what it means for the matter;
- aid may start before the review ends when fewer than 7 days remain before
  a limitation period or court deadline (Art. 44): such requests are urgent;
- every status change keeps who, when and why, and the applicant is told.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, ranked, references, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput
from api.domain.common.validators import (
    client_uuid,
    int_range,
    mobile_phone,
    money,
    proper_name,
    resident_id,
    search_term,
    text,
)
from api.domain.legal_aid import deadlines
from api.domain.legal_aid.eligibility import (
    Claim,
    amount_for,
    assess,
    hardship_standard_in_force,
)
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.enums import (
    ExemptionGround,
    HardshipArea,
    LegalAidMatter,
    LegalAidStatus,
    OrgUnitKind,
    Role,
    SpecialGroup,
)
from api.models.legal_aid import LegalAidRequest, LegalAidStatusChange

NAME_MAX = 50
DESCRIPTION_MAX = 5000
MAX_HOUSEHOLD = 99

# 法律援助法 Art. 44: fewer than 7 days before a limitation period or court
# deadline, aid may start before the review ends.
URGENT_WITHIN = timedelta(days=7)


# Not yet finished: a deadline still matters for these.
ACTIVE_STATUSES = (LegalAidStatus.SUBMITTED, LegalAidStatus.APPROVED, LegalAidStatus.ASSIGNED)


def local_date(moment: datetime, tz_name: str) -> date:
    return moment.astimezone(ZoneInfo(tz_name)).date()


async def legal_aid_centers(call: Call) -> list[OrgUnit]:
    """Every legal-aid centre, for the application form; any signed-in user."""
    scope.require_viewer(call)
    return await OrgUnit.filter(kind=OrgUnitKind.LEGAL_AID_CENTER).order_by("name", "id")


@dataclass(frozen=True)
class RequestInput:
    client_id: str
    applicant_name: str
    applicant_phone: str
    applicant_id_number: str | None
    matter: LegalAidMatter
    special_groups: Sequence[SpecialGroup]
    description: str
    household_size: int
    monthly_household_income: object
    org_unit_id: int
    limitation_deadline: date | None = None
    hardship_area: HardshipArea = HardshipArea.URBAN
    exemption_grounds: Sequence[ExemptionGround] = ()
    exemption_evidence: str | None = None
    pledge: bool = False
    life_or_death: bool = False


EVIDENCE_MAX = 500


async def submit_request(call: Call, data: RequestInput) -> LegalAidRequest:
    """An APPLICANT applies for self; LEGAL_AID_STAFF file one taken by phone or
    at a workstation (the request then has no applicant account)."""
    viewer = scope.require_role(call, {Role.APPLICANT, Role.LEGAL_AID_STAFF})
    cid = client_uuid(data.client_id, "clientId")
    return await idempotency.store_once(
        LegalAidRequest,
        cid,
        viewer,
        lambda stored: stored.filed_by_id,
        _submit_request(call, viewer, cid, data),
    )


async def _submit_request(
    call: Call, viewer: Viewer, cid: str, data: RequestInput
) -> LegalAidRequest:
    today = local_date(call.now, call.settings.timezone)
    name = proper_name(data.applicant_name, "applicantName", max_len=NAME_MAX)
    phone = mobile_phone(data.applicant_phone, "applicantPhone")
    id_number = (
        resident_id(data.applicant_id_number, "applicantIdNumber", today=today)
        if data.applicant_id_number not in (None, "")
        else None
    )
    matter = LegalAidMatter(data.matter)
    groups = sorted({SpecialGroup(g) for g in data.special_groups})
    description = text(data.description, "description", max_len=DESCRIPTION_MAX)
    size = int_range(data.household_size, "householdSize", 1, MAX_HOUSEHOLD)
    income = money(data.monthly_household_income, "monthlyHouseholdIncome")
    area = HardshipArea(data.hardship_area)
    claim = Claim(
        grounds=frozenset(ExemptionGround(g) for g in data.exemption_grounds),
        evidence=(
            text(data.exemption_evidence, "exemptionEvidence", max_len=EVIDENCE_MAX)
            if data.exemption_evidence not in (None, "")
            else None
        ),
        pledge=bool(data.pledge),
    )

    centre = await OrgUnit.get_or_none(id=data.org_unit_id)
    if centre is None or centre.kind != OrgUnitKind.LEGAL_AID_CENTER:
        raise BadInput("CENTRE_REQUIRED", field="orgUnitId")
    if viewer.role is Role.LEGAL_AID_STAFF and viewer.org_unit_id != centre.id:
        # Staff take applications for their own centre only.
        raise BadInput("OWN_CENTRE_ONLY", field="orgUnitId")

    standard = await hardship_standard_in_force(centre, today)
    outcome = assess(
        matter,
        groups,
        size,
        income,
        amount_for(standard, area) if standard else None,
        claim,
    )
    async with in_transaction():
        reference = await references.assign(
            references.LEGAL_AID, centre, call.now, call.settings.timezone
        )
        request = await LegalAidRequest.create(
            client_id=cid,
            **reference,
            applicant_id=viewer.id if viewer.role is Role.APPLICANT else None,
            filed_by_id=viewer.id,
            applicant_name=name,
            applicant_phone=phone,
            applicant_id_number=id_number,
            matter=matter,
            special_groups=[str(g) for g in groups],
            description=description,
            household_size=size,
            monthly_household_income=income,
            eligible=outcome.eligible,
            exempt=outcome.exempt,
            income_per_capita=outcome.income_per_capita,
            threshold=outcome.threshold,
            eligibility_reason=outcome.reason,
            status=LegalAidStatus.SUBMITTED,
            org_unit_id=centre.id,
            submitted_at=call.now,
            decision_due_at=deadlines.days_after(
                call.now, deadlines.DECISION_DAYS, call.settings.timezone
            ),
            limitation_deadline=data.limitation_deadline,
            hardship_area=area,
            exemption_grounds=sorted(str(g) for g in claim.grounds),
            exemption_evidence=claim.evidence,
            pledge=claim.pledge,
            life_or_death=bool(data.life_or_death),
        )
        await record_status_change(call, request, None, LegalAidStatus.SUBMITTED, None)
    return request


async def record_status_change(
    call: Call,
    request: LegalAidRequest,
    before: LegalAidStatus | None,
    after: LegalAidStatus,
    note: str | None,
) -> None:
    """History, audit entry and the applicant's notice of one status change.
    With no viewer the scheduler made it (a request deemed withdrawn)."""
    await LegalAidStatusChange.create(
        request_id=request.id,
        from_status=before,
        to_status=after,
        at=call.now,
        by_id=(call.viewer.id or None) if call.viewer else None,
        note=note,
    )
    await audit.record(
        call,
        "legal_aid.submit" if before is None else "legal_aid.status",
        target_type="LegalAidRequest",
        target_id=request.id,
        summary={"reference": request.reference_number, "from": before, "to": after},
    )
    applicant_id = request.applicant_id
    if applicant_id is not None:
        applicant = await User.get_or_none(id=applicant_id)
        if applicant is not None:
            await notices.enqueue(
                call,
                [applicant],
                "legal_aid.status",
                subject_type="LegalAidRequest",
                subject_id=request.id,
                period=str(after),
                url=links.legal_aid_request(request.id),
                params={"reference": request.reference_number, "status": str(after)},
            )


async def request_in_scope(call: Call, request_id: int, *, lock: bool = False) -> LegalAidRequest:
    where = await scope.legal_aid_scope(call)
    return await scope.one_in_scope(
        LegalAidRequest, where, request_id, "LEGAL_AID_REQUEST_NOT_FOUND", lock=lock
    )


def is_urgent(request: LegalAidRequest, today: date) -> bool:
    """Fewer than 7 days before the limitation or court deadline (Art. 44)."""
    return (
        request.limitation_deadline is not None
        and LegalAidStatus(request.status) in ACTIVE_STATUSES
        and request.limitation_deadline < today + URGENT_WITHIN
    )


def deadline_passed(request: LegalAidRequest, tz_name: str) -> bool:
    """The limitation deadline had passed when the request came: taken with a
    warning, the staff decide (a passed period may still be interrupted or
    be no bar to the claim)."""
    deadline = request.limitation_deadline
    return deadline is not None and deadline < local_date(request.submitted_at, tz_name)


def is_decision_overdue(request: LegalAidRequest, now: datetime) -> bool:
    # Due at the first moment after the 7th day (deadlines.end_of_day): at it, overdue.
    return request.status == LegalAidStatus.SUBMITTED and request.decision_due_at <= now


@dataclass(frozen=True)
class RequestFilter:
    status: LegalAidStatus | None = None
    decision_overdue: bool | None = None
    assignee_id: int | None = None
    search: str | None = None


def _overdue(asof: datetime) -> Q:
    return Q(status=LegalAidStatus.SUBMITTED, decision_due_at__lte=asof)


def _not_overdue(asof: datetime) -> Q:
    return ~Q(status=LegalAidStatus.SUBMITTED) | Q(decision_due_at__gt=asof)


def _rank_filters(asof: datetime, tz_name: str) -> ranked.Ranks:
    """Rank 0: urgent (Art. 44); 1: decision overdue (Art. 43); 2: the rest."""
    limit = local_date(asof, tz_name) + URGENT_WITHIN
    urgent = Q(status__in=list(ACTIVE_STATUSES), limitation_deadline__lt=limit)
    # Spelled out rather than negated, so a NULL deadline counts as not urgent.
    not_urgent = (
        Q(limitation_deadline__isnull=True)
        | Q(limitation_deadline__gte=limit)
        | ~Q(status__in=list(ACTIVE_STATUSES))
    )
    return (urgent, not_urgent & _overdue(asof), not_urgent & _not_overdue(asof))


async def get_request(call: Call, request_id: int) -> LegalAidRequest:
    return await request_in_scope(call, request_id)


async def list_requests(
    call: Call, *, limit: int, after: ranked.ListPosition | None, filter: RequestFilter
) -> paging.Page[LegalAidRequest]:
    """The viewer's requests: urgent first, then overdue decisions, then the rest, newest first."""
    asof = after.asof if after else call.now
    where = await scope.legal_aid_scope(call)
    if where is None:
        return paging.empty(as_of=asof)
    query = LegalAidRequest.filter(where)
    if filter.status is not None:
        query = query.filter(status=filter.status)
    if filter.decision_overdue is True:
        query = query.filter(_overdue(asof))
    elif filter.decision_overdue is False:
        query = query.filter(_not_overdue(asof))
    if filter.assignee_id is not None:
        query = query.filter(assignee_id=filter.assignee_id)
    if words := search_term(filter.search, "filter.search", max_len=100):
        query = query.filter(
            Q(applicant_name__icontains=words) | Q(reference_number__icontains=words)
        )
    ranks = _rank_filters(asof, call.settings.timezone)
    return await ranked.ranked_page(query, ranks, limit=limit, after=after, asof=asof)


async def history_of(request_ids: Sequence[int]) -> dict[int, list[LegalAidStatusChange]]:
    """Status changes per request, oldest first. For requests the caller already may see."""
    grouped: dict[int, list[LegalAidStatusChange]] = {i: [] for i in request_ids}
    for change in await LegalAidStatusChange.filter(request_id__in=list(request_ids)).order_by(
        "request_id", "at", "id"
    ):
        grouped[change.request_id].append(change)
    return grouped
