"""The legal-aid procedure around a request (法律援助法 Art. 12-13, 25-26, 41-49, 55):
who may be assigned, missing materials, aid before review, notified cases,
termination, objections, progress and complaints."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.documents import Document
from api.models.enums import (
    AidBeforeReviewGround,
    AidProviderKind,
    ComplaintKind,
    ComplaintStatus,
    LegalAidStatus,
    MaterialsStatus,
    NotifiedGround,
    NotifyingBody,
    ObjectionAgainst,
    ObjectionStatus,
    ProgressKind,
    TerminationGround,
)
from api.models.legal_aid import LegalAidRequest


class AidProvider(Model):
    """What an account may be assigned as (Art. 12-13, 16-17, 26)."""

    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "models.User", related_name="aid_provider", on_delete=fields.CASCADE
    )
    user_id: int
    kind = fields.CharEnumField(AidProviderKind, max_length=20)
    # Art. 13: centre staff only with 律师资格 or 法律职业资格.
    qualified = fields.BooleanField(default=False)
    # The start of the relevant practice (Art. 26: 三年以上相关执业经历).
    practice_since = fields.DateField(null=True)
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="aid_providers_set", null=True, on_delete=fields.SET_NULL
    )
    updated_by_id: int | None
    updated_at = fields.DatetimeField()

    class Meta:
        table = "aid_provider"


class MaterialsRequest(Model):
    """One notice of everything missing (一次性告知, Art. 43 ¶2): while it is
    open the review clock stands still."""

    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="materials_requests", on_delete=fields.CASCADE
    )
    request_id: int
    items: fields.Field[list[str]] = fields.JSONField()
    due_on = fields.DateField()
    requested_at = fields.DatetimeField()
    requested_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="materials_requested", on_delete=fields.RESTRICT
    )
    requested_by_id: int
    status = fields.CharEnumField(MaterialsStatus, max_length=12, default=MaterialsStatus.OPEN)
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "materials_request"
        indexes = (("request_id", "requested_at"), ("status", "due_on"))


class MaterialsSupply(Model):
    """What the applicant sent from the phone: a note and photos."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    request: fields.ForeignKeyRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="materials_supplied", on_delete=fields.CASCADE
    )
    request_id: int
    materials_request: fields.ForeignKeyNullableRelation[MaterialsRequest] = fields.ForeignKeyField(
        "models.MaterialsRequest", related_name="supplies", null=True, on_delete=fields.SET_NULL
    )
    materials_request_id: int | None
    note = fields.TextField(null=True)
    supplied_at = fields.DatetimeField()
    supplied_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="materials_supplies", on_delete=fields.RESTRICT
    )
    supplied_by_id: int

    class Meta:
        table = "materials_supply"
        indexes = (("request_id", "supplied_at"),)


class MaterialsPhoto(Model):
    id = fields.IntField(primary_key=True)
    supply: fields.ForeignKeyRelation[MaterialsSupply] = fields.ForeignKeyField(
        "models.MaterialsSupply", related_name="photos", on_delete=fields.CASCADE
    )
    supply_id: int
    content_type = fields.CharField(max_length=20)
    data = fields.BinaryField()
    sha256 = fields.CharField(max_length=64)
    size_bytes = fields.IntField()

    class Meta:
        table = "materials_photo"
        indexes = (("supply_id", "id"),)


class AidBeforeReview(Model):
    """先行提供 (Art. 44): aid started before the review ended, the paperwork
    follows (Art. 44 ¶2)."""

    id = fields.IntField(primary_key=True)
    request: fields.OneToOneRelation[LegalAidRequest] = fields.OneToOneField(
        "models.LegalAidRequest", related_name="aid_before_review", on_delete=fields.CASCADE
    )
    request_id: int
    ground = fields.CharEnumField(AidBeforeReviewGround, max_length=24)
    note = fields.TextField()
    decided_at = fields.DatetimeField()
    decided_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="aid_before_review_decided", on_delete=fields.RESTRICT
    )
    decided_by_id: int
    paperwork_received_at = fields.DatetimeField(null=True)

    class Meta:
        table = "aid_before_review"


