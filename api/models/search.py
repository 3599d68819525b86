"""The search for a person who lost contact (脱管 查找, 社区矫正法 Art. 30)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import User
from api.models.corrections import SupervisedPerson


class SearchRecord(Model):
    """One absence: opened when the person is marked ABSCONDED, closed with the
    date found when the person is ACTIVE again. The two local dates are kept
    beside the times so that the absence's length in days (for the sanctions
    that count it) does not depend on any later time-zone arithmetic."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="search_records", on_delete=fields.RESTRICT
    )
    person_id: int
    lost_contact_at = fields.DatetimeField()
    lost_on = fields.DateField()
    opened_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="search_records_opened", on_delete=fields.RESTRICT
    )
    opened_by_id: int
    found_at = fields.DatetimeField(null=True)
    found_on = fields.DateField(null=True)
    closed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="search_records_closed", null=True, on_delete=fields.RESTRICT
    )
    closed_by_id: int | None

    class Meta:
        table = "search_record"
        indexes = (("person_id", "lost_contact_at", "id"),)


class SearchAction(Model):
    """What was done to find the person, when and by whom (法 Art. 30: the
    police and others assist; the procuratorate informed where rules ask it)."""

    id = fields.IntField(primary_key=True)
    record: fields.ForeignKeyRelation[SearchRecord] = fields.ForeignKeyField(
        "models.SearchRecord", related_name="actions", on_delete=fields.RESTRICT
    )
    record_id: int
    done_at = fields.DatetimeField()
    description = fields.TextField()
    police_notified = fields.BooleanField(default=False)
    procuratorate_informed = fields.BooleanField(default=False)
    done_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="search_actions", on_delete=fields.RESTRICT
    )
    done_by_id: int
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "search_action"
        indexes = (("record_id", "done_at", "id"),)
