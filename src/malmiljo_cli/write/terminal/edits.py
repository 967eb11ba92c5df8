"""Edits shown before they are made: a unified diff per changed file."""

from __future__ import annotations

import difflib
from pathlib import Path

from ...edit import Plan


def as_unified_diff(plan: Plan) -> str:
    """What `apply` would write, as `diff -u` shows it; empty when nothing changes."""
    parts: list[str] = []
    for change in plan.changes:
        name = _relative(change.path, plan.root)
        parts.extend(
            difflib.unified_diff(
                change.before.decode("utf-8-sig").splitlines(keepends=True),
                change.after.decode("utf-8-sig").splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )
    return "".join(parts)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
