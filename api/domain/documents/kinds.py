"""What a kind of document is: its area, its code and the word of its numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.models.enums import DocumentArea

# Upper case, so a document kind never meets the lower-case kinds of the
# reference numbers (api/domain/references.py) that share their counters.
_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,15}")


@dataclass(frozen=True)
class DocumentKind:
    """E.g. DocumentKind(DocumentArea.CORRECTIONS, "CORR_RELEASE", "司矫解字").

    `word` stands between the unit and the year in the number:
    青山 + 司矫解字 + 〔2026〕第3号.
    """

    area: DocumentArea
    code: str
    word: str

    def __post_init__(self) -> None:
        if not _CODE.fullmatch(self.code):
            raise ValueError(f"document kind code {self.code!r}: A-Z, 0-9 and _, at most 16")
        if not self.word or len(self.word) > 8:
            raise ValueError(f"document kind word {self.word!r}: 1 to 8 characters")
