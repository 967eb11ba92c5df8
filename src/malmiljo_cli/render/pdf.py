"""PDF with Typst: the source comes from a template, every user text arrives as JSON data.

Typst reads the context from `sys.inputs` with `json(...)`, so a title like `#sys.inputs` or
`]` is a string to it, never markup. Fonts come from the package (`malmiljo_cli/fonts`) and
system fonts are ignored, so the PDF is the same on every machine; the creation date is the
engagement's (or SOURCE_DATE_EPOCH's), so two builds are byte-identical.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import MalmiljoError
from .context import Chart, Logo, ReportContext

PDF_FONT = "Source Sans Pro, DejaVu Sans"
_FONT_FAMILY = re.compile(r'font-family="[^"]*"')
# Large inline data a template never needs from JSON: charts arrive as their own inputs.
_DROP = {Chart: {"svg"}, Logo: {"data_uri"}}


def plain(value: Any) -> Any:
    """Dataclasses, tuples and mappings as JSON-ready dicts and lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        drop = _DROP.get(type(value), set())
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in drop
        }
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def typst_inputs(ctx: ReportContext, day: dt.date | None) -> dict[str, str]:
    """`sys.inputs` for the Typst source: the context as JSON and every chart's SVG."""
    data = {
        "report": plain(ctx),
        "date": [day.year, day.month, day.day] if day else None,
    }
    inputs = {"data": json.dumps(data, ensure_ascii=False, sort_keys=True)}
    inputs.update({f"chart:{c.name}": packaged_font(c.svg) for c in ctx.charts})
    return inputs


def packaged_font(svg: str) -> str:
    """Draw every SVG text in the report's font; the map, laid out in the wider DejaVu Sans, fits."""
    return _FONT_FAMILY.sub(f'font-family="{PDF_FONT}"', svg)


def compile_pdf(source: str, ctx: ReportContext, *, root: Path) -> bytes:
    """Typeset `source` with the packaged fonts; `root` is the engagement folder (for the logo)."""
    import typst

    day = ctx.day
    stamp = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()) if day else 0
    with resources.as_file(resources.files("malmiljo_cli").joinpath("fonts")) as fonts:
        try:
            # The stub ties input, root and font paths to one type; bytes + str is valid at runtime.
            result = typst.compile(  # type: ignore[call-overload]
                source.encode("utf-8"),
                root=str(root.resolve()),
                font_paths=[str(fonts)],
                ignore_system_fonts=True,
                sys_inputs=typst_inputs(ctx, day),
                timestamp=stamp,
                format="pdf",
            )
        except typst.TypstError as exc:
            raise MalmiljoError(f"the PDF template failed: {exc.message}") from exc
    if not isinstance(result, bytes):  # pragma: no cover - PDF output is one file
        raise TypeError("Typst returned pages instead of one PDF")
    return result
