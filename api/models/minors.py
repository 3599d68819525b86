"""Minors under correction (社区矫正法 Art. 52-58): guardian, school, and the
staff designated to know the minor's identity (Art. 54)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import User
from api.models.corrections import SupervisedPerson


class MinorDetails(Model):
    """The guardian (法 Art. 53) and the school (法 Art. 55) of a minor case."""

    id = fields.IntField(primary_key=True)
    person: fields.OneToOneRelation[SupervisedPerson] = fields.OneToOneField(
        "models.SupervisedPerson", related_name="minor_details", on_delete=fields.CASCADE
    )
    person_id: int
    guardian_name = fields.CharField(max_length=50, null=True)
    guardian_relation = fields.CharField(max_length=20, null=True)
    guardian_phone = fields.CharField(max_length=20, null=True)
    school = fields.CharField(max_length=100, null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "minor_details"


class MinorCaseStaff(Model):
    """A staff account designated to see a minor's identity (法 Art. 54), beside
    the assigned officer; designated by a supervisor, each change audited."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="minor_case_staff", on_delete=fields.CASCADE
    )
    person_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="minor_cases", on_delete=fields.CASCADE
    )
    user_id: int
    designated_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="minor_designations_made", on_delete=fields.RESTRICT
    )
    designated_by_id: int
    designated_at = fields.DatetimeField()

    class Meta:
        table = "minor_case_staff"
        unique_together = (("person_id", "user_id"),)
        # The caseload's name search asks "designated for whom?" per viewer.
        indexes = (("user_id", "person_id"),)
