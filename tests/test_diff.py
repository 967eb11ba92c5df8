"""`malmiljo diff` between two lap tags of a real git repository, and against the working tree."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.edit import set_scalar
from malmiljo_cli.validate import load_engagement

from .helpers import git

runner = CliRunner()


def _second_lap(top: Path, engagement: Path) -> None:
    """Lap 2: a status moved, an effort changed, one initiative added and one removed, a level raised."""
    ini = engagement / "initiatives"
    set_scalar(engagement, engagement / "engagement.yaml", ("lap",), 2)
    set_scalar(engagement, ini / "tva-team.yaml", ("status",), "done")
    set_scalar(engagement, ini / "kunskapsbank.yaml", ("effort",), 15)
    text = (ini / "kompetensplan.yaml").read_text(encoding="utf-8")
    (ini / "mentorskap.yaml").write_text(
        text.replace("id: kompetensplan", "id: mentorskap").replace(
            "added_in_lap: 1", "added_in_lap: 2"
        ),
        encoding="utf-8",
    )
    (ini / "standardklient.yaml").unlink()
    caps = load_engagement(engagement).engagement.capabilities  # type: ignore[union-attr]
    index = [c.id for c in caps].index("overblick")
    set_scalar(engagement, engagement / "capabilities.yaml", ("capabilities", index, "current"), 3)
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "lap 2")
    git(top, "tag", "lap-2")


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["diff", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_diff_between_two_lap_tags(repo: tuple[Path, Path]) -> None:
    top, engagement = repo
    _second_lap(top, engagement)
    data = _json("-e", str(engagement), "--from", "lap-1", "--to", "lap-2")
    assert (data["before"], data["after"]) == ("lap-1", "lap-2")
    assert data["laps"] == {"before": 1, "after": 2}
    assert [a["id"] for a in data["added"]] == ["mentorskap"]
    assert [r["id"] for r in data["removed"]] == ["standardklient"]
    changed = {c["id"]: c for c in data["changed"]}
    assert sorted(changed) == ["kunskapsbank", "tva-team"]
    assert changed["tva-team"]["status"] == {"before": "in_progress", "after": "done"}
    assert changed["kunskapsbank"]["status"] is None
    assert changed["kunskapsbank"]["fields"] == [{"field": "effort", "before": 12.0, "after": 15.0}]
    assert data["levels"] == [
        {
            "id": "overblick",
            "name": data["levels"][0]["name"],
            "current": {"before": 0, "after": 3},
            "target": {"before": 4, "after": 4},
        }
    ]
    before, after = data["gaps"]["before"], data["gaps"]["after"]
    assert after["gap"] == before["gap"] - 3
    assert after["achieved_gap"] < before["achieved_gap"]


def test_diff_against_the_working_tree_by_default(repo: tuple[Path, Path]) -> None:
    _, engagement = repo
    set_scalar(
        engagement, engagement / "initiatives" / "kunskapsbank.yaml", ("status",), "selected"
    )
    data = _json("-e", str(engagement), "--from", "lap-1")
    assert data["after"] == "working tree"
    assert [(c["id"], c["status"]["after"]) for c in data["changed"]] == [
        ("kunskapsbank", "selected")
    ]
    assert data["added"] == data["removed"] == data["levels"] == []


def test_table_and_markdown_show_the_status_transition(repo: tuple[Path, Path]) -> None:
    top, engagement = repo
    _second_lap(top, engagement)
    for fmt, line in (
        ("table", "      status: pågår -> klart"),
        ("md", "| tva-team | status | pågår | klart |"),
    ):
        result = runner.invoke(
            app, ["diff", "-e", str(engagement), "--from", "lap-1", "--to", "lap-2", "-f", fmt]
        )
        assert result.exit_code == 0, result.output
        assert line in result.output.splitlines(), result.output


def test_bad_revision_is_a_usage_error_in_a_sentence(repo: tuple[Path, Path]) -> None:
    _, engagement = repo
    result = runner.invoke(app, ["diff", "-e", str(engagement), "--from", "lap-7"])
    assert result.exit_code == 2, result.output
    assert "there is no revision 'lap-7'" in result.output
    result = runner.invoke(app, ["diff", "-e", str(engagement), "--from", "before"])
    assert result.exit_code == 1, result.output
    assert "no engagement in 'kund/vmkf' at revision 'before'" in result.output
