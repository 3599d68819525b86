"""The DataLoaders of the legal-aid procedure: what hangs off a request, one
query per relation for a whole list of requests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from functools import cached_property
from typing import Any

from api.domain.legal_aid import (
    materials,
    notified,
    objections,
    papers,
    progress,
    termination,
)
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_procedure import AidBeforeReview
from schema.common.loader import Loader

Fetch = Callable[[Sequence[int]], Awaitable[dict[int, Any]]]


class Grouped(Loader[int, Any]):
    """Rows by request (or supply) id, from a domain function that returns them grouped."""

    def __init__(self, fetch: Fetch, default: Callable[[], Any] = list) -> None:
        self._fetch = fetch
        self._default = default
        super().__init__()

    async def fetch(self, keys: list[int]) -> list[Any]:
        grouped = await self._fetch(keys)
        return [grouped.get(k, self._default()) for k in keys]


async def _before_review(ids: Sequence[int]) -> dict[int, AidBeforeReview]:
    return {r.request_id: r for r in await AidBeforeReview.filter(request_id__in=list(ids))}


async def _notified(ids: Sequence[int]) -> dict[int, Any]:
    return await notified.notified_of(list(ids))


async def _objections(ids: Sequence[int]) -> dict[int, Any]:
    return await objections.objections_of(list(ids))


async def _requests(ids: Sequence[int]) -> dict[int, Any]:
    """Requests by id, for objections the viewer already may see."""
    return {r.id: r for r in await LegalAidRequest.filter(id__in=list(ids))}


def _none() -> None:
    return None


class ProcedureLoaders:
    """Made on first use in a request, each loader on its own first use."""

    materials = cached_property(lambda _: Grouped(materials.notices_of))
    supplies = cached_property(lambda _: Grouped(materials.supplies_of))
    photos = cached_property(lambda _: Grouped(materials.photos_of))
    before_review = cached_property(lambda _: Grouped(_before_review, _none))
    notified = cached_property(lambda _: Grouped(_notified, _none))
    terminations = cached_property(lambda _: Grouped(termination.terminations_of))
    objections = cached_property(lambda _: Grouped(_objections))
    progress = cached_property(lambda _: Grouped(progress.progress_of))
    complaints = cached_property(lambda _: Grouped(progress.complaints_of))
    requests = cached_property(lambda _: Grouped(_requests, _none))
    documents = cached_property(lambda _: Grouped(papers.documents_of))
