"""Legal aid (法律援助): requests, the eligibility review, decisions and deadlines.

The rules, from 法律援助法 (2021) and DESIGN.md:
- the economic-hardship review is waived for the grounds of Art. 32 and
  Art. 42; otherwise the household income per person is compared with the
  regional standard in force on the submission date (Art. 34: standards
  change over time, so they are a table with effective dates);
- a decision is due within 7 days of the application (Art. 43) and an
  approved request is assigned within 3 days;
- aid may start before the review ends when fewer than 7 days remain before
  a limitation period or court deadline (Art. 44): such requests are urgent;
- a denial is written with reasons, and the applicant may object to the
  justice bureau that set up the centre (Art. 49);
- every status change keeps who, when and why, and the applicant is told.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain import audit, idempotency, links, notices, ranked, references, scope
from api.domain.call import Call, Viewer
from api.domain.errors import BadInput, Conflict
from api.domain.validators import (
    client_uuid,
    int_range,
    mobile_phone,
    money,
    proper_name,
    resident_id,
    search_term,
    text,
)
from api.models.accounts import OrgUnit, User
from api.models.enums import (
    LegalAidMatter,
    LegalAidStatus,
    OrgUnitKind,
    Role,
    SpecialGroup,
)
from api.models.legal_aid import HardshipStandard, LegalAidRequest, LegalAidStatusChange

NAME_MAX = 50
DESCRIPTION_MAX = 5000
REASON_MAX = 2000
MAX_HOUSEHOLD = 99

# 法律援助法 Art. 43: the centre decides within 7 days of receiving the application.
DECISION_PERIOD = timedelta(days=7)
# DESIGN.md: an approved request is assigned to a lawyer within 3 days.
ASSIGNMENT_PERIOD = timedelta(days=3)
# 法律援助法 Art. 44: fewer than 7 days before a limitation period or court
# deadline, aid may start before the review ends.
URGENT_WITHIN = timedelta(days=7)

_FEN = Decimal("0.01")

# Who may move a request from one status to another, besides the checks of
# each operation; anything else is CONFLICT.
TRANSITIONS: dict[LegalAidStatus, frozenset[LegalAidStatus]] = {
    LegalAidStatus.SUBMITTED: frozenset(
        {LegalAidStatus.APPROVED, LegalAidStatus.REJECTED, LegalAidStatus.WITHDRAWN}
    ),
    LegalAidStatus.APPROVED: frozenset({LegalAidStatus.ASSIGNED}),
    LegalAidStatus.ASSIGNED: frozenset({LegalAidStatus.CLOSED}),
    LegalAidStatus.REJECTED: frozenset(),
    LegalAidStatus.CLOSED: frozenset(),
    LegalAidStatus.WITHDRAWN: frozenset(),
}
# Not yet finished: a deadline still matters for these.
ACTIVE_STATUSES = (LegalAidStatus.SUBMITTED, LegalAidStatus.APPROVED, LegalAidStatus.ASSIGNED)

# Groups that Art. 42(1) exempts when they have no fixed income.
NO_INCOME_GROUPS = frozenset({SpecialGroup.MINOR, SpecialGroup.ELDERLY, SpecialGroup.DISABLED})
MIGRANT_MATTERS = frozenset({LegalAidMatter.WAGE_ARREARS, LegalAidMatter.WORK_INJURY})

GROUP_WORDS = {
    SpecialGroup.MINOR: "未成年人",
    SpecialGroup.ELDERLY: "老年人",
    SpecialGroup.DISABLED: "残疾人",
}


# ------------------------------------------------------------------ eligibility


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    exempt: bool
    income_per_capita: Decimal
    threshold: Decimal | None
    reason: str


def income_per_capita(monthly_household_income: Decimal, household_size: int) -> Decimal:
    """Household income per person, in yuan, rounded half-up to the fen."""
    return (monthly_household_income / Decimal(household_size)).quantize(
        _FEN, rounding=ROUND_HALF_UP
    )


def exemption_ground(
    matter: LegalAidMatter, groups: Iterable[SpecialGroup], monthly_household_income: Decimal
) -> str | None:
    """The reason the hardship review is waived, or None when it is not.

    Modelled grounds:
    - Art. 32(4): victims of abuse, abandonment or domestic violence
      claiming their rights (matter DOMESTIC_VIOLENCE);
    - Art. 42(3): migrant workers claiming wages or work-injury damages
      (MIGRANT_WORKER with WAGE_ARREARS or WORK_INJURY);
    - Art. 42(1): minors, the elderly and the disabled "with no fixed
      income" (无固定生活来源). The form asks for the household's income
      only, so no fixed income is read as a household income of 0; anyone
      with income is means-tested like everyone else and staff may still
      approve on the evidence.
    Not modelled, left to staff review: Art. 32(1)-(3) (heroes' relatives,
    acts of bravery, state compensation after acquittal on retrial) and
    Art. 42(2) (recipients of social assistance or preferential treatment,
    e.g. some veterans): they need facts the form does not ask.
    """
    group_set = set(groups)
    if matter is LegalAidMatter.DOMESTIC_VIOLENCE:
        return (
            "遭受虐待、遗弃或者家庭暴力的受害人主张相关权益，"
            "不受经济困难条件限制（《法律援助法》第三十二条）。"
        )
    if SpecialGroup.MIGRANT_WORKER in group_set and matter in MIGRANT_MATTERS:
        return (
            "进城务工人员申请支付劳动报酬或者请求工伤事故人身损害赔偿，"
            "免予核查经济困难状况（《法律援助法》第四十二条）。"
        )
    no_income_groups = sorted(NO_INCOME_GROUPS & group_set)
    if no_income_groups and monthly_household_income == 0:
        who = "、".join(GROUP_WORDS[g] for g in no_income_groups)
        return f"无固定生活来源的{who}，免予核查经济困难状况（《法律援助法》第四十二条）。"
    return None


def assess(
    matter: LegalAidMatter,
    groups: Iterable[SpecialGroup],
    household_size: int,
    monthly_household_income: Decimal,
    standard: Decimal | None,
) -> Eligibility:
    """The eligibility outcome and its reason, stated either way."""
    per_capita = income_per_capita(monthly_household_income, household_size)
    ground = exemption_ground(matter, groups, monthly_household_income)
    if ground is not None:
        return Eligibility(True, True, per_capita, None, ground)
    if standard is None:
        return Eligibility(
            True,
            False,
            per_capita,
            None,
            f"家庭人均月收入 {per_capita} 元；本地区尚未设定经济困难标准，"
            "暂按符合条件受理，待工作人员审查（《法律援助法》第三十四条）。",
        )
    if per_capita <= standard:
        return Eligibility(
            True,
            False,
            per_capita,
            standard,
            f"家庭人均月收入 {per_capita} 元，不高于本地区经济困难标准 {standard} 元，"
            "符合经济困难条件（《法律援助法》第三十四条）。",
        )
    return Eligibility(
        False,
        False,
        per_capita,
        standard,
        f"家庭人均月收入 {per_capita} 元，高于本地区经济困难标准 {standard} 元，"
        "不符合经济困难条件（《法律援助法》第三十四条）。",
    )


def local_date(moment: datetime, tz_name: str) -> date:
    return moment.astimezone(ZoneInfo(tz_name)).date()


def _ancestor_ids(path: str) -> list[int]:
    """Unit ids of a materialised path, nearest first ("/1/6/" gives [6, 1])."""
    return [int(part) for part in reversed(path.strip("/").split("/")) if part]


async def hardship_standard_in_force(unit: OrgUnit, on: date) -> HardshipStandard | None:
    """The standard for this unit's region on that date (法律援助法 Art. 34).

    The nearest unit, from this one upwards, that has a standard in force
    decides; of its standards the newest with effective_from <= on applies.
    """
    ids = _ancestor_ids(unit.path)
    rows = await HardshipStandard.filter(org_unit_id__in=ids, effective_from__lte=on).order_by(
        "-effective_from"
    )
    for unit_id in ids:
        for row in rows:
            if row.org_unit_id == unit_id:
                return row
    return None


async def set_hardship_standard(
    call: Call, org_unit_id: int, monthly_income_per_capita: object, effective_from: date
) -> HardshipStandard:
    """ADMIN sets (or corrects) the standard of a unit from a date; units below inherit it.

    Requests already submitted keep the outcome stored at submission.
    """
    scope.require_role(call, {Role.ADMIN})
    amount = money(monthly_income_per_capita, "monthlyIncomePerCapita")
    if amount <= 0:
        raise BadInput("The standard is a positive amount.", field="monthlyIncomePerCapita")
    if not await scope.unit_in_scope(call, org_unit_id):
        raise scope.not_found("Unit")
    viewer = scope.require_viewer(call)
    set_by = viewer.id if viewer.id else None  # the command line acts as "system" (id 0)
    try:
        async with in_transaction():
            standard = await HardshipStandard.create(
                org_unit_id=org_unit_id,
                monthly_income_per_capita=amount,
                effective_from=effective_from,
                set_by_id=set_by,
                created_at=call.now,
            )
            await _audit_standard(call, standard)
    except IntegrityError:
        # One standard per unit and date: setting it again corrects the amount.
        async with in_transaction():
            standard = (
                await HardshipStandard.filter(
                    org_unit_id=org_unit_id, effective_from=effective_from
                )
                .select_for_update()
                .get()
            )
            standard.monthly_income_per_capita = amount
            standard.set_by_id = set_by
            standard.created_at = call.now
            await standard.save(
                update_fields=["monthly_income_per_capita", "set_by_id", "created_at"]
            )
            await _audit_standard(call, standard)
    return standard


async def _audit_standard(call: Call, standard: HardshipStandard) -> None:
    await audit.record(
        call,
        "hardship_standard.set",
        target_type="HardshipStandard",
        target_id=standard.id,
        summary={
            "orgUnitId": standard.org_unit_id,
            "monthlyIncomePerCapita": standard.monthly_income_per_capita,
            "effectiveFrom": standard.effective_from,
        },
    )


async def list_hardship_standards() -> list[HardshipStandard]:
    """Every standard, by unit and date (for the command line)."""
    return await HardshipStandard.all().order_by("org_unit_id", "effective_from")


async def legal_aid_centers(call: Call) -> list[OrgUnit]:
    """Every legal-aid centre, for the application form; any signed-in user."""
    scope.require_viewer(call)
    return await OrgUnit.filter(kind=OrgUnitKind.LEGAL_AID_CENTER).order_by("name", "id")


# ------------------------------------------------------------------ submission


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
    if data.limitation_deadline is not None and data.limitation_deadline < today:
        raise BadInput("The deadline has already passed.", field="limitationDeadline")

    centre = await OrgUnit.get_or_none(id=data.org_unit_id)
    if centre is None or centre.kind != OrgUnitKind.LEGAL_AID_CENTER:
        raise BadInput("Choose a legal-aid centre.", field="orgUnitId")
    if viewer.role is Role.LEGAL_AID_STAFF and viewer.org_unit_id != centre.id:
        # Staff take applications for their own centre only.
        raise BadInput("Staff file requests with their own centre.", field="orgUnitId")

    standard = await hardship_standard_in_force(centre, today)
    outcome = assess(
        matter,
        groups,
        size,
        income,
        standard.monthly_income_per_capita if standard else None,
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
            decision_due_at=call.now + DECISION_PERIOD,
            limitation_deadline=data.limitation_deadline,
        )
        await _changed(call, request, None, LegalAidStatus.SUBMITTED, None)
    return request


async def _changed(
    call: Call,
    request: LegalAidRequest,
    before: LegalAidStatus | None,
    after: LegalAidStatus,
    note: str | None,
) -> None:
    """History, audit entry and the applicant's notice of one status change."""
    viewer = scope.require_viewer(call)
    await LegalAidStatusChange.create(
        request_id=request.id,
        from_status=before,
        to_status=after,
        at=call.now,
        by_id=viewer.id or None,
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


# ------------------------------------------------------------------ decisions


async def _request_in_scope(call: Call, request_id: int, *, lock: bool = False) -> LegalAidRequest:
    where = scope.legal_aid_scope(call)
    return await scope.one_in_scope(
        LegalAidRequest, where, request_id, "Legal-aid request", lock=lock
    )


def _check_transition(request: LegalAidRequest, to: LegalAidStatus) -> LegalAidStatus:
    current = LegalAidStatus(request.status)
    if to not in TRANSITIONS[current]:
        raise Conflict(f"A request that is {current.value} cannot become {to.value}.")
    return current


async def _objection_notice(centre_id: int) -> str:
    """Art. 49: an objection goes to the justice bureau that set up the centre."""
    centre = await OrgUnit.get(id=centre_id)
    bureaus = await OrgUnit.filter(
        id__in=_ancestor_ids(centre.path), kind=OrgUnitKind.JUSTICE_BUREAU
    )
    by_id = {b.id: b for b in bureaus}
    nearest = next((by_id[i] for i in _ancestor_ids(centre.path) if i in by_id), None)
    bureau = nearest.name if nearest else "设立法律援助机构的司法行政部门"
    return f"申请人对不予法律援助的决定有异议的，可以向{bureau}提出（《法律援助法》第四十九条）。"


async def decide(call: Call, request_id: int, approve: bool, reason: str) -> LegalAidRequest:
    """LEGAL_AID_STAFF of the centre approve or deny, with reasons either way."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    why = text(reason, "reason", max_len=REASON_MAX)
    to = LegalAidStatus.APPROVED if approve else LegalAidStatus.REJECTED
    async with in_transaction():
        request = await _request_in_scope(call, request_id, lock=True)
        if not scope.is_staff_of_centre(viewer, request.org_unit_id):
            raise scope.not_found("Legal-aid request")
        before = _check_transition(request, to)
        if not approve:
            # A denial is written with its reasons and the way to object.
            why = f"{why}\n{await _objection_notice(request.org_unit_id)}"
        request.status = to
        request.decided_at = call.now
        request.decision_reason = why
        changed = ["status", "decided_at", "decision_reason"]
        if approve:
            request.assignment_due_at = call.now + ASSIGNMENT_PERIOD
            changed.append("assignment_due_at")
        await request.save(update_fields=changed)
        await _changed(call, request, before, to, why)
    return request


async def assignable_lawyers(call: Call) -> list[User]:
    """The active LAWYER accounts of the staff member's own centre, by name."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    return await User.filter(
        role=Role.LAWYER, org_unit_id=viewer.org_unit_id, is_active=True
    ).order_by("display_name")


