"""Atomic file writes: a temp file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes(path: Path, content: bytes) -> None:
    """Write `content` so that readers see the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """UTF-8, LF line endings, atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_files(root: Path, files: dict[str, bytes]) -> None:
    """Write every file below `root`, each atomically, in sorted order."""
    for name in sorted(files):
        write_bytes(root / name, files[name])


def stale_files(
    root: Path, files: dict[str, bytes], *, owned: str | None = None
) -> list[tuple[str, str]]:
    """(name, 'missing', 'differs' or 'left over') for every file below `root` not as given.

    'left over' is a file in the `owned` subfolder that `files` no longer holds.
    """
    stale = []
    for name in sorted(files):
        path = root / name
        if not path.is_file():
            stale.append((name, "missing"))
        elif path.read_bytes() != files[name]:
            stale.append((name, "differs"))
    stale += [(name, "left over") for name in left_over(root, files, owned=owned)]
    return stale


def left_over(root: Path, files: dict[str, bytes], *, owned: str | None) -> list[str]:
    """Files in `root/owned` (a folder the writer owns entirely) that `files` does not hold."""
    if owned is None or not (root / owned).is_dir():
        return []
    found = (p.relative_to(root).as_posix() for p in (root / owned).iterdir() if p.is_file())
    return sorted(name for name in found if name not in files)
