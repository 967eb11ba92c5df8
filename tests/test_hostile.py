"""Hostile input (tests/hostile/): each attack gets its clear error, and no file changes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.validate import validate_folder

from .helpers import FIXTURES, snapshot

HOSTILE = Path(__file__).parent / "hostile"

YAML_ATTACKS = {
    "billion_laughs.yaml": ("E107", "alias bomb"),
    "python_object_tag.yaml": ("E106", "python/object/apply:os.system"),
    "python_name_tag.yaml": ("E106", "python/name:os.system"),
    "custom_tag.yaml": ("E106", "!include"),
    "duplicate_keys.yaml": ("E108", "first on line 5"),
    "deep_nesting.yaml": ("E110", "deeper than 64"),
}


OUTPUT_ATTACKS = (
    "html_script.yaml",
    "markdown_breakout.yaml",
    "dot_breakout.yaml",
    "terminal_ansi.yaml",
    "csv_formula.yaml",
    "typst_markup.yaml",
)


def test_every_attack_file_has_a_test() -> None:
    covered = set(YAML_ATTACKS) | set(OUTPUT_ATTACKS)
    assert {p.name for p in HOSTILE.iterdir()} == covered


@pytest.mark.parametrize("name", sorted(YAML_ATTACKS))
def test_yaml_attack_is_refused_with_its_code(name: str, minimal: Path) -> None:
    shutil.copy(HOSTILE / name, minimal / "initiatives" / "tavla.yaml")
    before = snapshot(minimal)
    tracemalloc.start()
    try:
        problems = validate_folder(minimal).problems
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    code, words = YAML_ATTACKS[name]
    errors = [p for p in problems if p.is_error]
    assert [(p.code, Path(p.file).name) for p in errors] == [(code, "tavla.yaml")], errors
    assert words in errors[0].message
    assert peak < 50_000_000, f"{name} used {peak:,} bytes: something expanded"
    assert snapshot(minimal) == before
    assert not Path("/tmp/malmiljo-pwned").exists()


def test_file_over_the_limit_is_refused_before_it_is_read(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = minimal / "initiatives" / "stor.yaml"
    big.write_text("id: stor\n" + "# fyllnad\n" * 600_000, encoding="utf-8")  # about 6 MB
    problems = validate_folder(minimal).problems
    assert [(p.code, Path(p.file).name) for p in problems] == [("E109", "stor.yaml")]
    monkeypatch.setenv("MALMILJO_MAX_FILE_BYTES", str(10_000_000))
    assert "E109" not in {p.code for p in validate_folder(minimal).problems}


def test_symlinked_file_pointing_outside_is_refused(minimal: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: hemlig\ntitle: Hemlig\narea: organisation\neffect: 1\neffort: 1\n")
    os.symlink(secret, minimal / "initiatives" / "hemlig.yaml")
    problems = validate_folder(minimal).problems
    assert [(p.code, Path(p.file).name) for p in problems] == [("E310", "hemlig.yaml")]


@pytest.mark.parametrize("logo", ["../../../etc/passwd", "/etc/passwd", "link.png"])
def test_logo_outside_the_engagement_is_refused(minimal: Path, tmp_path: Path, logo: str) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG")
    os.symlink(outside, minimal / "link.png")
    text = (minimal / "engagement.yaml").read_text(encoding="utf-8")
    (minimal / "engagement.yaml").write_text(text + f"logo: {logo}\n", encoding="utf-8")
    problems = validate_folder(minimal).problems
    assert [p.code for p in problems] == ["E310"]


def test_interrupted_write_leaves_the_file_as_it_was(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between the temp file and the rename: exit 130, old bytes, no temp file left."""
    from malmiljo_cli.commands.status import status
    from malmiljo_cli.handler import INTERRUPTED, run

    before = snapshot(minimal)

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    code = run(lambda: status(minimal, initiative="chef", new_status="done"))
    assert code == INTERRUPTED
    assert snapshot(minimal) == before


# --- injection into every output -----------------------------------------------------------


