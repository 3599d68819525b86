"""Release (解除社区矫正) at the end of the term or on a pardon: the
certificate, the notices, the persons due for it and the officer's reminders.

法 Art. 44: 「社区矫正对象矫正期满或者被赦免的，社区矫正机构应当向社区矫正对象
发放解除社区矫正证明书，并通知社区矫正决定机关、所在地的人民检察院、公安机关。」
The issue speaks of notices to "the deciding court"; the statute says the
deciding *body* (决定机关), which may be a prison administration or a
public-security body (法 Art. 17 ¶4), so the notice names the body.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from api.domain.common import audit, paging, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict
from api.domain.common.validators import int_range, mask_resident_id, text
from api.domain.corrections import ending
from api.domain.corrections.caseload import Tally
from api.domain.corrections.persons import STAFF, note_text, person_for
from api.domain.documents.chinese import chinese_date
from api.domain.documents.content import Content
from api.domain.documents.issue import issue
from api.domain.documents.kinds import DocumentKind
from api.models.accounts import OrgUnit
from api.models.corrections import SupervisedPerson
from api.models.enums import CorrectionType, DocumentArea, ReleaseGround, SupervisionStatus
from api.models.supervision_end import SupervisionEnd

# 解除社区矫正证明书: numbered 东关司矫解字〔2026〕第3号.
CERTIFICATE = DocumentKind(DocumentArea.CORRECTIONS, "CORR_RELEASE", "司矫解字")
# The officer hears of a term's end 30 and 7 days before it: an app design
# choice, not a rule of law (the 法 and the 办法 set no such reminder).
REMINDER_DAYS = (30, 7)
DUE_WITHIN_DEFAULT = 30
DUE_WITHIN_RANGE = (0, 366)

TYPE_WORDS = {
    CorrectionType.CONTROL: "管制",
    CorrectionType.PROBATION: "缓刑",
    CorrectionType.PAROLE: "假释",
    CorrectionType.TEMPORARY_OUTSIDE_PRISON: "暂予监外执行",
}
GROUND_WORDS = {
    ReleaseGround.TERM_ENDED: "矫正期满",
    ReleaseGround.PARDON: "被赦免",
    ReleaseGround.COURT_DECISION: "人民法院裁判",
}


def certificate_content(
    person: SupervisedPerson,
    unit: OrgUnit,
    ground: ReleaseGround,
    released_on: date,
    ground_document: str | None,
) -> Content:
    """The wording of the 解除社区矫正证明书. The ID number is printed masked,
    as it is shown everywhere else (DESIGN.md): the name, the term and the
    document number identify the certificate."""
    start, end, day = (
        chinese_date(person.term_start),
        chinese_date(person.term_end),
        chinese_date(released_on),
    )
    kind = TYPE_WORDS[CorrectionType(person.correction_type)]
    because = {
        ReleaseGround.TERM_ENDED: "现社区矫正期满",
        ReleaseGround.PARDON: f"现因被赦免（{ground_document}）",
        ReleaseGround.COURT_DECISION: f"现根据{ground_document}",
    }[ground]
    return Content(
        title="解除社区矫正证明书",
        paragraphs=[
            f"社区矫正对象{person.full_name}，居民身份证号码{mask_resident_id(person.id_number)}，"
            f"矫正类别为{kind}，社区矫正期限自{start}起至{end}止，在{unit.name}接受社区矫正。",
            f"{because}，依照《中华人民共和国社区矫正法》第四十四条的规定，自{day}起解除社区矫正。",
            "特此证明。",
        ],
        fields=[
            ("姓名", person.full_name),
            ("矫正类别", kind),
            ("矫正期限", f"{start}至{end}"),
            ("解除日期", day),
            ("解除事由", GROUND_WORDS[ground]),
        ],
    )


async def release_person(
    call: Call,
    person_id: int,
    *,
    ground: ReleaseGround,
    released_on: date,
    ground_document: str | None,
    notices: Sequence[ending.NoticeInput],
    note: str | None,
) -> SupervisionEnd:
    """Release the person (法 Art. 44): the certificate issued to them, the three
    notices recorded, the status RELEASED; all in one transaction or nothing."""
    scope.require_role(call, STAFF)
    ground = ReleaseGround(ground)
    released_on = ending.past_date(call, released_on, "releasedOn")
    document = None
    if ground is not ReleaseGround.TERM_ENDED:
        if not ground_document or not ground_document.strip():
            raise BadInput("RELEASE_GROUND_DOCUMENT", field="groundDocument")
        document = text(ground_document, "groundDocument", max_len=ending.DOCUMENT_NUMBER_MAX)
    reason = note_text(note, "note", required=False)
    async with in_transaction():
        person = await person_for(call, person_id, STAFF, lock=True)
        status = SupervisionStatus(person.status)
        # The 法 does not say this; releasing a person nobody can find would
        # hand a certificate to no one and close the search (脱管, 法 Art. 30).
        if status is SupervisionStatus.ABSCONDED:
            raise Conflict("RELEASE_WHILE_ABSCONDED", field="personId")
        if status is not SupervisionStatus.ACTIVE:
            raise Conflict("SUPERVISION_ALREADY_ENDED", field="personId")
        if released_on < person.term_start:
            raise BadInput("RELEASE_BEFORE_TERM_START", field="releasedOn")
        # 矫正期满: the term is over on its last day, termEnd. Earlier only on a
        # pardon (被赦免, 法 Art. 44) or a court's decision that ended the term.
        if ground is ReleaseGround.TERM_ENDED and released_on < person.term_end:
            raise BadInput(
                "RELEASE_BEFORE_TERM_END", field="releasedOn", term_end=person.term_end.isoformat()
            )
        # Term end while a revocation or 收监 proposal is pending is governed by
        # a later 司法部 notice (司办通〔2021〕94号) that is not read here: no
        # rule is made up for it; the proposal shows on the record.
        checked = ending.checked_notices(call, notices, required=True, not_before=released_on)
        unit = await OrgUnit.get(id=person.org_unit_id)
        certificate = await issue(
            call,
            CERTIFICATE,
            unit,
            certificate_content(person, unit, ground, released_on, document),
            target_type="SupervisedPerson",
            target_id=person.id,
            # The person reads their own certificate with their account.
            subject_id=person.account_id,
        )
        end = await ending.record_end(
            call,
            person,
            SupervisionStatus.RELEASED,
            released_on,
            checked,
            release_ground=ground,
            ground_document=document,
            certificate_id=certificate.id,
            note=reason,
        )
        ending.end_status(person, SupervisionStatus.RELEASED)
        await person.save(update_fields=["status", "active_id_number"])
        await ending.cancel_reminders(person)
        await audit.record(
            call,
            "person.release",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "ground": ground,
                "releasedOn": released_on.isoformat(),
                "certificate": certificate.number,
                "notices": [n.recipient.value for n in checked],
            },
        )
    return end


# ------------------------------------------------------------------ due for release


@dataclass(frozen=True)
class ReleasePosition(paging.Position):
    """Where a person is in the list of terms ending: the term's end, id."""

    term_end: str
    id: int

    def __post_init__(self) -> None:
        date.fromisoformat(self.term_end)  # ValueError for what is no date


