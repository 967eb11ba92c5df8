"""Rows -> CSV or XLSX bytes that open in Excel as they should, the same bytes every time.

CSV follows the language of the engagement: Swedish Excel expects `;` between cells and a
decimal comma, English Excel `,` and a decimal point. Both get a UTF-8 byte-order mark, without
which Excel reads åäö as Windows-1252. XLSX stores every text cell as a string, so no text is
ever run as a formula, and fixes every timestamp (document properties and zip entries) to the
time it is given, so two exports of the same engagement are byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...analysis.sheet import InitiativeChange, cell_of
from ...sheet import CellValue, column_letter, neutralise
from .cells import set_cell

if TYPE_CHECKING:
    from .workbook import ReadOnlySheet

BOM = "\ufeff"
SHEET_NAMES = {"sv": "Initiativ", "en": "Initiatives"}
WIDE = ("title", "description", "dropped_reason", "first_step", "visible_outcome", "motivation")
TALL = ("steps",)
_WIDTH = 60  # characters of a value shown by --dry-run
_ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip entry can carry


@dataclass(frozen=True)
class CsvStyle:
    """How a spreadsheet in one locale reads CSV: the cell separator and the decimal mark."""

    separator: str
    decimal: str


CSV_STYLES = {"sv": CsvStyle(";", ","), "en": CsvStyle(",", ".")}


def as_csv(header: Sequence[str], rows: Sequence[Sequence[CellValue]], *, style: CsvStyle) -> bytes:
    """CSV with a byte-order mark and CRLF line ends, as Excel writes it; formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=style.separator, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_csv_cell(cell, style) for cell in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")


def _csv_cell(cell: CellValue, style: CsvStyle) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return repr(cell).replace(".", style.decimal)
    if isinstance(cell, int):
        return str(cell)
    return neutralise(cell)


def as_xlsx(
    header: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    *,
    sheet_name: str,
    when: dt.datetime,
    extra: Sequence[ReadOnlySheet] = (),
) -> bytes:
    """The round-trip sheet (bold, frozen header with a filter), then the read-only `extra`
    sheets; the same bytes for the same rows."""
    import zipfile

    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from .workbook import add_sheets

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    sheet.append(list(header))
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            set_cell(sheet.cell(row=r, column=c), value)
    _style(sheet, header, len(rows))
    add_sheets(book, extra)  # after the first sheet is styled, so its bytes stay as they were
    book.properties.creator = "malmiljo"
    book.properties.created = book.properties.modified = when
    raw = io.BytesIO()
    # Not book.save(): it stamps `modified` with the clock. ExcelWriter.save closes the archive.
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _with_fixed_times(raw.getvalue(), when)


def _style(sheet: Any, header: Sequence[str], count: int) -> None:
    from openpyxl.styles import Alignment, Font

    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for i, name in enumerate(header):
        letter = column_letter(i)
        sheet[f"{letter}1"].font = bold
        wide = name in WIDE or name in TALL
        sheet.column_dimensions[letter].width = 50 if wide else 16
        if wide:
            for (cell,) in sheet.iter_rows(
                min_row=2, max_row=count + 1, min_col=i + 1, max_col=i + 1
            ):
                cell.alignment = wrapped
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{column_letter(len(header) - 1)}{count + 1}"


def _with_fixed_times(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry's timestamp set to `when` (zipfile stamps the clock)."""
    import zipfile

    stamp = max(when, _ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def fixed_time(date: dt.date | None, epoch: str | None) -> dt.datetime:
    """The time an export carries: SOURCE_DATE_EPOCH when set, else the engagement's date."""
    if epoch and epoch.strip().isdigit():
        stamp = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
        return max(stamp, _ZIP_EPOCH)
    if date is not None:
        return max(dt.datetime(date.year, date.month, date.day), _ZIP_EPOCH)
    return _ZIP_EPOCH


def changes_text(changes: Sequence[InitiativeChange], files: Mapping[str, str]) -> str:
    """Per initiative, `field: old -> new` (for a new one, `field: value`); empty when none."""
    lines: list[str] = []
    for change in changes:
        lines.append(f"{'new ' if change.created else ''}{change.ident} ({files[change.ident]})")
        for field in change.fields:
            new = one_line(field.field, field.new)
            if change.created:
                lines.append(f"  {field.field}: {_clip(new, 0)}")
                continue
            old = one_line(field.field, field.old)
            start = _first_difference(old, new)
            lines.append(f"  {field.field}: {_clip(old, start)} -> {_clip(new, start)}")
    return "\n".join(lines)


def one_line(field: str, value: Any) -> str:
    """A field's value on one line, as in its cell (steps joined by ` | `)."""
    cell = cell_of(field, value)
    if cell is None:
        return "(empty)"
    return " | ".join(str(cell).splitlines()) if field == "steps" else " ".join(str(cell).split())


def _first_difference(old: str, new: str) -> int:
    """Where to start showing two long texts so that their difference is in view."""
    same = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), None)
    same = min(len(old), len(new)) if same is None else same
    return max(same - 20, 0) if same > _WIDTH - 10 else 0


def _clip(text: str, start: int) -> str:
    shown = ("…" if start else "") + text[start:]
    return shown if len(shown) <= _WIDTH else shown[: _WIDTH - 1] + "…"