async def assign(call: Call, request_id: int, assignee_id: int) -> LegalAidRequest:
    """Staff assign an approved request to a LAWYER of the same centre."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    async with in_transaction():
        request = await _request_in_scope(call, request_id, lock=True)
        centre_id = request.org_unit_id
        if not scope.is_staff_of_centre(viewer, centre_id):
            raise scope.not_found("Legal-aid request")
        before = _check_transition(request, LegalAidStatus.ASSIGNED)
        lawyer = await User.get_or_none(
            id=assignee_id, role=Role.LAWYER, org_unit_id=centre_id, is_active=True
        )
        if lawyer is None:
            raise BadInput("Choose a lawyer of this centre.", field="assigneeId")
        request.status = LegalAidStatus.ASSIGNED
        request.assignee_id = lawyer.id
        await request.save(update_fields=["status", "assignee_id"])
        await _changed(call, request, before, LegalAidStatus.ASSIGNED, lawyer.display_name)
        await notices.enqueue(
            call,
            [lawyer],
            "legal_aid.assigned",
            subject_type="LegalAidRequest",
            subject_id=request.id,
            period=str(lawyer.id),
            url=links.legal_aid_request(request.id),
            params={"reference": request.reference_number},
            alert=True,
        )
    return request


async def close(call: Call, request_id: int, note: str) -> LegalAidRequest:
    """The assigned lawyer or the centre's staff close a case that was assigned."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF, Role.LAWYER})
    why = text(note, "note", max_len=REASON_MAX)
    async with in_transaction():
        request = await _request_in_scope(call, request_id, lock=True)
        is_assignee = request.assignee_id == viewer.id
        if not (is_assignee or scope.is_staff_of_centre(viewer, request.org_unit_id)):
            raise scope.not_found("Legal-aid request")
        before = _check_transition(request, LegalAidStatus.CLOSED)
        request.status = LegalAidStatus.CLOSED
        request.closed_at = call.now
        await request.save(update_fields=["status", "closed_at"])
        await _changed(call, request, before, LegalAidStatus.CLOSED, why)
    return request


