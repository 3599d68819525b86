from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0003_caseload_order_index')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='CheckIn',
            name=None,
            fields=['captured_at'],
        ),
        ops.AddIndex(
            model_name='CheckIn',
            index=Index(fields=['captured_at', 'person_id', 'late', 'status']),
        ),
    ]
