"""risks.yaml: the register in the report (by likelihood x impact, owners, mitigations), the 5x5
matrix, and the deck's slide."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import read_engagement, validate_folder

from .helpers import EXAMPLE


def test_the_register_is_ordered_by_likelihood_times_impact_open_first() -> None:
    eng = read_engagement(EXAMPLE)
    ctx = report_context(eng, analyse(eng, root=EXAMPLE), root=EXAMPLE, lang=None)
    register = ctx.risks.register
    assert register is not None
    rows = register.rows
    assert [r.number for r in rows] == list(range(1, len(rows) + 1))
    open_rows = [r for r in rows if not r.closed]
    assert [r.score for r in open_rows] == sorted((r.score for r in open_rows), reverse=True)
    assert rows[-1].closed  # the closed risk comes last
    assert rows[0].owner == "It-chef" and rows[0].mitigation.startswith("Starta rekryteringen")
    # the matrix: rows impact 5..1, columns likelihood 1..5, each open risk once in its cell
    cells = [c for row in register.matrix for c in row]
    assert [(c.impact, c.likelihood) for c in cells[:2]] == [(5, 1), (5, 2)]
    placed = [n for c in cells for n in c.numbers.split(", ") if n]
    assert sorted(placed, key=int) == [str(r.number) for r in open_rows]
    top = next(c for c in cells if c.numbers == "1")
    assert (top.likelihood, top.impact, top.level) == (4, 4, "high")


def test_the_report_shows_the_register_with_owners_and_mitigations(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["report", "-e", str(EXAMPLE), "-o", str(tmp_path), "-f", "md"])
    assert done.exit_code == 0, done.output
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    register = text[text.index("### Riskregister") : text.index("### Riskmatris")]
    assert "| 1 | Rekryteringen av drift- och teknikchef drar ut på tiden" in register
    assert "| 4 | 4 | 16 | It-chef | Starta rekryteringen direkt efter beslut" in register
    assert "Förbundsdirektör" in register and "(stängd)" in register


def test_a_likelihood_of_seven_fails_with_its_position(example: Path) -> None:
    path = example / "risks.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("likelihood: 4", "likelihood: 7", 1),
        encoding="utf-8",
    )
    problems = [p for p in validate_folder(example).problems if p.is_error]
    assert [(Path(p.file).name, p.line, p.column, p.code) for p in problems] == [
        ("risks.yaml", 5, 17, "E204")
    ]
