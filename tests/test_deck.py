"""`malmiljo deck`: the .pptx read back with python-pptx, checked against the analysis."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pptx
import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.gaps import analyse_gaps
from malmiljo_cli.analysis.plan import lap_plan
from malmiljo_cli.analysis.schedule import schedule
from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.cli import app
from malmiljo_cli.content.context import ReportContext
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.models import Engagement
from malmiljo_cli.validate import read_engagement
from malmiljo_cli.write.office.deck import render_deck

from .helpers import EXAMPLE


@dataclass(frozen=True)
class Built:
    eng: Engagement
    ctx: ReportContext
    data: bytes
    prs: Any


def build(root: Path, *, template: Path | None = None, lang: str | None = None) -> Built:
    eng = read_engagement(root)
    ctx = report_context(eng, analyse(eng, root=root, lang=lang), root=root, lang=lang)
    data = render_deck(ctx, template=template)
    return Built(eng, ctx, data, pptx.Presentation(io.BytesIO(data)))


@pytest.fixture(scope="module")
def deck() -> Built:
    return build(EXAMPLE)


def title_of(slide: Any) -> str:
    if slide.shapes.title is not None:
        return str(slide.shapes.title.text)
    return str(next(s for s in slide.shapes if s.has_text_frame).text_frame.text)


def charts(slide: Any) -> list[Any]:
    return [s.chart for s in slide.shapes if s.has_chart]


def test_slides_come_in_the_order_a_steering_group_reads(deck: Built) -> None:
    t = deck.ctx.t
    areas = [t["chart_radar_area"].format(area=a.name) for a in deck.eng.areas]
    ex = deck.ctx.executive
    expected = [
        deck.eng.meta.name,
        ex.headline,  # the recommendation as a conclusion
        t["decisions_asked"],
        t["decisions_slide"].format(first=ex.choices[0].question),
        ex.frontier_headline,
        t["key_findings"],
        t["heatmap"],
        *areas,
        t["staff"],
        t["chart_quadrant"],
        t["chosen_set"],
        t["chart_gantt"],
        t["map"],
        t["readiness"],
        t["risk_register"],
        t["next_steps"],
    ]
    assert [title_of(s) for s in deck.prs.slides] == expected


def test_every_slide_has_speaker_notes(deck: Built) -> None:
    for slide in deck.prs.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.strip(), title_of(slide)


def test_findings_decisions_and_next_steps_are_the_reports_own(deck: Built) -> None:
    ex = deck.ctx.executive
    by_title = {title_of(s): s for s in deck.prs.slides}
    t = deck.ctx.t

    def bullets(title: str) -> list[str]:
        slide = by_title[title]
        body = next(p for p in slide.placeholders if p.placeholder_format.idx != 0)
        return [p.text for p in body.text_frame.paragraphs]

    assert bullets(t["key_findings"]) == [f.text for f in ex.findings]
    assert bullets(t["decisions_asked"]) == list(ex.decisions)
    assert bullets(ex.headline)[0] == ex.recommendation.text
    steps = bullets(t["next_steps"])
    for group in ex.next_steps:
        assert group.title in steps
        for step in group.steps:
            assert any(step.ref.title in line and step.step in line for line in steps)


def test_area_radars_hold_the_gap_analysis_levels(deck: Built) -> None:
    from pptx.enum.chart import XL_CHART_TYPE

    gaps = analyse_gaps(deck.eng, lap_plan(deck.eng, rank(deck.eng)).members)
    by_title = {title_of(s): s for s in deck.prs.slides}
    for area in deck.eng.areas:
        slide = by_title[deck.ctx.t["chart_radar_area"].format(area=area.name)]
        (chart,) = charts(slide)
        assert chart.chart_type == XL_CHART_TYPE.RADAR_MARKERS
        caps = [c for c in gaps.capabilities if c.area == area.id]
        assert list(chart.plots[0].categories) == [c.name for c in caps]
        series = {s.name: list(s.values) for s in chart.plots[0].series}
        t = deck.ctx.t
        assert series[t["current"]] == [float(c.current) for c in caps]
        assert series[t["target"]] == [float(c.target) for c in caps]
        assert series[t["after_lap"]] == [float(c.lap) for c in caps]
        # Beside it, a native table of the same capabilities.
        (table,) = [s.table for s in slide.shapes if s.has_table]
        assert [table.cell(0, c).text for c in range(4)] == [
            t["capability"],
            t["current"],
            t["target"],
            t["after_lap"],
        ]
        level = deck.eng.meta.scale.label
        shown = [[table.cell(r, c).text for c in range(4)] for r in range(1, len(caps) + 1)]
        # Under the name, what one would observe at the target level, where the file says.
        goal = {c.id: c.indicators.get(c.target) for c in deck.eng.capabilities}
        expected = [
            [
                c.name + (f"\n{goal[c.id]}" if goal[c.id] else ""),
                *(f"{n} {level(n)}" for n in (c.current, c.target, c.lap)),
            ]
            for c in caps
        ]
        assert shown == expected


def test_vote_tally_is_a_bar_chart_of_the_workshops_dots(deck: Built) -> None:
    from pptx.enum.chart import XL_CHART_TYPE

    dots: Counter[str] = Counter()
    for workshop in deck.eng.workshops:
        dots.update(workshop.votes)
    slide = next(s for s in deck.prs.slides if title_of(s) == deck.ctx.t["staff"])
    (chart,) = charts(slide)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    shown = dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values, strict=True))
    by_title = {deck.eng.initiative_by_id[i].title: n for i, n in dots.items() if n}
    assert shown
    for title, value in shown.items():
        assert by_title[title] == value


def test_effect_effort_is_an_xy_chart_of_the_ranked_initiatives(deck: Built) -> None:
    from pptx.enum.chart import XL_CHART_TYPE

    ranking = rank(deck.eng)
    slide = next(s for s in deck.prs.slides if title_of(s) == deck.ctx.t["chart_quadrant"])
    (chart,) = charts(slide)
    assert chart.chart_type == XL_CHART_TYPE.XY_SCATTER
    points = set()
    for series in chart.plots[0].series:
        xs = series._element.xpath("./c:xVal//c:v")
        ys = series._element.xpath("./c:yVal//c:v")
        labels = [series.points[i].data_label.text_frame.text for i in range(len(xs))]
        points |= {
            (label, float(x.text), float(y.text))
            for label, x, y in zip(labels, xs, ys, strict=True)
        }
    assert points == {(str(s.rank), float(s.effort), float(s.effect)) for s in ranking.scores}
    key = next(
        s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title
    )
    assert key.splitlines() == [f"{s.rank}  {s.title}" for s in ranking.scores]


def test_heat_map_is_a_native_table_coloured_like_the_reports(deck: Built) -> None:
    heat = deck.ctx.heatmap
    slide = next(s for s in deck.prs.slides if title_of(s) == deck.ctx.t["heatmap"])
    (table,) = [s.table for s in slide.shapes if s.has_table]
    assert [table.cell(0, c).text for c in range(len(heat.columns))] == [
        c.name for c in heat.columns
    ]
    for c, column in enumerate(heat.columns):
        for r, cell in enumerate(column.cells, start=1):
            shown = table.cell(r, c)
            assert shown.text.startswith(cell.name)
            assert str(shown.fill.fore_color.rgb) == cell.fill.lstrip("#").upper()


def test_plan_table_lists_the_chosen_set(deck: Built) -> None:
    slide = next(s for s in deck.prs.slides if title_of(s) == deck.ctx.t["chosen_set"])
    (table,) = [s.table for s in slide.shapes if s.has_table]
    chosen = [r for r in deck.ctx.prioritisation.ranking if r.chosen]
    rows = [[table.cell(r, c).text for c in range(5)] for r in range(1, len(table.rows))]
    assert rows == [[r.rank, r.ref.title, r.score, r.effort, r.quadrant] for r in chosen]


def test_roadmap_is_a_dated_gantt_of_the_schedule(deck: Built) -> None:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    ranking = rank(deck.eng)
    calendar = schedule(deck.eng, lap_plan(deck.eng, ranking), ranking)
    assert calendar is not None and calendar.items
    slide = next(s for s in deck.prs.slides if title_of(s) == deck.ctx.t["chart_gantt"])
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    for item in calendar.items:
        assert deck.eng.initiative_by_id[item.id].title in texts
    months, start = deck.ctx.t["months_short"], calendar.start
    assert start is not None
    first = (
        start
        if start.day == 1
        else dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    )
    assert f"{months[first.month - 1]} {first.year}" in texts  # the first month starting in the lap
    bars = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert len(bars) == len(calendar.items)
    # Left edge and width follow the weeks: one week is (about) the same width everywhere.
    pairs = list(zip(bars, calendar.items, strict=True))
    per_week = [bar.width / (item.end_week - item.start_week + 1) for bar, item in pairs]
    assert max(per_week) / min(per_week) < 1.1
    unit = max(per_week)
    origins = [bar.left - (item.start_week - 1) * unit for bar, item in pairs]
    assert max(origins) - min(origins) < unit
    assert any(item.start_week > 1 for item in calendar.items)  # so the check above can fail


def test_the_map_is_a_picture_at_print_resolution_with_alt_text(deck: Built) -> None:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    slide = next(s for s in deck.prs.slides if title_of(s) == deck.ctx.t["map"])
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    # the plan with what it needs, readable at 16:9 (the report has the whole map)
    plan_part = next(c for c in deck.ctx.map_parts if c.name == "map-plan")
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == plan_part.description
    assert pictures[0].image.size[0] >= 2000  # print resolution, not a thumbnail


def test_same_engagement_gives_the_same_bytes_dated_by_the_engagement(deck: Built) -> None:
    again = build(EXAMPLE)
    assert again.data == deck.data
    with zipfile.ZipFile(io.BytesIO(deck.data)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
        names = archive.namelist()
        embedded = [n for n in names if n.endswith(".xlsx")]
        assert embedded  # the charts' data sheets, themselves fixed
        for name in embedded:
            with zipfile.ZipFile(io.BytesIO(archive.read(name))) as inner:
                assert {i.date_time for i in inner.infolist()} == {(2018, 11, 15, 0, 0, 0)}
                assert b"2018-11-15T00:00:00Z" in inner.read("docProps/core.xml")
    assert stamps == {(2018, 11, 15, 0, 0, 0)}
    assert names[0] == "[Content_Types].xml"
    assert not [n for n in names if "thumbnail" in n]
    props = deck.prs.core_properties
    assert props.created == props.modified == dt.datetime(2018, 11, 15)
    assert props.language == "sv-SE"


def test_english_deck_uses_english_labels() -> None:
    built = build(EXAMPLE, lang="en")
    titles = [title_of(s) for s in built.prs.slides]
    assert "5 initiatives close 54% of the gap" in titles
    assert "Decisions asked of the steering group" in titles


# --- templates -----------------------------------------------------------------------------


def _rename(layout: Any, name: str) -> None:
    layout._element.cSld.set("name", name)


def client_template(path: Path, *, drop_blank: bool = False) -> Path:
    """A template whose layouts carry a client's own names, in a different order."""
    prs = pptx.Presentation()
    names = {
        "Title Slide": "Kundens försättsblad",
        "Title and Content": "Brödtext med rubrik",
        "Blank": "Helt vitt",
        "Title Only": "Bara rubrik",
    }
    for layout in list(prs.slide_layouts):
        if layout.name in names:
            _rename(layout, names[layout.name])
        elif layout.name != "Two Content":
            prs.slide_layouts.remove(layout)
    if drop_blank:
        blank = next(lay for lay in prs.slide_layouts if lay.name == "Helt vitt")
        prs.slide_layouts.remove(blank)
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Kundens exempelbild"
    prs.save(str(path))
    return path


