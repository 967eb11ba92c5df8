"""Paths and small helpers the tests share."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "vmkf"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes below `folder`, to prove a command changed nothing."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
