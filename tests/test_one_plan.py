"""Every command and output names the same lap plan (issue: one plan, told one way).

The example has a decided 40-day recruitment that takes 16 weeks, three initiatives in progress
and one the optimiser adds; each output is read back and its plan compared with `prioritise`'s.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from malmiljo_cli.cli import app

from .helpers import EXAMPLE

runner = CliRunner()
PLAN = ["arendekoordinator", "drift-teknikchef", "tva-team", "helpdesk-uppdrag", "kunskapsbank"]


def run(*args: str) -> str:
    result = runner.invoke(app, [*args, "-e", str(EXAMPLE)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_output_names_the_same_plan(tmp_path: Path) -> None:
    plan = json.loads(run("prioritise", "-f", "json"))
    assert plan["selected"] == PLAN
    assert "drift-teknikchef" in plan["committed"]

    roadmap = json.loads(run("roadmap", "-f", "json"))
    assert sorted(i["id"] for i in roadmap["items"]) == sorted(PLAN)

    board = run("board")
    in_plan = board.split("I varvets plan (2)")[1].split("Klart (1)")[0]
    assert sorted(re.findall(r"^([a-z-]+) ·", in_plan, flags=re.M)) == sorted(PLAN)

    gap = json.loads(run("gap", "-f", "json"))
    assert gap["total"]["lap_gap"] == 58  # the same five and the done work, whatever reads it

    svg = run("graph", "-f", "svg").replace("&#45;", "-")
    starred = sorted(set(re.findall(r"★ ([a-z-]+)(?: ·|<)", svg)))
    assert starred == sorted(PLAN)

    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "-e", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "engagement.json").read_text("utf-8"))["analysis"]
    assert data["plan"]["selected"] == PLAN
    assert sorted(i["id"] for i in data["roadmap"]["items"]) == sorted(PLAN)
    assert data["gaps"]["total"]["lap_gap"] == 58
    report = (out / "report.md").read_text("utf-8")
    section = report.split("### Varvets plan")[1].split("###")[0]
    linked = re.findall(r"\(#initiative-([a-z-]+)\)", section)
    assert linked[: len(PLAN)] == PLAN
