"""The DataLoaders of ended cases: their return calls, file reviews and requests."""

from __future__ import annotations

from api.domain.legal_aid import closing, quality
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_closing import FileReview, ReturnCall
from schema.common.loader import Loader, by_key


class ReturnCallsByRequest(Loader[int, list[ReturnCall]]):
    async def fetch(self, keys: list[int]) -> list[list[ReturnCall]]:
        grouped = await quality.return_calls_of(keys)
        return [grouped[k] for k in keys]


class FileReviewsByRequest(Loader[int, list[FileReview]]):
    async def fetch(self, keys: list[int]) -> list[list[FileReview]]:
        grouped = await quality.file_reviews_of(keys)
        return [grouped[k] for k in keys]


class RequestById(Loader[int, LegalAidRequest | None]):
    """Requests reached from an ended case the viewer may see."""

    async def fetch(self, keys: list[int]) -> list[LegalAidRequest | None]:
        rows = await closing.requests_by_id(keys)
        return by_key(rows, keys, lambda r: r.id)
