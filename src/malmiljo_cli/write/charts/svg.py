"""Small hand-written SVG charts: vector, in the area colours, legible in print, deterministic.

Three or four chart kinds do not justify a plotting stack (matplotlib alone is ~170 MB and
0.3 s of import); each chart here is a function from plain values to an SVG string. Every
coordinate is written with one decimal so the same input gives the same bytes.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape as _escape

from ...console import printable

FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"
INK = "#222222"
GRID = "#c8c8c8"
MUTED = "#666666"
_QUADRANT_WIDTH, _QUADRANT_LEFT = 560, 56.0
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Series:
    """One line of a radar chart: a name for the legend, a colour and one value per axis."""

    name: str
    colour: str
    values: tuple[float, ...]
    dashed: bool = False
    filled: bool = False


@dataclass(frozen=True)
class Point:
    """One dot of the quadrant chart."""

    label: str
    x: float
    y: float
    colour: str


@dataclass(frozen=True)
class QuadrantLabels:
    """Axis titles and the four corner names of the effect-vs-effort chart."""

    x_title: str
    y_title: str
    top_left: str
    top_right: str
    bottom_left: str
    bottom_right: str


def escape(text: str) -> str:
    """XML text: entities for markup, and control characters (invalid in XML) made visible."""
    return _escape(printable(text))


def _f(value: float) -> str:
    """One fixed decimal, no negative zero: the same value always gives the same text."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 12,
    anchor: str = "middle",
    colour: str = INK,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{colour}" font-weight="{weight}">{escape(text)}</text>'
    )


def _lines(
    x: float, y: float, lines: Sequence[str], *, size: int, anchor: str, colour: str = INK
) -> str:
    """Several lines of text, the first baseline at `y`."""
    return "".join(
        _text(x, y + i * (size + 2), line, size=size, anchor=anchor, colour=colour)
        for i, line in enumerate(lines)
    )


def _svg(width: int, height: int, title: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" role="img">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>{body}</svg>\n'
    )


def _polygon(points: Sequence[tuple[float, float]], **attrs: str) -> str:
    coords = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    extra = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<polygon points="{coords}" {extra}/>'


def radar(
    *,
    title: str,
    axes: Sequence[str],
    series: Sequence[Series],
    low: int,
    high: int,
    axis_colours: Sequence[str] | None = None,
) -> str:
    """A radar (spider) chart with one spoke per axis and rings at every level of the scale.

    The lowest level is the first ring, not the centre, so an average at the bottom of the scale
    is still a polygon. Series are drawn in order; the last (the target) stays visible on top,
    and every series but a filled one marks its vertices. Axis labels are dark; with
    `axis_colours` a dot in each colour sits at the end of its spoke.
    """
    width, height, radius = 560, 430, 130
    cx, cy = width / 2, 200.0
    count = max(len(axes), 3)
    rings = high - low + 1

    def at(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        share = (value - low + 1) / rings if high > low else 0.0
        return cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle)

    parts = []
    for level in range(low, high + 1):
        ring = [at(i, level) for i in range(count)]
        parts.append(_polygon(ring, fill="none", stroke=GRID, stroke_width="1"))
        x, y = at(0, level)
        parts.append(_text(x + 4, y + 4, str(level), size=10, anchor="start", colour=MUTED))
    for i, name in enumerate(axes):
        x, y = at(i, high)
        parts.append(
            f'<line x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}" stroke="{GRID}"/>'
        )
        if axis_colours:
            parts.append(
                f'<circle cx="{_f(x)}" cy="{_f(y)}" r="5" fill="{axis_colours[i]}" '
                f'stroke="#ffffff" stroke-width="1"/>'
            )
        parts.append(_axis_label(i, count, name, cx, cy, radius))
    for n, s in enumerate(series):
        points = [at(i, v) for i, v in enumerate(s.values)]
        parts.append(_series_shape(s, points, marker=_MARKERS[n % len(_MARKERS)]))
    parts.append(_legend(series, y=height - 22, width=width))
    return _svg(width, height, title, "".join(parts))


_MARKERS = ("", "circle", "square")


