from tortoise import migrations
from tortoise.migrations import operations as ops
from api.models.enums import SupervisionStatus
from tortoise import fields

# The supervision status's values as both RELEASED (0009) and PENDING_INTAKE
# (0008) added them: the stored description only.
class Migration(migrations.Migration):
    dependencies = [('models', '0010_search_minors')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='SupervisedPerson',
            name='status',
            field=fields.CharEnumField(default='ACTIVE', description='ACTIVE: ACTIVE\nABSCONDED: ABSCONDED\nRELEASED: RELEASED\nTERMINATED: TERMINATED\nREVOKED: REVOKED\nPENDING_INTAKE: PENDING_INTAKE', enum_type=SupervisionStatus, max_length=16),
        ),
        ops.AlterField(
            model_name='SupervisionEnd',
            name='outcome',
            field=fields.CharEnumField(description='ACTIVE: ACTIVE\nABSCONDED: ABSCONDED\nRELEASED: RELEASED\nTERMINATED: TERMINATED\nREVOKED: REVOKED\nPENDING_INTAKE: PENDING_INTAKE', enum_type=SupervisionStatus, max_length=16),
        ),
    ]
