"""`malmiljo score` through the CLI: formats, methods, located errors (commands/score.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from malmiljo_cli.cli import app

from .helpers import in_english

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.output


def test_table_is_ranked_and_fits_80_columns(example: Path) -> None:
    code, out, output = run("score", "-e", str(example))
    assert code == 0, output
    lines = out.splitlines()
    assert lines[2].split()[:2] == ["1", "arendekoordinator"]
    assert max(len(line) for line in lines) <= 80
    assert "Condorcetvinnare bland röstsedlarna: arendekoordinator" in out


def test_json_lists_rank_score_quadrant_and_inputs(example: Path) -> None:
    for method in ("weighted", "wsjf", "rice", "ice"):
        code, out, output = run("score", "-e", str(example), "--method", method, "--format", "json")
        assert code == 0, output
        data = json.loads(out)
        assert len(data) == 15
        assert [d["rank"] for d in data] == sorted(d["rank"] for d in data)
        assert all({"id", "rank", "score", "quadrant", "inputs"} <= set(d) for d in data)
        assert all(d["method"] == method for d in data)
    wsjf = json.loads(run("score", "-e", str(example), "-m", "wsjf", "-f", "json")[1])
    assert wsjf[0]["inputs"] == {
        "effect": 4.0,
        "urgency": 4.0,
        "risk_reduction": 2.0,
        "effort": 6.0,
    }


def test_markdown_and_csv(example: Path) -> None:
    md = run("score", "-e", str(example), "-f", "md")[1]
    assert md.startswith("| rang | id | titel |") and "Ärendekoordinator" in md
    rows = list(csv.reader(io.StringIO(run("score", "-e", str(example), "-f", "csv")[1])))
    assert rows[0] == ["rank", "id", "title", "score", "effort", "quadrant"] and len(rows) == 16


def test_rice_without_reach_names_each_file_and_line(minimal: Path) -> None:
    code, _, output = run("score", "-e", str(minimal), "--method", "rice")
    assert code == 1, output
    assert "metoden rice behöver reach och confidence" in output
    assert "chef.yaml:1: 'chef' saknar reach" in output
    assert "tavla.yaml:1: 'tavla' saknar confidence" in output
    code, _, output = run("score", "-e", str(in_english(minimal)), "--method", "rice")
    assert "the rice method needs reach and confidence" in output
    assert "chef.yaml:1: 'chef' has no reach" in output


def test_zero_effort_is_a_located_error_not_a_zero_score(minimal: Path) -> None:
    path = minimal / "initiatives" / "chef.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("effort: 20", "effort: 0"), encoding="utf-8"
    )
    code, out, output = run("score", "-e", str(minimal))
    assert code == 1, output
    assert "chef.yaml:8:9" in output and "E204" in output
    assert out == ""
