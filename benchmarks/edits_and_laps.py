"""Time the round-trip edit (plan + validate + write), the board, and a diff between two commits.

Run: .venv/bin/python benchmarks/edits_and_laps.py   (copies examples/vmkf into a temp folder)
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from malmiljo_cli.analysis.board import build_board
from malmiljo_cli.analysis.diff import diff_engagements
from malmiljo_cli.edit import set_scalar
from malmiljo_cli.history import snapshot
from malmiljo_cli.validate import load_engagement
from malmiljo_cli.write.terminal.board import as_table

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vmkf"


def timed(label: str, fn: Callable[[], object], runs: int = 20) -> None:
    start = time.perf_counter()
    for _ in range(runs):
        fn()
    print(f"{label:<40} {(time.perf_counter() - start) / runs * 1000:8.1f} ms")


def git(top: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(top), "-c", "user.name=b", "-c", "user.email=b@b", *args],
        check=True,
        capture_output=True,
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp)
        eng = top / "vmkf"
        shutil.copytree(EXAMPLE, eng)
        git(top, "init", "-q")
        git(top, "add", ".")
        git(top, "commit", "-q", "-m", "one")
        statuses = iter(["selected", "proposed"] * 100)
        target = eng / "initiatives" / "kunskapsbank.yaml"
        timed(
            "status edit (validate + atomic write)",
            lambda: set_scalar(eng, target, ("status",), next(statuses)),
        )
        model = load_engagement(eng).engagement
        assert model is not None
        timed("board (analysis + 80-column table)", lambda: as_table(build_board(model)))
        timed(
            "diff HEAD -> working tree",
            lambda: diff_engagements(
                snapshot(eng, "HEAD").engagement, model, before="HEAD", after="working tree"
            ),
            runs=5,
        )


if __name__ == "__main__":
    main()
