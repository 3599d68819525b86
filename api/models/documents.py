"""Printable documents as issued (numbered by api/domain/references.py's counters)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.enums import DocumentArea


class Document(Model):
    """One issued document: its number and the very PDF that was handed out.

    An issued legal document never changes: nothing updates a row, and the
    SHA-256 of the bytes is also in the audit entry that recorded the issue.
    """

    id = fields.IntField(primary_key=True)
    area = fields.CharEnumField(DocumentArea, max_length=16)
    # The kind's code (api/domain/documents/kinds.py), e.g. CORR_RELEASE; also
    # the kind of its reference counter, so at most 16 characters.
    kind = fields.CharField(max_length=16)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="documents", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    year = fields.SmallIntField()
    seq = fields.IntField()
    # As printed: 青山司矫解字〔2026〕第3号.
    number = fields.CharField(max_length=64)
    title = fields.CharField(max_length=100)
    # What the document is about, as the audit log names targets.
    target_type = fields.CharField(max_length=48)
    target_id = fields.CharField(max_length=64)
    # The account the document is about (the released person, the applicant),
    # who may read it where its area allows; None when it names no account.
    subject: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="documents_about", null=True, on_delete=fields.RESTRICT
    )
    subject_id: int | None
    issued_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="documents_issued", on_delete=fields.RESTRICT
    )
    issued_by_id: int
    issued_at = fields.DatetimeField()
    pdf = fields.BinaryField()
    sha256 = fields.CharField(max_length=64)

    class Meta:
        table = "document"
        # The backstop of numbering: one number is never given twice.
        unique_together = (("org_unit_id", "kind", "year", "seq"),)
        indexes = (("target_type", "target_id"),)