def due_within(days: int | None) -> int:
    if days is None:
        return DUE_WITHIN_DEFAULT
    return int_range(days, "withinDays", *DUE_WITHIN_RANGE)


async def _due_for_release(
    call: Call, within_days: int | None
) -> QuerySet[SupervisedPerson] | None:
    """The persons of persons_due_for_release, or None when the viewer's scope holds no office."""
    scope.require_role(call, STAFF)
    until = ending.today(call) + timedelta(days=due_within(within_days))
    unit_ids = await scope.corrections_unit_ids(call)
    if not unit_ids:
        return None
    return SupervisedPerson.filter(
        org_unit_id__in=unit_ids, status__in=ending.UNDER_SUPERVISION, term_end__lte=until
    )


async def tally_due_for_release(call: Call, within_days: int | None) -> Tally:
    """Of persons_due_for_release's persons, the absconded and the overdue."""
    query = await _due_for_release(call, within_days)
    if query is None:
        return Tally(0, 0)
    absconded = await query.filter(status=SupervisionStatus.ABSCONDED).count()
    overdue = await query.filter(status=SupervisionStatus.ACTIVE, overdue_at__lt=call.now).count()
    return Tally(absconded, overdue)


async def persons_due_for_release(
    call: Call, *, within_days: int | None, limit: int, after: ReleasePosition | None
) -> paging.Page[SupervisedPerson]:
    """Persons still under supervision whose term ends within `within_days`
    or has already ended, the earliest end first (ended ones lead)."""
    query = await _due_for_release(call, within_days)
    if query is None:
        return paging.empty()
    total = await query.count()
    if after is not None:
        end = date.fromisoformat(after.term_end)
        query = query.filter(Q(term_end__gt=end) | Q(term_end=end, id__gt=after.id))
    rows = await query.order_by("term_end", "id").limit(limit + 1)
    return paging.page_of(
        rows, limit, lambda p: ReleasePosition(p.term_end.isoformat(), p.id), total=total
    )


async def terms_ending(call: Call, limit: int) -> list[tuple[SupervisedPerson, int]]:
    """For the reminders: each person with an officer whose term ends within
    the first reminder's days, with the reminder that is due (30 or 7)."""
    today = ending.today(call)
    persons = await SupervisedPerson.filter(
        status__in=ending.UNDER_SUPERVISION,
        officer_id__not_isnull=True,
        term_end__gte=today,
        term_end__lte=today + timedelta(days=max(REMINDER_DAYS)),
    ).limit(limit)
    due: list[tuple[SupervisedPerson, int]] = []
    for person in persons:
        left = (person.term_end - today).days
        due.append((person, min(d for d in REMINDER_DAYS if d >= left)))
    return due
