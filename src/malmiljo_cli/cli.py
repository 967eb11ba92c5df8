"""Typer wiring only: options -> one call -> exit code. Command modules are imported lazily."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(
    name="malmiljo",
    help="Målmiljömetoden from a folder of YAML files: validate, analyse gaps, prioritise, report.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EngagementOpt = Annotated[
    Path,
    typer.Option(
        "-e",
        "--engagement",
        envvar="MALMILJO_ENGAGEMENT",
        show_default=True,
        help="The engagement folder (default: the current folder).",
    ),
]


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


class DiagnosticsFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _finish(command: object) -> None:
    from .handler import run

    raise typer.Exit(run(command))  # type: ignore[arg-type]


def _version(value: bool) -> None:
    if value:
        from . import console

        console.data(f"malmiljo {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only print data and errors.")
    ] = False,
) -> None:
    """Målmiljömetoden from a folder of YAML files."""
    from . import console

    console.quiet = quiet


@app.command(epilog="Example: malmiljo validate -e examples/vmkf --format github")
def validate(
    engagement: EngagementOpt = Path("."),
    fmt: Annotated[
        DiagnosticsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiagnosticsFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Check every file of an engagement and report all problems with file:line:col."""
    from .commands.validate import validate as run

    _finish(lambda: run(engagement, fmt=fmt.value, strict=strict))


@app.command(epilog="Example: malmiljo init kund-2026 --name 'Målbild 2026' --client 'Kommunen'")
def init(
    path: Annotated[Path, typer.Argument(help="Folder for the new engagement.")],
    name: Annotated[str, typer.Option(help="The engagement's name.")] = "Ny målmiljö",
    client: Annotated[str, typer.Option(help="The client organisation.")] = "Kunden",
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the scaffold.")] = Lang.sv,
) -> None:
    """Create a new engagement with the method's four focus areas and commented examples."""
    from .commands.init import init as run

    _finish(lambda: run(path, name=name, client=client, lang=lang.value))


@app.command(epilog="Example: malmiljo schema -o schemas/")
def schema(
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write one file per kind here.")
    ] = None,
) -> None:
    """Print JSON Schema (draft 2020-12) for every file kind, for editors and other tools."""
    from .commands.schema import schema as run

    _finish(lambda: run(out=out))


@app.command(epilog="Example: malmiljo gap -e examples/vmkf --area organisation --format md")
def gap(
    engagement: EngagementOpt = Path("."),
    area: Annotated[str | None, typer.Option("--area", help="Only this focus area.")] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """How far today is from the target, per capability and area, and how much the plan closes."""
    from .commands.gap import gap as run

    _finish(lambda: run(engagement, area=area, fmt=fmt.value))


@app.command(epilog="Example: malmiljo trace -e examples/vmkf --format md")
def trace(
    engagement: EngagementOpt = Path("."),
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """The traceability matrix: which initiative raises which capability to which level."""
    from .commands.gap import trace as run

    _finish(lambda: run(engagement, fmt=fmt.value))


@app.command(epilog="Example: malmiljo interviews -e examples/vmkf --quotes 3 --format md")
def interviews(
    engagement: EngagementOpt = Path("."),
    quotes: Annotated[int, typer.Option("--quotes", min=0, help="Quotes per capability.")] = 2,
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.table,
) -> None:
    """What staff said: findings per area and capability, quotes, and gaps without evidence."""
    from .commands.interviews import interviews as run

    _finish(lambda: run(engagement, quotes=quotes, fmt=fmt.value))


class StatusName(StrEnum):
    proposed = "proposed"
    selected = "selected"
    in_progress = "in_progress"
    done = "done"
    dropped = "dropped"


class BoardFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")
]


@app.command(epilog="Example: malmiljo status scrumtavla done -e examples/vmkf")
def status(
    initiative: Annotated[str, typer.Argument(help="The initiative's id.")],
    new_status: Annotated[StatusName, typer.Argument(metavar="STATUS", help="The new status.")],
    engagement: EngagementOpt = Path("."),
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why it is dropped (required for dropped).")
    ] = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Set an initiative's status; the file keeps every other byte as it was."""
    from .commands.status import status as run

    _finish(
        lambda: run(
            engagement,
            initiative=initiative,
            new_status=new_status.value,
            reason=reason,
            dry_run=dry_run,
        )
    )


@app.command("set", epilog="Example: malmiljo set scrumtavla owner 'Ivan Jaska'")
def set_(
    initiative: Annotated[str, typer.Argument(help="The initiative's id.")],
    field: Annotated[str, typer.Argument(help="A single-valued field, e.g. owner or effort.")],
    value: Annotated[str, typer.Argument(help="The new value ('null' clears an optional one).")],
    engagement: EngagementOpt = Path("."),
    dry_run: DryRunOpt = False,
) -> None:
    """Set one field of an initiative; the file keeps every other byte as it was."""
    from .commands.set import set_field as run

    _finish(
        lambda: run(engagement, initiative=initiative, field=field, value=value, dry_run=dry_run)
    )


@app.command(epilog="Example: malmiljo board -e examples/vmkf --format md > board.md")
def board(
    engagement: EngagementOpt = Path("."),
    fmt: Annotated[BoardFormat, typer.Option("--format", "-f", help="Output format.")] = (
        BoardFormat.table
    ),
) -> None:
    """The initiatives in columns by status, each card with owner, first step and outcome."""
    from .commands.board import board as run

    _finish(lambda: run(engagement, fmt=fmt.value))


@app.command(epilog="Example: malmiljo diff -e examples/vmkf --from lap-1 --format md")
def diff(
    rev_from: Annotated[
        str, typer.Option("--from", help="The earlier revision: a tag, branch or commit.")
    ],
    engagement: EngagementOpt = Path("."),
    rev_to: Annotated[
        str | None, typer.Option("--to", help="The later revision (default: the working tree).")
    ] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ReportFormat.table
    ),
) -> None:
    """What changed between two revisions: initiatives, capability levels, gap totals."""
    from .commands.diff import diff as run

    _finish(lambda: run(engagement, rev_from=rev_from, rev_to=rev_to, fmt=fmt.value))


lap_app = typer.Typer(help="Go round again: start a new lap, or show the trend over laps.")
app.add_typer(lap_app, name="lap")


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class CarryFormat(StrEnum):
    table = "table"
    json = "json"


@lap_app.command("new", epilog="Example: malmiljo lap new -e examples/vmkf --dry-run")
def lap_new(
    engagement: EngagementOpt = Path("."),
    dry_run: DryRunOpt = False,
    fmt: Annotated[CarryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CarryFormat.table
    ),
) -> None:
    """Increment the lap in engagement.yaml and show what carries over and what could be dropped."""
    from .commands.lap import lap_new as run

    _finish(lambda: run(engagement, dry_run=dry_run, fmt=fmt.value))


@lap_app.command("history", epilog="Example: malmiljo lap history -e examples/vmkf -f json")
def lap_history(
    engagement: EngagementOpt = Path("."),
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        HistoryFormat.table
    ),
) -> None:
    """Per lap (git tags lap-N, or commits where the lap changed): gap, closure, status counts."""
    from .commands.lap import lap_history as run

    _finish(lambda: run(engagement, fmt=fmt.value))
