"""The hooks in .pre-commit-hooks.yaml, run for real by pre-commit in a temporary git repository.

pre-commit would install a `language: python` hook into a fresh virtualenv from PyPI; to stay
offline and fast the test runs the same hook definitions (entry, files, pass_filenames) as
`repo: local` hooks against the malmiljo already installed beside the tests. The manifest itself
is checked with pre-commit's own validator.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from .helpers import EXAMPLE, ROOT

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent


def hooks() -> list[dict[str, Any]]:
    data = YAML(typ="safe", pure=True).load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(cwd.parent / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "NO_COLOR": "1",
    }
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the example engagement, its built report and a hook config."""
    folder = tmp_path / "repo"
    shutil.copytree(EXAMPLE, folder / "eng")
    local = []
    for hook in hooks():
        args = ["-e", "eng"] + (["-o", "out"] if "build" in hook["id"] else [])
        local.append({**hook, "language": "system", "args": args})
    config = {"repos": [{"repo": "local", "hooks": local}]}
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    with (folder / ".pre-commit-config.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    assert run(["git", "init", "-q"], folder).returncode == 0
    built = run(["malmiljo", "build", "-e", "eng", "-o", "out"], folder)
    assert built.returncode == 0, built.stderr
    assert run(["git", "add", "-A"], folder).returncode == 0
    return folder


def pre_commit(folder: Path) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "pre-commit"), "run", "--all-files"], folder)


def test_manifest_is_valid_for_pre_commit() -> None:
    result = run([str(BIN / "pre-commit"), "validate-manifest", str(MANIFEST)], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {h["id"] for h in hooks()} == {"malmiljo-validate", "malmiljo-build-check"}


def test_hooks_pass_then_catch_a_stale_report_then_a_broken_file(repo: Path) -> None:
    result = pre_commit(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "malmiljo validate" in result.stdout and "Passed" in result.stdout

    caps = repo / "eng" / "capabilities.yaml"
    caps.write_text(caps.read_text(encoding="utf-8").replace("target: 4", "target: 5", 1), "utf-8")
    run(["git", "add", "-A"], repo)
    result = pre_commit(repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "out/report.md: differs" in result.stdout
    assert "run: malmiljo build -e eng -o out" in result.stdout

    (repo / "eng" / "areas.yaml").write_text("areas: [\n", encoding="utf-8")
    run(["git", "add", "-A"], repo)
    result = pre_commit(repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "eng/areas.yaml:" in result.stdout