async def withdraw(call: Call, request_id: int) -> LegalAidRequest:
    """The applicant withdraws an own request before it is decided."""
    scope.require_role(call, {Role.APPLICANT})
    async with in_transaction():
        # An applicant's scope is its own requests, so this is one of them.
        request = await _request_in_scope(call, request_id, lock=True)
        before = _check_transition(request, LegalAidStatus.WITHDRAWN)
        request.status = LegalAidStatus.WITHDRAWN
        request.closed_at = call.now
        await request.save(update_fields=["status", "closed_at"])
        await _changed(call, request, before, LegalAidStatus.WITHDRAWN, None)
    return request


# ------------------------------------------------------------------ reading


def is_urgent(request: LegalAidRequest, today: date) -> bool:
    """Fewer than 7 days before the limitation or court deadline (Art. 44)."""
    return (
        request.limitation_deadline is not None
        and LegalAidStatus(request.status) in ACTIVE_STATUSES
        and request.limitation_deadline < today + URGENT_WITHIN
    )


def is_decision_overdue(request: LegalAidRequest, now: datetime) -> bool:
    return request.status == LegalAidStatus.SUBMITTED and request.decision_due_at < now


@dataclass(frozen=True)
class RequestFilter:
    status: LegalAidStatus | None = None
    decision_overdue: bool | None = None
    assignee_id: int | None = None
    search: str | None = None