def _series_shape(s: Series, points: Sequence[tuple[float, float]], *, marker: str) -> str:
    fill = s.colour if s.filled else "none"
    dash = ' stroke-dasharray="7 4"' if s.dashed else ""
    shape = _polygon(
        points, fill=fill, fill_opacity="0.18", stroke=s.colour, stroke_width="2.5"
    ).replace("/>", f"{dash}/>")
    return shape + "".join(_marker(marker, x, y, s.colour) for x, y in points)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3.5" fill="{colour}"/>'
    if kind == "square":
        return (
            f'<rect x="{_f(x - 4)}" y="{_f(y - 4)}" width="8.0" height="8.0" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    return ""


def _axis_label(index: int, count: int, name: str, cx: float, cy: float, radius: float) -> str:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    x = cx + (radius + 14) * math.cos(angle)
    y = cy + (radius + 14) * math.sin(angle)
    cos = math.cos(angle)
    anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    lines = textwrap.wrap(name, 24)[:3] or [""]
    if math.sin(angle) < -0.5:
        y -= (len(lines) - 1) * 14 + 2
    elif math.sin(angle) > 0.5:
        y += 10
    else:
        y -= (len(lines) - 1) * 7 - 4
    return _lines(x, y, lines, size=12, anchor=anchor, colour=INK)


def _legend(series: Sequence[Series], *, y: float, width: int) -> str:
    step = width / (len(series) + 1)
    parts = []
    for i, s in enumerate(series):
        x = step * (i + 1) - 40
        dash = ' stroke-dasharray="7 4"' if s.dashed else ""
        parts.append(
            f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x + 24)}" y2="{_f(y)}" '
            f'stroke="{s.colour}" stroke-width="2.5"{dash}/>'
        )
        parts.append(_marker(_MARKERS[i % len(_MARKERS)], x + 12, y, s.colour))
        parts.append(_text(x + 30, y + 4, s.name, anchor="start"))
    return "".join(parts)


def quadrant(
    *,
    title: str,
    points: Sequence[Point],
    labels: QuadrantLabels,
    y_range: tuple[float, float] = (1, 5),
    y_split: float = 3,
    x_split: float | None = None,
    legend: Sequence[tuple[str, str]] = (),
    note: str = "",
) -> str:
    """Effect (y) against effort (x, logarithmic), split into four named corners.

    Each point is a numbered marker (its label, e.g. the rank, keyed by the ranking table).
    Markers never overlap each other, a corner name or the frame: one that would is moved to
    the nearest free spot and joined to its true position by a thin line. `legend` lists
    (name, colour) pairs for the colours below the chart; `note`, a line under the axis title
    (which points are left out, when not all are drawn).
    """
    rows = math.ceil(len(legend) / 3)
    extra = 18 if note else 0
    width, height = _QUADRANT_WIDTH, 420 + rows * 18 + extra
    left, right, top, bottom = _QUADRANT_LEFT, 540.0, 24.0, 360.0
    xs = [p.x for p in points] or [1.0]
    lo, hi = math.log10(min(xs)) - 0.15, math.log10(max(xs)) + 0.15
    split = math.log10(x_split) if x_split else (lo + hi) / 2

    def px(value: float) -> float:
        return left + (math.log10(value) - lo) / (hi - lo) * (right - left)

    def py(value: float) -> float:
        y0, y1 = y_range[0] - 0.4, y_range[1] + 0.4
        return bottom - (value - y0) / (y1 - y0) * (bottom - top)

    mid_x, mid_y = left + (split - lo) / (hi - lo) * (right - left), py(y_split)
    parts = [
        f'<rect x="{_f(left)}" y="{_f(top)}" width="{_f(right - left)}" '
        f'height="{_f(bottom - top)}" fill="none" stroke="{GRID}"/>',
        f'<line x1="{_f(mid_x)}" y1="{_f(top)}" x2="{_f(mid_x)}" y2="{_f(bottom)}" '
        f'stroke="{MUTED}" stroke-dasharray="4 4"/>',
        f'<line x1="{_f(left)}" y1="{_f(mid_y)}" x2="{_f(right)}" y2="{_f(mid_y)}" '
        f'stroke="{MUTED}" stroke-dasharray="4 4"/>',
        _text(left + 8, top + 16, labels.top_left, anchor="start", colour=MUTED, weight="bold"),
        _text(right - 8, top + 16, labels.top_right, anchor="end", colour=MUTED, weight="bold"),
        _text(
            left + 8, bottom - 8, labels.bottom_left, anchor="start", colour=MUTED, weight="bold"
        ),
        _text(
            right - 8, bottom - 8, labels.bottom_right, anchor="end", colour=MUTED, weight="bold"
        ),
        _text((left + right) / 2, 402, labels.x_title, size=13),
        f'<text x="16" y="{_f((top + bottom) / 2)}" font-size="13" text-anchor="middle" '
        f'fill="{INK}" transform="rotate(-90 16 {_f((top + bottom) / 2)})">'
        f"{escape(labels.y_title)}</text>",
    ]
    for level in range(int(y_range[0]), int(y_range[1]) + 1):
        parts.append(
            _text(left - 8, py(level) + 4, str(level), size=11, anchor="end", colour=MUTED)
        )
    for tick in _log_ticks(lo, hi):
        parts.append(_text(px(tick), bottom + 16, _tick_text(tick), size=11, colour=MUTED))
    corners = [
        _label_box(left + 8, top + 16, 7.0 * len(labels.top_left), "start"),
        _label_box(right - 8, top + 16, 7.0 * len(labels.top_right), "end"),
        _label_box(left + 8, bottom - 8, 7.0 * len(labels.bottom_left), "start"),
        _label_box(right - 8, bottom - 8, 7.0 * len(labels.bottom_right), "end"),
    ]
    frame = (left, top, right, bottom)
    parts.extend(_markers(points, px, py, frame=frame, reserved=corners))
    if note:
        parts.append(_text((left + right) / 2, 422, note, size=11, colour=MUTED))
    parts.append(_colour_key(legend, y=426.0 + extra, width=width))
    return _svg(width, height, title, "".join(parts))