@dataclass(frozen=True)
class Outputs:
    folder: Path
    before: dict[str, bytes]
    out: Path
    board: str
    gap_md: str
    dot: str


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    """One engagement holding every output attack, built once into every format."""
    folder = tmp_path_factory.mktemp("hostile") / "eng"
    shutil.copytree(FIXTURES / "minimal", folder)
    for name in OUTPUT_ATTACKS:
        shutil.copy(HOSTILE / name, folder / "initiatives" / name)
    before = snapshot(folder)
    out = folder.parent / "out"
    runner = CliRunner()
    for args in (
        ["build", "-e", str(folder), "-o", str(out)],
        ["export", "-e", str(folder), "-o", str(out / "initiativ.csv")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    # .xlsx cannot store control characters at all: a clear refusal, nothing written ...
    refused = runner.invoke(app, ["export", "-e", str(folder), "-o", str(out / "no.xlsx")])
    assert refused.exit_code == 1 and "control character" in refused.stderr, refused.output
    assert not (out / "no.xlsx").exists()
    # ... so the formula cells go through .xlsx from a copy without the terminal attack.
    calm = folder.parent / "calm"
    shutil.copytree(folder, calm)
    (calm / "initiatives" / "terminal_ansi.yaml").unlink()
    result = runner.invoke(app, ["export", "-e", str(calm), "-o", str(out / "initiativ.xlsx")])
    assert result.exit_code == 0, result.output
    board = runner.invoke(app, ["board", "-e", str(folder)], env={"FORCE_COLOR": "1"}).stdout
    gap_md = runner.invoke(app, ["board", "-e", str(folder), "--format", "md"]).stdout
    dot = runner.invoke(app, ["graph", "-e", str(folder), "--format", "dot"]).stdout
    return Outputs(folder, before, out, board, gap_md, dot)


def test_building_every_output_changed_no_input(outputs: Outputs) -> None:
    assert snapshot(outputs.folder) == outputs.before


def test_script_shows_as_text_in_html_and_svg(outputs: Outputs) -> None:
    html = (outputs.out / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "<b>fet</b>" not in html
    svg = (outputs.out / "map.svg").read_text(encoding="utf-8")
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_markdown_cells_cannot_break_out(outputs: Outputs) -> None:
    report = (outputs.out / "report.md").read_text(encoding="utf-8")
    assert "\\# Rubrik" in report or "\\#" in report
    assert "\\| kolumn \\|" in report
    assert re.search(r"(?<!\\)\]\(javascript:", report) is None  # only as escaped text
    for line in outputs.gap_md.splitlines():
        if "falsk cell" in line:
            assert "\\| falsk cell \\|" in line


def test_dot_source_keeps_the_title_inside_its_label(outputs: Outputs) -> None:
    import pygraphviz

    graph = pygraphviz.AGraph(string=outputs.dot)
    assert "ond" not in graph.nodes()  # the title did not create a node
    node_ids = [n for n in graph.nodes() if "dot-breakout" in n]
    assert node_ids, graph.nodes()
    svg = (outputs.out / "map.svg").read_text(encoding="utf-8")
    assert "Slut&quot; ]; ond [label=&quot;hack&quot;" in svg


def test_terminal_escapes_are_shown_not_executed(outputs: Outputs) -> None:
    lines = [line for line in outputs.board.splitlines() if "terminal-ansi" in line]
    assert lines
    # Only the board's own colour codes (ESC [ ... m) may remain; the file's ESC, BEL and OSC
    # sequences arrive as visible \\x1b and \\x07.
    assert "\\x1b[2J" in lines[0] and "\\x07" in lines[0]
    assert "\x1b[2J" not in outputs.board and "\x1b]0;" not in outputs.board
    assert "\x07" not in outputs.board


def test_spreadsheet_cells_never_become_formulas(outputs: Outputs) -> None:
    import openpyxl

    csv = (outputs.out / "initiativ.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in csv and "'+46-8-123 45 67" in csv and "'@SUM(1+1)" in csv
    sheet = openpyxl.load_workbook(outputs.out / "initiativ.xlsx").worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    formula = [c for c in cells if c.data_type == "f"]
    assert formula == []
    assert any(str(c.value).lstrip("'").startswith("=HYPERLINK(") for c in cells)


def test_typst_code_is_printed_not_run(outputs: Outputs) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(outputs.out / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert '#read("/etc/passwd")' in text
    assert "#sys.inputs" in text
    assert "root:" not in text  # /etc/passwd was not read into the document


def test_a_failed_rename_puts_every_file_back(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several files in one change: when the second rename fails, the first is restored."""
    from malmiljo_cli.writer import commit

    chef, tavla = minimal / "initiatives" / "chef.yaml", minimal / "initiatives" / "tavla.yaml"
    new = minimal / "initiatives" / "ny.yaml"
    before = snapshot(minimal)
    real_replace = os.replace
    calls: list[str] = []

    def flaky(src: str, dst: object) -> None:
        calls.append(str(dst))
        if len(calls) == 3:
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(PermissionError):
        commit({chef: b"id: chef\n", new: b"id: ny\n", tavla: b"id: tavla\n"})
    assert len(calls) == 3
    assert snapshot(minimal) == before


def test_file_system_errors_are_clear_messages_not_bugs(minimal: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["schema", "-o", str(blocker / "sub")])
    assert result.exit_code == 1, result.output
    assert "cannot write" in result.stderr and "nothing was written" in result.stderr
    assert "internal error" not in result.stderr
