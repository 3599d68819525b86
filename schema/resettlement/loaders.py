"""The DataLoaders of resettlement records: their receptions, contacts and help."""

from __future__ import annotations

from api.domain.resettlement.care import of_records
from api.models.resettlement import (
    ResettlementContact,
    ResettlementContactRequest,
    ResettlementHelp,
    ResettlementReception,
)
from schema.common.loader import Loader


class ReceptionsByRecord(Loader[int, list[ResettlementReception]]):
    async def fetch(self, keys: list[int]) -> list[list[ResettlementReception]]:
        found = await of_records(ResettlementReception, keys, "happened_on")
        return [found[k] for k in keys]


class ContactsByRecord(Loader[int, list[ResettlementContact]]):
    async def fetch(self, keys: list[int]) -> list[list[ResettlementContact]]:
        found = await of_records(ResettlementContact, keys, "-contacted_on")
        return [found[k] for k in keys]


class HelpsByRecord(Loader[int, list[ResettlementHelp]]):
    async def fetch(self, keys: list[int]) -> list[list[ResettlementHelp]]:
        found = await of_records(ResettlementHelp, keys, "-given_on")
        return [found[k] for k in keys]


class ContactRequestsByRecord(Loader[int, list[ResettlementContactRequest]]):
    async def fetch(self, keys: list[int]) -> list[list[ResettlementContactRequest]]:
        found = await of_records(ResettlementContactRequest, keys, "-sent_at")
        return [found[k] for k in keys]