def test_a_template_with_its_own_layout_names_is_used(tmp_path: Path) -> None:
    template = client_template(tmp_path / "kund.pptx")
    built = build(EXAMPLE, template=template)
    used = [s.slide_layout.name for s in built.prs.slides]
    assert used[0] == "Kundens försättsblad"
    assert used[1] == "Brödtext med rubrik"
    assert "Helt vitt" in used  # the map
    assert set(used) == {"Kundens försättsblad", "Brödtext med rubrik", "Helt vitt"}
    # The template's own example slide is not part of the deck.
    assert "Kundens exempelbild" not in [title_of(s) for s in built.prs.slides]
    assert built.prs.slide_width == 9144000  # the client's size, not ours


def test_a_template_without_a_needed_layout_fails_clearly(tmp_path: Path) -> None:
    template = client_template(tmp_path / "kund.pptx", drop_blank=True)
    result = CliRunner().invoke(
        app,
        ["deck", "-e", str(EXAMPLE), "-o", str(tmp_path / "d.pptx"), "--template", str(template)],
    )
    assert result.exit_code == 1, result.output
    assert "lacks a blank layout (no title or body placeholder)" in result.stderr
    assert "'Kundens försättsblad': centred title, subtitle" in result.stderr
    assert "'Bara rubrik': title" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "d.pptx").exists()


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["-o", "deck.ppt"], 2, "must end in .pptx"),
        (["-o", "d.pptx", "--template", "kund.key"], 2, "must be a .pptx file"),
        (["-o", "d.pptx", "--template", "saknas.pptx"], 1, "does not exist"),
        (["-o", "d.pptx", "--template", "trasig.pptx"], 1, "cannot be read as a PowerPoint"),
    ],
)
def test_bad_arguments_are_clear_errors(
    tmp_path: Path, args: list[str], code: int, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "trasig.pptx").write_bytes(b"not a zip")
    result = CliRunner().invoke(app, ["deck", "-e", str(EXAMPLE), *args])
    assert result.exit_code == code, result.output
    assert words in result.stderr
