"""Identity at check-in: the photo taken at intake and the photo of each self check-in.

Both are sensitive personal information (个人信息保护法 Art. 28, biometric):
the bytes are sealed (AES-256-GCM, api/domain/corrections/photos.py) with a key
kept in the data directory, not in the database, and deleted after the term
plus the retention the settings name (Art. 19); the row stays, with
`purged_at`, so the record shows a photo was taken and when it went.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from api.models.accounts import User
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import FaceVerdict


class IntakePhoto(Model):
    """A photo an officer took of the person, at intake or later: the newest
    is the one check-in photos are compared with."""

    id = fields.IntField(primary_key=True)
    # Made on the officer's phone; unique so a replay stores nothing new.
    client_id = fields.CharField(max_length=36, unique=True)
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="intake_photos", on_delete=fields.CASCADE
    )
    person_id: int
    # Nonce, ciphertext and tag; NULL once deleted after the retention.
    sealed = fields.BinaryField(null=True)
    size_bytes = fields.IntField()
    taken_at = fields.DatetimeField()
    recorded_at = fields.DatetimeField()
    recorded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="intake_photos_taken", on_delete=fields.RESTRICT
    )
    recorded_by_id: int
    purged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "intake_photo"
        indexes = (("person_id", "taken_at", "id"),)


class CheckInPhoto(Model):
    """The photo a self check-in carried, and the face comparison's verdict."""

    id = fields.BigIntField(primary_key=True)
    check_in: fields.OneToOneRelation[CheckIn] = fields.OneToOneField(
        "models.CheckIn", related_name="photo", on_delete=fields.CASCADE
    )
    check_in_id: int
    person: fields.ForeignKeyRelation[SupervisedPerson] = fields.ForeignKeyField(
        "models.SupervisedPerson", related_name="check_in_photos", on_delete=fields.CASCADE
    )
    person_id: int
    sealed = fields.BinaryField(null=True)
    size_bytes = fields.IntField()
    received_at = fields.DatetimeField()
    verdict = fields.CharEnumField(FaceVerdict, max_length=16, default=FaceVerdict.PENDING)
    # dlib's face distance to the intake photo (0 the same, 0.6 the usual
    # threshold); a hint, never a ground on its own.
    distance = fields.FloatField(null=True)
    compared_at = fields.DatetimeField(null=True)
    # A worker's claim on a PENDING row: another worker leaves it until then.
    claimed_until = fields.DatetimeField(null=True)
    attempts = fields.SmallIntField(default=0)
    purged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "check_in_photo"
        indexes = (("verdict", "id"), ("person_id", "id"))
