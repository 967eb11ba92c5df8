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


class GraphFormat(StrEnum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"


class StatusFilter(StrEnum):
    active = "active"
    all = "all"


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


@app.command(epilog="Example: malmiljo graph -e examples/vmkf -o map.svg --select +tva-team")
def graph(
    engagement: EngagementOpt = Path("."),
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write here (default: stdout).")
    ] = None,
    fmt: Annotated[
        GraphFormat | None,
        typer.Option("--format", "-f", help="Output format (default: from -o, else svg)."),
    ] = None,
    select: Annotated[
        str | None,
        typer.Option(help="ID, +ID (with prerequisites), ID+ (with dependents) or +ID+."),
    ] = None,
    area: Annotated[
        str | None, typer.Option(help="Only this focus area and its direct neighbours.")
    ] = None,
    capabilities: Annotated[
        bool, typer.Option("--capabilities", help="Add capability nodes with their gaps.")
    ] = False,
    status: Annotated[
        StatusFilter, typer.Option(help="'all' also shows dropped initiatives (dashed).")
    ] = StatusFilter.active,
    lang: Annotated[
        Lang | None, typer.Option("--lang", help="Legend language (default: the engagement's).")
    ] = None,
) -> None:
    """Draw the colour-coded initiative map: areas, dependencies, status, critical path."""
    from .commands.graph import graph as run

    _finish(
        lambda: run(
            engagement,
            out=out,
            fmt=fmt.value if fmt else None,
            select=select,
            area=area,
            capabilities=capabilities,
            status=status.value,
            lang=lang.value if lang else None,
        )
    )
