"""`malmiljo prioritise` through the CLI: the plan, JSON shape, errors, --write, --sensitivity."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.validate import validate_folder

from .helpers import in_english, snapshot

runner = CliRunner()
CHOSEN = ["arendekoordinator", "drift-teknikchef", "tva-team", "helpdesk-uppdrag", "kunskapsbank"]


def test_example_plan_as_text(example: Path) -> None:
    sv = runner.invoke(app, ["prioritise", "-e", str(example)])
    assert sv.exit_code == 0, sv.output
    assert sv.stdout.startswith(
        "Varvets plan (viktade kriterier)\n\n5 av högst 5 initiativ, värde 330,6"
    )
    assert "insats 90,0 av 150,0 persondagar (4 beslutade eller pågående)" in " ".join(
        sv.stdout.split()
    )
    assert "Närmaste alternativ" in sv.stdout and "optimeringens val" in sv.stdout
    result = runner.invoke(app, ["prioritise", "-e", str(in_english(example))])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "This lap's plan (weighted criteria)\n\n5 of at most 5 initiatives, value 330.6"
    )
    assert "effort 90.0 of 150.0 person-days (4 decided or in progress)" in " ".join(out.split())
    assert "Runners-up" in out and "+ledtidsmatning -kunskapsbank" in out
    assert "drift-teknikchef   Rekrytera" in out and "decided" in out and "in progress" in out
    assert "bestallarrad           the count limit binds: with it the plan would hold 7" in out
    assert "bestallarrad           antalsgränsen binder: med det skulle planen rymma 7" in sv.stdout
    assert max(len(line) for line in out.splitlines()) <= 80


def excluded(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in data["excluded"]}


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
    # It adds 73 days (50 of its own, 23 for what it needs outside the plan), 60 remain; and
    # with three more the plan would hold 8 of at most 5: both constraints are named.
    assert {k: v for k, v in excluded(data)["digitaliseringsstod"].items() if k != "id"} == {
        "reason": "needs", "days": 73, "room": 60, "count": 8, "breaks": ["days", "count"],
        "needs": ["bestallarrad", "uppdragsbeskrivning"], "possible": False, "best_with": None,
        "displaces": None, "cost": 5000, "cost_room": None,
    }  # fmt: skip
    swap = excluded(data)["ledtidsmatning"]  # fits, but only in place of kunskapsbank
    assert (swap["breaks"], swap["displaces"]) == (["count"], ["kunskapsbank"])
    assert reasons["tjanstekatalog"] == "count_limit"
    assert reasons["ledtidsmatning"] == "count_limit"
    assert len(reasons) + len(data["selected"]) == 15
    assert data["committed"] == [
        "arendekoordinator", "drift-teknikchef", "helpdesk-uppdrag", "tva-team"
    ]  # fmt: skip
    assert data["departures"] == [] and data["needed_by"] == {}
    assert data["done"] == ["scrumtavla"] and data["over_capacity"] is None


def test_options_override_capacity(example: Path) -> None:
    args = ["prioritise", "-e", str(example), "-f", "json", "--budget", "120", "--max", "6",
            "--must", "uppdragsbeskrivning", "--exclude", "drift-teknikchef"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "uppdragsbeskrivning" in data["selected"] and "drift-teknikchef" not in data["selected"]
    assert data["total_effort"] <= 120 and len(data["selected"]) <= 6
    assert (data["budget"], data["max"]) == (120, 6)
    excluded = {e["id"]: e for e in data["excluded"]}
    assert excluded["drift-teknikchef"]["reason"] == "excluded"  # --exclude wins over decided
    assert "drift-teknikchef" not in data["committed"]
    assert excluded["driftdokumentation"]["reason"] == "needs_excluded"
    assert excluded["driftdokumentation"]["needs"] == ["drift-teknikchef"]


def test_excluding_work_in_progress_is_refused(example: Path) -> None:
    for ident in ("helpdesk-uppdrag", "arendekoordinator"):
        result = runner.invoke(app, ["prioritise", "-e", str(example), "--exclude", ident])
        assert result.exit_code == 2, result.output
        assert f"'{ident}' is in progress" in result.output
        assert result.stdout == ""


def test_infeasible_must_is_a_clear_error(example: Path) -> None:
    args = ["prioritise", "-e", str(example), "--budget", "100", "--must", "digitaliseringsstod"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "the budget is 100" in result.output and "digitaliseringsstod" in result.output
    assert result.stdout == ""


def test_decided_work_over_capacity_is_said_with_both_numbers(example: Path) -> None:
    """78 decided person-days against 30: said, nothing added, still a plan and a roadmap."""
    result = runner.invoke(app, ["prioritise", "-e", str(example), "--budget", "30"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Det beslutade arbetet tar 78 persondagar av 30: inget mer läggs till." in text
    assert not re.search(r"(?<![\d,.])0 persondagar", text)
    assert "inga återstår: det beslutade arbetet tar 78" in text
    data = json.loads(
        runner.invoke(
            app, ["prioritise", "-e", str(example), "--budget", "30", "-f", "json"]
        ).stdout
    )
    assert sorted(data["selected"]) == sorted(data["committed"]) and data["total_effort"] == 78
    assert data["over_capacity"] == {
        "effort": 78, "budget": 30, "count": 4, "limit": 5, "breaks": ["days"],
        "cost": 90000, "cost_budget": None,
    }  # fmt: skip
    assert all(e["room"] == 0 and e["days"] > 0 and "days" in e["breaks"] for e in data["excluded"])
    assert {e["reason"] for e in data["excluded"]} == {"does_not_fit"}
    roadmap = runner.invoke(app, ["roadmap", "-e", str(example), "-f", "json"])
    assert roadmap.exit_code == 0, roadmap.output


def test_unknown_id_is_a_usage_error(example: Path) -> None:
    result = runner.invoke(app, ["prioritise", "-e", str(example), "--exclude", "scrumtavlan"])
    assert result.exit_code == 2, result.output
    assert "did you mean 'scrumtavla'" in result.output


def test_no_capacity_ranks_everything_and_says_how_to_add_one(minimal: Path) -> None:
    path = minimal / "engagement.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  budget: 30\n", ""), encoding="utf-8"
    )
    result = runner.invoke(app, ["prioritise", "-e", str(minimal)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Utan capacity.budget finns ingen kapacitet att planera inom" in text
    # The YAML to add is a hint on standard error; the data (and every report) stays free of it.
    assert "tips: lägg till i engagement.yaml:" in result.stderr
    assert "capacity:\n  budget: 100" in result.stderr
    assert "budget: 100" not in result.stdout and "engagement.yaml" not in result.stdout
    english = runner.invoke(app, ["prioritise", "-e", str(in_english(minimal))])
    text = " ".join(english.stdout.split())
    assert "Without capacity.budget there is no capacity to plan within" in text
    assert "hint: add to engagement.yaml:" in english.stderr
    data = json.loads(runner.invoke(app, ["prioritise", "-e", str(minimal), "-f", "json"]).stdout)
    assert data["budget"] is None and data["excluded"] == [] and data["solver"] == "none"
    roadmap = runner.invoke(app, ["roadmap", "-e", str(minimal)])
    assert roadmap.exit_code == 0, roadmap.output


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
    assert "50 körningar (viktade kriterier, frö 0)" in table.stdout
    assert "stabil" in table.stdout and " core" not in table.stdout
    english = ["prioritise", "-e", str(in_english(example)), "--sensitivity", "50"]
    table = runner.invoke(app, english)
    assert "50 runs (weighted criteria, seed 0)" in table.stdout and "stable" in table.stdout
