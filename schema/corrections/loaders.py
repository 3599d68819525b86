"""The DataLoaders of supervised persons and their check-ins."""

from __future__ import annotations

from datetime import datetime

from api.domain.corrections import caseload, identity, leave, minors, search
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.leave import LeaveEvidence
from api.models.minors import MinorDetails
from api.models.search import SearchAction, SearchRecord
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


class SearchRecordsByPerson(Loader[int, list[SearchRecord]]):
    async def fetch(self, keys: list[int]) -> list[list[SearchRecord]]:
        found = await search.records_of(keys)
        return [found[k] for k in keys]


class SearchActionsByRecord(Loader[int, list[SearchAction]]):
    async def fetch(self, keys: list[int]) -> list[list[SearchAction]]:
        found = await search.actions_of(keys)
        return [found[k] for k in keys]


class MinorStaffByPerson(Loader[int, list[int]]):
    """The accounts designated for each minor case (法 Art. 54)."""

    async def fetch(self, keys: list[int]) -> list[list[int]]:
        found = await minors.staff_of(keys)
        return [found[k] for k in keys]


class MinorDetailsByPerson(Loader[int, MinorDetails | None]):
    async def fetch(self, keys: list[int]) -> list[MinorDetails | None]:
        found = await minors.details_of(keys)
        return [found.get(k) for k in keys]


class IdentityByCheckIn(Loader[int, identity.Identity | None]):
    """The face check of each check-in that carried a photo (no photo bytes)."""

    async def fetch(self, keys: list[int]) -> list[identity.Identity | None]:
        found = await identity.identities_of(keys)
        return [found.get(k) for k in keys]


class LeaveEvidenceByLeave(Loader[int, LeaveEvidence | None]):
    async def fetch(self, keys: list[int]) -> list[LeaveEvidence | None]:
        found = await leave.evidence_of(keys)
        return [found.get(k) for k in keys]