MARKER_R = 9.0


def _markers(
    points: Sequence[Point],
    px: Callable[[float], float],
    py: Callable[[float], float],
    *,
    frame: Box,
    reserved: Sequence[Box],
) -> list[str]:
    """Numbered markers, each at its point or, when taken, at the nearest free spot."""
    placed = _Grid(_GAP)
    lines: list[str] = []
    marks: list[str] = []
    for p in points:
        x, y = px(p.x), py(p.y)
        mx, my = _free_spot(x, y, placed, frame, reserved)
        placed.add(mx, my)
        if (mx, my) != (x, y):
            lines.append(
                f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(mx)}" y2="{_f(my)}" '
                f'stroke="{MUTED}" stroke-width="0.8"/>'
                f'<circle cx="{_f(x)}" cy="{_f(y)}" r="2" fill="{MUTED}"/>'
            )
        marks.append(
            f'<circle cx="{_f(mx)}" cy="{_f(my)}" r="{_f(MARKER_R)}" fill="#ffffff" '
            f'stroke="{p.colour}" stroke-width="3"/>'
            + _text(mx, my + 3.5, p.label, size=10 if len(p.label) < 3 else 8, weight="bold")
        )
    return lines + marks


_GAP = 2 * (MARKER_R + 1.5) + 2  # centre to centre: rings (3 px strokes) never touch


class _Grid:
    """Placed markers by square cells of the minimum distance: a spot only needs the markers of
    its own and the eight cells around it, so placing n markers takes about n steps, not n^2."""

    def __init__(self, size: float) -> None:
        self._size = size
        self._cells: dict[tuple[int, int], list[tuple[float, float]]] = {}

    def add(self, x: float, y: float) -> None:
        self._cells.setdefault(self._cell(x, y), []).append((x, y))

    def near(self, x: float, y: float, distance: float) -> bool:
        """Whether a placed marker lies closer than `distance` (at most the cell size)."""
        cx, cy = self._cell(x, y)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for ox, oy in self._cells.get((cx + dx, cy + dy), ()):
                    if (x - ox) ** 2 + (y - oy) ** 2 < distance**2:
                        return True
        return False

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self._size), math.floor(y / self._size)


