"""Native PowerPoint charts and shapes from the report's numbers: radar, bars, XY, Gantt.

Each reads a `Plot` (the numbers its SVG twin in the report is drawn from), so the deck and the
report cannot disagree; the client edits the values in PowerPoint's data sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...content.context import Plot
from .ooxml import office_text
from .slides import LINE, MUTED, Box, add_text, chart_label, ink_on, rgb


def radar(slide: Any, box: Box, plot: Plot) -> Any:
    """A radar with markers: one spoke per category, one line per series, on the level scale."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.dml import MSO_LINE
    from pptx.util import Pt

    data = CategoryChartData(number_format="0.0")
    data.categories = [chart_label(c) for c in plot.categories]
    # The dashed target last, on top: it is often equal to "after this lap" and hidden under it.
    ordered = sorted(plot.series, key=lambda s: s.dashed)
    for s in ordered:
        data.add_series(chart_label(s.name), s.values)
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.RADAR_MARKERS, box.left, box.top, box.width, box.height, data
    ).chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.font.size = Pt(11)
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = plot.low, plot.high, 1
    for s, target in zip(ordered, chart.plots[0].series, strict=True):
        target.format.line.color.rgb = rgb(s.colour)
        target.format.line.width = Pt(2.5)
        if s.dashed:
            target.format.line.dash_style = MSO_LINE.DASH
        target.marker.format.fill.solid()
        target.marker.format.fill.fore_color.rgb = rgb(s.colour)
        target.smooth = False
    return chart


