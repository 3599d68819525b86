"""The sign-in lockout: at most `login_max_failures` sign-in attempts per
username are checked in any `login_failure_window` (OWASP ASVS 5.0 V6.3.1),
however many arrive at once and in however many processes.

An attempt takes a slot before its password or code is checked: a row of
`sign_in_slot` with one of the numbers 0 … max-1 for its username. The pair
is unique, so two concurrent attempts cannot take the same slot, and the
database, not a process, decides (DESIGN.md: the database is the only shared
state). When every number is taken by a row younger than the window, the
attempt is refused unchecked until the oldest of them is a window old. A
failed attempt keeps its slot; one that signs in gives it back, so a user's
own successes never lock them out. The codes a signed-in account gives to
change or turn off its second factor draw on the same slots, so a stolen
session cannot guess them faster than a sign-in could. Always on:
SIFASUO_RATE_LIMITS=off does not touch it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from api.domain.common import audit
from api.domain.common.call import Call
from api.domain.common.errors import RateLimited
from api.models.limits import SignInSlot

# Rounds of looking again when every insert lost to a concurrent attempt but
# a slot was given back meanwhile; past them the attempt is refused, which
# is never the unsafe answer.
_ROUNDS = 3


@dataclass(frozen=True)
class Slot:
    id: int


async def claim(call: Call, username: str, action: str = "auth.login") -> Slot:
    """A slot for one attempt of `username` (a sign-in, or a code that proves
    a signed-in account's second factor), or RATE_LIMITED when the attempts
    of the window are spent, audited as a refused `action`."""
    s = call.settings
    cutoff = call.now - s.login_failure_window
    # Slots a window old are free again; deleting them (for every username,
    # by the index on taken_at) also keeps the table to the recent ones.
    await SignInSlot.filter(taken_at__lte=cutoff).delete()
    most = s.login_max_failures
    for _ in range(_ROUNDS):
        taken = {row.slot for row in await _taken(username, most)}
        for number in range(most):
            if number in taken:
                continue
            try:
                row = await SignInSlot.create(username=username, slot=number, taken_at=call.now)
            except IntegrityError:
                continue  # a concurrent attempt took this one
            return Slot(row.id)
        rows = await _taken(username, most)
        if len(rows) >= most:
            frees_at = min(row.taken_at for row in rows) + s.login_failure_window
            break
    else:
        # Every slot went to a concurrent attempt that has signed in since:
        # the client may try again at once.
        frees_at = call.now
    await audit.record_refusal(
        call, action, "locked", actor_name=username, summary={"username": username}
    )
    raise RateLimited(
        "SIGN_IN_LOCKED",
        retry_after_seconds=math.ceil((frees_at - call.now).total_seconds()),
    )


async def _taken(username: str, most: int) -> list[SignInSlot]:
    return await SignInSlot.filter(username=username, slot__lt=most)


async def give_back(slot: Slot) -> None:
    """The attempt signed in: it does not count toward the lockout."""
    await SignInSlot.filter(id=slot.id).delete()