def _free_spot(
    x: float, y: float, placed: _Grid, frame: Box, reserved: Sequence[Box]
) -> tuple[float, float]:
    """The spot nearest (x, y) inside the frame that touches no marker and no reserved box."""
    r = MARKER_R
    left, top, right, bottom = frame

    def free(cx: float, cy: float) -> bool:
        if not (left + r + 1 <= cx <= right - r - 1 and top + r + 1 <= cy <= bottom - r - 1):
            return False
        if placed.near(cx, cy, _GAP):
            return False
        box = (cx - r, cy - r, cx + r, cy + r)
        return not any(_overlap(box, b) for b in reserved)

    cx = min(max(x, left + r + 1), right - r - 1)
    cy = min(max(y, top + r + 1), bottom - r - 1)
    if free(cx, cy):
        return cx, cy
    for ring in range(1, 40):
        distance = ring * _GAP * 0.6
        steps = 8 * ring
        for k in range(steps):
            angle = 2 * math.pi * k / steps
            nx, ny = cx + distance * math.cos(angle), cy + distance * math.sin(angle)
            if free(nx, ny):
                return round(nx, 1), round(ny, 1)
    return cx, cy  # pragma: no cover - the frame holds hundreds of markers


def _colour_key(
    legend: Sequence[tuple[str, str]], *, y: float, width: int, square: bool = False
) -> str:
    """Coloured rings (or squares) with names, three to a row."""
    parts = []
    column = (width - 60) / 3
    for i, (name, colour) in enumerate(legend):
        x = 60 + (i % 3) * column
        row_y = y + (i // 3) * 18
        parts.append(
            f'<rect x="{_f(x - 6)}" y="{_f(row_y - 10)}" width="12.0" height="12.0" '
            f'fill="{colour}"/>'
            if square
            else f'<circle cx="{_f(x)}" cy="{_f(row_y - 4)}" r="6" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="3"/>'
        )
        short = name if len(name) <= 26 else name[:25].rstrip() + "…"
        parts.append(_text(x + 11, row_y, short, size=11, anchor="start"))
    return "".join(parts)


def _log_ticks(lo: float, hi: float) -> list[float]:
    ticks = []
    for power in range(math.floor(lo), math.ceil(hi) + 1):
        for mantissa in (1, 2, 5):
            value = mantissa * 10.0**power
            if lo <= math.log10(value) <= hi:
                ticks.append(value)
    return ticks


def _tick_text(value: float) -> str:
    return f"{value:.0f}" if value >= 1 else f"{value:.1f}"


def _label_box(x: float, baseline: float, width: float, anchor: str) -> Box:
    left = x if anchor == "start" else x - width
    return (left, baseline - 8, left + width, baseline + 2)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def trend(*, title: str, laps: Sequence[str], series: Sequence[Series], y_title: str) -> str:
    """A line per series over the laps (x), from zero up; a dot and the value at each lap."""
    width, height = 560, 320
    left, right, top, bottom = 56.0, 530.0, 20.0, 240.0
    peak = max([v for s in series for v in s.values] + [1.0])
    step = _nice_step(peak)
    ceiling = step * math.ceil(peak / step)

    def px(index: int) -> float:
        return left + (right - left) * (index + 0.5) / max(len(laps), 1)

    def py(value: float) -> float:
        return bottom - value / ceiling * (bottom - top)

    parts = []
    for k in range(round(ceiling / step) + 1):
        y = py(k * step)
        parts.append(
            f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(right)}" y2="{_f(y)}" stroke="{GRID}"/>'
        )
        parts.append(_text(left - 8, y + 4, f"{k * step:g}", size=11, anchor="end", colour=MUTED))
    for i, lap in enumerate(laps):
        parts.append(_text(px(i), bottom + 18, lap, size=12))
    for k, s in enumerate(series):
        # The first series labels its values above the dots, the others below, so none collide.
        offset = -8 if k == 0 else 16
        points = " ".join(f"{_f(px(i))},{_f(py(v))}" for i, v in enumerate(s.values))
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{s.colour}" stroke-width="2.5"{dash}/>'
        )
        for i, v in enumerate(s.values):
            parts.append(f'<circle cx="{_f(px(i))}" cy="{_f(py(v))}" r="4" fill="{s.colour}"/>')
            parts.append(_text(px(i), py(v) + offset, f"{v:g}", size=11, colour=s.colour))
    parts.append(
        f'<text x="16" y="{_f((top + bottom) / 2)}" font-size="13" text-anchor="middle" '
        f'fill="{INK}" transform="rotate(-90 16 {_f((top + bottom) / 2)})">'
        f"{escape(y_title)}</text>"
    )
    parts.append(_legend(series, y=height - 22, width=width))
    return _svg(width, height, title, "".join(parts))


