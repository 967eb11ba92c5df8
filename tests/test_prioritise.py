"""`malmiljo prioritise` through the CLI: the plan, JSON shape, errors, --write, --sensitivity."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.validate import validate_folder

from .helpers import snapshot

runner = CliRunner()
CHOSEN = ["arendekoordinator", "drift-teknikchef", "tva-team", "helpdesk-uppdrag", "kunskapsbank"]


def test_example_plan_as_text(example: Path) -> None:
    result = runner.invoke(app, ["prioritise", "-e", str(example)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Optimal plan (weighted)\n\n5 of at most 5 initiatives, value 330.6")
    assert "effort 90.0 of 150.0 days" in out
    assert "Runners-up" in out and "+ledtidsmatning -kunskapsbank" in out
    assert "bestallarrad           needs uppdragsbeskrivning, which is not chosen" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_example_plan_as_json(example: Path) -> None:
    result = runner.invoke(app, ["prioritise", "-e", str(example), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["selected"] == CHOSEN
    assert (data["budget"], data["max"], data["method"]) == (150, 5, "weighted")
    assert data["total_effort"] == 90 and round(data["total_value"], 1) == 330.6
    assert len(data["alternatives"]) == 3
    assert all(a["total_value"] <= data["total_value"] for a in data["alternatives"])
    reasons = {e["id"]: e["reason"] for e in data["excluded"]}
    assert reasons["tidsfordelningsmodell"] == "does_not_fit"
    assert reasons["tjanstekatalog"] == "needs"
    assert reasons["ledtidsmatning"] == "lower_value"
    assert len(reasons) + len(data["selected"]) == 15


def test_options_override_capacity(example: Path) -> None:
    args = ["prioritise", "-e", str(example), "-f", "json", "--budget", "40", "--max", "3",
            "--must", "uppdragsbeskrivning", "--exclude", "helpdesk-uppdrag"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "uppdragsbeskrivning" in data["selected"] and "helpdesk-uppdrag" not in data["selected"]
    assert data["total_effort"] <= 40 and len(data["selected"]) <= 3
    excluded = {e["id"]: e for e in data["excluded"]}
    assert excluded["helpdesk-uppdrag"]["reason"] == "excluded"
    assert excluded["arendekoordinator"]["reason"] == "does_not_fit"  # needs the excluded one


def test_infeasible_must_is_a_clear_error(example: Path) -> None:
    args = ["prioritise", "-e", str(example), "--budget", "30", "--must", "digitaliseringsstod"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "the budget is 30" in result.output and "digitaliseringsstod" in result.output
    assert result.stdout == ""


def test_unknown_id_is_a_usage_error(example: Path) -> None:
    result = runner.invoke(app, ["prioritise", "-e", str(example), "--exclude", "scrumtavlan"])
    assert result.exit_code == 2, result.output
    assert "did you mean 'scrumtavla'" in result.output


def test_no_budget_is_a_usage_error(minimal: Path) -> None:
    path = minimal / "engagement.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  budget: 30\n", ""), encoding="utf-8"
    )
    result = runner.invoke(app, ["prioritise", "-e", str(minimal)])
    assert result.exit_code == 2, result.output
    assert "--budget" in result.output


def test_write_marks_only_proposed_chosen_ones_selected(example: Path) -> None:
    before = snapshot(example)
    result = runner.invoke(app, ["prioritise", "-e", str(example), "--write"])
    assert result.exit_code == 0, result.output
    after = snapshot(example)
    changed = sorted(k for k in before if before[k] != after[k])
    assert changed == ["initiatives/kunskapsbank.yaml"]
    old = before["initiatives/kunskapsbank.yaml"].decode()
    assert after["initiatives/kunskapsbank.yaml"].decode() == old.replace(
        "status: proposed", "status: selected"
    )
    validation = validate_folder(example)
    assert validation.ok and validation.engagement is not None
    assert validation.engagement.initiative_by_id["kunskapsbank"].status == "selected"


def test_sensitivity_reports_core_and_swing(example: Path) -> None:
    args = ["prioritise", "-e", str(example), "--sensitivity", "200", "--seed", "3", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["runs"], data["seed"]) == (200, 3)
    shares = {s["id"]: s for s in data["shares"]}
    assert shares["arendekoordinator"]["stability"] == "core"
    assert {s["stability"] for s in data["shares"]} <= {"core", "swing", "out"}
    assert sorted(s["id"] for s in data["shares"] if s["in_optimum"]) == sorted(CHOSEN)
    again = runner.invoke(app, args)
    assert again.stdout == result.stdout
    table = runner.invoke(app, ["prioritise", "-e", str(example), "--sensitivity", "50"])
    assert "50 runs (weighted, seed 0)" in table.stdout
