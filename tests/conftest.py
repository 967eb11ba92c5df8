"""Shared fixtures: a tiny valid engagement copied into a temp folder per test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from .helpers import EXAMPLE, FIXTURES, git

# In CI the property tests run a fixed set of examples, so a red build means the code changed;
# on a developer's machine they keep exploring new examples (and remember failures).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/minimal that a test may break."""
    target = tmp_path / "eng"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of examples/vmkf that a test may edit."""
    target = tmp_path / "vmkf"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, Path]:
    """A git repository whose subfolder `kund/vmkf` holds the example, committed and tagged lap-1.

    The first commit has no engagement yet, so `HEAD~1`-style revisions can point before it.
    """
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    (top / "README.md").write_text("Kunden\n", encoding="utf-8")
    git(top, "add", "README.md")
    git(top, "commit", "-q", "-m", "start")
    git(top, "tag", "before")
    engagement = top / "kund" / "vmkf"
    shutil.copytree(EXAMPLE, engagement)
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "lap 1")
    git(top, "tag", "lap-1")
    return top, engagement
