"""What the Office formats (.pptx, .docx, .xlsx) share: the same bytes every run, safe text.

python-pptx, python-docx and openpyxl stamp the clock into zip entries and document properties,
and python-pptx's charts embed a workbook written by XlsxWriter that stamps it again. `fixed_zip`
rewrites the archive with every entry at one time, in the order the library wrote it, and sets
the embedded workbooks' creation time too. `office_text` makes engagement text safe for these
formats: control characters shown as text (XML cannot hold them), and in the cells of a chart's
workbook a formula is neutralised like in CSV.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from ...console import printable
from ..terminal.tables import csv_safe

ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip entry can carry
_CREATED = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def office_text(text: str, *, limit: int | None = None) -> str:
    """Engagement text for a slide or a page: controls made visible, at most `limit` characters."""
    shown = printable(text)
    if limit is not None and len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    return shown


def cell_text(text: str) -> str:
    """Text for a workbook cell (a chart's data sheet): visible controls, formulas neutralised."""
    return csv_safe(printable(text))


def office_time(day: dt.date | None) -> dt.datetime:
    """The time a document carries: the engagement's date at midnight, never the clock."""
    if day is None:
        return ZIP_EPOCH
    return max(dt.datetime(day.year, day.month, day.day), ZIP_EPOCH)


def drop_thumbnail(package: Any) -> None:
    """Remove the package's preview picture: it shows the library's (or the template's) sample
    page, not this document."""
    rels = getattr(package, "_rels", None) or package.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            rels.pop(rel_id)


def fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same archive with every entry stamped `when`; embedded workbooks fixed likewise."""
    stamp = max(when, ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith(".xlsx"):
                content = fixed_zip(content, when)
            elif info.filename == "docProps/core.xml":
                iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = _CREATED.sub(rb"\g<1>" + iso + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()
