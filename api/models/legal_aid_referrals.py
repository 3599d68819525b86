"""Legal-aid requests started by someone else for a person, awaiting the person's confirmation.

An officer for a supervised person (社区矫正法 Art. 43), a mediator for a
party of a failed mediation (人民调解法 Art. 26), staff from a consultation
(法律援助法 Art. 23). The application is the person's own: it becomes a
LegalAidRequest, and its decision clock starts (法律援助法 Art. 43), only
when the person confirms it.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.enums import LegalAidMatter
from api.models.legal_aid import LegalAidRequest


class ReferralSource(StrEnum):
    CORRECTIONS = "CORRECTIONS"  # a supervised person (社区矫正法 Art. 43)
    MEDIATION = "MEDIATION"  # a party of a failed mediation (人民调解法 Art. 26)
    CONSULTATION = "CONSULTATION"  # the asker of a consultation (法律援助法 Art. 23)


class ReferralStatus(StrEnum):
    AWAITING_CONFIRMATION = "AWAITING_CONFIRMATION"
    CONFIRMED = "CONFIRMED"
    DECLINED = "DECLINED"


class ConfirmationMethod(StrEnum):
    IN_APP = "IN_APP"  # the person, from their own phone
    SIGNED_PAPER = "SIGNED_PAPER"  # staff record a signed confirmation


class LegalAidReferral(Model):
    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    source = fields.CharEnumField(ReferralSource, max_length=12)
    # The supervised person's, the dispute's or the consultation's id.
    source_id = fields.IntField()
    referred_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="legal_aid_referrals_made", on_delete=fields.RESTRICT
    )
    referred_by_id: int
    referred_at = fields.DatetimeField()
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="legal_aid_referrals", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    # The person's own account, when they have one: they confirm from it.
    person_account: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="legal_aid_referrals", null=True, on_delete=fields.SET_NULL
    )
    person_account_id: int | None
    person_name = fields.CharField(max_length=50)
    person_phone = fields.CharField(max_length=20)
    person_id_number = fields.CharField(max_length=18, null=True)
    matter = fields.CharEnumField(LegalAidMatter, max_length=24)
    special_groups: fields.Field[list[str]] = fields.JSONField(default=list)
    description = fields.TextField()
    household_size = fields.SmallIntField()
    monthly_household_income = fields.DecimalField(max_digits=12, decimal_places=2)
    limitation_deadline = fields.DateField(null=True)
    status = fields.CharEnumField(ReferralStatus, max_length=24)
    answered_at = fields.DatetimeField(null=True)
    answered_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User",
        related_name="legal_aid_referrals_answered",
        null=True,
        on_delete=fields.SET_NULL,
    )
    answered_by_id: int | None
    method = fields.CharEnumField(ConfirmationMethod, max_length=12, null=True)
    note: str | None = fields.TextField(null=True)
    request: fields.ForeignKeyNullableRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="referrals", null=True, on_delete=fields.SET_NULL
    )
    request_id: int | None

    class Meta:
        table = "legal_aid_referral"
        indexes = (
            ("org_unit_id", "status", "referred_at"),
            ("person_account_id", "referred_at"),
            ("referred_by_id", "referred_at"),
        )