def _nice_step(peak: float) -> float:
    """A round grid step giving four to ten lines up to `peak`."""
    magnitude = 10 ** math.floor(math.log10(peak)) if peak > 0 else 1
    for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        step = magnitude * factor
        if peak / step <= 8:
            return float(step)
    return float(magnitude * 10)


@dataclass(frozen=True)
class Bar:
    """One initiative in the roadmap timeline: its label, its wave (from 1) and its colour."""

    label: str
    column: int
    colour: str


def timeline(*, title: str, columns: Sequence[str], bars: Sequence[Bar]) -> str:
    """The roadmap as a timeline: one column per wave, one bar per initiative in its wave."""
    label_width, col_width, row, top = 250.0, 100.0, 20.0, 30.0
    width = int(label_width + col_width * max(len(columns), 1) + 10)
    height = int(top + row * max(len(bars), 1) + 10)
    parts = []
    for i, name in enumerate(columns):
        x = label_width + i * col_width
        parts.append(
            f'<rect x="{_f(x)}" y="{_f(top - 4)}" width="{_f(col_width)}" '
            f'height="{_f(height - top - 2)}" fill="{"#f5f5f5" if i % 2 == 0 else "#ffffff"}"/>'
        )
        parts.append(_text(x + col_width / 2, top - 12, name, size=12, weight="bold"))
    for n, bar in enumerate(bars):
        y = top + n * row
        label = bar.label if len(bar.label) <= 44 else bar.label[:42].rstrip() + "…"
        parts.append(_text(label_width - 8, y + 13, label, size=11, anchor="end"))
        x = label_width + (bar.column - 1) * col_width + 6
        parts.append(
            f'<rect x="{_f(x)}" y="{_f(y + 3)}" width="{_f(col_width - 12)}" height="{_f(row - 6)}" '
            f'rx="3" fill="{bar.colour}"/>'
        )
    return _svg(width, height, title, "".join(parts))


@dataclass(frozen=True)
class GanttRow:
    """One initiative on the calendar: weeks numbered from 1, both ends included."""

    label: str
    first: int
    last: int
    colour: str
    late: bool = False
    now: bool = False  # its first step is due in week 1 (the method's "immediate")


@dataclass(frozen=True)
class GanttLabels:
    """The words of the Gantt chart, already in the report's language."""

    ticks: tuple[tuple[float, str], ...]  # (week position, from 1.0 at the lap's start, label)
    lap_end: str
    today: str = ""
    today_at: float | None = None  # week position of the engagement's date
    now: str = ""
    late: str = ""


GANTT_LABEL_CHARS = 38
GANTT_WIDTH = 820


