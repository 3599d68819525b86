"""The wording of one document, as its area supplies it, checked before it is numbered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from api.domain.common.errors import BadInput
from api.domain.common.validators import proper_name, text
from api.domain.documents import render

MAX_PARAGRAPHS = 200
MAX_FIELDS = 60
MAX_COPIES = 20


@dataclass(frozen=True)
class Content:
    """What the document says; printed as given (the areas write their own wording).

    `signatures` are the lines of the signature block above the date, e.g.
    "青山县社区矫正机构（印章）"; empty, the issuing unit's name and （印章）.
    `copies` prints the document once per label, e.g. one per party and the
    file copy of a mediation agreement ("甲方执", "乙方执", "存档"); empty,
    once without a label.
    """

    title: str
    paragraphs: Sequence[str]
    addressee: str | None = None
    fields: Sequence[tuple[str, str]] = ()
    signatures: Sequence[str] = ()
    copies: Sequence[str] = field(default=())

    def checked(self) -> Content:
        """Cleaned by the validators every text input goes through; BAD_USER_INPUT
        for what cannot be printed, before any number is taken."""
        if not 1 <= len(self.paragraphs) <= MAX_PARAGRAPHS:
            raise BadInput("DOCUMENT_PARAGRAPHS", field="paragraphs", max=MAX_PARAGRAPHS)
        if len(self.fields) > MAX_FIELDS:
            raise BadInput("DOCUMENT_FIELDS", field="fields", max=MAX_FIELDS)
        if len(self.copies) > MAX_COPIES:
            raise BadInput("DOCUMENT_COPIES", field="copies", max=MAX_COPIES)
        checked = Content(
            title=proper_name(self.title, "title", max_len=100),
            paragraphs=[
                text(p, f"paragraphs.{i}", max_len=5000) for i, p in enumerate(self.paragraphs)
            ],
            addressee=(
                None if self.addressee is None else text(self.addressee, "addressee", max_len=200)
            ),
            fields=[
                (
                    proper_name(label, f"fields.{i}.label", max_len=40),
                    text(value, f"fields.{i}.value", min_len=0, max_len=1000),
                )
                for i, (label, value) in enumerate(self.fields)
            ],
            signatures=[
                proper_name(s, f"signatures.{i}", max_len=60) for i, s in enumerate(self.signatures)
            ],
            copies=[proper_name(c, f"copies.{i}", max_len=20) for i, c in enumerate(self.copies)],
        )
        for name, value in checked._texts():
            if missing := render.unprintable(value):
                raise BadInput(
                    "DOCUMENT_UNPRINTABLE",
                    field=name,
                    characters=" ".join(f"U+{ord(ch):04X}" for ch in sorted(missing)),
                )
        return checked

    def _texts(self) -> list[tuple[str, str]]:
        texts = [("title", self.title)]
        texts += [(f"paragraphs.{i}", p) for i, p in enumerate(self.paragraphs)]
        if self.addressee is not None:
            texts.append(("addressee", self.addressee))
        for i, (label, value) in enumerate(self.fields):
            texts += [(f"fields.{i}.label", label), (f"fields.{i}.value", value)]
        texts += [(f"signatures.{i}", s) for i, s in enumerate(self.signatures)]
        texts += [(f"copies.{i}", c) for i, c in enumerate(self.copies)]
        return texts