def bars(slide: Any, box: Box, plot: Plot, *, title: str) -> Any:
    """Horizontal bars, one per category, largest at the top, values written at the bar ends."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Pt

    data = CategoryChartData(number_format="0")
    # PowerPoint draws a bar chart's first category at the bottom; reverse to read top-down.
    data.categories = [chart_label(c) for c in reversed(plot.categories)]
    for s in plot.series:
        data.add_series(chart_label(s.name), tuple(reversed(s.values)))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, box.left, box.top, box.width, box.height, data
    ).chart
    chart.has_legend = False
    chart.font.size = Pt(11)
    plot_area = chart.plots[0]
    plot_area.gap_width = 60
    plot_area.has_data_labels = True
    plot_area.data_labels.number_format = "0"
    plot_area.data_labels.number_format_is_linked = False
    for s, series in zip(plot.series, plot_area.series, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(s.colour)
        for i, colour in enumerate(reversed(s.colours)):
            point = series.points[i].format.fill
            point.solid()
            point.fore_color.rgb = rgb(colour)
    chart.has_title = True
    chart.chart_title.text_frame.text = chart_label(title)
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.minimum_scale = 0
    return chart


def scatter(slide: Any, box: Box, plot: Plot, key: Sequence[str]) -> Any:
    """Effect against effort: one series per area in its colour, each dot labelled with its
    rank as in the report, and `key` (rank and title) beside it: titles written at the dots
    run into each other in clusters."""
    from pptx.chart.data import XyChartData
    from pptx.enum.chart import (
        XL_CHART_TYPE,
        XL_LABEL_POSITION,
        XL_LEGEND_POSITION,
        XL_MARKER_STYLE,
    )
    from pptx.util import Pt

    data = XyChartData()
    for s in plot.series:
        series = data.add_series(chart_label(s.name))
        for x, y in zip(s.xs, s.values, strict=True):
            series.add_data_point(x, y)
    chart_width = box.width * 64 // 100
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.XY_SCATTER, box.left, box.top, chart_width, box.height, data
    ).chart
    chart.font.size = Pt(10)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    _axis_title(chart.category_axis, plot.x_title)
    _axis_title(chart.value_axis, plot.y_title)
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0, 5.5
    chart.value_axis.major_unit = 1
    chart.category_axis.minimum_scale = 0
    for s, series in zip(plot.series, chart.plots[0].series, strict=True):
        series.format.line.fill.background()  # dots, no connecting line
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 9
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = rgb(s.colour)
        series.marker.format.line.color.rgb = rgb("#ffffff")
        for i, label in enumerate(s.labels):
            point_label = series.points[i].data_label
            point_label.text_frame.text = chart_label(label)
            point_label.position = XL_LABEL_POSITION.RIGHT
            point_label.font.size = Pt(9)
    left = box.left + chart_width + 100000
    text = "\n".join(office_text(line, limit=70) for line in key)
    size = 11 if len(key) <= 18 else 8
    width = box.left + box.width - left
    add_text(slide, Box(left, box.top, width, box.height), text, size=size, limit=None)
    return chart


def steps(slide: Any, box: Box, plot: Plot, *, title: str) -> Any:
    """A step line (the frontier): each point held until the next, as an XY chart of lines."""
    from pptx.chart.data import XyChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_MARKER_STYLE
    from pptx.util import Pt

    data = XyChartData()
    for s in plot.series:
        series = data.add_series(chart_label(s.name))
        points = list(zip(s.xs, s.values, strict=True))
        for k, (x, y) in enumerate(points):
            if k:
                series.add_data_point(x, points[k - 1][1])
            series.add_data_point(x, y)
        if points and plot.high > points[-1][0]:  # the last plan holds up to the top budget
            series.add_data_point(plot.high, points[-1][1])
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS, box.left, box.top, box.width, box.height, data
    ).chart
    chart.font.size = Pt(11)
    chart.has_legend = False
    chart.has_title = True
    chart.chart_title.text_frame.text = chart_label(title)
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    _axis_title(chart.category_axis, plot.x_title)
    _axis_title(chart.value_axis, plot.y_title)
    chart.value_axis.minimum_scale = 0
    for s, series in zip(plot.series, chart.plots[0].series, strict=True):
        series.format.line.color.rgb = rgb(s.colour)
        series.format.line.width = Pt(2.5)
        series.marker.style = XL_MARKER_STYLE.NONE
    return chart


def _axis_title(axis: Any, text: str) -> None:
    from pptx.util import Pt

    axis.has_title = True
    axis.axis_title.text_frame.text = chart_label(text)
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
    axis.has_major_gridlines = False


TICK_ROOM = 640000  # EMU a tick's label needs ("sep 2019" at 12 pt)


def gantt(slide: Any, box: Box, plot: Plot) -> None:
    """A Gantt of shapes: the time axis from `plot.low` to `plot.high` (weeks or waves) with its
    labelled ticks (dates or wave names), one row per bar with its title on the left."""
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE

    label_width = box.width * 3 // 10
    grid_left = box.left + label_width
    units = int(plot.high - plot.low) + 1
    unit = (box.width - label_width) // max(units, 1)
    header = 320000
    rows = len(plot.series)
    row = min(560000, (box.height - header) // max(rows, 1))
    size = 14 if row >= 450000 else 12 if row >= 300000 else 9 if row >= 200000 else 7
    bottom = box.top + header + row * rows
    right = box.left + box.width
    lefts = [grid_left + int((position - plot.low) * unit) for position, _ in plot.ticks]
    for n, (left, (_, name)) in enumerate(zip(lefts, plot.ticks, strict=True)):
        room = (lefts[n + 1] if n + 1 < len(lefts) else right) - left
        if room >= TICK_ROOM:  # a label that has no room would run into the next one
            add_text(slide, Box(left, box.top, room, header), name, size=size, colour=MUTED)
        line = slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, left, box.top + header, left, bottom
        )
        line.line.color.rgb = rgb(LINE)
    for r, bar in enumerate(plot.series):
        top = box.top + header + r * row
        add_text(slide, Box(box.left, top, label_width - 60000, row), bar.name, size=size)
        first, last = bar.values
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE,
            grid_left + int((first - plot.low) * unit) + 10000,
            top + row // 6,
            int((last - first + 1) * unit) - 20000,
            row * 2 // 3,
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(bar.colour)
        shape.line.fill.background()
        shape.shadow.inherit = False


def _pt(size: int) -> Any:
    from pptx.util import Pt

    return Pt(size)


def legend(slide: Any, box: Box, steps: Sequence[tuple[str, str]], markers: str) -> None:
    """A row of coloured swatches with their labels, then what the markers mean."""
    from pptx.enum.shapes import MSO_SHAPE

    swatch = 700000
    for i, (label, fill) in enumerate(steps):
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, box.left + i * swatch, box.top, swatch - 40000, box.height
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
        shape.line.color.rgb = rgb(LINE)
        shape.shadow.inherit = False
        shape.text_frame.text = office_text(label)
        run = shape.text_frame.paragraphs[0].runs[0]
        run.font.size = _pt(10)
        run.font.color.rgb = rgb(ink_on(fill))
    left = box.left + len(steps) * swatch + 150000
    width = box.left + box.width - left
    add_text(slide, Box(left, box.top, width, box.height), markers, size=10, colour=MUTED)
