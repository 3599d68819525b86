"""The end of supervision: release (解除), termination (终止), revocation proposals
and the deciding body's rulings on them (法 Art. 44-51)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import User
from api.models.corrections import SupervisedPerson
from api.models.documents import Document
from api.models.enums import (
    DecidingBodyType,
    NoticeMethod,
    NoticeRecipient,
    ReleaseGround,
    RevocationKind,
    RulingDecision,
    SupervisionStatus,
    TerminationReason,
)


class RevocationProposal(Model):
    """The office's proposal to revoke 缓刑/假释 (法 Art. 46 ¶3) or to 收监 a
    person on 暂予监外执行 (法 Art. 49 ¶1), with its reasons and evidence."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="revocation_proposals", on_delete=fields.RESTRICT
    )
    person_id: int
    kind = fields.CharEnumField(RevocationKind, max_length=24)
    facts = fields.TextField()
    deciding_body_type = fields.CharEnumField(DecidingBodyType, max_length=16)
    deciding_body = fields.CharField(max_length=100)
    proposed_on = fields.DateField()
    # The day the deciding body received it (送达): its 30 days run from here
    # (法 Art. 48 ¶1, 49 ¶2: 收到建议书后三十日内).
    received_on = fields.DateField()
    # The copy to the procuratorate (法 Art. 46 ¶3, 49 ¶1: 抄送人民检察院).
    procuratorate_copied_on = fields.DateField(null=True)
    proposed_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="revocation_proposals", on_delete=fields.RESTRICT
    )
    proposed_by_id: int
    created_at = fields.DatetimeField()
    # Set once the ruling on it is recorded; at most one open proposal a person.
    decided = fields.BooleanField(default=False)

    class Meta:
        table = "revocation_proposal"
        indexes = (("person_id", "id"),)


class CourtRuling(Model):
    """The deciding body's ruling or decision on revocation or 收监 (法 Art. 48-49),
    or a court's revocation on a new crime with no proposal (法 Art. 46 ¶2)."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="court_rulings", on_delete=fields.RESTRICT
    )
    person_id: int
    proposal: fields.ForeignKeyNullableRelation[RevocationProposal] = fields.ForeignKeyField(
        "models.RevocationProposal",
        related_name="ruling",
        null=True,
        unique=True,
        on_delete=fields.RESTRICT,
    )
    proposal_id: int | None
    kind = fields.CharEnumField(RevocationKind, max_length=24)
    decision = fields.CharEnumField(RulingDecision, max_length=8)
    deciding_body_type = fields.CharEnumField(DecidingBodyType, max_length=16)
    deciding_body = fields.CharField(max_length=100)
    document_number = fields.CharField(max_length=64)
    decided_on = fields.DateField()
    # Decided after the 30 days from receipt (法 Art. 48 ¶1, 49 ¶2).
    overdue = fields.BooleanField(default=False)
    note = fields.TextField(null=True)
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="recorded_rulings", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "court_ruling"
        indexes = (("person_id", "id"),)


class SupervisionEnd(Model):
    """How one person's supervision ended: released or terminated, once."""

    id = fields.IntField(primary_key=True)
    person: fields.OneToOneRelation[SupervisedPerson] = fields.OneToOneField(
        "models.SupervisedPerson", related_name="supervision_end", on_delete=fields.RESTRICT
    )
    person_id: int
    # RELEASED or TERMINATED: the status it set.
    outcome = fields.CharEnumField(SupervisionStatus, max_length=16)
    release_ground = fields.CharEnumField(ReleaseGround, max_length=16, null=True)
    termination_reason = fields.CharEnumField(TerminationReason, max_length=16, null=True)
    # The pardon or court decision a release before termEnd rests on.
    ground_document = fields.CharField(max_length=100, null=True)
    ended_on = fields.DateField()
    certificate: fields.ForeignKeyNullableRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="supervision_ends", null=True, on_delete=fields.RESTRICT
    )
    certificate_id: int | None
    ruling: fields.ForeignKeyNullableRelation[CourtRuling] = fields.ForeignKeyField(
        "models.CourtRuling", related_name="supervision_ends", null=True, on_delete=fields.RESTRICT
    )
    ruling_id: int | None
    note = fields.TextField(null=True)
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="recorded_ends", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "supervision_end"


class EndNotice(Model):
    """One notice of a release or a death to the deciding body, the
    procuratorate or the police (法 Art. 44, 51): to whom, when, how."""

    id = fields.IntField(primary_key=True)
    end: fields.ForeignKeyRelation[SupervisionEnd] = fields.ForeignKeyField(
        "models.SupervisionEnd", related_name="notices", on_delete=fields.RESTRICT
    )
    end_id: int
    recipient = fields.CharEnumField(NoticeRecipient, max_length=16)
    recipient_name = fields.CharField(max_length=100)
    sent_on = fields.DateField()
    method = fields.CharEnumField(NoticeMethod, max_length=16)

    class Meta:
        table = "end_notice"
        unique_together = (("end_id", "recipient"),)
