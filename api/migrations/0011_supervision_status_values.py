from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.enums import SupervisionStatus
from tortoise import fields

from api.migration_ops import AlterDescription

# The supervision status's values as both RELEASED (0009) and PENDING_INTAKE
# (0008) added them: the stored description only, so the tables are not
# remade (on SQLite a remade table lost its indexes: see 0021).
class Migration(migrations.Migration):
    dependencies = [('models', '0010_search_minors')]

    initial = False

    operations = [
        AlterDescription(
            model_name='SupervisedPerson',
            name='status',
            field=fields.CharEnumField(default='ACTIVE', description='ACTIVE: ACTIVE\nABSCONDED: ABSCONDED\nRELEASED: RELEASED\nTERMINATED: TERMINATED\nREVOKED: REVOKED\nPENDING_INTAKE: PENDING_INTAKE', enum_type=SupervisionStatus, max_length=16),
        ),
        AlterDescription(
            model_name='SupervisionEnd',
            name='outcome',
            field=fields.CharEnumField(description='ACTIVE: ACTIVE\nABSCONDED: ABSCONDED\nRELEASED: RELEASED\nTERMINATED: TERMINATED\nREVOKED: REVOKED\nPENDING_INTAKE: PENDING_INTAKE', enum_type=SupervisionStatus, max_length=16),
        ),
    ]
