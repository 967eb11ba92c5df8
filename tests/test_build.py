"""`malmiljo build`: every file, byte-identical across runs; `--check` writes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malmiljo_cli.cli import app

from .helpers import snapshot

EXPECTED = {"report.md", "report.html", "report.pdf", "engagement.json", "charts/quadrant.svg"}


def build_in_process(example: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", "-e", str(example), "-o", str(out), *extra])
    return result.exit_code, result.output


def build_in_subprocess(example: Path, out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [sys.executable, "-m", "malmiljo_cli", "build", "-e", str(example), "-o", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )


def test_two_builds_are_byte_identical_in_every_format(example: Path, tmp_path: Path) -> None:
    build_in_subprocess(example, tmp_path / "a", "1")
    build_in_subprocess(example, tmp_path / "b", "2")
    first, second = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert set(first) >= EXPECTED
    for name in sorted(first):
        assert first[name] == second[name], f"{name} differs between two builds"
    assert set(first) == set(second)


def test_check_passes_right_after_a_build_and_fails_when_a_file_is_missing_or_stale(
    example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, output = build_in_process(example, out)
    assert code == 0, output
    code, output = build_in_process(example, out, "--check")
    assert code == 0, output
    (out / "report.pdf").unlink()
    (out / "charts" / "radar-gone.svg").write_text("<svg/>", encoding="utf-8")
    caps = example / "capabilities.yaml"
    caps.write_text(
        caps.read_text(encoding="utf-8").replace("current: 2", "current: 1", 1), "utf-8"
    )
    before = snapshot(out)
    code, output = build_in_process(example, out, "--check")
    assert code == 1, output
    assert f"{(out / 'report.pdf').as_posix()}: missing" in output
    assert f"{(out / 'report.md').as_posix()}: differs" in output
    assert f"{(out / 'charts' / 'radar-gone.svg').as_posix()}: left over" in output
    assert f"run: malmiljo build -e {example} -o {out}" in output
    assert snapshot(out) == before
    assert build_in_process(example, out)[0] == 0
    assert not (out / "charts" / "radar-gone.svg").exists()
    assert build_in_process(example, out, "--check")[0] == 0


def test_engagement_json_holds_the_model_and_the_analysis(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_in_process(example, out)[0] == 0
    data = json.loads((out / "engagement.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["engagement"]["meta"]["name"].startswith("Målmiljö")
    assert set(data["analysis"]) == {"gaps", "plan", "ranking", "roadmap"}
    assert data["analysis"]["ranking"]["scores"][0]["rank"] == 1
    caps = data["analysis"]["gaps"]["capabilities"]
    assert {c["id"] for c in caps} == {c["id"] for c in data["engagement"]["capabilities"]}


def test_build_of_an_invalid_engagement_writes_nothing(minimal: Path, tmp_path: Path) -> None:
    (minimal / "areas.yaml").write_text("areas: []\nextra: 1\n", encoding="utf-8")
    code, output = build_in_process(minimal, tmp_path / "out")
    assert code == 1, output
    assert "E202" in output
    assert not (tmp_path / "out").exists()


def test_progress_only_on_a_terminal(
    minimal: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from malmiljo_cli.commands.build import build

    assert build(minimal, out=tmp_path / "a") == 0
    assert "rendering" not in capsys.readouterr().err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert build(minimal, out=tmp_path / "b") == 0
    assert "rendering pdf" in capsys.readouterr().err
