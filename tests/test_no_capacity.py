"""Without capacity the decision pages ask the steering group for it, with the ranked list to
choose from; the YAML to add is the CLI's hint alone; the board does not call unweighed work
"not this lap"; the key figures count what their status rows count."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.plan import lap_plan, rank_steps
from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.cli import app
from malmiljo_cli.content.context import ReportContext
from malmiljo_cli.content.i18n import catalogue
from malmiljo_cli.content.report import analyse, report_context
from malmiljo_cli.validate import load_engagement

from .test_report import render

runner = CliRunner()
CALENDAR_AND_BUDGET = (
    "  budget: 150\n",
    "  weeks: 26\n",
    "  per_week: 6\n",
    "  start: 2018-11-12\n",
)
# What a steering group should never be handed: YAML keys, file names, folder paths.
TECHNICAL = re.compile(
    r"capacity\.|\bbudget:|per_week|max_initiatives|\w\.ya?ml\b|\w\.json\b|engagement\.|/\w+/"
)


def _without_capacity(example: Path) -> Path:
    path = example / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    for line in CALENDAR_AND_BUDGET:
        assert line in text
        text = text.replace(line, "")
    path.write_text(text, encoding="utf-8")
    return example


def _context(folder: Path, lang: str | None = None) -> ReportContext:
    eng = load_engagement(folder).engagement
    assert eng is not None
    return report_context(eng, analyse(eng, root=folder), root=folder, lang=lang)


def test_pdf_pages_one_to_three_hold_no_yaml_and_no_file_names(
    example: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(_without_capacity(example), "pdf")["report.pdf"])
    pages = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "3", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Hur många persondagar kan enheten lägga på initiativen" in " ".join(pages.split())
    assert "Rangordnad lista att välja kapaciteten ur" in pages
    assert not TECHNICAL.search(pages), TECHNICAL.search(pages)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_report_format_names_the_yaml(example: Path, lang: str) -> None:
    files = render(_without_capacity(example), "md", "html", "docx", lang=lang)
    for name in ("report.md", "report.html"):
        text = files[name].decode()
        for needle in ("capacity.budget", "engagement.yaml", "capacity.per_week"):
            assert needle not in text, (name, needle)
    assert b"engagement.yaml" not in files["report.docx"]


def test_the_recommendation_asks_for_the_capacity_with_the_ranked_list(example: Path) -> None:
    folder = _without_capacity(example)
    ctx = _context(folder, "en")
    rec = ctx.executive.recommendation
    assert "How many person-days can the unit give the initiatives this lap" in rec.text
    assert "4 initiatives taking 78 person-days" in rec.text  # the decided work, as planned
    assert [f.value for f in rec.figures] == ["78 person-days"]
    # Rank order, below the decided work; each total is the one above plus what this adds.
    ranks = [int(c.rank) for c in rec.choices]
    assert ranks == sorted(ranks) and ranks[0] == 5
    totals = [float(c.total.split()[0]) for c in rec.choices]
    adds = [float(c.adds.split()[0]) for c in rec.choices]
    assert totals[0] == 78 + adds[0]
    assert all(b == a + d for a, b, d in zip(totals, totals[1:], adds[1:], strict=False))
    # A prerequisite further down the ranking comes along, named and counted.
    bestallarrad = next(c for c in rec.choices if c.ref.id == "bestallarrad")
    assert bestallarrad.adds == "23 person-days"  # 8 and uppdragsbeskrivning's 15
    assert bestallarrad.needs.startswith("with Uppdragsbeskrivning")
    assert "uppdragsbeskrivning" not in [c.ref.id for c in rec.choices]
    assert ctx.executive.decisions[0].startswith("Decide how many person-days the unit can give")


def test_rank_steps_count_each_prerequisite_once(example: Path) -> None:
    eng = load_engagement(_without_capacity(example)).engagement
    assert eng is not None
    ranking = rank(eng)
    plan = lap_plan(eng, ranking)
    steps = rank_steps(eng, ranking, plan)
    covered = set(plan.members) | {s.id for s in steps} | {n for s in steps for n in s.needs}
    assert covered == set(ranking.by_id)  # every open initiative once, in or below the plan
    assert steps[-1].total == sum(s.effort for s in ranking.scores)


def test_with_capacity_there_is_no_list_and_no_question(example: Path) -> None:
    rec = _context(example, "en").executive.recommendation
    assert rec.choices == () and "How many person-days" not in rec.text


def test_the_cli_keeps_the_yaml_hint_on_standard_error(example: Path) -> None:
    folder = _without_capacity(example)
    result = runner.invoke(app, ["prioritise", "-e", str(folder)])
    assert result.exit_code == 0, result.output
    assert "capacity:\n  budget: 100" in result.stderr
    assert "budget: 100" not in result.stdout


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_board_does_not_call_unweighed_work_not_this_lap(example: Path, lang: str) -> None:
    folder = _without_capacity(example)
    path = folder / "engagement.yaml"
    path.write_text(path.read_text("utf-8").replace("language: sv", f"language: {lang}"), "utf-8")
    columns = catalogue(lang)["board_columns"]
    board = runner.invoke(app, ["board", "-e", str(folder)])
    assert board.exit_code == 0, board.output
    assert columns["backlog"] not in board.stdout
    assert f"{columns['unweighed']} (11)" in board.stdout  # 16 live, 1 done, 4 decided
    ctx = _context(folder, lang)
    assert [c.status for c in ctx.board][3] == columns["unweighed"]


def test_with_capacity_the_board_says_not_this_lap(example: Path) -> None:
    """The optimiser weighed the open work against the lap: then "not this lap" is true."""
    board = runner.invoke(app, ["board", "-e", str(example)])
    assert board.exit_code == 0, board.output
    words = catalogue("sv")["board_columns"]
    assert f"{words['backlog']} (10)" in board.stdout and words["unweighed"] not in board.stdout


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_key_figures_count_what_their_status_rows_count(example: Path, lang: str) -> None:
    summary = _context(example, lang).summary
    label = catalogue(lang)["fig_initiatives"]
    total = next(f.value for f in summary.figures if f.label == label)
    assert total == "17" == str(sum(int(f.value) for f in summary.by_status))
