from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.enums import PlaceReference
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0022_released_account')]

    initial = False

    operations = [
        ops.AddField(
            model_name='OrgUnit',
            name='latitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='OrgUnit',
            name='longitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='SupervisedPerson',
            name='residence_latitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='SupervisedPerson',
            name='residence_longitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='CheckIn',
            name='distance_meters',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='CheckIn',
            name='distance_from',
            field=fields.CharEnumField(null=True, description='RESIDENCE: RESIDENCE\nOFFICE: OFFICE', enum_type=PlaceReference, max_length=16),
        ),
        ops.AddField(
            model_name='CheckIn',
            name='distance_limit_meters',
            field=fields.IntField(null=True),
        ),
        ops.CreateModel(
            name='DistanceLimitStandard',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='distance_limit_standards', on_delete=OnDelete.RESTRICT)),
                ('effective_from', fields.DateField()),
                ('limit_meters', fields.IntField()),
                ('set_by', fields.ForeignKeyField('models.User', source_field='set_by_id', null=True, db_constraint=True, to_field='id', related_name='distance_limit_standards_set', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'distance_limit_standard', 'app': 'models', 'unique_together': (('org_unit_id', 'effective_from'),), 'pk_attr': 'id', 'table_description': 'How far from the residence (or the office) a check-in may be before it'},
            bases=['Model'],
        ),
    ]
