"""`malmiljo export` and `malmiljo import`: round trips, edits, bad rows, Excel's CSV, formulas."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from malmiljo_cli.analysis.sheet import COLUMNS
from malmiljo_cli.cli import app
from malmiljo_cli.edit import set_scalar
from malmiljo_cli.validate import read_engagement

from .helpers import snapshot

runner = CliRunner()
BOM = b"\xef\xbb\xbf"


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _export(engagement: Path, to: Path) -> Path:
    code, out = _run("export", "-e", str(engagement), "-o", str(to))
    assert code == 0, out
    return to


def _set_cells(path: Path, cells: dict[str, object]) -> None:
    """Change cells of an exported workbook, as someone would in Excel ("H2": value)."""
    book = load_workbook(path)
    for ref, value in cells.items():
        book.active[ref] = value
    book.save(path)


def _letter(field: str) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[COLUMNS.index(field)]


def _csv_records(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def _write_csv(
    path: Path, records: list[list[str]], *, separator: str = ";", bom: bool = True
) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(records)
    path.write_bytes((BOM if bom else b"") + out.getvalue().encode("utf-8"))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_changes_no_file(example: Path, tmp_path: Path, suffix: str) -> None:
    sheet = _export(example, tmp_path / f"initiatives{suffix}")
    before = snapshot(example)
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 0, out
    assert "no change" in out
    assert snapshot(example) == before


def test_xlsx_export_is_byte_identical_whatever_the_clock(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _export(example, tmp_path / "a.xlsx").read_bytes()
    later = time.time() + 3 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    assert _export(example, tmp_path / "b.xlsx").read_bytes() == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {(2018, 11, 15, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert core.count("2018-11-15T00:00:00Z") == 2  # created and modified
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = zipfile.ZipFile(_export(example, tmp_path / "c.xlsx"))
    assert "2023-11-14T22:13:20Z" in again.read("docProps/core.xml").decode()


def test_one_row_per_initiative_sorted_by_id_with_readable_lists(
    example: Path, tmp_path: Path
) -> None:
    records = _csv_records(_export(example, tmp_path / "i.csv"))
    eng = read_engagement(example)
    assert records[0] == list(COLUMNS)
    assert [r[0] for r in records[1:]] == sorted(i.id for i in eng.initiatives)
    row = dict(zip(COLUMNS, records[1], strict=True))
    assert row["id"] == "arendekoordinator"
    assert row["raises"] == "arendefordelning:3, tydliga-roller:2, utvecklingstid:2"
    assert row["depends_on"] == "helpdesk-uppdrag"
    assert row["confidence"] == "0,8"  # Swedish Excel reads a decimal comma as a number
    assert row["steps"].count("\n") == 3
    assert _export(example, tmp_path / "i.csv").read_bytes().startswith(BOM + b"id;title;")


def test_an_edited_cell_changes_exactly_that_field(example: Path, tmp_path: Path) -> None:
    sheet = _export(example, tmp_path / "i.xlsx")
    _set_cells(sheet, {f"{_letter('effect')}2": 4})
    before = snapshot(example)
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 0, out
    after = snapshot(example)
    name = "initiatives/arendekoordinator.yaml"
    assert {k for k in after if after[k] != before[k]} == {name}
    assert after[name] == before[name].replace(b"\neffect: 5\n", b"\neffect: 4\n")


def test_an_edited_list_changes_only_that_list(example: Path, tmp_path: Path) -> None:
    sheet = _export(example, tmp_path / "i.csv")
    records = _csv_records(sheet)
    at = COLUMNS.index("depends_on")
    records[1][at] = "helpdesk-uppdrag, tjanstekatalog"
    _write_csv(sheet, records)
    before = snapshot(example)
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 0, out
    name = "initiatives/arendekoordinator.yaml"
    old = b"depends_on:\n  - helpdesk-uppdrag\n"
    new = b"depends_on:\n  - helpdesk-uppdrag\n  - tjanstekatalog\n"
    assert snapshot(example) == {**before, name: before[name].replace(old, new)}


def test_dry_run_shows_old_and_new_and_writes_nothing(example: Path, tmp_path: Path) -> None:
    sheet = _export(example, tmp_path / "i.xlsx")
    _set_cells(sheet, {f"{_letter('effect')}2": 4, f"{_letter('owner')}3": "Åsa Öberg"})
    before = snapshot(example)
    code, out = _run("import", "-e", str(example), str(sheet), "--dry-run")
    assert code == 0, out
    assert "arendekoordinator (initiatives/arendekoordinator.yaml)\n  effect: 5 -> 4\n" in out
    assert "bestallarrad (initiatives/bestallarrad.yaml)\n  owner: It-chef -> Åsa Öberg\n" in out
    assert snapshot(example) == before


def test_bad_rows_in_xlsx_are_all_reported_and_nothing_written(
    example: Path, tmp_path: Path
) -> None:
    sheet = _export(example, tmp_path / "i.xlsx")
    _set_cells(
        sheet,
        {
            "H7": 9,  # effect
            "C3": "okand",  # area
            "G4": "arendekoordinator, spoke",  # depends_on
            "K5": "tolv",  # effort
        },
    )
    before = snapshot(example)
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 1, out
    where = f"{sheet}:Initiativ!"
    assert out.splitlines()[:4] == [
        f"{where}C3: there is no area with id 'okand'",
        f"{where}G4: there is no initiative with id 'spoke' (neither in the engagement nor in the sheet)",
        f"{where}K5: 'effort' must be a number, not 'tolv'",
        f"{where}H7: 'effect' must be at most 5, not 9",
    ]
    assert "4 problem(s)" in out and "nothing was written" in out
    assert snapshot(example) == before


def test_a_bad_row_in_csv_names_row_and_column_and_writes_nothing(
    example: Path, tmp_path: Path
) -> None:
    sheet = _export(example, tmp_path / "i.csv")
    records = _csv_records(sheet)
    records[5][COLUMNS.index("effect")] = "9"  # spreadsheet row 6
    records[2][COLUMNS.index("title")] = "Ändrad titel"  # a good edit is not written either
    _write_csv(sheet, records)
    before = snapshot(example)
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 1, out
    assert f"{sheet}!H6: 'effect' must be at most 5, not 9" in out.splitlines()
    assert snapshot(example) == before


def test_header_problems_and_duplicate_ids(example: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "i.csv"
    _write_csv(sheet, [["id", "titel", "effect"], ["a", "x", "1"]])
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 1, out
    assert f"{sheet}!B1: unknown column 'titel'; did you mean 'title'?" in out
    _write_csv(sheet, [["id", "effect"], ["scrumtavla", "4"], ["scrumtavla", "3"], ["", "2"]])
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 1, out
    assert f"{sheet}!A3: the id 'scrumtavla' is also on row 2" in out
    assert f"{sheet}!A4: every row needs an id" in out


def test_swedish_characters_both_ways(example: Path, tmp_path: Path) -> None:
    text = "Åre, Älvsbyn och Örebro – “vi” ÅÄÖ åäö"
    for suffix in (".xlsx", ".csv"):
        sheet = _export(example, tmp_path / f"i{suffix}")
        if suffix == ".xlsx":
            _set_cells(sheet, {f"{_letter('title')}2": text + suffix})
        else:
            records = _csv_records(sheet)
            records[1][COLUMNS.index("title")] = text + suffix
            _write_csv(sheet, records)
        code, out = _run("import", "-e", str(example), str(sheet))
        assert code == 0, out
        assert read_engagement(example).initiative_by_id["arendekoordinator"].title == text + suffix
    again = _export(example, tmp_path / "again.csv").read_bytes().decode("utf-8-sig")
    assert text + ".csv" in again
    book = load_workbook(_export(example, tmp_path / "again.xlsx"))
    assert book.active[f"{_letter('title')}2"].value == text + ".csv"


def test_semicolon_csv_with_bom_as_swedish_excel_writes_it(example: Path, tmp_path: Path) -> None:
    """A sheet typed by hand in Swedish Excel: `;`, BOM, CRLF, decimal comma, a new initiative."""
    sheet = tmp_path / "nya.csv"
    header = [
        "id",
        "title",
        "area",
        "raises",
        "depends_on",
        "effect",
        "effort",
        "confidence",
        "steps",
    ]
    row = [
        "överlamning",
        "Överlämning",
        "arbetssatt",
        "overblick:4",
        "scrumtavla",
        "3",
        "2,5",
        "0,5",
        "Ett\r\nTvå",
    ]
    _write_csv(sheet, [header, row])
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 1, out  # 'överlamning' is not a valid id (no å, ä, ö in ids)
    assert f"{sheet}!A2: 'överlamning' is not a valid id" in out
    row[0] = "overlamning"
    _write_csv(sheet, [header, row])
    assert sheet.read_bytes().startswith(BOM + b"id;title;")
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 0, out
    created = (example / "initiatives" / "overlamning.yaml").read_text(encoding="utf-8")
    assert created == (
        "id: overlamning\n"
        "title: Överlämning\n"
        "area: arbetssatt\n"
        "raises:\n"
        "  - capability: overblick\n"
        "    to: 4\n"
        "depends_on:\n"
        "  - scrumtavla\n"
        "effect: 3\n"
        "effort: 2.5\n"
        "confidence: 0.5\n"
        "steps:\n"
        "  - Ett\n"
        "  - Två\n"
    )


def test_comma_csv_without_bom_is_read_too(example: Path, tmp_path: Path) -> None:
    sheet = _export(example, tmp_path / "i.csv")
    _write_csv(sheet, _csv_records(sheet), separator=",", bom=False)
    before = snapshot(example)
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 0, out
    assert snapshot(example) == before


def test_english_engagement_exports_commas_and_decimal_points(
    minimal: Path, tmp_path: Path
) -> None:
    meta = minimal / "engagement.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("language: sv", "language: en"), encoding="utf-8"
    )
    set_scalar(minimal, minimal / "initiatives" / "chef.yaml", ("effort",), 2.5)
    data = _export(minimal, tmp_path / "i.csv").read_bytes()
    assert data.startswith(BOM + b"id,title,area,")
    assert b",2.5," in data
    assert load_workbook(_export(minimal, tmp_path / "i.xlsx")).active.title == "Initiatives"


@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("http://x";"klicka")', "+46 70 123", "-rad", "@SUM(A1)"]
)
def test_formula_injection_is_neutralised_and_round_trips(
    example: Path, tmp_path: Path, formula: str
) -> None:
    set_scalar(example, example / "initiatives" / "scrumtavla.yaml", ("owner",), formula)
    csv_file = _export(example, tmp_path / "i.csv")
    row = next(r for r in _csv_records(csv_file) if r[0] == "scrumtavla")
    assert row[COLUMNS.index("owner")] == "'" + formula
    xlsx = _export(example, tmp_path / "i.xlsx")
    sheet_xml = zipfile.ZipFile(xlsx).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # stored as text, never as a formula
    cells = {row[0].value: row for row in load_workbook(xlsx).active.iter_rows()}
    owner = cells["scrumtavla"][COLUMNS.index("owner")]
    assert (owner.value, owner.data_type) == (formula, "s")
    before = snapshot(example)
    for sheet in (csv_file, xlsx):
        code, out = _run("import", "-e", str(example), str(sheet))
        assert code == 0, out
        assert snapshot(example) == before


def test_an_existing_file_is_not_taken_by_a_new_id(example: Path, tmp_path: Path) -> None:
    (example / "initiatives" / "ny.yaml").write_text(
        (example / "initiatives" / "scrumtavla.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (example / "initiatives" / "scrumtavla.yaml").unlink()
    sheet = tmp_path / "i.csv"
    _write_csv(
        sheet, [["id", "title", "area", "effect", "effort"], ["ny", "Ny", "teknik", "2", "1"]]
    )
    before = snapshot(example)
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 1, out
    assert f"{sheet}!A2: a new initiative, but initiatives/ny.yaml already exists" in out
    assert snapshot(example) == before


def test_export_needs_a_known_ending(example: Path, tmp_path: Path) -> None:
    code, out = _run("export", "-e", str(example), "-o", str(tmp_path / "i.ods"))
    assert code == 2, out
    assert "must end in .xlsx or .csv" in out


def test_a_cycle_made_in_the_sheet_is_caught_before_writing(example: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "i.csv"
    _write_csv(sheet, [["id", "depends_on"], ["helpdesk-uppdrag", "arendekoordinator"]])
    before = snapshot(example)
    code, out = _run("import", "-e", str(example), str(sheet))
    assert code == 1, out
    assert "arendekoordinator -> helpdesk-uppdrag -> arendekoordinator" in out
    assert snapshot(example) == before
