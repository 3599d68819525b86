"""The DataLoaders of supervised persons and their check-ins."""

from __future__ import annotations

from datetime import datetime

from api.domain.corrections import caseload
from api.models.corrections import CheckIn, SupervisedPerson
from schema.common.loader import Loader, by_key


class PersonById(Loader[int, SupervisedPerson | None]):
    async def fetch(self, keys: list[int]) -> list[SupervisedPerson | None]:
        return by_key(await caseload.persons_by_id(keys), keys, lambda p: p.id)


class LastCheckInByPerson(Loader[tuple[int, datetime], CheckIn | None]):
    """Keyed by (person id, last accepted capturedAt) as kept on the person
    row, so one query finds every person's row."""

    async def fetch(self, keys: list[tuple[int, datetime]]) -> list[CheckIn | None]:
        found = await caseload.last_check_ins(keys)
        return [found.get(person_id) for person_id, _ in keys]
