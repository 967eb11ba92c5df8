"""Atomic file writes: a temp file in the same folder, then a rename."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def write_bytes(path: Path, content: bytes) -> None:
    """Write `content` so that readers see the old file or the new one, never half of it."""
    commit({path: content})


def commit(files: Mapping[Path, bytes]) -> None:
    """Write several files as one change: all of them, or (on any failure) none of them.

    Every new content is first written and synced to a temp file beside its target; only then are
    the temp files renamed over the targets, with Ctrl-C held back for those few renames. A rename
    that fails puts the files already replaced back as they were.
    """
    staged: list[tuple[Path, str, bytes | None]] = []
    try:
        for path in sorted(files):
            staged.append((path, _stage(path, files[path]), _old(path)))
        with _no_interrupt():
            _swap(staged)
    except BaseException:
        for _, tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def _stage(path: Path, content: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _old(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _swap(staged: list[tuple[Path, str, bytes | None]]) -> None:
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, tmp, old in staged:
            os.replace(tmp, path)
            done.append((path, old))
    except BaseException:
        for path, old in reversed(done):
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        raise


@contextmanager
def _no_interrupt() -> Iterator[None]:
    """Hold Ctrl-C back while files are renamed; the run then finishes, since the change is made."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def write_text(path: Path, text: str) -> None:
    """UTF-8, LF line endings, atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_files(root: Path, files: dict[str, bytes]) -> None:
    """Write every file below `root` as one change (see `commit`)."""
    commit({root / name: content for name, content in files.items()})


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
