"""The consultation register (法律咨询, 12348): questions asked at the window, by
phone or online, the answer given, by whom and where.

法律援助法 Art. 23: the centre gives legal consultations by its service
window, by phone and by the network, and tells the person of the right to
apply for legal aid. A justice office answers them too. The public asks
online from the PWA and reads the answer there (and is told by push).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tortoise.expressions import Q
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, periods, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import (
    client_uuid,
    device_time,
    mobile_phone,
    proper_name,
    text,
)
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.consultations import Consultation, ConsultationCategory, ConsultationChannel
from api.models.enums import OrgUnitKind, Role

QUESTION_MAX = 5000
ANSWER_MAX = 10000
NAME_MAX = 50

# Who answers consultations: the office's staff, the centre's staff and its
# lawyers on duty (12348).
ANSWERERS = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.LEGAL_AID_STAFF, Role.LAWYER})
ASKERS = frozenset({Role.APPLICANT, Role.SUPERVISED_PERSON})
# Units that give consultations: a justice office, a legal-aid centre, the
# bureau's 12348 hotline.
ANSWERING_UNITS = frozenset(
    {OrgUnitKind.JUSTICE_OFFICE, OrgUnitKind.LEGAL_AID_CENTER, OrgUnitKind.JUSTICE_BUREAU}
)
# What the public may address online: the office or the centre near them.
ONLINE_UNITS = frozenset({OrgUnitKind.JUSTICE_OFFICE, OrgUnitKind.LEGAL_AID_CENTER})


async def consultation_scope(call: Call) -> Q | None:
    """The public their own questions; staff those of their unit (and, for an
    office's officers and the supervisors, the units below it); nobody else."""
    viewer = scope.require_viewer(call)
    if viewer.role in ASKERS:
        return Q(asker_id=viewer.id)
    if viewer.role in (Role.LEGAL_AID_STAFF, Role.LAWYER):
        return Q(org_unit_id=viewer.org_unit_id) if viewer.org_unit_id else None
    if viewer.role in (Role.OFFICER, Role.SUPERVISOR):
        # A correction centre's supervisors have no consultations in their
        # subtree: they see none (the centre does corrections only).
        ids = await scope.unit_ids_in_scope(call)
        return Q(org_unit_id__in=ids) if ids else None
    return None


async def consultation_in_scope(
    call: Call, consultation_id: int, *, lock: bool = False
) -> Consultation:
    return await scope.one_in_scope(
        Consultation,
        await consultation_scope(call),
        consultation_id,
        "CONSULTATION_NOT_FOUND",
        lock=lock,
    )


def may_answer(viewer: Viewer, row: Consultation) -> bool:
    """Staff of the consultation's own unit answer and refer it."""
    return viewer.role in ANSWERERS and viewer.org_unit_id == row.org_unit_id


@dataclass(frozen=True)
class ConsultationInput:
    client_id: str
    channel: ConsultationChannel
    category: ConsultationCategory
    question: str
    asked_at: datetime
    asker_name: str | None = None
    asker_phone: str | None = None
    answer: str | None = None


def _optional_name(value: str | None) -> str | None:
    return proper_name(value, "askerName", max_len=NAME_MAX) if value not in (None, "") else None


def _optional_phone(value: str | None) -> str | None:
    return mobile_phone(value, "askerPhone") if value not in (None, "") else None


async def record_consultation(call: Call, data: ConsultationInput) -> Consultation:
    """Staff write down a consultation given at their unit's window or by phone,
    with the answer given there (or later, by answerConsultation)."""
    viewer = scope.require_role(call, ANSWERERS)
    cid = client_uuid(data.client_id, "clientId")
    return await idempotency.store_once(
        Consultation, cid, viewer, lambda s: s.recorded_by_id, _record(call, viewer, cid, data)
    )


async def _record(call: Call, viewer: Viewer, cid: str, data: ConsultationInput) -> Consultation:
    channel = ConsultationChannel(data.channel)
    if channel is ConsultationChannel.ONLINE:
        # Online questions are the public's own (askLegalQuestion).
        raise BadInput("CONSULTATION_CHANNEL", field="channel")
    category = ConsultationCategory(data.category)
    question = text(data.question, "question", max_len=QUESTION_MAX)
    answer = text(data.answer, "answer", max_len=ANSWER_MAX) if data.answer else None
    asked_at = device_time(data.asked_at, "askedAt", call.now)
    unit = await OrgUnit.get_or_none(id=viewer.org_unit_id) if viewer.org_unit_id else None
    if unit is None or OrgUnitKind(unit.kind) not in ANSWERING_UNITS:
        raise BadInput("CONSULTATION_UNIT", field="orgUnitId")
    async with in_transaction():
        row = await Consultation.create(
            client_id=cid,
            channel=channel,
            category=category,
            org_unit_id=unit.id,
            asker_name=_optional_name(data.asker_name),
            asker_phone=_optional_phone(data.asker_phone),
            question=question,
            recorded_by_id=viewer.id,
            asked_at=asked_at,
            received_at=call.now,
            answer=answer,
            answered_by_id=viewer.id if answer else None,
            answered_at=call.now if answer else None,
        )
        await _audit(call, "consultation.record", row)
    return row


async def ask_question(
    call: Call,
    *,
    client_id: str,
    org_unit_id: int,
    category: ConsultationCategory,
    question: str,
    asked_at: datetime,
) -> Consultation:
    """A member of the public asks a question online (Art. 23: by the network)."""
    viewer = scope.require_role(call, ASKERS)
    cid = client_uuid(client_id, "clientId")

    async def write() -> Consultation:
        words = text(question, "question", max_len=QUESTION_MAX)
        at = device_time(asked_at, "askedAt", call.now)
        unit = await OrgUnit.get_or_none(id=org_unit_id)
        if unit is None or OrgUnitKind(unit.kind) not in ONLINE_UNITS:
            raise BadInput("CONSULTATION_UNIT", field="orgUnitId")
        async with in_transaction():
            row = await Consultation.create(
                client_id=cid,
                channel=ConsultationChannel.ONLINE,
                category=ConsultationCategory(category),
                org_unit_id=unit.id,
                asker_id=viewer.id,
                asker_name=viewer.display_name[:NAME_MAX],
                question=words,
                recorded_by_id=viewer.id,
                asked_at=at,
                received_at=call.now,
            )
            await _audit(call, "consultation.ask", row)
        return row

    return await idempotency.store_once(
        Consultation, cid, viewer, lambda s: s.recorded_by_id, write()
    )


async def answer_consultation(call: Call, consultation_id: int, answer: str) -> Consultation:
    """Staff of the unit answer a question; an asker with an account is told by push."""
    viewer = scope.require_role(call, ANSWERERS)
    words = text(answer, "answer", max_len=ANSWER_MAX)
    async with in_transaction():
        row = await consultation_in_scope(call, consultation_id, lock=True)
        if not may_answer(viewer, row):
            raise scope.not_found("CONSULTATION_NOT_FOUND")
        if row.answered_at is not None:
            raise Conflict("CONSULTATION_ANSWERED")
        row.answer = words
        row.answered_by_id = viewer.id
        row.answered_at = call.now
        await row.save(update_fields=["answer", "answered_by_id", "answered_at"])
        await _audit(call, "consultation.answer", row)
        if row.asker_id is not None:
            asker = await User.get_or_none(id=row.asker_id, is_active=True)
            if asker is not None:
                await notices.enqueue(
                    call,
                    [asker],
                    "consultation.answered",
                    subject_type="Consultation",
                    subject_id=row.id,
                    period="answered",
                    url=links.consultation(row.id),
                    params={},
                )
    return row


async def _audit(call: Call, action: str, row: Consultation) -> None:
    await audit.record(
        call,
        action,
        target_type="Consultation",
        target_id=row.id,
        summary={
            "channel": row.channel,
            "category": row.category,
            "orgUnitId": row.org_unit_id,
            "answered": row.answered_at is not None,
            "referredTo": row.referred_to,
        },
    )


async def answerable_units(call: Call) -> list[OrgUnit]:
    """The offices and centres the public may ask online, by name."""
    scope.require_viewer(call)
    return await OrgUnit.filter(kind__in=list(ONLINE_UNITS)).order_by("name", "id")


@dataclass(frozen=True)
class ConsultationFilter:
    category: ConsultationCategory | None = None
    channel: ConsultationChannel | None = None
    answered: bool | None = None
    org_unit_id: int | None = None


async def get_consultation(call: Call, consultation_id: int) -> Consultation:
    return await consultation_in_scope(call, consultation_id)


async def list_consultations(
    call: Call, *, limit: int, after: paging.TimePosition | None, filter: ConsultationFilter
) -> paging.Page[Consultation]:
    """The viewer's consultations, newest first."""
    where = await consultation_scope(call)
    if where is None:
        return paging.empty()
    query = Consultation.filter(where)
    if filter.category is not None:
        query = query.filter(category=filter.category)
    if filter.channel is not None:
        query = query.filter(channel=filter.channel)
    if filter.answered is not None:
        query = query.filter(answered_at__isnull=not filter.answered)
    if filter.org_unit_id is not None:
        query = query.filter(org_unit_id=filter.org_unit_id)
    total = await query.count()
    if after is not None:
        query = query.filter(Q(asked_at__lt=after.at) | Q(asked_at=after.at, id__lt=after.id))
    rows = await query.order_by("-asked_at", "-id").limit(limit + 1)
    return paging.page_of(rows, limit, lambda r: paging.TimePosition(r.asked_at, r.id), total=total)


@dataclass(frozen=True)
class CategoryCount:
    org_unit_id: int
    category: ConsultationCategory
    count: int
    answered: int


async def consultation_figures(
    call: Call, *, since: date | None, until: date | None
) -> list[CategoryCount]:
    """How many consultations per unit and category in the viewer's scope,
    between two local days (both included); one GROUP BY each."""
    scope.require_role(call, ANSWERERS)
    where = await consultation_scope(call)
    if where is None:
        return []
    if since and until and since > until:
        raise BadInput("CONSULTATION_PERIOD", field="until")
    query = Consultation.filter(where)
    if since is not None:
        query = query.filter(asked_at__gte=periods.start_of(since))
    if until is not None:
        query = query.filter(asked_at__lt=periods.end_of(until))
    grouped = (
        query.annotate(n=Count("id"))
        .group_by("org_unit_id", "category")
        .values("org_unit_id", "category", "n")
    )
    answered = dict(
        (
            (r["org_unit_id"], r["category"]),
            r["n"],
        )
        for r in await query.filter(answered_at__isnull=False)
        .annotate(n=Count("id"))
        .group_by("org_unit_id", "category")
        .values("org_unit_id", "category", "n")
    )
    return sorted(
        (
            CategoryCount(
                r["org_unit_id"],
                ConsultationCategory(r["category"]),
                r["n"],
                answered.get((r["org_unit_id"], r["category"]), 0),
            )
            for r in await grouped
        ),
        key=lambda c: (c.org_unit_id, c.category),
    )
