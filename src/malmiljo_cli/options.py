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
from typing import Annotated, Any

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
UrlOpt = Annotated[
    str | None,
    typer.Option(
        "--url",
        metavar="URL",
        help="The address phones should open (a name, a proxy); printed and put in the QR code.",
    ),
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


# --- Options of one command each, named so cli.py reads as a table of commands ----------------


def _version(show: bool) -> None:
    if show:
        from . import __version__

        console.data(f"malmiljo {__version__}")
        raise typer.Exit(0)


VersionOpt = Annotated[
    bool | None,
    typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")]

# init
FolderArg = Annotated[Path, typer.Argument(help="Folder for the new engagement.")]
NameOpt = Annotated[str, typer.Option(help="The engagement's name.")]
ClientOpt = Annotated[str, typer.Option(help="The client organisation.")]
ScaffoldLangOpt = Annotated[Lang, typer.Option("--lang", help="Language of the scaffold.")]

# schema
SchemaOutOpt = Annotated[
    Path | None,
    typer.Option("-o", "--out", help="Write one file per kind here (default: print them)."),
]

# gap, workshop assess
AreaOpt = Annotated[
    str | None,
    typer.Option(
        "--area", metavar="ID", autocompletion=completion.area_ids, help="Only this focus area."
    ),
]
QuotesOpt = Annotated[int, typer.Option("--quotes", min=0, help="Quotes per capability.")]

# status, set
StatusArg = Annotated[
    StatusName,
    typer.Argument(
        metavar="STATUS",
        autocompletion=completion.statuses,
        help="The new status: proposed (on the list, not decided), selected (decided for "
        "this lap), in_progress (being carried out), done, or dropped (will not be done; "
        "needs --reason).",
    ),
]
ReasonOpt = Annotated[
    str | None, typer.Option("--reason", help="Why it is dropped (required for dropped).")
]
FieldArg = Annotated[
    str,
    typer.Argument(
        autocompletion=completion.initiative_fields,
        help="A single-valued field, e.g. owner or effort.",
    ),
]
ValueArg = Annotated[
    str,
    typer.Argument(
        metavar="VALUE",
        autocompletion=completion.field_values,
        help="The new value ('null' clears an optional one).",
    ),
]

# diff
FromOpt = Annotated[
    str, typer.Option("--from", help="The earlier revision: a tag, branch or commit.")
]
ToRevisionOpt = Annotated[
    str | None, typer.Option("--to", help="The later revision (default: the working tree).")
]


# review
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="REV",
        help="Where the last lap's plan was made: a tag, branch or commit "
        "(default: the previous lap's tag, lap-N).",
    ),
]


# workshop
def _session(kind: str) -> Any:
    return typer.Option("--id", help=f"Session id; the same id resumes (default: {kind}-<today>).")


VoteIdOpt = Annotated[str | None, _session("workshop")]
AssessIdOpt = Annotated[str | None, _session("assessment")]
DotsOpt = Annotated[
    int | None,
    typer.Option(
        "--dots",
        help="Dots per person (default: scoring.dots_per_person, else a third of the "
        "initiatives, at most 5).",
    ),
]
BallotOpt = Annotated[
    bool, typer.Option("--ballot", help="A ranked ballot (with --dots too: both).")
]
TopOpt = Annotated[int | None, typer.Option("--top", help="How many a ballot ranks (default: 5).")]
RateAreaOpt = Annotated[
    str | None,
    typer.Option(
        "--area",
        metavar="ID",
        autocompletion=completion.area_ids,
        help="Rate this area's capabilities (default: all).",
    ),
]

