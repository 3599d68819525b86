"""Mediation agreements (调解协议): their terms, signatures and judicial confirmation."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import User
from api.models.documents import Document
from api.models.mediation import Dispute


class AgreementForm(StrEnum):
    """人民调解法 Art. 28: a 调解协议书, or an oral agreement the mediator records."""

    WRITTEN = "WRITTEN"
    ORAL = "ORAL"


class StatusMatter(StrEnum):
    """What an agreement settles of a personal status, which no court confirms
    (最高人民法院关于人民调解协议司法确认程序的若干规定 2011, Art. 4)."""

    IDENTITY = "IDENTITY"  # 身份关系
    ADOPTION = "ADOPTION"  # 收养关系
    MARRIAGE = "MARRIAGE"  # 婚姻关系


class SignerKind(StrEnum):
    PARTY = "PARTY"
    MEDIATOR = "MEDIATOR"


class SignatureMethod(StrEnum):
    """人民调解法 Art. 29: 签名、盖章或者按指印; kept as a drawn signature or a
    photo of the fingerprint (or of the seal) on the paper."""

    SIGNATURE = "SIGNATURE"
    FINGERPRINT = "FINGERPRINT"


class ConfirmationStatus(StrEnum):
    APPLIED = "APPLIED"
    ACCEPTED = "ACCEPTED"
    NOT_ACCEPTED = "NOT_ACCEPTED"
    CONFIRMED = "CONFIRMED"
    NOT_CONFIRMED = "NOT_CONFIRMED"


class ConfirmationStep(StrEnum):
    """A step of the judicial confirmation as it is recorded."""

    APPLIED = "APPLIED"
    ACCEPTED = "ACCEPTED"
    NOT_ACCEPTED = "NOT_ACCEPTED"
    EXTENDED = "EXTENDED"
    CONFIRMED = "CONFIRMED"
    NOT_CONFIRMED = "NOT_CONFIRMED"


class MediationAgreement(Model):
    """One agreement per dispute. Its effective moment is computed from the
    signatures and the seal (written) or is the moment agreed (oral)."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    dispute: fields.OneToOneRelation[Dispute] = fields.OneToOneField(
        "models.Dispute", related_name="agreement", on_delete=fields.RESTRICT
    )
    dispute_id: int
    form = fields.CharEnumField(AgreementForm, max_length=8)
    status_matter = fields.CharEnumField(StatusMatter, max_length=16, null=True)
    # [{name, role, phone, address}], in the order the agreement names them.
    parties: fields.Field[list[dict[str, str | None]]] = fields.JSONField(default=list)
    facts = fields.TextField()
    responsibilities = fields.TextField()
    agreed_at = fields.DatetimeField()
    sealed_at = fields.DatetimeField(null=True)
    effective_at = fields.DatetimeField(null=True)
    effective_on = fields.DateField(null=True)
    # The last day to apply for judicial confirmation; None when no court
    # would confirm it (a status matter).
    confirmation_due_on = fields.DateField(null=True)
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="agreements_recorded", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    recorded_at = fields.DatetimeField()
    document: fields.ForeignKeyNullableRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="agreements", null=True, on_delete=fields.RESTRICT
    )
    document_id: int | None
    confirmation_status = fields.CharEnumField(ConfirmationStatus, max_length=16, null=True)
    confirmation_court = fields.CharField(max_length=100, null=True)
    confirmation_applied_on = fields.DateField(null=True)
    confirmation_accepted_on = fields.DateField(null=True)
    confirmation_extended = fields.BooleanField(default=False)
    confirmation_ruled_on = fields.DateField(null=True)
    confirmation_case_number = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "mediation_agreement"
        indexes = (("recorded_at", "id"), ("confirmation_due_on", "confirmation_status"))


class AgreementTerm(Model):
    """One thing a party undertakes (人民调解法 Art. 29 (三)): what, how, by when."""

    id = fields.IntField(primary_key=True)
    agreement: fields.ForeignKeyRelation[MediationAgreement] = fields.ForeignKeyField(
        "models.MediationAgreement", related_name="terms", on_delete=fields.CASCADE
    )
    agreement_id: int
    position = fields.SmallIntField()
    obligor = fields.CharField(max_length=50)
    content = fields.TextField()
    way = fields.CharField(max_length=200)
    due_on = fields.DateField()
    performed_on = fields.DateField(null=True)
    performed_note = fields.TextField(null=True)
    performed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="terms_marked", null=True, on_delete=fields.RESTRICT
    )
    performed_by_id: int | None

    class Meta:
        table = "agreement_term"
        unique_together = (("agreement_id", "position"),)
        indexes = (("due_on", "performed_on"),)


class AgreementSignature(Model):
    """A party's or the mediator's signature, as it happened, sent from the device."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    agreement: fields.ForeignKeyRelation[MediationAgreement] = fields.ForeignKeyField(
        "models.MediationAgreement", related_name="signatures", on_delete=fields.CASCADE
    )
    agreement_id: int
    # "party:0", "party:1", ... or "mediator": one signature each.
    slot = fields.CharField(max_length=16)
    signer_kind = fields.CharEnumField(SignerKind, max_length=8)
    signer_name = fields.CharField(max_length=50)
    method = fields.CharEnumField(SignatureMethod, max_length=12)
    image = fields.BinaryField()
    image_type = fields.CharField(max_length=16)
    signed_at = fields.DatetimeField()
    received_at = fields.DatetimeField()
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="signatures_recorded", on_delete=fields.RESTRICT
    )
    recorded_by_id: int

    class Meta:
        table = "agreement_signature"
        unique_together = (("agreement_id", "slot"),)
