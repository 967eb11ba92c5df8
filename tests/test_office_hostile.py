"""Hostile text in the Office outputs: shown as text, never markup, a control code or a formula.

The attacks of tests/hostile (script, Markdown, DOT and Typst breakouts, terminal escapes,
spreadsheet formulas) plus a very long title and formula-like capability names that reach the
charts' data sheets, written by `malmiljo deck` and `malmiljo report --format docx`.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import docx
import openpyxl
import pptx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.console import printable

from .helpers import EXAMPLE, FIXTURES, snapshot
from .test_fuzz import NO_SURROGATES, _json
from .test_hostile import HOSTILE, OUTPUT_ATTACKS

LONG = "Ett mycket långt initiativnamn " * 12
EXTRA_CAPABILITIES = """
  - id: formel
    area: arbetssatt
    name: "=SUM(1+1)*cmd|' /C calc'!A0"
    current: 1
    target: 3
  - id: styrtecken
    area: arbetssatt
    name: "Klocka\\a och <b>fet</b>"
    current: 0
    target: 2
"""
WORKSHOP = """id: verkstad
date: 2026-01-10
participants: 4
votes:
  csv-formula: 3
  html-script: 2
  lang: 1
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("office-hostile") / "eng"
    shutil.copytree(FIXTURES / "minimal", folder)
    for name in OUTPUT_ATTACKS:
        shutil.copy(HOSTILE / name, folder / "initiatives" / name)
    (folder / "initiatives" / "lang.yaml").write_text(
        f"id: lang\ntitle: {LONG.strip()}\narea: organisation\n"
        "raises: [{capability: ledning, to: 3}]\neffect: 4\neffort: 3\n",
        encoding="utf-8",
    )
    with (folder / "capabilities.yaml").open("a", encoding="utf-8") as caps:
        caps.write(EXTRA_CAPABILITIES)
    (folder / "workshops").mkdir()
    (folder / "workshops" / "verkstad.yaml").write_text(WORKSHOP, encoding="utf-8")
    with (folder / "engagement.yaml").open("a", encoding="utf-8") as meta:
        meta.write("date: 2026-01-15\n")
    before = snapshot(folder)
    out = folder.parent / "out"
    runner = CliRunner()
    for args in (
        ["deck", "-e", str(folder), "-o", str(out / "deck.pptx")],
        ["report", "-e", str(folder), "-o", str(out), "--format", "docx"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert snapshot(folder) == before
    return out


def deck_texts(path: Path) -> list[str]:
    prs = pptx.Presentation(str(path))
    texts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
        texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


def test_deck_shows_every_attack_as_text(built: Path) -> None:
    text = "\n".join(deck_texts(built / "deck.pptx"))
    assert "<script>alert(1)</script>" in text  # a slide is not HTML: the text as written
    assert "\\x1b[2J" in text and "\\x07" in text  # escapes made visible
    assert "\x1b" not in text and "\x07" not in text
    assert '#read("/etc/passwd")' in text
    prs = pptx.Presentation(str(built / "deck.pptx"))
    for slide in prs.slides:
        if slide.shapes.title is not None:
            assert len(slide.shapes.title.text) <= 180


def test_long_titles_are_cut_on_slides_and_kept_whole_in_notes(built: Path) -> None:
    prs = pptx.Presentation(str(built / "deck.pptx"))
    on_slides, in_notes = [], []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                on_slides += shape.text_frame.text.splitlines()
            if shape.has_table:
                on_slides += [c.text for row in shape.table.rows for c in row.cells]
        in_notes.append(slide.notes_slide.notes_text_frame.text)
    shown = [line for line in on_slides if "Ett mycket långt" in line]
    # The chart's key (and any sentence naming it): cut, none running off the slide.
    assert shown
    assert all(len(line) <= 360 and line.endswith("…") for line in shown), shown
    assert any(LONG.strip() in notes for notes in in_notes)


def test_chart_data_sheets_hold_no_formula(built: Path) -> None:
    with zipfile.ZipFile(built / "deck.pptx") as archive:
        books = [n for n in archive.namelist() if n.endswith(".xlsx")]
        assert books
        strings = []
        for name in books:
            book = openpyxl.load_workbook(io.BytesIO(archive.read(name)))
            for sheet in book.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                        if isinstance(cell.value, str):
                            strings.append(cell.value)
    assert "'=SUM(1+1)*cmd|' /C calc'!A0" in strings  # neutralised like in CSV
    assert any(s.startswith("'=HYPERLINK(") for s in strings)  # the vote tally's category
    assert any("\\x07" in s for s in strings)


def test_word_report_shows_every_attack_as_text(built: Path) -> None:
    document = docx.Document(str(built / "report.docx"))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join(texts)
    assert "<script>alert(1)</script>" in text
    assert '#read("/etc/passwd")' in text and "#sys.inputs" in text
    assert "\\x1b[2J" in text and "\x1b" not in text
    assert "=HYPERLINK(" in text  # Word runs no formulas: the title as written
    assert LONG.strip() in text  # the appendix keeps the whole title
    with zipfile.ZipFile(built / "report.docx") as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert re.search(r"<w:fldSimple[^>]*>", body) is None  # no field from the data


def test_workbook_analysis_sheets_hold_no_formula(built: Path, tmp_path: Path) -> None:
    folder = built.parent / "eng"
    calm = tmp_path / "calm"
    shutil.copytree(folder, calm)
    (calm / "initiatives" / "terminal_ansi.yaml").unlink()  # .xlsx cannot hold control codes
    caps = (calm / "capabilities.yaml").read_text(encoding="utf-8")
    (calm / "capabilities.yaml").write_text(caps.replace("Klocka\\a", "Klocka"), encoding="utf-8")
    target = tmp_path / "x.xlsx"
    result = CliRunner().invoke(app, ["export", "-e", str(calm), "-o", str(target)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    values = []
    for sheet in book.worksheets[1:]:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                values.append(cell.value)
    assert "=SUM(1+1)*cmd|' /C calc'!A0" in values  # a string cell, shown as written


def test_build_writes_the_office_files_listed_and_checks_them(tmp_path: Path) -> None:
    folder = tmp_path / "eng"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "engagement.yaml").open("a", encoding="utf-8") as meta:
        meta.write("office: [docx, pptx]\n")
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["build", "-e", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert {"report.docx", "deck.pptx"} <= {p.name for p in out.iterdir()}
    result = runner.invoke(app, ["build", "-e", str(folder), "-o", str(out), "--check"])
    assert result.exit_code == 0, result.output
    (out / "deck.pptx").write_bytes(b"stale")
    result = runner.invoke(app, ["build", "-e", str(folder), "-o", str(out), "--check"])
    assert result.exit_code == 1
    assert "deck.pptx" in result.stdout
    plain = runner.invoke(app, ["build", "-e", str(EXAMPLE), "-o", str(tmp_path / "plain")])
    assert plain.exit_code == 0, plain.output
    assert not (tmp_path / "plain" / "deck.pptx").exists()  # only when asked


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(NO_SURROGATES, min_size=1, max_size=40).filter(lambda t: t.strip()),
    st.text(NO_SURROGATES, max_size=80),
)
def test_any_valid_text_renders_to_the_deck_and_the_word_report(title: str, text: str) -> None:
    """Whatever a valid engagement holds, both files are written and read back with it."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "eng"
        shutil.copytree(FIXTURES / "minimal", root)
        chef = (
            "id: chef\narea: organisation\nraises: [{capability: ledning, to: 4}]\neffect: 5\n"
            f"effort: 20\nstatus: selected\ntitle: {_json(title)}\nfirst_step: {_json(text)}\n"
        )
        (root / "initiatives" / "chef.yaml").write_text(chef, encoding="utf-8")
        out = Path(tmp) / "out"
        runner = CliRunner()
        for args in (
            ["deck", "-e", str(root), "-o", str(out / "deck.pptx")],
            ["report", "-e", str(root), "-o", str(out), "--format", "docx"],
        ):
            result = runner.invoke(app, args)
            assert result.exit_code == 0, result.output
        shown = printable(title.strip())  # a title is stripped as it is read (Text)
        assert shown.strip()[:20] in "\n".join(deck_texts(out / "deck.pptx"))
        document = docx.Document(str(out / "report.docx"))
        assert any(shown in p.text for p in document.paragraphs)
