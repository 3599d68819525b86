"""The monthly report (思想汇报) from the person's phone, and the officer's reply.

The 法 sets no such report; a monthly written report is provincial or local
practice (docs/law/community-corrections.md §12), so the app asks for one a
month, no more, and never counts a missing one as a violation by itself.
Made offline, it goes through the outbox and is stored once per clientId; its
month is the month in China of the device's capturedAt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import Conflict, NotFound
from api.domain.common.validators import client_uuid, device_time, text
from api.domain.corrections import ending
from api.domain.corrections.education import local_month
from api.domain.corrections.persons import READERS, STAFF, person_for
from api.domain.notices import notices
from api.models.accounts import User
from api.models.corrections import SupervisedPerson
from api.models.education import ThoughtReport
from api.models.enums import Role

BODY_MAX = 5000
REPLY_MAX = 2000


async def submit(call: Call, *, client_id: str, body: str, captured_at: datetime) -> ThoughtReport:
    viewer = scope.require_role(call, {Role.SUPERVISED_PERSON})
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        ThoughtReport,
        cid,
        viewer,
        lambda stored: stored.submitted_by_id,
        _store(call, viewer, cid, body, captured_at),
    )


async def _store(
    call: Call, viewer: Viewer, cid: str, body: str, captured_at: datetime
) -> ThoughtReport:
    await ending.require_account_writable(call)
    written = text(body, "body", max_len=BODY_MAX)
    captured = device_time(captured_at, "capturedAt", call.now)
    month = str(local_month(captured))
    person = await SupervisedPerson.get_or_none(account_id=viewer.id)
    if person is None:
        raise scope.not_found("PERSON_NOT_FOUND")
    try:
        async with in_transaction():
            # One a month: a second report of the same month is refused, not merged.
            if await ThoughtReport.exists(person_id=person.id, month=month):
                raise Conflict("THOUGHT_REPORT_MONTH_TAKEN", field="capturedAt", month=month)
            row = await ThoughtReport.create(
                client_id=cid,
                person_id=person.id,
                month=month,
                body=written,
                captured_at=captured,
                received_at=call.now,
                submitted_by_id=viewer.id,
            )
            await audit.record(
                call,
                "thought_report.submit",
                target_type="SupervisedPerson",
                target_id=person.id,
                summary={"report": row.id, "month": month},
            )
    except IntegrityError:
        # The same clientId (a replay, answered by store_once) or the same
        # month sent at once from two tries.
        if await ThoughtReport.exists(client_id=cid):
            raise
        raise Conflict("THOUGHT_REPORT_MONTH_TAKEN", field="capturedAt", month=month) from None
    return row


async def reply(call: Call, report_id: int, answer: str) -> ThoughtReport:
    """The officer's reply, once; the person is told."""
    viewer = scope.require_role(call, STAFF)
    said = text(answer, "reply", max_len=REPLY_MAX)
    async with in_transaction():
        row = await ThoughtReport.get_or_none(id=report_id)
        if row is None:
            raise scope.not_found("THOUGHT_REPORT_NOT_FOUND")
        try:
            person = await person_for(call, row.person_id, STAFF, lock=True)
        except NotFound as exc:
            raise scope.not_found("THOUGHT_REPORT_NOT_FOUND") from exc
        row = await ThoughtReport.filter(id=report_id).select_for_update().get()
        if row.reply is not None:
            raise Conflict("THOUGHT_REPORT_REPLIED", field="id")
        row.reply = said
        row.replied_by_id = viewer.id
        row.replied_at = call.now
        await row.save(update_fields=["reply", "replied_by_id", "replied_at"])
        await audit.record(
            call,
            "thought_report.reply",
            target_type="SupervisedPerson",
            target_id=person.id,
            summary={"report": row.id, "month": row.month},
        )
        if person.account_id is not None:
            account = await User.get_or_none(id=person.account_id, is_active=True)
            if account is not None:
                await notices.enqueue(
                    call,
                    [account],
                    "thought_report.replied",
                    subject_type="ThoughtReport",
                    subject_id=row.id,
                    period="",
                    url=links.home(),
                    params={"month": row.month},
                )
    return row


@dataclass(frozen=True)
class ReportPosition(paging.Position):
    id: int


async def list_reports(
    call: Call,
    *,
    person_id: int | None,
    unanswered: bool,
    limit: int,
    after: ReportPosition | None,
) -> paging.Page[ThoughtReport]:
    """A person's reports (the person reads its own), or those of the viewer's
    offices; newest first. `unanswered`: only those with no reply yet."""
    viewer = scope.require_role(call, READERS)
    if person_id is not None:
        person = await person_for(call, person_id, READERS)
        query = ThoughtReport.filter(person_id=person.id)
    elif viewer.role is Role.SUPERVISED_PERSON:
        query = ThoughtReport.filter(person__account_id=viewer.id)
    else:
        unit_ids = await scope.corrections_unit_ids(call)
        if not unit_ids:
            return paging.empty()
        query = ThoughtReport.filter(person__org_unit_id__in=unit_ids)
    if unanswered:
        query = query.filter(reply__isnull=True)
    total = await query.count()
    if after is not None:
        query = query.filter(Q(id__lt=after.id))
    rows = await query.order_by("-id").limit(limit + 1)
    return paging.page_of(rows, limit, lambda r: ReportPosition(r.id), total=total)
