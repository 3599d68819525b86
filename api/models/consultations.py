"""Legal consultations (法律咨询, 12348): the register of questions asked and answered.

The most frequent service of a justice office and of the 12348 hotline is a
consultation, not a case (法律援助法 Art. 22(1), Art. 23).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.mediation import Dispute


class ConsultationChannel(StrEnum):
    """Art. 23: by the service window, by phone, by the network."""

    WALK_IN = "WALK_IN"  # 服务窗口
    PHONE = "PHONE"  # 电话 (12348)
    ONLINE = "ONLINE"  # 网络: asked from the PWA


class ConsultationCategory(StrEnum):
    MARRIAGE_FAMILY = "MARRIAGE_FAMILY"
    LABOR = "LABOR"
    LAND_PROPERTY = "LAND_PROPERTY"
    CONTRACT_DEBT = "CONTRACT_DEBT"
    PERSONAL_INJURY = "PERSONAL_INJURY"
    TRAFFIC = "TRAFFIC"
    SOCIAL_SECURITY = "SOCIAL_SECURITY"
    CRIMINAL = "CRIMINAL"
    ADMINISTRATIVE = "ADMINISTRATIVE"
    OTHER = "OTHER"


class ReferralTarget(StrEnum):
    MEDIATION = "MEDIATION"  # a dispute registered for mediation
    LEGAL_AID = "LEGAL_AID"  # a legal-aid request for the asker to confirm
    OTHER_BODY = "OTHER_BODY"  # another body (a court, the labour arbitration, ...), recorded


class Consultation(Model):
    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    channel = fields.CharEnumField(ConsultationChannel, max_length=8)
    category = fields.CharEnumField(ConsultationCategory, max_length=16)
    # The unit that answers: a justice office, a legal-aid centre (12348).
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="consultations", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    # The public account that asked online; null for a walk-in or a call.
    asker: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="consultations_asked", null=True, on_delete=fields.SET_NULL
    )
    asker_id: int | None
    asker_name = fields.CharField(max_length=50, null=True)
    asker_phone = fields.CharField(max_length=20, null=True)
    question = fields.TextField()
    # Who wrote it down: staff for a walk-in or a call, the asker online.
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="consultations_recorded", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    asked_at = fields.DatetimeField()  # the device's time
    received_at = fields.DatetimeField()  # the server's
    answer = fields.TextField(null=True)
    answered_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="consultations_answered", null=True, on_delete=fields.SET_NULL
    )
    answered_by_id: int | None
    answered_at = fields.DatetimeField(null=True)
    referred_to = fields.CharEnumField(ReferralTarget, max_length=12, null=True)
    referred_at = fields.DatetimeField(null=True)
    referred_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="consultations_referred", null=True, on_delete=fields.SET_NULL
    )
    referred_by_id: int | None
    # OTHER_BODY: the body's name; the others: what the referral made.
    referral_body = fields.CharField(max_length=100, null=True)
    referral_dispute: fields.ForeignKeyNullableRelation[Dispute] = fields.ForeignKeyField(
        "models.Dispute", related_name="from_consultations", null=True, on_delete=fields.SET_NULL
    )
    referral_dispute_id: int | None

    class Meta:
        table = "consultation"
        indexes = (
            ("org_unit_id", "asked_at", "id"),
            ("asker_id", "asked_at", "id"),
            ("org_unit_id", "category"),
        )