def _overdue(asof: datetime) -> Q:
    return Q(status=LegalAidStatus.SUBMITTED, decision_due_at__lt=asof)


def _not_overdue(asof: datetime) -> Q:
    return ~Q(status=LegalAidStatus.SUBMITTED) | Q(decision_due_at__gte=asof)


def _rank_filters(asof: datetime, tz_name: str) -> list[Q]:
    """Rank 0: urgent (Art. 44); 1: decision overdue (Art. 43); 2: the rest."""
    limit = local_date(asof, tz_name) + URGENT_WITHIN
    urgent = Q(status__in=list(ACTIVE_STATUSES), limitation_deadline__lt=limit)
    # Spelled out rather than negated, so a NULL deadline counts as not urgent.
    not_urgent = (
        Q(limitation_deadline__isnull=True)
        | Q(limitation_deadline__gte=limit)
        | ~Q(status__in=list(ACTIVE_STATUSES))
    )
    return [urgent, not_urgent & _overdue(asof), not_urgent & _not_overdue(asof)]


async def get_request(call: Call, request_id: int) -> LegalAidRequest:
    return await _request_in_scope(call, request_id)


async def list_requests(
    call: Call, *, limit: int, after: ranked.ListPosition | None, filter: RequestFilter
) -> ranked.RankedPage[LegalAidRequest]:
    """The viewer's requests: urgent first, then overdue decisions, then the rest, newest first."""
    asof = after.asof if after else call.now
    where = scope.legal_aid_scope(call)
    if where is None:
        return ranked.empty(asof)
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


# ------------------------------------------------------------------ dashboard


@dataclass(frozen=True)
class LegalAidFigures:
    pending_requests: int
    decisions_overdue: int


async def dashboard_figures(unit_ids: list[int], now: datetime) -> LegalAidFigures:
    """Legal-aid figures of these units (centres among them), each one COUNT in SQL."""
    if not unit_ids:
        return LegalAidFigures(0, 0)
    pending = LegalAidRequest.filter(org_unit_id__in=unit_ids, status=LegalAidStatus.SUBMITTED)
    return LegalAidFigures(
        pending_requests=await pending.count(),
        decisions_overdue=await pending.filter(decision_due_at__lt=now).count(),
    )
