"""`malmiljo status` and `malmiljo set` through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.commands.set import parse_value
from malmiljo_cli.errors import UsageError

from .helpers import snapshot

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _changed_lines(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    lines = []
    for name in sorted(before):
        old, new = before[name].decode().splitlines(), after[name].decode().splitlines()
        lines += [f"{name}: {a} -> {b}" for a, b in zip(old, new, strict=False) if a != b]
        lines += [f"{name}: + {b}" for b in new[len(old) :]]
    return lines


def test_status_changes_one_line(example: Path) -> None:
    before = snapshot(example)
    code, out = _run("status", "kunskapsbank", "selected", "-e", str(example))
    assert code == 0, out
    assert _changed_lines(before, snapshot(example)) == [
        "initiatives/kunskapsbank.yaml: status: proposed -> status: selected"
    ]


def test_dropping_needs_a_reason_and_writes_it(example: Path) -> None:
    code, out = _run("status", "kunskapsbank", "dropped", "-e", str(example))
    assert code == 2, out
    assert "--reason" in out
    before = snapshot(example)
    code, out = _run(
        "status", "kompetensplan", "dropped", "--reason", "Ersätts av: HR", "-e", str(example)
    )
    assert code == 0, out
    assert _changed_lines(before, snapshot(example)) == [
        "initiatives/kompetensplan.yaml: status: proposed -> status: dropped",
        'initiatives/kompetensplan.yaml: + dropped_reason: "Ersätts av: HR"',
    ]


def test_dropping_a_prerequisite_is_refused_with_the_error(example: Path) -> None:
    before = snapshot(example)
    code, out = _run("status", "scrumtavla", "dropped", "--reason", "x", "-e", str(example))
    assert code == 1, out
    assert "E309" in out and "tva-team" in out
    assert snapshot(example) == before


def test_dry_run_shows_a_diff_and_writes_nothing(example: Path) -> None:
    before = snapshot(example)
    code, out = _run("set", "kunskapsbank", "owner", "Ivan Jaska", "--dry-run", "-e", str(example))
    assert code == 0, out
    assert "-owner: Ärendekoordinatorerna\n+owner: Ivan Jaska" in out
    assert snapshot(example) == before


def test_unknown_initiative_suggests_a_close_id(example: Path) -> None:
    code, out = _run("status", "kunskapsbang", "done", "-e", str(example))
    assert code == 2, out  # an id on the command line that does not exist: a usage error
    assert "did you mean 'kunskapsbank'" in out


@pytest.mark.parametrize(
    ("field", "value", "code", "words"),
    [
        ("effort", "7.5", 0, ""),
        ("effect", "9", 1, "E204"),
        ("effect", "high", 2, "whole number"),
        ("steps", "x", 2, "list or a mapping"),
        ("ownr", "x", 2, "did you mean 'owner'"),
        ("id", "x", 2, "does not rename"),
    ],
)
def test_set_parses_by_the_field_type(
    example: Path, field: str, value: str, code: int, words: str
) -> None:
    before = snapshot(example)
    got, out = _run("set", "kunskapsbank", field, value, "-e", str(example))
    assert got == code, out
    assert words in out
    if code:
        assert snapshot(example) == before
    else:
        text = (example / "initiatives" / "kunskapsbank.yaml").read_text(encoding="utf-8")
        assert f"\n{field}: {value}\n" in text


def test_parse_value_types() -> None:
    assert parse_value("effort", "3") == 3
    assert parse_value("confidence", "0.5") == 0.5
    assert parse_value("confidence", "null") is None
    assert parse_value("title", "2024") == "2024"
    assert parse_value("status", "done") == "done"
    with pytest.raises(UsageError):
        parse_value("effort", "nan")


def test_status_is_added_when_the_file_has_none(minimal: Path) -> None:
    path = minimal / "initiatives" / "chef.yaml"
    before = path.read_text(encoding="utf-8")
    assert "status:" not in before
    code, out = _run("status", "chef", "in_progress", "-e", str(minimal))
    assert code == 0, out
    assert path.read_text(encoding="utf-8") == before + "status: in_progress\n"
    assert "chef: proposed -> in_progress" in out


def test_warnings_the_edit_brings_are_shown(example: Path) -> None:
    code, out = _run(
        "status", "kompetensplan", "dropped", "--reason", "HR tar det", "-e", str(example)
    )
    assert code == 0, out
    assert "W401" in out and "kompetensforsorjning" in out
    code, out = _run("status", "kunskapsbank", "selected", "-e", str(example))
    assert code == 0, out
    assert "W401" not in out
