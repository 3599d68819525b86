from tortoise import migrations
from tortoise.migrations import operations as ops

# Migration 0011 once altered two enum columns for real, and SQLite remakes a
# table to alter a column: the remade supervised_person lost its indexes (the
# caseload's order, the ID lookup) and supervision_end its unique person. 0011
# now changes only the description; on a database that ran it before, this
# puts back what is missing, and on any other finds it all there. PostgreSQL
# alters in place and never lost anything.
WANTED = {
    "supervised_person": [
        ("idx_supervised_person_id_number", False, ("id_number",)),
        ("idx_supervised_person_officer_due", False, ("officer_id", "status", "next_due_at", "id")),
        ("idx_supervised_person_unit_due", False, ("org_unit_id", "status", "next_due_at", "id")),
        ("idx_supervised_person_status_due", False, ("status", "next_due_at", "id")),
        ("idx_supervised_person_status_overdue", False, ("status", "overdue_at")),
    ],
    "supervision_end": [
        ("uid_supervision_end_person_id", True, ("person_id",)),
    ],
}


async def restore(apps, schema_editor):
    client = schema_editor.client
    if client.capabilities.dialect != "sqlite":
        return
    for table, indexes in WANTED.items():
        have = set()
        for row in await client.execute_query_dict(f"PRAGMA index_list('{table}')"):
            info = await client.execute_query_dict(f"PRAGMA index_info('{row['name']}')")
            have.add((bool(row["unique"]), tuple(r["name"] for r in info)))
        for name, unique, columns in indexes:
            if (unique, columns) in have:
                continue
            cols = ", ".join(f'"{c}"' for c in columns)
            kind = "UNIQUE INDEX" if unique else "INDEX"
            await client.execute_script(f'CREATE {kind} IF NOT EXISTS "{name}" ON "{table}" ({cols})')


async def nothing_to_undo(apps, schema_editor):
    """The indexes belong to the models: they stay."""


class Migration(migrations.Migration):
    dependencies = [('models', '0020_text_messages')]

    initial = False

    operations = [
        ops.RunPython(restore, nothing_to_undo),
    ]
