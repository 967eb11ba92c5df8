"""Problems as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from ...console import printable
from ...problems import Problem

Styler = Callable[[str, str], str]


def _plain(text: str, _kind: str) -> str:
    return text


def as_text(problems: list[Problem], *, style: Styler = _plain) -> str:
    """`path:line:col: severity CODE: message` lines and a one-line summary."""
    lines = [
        f"{p.file}:{p.line}:{p.column}: {style(p.severity, p.severity)} {p.code}: {one_line(p.message)}"
        for p in problems
    ]
    lines.append(summary(problems, style=style))
    return "\n".join(lines)


def summary(problems: list[Problem], *, style: Styler = _plain) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return style("ok: no problems found", "ok")
    parts = [
        f"{errors} error{'s' if errors != 1 else ''}",
        f"{warnings} warning{'s' if warnings != 1 else ''}",
    ]
    return style(", ".join(parts), "error" if errors else "warning")


def as_json(problems: list[Problem]) -> str:
    """A JSON list of {file, line, column, severity, code, message}."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def as_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    return "\n".join(
        f"::{p.severity} file={_prop(p.file)},line={p.line},col={p.column},title={p.code}::{_data(p.message)}"
        for p in problems
    )


def one_line(text: str) -> str:
    """A message on one line: a line break in a quoted value must not start a forged diagnostic."""
    return printable(text).replace("\r", "\\r").replace("\n", "\\n")


def _data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


FORMATS: dict[str, Callable[[list[Problem]], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
}
