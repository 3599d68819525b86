"""People's mediation (人民调解): disputes, their parties, field visits and follow-ups.

The rules, from 人民调解法 (2010) and DESIGN.md:
- mediation is voluntary and free; a dispute has parties, a category and a
  risk level, and a HIGH-risk one (violence, escalation to crime, a group
  incident) is shown first and alerts the supervisors above the unit;
- a visit that sets a follow-up date schedules a reminder to the mediator
  (`follow_ups_due` is what the reminder scheduler asks);
- an agreement can be taken to court for judicial confirmation within 30
  days of taking effect (Art. 33): the day it takes effect is the
  agreement's (agreements.py), never the visit's or the status change's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, ranked, references, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict, NotFound
from api.domain.common.validators import client_uuid, mobile_phone, proper_name, search_term, text
from api.domain.mediation import sources
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.enums import DisputeCategory, DisputeStatus, OrgUnitKind, PartyRole, RiskLevel, Role
from api.models.mediation import Dispute, DisputeParty

TITLE_MAX = 100
DESCRIPTION_MAX = 5000
PARTY_NAME_MAX = 50
MAX_PARTIES = 30
NOTE_MAX = 2000

# Units that handle disputes: a people's mediation committee (人民调解委员会)
# or the justice office itself.
DISPUTE_UNIT_KINDS = frozenset({OrgUnitKind.MEDIATION_COMMITTEE, OrgUnitKind.JUSTICE_OFFICE})

# The course of a real case: registered, being mediated, then an outcome, then
# the file is closed; a closed file is never reopened (a new dispute is
# registered instead).
TRANSITIONS: dict[DisputeStatus, frozenset[DisputeStatus]] = {
    DisputeStatus.OPEN: frozenset({DisputeStatus.MEDIATING}),
    DisputeStatus.MEDIATING: frozenset(
        {DisputeStatus.RESOLVED, DisputeStatus.FAILED, DisputeStatus.REFERRED}
    ),
    DisputeStatus.RESOLVED: frozenset({DisputeStatus.CLOSED}),
    DisputeStatus.FAILED: frozenset({DisputeStatus.CLOSED}),
    DisputeStatus.REFERRED: frozenset({DisputeStatus.CLOSED}),
    DisputeStatus.CLOSED: frozenset(),
}
OPEN_STATUSES = (DisputeStatus.OPEN, DisputeStatus.MEDIATING)


@dataclass(frozen=True)
class PartyInput:
    name: str
    role: PartyRole
    phone: str | None = None


@dataclass(frozen=True)
class DisputeFilter:
    status: DisputeStatus | None = None
    risk_level: RiskLevel | None = None
    mediator_id: int | None = None
    # nextFollowUpAt has passed (on a dispute not yet closed).
    follow_up_due: bool | None = None
    # Still being mediated (OPEN_STATUSES): what the dashboard counts as open.
    open: bool | None = None
    search: str | None = None


async def dispute_in_scope(call: Call, dispute_id: int, *, lock: bool = False) -> Dispute:
    where = await scope.dispute_scope(call)
    return await scope.one_in_scope(Dispute, where, dispute_id, "DISPUTE_NOT_FOUND", lock=lock)


def record_agreement(dispute: Dispute, reached_at: datetime) -> None:
    dispute.status = DisputeStatus.RESOLVED
    dispute.resolved_at = reached_at
    # 人民调解法 Art. 33: the 30 days run from the day the agreement takes
    # effect (Art. 29-30), which only its record tells (agreements.py).
    dispute.judicial_confirmation_due_at = None


async def register_dispute(
    call: Call,
    *,
    client_id: str,
    title: str,
    category: DisputeCategory,
    description: str,
    risk_level: RiskLevel,
    parties: Sequence[PartyInput],
    org_unit_id: int,
    mediator_id: int | None,
    source: sources.SourceInput | None = None,
) -> Dispute:
    """Register a dispute; the same clientId again returns the stored one."""
    viewer = scope.require_role(call, scope.MEDIATION_STAFF)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        Dispute,
        cid,
        viewer,
        lambda stored: stored.registered_by_id,
        _register_dispute(
            call,
            viewer,
            cid,
            title=title,
            category=category,
            description=description,
            risk_level=risk_level,
            parties=parties,
            org_unit_id=org_unit_id,
            mediator_id=mediator_id,
            source=source,
        ),
    )


async def _register_dispute(
    call: Call,
    viewer: Viewer,
    cid: str,
    *,
    title: str,
    category: DisputeCategory,
    description: str,
    risk_level: RiskLevel,
    parties: Sequence[PartyInput],
    org_unit_id: int,
    mediator_id: int | None,
    source: sources.SourceInput | None,
) -> Dispute:
    title = text(title, "title", max_len=TITLE_MAX)
    description = text(description, "description", max_len=DESCRIPTION_MAX)
    if not parties:
        raise BadInput("PARTIES_REQUIRED", field="parties")
    if len(parties) > MAX_PARTIES:
        raise BadInput("PARTIES_TOO_MANY", field="parties", max=MAX_PARTIES)
    cleaned: list[PartyInput] = []
    for i, party in enumerate(parties):
        cleaned.append(
            PartyInput(
                name=proper_name(party.name, f"parties.{i}.name", max_len=PARTY_NAME_MAX),
                role=PartyRole(party.role),
                phone=(
                    mobile_phone(party.phone, f"parties.{i}.phone")
                    if party.phone not in (None, "")
                    else None
                ),
            )
        )
    origin = sources.clean(call, source)
    sources.check_parties(origin, [p.role for p in cleaned])

    unit = await OrgUnit.get_or_none(id=org_unit_id)
    if unit is None or not await scope.may_register_dispute_in(call, unit.id):
        raise NotFound("UNIT_NOT_FOUND", field="orgUnitId")
    if unit.kind not in DISPUTE_UNIT_KINDS:
        raise BadInput("DISPUTE_UNIT_KIND", field="orgUnitId")

    if mediator_id is None and viewer.role is Role.MEDIATOR:
        mediator_id = viewer.id
    if mediator_id is not None:
        mediator = await User.get_or_none(id=mediator_id, role=Role.MEDIATOR, is_active=True)
        mediator_unit = mediator.org_unit_id if mediator else None
        if mediator_unit is None or not await scope.may_register_dispute_in(call, mediator_unit):
            raise BadInput("MEDIATOR_OF_UNIT", field="mediatorId")

    async with in_transaction():
        reference = await references.assign(
            references.DISPUTE, unit, call.now, call.settings.timezone
        )
        dispute = await Dispute.create(
            client_id=cid,
            **reference,
            title=title,
            category=category,
            description=description,
            risk_level=risk_level,
            status=DisputeStatus.OPEN,
            org_unit_id=unit.id,
            mediator_id=mediator_id,
            registered_by_id=viewer.id,
            registered_at=call.now,
        )
        await DisputeParty.bulk_create(
            [
                DisputeParty(
                    dispute_id=dispute.id,
                    position=i,
                    name=p.name,
                    role=p.role,
                    phone=p.phone,
                )
                for i, p in enumerate(cleaned)
            ]
        )
        await sources.record(dispute, unit, origin)
        await audit.record(
            call,
            "dispute.register",
            target_type="Dispute",
            target_id=dispute.id,
            summary={
                "reference": dispute.reference_number,
                "category": category,
                "riskLevel": risk_level,
                "orgUnitId": unit.id,
                "mediatorId": mediator_id,
                "parties": len(cleaned),
                **sources.audit_summary(origin),
            },
        )
        if risk_level is RiskLevel.HIGH:
            await notices.enqueue(
                call,
                # The mediation side: the office head and the bureau's 基层
                # section (its supervisors), never the corrections centre.
                await scope.area_supervisors(scope.Area.MEDIATION, unit.path),
                "dispute.high_risk",
                subject_type="Dispute",
                subject_id=dispute.id,
                period="registered",
                url=links.dispute(dispute.id),
                params={"unit": unit.name, "title": title},
                alert=True,
                urgency="high",
            )
    return dispute


async def set_dispute_status(
    call: Call, dispute_id: int, status: DisputeStatus, note: str | None
) -> Dispute:
    scope.require_role(call, scope.MEDIATION_STAFF)
    status = DisputeStatus(status)
    clean_note = text(note, "note", max_len=NOTE_MAX) if note not in (None, "") else None
    async with in_transaction():
        dispute = await dispute_in_scope(call, dispute_id, lock=True)
        current = DisputeStatus(dispute.status)
        if status not in TRANSITIONS[current]:
            raise Conflict("DISPUTE_TRANSITION", field="status", current=current, to=status)
        dispute.status = status
        changed = ["status"]
        if status is DisputeStatus.RESOLVED:
            # Settled without a visit recording it: the agreement takes effect now.
            record_agreement(dispute, call.now)
            changed += ["resolved_at", "judicial_confirmation_due_at"]
        elif status is DisputeStatus.CLOSED:
            dispute.closed_at = call.now
            # A closed file has nothing left to follow up.
            dispute.next_follow_up_at = None
            changed += ["closed_at", "next_follow_up_at"]
        await dispute.save(update_fields=changed)
        await audit.record(
            call,
            "dispute.status",
            target_type="Dispute",
            target_id=dispute.id,
            summary={"from": current, "to": status, "note": clean_note},
        )
    return dispute


async def get_dispute(call: Call, dispute_id: int) -> Dispute:
    """One dispute in the viewer's scope; NOT_FOUND otherwise."""
    return await dispute_in_scope(call, dispute_id)


