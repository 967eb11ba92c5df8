"""The one place that turns exceptions into messages and exit codes."""

from __future__ import annotations

import os
from collections.abc import Callable

from . import console
from .errors import InvalidEngagement, MalmiljoError

INTERNAL_ERROR = 3
INTERRUPTED = 130


def run(command: Callable[[], int]) -> int:
    """Run a command function; user errors become messages, Ctrl-C exits 130, bugs exit 3."""
    try:
        return command()
    except InvalidEngagement as exc:
        from .write.terminal.diagnostics import as_text

        console.problem(as_text(exc.problems, style=lambda t, k: console.style(t, k)))
        return exc.exit_code
    except MalmiljoError as exc:
        console.problem(f"{console.style('error', 'error')}: {console.printable(str(exc))}")
        return exc.exit_code
    except KeyboardInterrupt:
        console.problem("interrupted; no file was changed")
        return INTERRUPTED
    except OSError as exc:  # the file system said no: a full disk, a read-only or missing folder
        console.problem(f"{console.style('error', 'error')}: {_describe(exc)}; nothing was written")
        return 1
    except Exception as exc:
        if os.environ.get("MALMILJO_DEBUG"):
            raise
        console.problem(
            f"internal error: {type(exc).__name__}: {console.printable(str(exc))}\n"
            "This is a bug in malmiljo, not in your files. Run again with MALMILJO_DEBUG=1 "
            "for the full traceback and report it."
        )
        return INTERNAL_ERROR


def _describe(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else ""
    reason = exc.strerror or type(exc).__name__
    return console.printable(
        f"cannot write {where}: {reason}" if where else f"cannot write: {reason}"
    )
