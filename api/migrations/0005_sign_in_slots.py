from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_dashboard_covering_index')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SignInSlot',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('username', fields.CharField(max_length=64)),
                ('slot', fields.SmallIntField()),
                ('taken_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'sign_in_slot', 'app': 'models', 'unique_together': (('username', 'slot'),), 'pk_attr': 'id', 'table_description': 'One sign-in attempt of a username that is still counted (api/domain/lockout.py).'},
            bases=['Model'],
        ),
        ops.DeleteModel(name='LoginFailure'),
    ]
