"""Intake (入矫): the deciding body's notice before the person arrives, and the intake itself."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.enums import DecidingBodyType


class PendingIntake(Model):
    """One person's intake, from the notice (法 Art. 20) to the 宣告 (法 Art. 22).

    The person's own row (SupervisedPerson, status PENDING_INTAKE until the
    intake) holds who they are; this row holds where the case comes from,
    the statutory dates and what was done at the intake.
    """

    id = fields.IntField(primary_key=True)
    person: fields.OneToOneRelation[SupervisedPerson] = fields.OneToOneField(
        "models.SupervisedPerson", related_name="intake", on_delete=fields.RESTRICT
    )
    person_id: int
    # The receiving office, kept here too so the pending list is one index range.
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="intakes", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    deciding_body_type = fields.CharEnumField(DecidingBodyType, max_length=16)
    deciding_body = fields.CharField(max_length=100)
    document_number = fields.CharField(max_length=64)
    # The day the judgment, ruling or decision took effect (法 Art. 20-21).
    effective_on = fields.DateField()
    # 暂予监外执行 only: the day the transferring body received the decision (法 Art. 21 ¶2-3).
    decision_received_on = fields.DateField(null=True)
    # The last day to report or be handed over, and the moment it ends (China time).
    report_due_on = fields.DateField()
    report_due_at = fields.DatetimeField()
    notice_due_on = fields.DateField()
    documents_due_on = fields.DateField()
    notified_at = fields.DatetimeField(null=True)
    documents_received_at = fields.DatetimeField(null=True)
    registered_at = fields.DatetimeField()
    registered_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="registered_intakes", on_delete=fields.RESTRICT
    )
    registered_by_id: int
    # When the 漏管 alert went out: the deadline passed with nobody taken in.
    missed_at = fields.DatetimeField(null=True)
    # --- the intake (confirmIntake); NULL until then
    # Made on the officer's device; unique so a replay stores nothing new.
    client_id = fields.CharField(max_length=36, null=True, unique=True)
    arrived_at = fields.DatetimeField(null=True)
    confirmed_at = fields.DatetimeField(null=True)
    confirmed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="confirmed_intakes", null=True, on_delete=fields.RESTRICT
    )
    confirmed_by_id: int | None
    arrived_late = fields.BooleanField(null=True)
    identity_checked = fields.BooleanField(default=False)
    documents_checked = fields.BooleanField(default=False)
    file_opened = fields.BooleanField(default=False)
    announced_at = fields.DatetimeField(null=True)
    announcement_attendees: fields.Field[list[str] | None] = fields.JSONField(null=True)
    announced_items: fields.Field[list[str] | None] = fields.JSONField(null=True)

    class Meta:
        table = "pending_intake"
        indexes = (
            # The pending list: not yet confirmed, per office, nearest deadline first.
            ("confirmed_at", "org_unit_id", "report_due_at", "id"),
            # The reminder rules walk the unconfirmed ones by deadline.
            ("confirmed_at", "report_due_at"),
        )
