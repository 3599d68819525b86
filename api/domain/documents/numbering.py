"""Document numbers: 青山司矫解字〔2026〕第3号, one series per unit, kind and year.

The sequence comes from the reference counters (api/domain/references.py):
the counter row stays locked until the issuing transaction ends, so issues
of the same series queue on it, the numbers follow each other without gaps,
and an issue that rolls back gives its number back. The unique constraint
on (unit, kind, year, seq) of the document table stands behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.domain.common import references
from api.domain.documents.kinds import DocumentKind
from api.models.accounts import OrgUnit


@dataclass(frozen=True)
class Number:
    year: int
    seq: int
    text: str


def format_number(kind: DocumentKind, unit: OrgUnit, year: int, seq: int) -> str:
    return f"{references.unit_prefix(unit)}{kind.word}〔{year}〕第{seq}号"


async def allocate(kind: DocumentKind, unit: OrgUnit, year: int) -> Number:
    """The next number of the series. Call inside the issuing transaction."""
    seq = await references.next_number(kind.code, unit.id, year)
    return Number(year=year, seq=seq, text=format_number(kind, unit, year, seq))
