from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.enums import FaceVerdict
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

# Identity at check-in (issue 15): the intake photo and the check-in photos,
# sealed at rest (api/domain/corrections/photos.py).
class Migration(migrations.Migration):
    dependencies = [('models', '0013_monitoring_education')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CheckInPhoto',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('check_in', fields.OneToOneField('models.CheckIn', source_field='check_in_id', db_constraint=True, to_field='id', related_name='photo', on_delete=OnDelete.CASCADE)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='check_in_photos', on_delete=OnDelete.CASCADE)),
                ('sealed', fields.BinaryField(null=True)),
                ('size_bytes', fields.IntField()),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('verdict', fields.CharEnumField(default=FaceVerdict.PENDING, description='PENDING: PENDING\nMATCH: MATCH\nMISMATCH: MISMATCH\nNO_FACE: NO_FACE\nNO_REFERENCE: NO_REFERENCE\nFAILED: FAILED', enum_type=FaceVerdict, max_length=16)),
                ('distance', fields.FloatField(null=True)),
                ('compared_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('claimed_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('attempts', fields.SmallIntField(default=0)),
                ('purged_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'check_in_photo', 'app': 'models', 'indexes': [Index(fields=['verdict', 'id']), Index(fields=['person_id', 'id'])], 'pk_attr': 'id', 'table_description': "The photo a self check-in carried, and the face comparison's verdict."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='IntakePhoto',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('client_id', fields.CharField(unique=True, max_length=36)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='intake_photos', on_delete=OnDelete.CASCADE)),
                ('sealed', fields.BinaryField(null=True)),
                ('size_bytes', fields.IntField()),
                ('taken_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', db_constraint=True, to_field='id', related_name='intake_photos_taken', on_delete=OnDelete.RESTRICT)),
                ('purged_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'intake_photo', 'app': 'models', 'indexes': [Index(fields=['person_id', 'taken_at', 'id'])], 'pk_attr': 'id', 'table_description': 'A photo an officer took of the person, at intake or later: the newest'},
            bases=['Model'],
        ),
    ]
