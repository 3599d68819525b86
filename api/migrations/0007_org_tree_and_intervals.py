from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

# The org tree the right way up (社区矫正法 Art. 9): a 司法所 sits under its
# county 司法局, and the county correction centre beside the offices, not
# above them. Every office whose parent is a correction centre moves to that
# centre's parent; its own path and those of the units below it follow. Only
# parent_id and path change, nothing is deleted, and a tree already the
# right way up is left as it is, so running it again changes nothing.


def _placeholders(client):
    if client.capabilities.dialect == "sqlite":
        return "?", "?", "?"
    return "$1", "$2", "$3"


async def offices_under_their_bureau(apps, schema_editor):
    client = schema_editor.client
    rows = await client.execute_query_dict("SELECT id, parent_id, kind, path FROM org_unit")
    by_id = {row["id"]: row for row in rows}
    moves = []  # (old path prefix, new path prefix)
    parents = {}
    for row in rows:
        parent = by_id.get(row["parent_id"])
        if row["kind"] != "JUSTICE_OFFICE" or parent is None:
            continue
        if parent["kind"] != "CORRECTION_CENTER":
            continue
        above = by_id.get(parent["parent_id"])
        parents[row["id"]] = above["id"] if above else None
        moves.append((row["path"], f"{above['path'] if above else '/'}{row['id']}/"))
    updates = []
    for row in rows:
        path = row["path"]
        for old, new in moves:
            if path.startswith(old):
                path = new + path[len(old):]
                break
        parent_id = parents.get(row["id"], row["parent_id"])
        if path != row["path"] or parent_id != row["parent_id"]:
            updates.append((parent_id, path, row["id"]))
    a, b, c = _placeholders(client)
    for values in updates:
        await client.execute_query(
            f"UPDATE org_unit SET parent_id = {a}, path = {b} WHERE id = {c}", list(values)
        )


async def tree_stays(apps, schema_editor):
    # Going back leaves the offices where they are: which of them sat under a
    # centre is not kept, and under their bureau they are where they belong.
    return None


class Migration(migrations.Migration):
    dependencies = [('models', '0006_documents')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CheckInIntervalStandard',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('org_unit', fields.ForeignKeyField('models.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='check_in_interval_standards', on_delete=OnDelete.RESTRICT)),
                ('effective_from', fields.DateField()),
                ('strict_days', fields.SmallIntField()),
                ('normal_days', fields.SmallIntField()),
                ('lenient_days', fields.SmallIntField()),
                ('set_by', fields.ForeignKeyField('models.User', source_field='set_by_id', null=True, db_constraint=True, to_field='id', related_name='check_in_interval_standards_set', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'check_in_interval_standard', 'app': 'models', 'unique_together': (('org_unit_id', 'effective_from'),), 'pk_attr': 'id', 'table_description': 'How often a person of each grade (分类管理) reports, from a date, for a'},
            bases=['Model'],
        ),
        ops.RunPython(offices_under_their_bureau, tree_stays),
    ]
