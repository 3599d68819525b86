"""Issuing a document: a number, the PDF, the row that keeps it, the audit entry.

All in the caller's transaction (a savepoint in it), so a document is issued
with the change it records, the release or the agreement, or not at all, and
its number is given back if not.
"""

from __future__ import annotations

import asyncio
import hashlib
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.domain.documents import numbering, render
from api.domain.documents.content import Content
from api.domain.documents.kinds import DocumentKind
from api.models.accounts import OrgUnit
from api.models.documents import Document


async def issue(
    call: Call,
    kind: DocumentKind,
    unit: OrgUnit,
    content: Content,
    *,
    target_type: str,
    target_id: object,
    subject_id: int | None = None,
) -> Document:
    """Issue `content` as a document of `kind` from `unit`, about the target.

    The viewer must be able to see the area's records of the unit (NOT_FOUND
    otherwise, as for a unit that does not exist); the area checks its own
    rules (who may release, who may close an agreement) before it calls this.
    `subject_id` names the account the document is about, who may then read it
    where the area allows (api/domain/scope.py).
    """
    viewer = scope.require_viewer(call)
    if not await scope.may_see_area_records(call, kind.area, unit.id):
        raise scope.not_found("UNIT_NOT_FOUND")
    content = content.checked()
    issued_on = call.now.astimezone(ZoneInfo(call.settings.timezone)).date()
    async with in_transaction():
        number = await numbering.allocate(kind, unit, issued_on.year)
        # Rendering takes a fraction of a second of pure Python: in a thread,
        # so the other requests of the process are served meanwhile.
        pdf = await asyncio.to_thread(
            render.render,
            letterhead=unit.name,
            number=number.text,
            content=content,
            issued_at=call.now,
            issued_on=issued_on,
        )
        digest = hashlib.sha256(pdf).hexdigest()
        document = await Document.create(
            area=kind.area,
            kind=kind.code,
            org_unit_id=unit.id,
            year=number.year,
            seq=number.seq,
            number=number.text,
            title=content.title,
            target_type=target_type,
            target_id=str(target_id),
            subject_id=subject_id,
            issued_by_id=viewer.id,
            issued_at=call.now,
            pdf=pdf,
            sha256=digest,
        )
        await audit.record(
            call,
            "document.issue",
            target_type="Document",
            target_id=document.id,
            summary={
                "number": number.text,
                "kind": kind.code,
                "sha256": digest,
                "bytes": len(pdf),
                "about": f"{target_type}:{target_id}",
            },
        )
    return document
