"""One small table renderer for every command: columns + rows -> text, Markdown, CSV or JSON.

Cells arrive as strings already formatted by the caller (fixed decimals), so every format shows
the same figures. Cells are untrusted text from engagement files and are escaped per format.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from ...console import printable

if TYPE_CHECKING:
    from ...content.words import Words

Align = Literal["left", "right"]
TABLE_FORMATS = ("table", "json", "md", "csv")
ELLIPSIS = "…"
_GAP = "  "
_MD_SPECIAL = set("\\`*_[]<>|~&")
_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """A column: its header, alignment, and whether it may be narrowed to fit the width
    (its cells are then shortened with … or, with `wrap`, continued on the next lines)."""

    header: str
    align: Align = "left"
    shrink: bool = False
    min_width: int = 8
    wrap: bool = False


Row = Sequence[str]


def as_text(columns: Sequence[Column], rows: Sequence[Row], *, width: int = 80) -> str:
    """An aligned plain-text table that fits `width` columns, shortening shrinkable cells with …."""
    cells = [[_one_line(printable(c)) for c in row] for row in rows]
    headers = [c.header for c in columns]
    widths = _fit(
        [max([_width(h), *(_width(r[i]) for r in cells)]) for i, h in enumerate(headers)],
        columns,
        width,
    )
    lines = [_line(headers, columns, widths), _GAP.join("-" * w for w in widths)]
    for row in cells:
        lines += [_line(part, columns, widths) for part in _wrapped(row, columns, widths)]
    return "\n".join(line.rstrip() for line in lines)


def _wrapped(row: Row, columns: Sequence[Column], widths: list[int]) -> list[list[str]]:
    """One row as one or more lines: wrapping cells continue below, the others stay on line one."""
    import textwrap

    parts = [
        textwrap.wrap(cell, w, break_long_words=True) or [""] if col.wrap else [cell]
        for cell, col, w in zip(row, columns, widths, strict=True)
    ]
    height = max(len(p) for p in parts)
    return [[p[i] if i < len(p) else "" for p in parts] for i in range(height)]


def _fit(widths: list[int], columns: Sequence[Column], limit: int) -> list[int]:
    """Shrink the widest shrinkable column, one character at a time, until the table fits."""
    widths = list(widths)
    while sum(widths) + len(_GAP) * (len(widths) - 1) > limit:
        shrinkable = [i for i, c in enumerate(columns) if c.shrink and widths[i] > c.min_width]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
    return widths


def _line(row: Row, columns: Sequence[Column], widths: list[int]) -> str:
    parts = []
    for cell, column, w in zip(row, columns, widths, strict=True):
        text = _clip(cell, w)
        pad = " " * (w - _width(text))
        parts.append(pad + text if column.align == "right" else text + pad)
    return _GAP.join(parts)


def _clip(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out) + ELLIPSIS


def _width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def _one_line(text: str) -> str:
    return " ".join(text.split())


def as_markdown(columns: Sequence[Column], rows: Sequence[Row]) -> str:
    """A GitHub-flavoured Markdown table; cell text cannot break out of its cell or add markup."""
    header = "| " + " | ".join(md_escape(c.header) for c in columns) + " |"
    rule = "|" + "|".join("---:" if c.align == "right" else "---" for c in columns) + "|"
    body = ["| " + " | ".join(md_escape(cell) for cell in row) + " |" for row in rows]
    return "\n".join([header, rule, *body])


def md_escape(text: str) -> str:
    """Backslash-escape Markdown punctuation and fold newlines, for one table cell or inline text."""
    flat = _one_line(printable(text))
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in flat)


def as_csv(columns: Sequence[Column], rows: Sequence[Row]) -> str:
    """RFC 4180 CSV with a header; cells a spreadsheet would run as formulas are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_safe(c.header) for c in columns])
    writer.writerows([csv_safe(printable(cell)) for cell in row] for row in rows)
    return out.getvalue().rstrip("\n")


def csv_safe(text: str) -> str:
    """Prefix a quote to text starting like a formula (=, +, -, @, tab, CR); numbers stay as they are."""
    if text.startswith(_CSV_TRIGGERS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lower() not in ("nan", "inf", "-inf", "+inf")


def as_json(data: Any) -> str:
    """Indented JSON with åäö as written (not \\u escapes) and a stable key order."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def render(
    fmt: str, columns: Sequence[Column], rows: Sequence[Row], *, data: Any = None, width: int = 80
) -> str:
    """The table in `fmt` (table, md, csv, json); JSON uses `data` when given, else the rows."""
    if fmt == "table":
        return as_text(columns, rows, width=width)
    if fmt == "md":
        return as_markdown(columns, rows)
    if fmt == "csv":
        return as_csv(columns, rows)
    if fmt == "json":
        if data is None:
            data = [dict(zip((c.header for c in columns), row, strict=True)) for row in rows]
        return as_json(data)
    raise ValueError(f"unknown table format {fmt!r}")


def titled(columns: Sequence[Column], say: Words) -> list[Column]:
    """The columns with their heads in `say`'s language."""
    return [replace(c, header=say(c.header)) for c in columns]
