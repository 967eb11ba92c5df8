"""benchmarks/run.py rewrites docs/performance.md but keeps the part written by hand."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from .helpers import ROOT


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_hand_written_part_survives_a_new_run(tmp_path: Path) -> None:
    run = bench()
    doc = tmp_path / "performance.md"
    assert run.hand_written(doc) == ""
    doc.write_text(f"# Old figures\n\n| a |\n\n{run.HAND}\n## Install size\nkept\n", "utf-8")
    assert run.hand_written(doc) == f"\n{run.HAND}\n## Install size\nkept\n"


def test_the_install_sizes_are_below_the_marker() -> None:
    text = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert text.index(bench().HAND) < text.index("## Install size")
