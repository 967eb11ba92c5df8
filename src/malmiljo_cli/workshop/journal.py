"""The session journal: one JSON record a line, appended and synced to disk before any answer.

It lives in `<engagement>/.malmiljo/`, beside a `.gitignore` that keeps the folder out of git
(votes are anonymous; one-time codes are secrets). A line is complete only with its newline; a
torn last line (the power went in the middle of a write) was never acknowledged and is cut off
when the journal is opened again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import MalmiljoError

FOLDER = ".malmiljo"
IGNORE = "# Written by malmiljo: session journals hold anonymous votes and codes; never commit them.\n*\n"


def private_folder(engagement: Path, kind: str) -> Path:
    """`<engagement>/.malmiljo/<kind>/`, created with its .gitignore."""
    top = engagement / FOLDER
    folder = top / kind
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    ignore = top / ".gitignore"
    if not ignore.exists():
        ignore.write_text(IGNORE, encoding="utf-8")
    return folder


def read(path: Path) -> tuple[list[dict[str, Any]], int]:
    """Every complete record and the byte length they take; a torn or garbled tail is left out."""
    raw = path.read_bytes()
    records: list[dict[str, Any]] = []
    end = 0
    while True:
        newline = raw.find(b"\n", end)
        if newline < 0:
            break
        try:
            record = json.loads(raw[end:newline])
        except ValueError:
            break
        if not isinstance(record, dict):
            break
        records.append(record)
        end = newline + 1
    return records, end


class Journal:
    """An append-only file of records; `append` returns once they are on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    @classmethod
    def create(cls, path: Path, header: dict[str, Any]) -> Journal:
        """A new journal whose first record is `header`; refuses to overwrite one."""
        if path.exists():
            raise MalmiljoError(f"{path} already exists")
        journal = cls(path)
        journal.append([header])
        _sync_folder(path.parent)
        return journal

    @classmethod
    def reopen(cls, path: Path) -> tuple[Journal, list[dict[str, Any]]]:
        """The journal and its records, with a torn tail cut off."""
        records, end = read(path)
        if not records or records[0].get("t") != "open":
            raise MalmiljoError(f"{path} is not a malmiljo session journal; move it away")
        if end != path.stat().st_size:
            os.truncate(path, end)
        return cls(path), records

    def append(self, records: Iterable[dict[str, Any]]) -> None:
        """Write the records (one line each) and sync; one sync covers the whole batch."""
        data = b"".join(
            json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
            + b"\n"
            for r in records
        )
        end = os.lseek(self._fd, 0, os.SEEK_END)
        view = memoryview(data)
        try:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            os.fsync(self._fd)
        except OSError:
            # Cut back to the last whole record, so that nothing unacknowledged is read later
            # and the next append does not follow a torn line.
            os.ftruncate(self._fd, end)
            raise

    def close(self) -> None:
        os.close(self._fd)


def _sync_folder(folder: Path) -> None:
    """Make a new file's name durable too (its folder entry), where the OS allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open folders
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
