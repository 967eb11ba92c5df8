"""The four rules for driving change, and `malmiljo check` with file:line (analysis/readiness.py)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from malmiljo_cli.cli import app

runner = CliRunner()

BARE = """id: bare
title: Ett initiativ utan förankring
area: arbetssatt
raises:
  - capability: overblick
    to: 3
effect: 3
effort: 30
status: in_progress
motivation: Viktigt
steps:
  - Allt på en gång
"""


def test_example_meets_all_four_rules(example: Path) -> None:
    result = runner.invoke(app, ["check", "-e", str(example), "--strict"])
    assert result.exit_code == 0, result.output
    assert "arendekoordinator" in result.output and "ok: inga problem hittades" in result.output
    assert "emotionell  omedelbar  synlig  lagom krävande" in result.output


def test_each_rule_warns_with_file_and_line(minimal: Path) -> None:
    (minimal / "initiatives" / "bare.yaml").write_text(BARE, encoding="utf-8")
    result = runner.invoke(app, ["check", "-e", str(minimal), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {(Path(p["file"]).name, p["line"], p["code"]) for p in json.loads(result.stdout)}
    assert ("bare.yaml", 10, "W501") in found  # present but too short: points at the text
    assert ("bare.yaml", 1, "W502") in found  # missing: points at the id
    assert ("bare.yaml", 1, "W503") in found
    assert ("bare.yaml", 12, "W504") in found  # 30 days, one step
    # tavla (selected, 2 days) lacks the three texts but needs no steps
    assert {c for f, _, c in found if f == "tavla.yaml"} == {"W501", "W502", "W503"}


def test_strict_fails_on_warnings_and_threshold_is_an_option(minimal: Path) -> None:
    (minimal / "initiatives" / "bare.yaml").write_text(BARE, encoding="utf-8")
    strict = runner.invoke(app, ["check", "-e", str(minimal), "--strict"])
    assert strict.exit_code == 1, strict.output
    assert "W504" in strict.output and "bare.yaml:12" in strict.output
    assert "'bare': 30 persondagar i 1 steg; dela upp i minst två (lagom krävande)" in (
        strict.output
    )
    assert "0 fel, 7 varningar" in strict.output
    relaxed = runner.invoke(app, ["check", "-e", str(minimal), "--step-threshold", "40"])
    assert "W504" not in relaxed.output, relaxed.output
