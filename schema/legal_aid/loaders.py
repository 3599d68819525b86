"""The DataLoaders of legal-aid requests: their status history."""

from __future__ import annotations

from api.domain.legal_aid import requests
from api.models.legal_aid import LegalAidStatusChange
from schema.common.loader import Loader


class HistoryByRequest(Loader[int, list[LegalAidStatusChange]]):
    async def fetch(self, keys: list[int]) -> list[list[LegalAidStatusChange]]:
        grouped = await requests.history_of(keys)
        return [grouped[k] for k in keys]
