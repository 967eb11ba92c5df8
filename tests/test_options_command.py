"""`malmiljo options` end to end: the over-committed lap, scenarios equal to prioritise, money."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.analysis.steering import steering_options
from malmiljo_cli.cli import app
from malmiljo_cli.validate import read_engagement, validate_folder

from .helpers import EXAMPLE, FIXTURES
from .test_options import expected_fit

OVER = FIXTURES / "overcommitted"


def run(*args: str) -> Any:
    done = CliRunner().invoke(app, list(args))
    assert done.exit_code == 0, done.output
    return done


def options_json(folder: Path, *extra: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(
        run("options", "-e", str(folder), "-f", "json", *extra).stdout
    )
    return found


def prioritise_json(folder: Path, *extra: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(
        run("prioritise", "-e", str(folder), "-f", "json", *extra).stdout
    )
    return found


@pytest.fixture
def over(tmp_path: Path) -> Path:
    target = tmp_path / "over"
    shutil.copytree(OVER, target)
    return target


def test_over_committed_offers_ten_more_days_or_stopping_either_team(over: Path) -> None:
    found = options_json(over)
    assert found["plan"]["total_effort"] == 70 and found["budget"] == 60 and found["max"] == 5
    kinds = [(f["kind"], f.get("days"), f.get("stop"), f.get("defer")) for f in found["fit"]]
    assert kinds == [
        ("capacity", 10.0, None, None),
        ("release", None, ["team-a"], []),
        ("release", None, ["team-b"], []),
    ]
    # the grounding work both teams need is never offered for deferral on its own
    assert all("grund" not in f.get("defer", []) for f in found["fit"])
    for f in found["fit"][1:]:
        assert f["frees"] == 20.0
        assert f["plan"]["total_effort"] <= 60 and not f["plan"]["over_capacity"]
        assert f["stop"][0] not in f["plan"]["selected"]
    assert found["fit"][0]["plan"]["total_effort"] == 70
    assert found["idle"] is None


def test_over_committed_fit_is_every_smallest_release_by_brute_force() -> None:
    eng = read_engagement(OVER)
    found = steering_options(eng, rank(eng))
    inst = found.instance
    index = {ident: i for i, ident in enumerate(inst.ids)}
    committed = frozenset(index[i] for i in found.plan.plan.committed)
    running = frozenset(index[i] for i in ("team-a", "team-b"))
    got = {(f.option.stop, f.option.defer) for f in found.fit if f.option.kind == "release"}
    assert got == expected_fit(inst, committed, running)


def test_the_example_says_the_count_binds_with_days_to_spare() -> None:
    found = options_json(EXAMPLE)
    [six] = found["scenarios"]
    assert six["id"] == "sex-initiativ" and len(six["selected"]) == 6
    assert found["idle"] == {"days": 60.0, "count_binds": True}
    counts = {c["max"]: c for c in found["by_count"]}
    assert sorted(counts) == [4, 5, 6]
    assert counts[6]["total_value"] > counts[5]["total_value"] > counts[4]["total_value"]
    assert counts[5]["selected"] == found["plan"]["selected"]
    assert found["fit"] == []
    points = found["frontier"]
    assert found["frontier_complete"] is True
    assert points[0]["budget"] == 78.0 and points[0]["marginal_value"] is None
    assert [p["budget"] for p in points] == sorted(p["budget"] for p in points)
    assert points[-1]["total_value"] == found["plan"]["total_value"]


def _set_status(folder: Path, ident: str, old: str, new: str) -> None:
    path = folder / "initiatives" / f"{ident}.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"status: {old}\n" in text
    extra = "dropped_reason: stoppad i ett scenario\n" if new == "dropped" else ""
    path.write_text(text.replace(f"status: {old}\n", f"status: {new}\n{extra}"), encoding="utf-8")


def test_a_scenario_plan_equals_prioritise_with_the_same_changes(
    example: Path, tmp_path: Path
) -> None:
    shutil.rmtree(example / "scenarios")  # the example's own is checked elsewhere
    (example / "scenarios").mkdir()
    (example / "scenarios" / "utan-chef.yaml").write_text(
        "name: Utan teknikchef i år\n"
        "capacity:\n  budget: 120\n  max_initiatives: 6\n"
        "must: [tjanstekatalog]\nexclude: [kunskapsbank]\ndefer: [drift-teknikchef]\n",
        encoding="utf-8",
    )
    found = options_json(example)
    [scenario] = found["scenarios"]
    twin = tmp_path / "twin"
    shutil.copytree(example, twin)
    shutil.rmtree(twin / "scenarios")
    _set_status(twin, "drift-teknikchef", "selected", "proposed")
    expected = prioritise_json(
        twin,
        "--budget",
        "120",
        "--max",
        "6",
        "--must",
        "tjanstekatalog",
        "--exclude",
        "kunskapsbank",
    )
    assert scenario["id"] == "utan-chef" and scenario["name"] == "Utan teknikchef i år"
    assert scenario["selected"] == expected["selected"]
    assert scenario["total_value"] == expected["total_value"]
    assert scenario["total_effort"] == expected["total_effort"]
    assert scenario["total_cost"] == expected["total_cost"]
    assert "drift-teknikchef" not in scenario["selected"]
    assert "tjanstekatalog" in scenario["selected"]


def test_a_stopping_scenario_equals_prioritise_with_the_status_dropped(
    over: Path, tmp_path: Path
) -> None:
    (over / "scenarios").mkdir()
    (over / "scenarios" / "pausa-b.yaml").write_text(
        "name: Pausa team B\nstop: [team-b]\ncapacity:\n  cost_budget: 420000\n", encoding="utf-8"
    )
    [scenario] = options_json(over)["scenarios"]
    twin = tmp_path / "twin"
    shutil.copytree(over, twin)
    shutil.rmtree(twin / "scenarios")
    _set_status(twin, "team-b", "in_progress", "dropped")
    text = (twin / "engagement.yaml").read_text(encoding="utf-8")
    (twin / "engagement.yaml").write_text(text + "  cost_budget: 420000\n", encoding="utf-8")
    expected = prioritise_json(twin)
    assert scenario["selected"] == expected["selected"]
    assert scenario["total_value"] == expected["total_value"]
    assert scenario["total_cost"] == expected["total_cost"] <= 420_000
    assert scenario["finish_week"] is not None


def test_a_scenario_naming_an_unknown_initiative_fails_with_its_position(over: Path) -> None:
    (over / "scenarios").mkdir()
    (over / "scenarios" / "fel.yaml").write_text(
        "name: Fel\nstop:\n  - team-a\n  - team-c\n", encoding="utf-8"
    )
    problems = validate_folder(over).problems
    assert [(p.line, p.column, p.code) for p in problems] == [(4, 5, "E304")]
    assert problems[0].file.endswith("scenarios/fel.yaml")
    done = CliRunner().invoke(app, ["options", "-e", str(over)])
    assert done.exit_code == 1
    assert "fel.yaml:4:5" in done.output


def test_table_and_markdown_speak_the_engagements_language(over: Path) -> None:
    table = run("options", "-e", str(over)).stdout
    assert "10 persondagar till" in table
    assert "Stoppa Team A tar emot beställningar" in table
    assert "Vad mer kapacitet ger" in table
    text = (over / "engagement.yaml").read_text(encoding="utf-8")
    (over / "engagement.yaml").write_text(
        text.replace("language: sv", "language: en"), encoding="utf-8"
    )
    md = run("options", "-e", str(over), "-f", "md").stdout
    assert "## What more capacity buys" in md
    assert "10 person-days more" in md
    assert "Stop Team A tar emot beställningar" in md


def test_options_needs_a_capacity(minimal: Path) -> None:
    text = (minimal / "engagement.yaml").read_text(encoding="utf-8")
    (minimal / "engagement.yaml").write_text(
        text.replace("  budget: 30\n", "")
        .replace("  max_initiatives: 2\n", "")
        .replace("capacity:\n", ""),
        encoding="utf-8",
    )
    done = CliRunner().invoke(app, ["options", "-e", str(minimal)])
    assert done.exit_code == 2, done.output
    assert "capacity.budget" in done.output


def test_budget_and_max_override_the_capacity(over: Path) -> None:
    found = options_json(over, "--budget", "80", "--max", "6")
    assert found["budget"] == 80 and found["max"] == 6
    assert found["fit"] == [] and found["idle"] is not None
    assert found["plan"]["total_effort"] <= 80
