"""`export --to FILE.xlsx`: the round-trip sheet as before, then read-only analysis sheets."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.gaps import analyse_gaps
from malmiljo_cli.analysis.plan import lap_plan
from malmiljo_cli.analysis.schedule import schedule
from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.analysis.sheet import COLUMNS, row_of
from malmiljo_cli.cli import app
from malmiljo_cli.validate import read_engagement
from malmiljo_cli.write.office.sheet import as_xlsx, fixed_time

from .helpers import EXAMPLE, snapshot


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "initiativ.xlsx"
    result = CliRunner().invoke(app, ["export", "-e", str(EXAMPLE), "--to", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_round_trip_sheet_is_byte_for_byte_what_it_was(exported: Path) -> None:
    """The first sheet's XML equals a workbook written with no analysis sheets at all."""
    eng = read_engagement(EXAMPLE)
    rows = [row_of(i) for i in eng.initiatives]
    alone = as_xlsx(COLUMNS, rows, sheet_name="Initiativ", when=fixed_time(eng.meta.date, None))
    with (
        zipfile.ZipFile(io.BytesIO(alone)) as before,
        zipfile.ZipFile(exported) as after,
    ):
        for part in ("xl/worksheets/sheet1.xml",):
            assert after.read(part) == before.read(part)
    book = openpyxl.load_workbook(exported)
    assert book.sheetnames[0] == "Initiativ"
    assert [c.value for c in book.worksheets[0][1]] == list(COLUMNS)


def test_analysis_sheets_follow_in_the_engagements_words(exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    assert book.sheetnames == ["Initiativ", "Förmågor", "Rangordning", "Varvets plan", "Färdplan"]
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet.protection.sheet  # read-only: import reads the first sheet only
        assert all(c.font.bold for c in sheet[1])


def test_capability_sheet_holds_the_gap_analysis(exported: Path) -> None:
    eng = read_engagement(EXAMPLE)
    gaps = analyse_gaps(eng, lap_plan(eng, rank(eng)).members)
    sheet = openpyxl.load_workbook(exported)["Förmågor"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        [
            eng.area_by_id[c.area].name,
            c.name,
            c.id,
            c.current,
            c.target,
            c.gap,
            c.importance,
            c.weighted_gap,
            c.lap,
            {"covered": "täckt", "partial": "delvis", "uncovered": "ej täckt", "none": "utan gap"}[
                c.coverage
            ],
            # What one would observe at each level, one a line, where the file says.
            "\n".join(
                f"{n}: {text}" for n, text in sorted(eng.capability_by_id[c.id].indicators.items())
            )
            or None,
        ]
        for c in gaps.capabilities
    ]
    assert sheet["H2"].number_format == "0"


def test_ranking_sheet_holds_the_scores_and_inputs(exported: Path) -> None:
    eng = read_engagement(EXAMPLE)
    ranking = rank(eng)
    plan = lap_plan(eng, ranking)
    sheet = openpyxl.load_workbook(exported)["Rangordning"]
    header = [c.value for c in sheet[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[1]) for r in rows] == [(s.rank, s.id) for s in ranking.scores]
    assert [r[-2] for r in rows] == pytest.approx([s.score for s in ranking.scores])
    assert [r[1] for r in rows if r[-1] == "✓"] == [s.id for s in ranking.scores if s.id in plan]
    assert header[-2] == "Poäng" and sheet.cell(2, len(header) - 1).number_format == "0.00"
    assert "pågår" in {r[4] for r in rows}  # status in words, not `in_progress`


def test_plan_sheet_is_the_lap_plan_and_why_others_wait(exported: Path) -> None:
    eng = read_engagement(EXAMPLE)
    plan = lap_plan(eng, rank(eng))
    sheet = openpyxl.load_workbook(exported)["Varvets plan"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[0] for r in rows if r[2] == "✓"] == list(plan.members)
    assert [r[0] for r in rows if r[2] != "✓"] == [o.id for o in plan.left_out]
    assert all(r[5] for r in rows)  # every row says why it is in, or why it waits


def test_roadmap_sheet_has_the_calendar_with_dates(exported: Path) -> None:
    eng = read_engagement(EXAMPLE)
    ranking = rank(eng)
    calendar = schedule(eng, lap_plan(eng, ranking), ranking)
    assert calendar is not None
    sheet = openpyxl.load_workbook(exported)["Färdplan"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        (s.id, s.start_week, s.end_week) for s in calendar.items
    ]
    assert [r[4].date() for r in rows] == [s.start for s in calendar.items]
    assert sheet["E2"].number_format == "yyyy-mm-dd"


def test_import_of_the_exported_workbook_changes_nothing(exported: Path, tmp_path: Path) -> None:
    folder = tmp_path / "eng"
    shutil.copytree(EXAMPLE, folder)
    before = snapshot(folder)
    result = CliRunner().invoke(app, ["import", "-e", str(folder), str(exported)])
    assert result.exit_code == 0, result.output
    assert "no change" in result.stdout
    assert snapshot(folder) == before


def test_export_is_deterministic(exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    result = CliRunner().invoke(app, ["export", "-e", str(EXAMPLE), "--to", str(again)])
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == exported.read_bytes()
