"""Gap analysis on a fixture whose every figure was worked out by hand (tests/fixtures/gaps)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.gaps import GapSums, analyse_gaps, gap_closed
from malmiljo_cli.cli import app
from malmiljo_cli.models import Engagement
from malmiljo_cli.validate import read_engagement

from .helpers import EXAMPLE, FIXTURES

GAPS = FIXTURES / "gaps"


@pytest.fixture(scope="module")
def eng() -> Engagement:
    return read_engagement(GAPS)


def test_per_capability(eng: Engagement) -> None:
    caps = {c.id: c for c in analyse_gaps(eng).capabilities}
    # c1: 1 -> 3, importance 2; i1 (done) raises it to 5, above the target.
    assert (caps["c1"].gap, caps["c1"].weighted_gap) == (2, 4)
    assert (caps["c1"].projected, caps["c1"].achieved, caps["c1"].coverage) == (5, 5, "covered")
    assert caps["c1"].raised_by == ("i1",)
    # c2: 0 -> 4; i2 raises to 2 and i3 to 3: the higher counts; neither is done.
    assert (caps["c2"].gap, caps["c2"].weighted_gap) == (4, 4)
    assert (caps["c2"].projected, caps["c2"].achieved, caps["c2"].coverage) == (3, 0, "partial")
    assert caps["c2"].raised_by == ("i2", "i3")
    # c3: 2 -> 4, importance 3; only the dropped i4 raises it, so nothing does.
    assert (caps["c3"].gap, caps["c3"].weighted_gap) == (2, 6)
    assert (caps["c3"].projected, caps["c3"].achieved, caps["c3"].coverage) == (2, 2, "uncovered")
    assert caps["c3"].raised_by == ()
    # c4: at its target already.
    assert (caps["c4"].gap, caps["c4"].weighted_gap, caps["c4"].coverage) == (0, 0, "none")


def test_per_area_and_total(eng: Engagement) -> None:
    result = analyse_gaps(eng, ("i3",))
    areas = {a.id: a.sums for a in result.areas}
    # Area a: gaps 2+4=6, weighted 4+4=8; left after plan: c1 0, c2 1*(4-3)=1; after done: 0 + 4.
    # The lap (i3, with done i1): c1 at 5, c2 at 3: 1 left, the same as the whole backlog here.
    assert areas["a"] == GapSums(6, 8, 1, 4, 7 / 8, 0.5, 3.5, 4.0, 1, 7 / 8, 4.0)
    # Area b: nothing live raises c3: closure 0.
    assert areas["b"] == GapSums(2, 6, 6, 6, 0.0, 2.0, 4.0, 2.0, 6, 0.0, 2.0)
    # Area c has no gap: closure is 1.0 by definition.
    assert areas["c"] == GapSums(0, 0, 0, 0, 1.0, 3.0, 3.0, 3.0, 0, 1.0, 3.0)
    # Total: weighted 14, 7 left after the plan, 10 after done work; levels (1+0+2+3)/4 etc.
    assert result.total == GapSums(8, 14, 7, 10, 0.5, 1.5, 3.5, 3.25, 7, 0.5, 3.25)


def test_the_lap_counts_its_plan_and_done_work_only(eng: Engagement) -> None:
    """Without i3 in the lap, c2 stays at 0: after the lap differs from after the backlog."""
    result = analyse_gaps(eng, ())
    caps = {c.id: c for c in result.capabilities}
    assert (caps["c1"].lap, caps["c2"].lap, caps["c3"].lap) == (5, 0, 2)
    a = next(x.sums for x in result.areas if x.id == "a")
    assert (a.lap_gap, a.lap_closure, a.lap_avg) == (4, 0.5, 2.5)
    assert (a.projected_gap, a.closure) == (1, 7 / 8)  # the backlog's figures are unchanged
    # i2 (proposed) in the lap raises c2 to 2 only; a dropped or unknown id counts for nothing.
    with_i2 = analyse_gaps(eng, ("i2", "i4", "nosuch"))
    assert {c.id: c.lap for c in with_i2.capabilities}["c2"] == 2
    assert {c.id: c.lap for c in with_i2.capabilities}["c3"] == 2


def test_gap_closed_counts_no_level_above_target(eng: Engagement) -> None:
    closed = {i.id: gap_closed(eng, i) for i in eng.initiatives}
    assert closed == {"i1": 4, "i2": 2, "i3": 3, "i4": 6}


def test_json_output_has_exactly_the_documented_keys() -> None:
    result = CliRunner().invoke(app, ["gap", "-e", str(GAPS), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"capabilities", "areas", "total"}
    assert set(data["capabilities"][0]) == {
        "id", "area", "name", "current", "target", "gap", "importance",
        "weighted_gap", "projected", "achieved", "coverage", "raised_by",
        "lap", "lap_gap", "lap_closure",
    }  # fmt: skip
    assert set(data["areas"][0]) == {
        "id", "name", "gap", "weighted_gap", "projected_gap", "achieved_gap",
        "closure", "current_avg", "target_avg", "projected_avg",
        "lap_gap", "lap_closure", "lap_avg",
    }  # fmt: skip
    assert data["total"]["closure"] == 0.5
    assert data["areas"][0]["closure"] == 0.875
    # The fixture has no capacity: the lap's plan is the decided i3 (and done i1).
    caps = {c["id"]: c for c in data["capabilities"]}
    assert (caps["c2"]["lap"], caps["c2"]["lap_gap"], caps["c2"]["lap_closure"]) == (3, 1, 0.75)
    assert (caps["c4"]["lap_gap"], caps["c4"]["lap_closure"]) == (0, 1.0)
    assert (data["total"]["lap_gap"], data["total"]["lap_closure"]) == (7, 0.5)


def test_example_lap_closes_less_than_the_backlog() -> None:
    """The issue's point: the lap's plan closes 54 % of the example's gap, the backlog 96 %."""
    data = json.loads(CliRunner().invoke(app, ["gap", "-e", str(EXAMPLE), "-f", "json"]).stdout)
    assert (data["total"]["weighted_gap"], data["total"]["lap_gap"]) == (125, 58)
    assert (data["total"]["lap_closure"], data["total"]["closure"]) == (0.536, 0.96)


