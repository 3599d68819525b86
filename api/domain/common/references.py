"""Reference numbers readable on paper, unique per unit and year (调〔2026〕17号).

Chinese case documents carry a number of the form 〈unit〉〈kind〉〔year〕n号;
the counter row per (kind, unit, year) hands out n. It is incremented with an
UPDATE inside the caller's transaction, so the row stays locked until that
transaction ends: concurrent registrations queue on it and never share a
number, and a registration that rolls back gives its number back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from api.models.accounts import OrgUnit
from api.models.mediation import ReferenceCounter

DISPUTE = "dispute"
LEGAL_AID = "legal_aid"

# The word for the kind of document: 调 (mediation), 法援 (legal aid).
KIND_WORDS = {DISPUTE: "调", LEGAL_AID: "法援"}


def local_year(now: datetime, tz_name: str) -> int:
    return now.astimezone(ZoneInfo(tz_name)).year


async def next_number(kind: str, unit_id: int, year: int) -> int:
    """The next number of this kind, unit and year. Call inside a transaction."""
    counter = ReferenceCounter.filter(kind=kind, org_unit_id=unit_id, year=year)
    if not await counter.update(last_value=F("last_value") + 1):
        try:
            # A savepoint: if another transaction created the row first, only
            # this insert rolls back, not the caller's work.
            async with in_transaction():
                await ReferenceCounter.create(
                    kind=kind, org_unit_id=unit_id, year=year, last_value=1
                )
            return 1
        except IntegrityError:
            await counter.update(last_value=F("last_value") + 1)
    return int((await counter.get()).last_value)


def unit_prefix(unit: OrgUnit) -> str:
    """What stands for the unit in its numbers: its short name (简称) when set,
    else the first two characters of its name, as on paper (东关镇司法所: 东关)."""
    return unit.short_name or unit.name[:2]


def format_reference(kind: str, unit: OrgUnit, year: int, number: int) -> str:
    """E.g. 东关调〔2026〕17号; uniqueness comes from (unit, year, number)."""
    return f"{unit_prefix(unit)}{KIND_WORDS[kind]}〔{year}〕{number}号"


async def assign(kind: str, unit: OrgUnit, now: datetime, tz_name: str) -> dict[str, Any]:
    """The reference fields of a new record (number, year, sequence), ready to
    pass to the model's create. Call inside the record's transaction."""
    year = local_year(now, tz_name)
    number = await next_number(kind, unit.id, year)
    return {
        "reference_number": format_reference(kind, unit, year, number),
        "reference_year": year,
        "reference_seq": number,
    }
