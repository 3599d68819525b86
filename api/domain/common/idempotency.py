"""Writes made on a device are stored once per clientId, whatever the resending.

A phone's outbox sends a write until the server answers it (DESIGN.md), so
the same clientId comes back after a lost answer, or twice at once from a
retry racing the first attempt. The unique clientId column is what stores it
once; this module answers the replay, the same way for every such write:

- the write is tried first, and the stored record looked for only when the
  write is refused (by a rule, or by the unique column): the common, fresh
  write costs no read beyond its own INSERT;
- the same account gets the stored record back unchanged, whatever has
  changed since (the content sent, the record's state, the rules' clock);
- a clientId stored by another account is CONFLICT, and nothing of that
  record is told.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from api.domain.common.call import Viewer
from api.domain.common.errors import BadInput, Conflict, NotFound

M = TypeVar("M", bound=Model)

# What a replay may run into before its INSERT is refused: rules that no
# longer hold for content stored earlier (a closed dispute, a capturedAt now
# too old), and the unique clientId itself.
_REFUSALS = (BadInput, NotFound, Conflict, IntegrityError)


async def store_once(
    model: type[M],
    client_id: str,
    viewer: Viewer,
    author: Callable[[M], int],
    write: Awaitable[M],
) -> M:
    """The record `write` stores, or the one stored before under `client_id`.

    `author` names the account that stored a record (the one whose replay
    gets it back). `write` must run in its own transaction, so that a refused
    write has changed nothing when the stored record is read.
    """
    try:
        return await write
    except _REFUSALS:
        stored = await model.get_or_none(client_id=client_id)
        if stored is None:
            raise
        if author(stored) != viewer.id:
            raise Conflict("CLIENT_ID_TAKEN", field="clientId") from None
        return stored
