"""The lists of a person's leave, violations, sanctions and praise: one scope for all.

A supervised person sees their own; an officer those of the persons of its
offices, a county centre's supervisor those of the county's
(scope.corrections_unit_ids); asked for one person, NOT_FOUND where that
person is out of the viewer's scope. Newest first, in id order.
"""

from __future__ import annotations

from typing import Any, TypeVar

from tortoise.models import Model

from api.domain.common import paging, scope
from api.domain.common.call import Call
from api.domain.corrections import persons
from api.models.enums import Role

M = TypeVar("M", bound=Model)


async def person_records(
    call: Call,
    model: type[M],
    *,
    person_id: int | None,
    limit: int,
    after: paging.IdPosition | None,
    **filters: Any,
) -> paging.Page[M]:
    viewer = scope.require_role(call, persons.READERS)
    query = model.filter(**filters)
    if person_id is not None:
        person = await persons.person_for(call, person_id, persons.READERS)
        query = query.filter(person_id=person.id)
    elif viewer.role is Role.SUPERVISED_PERSON:
        query = query.filter(person__account_id=viewer.id)
    else:
        unit_ids = await scope.corrections_unit_ids(call)
        if not unit_ids:
            return paging.empty()
        query = query.filter(person__org_unit_id__in=unit_ids)
    total = await query.count()
    if after is not None:
        query = query.filter(id__lt=after.id)
    rows = await query.order_by("-id").limit(limit + 1)
    return paging.page_of(rows, limit, _position, total=total)


def _position(row: Any) -> paging.IdPosition:
    return paging.IdPosition(row.id)
