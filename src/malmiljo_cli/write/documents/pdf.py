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
import math
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from ...console import printable
from ...content.context import Chart, Logo, ReportContext
from ...errors import MalmiljoError

PDF_FONT = "Source Sans Pro, DejaVu Sans"
_FONT_FAMILY = re.compile(r'font-family="[^"]*"')
# Large inline data a template never needs from JSON: charts arrive as their own inputs.
_DROP = {Chart: {"svg", "plot"}, Logo: {"data_uri"}}


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
    if isinstance(value, str):
        return printable(value)  # control and bidi characters as text, as in every output
    return value


# The map's landscape page: A4 landscape less the margins the template sets, less a heading.
MAP_AREA = (297 - 24) / 25.4 * 72, (210 - 20 - 16) / 25.4 * 72 - 40
MAP_MIN_SCALE = 0.75  # the map's 11 pt titles stay above 8 pt on paper
# Beyond this many tiles the PDF names the map's file instead of drawing it: every tile embeds
# the whole drawing (a 2,000-initiative map in 236 tiles made a 393 MiB PDF and 5 GB of memory),
# and shrunk onto one page it is illegible and still costs Typst 120 MB.
MAP_MAX_TILES = 6
_SIZE = re.compile(r'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"')


def map_tiles(svg: str) -> list[dict[str, float]]:
    """How the map goes on landscape pages: fitted when its titles stay 8 pt or more, else cut
    into overlapping tiles at that scale; more than MAP_MAX_TILES of those, and none (the map's
    own file beside the report holds it). Each tile: the drawing's width and the offset to
    show."""
    found = _SIZE.search(svg)
    if found is None:
        return [{"width": MAP_AREA[0], "height": MAP_AREA[1], "dx": 0.0, "dy": 0.0}]
    w, h = float(found.group(1)), float(found.group(2))
    aw, ah = MAP_AREA
    scale = max(min(1.0, aw / w, ah / h), MAP_MIN_SCALE)
    width, height = w * scale, h * scale
    cols, rows = math.ceil(width / aw - 1e-6), math.ceil(height / ah - 1e-6)

    def offsets(size: float, room: float, count: int) -> list[float]:
        if count <= 1:
            return [0.0]
        return [round(k * (size - room) / (count - 1), 1) for k in range(count)]

    if cols * rows > MAP_MAX_TILES:
        return []  # the map's own file holds it (see MAP_MAX_TILES)
    return [
        {"width": round(width, 1), "height": round(height, 1), "dx": dx, "dy": dy}
        for dy in offsets(height, ah, rows)
        for dx in offsets(width, aw, cols)
    ]


def map_fit(svg: str) -> dict[str, float]:
    """A map part's size on its landscape page: whole, shrunk to fit, never enlarged."""
    found = _SIZE.search(svg)
    aw, ah = MAP_AREA[0], MAP_AREA[1] - 30  # room for the part's own heading too
    if found is None:
        return {"width": round(aw, 1), "height": round(ah, 1), "scale": 1.0}
    w, h = float(found.group(1)), float(found.group(2))
    scale = min(1.0, aw / w, ah / h)
    return {"width": round(w * scale, 1), "height": round(h * scale, 1), "scale": round(scale, 3)}


def typst_inputs(ctx: ReportContext, day: dt.date | None) -> dict[str, str]:
    """`sys.inputs` for the Typst source: the context as JSON and every chart's SVG."""
    tiles = map_tiles(ctx.map.svg) if ctx.map else []
    data = {
        "report": plain(ctx),
        "date": [day.year, day.month, day.day] if day else None,
        "map_tiles": tiles,
        "map_elsewhere": ctx.map is not None and not tiles,
        "map_file": ctx.map.filename if ctx.map else "",
        "map_area": [round(v, 1) for v in MAP_AREA],
        "map_parts": [map_fit(c.svg) for c in ctx.map_parts],
    }
    inputs = {"data": json.dumps(data, ensure_ascii=False, sort_keys=True)}
    inputs.update({f"chart:{c.name}": packaged_font(c.svg) for c in ctx.charts})
    inputs.update({f"chart:{c.name}": packaged_font(c.svg) for c in ctx.map_parts})
    return inputs


def packaged_font(svg: str) -> str:
    """Draw every SVG text in the report's font; the map, laid out in the wider DejaVu Sans, fits."""
    return _FONT_FAMILY.sub(f'font-family="{PDF_FONT}"', svg)


def compile_pdf(source: str, ctx: ReportContext, *, root: Path) -> bytes:
    """Typeset `source` with the packaged fonts; `root` is the engagement folder (for the logo)."""
    import typst

    day = ctx.day
    stamp = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()) if day else 0
    inputs = typst_inputs(ctx, day)
    import gc

    gc.collect()  # hand what Python no longer holds back before Typst's peak
    with resources.as_file(resources.files("malmiljo_cli").joinpath("fonts")) as fonts:

        def run(standards: list[str]) -> Any:
            # The stub ties input, root and font paths to one type; bytes + str is valid at runtime.
            return typst.compile(  # type: ignore[call-overload]
                source.encode("utf-8"),
                root=str(root.resolve()),
                font_paths=[str(fonts)],
                ignore_system_fonts=True,
                sys_inputs=inputs,
                timestamp=stamp,
                format="pdf",
                pdf_standards=standards,
            )

        try:
            try:
                # PDF/UA-1: tagged, every figure with alternative text, DisplayDocTitle set.
                result = run(["ua-1"])
            except typst.TypstError as exc:
                if "PDF/UA-1" not in exc.message:
                    raise
                # A character neither packaged font has (an emoji in a title, say) breaks
                # PDF/UA's rule that all text is displayable; the report is still wanted.
                result = run([])
        except typst.TypstError as exc:
            raise MalmiljoError(f"the PDF template failed: {exc.message}") from exc
    if not isinstance(result, bytes):  # pragma: no cover - PDF output is one file
        raise TypeError("Typst returned pages instead of one PDF")
    return result
