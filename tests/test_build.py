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


def _no_full_build(*args: object, **kwargs: object) -> dict[str, bytes]:
    raise AssertionError("a full build ran")


def test_check_with_nothing_changed_answers_from_the_manifest(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from malmiljo_cli.commands import build as command
    from malmiljo_cli.manifest import MANIFEST

    out = tmp_path / "out"
    assert command.build(minimal, out=out) == 0
    recorded = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(recorded["outputs"]) == {
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
    } - {MANIFEST}
    assert "engagement.yaml" in recorded["inputs"] and "malmiljo" in recorded["tool"]
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    monkeypatch.setattr(command, "build_files", _no_full_build)
    assert command.build(minimal, out=out, check=True) == 0
    assert command.build(minimal, out=out) == 0  # nothing to write either
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


@pytest.mark.parametrize("change", ["input", "output", "left over", "tool", "settings"])
def test_any_change_falls_back_to_the_full_comparison(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    from malmiljo_cli import manifest
    from malmiljo_cli.commands import build as command

    out = tmp_path / "out"
    assert command.build(minimal, out=out) == 0
    full = command.build_files
    calls: list[int] = []

    def counted(*args: object, **kwargs: object) -> dict[str, bytes]:
        calls.append(1)
        return full(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(command, "build_files", counted)
    if change == "input":
        path = minimal / "engagement.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
        expected = 0  # a comment changes no output: the full comparison finds them current
    elif change == "output":
        (out / "report.md").write_bytes((out / "report.md").read_bytes() + b"\n")
        expected = 1
    elif change == "left over":
        (out / "charts" / "old.svg").write_text("<svg/>", encoding="utf-8")
        expected = 1
    elif change == "tool":
        monkeypatch.setattr(manifest, "tool", lambda: {"malmiljo": "another"})
        expected = 0
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        expected = 1  # the fixture has no date: the report takes SOURCE_DATE_EPOCH's
    assert command.build(minimal, out=out, check=True) == expected
    assert calls == [1]


def test_a_new_commit_is_a_change_for_the_manifest(tmp_path: Path) -> None:
    import shutil

    from malmiljo_cli.manifest import inputs

    from .helpers import FIXTURES

    eng = tmp_path / "eng"
    shutil.copytree(FIXTURES / "minimal", eng)

    def git(*argv: str) -> None:
        subprocess.run(["git", "-C", str(eng), *argv], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "a")
    first = inputs(eng, tmp_path / "out")
    assert first == inputs(eng, tmp_path / "out") and "git:HEAD" in first
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "b")
    assert inputs(eng, tmp_path / "out")["git:HEAD"] != first["git:HEAD"]
    git("tag", "lap-1")
    assert inputs(eng, tmp_path / "out")["git:tags"] != first["git:tags"]