def gantt(*, title: str, rows: Sequence[GanttRow], weeks: int, labels: GanttLabels) -> str:
    """The plan on a dated calendar: full titles (wrapped) on the left, a bar per initiative."""
    span = max([weeks, *(r.last for r in rows)])
    wrapped = [textwrap.wrap(r.label, GANTT_LABEL_CHARS) or [""] for r in rows]
    label_width = 8.0 + 6.2 * max((len(line) for w in wrapped for line in w), default=10)
    left, top, right = label_width + 12.0, 44.0, 16.0
    per_week = (GANTT_WIDTH - left - right) / span
    heights = [10.0 + 14.0 * len(w) for w in wrapped]
    legend_y = top + sum(heights) + 22
    height = int(legend_y + 22)

    def x(week: float) -> float:
        return left + (week - 1.0) * per_week

    parts = [_gantt_grid(labels, x, top, legend_y - 16, span, weeks)]
    y = top
    for row, lines, h in zip(rows, wrapped, heights, strict=True):
        parts.append(_lines(left - 10, y + 15, lines, size=12, anchor="end"))
        bar = (
            f'<rect x="{_f(x(row.first))}" y="{_f(y + 4)}" '
            f'width="{_f((row.last - row.first + 1) * per_week)}" height="{_f(h - 8)}" rx="3" '
            f'fill="{row.colour}" stroke="{INK if row.late else "none"}" '
            f'stroke-dasharray="{"4 2" if row.late else "none"}"/>'
        )
        parts.append(bar)
        if row.now:
            cx, cy = x(row.first) + 6, y + h / 2
            parts.append(
                _polygon(
                    [(cx - 5, cy), (cx, cy - 5), (cx + 5, cy), (cx, cy + 5)],
                    fill="#ffffff",
                    stroke=INK,
                    stroke_width="1.5",
                )
            )
        y += h
    parts.append(_gantt_legend(labels, left, legend_y, rows))
    return _svg(GANTT_WIDTH, height, title, "".join(parts))