def test_table_sorts_by_weighted_gap_and_marks_uncovered() -> None:
    result = CliRunner().invoke(app, ["gap", "-e", str(GAPS)])
    assert result.exit_code == 0, result.output
    body = result.stdout.splitlines()[2:6]
    assert [line.split()[0] for line in body] == ["!", "c1", "c2", "c4"]
    assert body[0].split()[1] == "c3"


def test_area_filter_and_unknown_area() -> None:
    result = CliRunner().invoke(app, ["gap", "-e", str(GAPS), "--area", "b", "--format", "json"])
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["capabilities"]] == ["c3"]
    assert data["total"]["weighted_gap"] == 6
    result = CliRunner().invoke(app, ["gap", "-e", str(GAPS), "--area", "x"])
    assert result.exit_code == 2
    assert "there is no area 'x'" in result.stderr


def test_markdown_and_csv_forms() -> None:
    md = CliRunner().invoke(app, ["gap", "-e", str(GAPS), "--format", "md"]).stdout
    assert "| c3 | b | 2 | 4 | 2 | 3 | 6 | 2 | 2 | 2 | ej täckt |" in md
    assert "| a | 8 | 1 | 88% | 1 | 88% | 0.5 | 3.5 | 4.0 |" in md
    csv = CliRunner().invoke(app, ["gap", "-e", str(GAPS), "--format", "csv"]).stdout
    assert csv.splitlines()[1] == "c3,b,2,4,2,3,6,2,2,2,uncovered"


def test_invalid_engagement_stops_with_validate_errors(minimal: Path) -> None:
    (minimal / "areas.yaml").write_text("areas:\n  - id: x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gap", "-e", str(minimal)])
    assert result.exit_code == 1
    assert f"{minimal.as_posix()}/areas.yaml:2:5: error E201:" in result.stderr


def test_trace_matrix_and_lists() -> None:
    result = CliRunner().invoke(app, ["trace", "-e", str(GAPS), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["matrix"] == [
        {"capability": "c1", "initiative": "i1", "to": 5},
        {"capability": "c2", "initiative": "i2", "to": 2},
        {"capability": "c2", "initiative": "i3", "to": 3},
    ]
    assert data["unaddressed"] == ["c3"]
    assert data["idle"] == []
    table = CliRunner().invoke(app, ["trace", "-e", str(GAPS)]).stdout
    assert "Gap som inget initiativ höjer: c3" in table
    assert "1=i1  2=i2  3=i3" in table


def test_example_gap_runs() -> None:
    result = CliRunner().invoke(app, ["gap", "-e", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    total = json.loads(result.stdout)["total"]
    assert total["weighted_gap"] > total["projected_gap"] >= 0
