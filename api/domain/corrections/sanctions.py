"""Sanctions: the officer proposes, the county body decides (社区矫正法 Art. 28), and praise.

The officer proposes a measure for one or more violations on the record; the
suggestion is the strongest of theirs (sanction_rules.py), and another
measure needs the officer's reason. The county 社区矫正机构 decides (实施办法
Art. 34-35 as cited: 训诫 and 警告 are the county body's decisions; here its
correction centre's supervisors, leave_rules.is_county_body). An approved
训诫 or 警告 is issued as a written decision (a PDF, the documents module)
and the person is told; an approved proposal to revoke is handed on as the
office's revocation proposal (revocation.propose_revocation, 法 Art. 46-49).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from api.domain.common import audit, links, paging, scope
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, Conflict, Forbidden, NotFound
from api.domain.common.periods import local_day
from api.domain.common.validators import text
from api.domain.corrections import ending, leave_rules, persons, records, revocation
from api.domain.corrections import sanction_rules as rules
from api.domain.documents.content import Content
from api.domain.documents.issue import issue
from api.domain.documents.kinds import DocumentKind
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.enums import DecidingBodyType, DocumentArea
from api.models.sanctions import (
    Praise,
    Sanction,
    SanctionMeasure,
    SanctionStatus,
    Violation,
)

FACTS_MAX = 5000
MAX_VIOLATIONS = 50
DECISION = DocumentKind(DocumentArea.CORRECTIONS, "CORR_SANCTION", "司矫惩字")
MEASURE_WORDS = {
    SanctionMeasure.ADMONITION: "训诫",
    SanctionMeasure.WARNING: "警告",
    SanctionMeasure.REVOCATION_PROPOSAL: "提请撤销",
}


async def propose_sanction(
    call: Call,
    person_id: int,
    *,
    violation_ids: Sequence[int],
    measure: SanctionMeasure | None,
    facts: str,
    override_reason: str | None,
) -> Sanction:
    """The office's proposal for violations of the person not yet dealt with.
    With no measure, the suggestion; with another, the reason is required."""
    viewer = scope.require_role(call, persons.STAFF)
    stated = text(facts, "facts", max_len=FACTS_MAX)
    ids = list(dict.fromkeys(violation_ids))
    if not ids:
        raise BadInput("SANCTION_VIOLATIONS_REQUIRED", field="violationIds")
    if len(ids) > MAX_VIOLATIONS:
        raise BadInput("SANCTION_VIOLATIONS_TOO_MANY", field="violationIds", max=MAX_VIOLATIONS)
    async with in_transaction():
        person = await persons.person_for(call, person_id, persons.STAFF, lock=True)
        if person.status not in ending.UNDER_SUPERVISION:
            raise Conflict("SUPERVISION_ALREADY_ENDED", field="personId")
        found = await Violation.filter(id__in=ids, person_id=person.id).select_for_update()
        if len(found) != len(ids):
            raise scope.not_found("VIOLATION_NOT_FOUND")
        if any(v.sanction_id is not None for v in found):
            raise Conflict("VIOLATION_ALREADY_PROPOSED", field="violationIds")
        suggested = rules.strongest([SanctionMeasure(v.suggested_measure) for v in found])
        chosen = SanctionMeasure(measure) if measure is not None else suggested
        if chosen is not suggested and not (override_reason or "").strip():
            # The suggestion is the record's reading of the rules: another
            # measure says why, for the county body that decides.
            raise BadInput("SANCTION_OVERRIDE_REASON", field="overrideReason")
        reason = persons.note_text(override_reason, "overrideReason", required=False)
        if chosen is SanctionMeasure.REVOCATION_PROPOSAL:
            revocation.revocation_kind(person)  # 管制: nothing to revoke
        row = await Sanction.create(
            person_id=person.id,
            measure=chosen,
            suggested_measure=suggested,
            override_reason=reason,
            facts=stated,
            proposed_by_id=viewer.id,
            proposed_at=call.now,
        )
        await Violation.filter(id__in=ids).update(sanction_id=row.id)
        await audit.record(
            call,
            "sanction.propose",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "sanction": row.id,
                "measure": chosen,
                "suggested": suggested,
                "overrideReason": reason,
                "violations": ids,
            },
        )
        await notices.enqueue(
            call,
            await persons.alert_recipients(person),
            "sanction.proposed",
            subject_type="Sanction",
            subject_id=row.id,
            period="",
            url=links.person(person.id),
            alert=True,
        )
    return row


@dataclass(frozen=True)
class RevocationInput:
    """Where an approved proposal to revoke goes (revocation.propose_revocation)."""

    deciding_body_type: DecidingBodyType
    deciding_body: str
    received_on: date | None = None
    procuratorate_copied_on: date | None = None


async def _sanction_for(call: Call, sanction_id: int) -> tuple[Sanction, SupervisedPerson]:
    found = await Sanction.filter(id=sanction_id).only("id", "person_id").first()
    if found is None:
        raise scope.not_found("SANCTION_NOT_FOUND")
    try:
        person = await persons.person_for(call, found.person_id, persons.STAFF, lock=True)
    except NotFound as exc:
        raise scope.not_found("SANCTION_NOT_FOUND") from exc
    return await Sanction.filter(id=sanction_id).select_for_update().get(), person


async def decide_sanction(
    call: Call,
    sanction_id: int,
    *,
    approve: bool,
    decided_on: date,
    note: str | None,
    revocation_input: RevocationInput | None,
) -> Sanction:
    """The county body approves or refuses a proposal; a refusal says why and
    leaves its violations open for another proposal."""
    viewer = scope.require_role(call, persons.STAFF)
    reason = persons.note_text(note, "note", required=not approve)
    decided_on = ending.past_date(call, decided_on, "decidedOn")
    async with in_transaction():
        row, person = await _sanction_for(call, sanction_id)
        if not leave_rules.is_county_body(call):
            raise Forbidden("SANCTION_DECIDED_BY_COUNTY")
        if SanctionStatus(row.status) is not SanctionStatus.PROPOSED:
            raise Conflict("SANCTION_DECIDED", field="sanctionId")
        if decided_on < local_day(row.proposed_at):
            raise BadInput("SANCTION_DECIDED_BEFORE_PROPOSED", field="decidedOn")
        measure = SanctionMeasure(row.measure)
        row.status = SanctionStatus.APPROVED if approve else SanctionStatus.REFUSED
        row.decided_by_id = viewer.id
        row.decided_at = call.now
        row.decided_on = decided_on
        row.decision_note = reason  # type: ignore[assignment]  # nullable TextField
        if not approve:
            await Violation.filter(sanction_id=row.id).update(sanction_id=None)
        elif measure is SanctionMeasure.REVOCATION_PROPOSAL:
            if revocation_input is None:
                raise BadInput("SANCTION_REVOCATION_BODY_REQUIRED", field="revocation")
            proposal = await revocation.propose_revocation(
                call,
                person.id,
                facts=row.facts,
                deciding_body_type=revocation_input.deciding_body_type,
                deciding_body=revocation_input.deciding_body,
                proposed_on=decided_on,
                received_on=revocation_input.received_on,
                procuratorate_copied_on=revocation_input.procuratorate_copied_on,
            )
            row.revocation_proposal_id = proposal.id
        else:
            unit = await OrgUnit.get(id=scope.require_viewer(call).org_unit_id)
            document = await issue(
                call,
                DECISION,
                unit,
                decision_content(person, row, unit, decided_on),
                target_type="Sanction",
                target_id=row.id,
                subject_id=person.account_id,
            )
            row.document_id = document.id
        await row.save(
            update_fields=[
                "status",
                "decided_by_id",
                "decided_at",
                "decided_on",
                "decision_note",
                "document_id",
                "revocation_proposal_id",
            ]
        )
        await audit.record(
            call,
            "sanction.decide",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={
                "sanction": row.id,
                "measure": measure,
                "status": row.status,
                "note": reason,
                "document": row.document_id,
                "revocationProposal": row.revocation_proposal_id,
            },
        )
        if approve and measure is not SanctionMeasure.REVOCATION_PROPOSAL:
            await _tell_person(call, person, row)
    return row


def decision_content(
    person: SupervisedPerson, row: Sanction, unit: OrgUnit, decided_on: date
) -> Content:
    word = MEASURE_WORDS[SanctionMeasure(row.measure)]
    day = f"{decided_on.year}年{decided_on.month}月{decided_on.day}日"
    return Content(
        title=f"{word}决定书",
        addressee=f"社区矫正对象{person.full_name}",
        paragraphs=[
            f"经查：{row.facts}",
            f"依照《中华人民共和国社区矫正法》第二十八条的规定，{unit.name}决定给予{word}。",
            "望你认真遵守监督管理规定，接受社区矫正。",
        ],
        fields=[("姓名", person.full_name), ("处理", word), ("决定日期", day)],
    )


async def _tell_person(call: Call, person: SupervisedPerson, row: Sanction) -> None:
    if person.account_id is None:
        return
    account = await User.get(id=person.account_id)
    await notices.enqueue(
        call,
        [account],
        "sanction.decided",
        subject_type="Sanction",
        subject_id=row.id,
        period="",
        url=links.home(),
    )


async def record_praise(call: Call, person_id: int, *, praised_on: date, facts: str) -> Praise:
    """表扬 for outstanding conduct (法 Art. 28 ¶1: 表现突出的，应当给予表扬)."""
    viewer = scope.require_role(call, persons.STAFF)
    stated = text(facts, "facts", max_len=FACTS_MAX)
    praised_on = ending.past_date(call, praised_on, "praisedOn")
    async with in_transaction():
        person = await persons.person_for(call, person_id, persons.STAFF, lock=True)
        if person.status not in ending.UNDER_SUPERVISION:
            raise Conflict("SUPERVISION_ALREADY_ENDED", field="personId")
        if praised_on < local_day(person.enrolled_at):
            raise BadInput("PRAISE_BEFORE_ENROLMENT", field="praisedOn")
        row = await Praise.create(
            person_id=person.id,
            praised_on=praised_on,
            facts=stated,
            recorded_by_id=viewer.id,
            recorded_at=call.now,
        )
        await audit.record(
            call,
            "praise.record",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"praise": row.id, "praisedOn": praised_on.isoformat()},
        )
    return row


async def sanctions(
    call: Call,
    *,
    person_id: int | None,
    status: SanctionStatus | None,
    limit: int,
    after: paging.IdPosition | None,
) -> paging.Page[Sanction]:
    filters = {} if status is None else {"status": SanctionStatus(status)}
    return await records.person_records(
        call, Sanction, person_id=person_id, limit=limit, after=after, **filters
    )


async def praises(
    call: Call, *, person_id: int | None, limit: int, after: paging.IdPosition | None
) -> paging.Page[Praise]:
    return await records.person_records(call, Praise, person_id=person_id, limit=limit, after=after)
