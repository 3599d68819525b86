from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index
from datetime import date

from api.domain.corrections.minors import minor_at_start


async def mark_minor_cases(apps, schema_editor):
    """Persons enrolled before this migration: a minor case if under 18 when
    the term started (社区矫正法 Art. 58), decided here once, as at enrolment."""
    client = schema_editor.client
    _, rows = await client.execute_query("SELECT id, id_number, term_start FROM supervised_person")
    def start(value):  # SQLite answers a DATE as its text
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    minors = [
        row["id"] for row in rows if minor_at_start(row["id_number"], start(row["term_start"]))
    ]
    sqlite = client.capabilities.dialect == "sqlite"
    for person_id in minors:
        mark = "?" if sqlite else "$1"
        await client.execute_query(
            f"UPDATE supervised_person SET minor_at_start = TRUE WHERE id = {mark}", [person_id]
        )


async def forget_minor_cases(apps, schema_editor):
    """The column goes with the migration's other operations: nothing to undo."""


class Migration(migrations.Migration):
    dependencies = [('models', '0009_release_revocation')]

    initial = False

    operations = [
        ops.CreateModel(
            name='MinorCaseStaff',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='minor_case_staff', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='minor_cases', on_delete=OnDelete.CASCADE)),
                ('designated_by', fields.ForeignKeyField('models.User', source_field='designated_by_id', db_constraint=True, to_field='id', related_name='minor_designations_made', on_delete=OnDelete.RESTRICT)),
                ('designated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'minor_case_staff', 'app': 'models', 'unique_together': (('person_id', 'user_id'),), 'indexes': [Index(fields=['user_id', 'person_id'])], 'pk_attr': 'id', 'table_description': "A staff account designated to see a minor's identity (法 Art. 54), beside"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MinorDetails',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.OneToOneField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='minor_details', on_delete=OnDelete.CASCADE)),
                ('guardian_name', fields.CharField(null=True, max_length=50)),
                ('guardian_relation', fields.CharField(null=True, max_length=20)),
                ('guardian_phone', fields.CharField(null=True, max_length=20)),
                ('school', fields.CharField(null=True, max_length=100)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'minor_details', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The guardian (法 Art. 53) and the school (法 Art. 55) of a minor case.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SearchRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.SupervisedPerson', source_field='person_id', db_constraint=True, to_field='id', related_name='search_records', on_delete=OnDelete.RESTRICT)),
                ('lost_contact_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('lost_on', fields.DateField()),
                ('opened_by', fields.ForeignKeyField('models.User', source_field='opened_by_id', db_constraint=True, to_field='id', related_name='search_records_opened', on_delete=OnDelete.RESTRICT)),
                ('found_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('found_on', fields.DateField(null=True)),
                ('closed_by', fields.ForeignKeyField('models.User', source_field='closed_by_id', null=True, db_constraint=True, to_field='id', related_name='search_records_closed', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'search_record', 'app': 'models', 'indexes': [Index(fields=['person_id', 'lost_contact_at', 'id'])], 'pk_attr': 'id', 'table_description': 'One absence: opened when the person is marked ABSCONDED, closed with the'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SearchAction',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('record', fields.ForeignKeyField('models.SearchRecord', source_field='record_id', db_constraint=True, to_field='id', related_name='actions', on_delete=OnDelete.RESTRICT)),
                ('done_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('description', fields.TextField(unique=False)),
                ('police_notified', fields.BooleanField(default=False)),
                ('procuratorate_informed', fields.BooleanField(default=False)),
                ('done_by', fields.ForeignKeyField('models.User', source_field='done_by_id', db_constraint=True, to_field='id', related_name='search_actions', on_delete=OnDelete.RESTRICT)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'search_action', 'app': 'models', 'indexes': [Index(fields=['record_id', 'done_at', 'id'])], 'pk_attr': 'id', 'table_description': 'What was done to find the person, when and by whom (法 Art. 30: the'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='SupervisedPerson',
            name='minor_at_start',
            field=fields.BooleanField(default=False),
        ),
        ops.RunPython(mark_minor_cases, forget_minor_cases),
    ]