def _gantt_grid(
    labels: GanttLabels,
    x: Callable[[float], float],
    top: float,
    bottom: float,
    span: int,
    weeks: int,
) -> str:
    parts = []
    for at, text in labels.ticks:
        parts.append(
            f'<line x1="{_f(x(at))}" y1="{_f(top - 6)}" x2="{_f(x(at))}" y2="{_f(bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_text(x(at) + 3, top - 10, text, size=11, anchor="start", colour=MUTED))
    end = x(weeks + 1.0)
    parts.append(
        f'<line x1="{_f(end)}" y1="{_f(top - 6)}" x2="{_f(end)}" y2="{_f(bottom)}" '
        f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="6 3"/>'
    )
    parts.append(_text(end - 3, bottom + 12, labels.lap_end, size=11, anchor="end", colour=INK))
    if labels.today_at is not None and 1.0 <= labels.today_at <= span + 1:
        at = x(labels.today_at)
        parts.append(
            f'<line x1="{_f(at)}" y1="{_f(top - 26)}" x2="{_f(at)}" y2="{_f(bottom)}" '
            f'stroke="#c0392b" stroke-width="1.5"/>'
        )
        parts.append(
            _text(at + 3, top - 28, labels.today, size=11, anchor="start", colour="#a93226")
        )
    return "".join(parts)


def _gantt_legend(labels: GanttLabels, left: float, y: float, rows: Sequence[GanttRow]) -> str:
    items = []
    if any(r.now for r in rows):
        items.append(
            _polygon(
                [(left, y - 4), (left + 5, y - 9), (left + 10, y - 4), (left + 5, y + 1)],
                fill="#ffffff",
                stroke=INK,
                stroke_width="1.5",
            )
            + _text(left + 16, y, labels.now, size=11, anchor="start")
        )
        left += 22 + 6.2 * len(labels.now)
    if any(r.late for r in rows):
        items.append(
            f'<rect x="{_f(left)}" y="{_f(y - 10)}" width="18" height="11" fill="#ffffff" '
            f'stroke="{INK}" stroke-dasharray="4 2"/>'
            + _text(left + 24, y, labels.late, size=11, anchor="start")
        )
    return "".join(items)


@dataclass(frozen=True)
class Tally:
    """One bar of the vote tally: an initiative's title, its dots and its area colour."""

    label: str
    value: int
    colour: str


def tally(
    *, title: str, bars: Sequence[Tally], unit: str, legend: Sequence[tuple[str, str]] = ()
) -> str:
    """Horizontal bars, most votes first, the count written at the end of each bar."""
    label_width, bar_width, row, top = 250.0, 270.0, 20.0, 8.0
    width = int(label_width + bar_width + 40)
    rows = math.ceil(len(legend) / 3)
    height = int(top + row * max(len(bars), 1) + 24 + rows * 18)
    peak = max((b.value for b in bars), default=1) or 1
    parts = []
    for n, bar in enumerate(bars):
        y = top + n * row
        label = bar.label if len(bar.label) <= 44 else bar.label[:42].rstrip() + "…"
        parts.append(_text(label_width - 8, y + 13, label, size=11, anchor="end"))
        length = max(bar_width * bar.value / peak, 1.0)
        parts.append(
            f'<rect x="{_f(label_width)}" y="{_f(y + 3)}" width="{_f(length)}" '
            f'height="{_f(row - 6)}" fill="{bar.colour}"/>'
        )
        parts.append(
            _text(label_width + length + 4, y + 13, str(bar.value), size=11, anchor="start")
        )
    axis_y = top + row * len(bars) + 16
    parts.append(_text(label_width, axis_y, unit, size=11, anchor="start", colour=MUTED))
    parts.append(_colour_key(legend, y=axis_y + 20, width=width, square=True))
    return _svg(width, height, title, "".join(parts))


@dataclass(frozen=True)
class FrontierLabels:
    """Words of the frontier chart: axis titles and the label at the plan's dot."""

    x_title: str
    y_title: str
    plan: str
    budget: str


def frontier(
    *,
    title: str,
    steps: Sequence[tuple[float, float]],
    end: float,
    plan: tuple[float, float],
    budget: float,
    labels: FrontierLabels,
) -> str:
    """The best plan's value (y) against person-days (x) as a step line from the first step to
    `end`; a dot at each step, the lap's plan marked, the budget as a dashed line."""
    width, height = 560, 330
    left, right, top, bottom = 64.0, 530.0, 24.0, 262.0
    low = min([x for x, _ in steps] + [budget])
    high = max(end, budget, low + 1)
    peak = max([v for _, v in steps] + [plan[1], 1.0])
    step = _nice_step(peak)
    ceiling = step * math.ceil(peak / step)

    def px(x: float) -> float:
        return left + (right - left) * (x - low) / (high - low)

    def py(value: float) -> float:
        return bottom - value / ceiling * (bottom - top)

    parts = []
    for k in range(round(ceiling / step) + 1):
        y = py(k * step)
        parts.append(
            f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(right)}" y2="{_f(y)}" stroke="{GRID}"/>'
        )
        parts.append(_text(left - 8, y + 4, f"{k * step:g}", size=11, anchor="end", colour=MUTED))
    x_step = _nice_step(high - low)
    tick = x_step * math.ceil(low / x_step)
    while tick <= high + 1e-9:
        parts.append(_text(px(tick), bottom + 18, f"{tick:g}", size=11, colour=MUTED))
        tick += x_step
    path = []
    for i, (x, v) in enumerate(steps):
        following = steps[i + 1][0] if i + 1 < len(steps) else end
        path += [f"{_f(px(x))},{_f(py(v))}", f"{_f(px(following))},{_f(py(v))}"]
    parts.append(
        f'<polyline points="{" ".join(path)}" fill="none" stroke="#0072b2" stroke-width="2.5"/>'
    )
    for x, v in steps:
        parts.append(f'<circle cx="{_f(px(x))}" cy="{_f(py(v))}" r="3.5" fill="#0072b2"/>')
    bx = px(budget)
    parts.append(
        f'<line x1="{_f(bx)}" y1="{_f(top)}" x2="{_f(bx)}" y2="{_f(bottom)}" stroke="{MUTED}" '
        'stroke-dasharray="5 4"/>'
    )
    parts.append(_text(bx + 4, top + 10, labels.budget, size=11, anchor="start", colour=MUTED))
    mx, my = px(plan[0]), py(plan[1])
    parts.append(
        f'<circle cx="{_f(mx)}" cy="{_f(my)}" r="7" fill="#d55e00" stroke="#ffffff" '
        'stroke-width="2"/>'
    )
    anchor = "start" if mx < (left + right) / 2 else "end"
    dx = 10 if anchor == "start" else -10
    parts.append(_text(mx + dx, my + 18, labels.plan, size=12, anchor=anchor, weight="bold"))
    parts.append(_text((left + right) / 2, height - 20, labels.x_title, size=13))
    parts.append(
        f'<text x="16" y="{_f((top + bottom) / 2)}" font-size="13" text-anchor="middle" '
        f'fill="{INK}" transform="rotate(-90 16 {_f((top + bottom) / 2)})">'
        f"{escape(labels.y_title)}</text>"
    )
    return _svg(width, height, title, "".join(parts))
