"""Handing out an issued document: the stored bytes, to whoever may read them."""

from __future__ import annotations

from api.domain.common import audit, scope
from api.domain.common.call import Call
from api.models.documents import Document


async def download(call: Call, document_id: int) -> Document:
    """The document, with its PDF, if the viewer may read it; NOT_FOUND otherwise.

    Every download is on record: who took which number, when, from where; and
    so is every refused one, as the refusals of changes are.
    """
    scope.require_viewer(call)
    document = await Document.get_or_none(id=document_id)
    if document is None or not await scope.may_read_document(
        call,
        document.area,
        document.org_unit_id,
        document.subject_id,
        (document.target_type, document.target_id),
    ):
        error = scope.not_found("DOCUMENT_NOT_FOUND")
        await audit.record_refusal(
            call,
            "document.download",
            str(error.code),
            target_type="Document",
            target_id=document_id,
        )
        raise error
    await audit.record(
        call,
        "document.download",
        target_type="Document",
        target_id=document.id,
        summary={"number": document.number, "sha256": document.sha256},
    )
    return document
