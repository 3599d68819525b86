"""Violations, sanctions and praise of a supervised person (考核奖惩, 社区矫正法 Art. 28)."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import User
from api.models.corrections import SupervisedPerson
from api.models.documents import Document
from api.models.leave import LeaveRequest
from api.models.search import SearchRecord
from api.models.supervision_end import RevocationProposal


class ViolationKind(StrEnum):
    # 不按规定时间报到: days late for the intake report (实施办法 Art. 34 (一)).
    LATE_REPORT = "LATE_REPORT"
    # 脱离监管: days absconded, from the search record (法 Art. 30).
    ABSCONDED = "ABSCONDED"
    # A periodic report missed (违反关于报告的规定), recorded by the app.
    MISSED_REPORT = "MISSED_REPORT"
    # Back after the leave ended (违反关于外出的规定), recorded by the app.
    LATE_RETURN = "LATE_RETURN"
    # Other breaches of the supervision rules, by the gravity of the facts.
    MINOR_BREACH = "MINOR_BREACH"  # 情节轻微
    SERIOUS_BREACH = "SERIOUS_BREACH"  # 情节较重
    GRAVE_BREACH = "GRAVE_BREACH"  # 情节严重


class SanctionMeasure(StrEnum):
    """The ladder of 法 Art. 28 the office works with: 训诫 < 警告 < a proposal to revoke."""

    ADMONITION = "ADMONITION"  # 训诫
    WARNING = "WARNING"  # 警告
    REVOCATION_PROPOSAL = "REVOCATION_PROPOSAL"  # 提请撤销缓刑、假释 / 收监执行


class SanctionStatus(StrEnum):
    PROPOSED = "PROPOSED"
    APPROVED = "APPROVED"
    REFUSED = "REFUSED"


class Sanction(Model):
    """The office's proposal of a measure and the county body's decision on it."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="sanctions", on_delete=fields.RESTRICT
    )
    person_id: int
    measure = fields.CharEnumField(SanctionMeasure, max_length=24)
    # What the record suggested (api/domain/corrections/sanction_rules.py);
    # a measure other than it carries the officer's reason.
    suggested_measure = fields.CharEnumField(SanctionMeasure, max_length=24)
    override_reason = fields.TextField(null=True)
    facts = fields.TextField()
    status = fields.CharEnumField(SanctionStatus, max_length=16, default="PROPOSED")
    proposed_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sanctions_proposed", on_delete=fields.RESTRICT
    )
    proposed_by_id: int
    proposed_at = fields.DatetimeField()
    decided_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sanctions_decided", null=True, on_delete=fields.RESTRICT
    )
    decided_by_id: int | None
    decided_at = fields.DatetimeField(null=True)
    decided_on = fields.DateField(null=True)
    decision_note = fields.TextField(null=True)
    document: fields.ForeignKeyNullableRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="sanctions", null=True, on_delete=fields.RESTRICT
    )
    document_id: int | None
    revocation_proposal: fields.ForeignKeyNullableRelation[RevocationProposal] = (
        fields.ForeignKeyField(
            "models.RevocationProposal",
            related_name="sanctions",
            null=True,
            on_delete=fields.RESTRICT,
        )
    )
    revocation_proposal_id: int | None

    class Meta:
        table = "sanction"
        indexes = (("person_id", "id"), ("person_id", "status", "measure"))


class Violation(Model):
    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="violations", on_delete=fields.RESTRICT
    )
    person_id: int
    kind = fields.CharEnumField(ViolationKind, max_length=16)
    occurred_on = fields.DateField()
    facts = fields.TextField()
    # Days late or absconded, for the kinds counted in days.
    days = fields.SmallIntField(null=True)
    leave: fields.ForeignKeyNullableRelation[LeaveRequest] = fields.ForeignKeyField(
        "models.LeaveRequest", related_name="violations", null=True, on_delete=fields.RESTRICT
    )
    leave_id: int | None
    search_record: fields.ForeignKeyNullableRelation[SearchRecord] = fields.ForeignKeyField(
        "models.SearchRecord", related_name="violations", null=True, on_delete=fields.RESTRICT
    )
    search_record_id: int | None
    # What the app records itself is recorded once per cause ("leave:12").
    source_key = fields.CharField(max_length=80, null=True, unique=True)
    # None: recorded by the app itself.
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="violations_recorded", null=True, on_delete=fields.RESTRICT
    )
    recorded_by_id: int | None
    recorded_at = fields.DatetimeField()
    # The suggestion as the record stood when it was recorded (two 训诫
    # before it, and so on): the basis's key of sanction_rules.THRESHOLDS.
    suggested_measure = fields.CharEnumField(SanctionMeasure, max_length=24)
    suggestion_basis = fields.CharField(max_length=24)
    sanction: fields.ForeignKeyNullableRelation[Sanction] = fields.ForeignKeyField(
        "models.Sanction", related_name="violations", null=True, on_delete=fields.SET_NULL
    )
    sanction_id: int | None

    class Meta:
        table = "violation"
        indexes = (("person_id", "occurred_on", "id"),)


class Praise(Model):
    """表扬: 法 Art. 28 ¶1 「表现突出的，应当给予表扬」."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="praises", on_delete=fields.RESTRICT
    )
    person_id: int
    praised_on = fields.DateField()
    facts = fields.TextField()
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="praises_recorded", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "praise"
        indexes = (("person_id", "praised_on", "id"),)
