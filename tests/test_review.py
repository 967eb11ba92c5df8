"""`malmiljo review`: the last lap's plan, read from git at the tag, against the engagement today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.analysis.plan import lap_plan
from malmiljo_cli.analysis.review import lap_plan_at, review
from malmiljo_cli.analysis.schedule import schedule
from malmiljo_cli.analysis.scoring import rank
from malmiljo_cli.cli import app
from malmiljo_cli.history import snapshot
from malmiljo_cli.validate import read_engagement, validate_folder

from .helpers import git
from .second_lap import DROPPED_REASON, PLAN_1, two_laps

runner = CliRunner()


@pytest.fixture
def lap_two(tmp_path: Path) -> Path:
    return two_laps(tmp_path / "repo")


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def _json(folder: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    code, out = _run("review", "-e", str(folder), "--format", "json", *extra)
    assert code == 0, out
    return json.loads(out)  # type: ignore[no-any-return]


def test_the_outcomes_the_reason_and_the_lift(lap_two: Path) -> None:
    data = _json(lap_two, "--since", "lap-1")
    assert data["since"] == "lap-1"
    assert data["laps"] == {"before": 1, "now": 2}
    outcomes = {w["id"]: w["outcome"] for w in data["plan"]}
    assert outcomes == {
        "koordinator": "done",
        "tavla": "done",
        "chef": "in_progress",
        "rutiner": "dropped",
        "mote": "not_started",
    }
    reasons = {w["id"]: w.get("dropped_reason") for w in data["plan"]}
    assert reasons == {k: (DROPPED_REASON if k == "rutiner" else None) for k in outcomes}
    lifts = {
        c["id"]: (c["before"], c["now"], c["target"], c["planned"], c["realised"])
        for c in data["capabilities"]
    }
    assert lifts == {"arenden": (1, 3, 4, 3, True), "ledning": (0, 2, 4, 4, False)}
    # Lap 1: weighted gap 6 + 12 + 2 = 20; the plan left 2 + 0 + 2, the levels now 2 + 6 + 2.
    assert (data["weighted_gap"], data["planned_closure"], data["realised_closure"]) == (
        20,
        0.8,
        0.5,
    )
    assert data["staff"] == [
        {"id": "arenden", "staff_before": 1.0, "staff_now": 3.0, "assessed": 3}
    ]


def test_the_plan_is_the_one_the_tool_computes_at_the_tag(lap_two: Path) -> None:
    then = snapshot(lap_two, "lap-1").engagement
    ranking = rank(then)
    plan = lap_plan(then, ranking)
    assert set(plan.members) == set(PLAN_1)
    calendar = schedule(then, plan, ranking)
    assert calendar is not None
    data = _json(lap_two, "--since", "lap-1")
    assert [w["id"] for w in data["plan"]] == list(plan.members)
    weeks = {w["id"]: w["planned_finish_week"] for w in data["plan"]}
    assert weeks == {i: calendar.by_id(i).end_week for i in plan.members}  # type: ignore[union-attr]
    # Today's plan is another one: reading the working tree instead would not give lap 1's.
    now = read_engagement(lap_two)
    assert set(lap_plan(now, rank(now)).members) != set(PLAN_1)


def test_the_default_is_the_previous_lap_tag_and_any_revision_works(lap_two: Path) -> None:
    top = lap_two.parent
    by_tag = _json(lap_two, "--since", "lap-1")
    assert _json(lap_two) == by_tag
    commit = git(top, "rev-parse", "lap-1").strip()
    by_commit = _json(lap_two, "--since", commit)
    assert by_commit == {**by_tag, "since": commit}


def test_the_second_lap_validates_quietly(lap_two: Path) -> None:
    """Done work at its level raises no W403; nothing is wrong with a successful lap."""
    problems = validate_folder(lap_two).problems
    assert [(p.code, p.file) for p in problems] == []


def test_words_in_the_engagements_language(lap_two: Path, tmp_path: Path) -> None:
    code, out = _run("review", "-e", str(lap_two))
    assert code == 0, out
    assert "Vad blev det av varv 1:s plan" in out
    assert "pågår fortfarande" in out and "inte påbörjat" in out and "struket" in out
    assert "vecka 7" in out
    assert "2 klara, 1 pågår fortfarande, 1 inte påbörjade, 1 strukna." in out
    assert "Planen skulle stänga 80\u00a0% av det viktade gapet på 20" in out
    english = two_laps(tmp_path / "en", language="en")
    code, out = _run("review", "-e", str(english), "-f", "md")
    assert code == 0, out
    assert "## What became of lap 1's plan" in out
    assert "| rutiner | Driftrutiner | dropped | Driftchefen skriver" in out
    assert "| Ärendefördelning | 1 | 3 | 4 | 3 | yes |" in out
    assert "| Operativ ledning | 0 | 2 | 4 | 4 | no |" in out
    assert "The plan was to close 80% of the weighted gap of 20; the levels now close 50%." in out


def test_an_initiative_removed_since_counts_as_dropped(lap_two: Path) -> None:
    (lap_two / "initiatives" / "mote.yaml").unlink()
    before = snapshot(lap_two, "lap-1").engagement
    plan, calendar = lap_plan_at(before)
    result = review(before, plan, read_engagement(lap_two), since="lap-1", calendar=calendar)
    [mote] = [w for w in result.plan if w.id == "mote"]
    assert (mote.outcome, mote.removed, mote.dropped_reason) == ("dropped", True, None)
    assert [w.id for w in result.not_done] == ["chef"]


def test_without_an_earlier_lap_tag_it_asks_for_since(lap_two: Path) -> None:
    git(lap_two.parent, "tag", "-d", "lap-1")
    code, out = _run("review", "-e", str(lap_two))
    assert code == 2, out
    assert "--since REV" in out and "git tag lap-1" in out
    code, out = _run("review", "-e", str(lap_two), "--since", "nosuch")
    assert code == 2, out  # a revision that does not exist is a usage problem, as in diff
    assert "there is no revision 'nosuch'" in out
