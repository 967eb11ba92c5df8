"""The CI examples users copy: valid YAML, and every malmiljo command in them works."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from malmiljo_cli.cli import app

from .helpers import ROOT

EXAMPLES = sorted((ROOT / "examples" / "ci").glob("*.yml"))


def commands(path: Path) -> list[str]:
    """Every `malmiljo …` command line in a CI file, without redirections and `||` tails."""
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"(?m)^\s*(?:run:\s+|-\s+)?(malmiljo [^\n#]*)", text)
    return [re.split(r"\s(?:>|\|\|)\s", c)[0].strip() for c in found]


def test_there_are_examples_for_github_and_gitlab() -> None:
    assert [p.name for p in EXAMPLES] == ["github-actions.yml", "gitlab-ci.yml"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_yaml_that_validates_and_builds(path: Path) -> None:
    assert isinstance(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")), dict)
    found = commands(path)
    assert any(c.startswith("malmiljo validate") for c in found)
    assert any(c.startswith("malmiljo build") for c in found)


def test_every_command_in_the_examples_runs(example: Path, tmp_path: Path) -> None:
    found = {c for path in EXAMPLES for c in commands(path)}
    # In a user's repository the outputs are committed; here `build` makes them before `--check`.
    for line in sorted(found, key=lambda c: ("--check" in c, c)):
        line = line.replace('"$ENGAGEMENT"', str(example)).replace('"$OUT"', str(tmp_path / "out"))
        result = CliRunner().invoke(app, shlex.split(line)[1:])
        assert result.exit_code == 0, f"{line}\n{result.output}"
