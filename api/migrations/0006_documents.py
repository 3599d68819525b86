from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.enums import DocumentArea
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

# An issued document never changes: the database itself refuses an UPDATE of
# one, whatever code (or hand at a SQL prompt) tries it.
SQLITE_IMMUTABLE = """
CREATE TRIGGER document_never_changes BEFORE UPDATE ON document
BEGIN SELECT RAISE(ABORT, 'an issued document never changes'); END;
"""
POSTGRES_IMMUTABLE = """
CREATE FUNCTION document_never_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'an issued document never changes' USING ERRCODE = 'restrict_violation'; END $$;
CREATE TRIGGER document_never_changes BEFORE UPDATE ON document
FOR EACH ROW EXECUTE FUNCTION document_never_changes();
"""


async def forbid_document_updates(apps, schema_editor):
    client = schema_editor.client
    sqlite = client.capabilities.dialect == "sqlite"
    await client.execute_script(SQLITE_IMMUTABLE if sqlite else POSTGRES_IMMUTABLE)


async def allow_document_updates(apps, schema_editor):
    client = schema_editor.client
    if client.capabilities.dialect == "sqlite":
        await client.execute_script("DROP TRIGGER document_never_changes;")
    else:
        await client.execute_script(
            "DROP TRIGGER document_never_changes ON document;"
            " DROP FUNCTION document_never_changes();"
        )

class Migration(migrations.Migration):
    dependencies = [('models', '0005_sign_in_slots')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Document',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('area', fields.CharEnumField(description='CORRECTIONS: CORRECTIONS\nMEDIATION: MEDIATION\nLEGAL_AID: LEGAL_AID', enum_type=DocumentArea, max_length=16)),
                ('kind', fields.CharField(max_length=16)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='documents', on_delete=OnDelete.RESTRICT)),
                ('year', fields.SmallIntField()),
                ('seq', fields.IntField()),
                ('number', fields.CharField(max_length=64)),
                ('title', fields.CharField(max_length=100)),
                ('target_type', fields.CharField(max_length=48)),
                ('target_id', fields.CharField(max_length=64)),
                ('subject', fields.ForeignKeyField('models.User', source_field='subject_id', null=True, db_constraint=True, to_field='id', related_name='documents_about', on_delete=OnDelete.RESTRICT)),
                ('issued_by', fields.ForeignKeyField('models.User', source_field='issued_by_id', db_constraint=True, to_field='id', related_name='documents_issued', on_delete=OnDelete.RESTRICT)),
                ('issued_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('pdf', fields.BinaryField()),
                ('sha256', fields.CharField(max_length=64)),
            ],
            options={'table': 'document', 'app': 'models', 'unique_together': (('org_unit_id', 'kind', 'year', 'seq'),), 'indexes': [Index(fields=['target_type', 'target_id'])], 'pk_attr': 'id', 'table_description': 'One issued document: its number and the very PDF that was handed out.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='OrgUnit',
            name='short_name',
            field=fields.CharField(null=True, max_length=20),
        ),
        ops.RunPython(forbid_document_updates, allow_document_updates),
    ]
