"""A new lap (carry-over and drop candidates) and the lap history from git."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from malmiljo_cli.analysis.laps import bottom_third, carry_over
from malmiljo_cli.cli import app
from malmiljo_cli.edit import set_scalar
from malmiljo_cli.validate import load_engagement

from .helpers import git, snapshot

runner = CliRunner()


def _engagement(path: Path):  # type: ignore[no-untyped-def]
    eng = load_engagement(path).engagement
    assert eng is not None
    return eng


def test_bottom_third_is_below_two_thirds_of_the_others() -> None:
    assert bottom_third({"a": 1.0}) == set()
    assert bottom_third({"a": 1.0, "b": 1.0, "c": 1.0}) == set()
    assert bottom_third({"a": 1.0, "b": 2.0, "c": 3.0}) == {"a"}
    assert bottom_third({"a": 1.0, "b": 1.0, "c": 3.0, "d": 4.0}) == {"a", "b"}
    assert len(bottom_third({str(i): float(i) for i in range(17)})) == 6


def test_carry_over_rules(example: Path) -> None:
    ini = example / "initiatives"
    set_scalar(example, ini / "kunskapsbank.yaml", ("added_in_lap",), 2)
    eng = _engagement(example)
    low = {
        i.id: (0.0 if i.id in ("kompetensplan", "kunskapsbank") else 1.0) for i in eng.initiatives
    }
    carry = carry_over(eng, new_lap=2, scores=low)
    assert [r.id for r in carry.done] == ["scrumtavla"]
    assert "standardklient" not in [r.id for r in carry.remaining]  # dropped ones do not carry
    reasons = {c.id: c.reasons for c in carry.drop_candidates}
    # kunskapsbank scores low but was only added for lap 2, so it has not had a whole lap.
    assert reasons == {"kompetensplan": ("low_score",)}


def test_raising_only_capabilities_at_target_is_a_drop_candidate(example: Path) -> None:
    caps = example / "capabilities.yaml"
    text = caps.read_text(encoding="utf-8")
    assert "id: kompetensforsorjning" in text
    eng = _engagement(example)
    target = eng.capability_by_id["kompetensforsorjning"].target
    index = [c.id for c in eng.capabilities].index("kompetensforsorjning")
    set_scalar(example, caps, ("capabilities", index, "current"), target)
    eng = _engagement(example)
    carry = carry_over(eng, new_lap=2, scores={i.id: 1.0 for i in eng.initiatives})
    assert {c.id: c.reasons for c in carry.drop_candidates} == {"kompetensplan": ("at_target",)}


def test_lap_new_increments_the_lap_and_nothing_else(example: Path) -> None:
    before = snapshot(example)
    result = runner.invoke(app, ["lap", "new", "-e", str(example)])
    assert result.exit_code == 0, result.output
    after = snapshot(example)
    assert after["engagement.yaml"] == before["engagement.yaml"].replace(b"lap: 1\n", b"lap: 2\n")
    assert {k: v for k, v in after.items() if k != "engagement.yaml"} == {
        k: v for k, v in before.items() if k != "engagement.yaml"
    }
    assert "varv 1 -> 2" in result.output
    assert "klart (1)\n  scrumtavla" in result.output
    assert "kandidater att stryka (" in result.output


def test_lap_new_adds_a_missing_lap_key(minimal: Path) -> None:
    path = minimal / "engagement.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("lap: 1\n", ""), encoding="utf-8")
    result = runner.invoke(app, ["lap", "new", "-e", str(minimal)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").endswith("  max_initiatives: 2\nlap: 2\n")


def test_lap_history_json_from_tags(repo: tuple[Path, Path]) -> None:
    top, engagement = repo
    runner.invoke(app, ["lap", "new", "-e", str(engagement)])
    set_scalar(engagement, engagement / "initiatives" / "tva-team.yaml", ("status",), "done")
    git(top, "commit", "-q", "-am", "lap 2")
    git(top, "tag", "lap-2")
    result = runner.invoke(app, ["lap", "history", "-e", str(engagement), "--format", "json"])
    assert result.exit_code == 0, result.output
    laps = json.loads(result.output)["laps"]
    assert [(p["lap"], p["revision"]) for p in laps] == [(1, "lap-1"), (2, "lap-2")]
    assert laps[0]["counts"] == {
        "proposed": 11,
        "selected": 1,
        "in_progress": 3,
        "done": 1,
        "dropped": 1,
    }
    assert laps[1]["counts"]["done"] == 2 and laps[1]["counts"]["in_progress"] == 2
    assert laps[1]["achieved_gap"] < laps[0]["achieved_gap"]
    assert laps[0]["weighted_gap"] == laps[1]["weighted_gap"]
    assert laps[0]["commit"] == git(top, "rev-parse", "lap-1").strip()


def test_lap_history_without_tags_uses_commits(repo: tuple[Path, Path]) -> None:
    top, engagement = repo
    git(top, "tag", "-d", "lap-1")
    runner.invoke(app, ["lap", "new", "-e", str(engagement)])
    git(top, "commit", "-q", "-am", "lap 2")
    result = runner.invoke(app, ["lap", "history", "-e", str(engagement), "-f", "json"])
    assert result.exit_code == 0, result.output
    laps = json.loads(result.output)["laps"]
    assert [p["lap"] for p in laps] == [1, 2]
    assert laps[1]["commit"] == git(top, "rev-parse", "HEAD").strip()
    table = runner.invoke(app, ["lap", "history", "-e", str(engagement)])
    assert table.exit_code == 0, table.output
    assert "█" in table.output and "░" in table.output


def test_lap_history_skips_a_lap_that_no_longer_validates(repo: tuple[Path, Path]) -> None:
    top, engagement = repo
    areas = engagement / "areas.yaml"
    good = areas.read_text(encoding="utf-8")
    git(top, "tag", "-d", "lap-1")
    areas.write_text("areas: [}\n", encoding="utf-8")
    git(top, "commit", "-q", "-am", "broken lap 1")
    git(top, "tag", "lap-1")
    areas.write_text(good, encoding="utf-8")
    runner.invoke(app, ["lap", "new", "-e", str(engagement)])
    git(top, "commit", "-q", "-am", "lap 2")
    git(top, "tag", "lap-2")
    result = runner.invoke(app, ["lap", "history", "-e", str(engagement), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "varv 1 (lap-1): hoppas över, uppdraget där har 1 fel" in result.output
    start = result.output.index("{")
    assert [p["lap"] for p in json.loads(result.output[start:])["laps"]] == [2]


def test_lap_new_json_dry_run_writes_nothing(example: Path) -> None:
    before = snapshot(example)
    result = runner.invoke(app, ["lap", "new", "-e", str(example), "--dry-run", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert snapshot(example) == before
    start, end = result.output.index("{"), result.output.rindex("}") + 1
    data = json.loads(result.output[start:end])
    assert data["lap"] == 2
    assert [d["id"] for d in data["done"]] == ["scrumtavla"]
    assert all(c["reasons"] for c in data["drop_candidates"])
    assert "-lap: 1\n+lap: 2" in result.output


def test_scores_come_from_scoring_and_fall_back_to_weighted(minimal: Path) -> None:
    from malmiljo_cli.analysis.laps import open_scores
    from malmiljo_cli.analysis.scoring import rank

    weighted = open_scores(_engagement(minimal))
    assert weighted == {s.id: s.score for s in rank(_engagement(minimal)).scores}
    path = minimal / "engagement.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "scoring:\n  method: rice\n", encoding="utf-8"
    )
    assert open_scores(_engagement(minimal)) == weighted  # no reach or confidence to rank by


def test_lap_history_skips_a_tag_where_the_engagement_is_missing(repo: tuple[Path, Path]) -> None:
    top, engagement = repo
    git(top, "tag", "lap-0", "before")  # the first commit, before the engagement existed
    result = runner.invoke(app, ["lap", "history", "-e", str(engagement), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "varv 0 (lap-0): hoppas över" in result.stderr
    assert [p["lap"] for p in json.loads(result.stdout)["laps"]] == [1]
