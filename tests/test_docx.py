"""`report --format docx`: the Word report read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.content.context import ReportContext
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import read_engagement
from malmiljo_cli.write.office.docx_report import render_docx

from .helpers import EXAMPLE


def context(lang: str | None = None) -> ReportContext:
    eng = read_engagement(EXAMPLE)
    return report_context(eng, analyse(eng, root=EXAMPLE, lang=lang), root=EXAMPLE, lang=lang)


@pytest.fixture(scope="module")
def ctx() -> ReportContext:
    return context()


@pytest.fixture(scope="module")
def data(ctx: ReportContext) -> bytes:
    return render_docx(ctx)


@pytest.fixture(scope="module")
def document(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def headings(document: Any, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_sections_are_real_headings_in_the_reports_order(ctx: ReportContext, document: Any) -> None:
    t = ctx.t
    expected = [
        t["executive"],
        t["heatmap"],
        t["areas"],
        t["gap_analysis"],
        t["staff"],
        t["prioritisation"],
        t["roadmap"],
        t["map"],
        t["readiness"],
        t["risks"],
        t["method"],
        t["appendix"],
    ]
    assert headings(document, 1) == expected
    level2 = headings(document, 2)
    assert [a.name for a in ctx.areas] == [h for h in level2 if h in {a.name for a in ctx.areas}]
    assert [i.title for i in ctx.initiatives] == level2[-len(ctx.initiatives) :]
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == ctx.title.name


def test_summary_holds_the_reports_findings_and_decisions(
    ctx: ReportContext, document: Any
) -> None:
    texts = [p.text for p in document.paragraphs]
    ex = ctx.executive
    assert ex.recommendation.text in texts
    for finding in ex.findings:
        assert finding.text in texts
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered[: len(ex.decisions)] == list(ex.decisions)


def test_tables_carry_the_capabilities_and_the_ranking(ctx: ReportContext, document: Any) -> None:
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    for area in ctx.areas:
        for cap in area.capabilities:
            # The name, and under it what one would observe at each level, where the file says.
            name = "\n".join([cap.name, *(f"{f.label}: {f.value}" for f in cap.indicators)])
            assert [name, cap.current, cap.target, cap.after_lap, cap.weighted_gap] in rows
    for r in ctx.prioritisation.ranking:
        title = r.ref.title + (f" ({ctx.t['in_plan']})" if r.chosen else "")
        assert [r.rank, title, r.score, r.effort, r.quadrant] in rows
    # The header row repeats on every page a table runs over.
    ranking = next(t for t in document.tables if t.rows[0].cells[0].text == ctx.t["rank"])
    assert ranking.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_heat_map_cells_are_shaded_like_the_report(ctx: ReportContext, document: Any) -> None:
    heat = ctx.heatmap
    table = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells] == [c.name for c in heat.columns]
    )
    for c, column in enumerate(heat.columns):
        for r, cell in enumerate(column.cells, start=1):
            shown = table.cell(r, c)
            assert shown.text.startswith(cell.name)
            (fill,) = shown._tc.xpath("./w:tcPr/w:shd/@w:fill")
            assert fill == cell.fill.lstrip("#").upper()


def test_figures_are_pngs_with_alternative_text(ctx: ReportContext, document: Any) -> None:
    alts = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert alts == [c.description for c in _figure_order(ctx)]
    assert all(alt for alt in alts)
    for shape in document.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        assert document.part.related_parts[blip].content_type == "image/png"
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Figur 1. ")


def _figure_order(ctx: ReportContext) -> list[Any]:
    """The report's charts in reading order, less the trend: the Word report has no changes
    section."""
    trend = ctx.changes.trend if ctx.changes else None
    return [c for c in ctx.charts if c is not trend]


def test_page_numbers_and_language(document: Any, data: bytes) -> None:
    footer = document.sections[0].footer.paragraphs[0]._p
    assert footer.xpath("./w:fldSimple/@w:instr") == ["PAGE"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert 'w:lang w:val="sv-SE"' in styles
    english = render_docx(context("en"))
    with zipfile.ZipFile(io.BytesIO(english)) as archive:
        assert 'w:val="en-GB"' in archive.read("word/styles.xml").decode("utf-8")


def test_same_engagement_gives_the_same_bytes(ctx: ReportContext, data: bytes) -> None:
    assert render_docx(ctx) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2018, 11, 15, 0, 0, 0)}
        assert not [n for n in archive.namelist() if "thumbnail" in n]
    props = docx.Document(io.BytesIO(data)).core_properties
    day = dt.datetime(2018, 11, 15, tzinfo=dt.UTC)
    assert props.created == props.modified == props.last_printed == day
    assert props.title == ctx.title.name


def test_report_command_writes_docx(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["report", "-e", str(EXAMPLE), "-o", str(tmp_path), "--format", "docx"]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]
    bad = CliRunner().invoke(app, ["report", "-e", str(EXAMPLE), "-o", str(tmp_path), "-f", "doc"])
    assert bad.exit_code == 2 and "md,html,pdf,docx" in bad.stderr
