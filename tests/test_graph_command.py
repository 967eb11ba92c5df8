"""`malmiljo graph` end to end through Typer (commands/graph.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.write.map import drawing

from .helpers import snapshot

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_draws_the_example_and_changes_nothing(example: Path, tmp_path: Path) -> None:
    before = snapshot(example)
    out = tmp_path / "map.svg"
    code, output = _run("graph", "-e", str(example), "-o", str(out))
    assert code == 0, output
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "Teknisk miljö" in svg
    assert 'xlink:href="#initiative-tva-team"' in svg
    assert snapshot(example) == before


@pytest.mark.parametrize("fmt", ["dot", "svg"])
def test_two_runs_are_byte_identical(example: Path, tmp_path: Path, fmt: str) -> None:
    files = [tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"]
    for path in files:
        code, output = _run("graph", "-e", str(example), "-o", str(path), "--capabilities")
        assert code == 0, output
    assert files[0].read_bytes() == files[1].read_bytes()


def test_format_from_suffix_flag_and_stdout(example: Path, tmp_path: Path) -> None:
    code, output = _run("graph", "-e", str(example), "-o", str(tmp_path / "m.pdf"))
    assert code == 0, output
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    code, output = _run("graph", "-e", str(example), "--format", "dot", "--select", "+tva-team")
    assert code == 0, output
    assert (
        output.startswith("digraph") and "i_scrumtavla" in output and "i_bestallarrad" not in output
    )
    code, output = _run("graph", "-e", str(example), "--area", "teknik", "--status", "all")
    assert code == 0, output
    assert "i_standardklient" in output and "i_tva-team" not in output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "png"], "give a file with -o"),
        (["--select", "tva-teem"], "did you mean 'tva-team'"),
        (["--select", "+a b"], "not a selector"),
        (["--area", "tekniks"], "did you mean 'teknik'"),
        (["--select", "standardklient"], "add --status all"),
        (["-o", "map.gif"], "unknown format 'gif'"),
    ],
)
def test_usage_errors_exit_2(example: Path, args: list[str], words: str) -> None:
    code, output = _run("graph", "-e", str(example), *args)
    assert code == 2, output
    assert words in output


def test_missing_graphviz_is_one_clear_message(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drawing, "find_engine", lambda: None)
    code, output = _run("graph", "-e", str(example), "-o", str(tmp_path / "map.svg"))
    assert code == 1, output
    assert "pip install pygraphviz" in output and "--format dot" in output
    assert not (tmp_path / "map.svg").exists()
    code, output = _run("graph", "-e", str(example), "-o", str(tmp_path / "map.dot"))
    assert code == 0, output


def test_an_invalid_engagement_reports_like_validate(minimal: Path) -> None:
    (minimal / "areas.yaml").write_text("areas: [\n", encoding="utf-8")
    code, output = _run("graph", "-e", str(minimal), "--format", "dot")
    assert code == 1, output
    assert "areas.yaml:" in output


def test_english_legend(example: Path) -> None:
    code, output = _run("graph", "-e", str(example), "--format", "dot", "--lang", "en")
    assert code == 0, output
    assert "Initiative map" in output and "Initiativkarta" not in output


def test_format_and_file_name_must_agree(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from malmiljo_cli.cli import app

    from .helpers import EXAMPLE

    result = CliRunner().invoke(
        app, ["graph", "-e", str(EXAMPLE), "-o", str(tmp_path / "map.svg"), "--format", "png"]
    )
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "map.svg").exists()
