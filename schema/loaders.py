"""The request's DataLoaders, one typed class per relation, by area.

Each batches the loads of one event-loop turn into one call of a domain
read function, so a list of N items costs one query per relation, not N.
They read rows reached from one the viewer already may see; the scope was
checked where the list or the record was read. `Loaders` (schema/context.py)
makes each on first use in a request, and none outlives it.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from typing import TypeVar

from strawberry.dataloader import DataLoader

from api.domain.accounts import org_units, users
from api.domain.common import paging
from api.domain.corrections import caseload
from api.domain.legal_aid import requests
from api.domain.mediation import disputes, visits
from api.models.accounts import OrgUnit, User
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.legal_aid import LegalAidStatusChange
from api.models.mediation import Dispute, DisputeParty, MediationVisit

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Loader(DataLoader[K, V], abc.ABC):
    """A DataLoader whose batch function is its own `fetch` method."""

    def __init__(self) -> None:
        super().__init__(load_fn=self.fetch)

    @abc.abstractmethod
    async def fetch(self, keys: list[K]) -> Sequence[V]:
        """The values of `keys`, in their order."""


def by_key(rows: Sequence[V], keys: Sequence[K], key: Callable[[V], K]) -> list[V | None]:
    """Order batch results as the loader's keys, None where a key found nothing."""
    index = {key(row): row for row in rows}
    return [index.get(k) for k in keys]


# ------------------------------------------------------------------ accounts


class OrgUnitById(Loader[int, OrgUnit | None]):
    async def fetch(self, keys: list[int]) -> list[OrgUnit | None]:
        return by_key(await org_units.org_units_by_id(keys), keys, lambda u: u.id)


class OrgUnitChildren(Loader[int, list[OrgUnit]]):
    async def fetch(self, keys: list[int]) -> list[list[OrgUnit]]:
        grouped = await org_units.children_of(keys)
        return [grouped[k] for k in keys]


class UserById(Loader[int, User | None]):
    async def fetch(self, keys: list[int]) -> list[User | None]:
        return by_key(await users.users_by_id(keys), keys, lambda u: u.id)


# ------------------------------------------------------------------ corrections


class PersonById(Loader[int, SupervisedPerson | None]):
    async def fetch(self, keys: list[int]) -> list[SupervisedPerson | None]:
        return by_key(await caseload.persons_by_id(keys), keys, lambda p: p.id)


class LastCheckInByPerson(Loader[tuple[int, datetime], CheckIn | None]):
    """Keyed by (person id, last accepted capturedAt) as kept on the person
    row, so one query finds every person's row."""

    async def fetch(self, keys: list[tuple[int, datetime]]) -> list[CheckIn | None]:
        found = await caseload.last_check_ins(keys)
        return [found.get(person_id) for person_id, _ in keys]


# ------------------------------------------------------------------ mediation


class DisputeById(Loader[int, Dispute | None]):
    async def fetch(self, keys: list[int]) -> list[Dispute | None]:
        return by_key(await disputes.disputes_by_id(keys), keys, lambda d: d.id)


class PartiesByDispute(Loader[int, list[DisputeParty]]):
    async def fetch(self, keys: list[int]) -> list[list[DisputeParty]]:
        grouped = await disputes.parties_of(keys)
        return [grouped[k] for k in keys]


class VisitCountByDispute(Loader[int, int]):
    async def fetch(self, keys: list[int]) -> list[int]:
        counts = await visits.visit_counts(keys)
        return [counts[k] for k in keys]


# (dispute id, page size, the position the page starts after)
VisitsKey = tuple[int, int, paging.TimePosition | None]


class VisitsByDispute(Loader[VisitsKey, paging.Page[MediationVisit]]):
    """One query per distinct (first, after) among the keys: one for a whole list."""

    async def fetch(self, keys: list[VisitsKey]) -> list[paging.Page[MediationVisit]]:
        groups: dict[tuple[int, paging.TimePosition | None], list[int]] = {}
        for dispute_id, size, after in keys:
            groups.setdefault((size, after), []).append(dispute_id)
        found: dict[VisitsKey, paging.Page[MediationVisit]] = {}
        for (size, after), ids in groups.items():
            pages = await visits.visits_of(ids, limit=size, after=after)
            for dispute_id in ids:
                found[(dispute_id, size, after)] = pages[dispute_id]
        return [found[key] for key in keys]


# ------------------------------------------------------------------ legal aid


class HistoryByRequest(Loader[int, list[LegalAidStatusChange]]):
    async def fetch(self, keys: list[int]) -> list[list[LegalAidStatusChange]]:
        grouped = await requests.history_of(keys)
        return [grouped[k] for k in keys]
