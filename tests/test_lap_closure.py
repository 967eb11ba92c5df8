"""`diff` and `lap history` say the lap's closure by that revision's own plan, the same figure
`gap` gives on the tree checked out at that revision, and the whole backlog's under its own name."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.edit import set_scalar

from .helpers import git

runner = CliRunner()


def _run(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _gap_at(top: Path, rev: str, into: Path) -> dict[str, Any]:
    """`gap --format json` on the tree checked out at `rev` (a real checkout, not our reader)."""
    into.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(top), "archive", rev], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return _run("gap", "-e", str(into / "kund" / "vmkf"))["total"]  # type: ignore[no-any-return]


def _three_laps(top: Path, engagement: Path) -> None:
    """Lap 2: work done, a new decision and a smaller budget; lap 3: no capacity at all (no
    budget, no calendar), so the plan is the decided work alone, one decision
    fewer."""
    ini, meta = engagement / "initiatives", engagement / "engagement.yaml"
    set_scalar(engagement, meta, ("lap",), 2)
    set_scalar(engagement, ini / "tva-team.yaml", ("status",), "done")
    set_scalar(engagement, ini / "kunskapsbank.yaml", ("status",), "selected")
    set_scalar(engagement, meta, ("capacity", "budget"), 100)
    git(top, "commit", "-q", "-am", "lap 2")
    git(top, "tag", "lap-2")
    set_scalar(engagement, meta, ("lap",), 3)
    text = meta.read_text(encoding="utf-8")
    for line in ("  budget: 100\n", "  weeks: 26\n", "  per_week: 6\n"):
        text = text.replace(line, "")
    meta.write_text(text, encoding="utf-8")
    set_scalar(engagement, ini / "drift-teknikchef.yaml", ("status",), "proposed")
    git(top, "commit", "-q", "-am", "lap 3")
    git(top, "tag", "lap-3")


def test_lap_history_and_diff_give_each_revision_its_own_plans_closure(
    repo: tuple[Path, Path], tmp_path: Path
) -> None:
    top, engagement = repo
    _three_laps(top, engagement)
    gaps = {rev: _gap_at(top, rev, tmp_path / rev) for rev in ("lap-1", "lap-2", "lap-3")}
    # The figures differ from lap to lap, and the lap's from the backlog's: a test that can fail.
    assert len({g["lap_closure"] for g in gaps.values()}) == 3
    assert all(g["lap_closure"] < g["closure"] for g in gaps.values())
    assert gaps["lap-1"]["lap_closure"] == 0.536  # as README and the report say: 54 %

    laps = _run("lap", "history", "-e", str(engagement))["laps"]
    assert [p["revision"] for p in laps] == ["lap-1", "lap-2", "lap-3"]
    for point in laps:
        gap = gaps[point["revision"]]
        assert point["lap_closure"] == gap["lap_closure"], point["revision"]
        assert point["lap_gap"] == gap["lap_gap"], point["revision"]
        assert point["backlog_closure"] == gap["closure"], point["revision"]
        assert point["projected_gap"] == gap["projected_gap"], point["revision"]
        assert "closure" not in point  # "the plan" never means the whole backlog

    for before, after in (("lap-1", "lap-2"), ("lap-2", "lap-3"), ("lap-1", "lap-3")):
        diff = _run("diff", "-e", str(engagement), "--from", before, "--to", after)["gaps"]
        for side, rev in (("before", before), ("after", after)):
            assert diff[side]["lap_closure"] == gaps[rev]["lap_closure"], (side, rev)
            assert diff[side]["lap_gap"] == gaps[rev]["lap_gap"], (side, rev)
            assert diff[side]["backlog_closure"] == gaps[rev]["closure"], (side, rev)
            assert "closure" not in diff[side]


def test_diff_against_the_working_tree_uses_the_working_trees_plan(
    repo: tuple[Path, Path],
) -> None:
    _, engagement = repo
    set_scalar(engagement, engagement / "engagement.yaml", ("capacity", "budget"), 40)
    now = _run("gap", "-e", str(engagement))["total"]
    diff = _run("diff", "-e", str(engagement), "--from", "lap-1")["gaps"]
    assert diff["after"]["lap_closure"] == now["lap_closure"] != diff["before"]["lap_closure"]
    assert diff["before"]["lap_closure"] == 0.536


def test_tables_name_the_lap_and_the_backlog_in_the_engagements_language(
    repo: tuple[Path, Path],
) -> None:
    top, engagement = repo
    _three_laps(top, engagement)
    table = runner.invoke(app, ["diff", "-e", str(engagement), "--from", "lap-1", "--to", "lap-2"])
    assert table.exit_code == 0, table.output
    assert "andel av gapet som är stängd efter varvet" in table.stdout
    assert "andel som hela backloggen stänger" in table.stdout
    assert "53,6 %" in table.stdout and "96,0 %" in table.stdout  # lap 1: the lap, the backlog
    assert "closure by the plan" not in table.stdout
    history = runner.invoke(app, ["lap", "history", "-e", str(engagement)])
    assert history.exit_code == 0, history.output
    head = history.stdout.splitlines()[0]
    assert "varv %" in head and "alla %" in head
    assert "53,6 %" in history.stdout.splitlines()[2]