def _high_and_open() -> Q:
    return Q(risk_level=RiskLevel.HIGH, status__in=list(OPEN_STATUSES))


def _follow_up_due(asof: datetime) -> Q:
    return Q(next_follow_up_at__lte=asof) & ~Q(status=DisputeStatus.CLOSED)


def _follow_up_not_due(asof: datetime) -> Q:
    # Spelled out rather than negated: NOT on a NULL date would be NULL too.
    return (
        Q(next_follow_up_at__isnull=True)
        | Q(next_follow_up_at__gt=asof)
        | Q(status=DisputeStatus.CLOSED)
    )


def _rank_filters(asof: datetime) -> ranked.Ranks:
    """Rank 0: HIGH risk and still open; 1: a follow-up is due; 2: the rest."""
    high = _high_and_open()
    return (high, ~high & _follow_up_due(asof), ~high & _follow_up_not_due(asof))


async def list_disputes(
    call: Call, *, limit: int, after: ranked.ListPosition | None, filter: DisputeFilter
) -> paging.Page[Dispute]:
    """The viewer's disputes: HIGH risk first, then due follow-ups, then the rest."""
    asof = after.asof if after else call.now
    where = await scope.dispute_scope(call)
    if where is None:
        return paging.empty(as_of=asof)
    query = Dispute.filter(where)
    if filter.status is not None:
        query = query.filter(status=filter.status)
    if filter.risk_level is not None:
        query = query.filter(risk_level=filter.risk_level)
    if filter.mediator_id is not None:
        query = query.filter(mediator_id=filter.mediator_id)
    if filter.open is True:
        query = query.filter(status__in=list(OPEN_STATUSES))
    elif filter.open is False:
        query = query.exclude(status__in=list(OPEN_STATUSES))
    if filter.follow_up_due is True:
        query = query.filter(_follow_up_due(asof))
    elif filter.follow_up_due is False:
        query = query.filter(_follow_up_not_due(asof))
    if words := search_term(filter.search, "filter.search", max_len=100):
        named = DisputeParty.filter(name__icontains=words).values("dispute_id")
        query = query.filter(
            Q(title__icontains=words)
            | Q(reference_number__icontains=words)
            | Q(id__in=Subquery(named))
        )
    return await ranked.ranked_page(query, _rank_filters(asof), limit=limit, after=after, asof=asof)


