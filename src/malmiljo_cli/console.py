"""The only module that prints. Data goes to stdout, messages to stderr; NO_COLOR is honoured."""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

# C0 and C1 controls (ANSI escapes among them), bidi overrides that reorder what a reader sees
# ("Trojan Source"), and the two non-characters XML forbids.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
_STYLES = {"error": "31;1", "warning": "33;1", "ok": "32;1", "dim": "2", "bold": "1"}

quiet = False
verbose = False


def printable(text: str) -> str:
    """Show control characters (ANSI escapes, bidi overrides) as `\\x1b`-style text instead of
    letting them act; line breaks and tabs stay."""
    return _CONTROL.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _colour_on(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(os.environ.get("FORCE_COLOR")) or stream.isatty()


def style(text: str, kind: str, *, stream: TextIO | None = None) -> str:
    """Wrap `text` in a colour when the stream is a colour terminal."""
    if kind not in _STYLES or not _colour_on(stream or sys.stderr):
        return text
    return f"\x1b[{_STYLES[kind]}m{text}\x1b[0m"


def stdout() -> TextIO:
    """The stream `data` writes to, for styling decisions."""
    return sys.stdout


def colour_on() -> bool:
    """Whether command output (stdout) goes to a colour terminal."""
    return _colour_on(sys.stdout)


def swatch(text: str, colour: str) -> str:
    """`text` in a #rrggbb colour (24-bit escape) for stdout; plain when colour is off."""
    if not (colour_on() and re.fullmatch(r"#[0-9a-fA-F]{6}", colour)):
        return text
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"\x1b[38;2;{red};{green};{blue}m{text}\x1b[0m"


def data(text: str) -> None:
    """Print command output (the thing the user asked for) to stdout."""
    _write(sys.stdout, text)


def message(text: str) -> None:
    """Print a status message to stderr, unless --quiet."""
    if not quiet:
        _write(sys.stderr, text)


def detail(text: str) -> None:
    """Print a detail to stderr with --verbose (and not --quiet)."""
    if verbose and not quiet:
        _write(sys.stderr, text)


def problem(text: str) -> None:
    """Print an error to stderr; never silenced."""
    _write(sys.stderr, text)


def _write(stream: TextIO, text: str) -> None:
    stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()


def progress(text: str) -> None:
    """A progress line for people at a terminal; silent in CI, in pipes and with --quiet."""
    if not quiet and sys.stderr.isatty():
        _write(sys.stderr, text)
