"""The monthly report as a spreadsheet (openpyxl) and as CSV, headed in Chinese.

The same report the API answers (report.monthly_report: the frozen version
if there is one, the columns the viewer may see), laid out as the offices
file it: the unit and the month above, one row per unit below, the total last.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from api.domain.statistics.report import Report

UNIT_HEADING = "单位"
TOTAL = "合计"
OWN = "（本级）"


def title(report: Report) -> str:
    return f"{report.unit.name}{report.month.chinese()}月报"


def status_line(report: Report) -> str:
    if report.frozen is None:
        return "未报送（按现有记录计算）"
    at = report.frozen.submitted_at.strftime("%Y-%m-%d %H:%M")
    return f"第{report.frozen.version}版，报送于{at} UTC，校验值 SHA-256 {report.frozen.sha256}"


def headings(report: Report) -> list[str]:
    return [UNIT_HEADING] + [f"{c.area.zh}：{c.figure.zh}" for c in report.columns]


def table(report: Report) -> list[list[str | int]]:
    out: list[list[str | int]] = []
    for row in report.rows:
        name = row.unit_name + (OWN if row.own else "")
        out.append([name] + [report.value(row.values, c) for c in report.columns])
    out.append([TOTAL] + [report.value(report.total, c) for c in report.columns])
    return out


def filename(report: Report, suffix: str) -> str:
    return f"{report.unit.name}-{report.month}-月报.{suffix}"


def xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = report.month.chinese()
    sheet.append([title(report)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["单位", report.unit.name, "月份", report.month.chinese()])
    sheet.append([status_line(report)])
    sheet.append(headings(report))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for line in table(report):
        sheet.append(line)
    sheet.freeze_panes = "B5"
    sheet.column_dimensions["A"].width = 24
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(report: Report) -> bytes:
    """UTF-8 with a byte-order mark, so that a spreadsheet opens the Chinese right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["单位", report.unit.name, "月份", report.month.chinese()])
    writer.writerow(headings(report))
    writer.writerows(table(report))
    return ("\ufeff" + out.getvalue()).encode()
