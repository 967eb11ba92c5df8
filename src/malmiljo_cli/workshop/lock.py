"""One server per session: an exclusive lock on `<journal>.lock` for as long as the server runs.

The lock is `flock` on an open file, so the kernel releases it when the process ends however it
ends (Ctrl-C, a crash, `kill -9`); no stale lock survives its server. The file names the running
server, so a second start can say which one holds the session. The file is removed on release,
while it is still locked; a start that opened the old file before the removal notices that the
name now points elsewhere and tries again.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ..errors import UsageError


class SessionLock:
    """The running server's hold on one session."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd

    @classmethod
    def acquire(cls, path: Path, *, session: str) -> SessionLock:
        """Take the session, or refuse naming the server that has it."""
        for _ in range(10):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
                os.close(fd)
                raise UsageError(
                    f"session '{session}' is already being served ({holder or 'starting'}); "
                    "stop that server first (Ctrl-C in its terminal), or choose another --id"
                ) from None
            if _same_file(fd, path):
                return cls(path, fd)
            os.close(fd)  # removed by the server that held it: take the new file instead
        raise UsageError(f"could not take the lock {path}; try again")

    def name(self, holder: str) -> None:
        """Say in the lock file who holds the session (read by a second start)."""
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, holder.encode("utf-8") + b"\n", 0)

    def release(self) -> None:
        """Remove the file and let go of the lock."""
        self.path.unlink(missing_ok=True)
        os.close(self._fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)
