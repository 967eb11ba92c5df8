"""The board: columns follow the lap's plan, 80 columns in the terminal, escaped Markdown and HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.board import COLUMNS, Board, build_board
from malmiljo_cli.analysis.plan import lap_plan
from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.cli import app
from malmiljo_cli.validate import load_engagement
from malmiljo_cli.write.terminal.board import as_html, as_markdown, as_table

from .helpers import EXAMPLE

runner = CliRunner()
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _board(path: Path = EXAMPLE) -> Board:
    eng = load_engagement(path).engagement
    assert eng is not None
    return build_board(eng, lap_plan(eng, rank(eng)).members)


def test_columns_follow_the_plan_and_hold_every_initiative() -> None:
    board = _board()
    assert [c.key for c in board.columns] == list(COLUMNS)
    ids = [card.id for c in board.columns for card in c.cards]
    assert sorted(ids) == sorted(p.stem for p in (EXAMPLE / "initiatives").glob("*.yaml"))
    by_key = {c.key: [card.id for card in c.cards] for c in board.columns}
    # The decided recruitment and the optimiser's pick wait in the plan's first column.
    assert by_key["planned"] == ["drift-teknikchef", "kunskapsbank"]
    assert by_key["in_progress"] == ["arendekoordinator", "helpdesk-uppdrag", "tva-team"]
    assert by_key["done"] == ["scrumtavla"] and by_key["dropped"] == ["standardklient"]
    assert len(by_key["backlog"]) == 10 and "kunskapsbank" not in by_key["backlog"]
    done = next(c for c in board.columns if c.key == "done")
    assert done.cards[0].colour == "#009e73"


def test_the_board_command_shows_the_same_plan_as_prioritise() -> None:
    result = runner.invoke(app, ["board", "-e", str(EXAMPLE)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    plan = runner.invoke(app, ["prioritise", "-e", str(EXAMPLE), "--format", "json"])
    import json

    members = json.loads(plan.output)["selected"]
    planned = result.output.split("I varvets plan (2)")[1].split("Pågår (3)")[0]
    running = result.output.split("Pågår (3)")[1].split("Klart (1)")[0]
    shown = [i for i in members if f"{i} ·" in planned or f"{i} ·" in running]
    assert shown == members


@pytest.mark.parametrize("colour", [True, False])
def test_table_fits_80_columns(colour: bool) -> None:
    swatch = (lambda text, c: f"\x1b[38;2;1;2;3m{text}\x1b[0m") if colour else None
    text = as_table(_board(), swatch=swatch)
    lines = [ANSI.sub("", line) for line in text.splitlines()]
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    assert "I varvets plan (2)" in lines and "Klart (1)" in lines and "Struket (1)" in lines
    assert "Utanför planen (10)" in lines
    assert ("\x1b[38;2;" in text) is colour
    assert "   arbetssatt · Ägare: It-chef" in lines or "   ██ arbetssatt · Ägare: It-chef" in lines


def test_cli_board_uses_area_colours_only_on_a_colour_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = runner.invoke(app, ["board", "-e", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "\x1b[38;2;0;158;115m██\x1b[0m arbetssatt" in result.output  # #009e73
    monkeypatch.setenv("NO_COLOR", "1")
    result = runner.invoke(app, ["board", "-e", str(EXAMPLE)])
    assert "\x1b[" not in result.output
    assert "scrumtavla · Scrumtavla och korta morgonmöten" in result.output


def test_markdown_is_one_table_with_five_columns() -> None:
    text = as_markdown(_board())
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert rows[0].startswith(
        "| I varvets plan (2) | Pågår (3) | Klart (1) | Utanför planen (10) |"
    )
    assert len(rows) == 2 + 10
    assert all(line.count(" | ") == 4 for line in rows[2:])


def test_untrusted_text_is_escaped_in_every_format(example: Path) -> None:
    path = example / "initiatives" / "scrumtavla.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "title: Scrumtavla och korta morgonmöten", 'title: "<script>x</script> | *a* \\e[31m"'
    )
    path.write_text(text, encoding="utf-8")
    board = _board(example)
    page = as_html(board)
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert 'style="border-left-color: #009e73"' in page
    md = as_markdown(board)
    assert "\\<script\\>" in md and "\\| \\*a\\*" in md
    result = runner.invoke(app, ["board", "-e", str(example)], env={"NO_COLOR": "1"})
    assert "\\x1b[31m" in result.output and "\x1b[31m" not in result.output
