"""The per-request context: the domain call and the request's DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, ClassVar, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.types import Info as _Info

from api.domain.call import Call
from api.domain.push_keys import VapidKeyring

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Loaders:
    """DataLoaders made per request, by name, on first use.

    Each area registers its batch functions with `Loaders.register`, so a
    list of N items costs one query per relation, not N.
    """

    _factories: ClassVar[dict[str, Callable[[], DataLoader[Any, Any]]]] = {}

    def __init__(self) -> None:
        self._made: dict[str, DataLoader[Any, Any]] = {}

    @classmethod
    def register(
        cls, name: str
    ) -> Callable[
        [Callable[[Sequence[Any]], Awaitable[Sequence[Any]]]],
        Callable[[Sequence[Any]], Awaitable[Sequence[Any]]],
    ]:
        def decorate(
            batch: Callable[[Sequence[Any]], Awaitable[Sequence[Any]]],
        ) -> Callable[[Sequence[Any]], Awaitable[Sequence[Any]]]:
            cls._factories[name] = lambda: DataLoader(load_fn=batch)
            return batch

        return decorate

    def __getitem__(self, name: str) -> DataLoader[Any, Any]:
        loader = self._made.get(name)
        if loader is None:
            loader = self._made[name] = self._factories[name]()
        return loader


class Context:
    def __init__(self, call: Call, vapid: VapidKeyring) -> None:
        self.call = call
        self.loaders = Loaders()
        # The app's VAPID key, made at start; never a module global.
        self.vapid = vapid


Info = _Info[Context, None]


def by_key(rows: Sequence[V], keys: Sequence[K], key: Callable[[V], K]) -> list[V | None]:
    """Order batch results as the loader's keys, None where a key found nothing."""
    index = {key(row): row for row in rows}
    return [index.get(k) for k in keys]
