"""`malmiljo graph`: the colour-coded initiative map, as DOT, SVG, PNG or PDF."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .. import console
from ..analysis.graph import Selector, parse_selector
from ..analysis.initiative_map import initiative_map
from ..errors import UsageError
from ..messages import unknown_id
from ..models import Engagement
from ..validate import read_engagement
from ..write.map.dot import to_dot
from ..write.map.drawing import BINARY, FORMATS, draw
from ..writer import write_bytes
from ._common import plan_members


def graph(
    engagement: Path,
    *,
    out: Path | None = None,
    fmt: str | None = None,
    select: str | None = None,
    area: str | None = None,
    capabilities: bool = False,
    status: str = "active",
    lang: str | None = None,
) -> int:
    """Draw the initiative map to `out` (or stdout for text formats)."""
    fmt = _format(fmt, out)
    eng = read_engagement(engagement)
    view = initiative_map(
        eng,
        selector=_selector(eng, select, dropped_shown=status == "all"),
        area=_area(eng, area),
        include_dropped=status == "all",
        capabilities=capabilities,
        plan=plan_members(eng),
    )
    source = to_dot(eng, view, lang=lang or eng.meta.language)
    drawing = draw(source, fmt, date=_date(eng))
    for line in drawing.messages:
        console.message(f"graphviz: {console.printable(line)}")
    if out is None:
        console.data(drawing.data.decode("utf-8"))
    else:
        write_bytes(out, drawing.data)
        console.message(
            f"wrote {console.printable(str(out))} ({len(view.initiatives)} initiatives, {drawing.engine})"
        )
    return 0


def _format(fmt: str | None, out: Path | None) -> str:
    """The explicit format, else the output file's suffix, else SVG."""
    suffix = out.suffix.lstrip(".").lower() if out is not None else ""
    if fmt and suffix in FORMATS and suffix != fmt:
        raise UsageError(f"--format {fmt} does not match the file name '{out}'; drop one of them")
    chosen = fmt or suffix or "svg"
    if chosen not in FORMATS:
        raise UsageError(f"unknown format '{chosen}'; choose one of {', '.join(FORMATS)}")
    if chosen in BINARY and out is None:
        raise UsageError(f"{chosen} is binary; give a file with -o, e.g. -o map.{chosen}")
    return chosen


def _selector(eng: Engagement, expr: str | None, *, dropped_shown: bool) -> Selector | None:
    if expr is None:
        return None
    try:
        selector = parse_selector(expr)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    if selector.id not in eng.initiative_by_id:
        raise UsageError(unknown_id("initiative", selector.id, list(eng.initiative_by_id)))
    if eng.initiative_by_id[selector.id].status == "dropped" and not dropped_shown:
        raise UsageError(f"'{selector.id}' is dropped; add --status all to draw it")
    return selector


def _area(eng: Engagement, area: str | None) -> str | None:
    if area is not None and area not in eng.area_by_id:
        raise UsageError(unknown_id("area", area, list(eng.area_by_id)))
    return area


def _date(eng: Engagement) -> dt.date:
    """The engagement's date, else SOURCE_DATE_EPOCH, else a fixed day: never the clock."""
    if eng.meta.date is not None:
        return eng.meta.date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date(2000, 1, 1)
