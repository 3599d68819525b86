"""Legal aid (法律援助): hardship standards, requests, their status history."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import OrgUnit, User
from api.models.enums import HardshipArea, LegalAidMatter, LegalAidStatus


class HardshipStandard(Model):
    """Monthly income per person under which a household counts as in hardship.

    A table with effective dates because provinces adjust it (法律援助法 Art. 34).
    """

    id = fields.IntField(primary_key=True)
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="hardship_standards", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    # The urban amount (the only one before standards had two).
    monthly_income_per_capita = fields.DecimalField(max_digits=12, decimal_places=2)
    # Provinces set rural standards apart from urban ones (Art. 34); migration
    # 0017 gave the rows from before their one amount in both. Null only where
    # a row was written without it: the urban amount then applies to both.
    rural_monthly_income_per_capita = fields.DecimalField(
        max_digits=12, decimal_places=2, null=True
    )
    effective_from = fields.DateField()
    set_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="hardship_standards_set", null=True, on_delete=fields.SET_NULL
    )
    set_by_id: int | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "hardship_standard"
        unique_together = (("org_unit_id", "effective_from"),)


class LegalAidRequest(Model):
    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=36, unique=True)
    reference_number = fields.CharField(max_length=40)
    reference_year = fields.SmallIntField()
    reference_seq = fields.IntField()
    # The APPLICANT account the request belongs to; null for intake on behalf
    # of someone without an account.
    applicant: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="legal_aid_requests", null=True, on_delete=fields.SET_NULL
    )
    applicant_id: int | None
    filed_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="filed_legal_aid_requests", on_delete=fields.RESTRICT
    )
    filed_by_id: int
    applicant_name = fields.CharField(max_length=50)
    applicant_phone = fields.CharField(max_length=20)
    applicant_id_number = fields.CharField(max_length=18, null=True)
    matter = fields.CharEnumField(LegalAidMatter, max_length=24)
    special_groups: fields.Field[list[str]] = fields.JSONField(default=list)
    description = fields.TextField()
    household_size = fields.SmallIntField()
    monthly_household_income = fields.DecimalField(max_digits=12, decimal_places=2)
    eligible = fields.BooleanField()
    exempt = fields.BooleanField()
    income_per_capita = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    threshold = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    eligibility_reason = fields.TextField()
    status = fields.CharEnumField(LegalAidStatus, max_length=16, default="SUBMITTED")
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="legal_aid_requests", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    submitted_at = fields.DatetimeField()
    decision_due_at = fields.DatetimeField()
    decided_at = fields.DatetimeField(null=True)
    decision_reason = fields.TextField(null=True)
    assignment_due_at = fields.DatetimeField(null=True)
    assignee: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assigned_legal_aid", null=True, on_delete=fields.SET_NULL
    )
    assignee_id: int | None
    limitation_deadline = fields.DateField(null=True)
    # Which amount of the standard applies (urban or rural residence, Art. 34).
    hardship_area = fields.CharEnumField(
        HardshipArea, max_length=8, default=HardshipArea.URBAN, db_default="URBAN"
    )
    # The grounds claimed for aid without the hardship review (Art. 32, 42),
    # the evidence named for them, or the applicant's personal pledge (Art. 41).
    exemption_grounds: fields.Field[list[str]] = fields.JSONField(default=list)
    exemption_evidence = fields.TextField(null=True)
    pledge = fields.BooleanField(default=False, db_default=False)
    # A defendant who may be sentenced to life or death, or a death-penalty
    # review: only a lawyer of 3 years' relevant practice (Art. 26).
    life_or_death = fields.BooleanField(default=False, db_default=False)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "legal_aid_request"
        unique_together = (("org_unit_id", "reference_year", "reference_seq"),)
        indexes = (
            ("org_unit_id", "status", "decision_due_at"),
            ("applicant_id", "submitted_at"),
            ("assignee_id", "status"),
        )


class LegalAidStatusChange(Model):
    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[LegalAidRequest] = fields.ForeignKeyField(
        "models.LegalAidRequest", related_name="history", on_delete=fields.CASCADE
    )
    request_id: int
    from_status = fields.CharEnumField(LegalAidStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(LegalAidStatus, max_length=16)
    at = fields.DatetimeField()
    by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="legal_aid_changes", null=True, on_delete=fields.SET_NULL
    )
    by_id: int | None
    note = fields.TextField(null=True)

    class Meta:
        table = "legal_aid_status_change"
        indexes = (("request_id", "at", "id"),)
