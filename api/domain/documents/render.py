"""A document as a PDF that prints on A4, its CJK font embedded.

fpdf2 lays it out and embeds only the glyphs the document uses (it subsets
the font with fontTools), so a one-page document is some ten kilobytes and
opens the same on every reader, with no font installed. The font is Noto
Serif SC for the text and Noto Sans SC (a 黑体) for the title and the field
labels, both SIL Open Font License 1.1, from the pylopdf-fonts-zh-cn package
(README.md, "Documents", says why).

The page follows GB/T 9704-2012 (公文格式): A4, margins 37 mm top, 28 mm
left, 26 mm right, 35 mm bottom (a text area of 156 x 225 mm), body text in
三号 (16 pt) with 22 lines to a page, the issuing unit in red above a red
rule, the number under it, the page number as "— 1 —" 7 mm below the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

import pylopdf_fonts_zh_cn as zh_fonts
from fontTools.ttLib import TTFont
from fpdf import FPDF, Align, FontFace, XPos, YPos
from fpdf.enums import WrapMode

from api.domain.documents.chinese import chinese_date

if TYPE_CHECKING:
    from api.domain.documents.content import Content

SERIF = str(zh_fonts.serif_path())
SANS = str(zh_fonts.sans_path())

MARGIN_TOP, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_BOTTOM = 37.0, 28.0, 26.0, 35.0
TEXT_WIDTH = 210.0 - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
PT = 25.4 / 72  # millimetres per point
BODY_PT, TITLE_PT, LETTERHEAD_PT, SMALL_PT = 16, 22, 26, 12
LINE = 225.0 / 22  # 22 lines of body text to the page
TITLE_LINE = TITLE_PT * PT * 1.5
RED = (204, 0, 0)
INDENT = "\u3000\u3000"  # a paragraph opens two ideographic spaces in
# Punctuation that never opens a line (GB/T 15834 and the usual 避头点 rule):
# it hangs into the right margin instead, as Chinese typesetting allows.
NO_LINE_START = frozenset("，。、；：？！）》〉」』】〕”’…—·%,.;:?!)")


@cache
def _printable() -> frozenset[int]:
    """The code points both fonts have glyphs for (read once: their cmap tables only)."""
    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in (SERIF, SANS)]
    return frozenset(maps[0] & maps[1])


def unprintable(value: str) -> set[str]:
    """The characters of `value` the document fonts cannot print."""
    printable = _printable()
    return {ch for ch in value if ch != "\n" and ord(ch) not in printable}


class _Page(FPDF):
    """The copy label in the top margin and the page number of the copy in the bottom one."""

    copy_label: str | None = None
    copy_first_page = 1

    def header(self) -> None:
        if self.copy_label:
            self.set_font("sans", size=SMALL_PT)
            self.set_text_color(0)
            self.set_xy(MARGIN_LEFT, 20)
            self.cell(TEXT_WIDTH, SMALL_PT * PT, self.copy_label, align=Align.R)
            self.set_xy(MARGIN_LEFT, MARGIN_TOP)

    def footer(self) -> None:
        self.set_y(297.0 - MARGIN_BOTTOM + 7)
        self.set_font("serif", size=14)
        self.set_text_color(0)
        number = self.page_no() - self.copy_first_page + 1
        self.cell(0, 14 * PT, f"— {number} —", align=Align.C)


def render(
    *, letterhead: str, number: str, content: Content, issued_at: datetime, issued_on: date
) -> bytes:
    """The PDF of `content` (already checked), issued by `letterhead` as `number`.

    The same arguments give the same bytes: nothing in the file depends on
    when it was rendered but the issue time it is given.
    """
    pdf = _Page(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
    pdf.add_font("serif", "", SERIF)
    pdf.add_font("sans", "", SANS)
    pdf.set_lang("zh-CN")
    pdf.set_title(f"{content.title} {number}")
    pdf.set_author(letterhead)
    pdf.set_creator("sifasuo")
    pdf.set_creation_date(issued_at)
    labels: Sequence[str | None] = content.copies or [None]
    for label in labels:
        _copy(pdf, label, letterhead, number, content, chinese_date(issued_on))
    return bytes(pdf.output())


def _copy(
    pdf: _Page, label: str | None, letterhead: str, number: str, content: Content, day: str
) -> None:
    pdf.copy_label = label
    pdf.add_page()
    pdf.copy_first_page = pdf.page_no()
    _head(pdf, letterhead, number)
    pdf.set_font("sans", size=TITLE_PT)
    pdf.multi_cell(
        TEXT_WIDTH, TITLE_LINE, content.title, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(LINE / 2)
    pdf.set_font("serif", size=BODY_PT)
    if content.addressee:
        pdf.multi_cell(TEXT_WIDTH, LINE, content.addressee, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for paragraph in content.paragraphs:
        for line in _lines(pdf, INDENT + paragraph, TEXT_WIDTH):
            pdf.cell(TEXT_WIDTH, LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if content.fields:
        pdf.ln(LINE / 2)
        _fields(pdf, content.fields)
    _signature(pdf, content.signatures or [f"{letterhead}（印章）"], day)


def _lines(pdf: _Page, text: str, width: float) -> list[str]:
    """`text` broken into lines of at most `width` in the current font.

    Chinese breaks between any two characters (fpdf2 would break only at
    spaces, and put a paragraph's indent on a line of its own); a line never
    opens with closing punctuation, which hangs at the end of the line before.
    """
    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            fits = pdf.get_string_width(line + ch) <= width
            if fits or not line or ch in NO_LINE_START:
                line += ch
            else:
                lines.append(line)
                line = ch
        lines.append(line)
    return lines


def _head(pdf: _Page, letterhead: str, number: str) -> None:
    """版头: the unit in red, the number, a red rule across the text area."""
    pdf.set_text_color(*RED)
    pdf.set_font("serif", size=LETTERHEAD_PT)
    pdf.multi_cell(
        TEXT_WIDTH,
        LETTERHEAD_PT * PT * 1.4,
        letterhead,
        align=Align.C,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(LINE / 2)
    pdf.set_text_color(0)
    pdf.set_font("serif", size=BODY_PT)
    pdf.cell(TEXT_WIDTH, LINE, number, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    rule_y = pdf.get_y() + 4
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN_LEFT, rule_y, MARGIN_LEFT + TEXT_WIDTH, rule_y)
    pdf.set_draw_color(0)
    pdf.set_y(rule_y + LINE)


def _fields(pdf: _Page, fields: Sequence[tuple[str, str]]) -> None:
    pdf.set_line_width(0.2)
    pdf.set_font("serif", size=14)
    label_face = FontFace(family="sans", size_pt=14)
    with pdf.table(
        col_widths=(44, TEXT_WIDTH - 44),
        width=TEXT_WIDTH,
        first_row_as_headings=False,
        line_height=14 * PT * 1.6,
        padding=2,
        text_align=(Align.C, Align.L),
        wrapmode=WrapMode.CHAR,
    ) as table:
        for label, value in fields:
            row = table.row()
            row.cell(label, style=label_face)
            row.cell(value)


def _signature(pdf: _Page, lines: Sequence[str], day: str) -> None:
    """Signature and date to the right, two characters in from the margin, with
    room above for the seal; kept together on one page."""
    room = LINE * 2
    if pdf.get_y() + room + LINE * (len(lines) + 1) > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font("serif", size=BODY_PT)
    pdf.ln(room)
    width = TEXT_WIDTH - 2 * BODY_PT * PT
    for line in [*lines, day]:
        pdf.cell(width, LINE, line, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
