"""Shared fixtures: a tiny valid engagement copied into a temp folder per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import EXAMPLE, FIXTURES


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