async def parties_of(dispute_ids: Sequence[int]) -> dict[int, list[DisputeParty]]:
    """Parties per dispute, in the order given. For disputes the caller already may see."""
    grouped: dict[int, list[DisputeParty]] = {i: [] for i in dispute_ids}
    for party in await DisputeParty.filter(dispute_id__in=list(dispute_ids)).order_by(
        "dispute_id", "position"
    ):
        grouped[party.dispute_id].append(party)
    return grouped


async def disputes_by_id(dispute_ids: Sequence[int]) -> list[Dispute]:
    """For a visit's dispute: reached through a dispute the viewer already sees."""
    return await Dispute.filter(id__in=list(dispute_ids))


# ------------------------------------------------------------------ the scheduler's view


async def follow_ups_due(
    now: datetime, *, since: datetime | None = None, limit: int = 500
) -> list[Dispute]:
    """Disputes whose follow-up (回访) time has come and that have a mediator to remind.

    The reminder scheduler calls this and enqueues "dispute.follow_up_due" to
    each dispute's mediator, with the follow-up time as the notice's period so
    that one follow-up is reminded once. Oldest due first; `since` leaves out
    what came due before it.
    """
    due = Dispute.filter(next_follow_up_at__lte=now, mediator_id__isnull=False)
    if since is not None:
        due = due.filter(next_follow_up_at__gt=since)
    return (
        await due.exclude(status=DisputeStatus.CLOSED)
        .order_by("next_follow_up_at", "id")
        .limit(limit)
    )
