"""The base of the request's DataLoaders: one typed class per relation, each
area's in its package's loaders.py (schema/accounts/loaders.py and so on).

Each batches the loads of one event-loop turn into one call of a domain
read function, so a list of N items costs one query per relation, not N.
They read rows reached from one the viewer already may see; the scope was
checked where the list or the record was read. `Loaders` (schema/common/context.py)
makes each on first use in a request, and none outlives it.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader

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
