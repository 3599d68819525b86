"""The DataLoaders of disputes: the dispute, its parties and its visits."""

from __future__ import annotations

from api.domain.common import paging
from api.domain.mediation import agreements, disputes, performance, visits
from api.models.agreements import AgreementSignature, AgreementTerm, MediationAgreement
from api.models.mediation import Dispute, DisputeParty, MediationVisit
from schema.common.loader import Loader, by_key


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


class TermsByAgreement(Loader[int, list[AgreementTerm]]):
    async def fetch(self, keys: list[int]) -> list[list[AgreementTerm]]:
        grouped = await agreements.terms_of(keys)
        return [grouped[k] for k in keys]


class SignaturesByAgreement(Loader[int, list[AgreementSignature]]):
    async def fetch(self, keys: list[int]) -> list[list[AgreementSignature]]:
        grouped = await agreements.signatures_of(keys)
        return [grouped[k] for k in keys]


class ReturnVisitsByAgreement(Loader[MediationAgreement, list[MediationVisit]]):
    """Keyed by the agreement row: its dispute and the time it was reached
    say which visits are its return visits."""

    async def fetch(self, keys: list[MediationAgreement]) -> list[list[MediationVisit]]:
        found = await performance.return_visits_of(keys)
        return [found[k.id] for k in keys]