class NotifiedCase(Model):
    """A court, procuratorate or police notice to assign defence counsel (Art. 25, 35-36)."""

    id = fields.IntField(primary_key=True)
    request: fields.OneToOneRelation[LegalAidRequest] = fields.OneToOneField(
        "models.LegalAidRequest", related_name="notified_case", on_delete=fields.CASCADE
    )
    request_id: int
    body_type = fields.CharEnumField(NotifyingBody, max_length=16)
    body_name = fields.CharField(max_length=100)
    body_reference = fields.CharField(max_length=64)
    ground = fields.CharEnumField(NotifiedGround, max_length=24)
    received_at = fields.DatetimeField()

    class Meta:
        table = "notified_case"
        unique_together = (("body_name", "body_reference"),)


class AidTermination(Model):
    """终止法律援助 (Art. 48), with its ground and written decision."""

    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="terminations", on_delete=fields.CASCADE
    )
    request_id: int
    ground = fields.CharEnumField(TerminationGround, max_length=20)
    reason = fields.TextField()
    previous_status = fields.CharEnumField(LegalAidStatus, max_length=20)
    decided_at = fields.DatetimeField()
    decided_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="aid_terminations", on_delete=fields.RESTRICT
    )
    decided_by_id: int
    document: fields.ForeignKeyNullableRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="aid_terminations", null=True, on_delete=fields.RESTRICT
    )
    document_id: int | None

    class Meta:
        table = "aid_termination"
        indexes = (("request_id", "decided_at"),)


class Objection(Model):
    """异议 (Art. 49) to a refusal or a termination, to the justice bureau."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    request: fields.ForeignKeyRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="objections", on_delete=fields.CASCADE
    )
    request_id: int
    # The centre whose decision is objected to, and the bureau that set it up,
    # which decides.
    centre: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="objections_to_centre", on_delete=fields.RESTRICT
    )
    centre_id: int
    bureau: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="objections", on_delete=fields.RESTRICT
    )
    bureau_id: int
    against = fields.CharEnumField(ObjectionAgainst, max_length=12)
    reasons = fields.TextField()
    filed_at = fields.DatetimeField()
    filed_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="objections_filed", on_delete=fields.RESTRICT
    )
    filed_by_id: int
    due_at = fields.DatetimeField()
    status = fields.CharEnumField(ObjectionStatus, max_length=20, default=ObjectionStatus.PENDING)
    decided_at = fields.DatetimeField(null=True)
    decided_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="objections_decided", null=True, on_delete=fields.SET_NULL
    )
    decided_by_id: int | None
    decision_reason = fields.TextField(null=True)

    class Meta:
        table = "objection"
        indexes = (
            ("bureau_id", "status", "due_at"),
            ("centre_id", "status", "due_at"),
            ("request_id", "filed_at"),
        )


class ProgressEntry(Model):
    """What the assignee did or has set (Art. 46 ¶2), seen by the aided person."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    request: fields.ForeignKeyRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="progress", on_delete=fields.CASCADE
    )
    request_id: int
    kind = fields.CharEnumField(ProgressKind, max_length=12)
    happened_on = fields.DateField()
    hearing_at = fields.DatetimeField(null=True)
    note = fields.TextField()
    recorded_at = fields.DatetimeField()
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="progress_recorded", on_delete=fields.RESTRICT
    )
    recorded_by_id: int

    class Meta:
        table = "progress_entry"
        indexes = (("request_id", "happened_on", "id"),)


class Complaint(Model):
    """投诉 or a request to change the assignee (Art. 55), and its outcome."""

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    request: fields.ForeignKeyRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="complaints", on_delete=fields.CASCADE
    )
    request_id: int
    kind = fields.CharEnumField(ComplaintKind, max_length=16)
    reason = fields.TextField()
    filed_at = fields.DatetimeField()
    filed_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="complaints_filed", on_delete=fields.RESTRICT
    )
    filed_by_id: int
    # The assignee complained about, kept when the assignee changes.
    assignee: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="complaints_about", null=True, on_delete=fields.SET_NULL
    )
    assignee_id: int | None
    status = fields.CharEnumField(ComplaintStatus, max_length=12, default=ComplaintStatus.PENDING)
    outcome = fields.TextField(null=True)
    decided_at = fields.DatetimeField(null=True)
    decided_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="complaints_decided", null=True, on_delete=fields.SET_NULL
    )
    decided_by_id: int | None

    class Meta:
        table = "complaint"
        indexes = (("request_id", "filed_at"),)