# prioritise, roadmap
BudgetOpt = Annotated[
    float | None,
    typer.Option("--budget", min=0.0, help="Person-days available (default: capacity.budget)."),
]
MaxOpt = Annotated[
    int | None,
    typer.Option(
        "--max", min=1, help="At most this many initiatives (default: capacity.max_initiatives)."
    ),
]
ReconsiderOpt = Annotated[
    bool,
    typer.Option(
        "--reconsider",
        help="Free the decided (selected) initiatives and show the plan the optimiser would "
        "choose then; work in progress stays.",
    ),
]
WriteOpt = Annotated[
    bool,
    typer.Option(
        "--write",
        help="Set statuses to match the plan: members selected, other selected ones proposed.",
    ),
]
SensitivityOpt = Annotated[
    int,
    typer.Option(
        "--sensitivity",
        min=0,
        help="Perturb weights and ratings N times; report how often each is chosen.",
    ),
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Random seed of the sensitivity runs.")]
AlternativesOpt = Annotated[
    int, typer.Option("--alternatives", min=0, help="How many runners-up to show.")
]
WaveCapacityOpt = Annotated[
    float | None,
    typer.Option(
        "--wave-capacity",
        min=0.0,
        help="Without a calendar (capacity.per_week and weeks): person-days per wave "
        "(default: the plan's budget / waves).",
    ),
]
WavesOpt = Annotated[
    int | None,
    typer.Option(
        "--waves",
        min=1,
        help="Number of waves (default: 3, or as many as needed with --wave-capacity).",
    ),
]

# check
StepThresholdOpt = Annotated[
    float,
    typer.Option(
        "--step-threshold",
        min=0.0,
        metavar="DAYS",
        help="Person-days above which an initiative needs steps.",
    ),
]

# graph
GraphOutOpt = Annotated[
    Path | None, typer.Option("-o", "--out", help="Write here (default: print it).")
]
GraphFormatOpt = Annotated[
    GraphFormat | None,
    typer.Option("--format", "-f", help="Output format (default: from -o, else svg)."),
]
SelectOpt = Annotated[
    str | None,
    typer.Option(
        metavar="ID",
        autocompletion=completion.selectors,
        help="An initiative: ID, +ID (with prerequisites), ID+ (with dependents) or +ID+.",
    ),
]
NeighbourhoodOpt = Annotated[
    str | None,
    typer.Option(
        metavar="ID",
        autocompletion=completion.area_ids,
        help="Only this focus area and its direct neighbours.",
    ),
]
CapabilitiesOpt = Annotated[
    bool, typer.Option("--capabilities", help="Add capability nodes with their gaps.")
]
StatusFilterOpt = Annotated[
    StatusFilter, typer.Option(help="'all' also shows dropped initiatives (dashed).")
]
LegendLangOpt = Annotated[
    Lang | None, typer.Option("--lang", help="Legend language (default: the engagement's).")
]

# export, import, import-survey
SheetOutOpt = Annotated[
    Path,
    typer.Option(
        "-o", "--out", "--to", help="The file to write: .xlsx or .csv (the ending decides)."
    ),
]
SheetArg = Annotated[Path, typer.Argument(help="An .xlsx or .csv file as export writes it.")]
ImportDryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show field: old -> new per initiative; write nothing.")
]
SurveyArg = Annotated[
    Path, typer.Argument(help="The survey export: .csv (or .xlsx), one row per answer.")
]
InterviewIdOpt = Annotated[str, typer.Option("--id", help="Id of the new interview.")]
DateOpt = Annotated[str, typer.Option("--date", help="When the survey ran, YYYY-MM-DD.")]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="COLUMN=FIELD",
        help="Which column holds a finding field (text, area, capability, kind); repeat it.",
    ),
]
RoleOpt = Annotated[str | None, typer.Option("--role", help="Who answered (a role, not a name).")]

# report, deck, build
ReportFormatsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="md, html, pdf or docx (Word); repeat the option or separate formats with "
        "commas (default: md,html,pdf).",
    ),
]
TemplatesOpt = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        help="Folder whose templates override the packaged ones by name "
        "(default: the engagement's templates/ folder, if any).",
    ),
]
DeckOutOpt = Annotated[Path, typer.Option("-o", "--out", help="The deck to write (.pptx).")]
DeckTemplateOpt = Annotated[
    Path | None,
    typer.Option(
        "--template",
        help="The client's PowerPoint file; its title, title-and-content and blank "
        "layouts are used (default: a built-in design).",
    ),
]
CheckOpt = Annotated[
    bool, typer.Option("--check", help="Write nothing; exit 1 if any output is stale.")
]
