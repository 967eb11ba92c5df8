"""The options commands share, declared once so every command reads the same.

`-e` finds the engagement like git finds its repository; `-o/--out` names every file or folder
written; `--format FORMAT` with `table` as the default output wherever there is a table; ids
repeat (`--must a --must b`) or come comma-separated (`--must a,b`). Only typer and the standard
library are imported here, so `malmiljo --help` stays instant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import completion, console
from .where import find_engagement

HERE = Path(".")

# The engagement the command resolved, for -v and for the default output folder.
_resolved: list[Path] = []


def forget() -> None:
    """Start a new run with no engagement resolved."""
    _resolved.clear()


def _engagement(value: Path | None) -> Path:
    found = find_engagement(value or HERE)
    _resolved[:] = [found]
    return found


EngagementOpt = Annotated[
    Path,
    typer.Option(
        "-e",
        "--engagement",
        envvar="MALMILJO_ENGAGEMENT",
        show_default=False,
        callback=_engagement,
        help="The engagement: its folder or its engagement.yaml (default: the nearest "
        "engagement.yaml in or above the current folder).",
    ),
]
OutFolderOpt = Annotated[
    Path | None,
    typer.Option("-o", "--out", help="The output folder (default: out/ beside engagement.yaml)."),
]


def out_folder(out: Path | None, engagement: Path) -> Path:
    """`-o`, else out/ beside the engagement's engagement.yaml."""
    return out if out is not None else engagement / "out"


class Lang(StrEnum):
    sv = "sv"
    en = "en"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class PlainFormat(StrEnum):
    table = "table"
    json = "json"


class DiagnosticsFormat(StrEnum):
    table = "table"
    json = "json"
    github = "github"


class BoardFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"


class GraphFormat(StrEnum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"


class StatusFilter(StrEnum):
    active = "active"
    all = "all"


class StatusName(StrEnum):
    proposed = "proposed"
    selected = "selected"
    in_progress = "in_progress"
    done = "done"
    dropped = "dropped"


class Method(StrEnum):
    weighted = "weighted"
    wsjf = "wsjf"
    rice = "rice"
    ice = "ice"


_FORMAT = ("--format", "-f")
_FORMAT_HELP = "Output format."
TableFormatOpt = Annotated[TableFormat, typer.Option(*_FORMAT, help=_FORMAT_HELP)]
ListFormatOpt = Annotated[ListFormat, typer.Option(*_FORMAT, help=_FORMAT_HELP)]
PlainFormatOpt = Annotated[PlainFormat, typer.Option(*_FORMAT, help=_FORMAT_HELP)]
DiagnosticsFormatOpt = Annotated[DiagnosticsFormat, typer.Option(*_FORMAT, help=_FORMAT_HELP)]
BoardFormatOpt = Annotated[BoardFormat, typer.Option(*_FORMAT, help=_FORMAT_HELP)]

LangOpt = Annotated[
    Lang | None, typer.Option("--lang", help="Language (default: the engagement's).")
]
MethodOpt = Annotated[
    Method | None,
    typer.Option(
        "--method", "-m", help="Scoring method (default: scoring.method in engagement.yaml)."
    ),
]
InitiativeArg = Annotated[
    str, typer.Argument(autocompletion=completion.initiative_ids, help="The initiative's id.")
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")
]
MustOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--must",
        metavar="ID",
        autocompletion=completion.initiative_ids,
        help="An initiative that must be in; repeat the option or separate ids with commas.",
    ),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="ID",
        autocompletion=completion.initiative_ids,
        help="An initiative to leave out; repeat the option or separate ids with commas.",
    ),
]
TokensOpt = Annotated[
    int, typer.Option("--tokens", help="Print N one-time codes (and a PDF of QR cards).")
]
LanOpt = Annotated[
    bool, typer.Option("--lan", help="Listen on the local network, not only this computer.")
]
PortOpt = Annotated[
    int,
    typer.Option("--port", envvar="MALMILJO_PORT", help="Port to listen on (0: any free one)."),
]


def ids(values: Iterable[str] | None) -> list[str]:
    """Ids from a repeated option whose values may also be comma-separated; blanks dropped."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def value(choice: StrEnum | None) -> str | None:
    """The plain string of an optional choice."""
    return None if choice is None else choice.value


def finish(command: Callable[[], int]) -> None:
    """Run a command through the one error handler and exit with its code; -v tells more."""
    import time

    from .handler import run

    started = time.monotonic()
    if _resolved:
        console.detail(f"engagement: {_resolved[0].as_posix()}")
    code = run(command)
    console.detail(f"exit {code} after {time.monotonic() - started:.2f} s")
    raise typer.Exit(code)
