"""The DataLoaders of a dispute's source, deadline extensions, refusal,
failure and police reports (schema/mediation/sources.py reads them)."""

from __future__ import annotations

from api.domain.mediation import endings, referrals, sources
from api.models import mediation_sources as ms
from schema.common.loader import Loader, by_key


class SourceByDispute(Loader[int, ms.DisputeSource | None]):
    async def fetch(self, keys: list[int]) -> list[ms.DisputeSource | None]:
        return by_key(await sources.sources_of(keys), keys, lambda s: s.dispute_id)


class ExtensionsByDispute(Loader[int, list[ms.DeadlineExtension]]):
    async def fetch(self, keys: list[int]) -> list[list[ms.DeadlineExtension]]:
        grouped = await sources.extensions_of(keys)
        return [grouped[k] for k in keys]


class RefusalByDispute(Loader[int, ms.DisputeRefusal | None]):
    async def fetch(self, keys: list[int]) -> list[ms.DisputeRefusal | None]:
        return by_key(await endings.refusals_of(keys), keys, lambda r: r.dispute_id)


class FailureByDispute(Loader[int, ms.MediationFailure | None]):
    async def fetch(self, keys: list[int]) -> list[ms.MediationFailure | None]:
        return by_key(await endings.failures_of(keys), keys, lambda f: f.dispute_id)


class PoliceReportsByDispute(Loader[int, list[ms.PoliceReport]]):
    async def fetch(self, keys: list[int]) -> list[list[ms.PoliceReport]]:
        grouped = await referrals.police_reports_of(keys)
        return [grouped[k] for k in keys]
