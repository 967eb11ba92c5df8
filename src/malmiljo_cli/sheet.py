"""Spreadsheet files -> rows of cells with their places (`initiatives.xlsx:Initiativ!D7`).

CSV comes from many tools: Excel in Sweden writes `;` between cells and, as "CSV UTF-8", a
byte-order mark; elsewhere `,` is usual. So reading decodes UTF-8 with or without the mark
(Windows-1252, Excel's other CSV, as a fallback) and takes the separator that fits the rows.
Text cells that a spreadsheet would run as a formula are written with a `'` in front
(`neutralise`); reading takes it away again (`restore`), so a round trip gives the same text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import MalmiljoError, UsageError
from .write.terminal.tables import csv_safe

CellValue = str | int | float | None
SUFFIXES = (".xlsx", ".csv")
SEPARATORS = (";", ",", "\t")
_QUOTE = "'"


@dataclass(frozen=True)
class Sheet:
    """The header and data rows of one sheet; `number` is the row as the spreadsheet shows it."""

    display: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[CellValue, ...]], ...]

    def where(self, row: int, column: int) -> str:
        """`file:sheet!D7` for the cell in spreadsheet row `row` and 0-based `column`."""
        return f"{self.display}!{column_letter(column)}{row}"


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def neutralise(text: str) -> str:
    """Text for a CSV cell: a `'` before anything a spreadsheet would run as a formula.

    Text that already starts with `'` before such a character (or another `'`) gets one more,
    so `restore` can always take exactly one away.
    """
    if _formula(text) or (text.startswith(_QUOTE) and _at_risk(text[1:])):
        return _QUOTE + text
    return text


def restore(text: str) -> str:
    """The text `neutralise` was given."""
    return text[1:] if text.startswith(_QUOTE) and _at_risk(text[1:]) else text


def _formula(text: str) -> bool:
    return csv_safe(text) != text


def _at_risk(text: str) -> bool:
    return _formula(text) or text.startswith(_QUOTE)


def read_sheet(path: Path) -> Sheet:
    """The first sheet of an .xlsx file, or a .csv file, as a header and data rows."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"'{path}' is neither .xlsx nor .csv; give a spreadsheet file")
    if not path.is_file():
        raise UsageError(f"there is no file '{path}'")
    if suffix == ".xlsx":
        return _xlsx(path)
    return _from_rows(str(path), csv_rows(path))


def csv_rows(path: Path) -> list[list[str]]:
    """Every record of a CSV file, whatever its separator, decoding and byte-order mark."""
    text = _decode(path.read_bytes())
    separator = max(SEPARATORS, key=lambda sep: _fit(text, sep))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        # Excel ends rows with CRLF and lines inside a cell with LF; the files want LF only.
        return [[restore(cell.replace("\r\n", "\n")) for cell in record] for record in reader]
    except csv.Error as exc:
        raise MalmiljoError(f"{path}:{reader.line_num}: not readable as CSV: {exc}") from None


def _fit(text: str, separator: str) -> tuple[bool, int]:
    """How well a separator fits: the first records all as wide as the header, then the width.

    Counting separators on the header line alone fails on survey questions full of commas.
    """
    from itertools import islice

    try:
        records = list(islice(csv.reader(io.StringIO(text, newline=""), delimiter=separator), 20))
    except csv.Error:
        return (False, 0)
    width = len(records[0]) if records else 0
    return (width > 1 and all(len(r) in (0, width) for r in records), width)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _xlsx(path: Path) -> Sheet:
    import zipfile

    from openpyxl import load_workbook

    try:
        # Formulas come back as their text (`=A1*2`), which then fails like any bad value.
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise MalmiljoError(f"{path} is not a readable .xlsx workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        rows = [[_xlsx_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        return _from_rows(f"{path}:{sheet.title}", rows)
    finally:
        book.close()


def _xlsx_value(value: Any) -> CellValue:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):  # before int: True is an int in Python
        return str(value).upper()
    if isinstance(value, int | float):
        return value
    return str(value)  # dates and times: text, which then fails like any bad value


def _from_rows(display: str, rows: Sequence[Sequence[CellValue]]) -> Sheet:
    if not rows:
        raise MalmiljoError(f"{display} is empty; it needs a header row with the field names")
    header = tuple(_header(cell) for cell in rows[0])
    while header and not header[-1]:
        header = header[:-1]
    width = len(header)
    body = []
    for number, row in enumerate(rows[1:], start=2):
        cells = (*row[:width], *([None] * (width - len(row))))
        if any(present(cell) for cell in cells):
            body.append((number, tuple(cells)))
    return Sheet(display=display, header=header, rows=tuple(body))


def _header(cell: CellValue) -> str:
    return "" if cell is None else str(cell).strip()


def present(cell: CellValue) -> bool:
    """Whether a cell holds something other than spaces."""
    return cell is not None and not (isinstance(cell, str) and not cell.strip())
