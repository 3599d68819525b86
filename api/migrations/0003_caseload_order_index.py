from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0002_rate_limits_two_factor')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='SupervisedPerson',
            index=Index(fields=['status', 'next_due_at', 'id']),
        ),
    ]
