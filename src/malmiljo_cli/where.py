"""Which engagement a command means: the nearest engagement.yaml at or above a folder, as git
finds its repository. Only the standard library, so completion and `--help` stay light."""

from __future__ import annotations

import os
from pathlib import Path

MARKER = "engagement.yaml"


def find_engagement(given: Path) -> Path:
    """The engagement folder for `-e given`: the folder itself, the folder of a given
    engagement.yaml (or any file in the engagement), else the nearest folder above holding an
    engagement.yaml. A path that leads to none comes back unchanged, so the loader's message
    names what the user typed."""
    start = given.parent if given.is_file() else given
    if not start.is_dir():
        return given
    if (start / MARKER).is_file():
        return start if start != given else given
    here = start.resolve()
    for folder in here.parents:
        if (folder / MARKER).is_file():
            return _as_typed(folder, given)
    return start if given.is_file() else given


def _as_typed(found: Path, given: Path) -> Path:
    """`found` relative to the current folder when the user typed a relative path, so every
    path a command prints (diagnostics, hints) runs from where the user stands."""
    if given.is_absolute():
        return found
    try:
        return Path(os.path.relpath(found))
    except ValueError:  # another drive on Windows
        return found
