"""Typer wiring only: options -> one call -> exit code. Command modules are imported lazily."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__, completion
from .commandline import Command, Group

app = typer.Typer(
    name="malmiljo",
    cls=Group,
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


@app.command(cls=Command, epilog="Example: malmiljo validate -e examples/vmkf --format github")
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


@app.command(
    cls=Command, epilog="Example: malmiljo init kund-2026 --name 'Målbild 2026' --client 'Kommunen'"
)
def init(
    path: Annotated[Path, typer.Argument(help="Folder for the new engagement.")],
    name: Annotated[str, typer.Option(help="The engagement's name.")] = "Ny målmiljö",
    client: Annotated[str, typer.Option(help="The client organisation.")] = "Kunden",
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the scaffold.")] = Lang.sv,
) -> None:
    """Create a new engagement with the method's four focus areas and commented examples."""
    from .commands.init import init as run

    _finish(lambda: run(path, name=name, client=client, lang=lang.value))


@app.command(cls=Command, epilog="Example: malmiljo schema -o schemas/")
def schema(
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write one file per kind here.")
    ] = None,
) -> None:
    """Print JSON Schema (draft 2020-12) for every file kind and engagement.json."""
    from .commands.schema import schema as run

    _finish(lambda: run(out=out))


@app.command(
    cls=Command, epilog="Example: malmiljo gap -e examples/vmkf --area organisation --format md"
)
def gap(
    engagement: EngagementOpt = Path("."),
    area: Annotated[
        str | None,
        typer.Option(
            "--area", metavar="ID", autocompletion=completion.area_ids, help="Only this focus area."
        ),
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """How far today is from the target, per capability and area, and how much the plan closes."""
    from .commands.gap import gap as run

    _finish(lambda: run(engagement, area=area, fmt=fmt.value))


@app.command(cls=Command, epilog="Example: malmiljo trace -e examples/vmkf --format md")
def trace(
    engagement: EngagementOpt = Path("."),
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """The traceability matrix: which initiative raises which capability to which level."""
    from .commands.gap import trace as run

    _finish(lambda: run(engagement, fmt=fmt.value))


@app.command(
    cls=Command, epilog="Example: malmiljo interviews -e examples/vmkf --quotes 3 --format md"
)
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


InitiativeArg = Annotated[
    str, typer.Argument(autocompletion=completion.initiative_ids, help="The initiative's id.")
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")
]


@app.command(cls=Command, epilog="Example: malmiljo status scrumtavla done -e examples/vmkf")
def status(
    initiative: InitiativeArg,
    new_status: Annotated[
        StatusName,
        typer.Argument(
            metavar="STATUS",
            autocompletion=completion.statuses,
            help="The new status: proposed (on the list, not decided), selected (decided for "
            "this lap), in_progress (being carried out), done, or dropped (will not be done; "
            "needs --reason).",
        ),
    ],
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


@app.command("set", cls=Command, epilog="Example: malmiljo set scrumtavla owner 'Ivan Jaska'")
def set_(
    initiative: InitiativeArg,
    field: Annotated[
        str,
        typer.Argument(
            autocompletion=completion.initiative_fields,
            help="A single-valued field, e.g. owner or effort.",
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            autocompletion=completion.field_values,
            help="The new value ('null' clears an optional one).",
        ),
    ],
    engagement: EngagementOpt = Path("."),
    dry_run: DryRunOpt = False,
) -> None:
    """Set one field of an initiative; the file keeps every other byte as it was."""
    from .commands.set import set_field as run

    _finish(
        lambda: run(engagement, initiative=initiative, field=field, value=value, dry_run=dry_run)
    )


@app.command(cls=Command, epilog="Example: malmiljo board -e examples/vmkf --format md > board.md")
def board(
    engagement: EngagementOpt = Path("."),
    fmt: Annotated[BoardFormat, typer.Option("--format", "-f", help="Output format.")] = (
        BoardFormat.table
    ),
) -> None:
    """The initiatives in columns by status, each card with owner, first step and outcome."""
    from .commands.board import board as run

    _finish(lambda: run(engagement, fmt=fmt.value))


@app.command(cls=Command, epilog="Example: malmiljo diff -e examples/vmkf --from lap-1 --format md")
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


@app.command(cls=Command, epilog="Example: malmiljo review -e examples/vmkf --since lap-1")
def review(
    engagement: EngagementOpt = Path("."),
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Where the last lap's plan was made: a tag, branch or commit "
            "(default: the previous lap's tag, lap-N).",
        ),
    ] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ReportFormat.table
    ),
) -> None:
    """What became of the last lap's plan: each initiative's outcome, planned against realised
    lift per capability, and the gap closed."""
    from .commands.review import review_command as run

    _finish(lambda: run(engagement, since=since, fmt=fmt.value))


lap_app = typer.Typer(
    cls=Group, help="Go round again: start a new lap, or show the trend over laps."
)
app.add_typer(lap_app, name="lap")


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class CarryFormat(StrEnum):
    table = "table"
    json = "json"


@lap_app.command("new", cls=Command, epilog="Example: malmiljo lap new -e examples/vmkf --dry-run")
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


@lap_app.command(
    "history", cls=Command, epilog="Example: malmiljo lap history -e examples/vmkf -f json"
)
def lap_history(
    engagement: EngagementOpt = Path("."),
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        HistoryFormat.table
    ),
) -> None:
    """Per lap (git tags lap-N, or commits where the lap changed): gap, closure, status counts."""
    from .commands.lap import lap_history as run

    _finish(lambda: run(engagement, fmt=fmt.value))


TokensOpt = Annotated[
    int, typer.Option("--tokens", help="Print N one-time codes (and a PDF of QR cards).")
]
LanOpt = Annotated[
    bool, typer.Option("--lan", help="Listen on the local network, not only this computer.")
]
PortOpt = Annotated[int, typer.Option("--port", help="Port to listen on (0: any free one).")]
UrlOpt = Annotated[
    str | None,
    typer.Option(
        "--url",
        metavar="URL",
        help="The address phones should open (a name, a proxy); printed and put in the QR code.",
    ),
]

workshop_app = typer.Typer(
    cls=Group, help="Staff vote from their phones in the room; results go into the engagement."
)
app.add_typer(workshop_app, name="workshop")


@workshop_app.command(
    "vote",
    cls=Command,
    epilog="Example: malmiljo workshop vote -e examples/vmkf --ballot --tokens 30 --lan",
)
def workshop_vote(
    engagement: EngagementOpt = Path("."),
    ident: Annotated[
        str | None,
        typer.Option("--id", help="Session id; the same id resumes (default: workshop-<today>)."),
    ] = None,
    dots: Annotated[
        int | None,
        typer.Option(
            "--dots",
            help="Dots per person (default: scoring.dots_per_person, else a third of the "
            "initiatives, at most 5).",
        ),
    ] = None,
    ballot: Annotated[
        bool, typer.Option("--ballot", help="A ranked ballot (with --dots too: both).")
    ] = False,
    top: Annotated[
        int | None, typer.Option("--top", help="How many a ballot ranks (default 5).")
    ] = None,
    tokens: TokensOpt = 0,
    lan: LanOpt = False,
    port: PortOpt = 8765,
    url: UrlOpt = None,
) -> None:
    """Open a voting session (dots and/or a ranked ballot); closing writes workshops/<id>.yaml."""
    from .commands.workshop import Listen
    from .commands.workshop import vote as run

    listen = Listen(lan=lan, port=port, url=url)
    _finish(
        lambda: run(
            engagement, ident=ident, dots=dots, ballot=ballot, top=top, tokens=tokens, listen=listen
        )
    )


@workshop_app.command(
    "assess",
    cls=Command,
    epilog="Example: malmiljo workshop assess -e examples/vmkf --area organisation --lan",
)
def workshop_assess(
    engagement: EngagementOpt = Path("."),
    ident: Annotated[
        str | None,
        typer.Option("--id", help="Session id; the same id resumes (default: assessment-<today>)."),
    ] = None,
    area: Annotated[
        str | None, typer.Option("--area", help="Rate this area's capabilities (default: all).")
    ] = None,
    tokens: TokensOpt = 0,
    lan: LanOpt = False,
    port: PortOpt = 8765,
    url: UrlOpt = None,
) -> None:
    """Staff rate today's and the target level of each capability; closing writes assessments/."""
    from .commands.workshop import Listen
    from .commands.workshop import assess as run

    listen = Listen(lan=lan, port=port, url=url)
    _finish(lambda: run(engagement, ident=ident, area=area, tokens=tokens, listen=listen))


class Method(StrEnum):
    weighted = "weighted"
    wsjf = "wsjf"
    rice = "rice"
    ice = "ice"


MethodOpt = Annotated[
    Method | None,
    typer.Option(
        "--method", "-m", help="Scoring method (default: scoring.method in engagement.yaml)."
    ),
]
TableFormatOpt = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]


def _value(choice: StrEnum | None) -> str | None:
    return None if choice is None else choice.value


@app.command(
    cls=Command, epilog="Example: malmiljo score -e examples/vmkf --method wsjf --format md"
)
def score(
    engagement: EngagementOpt = Path("."),
    method: MethodOpt = None,
    fmt: TableFormatOpt = TableFormat.table,
) -> None:
    """Rank every initiative that is not done or dropped, with its score and quadrant."""
    from .commands.score import score as run

    _finish(lambda: run(engagement, method=_value(method), fmt=fmt.value))


@app.command(
    cls=Command,
    epilog="Example: malmiljo prioritise -e examples/vmkf --budget 120 --must drift-teknikchef",
)
def prioritise(
    engagement: EngagementOpt = Path("."),
    budget: Annotated[
        float | None,
        typer.Option("--budget", min=0.0, help="Person-days available (default: capacity.budget)."),
    ] = None,
    max_count: Annotated[
        int | None,
        typer.Option(
            "--max",
            min=1,
            help="At most this many initiatives (default: capacity.max_initiatives).",
        ),
    ] = None,
    method: MethodOpt = None,
    must: Annotated[
        list[str] | None,
        typer.Option(
            "--must",
            metavar="ID...",
            autocompletion=completion.initiative_ids,
            help="An initiative that must be in (repeat the option for more).",
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            metavar="ID...",
            autocompletion=completion.initiative_ids,
            help="An initiative to leave out (repeat the option for more).",
        ),
    ] = None,
    reconsider: Annotated[
        bool,
        typer.Option(
            "--reconsider",
            help="Free the decided (selected) initiatives and show the plan the optimiser would "
            "choose then; work in progress stays.",
        ),
    ] = False,
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Set statuses to match the plan: members selected, other selected ones proposed.",
        ),
    ] = False,
    sensitivity: Annotated[
        int,
        typer.Option(
            "--sensitivity",
            min=0,
            help="Perturb weights and ratings N times; report how often each is chosen.",
        ),
    ] = 0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the sensitivity runs.")] = 0,
    alternatives: Annotated[
        int, typer.Option("--alternatives", min=0, help="How many runners-up to show.")
    ] = 3,
    fmt: TableFormatOpt = TableFormat.table,
) -> None:
    """This lap's plan: decided work kept, the most value that still fits the capacity added."""
    from .commands.prioritise import prioritise as run

    _finish(
        lambda: run(
            engagement,
            budget=budget,
            max_count=max_count,
            method=_value(method),
            must=must or [],
            exclude=exclude or [],
            reconsider=reconsider,
            write=write,
            sensitivity=sensitivity,
            seed=seed,
            alternatives=alternatives,
            fmt=fmt.value,
        )
    )


class OptionsFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


@app.command(cls=Command, epilog="Example: malmiljo options -e examples/vmkf --format md")
def options(
    engagement: EngagementOpt = Path("."),
    method: MethodOpt = None,
    budget: Annotated[
        float | None,
        typer.Option("--budget", min=0.0, help="Person-days available (default: capacity.budget)."),
    ] = None,
    max_count: Annotated[
        int | None,
        typer.Option(
            "--max",
            min=1,
            help="At most this many initiatives (default: capacity.max_initiatives).",
        ),
    ] = None,
    fmt: Annotated[
        OptionsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OptionsFormat.table,
) -> None:
    """The steering group's options: what more capacity buys, one initiative fewer or more,
    what makes over-committed decided work fit, and each scenario in scenarios/."""
    from .commands.options import options as run

    _finish(
        lambda: run(
            engagement,
            method=_value(method),
            budget=budget,
            max_count=max_count,
            fmt=fmt.value,
        )
    )


@app.command(cls=Command, epilog="Example: malmiljo roadmap -e examples/vmkf --waves 3")
def roadmap(
    engagement: EngagementOpt = Path("."),
    wave_capacity: Annotated[
        float | None,
        typer.Option(
            "--wave-capacity",
            min=0.0,
            help="Without a calendar (capacity.per_week and weeks): person-days per wave "
            "(default: the plan's budget / waves).",
        ),
    ] = None,
    waves: Annotated[
        int | None,
        typer.Option(
            "--waves",
            min=1,
            help="Number of waves (default: 3, or as many as needed with --wave-capacity).",
        ),
    ] = None,
    method: MethodOpt = None,
    fmt: TableFormatOpt = TableFormat.table,
) -> None:
    """This lap's plan in calendar weeks within the weekly capacity (or in waves without one)."""
    from .commands.roadmap import roadmap as run

    _finish(
        lambda: run(
            engagement,
            wave_capacity=wave_capacity,
            waves=waves,
            method=_value(method),
            fmt=fmt.value,
        )
    )


@app.command(cls=Command, epilog="Example: malmiljo check -e examples/vmkf --strict")
def check(
    engagement: EngagementOpt = Path("."),
    fmt: Annotated[
        DiagnosticsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiagnosticsFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings.")] = False,
    step_threshold: Annotated[
        float,
        typer.Option(
            "--step-threshold", min=0.0, help="Person-days above which an initiative needs steps."
        ),
    ] = 20.0,
) -> None:
    """Check the chosen initiatives against the method's four rules for driving change."""
    from .commands.check import check as run

    _finish(lambda: run(engagement, fmt=fmt.value, strict=strict, step_threshold=step_threshold))


@app.command(
    cls=Command, epilog="Example: malmiljo graph -e examples/vmkf -o map.svg --select +tva-team"
)
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
        typer.Option(
            metavar="ID",
            autocompletion=completion.selectors,
            help="An initiative: ID, +ID (with prerequisites), ID+ (with dependents) or +ID+.",
        ),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            autocompletion=completion.area_ids,
            help="Only this focus area and its direct neighbours.",
        ),
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


@app.command(cls=Command, epilog="Example: malmiljo export -e examples/vmkf --to initiativ.xlsx")
def export(
    to: Annotated[
        Path, typer.Option("--to", help="The file to write: .xlsx, or .csv (the ending decides).")
    ],
    engagement: EngagementOpt = Path("."),
) -> None:
    """Write the initiatives to a spreadsheet: one row each, one column per field."""
    from .commands.sheet import export as run

    _finish(lambda: run(engagement, to=to))


@app.command(
    "import",
    cls=Command,
    epilog="Example: malmiljo import -e examples/vmkf initiativ.xlsx --dry-run",
)
def import_(
    file: Annotated[Path, typer.Argument(help="An .xlsx or .csv file as export writes it.")],
    engagement: EngagementOpt = Path("."),
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show field: old -> new per initiative; write nothing."),
    ] = False,
) -> None:
    """Update initiatives from a spreadsheet (files keep every other byte); new ids get new files."""
    from .commands.sheet import import_sheet as run

    _finish(lambda: run(engagement, file=file, dry_run=dry_run))


@app.command(
    "import-survey",
    cls=Command,
    epilog="Example: malmiljo import-survey enkat.csv --id enkat-2026 --date 2026-03-01 --map Svar=text",
)
def import_survey(
    file: Annotated[
        Path, typer.Argument(help="The survey export: .csv (or .xlsx), one row per answer.")
    ],
    ident: Annotated[str, typer.Option("--id", help="Id of the new interview.")],
    date: Annotated[str, typer.Option("--date", help="When the survey ran, YYYY-MM-DD.")],
    engagement: EngagementOpt = Path("."),
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="Which column holds a finding field (text, area, capability, kind); repeat it.",
        ),
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="Who answered (a role, not a name).")
    ] = None,
) -> None:
    """Turn survey answers into an interview file, so they count as evidence."""
    from .commands.survey import import_survey as run

    _finish(
        lambda: run(engagement, file=file, ident=ident, date=date, mapping=mapping or [], role=role)
    )


OutOpt = Annotated[Path, typer.Option("-o", "--out", help="The output folder.")]


@app.command(
    cls=Command, epilog="Example: malmiljo report -e examples/vmkf --format md,html --lang en"
)
def report(
    engagement: EngagementOpt = Path("."),
    out: OutOpt = Path("out"),
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: md, html, pdf, docx (Word).")
    ] = "md,html,pdf",
    lang: Annotated[
        Lang | None, typer.Option("--lang", help="Language (default: the engagement's).")
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Folder whose templates override the packaged ones by name "
            "(default: the engagement's templates/ folder, if any).",
        ),
    ] = None,
) -> None:
    """Write the report in Markdown, HTML and PDF."""
    from .commands.report import report as run

    code = lang.value if lang else None
    _finish(lambda: run(engagement, out=out, formats=formats, lang=code, templates=templates))


@app.command(
    cls=Command,
    epilog="Example: malmiljo deck -e examples/vmkf -o styrgrupp.pptx --template kund.pptx",
)
def deck(
    out: Annotated[Path, typer.Option("-o", "--out", help="The deck to write (.pptx).")],
    engagement: EngagementOpt = Path("."),
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="The client's PowerPoint file; its title, title-and-content and blank "
            "layouts are used (default: a built-in design).",
        ),
    ] = None,
    lang: Annotated[
        Lang | None, typer.Option("--lang", help="Language (default: the engagement's).")
    ] = None,
) -> None:
    """Write the steering group's deck: editable slides, native charts and tables."""
    from .commands.deck import deck as run

    code = lang.value if lang else None
    _finish(lambda: run(engagement, out=out, template=template, lang=code))


@app.command(cls=Command, epilog="Example: malmiljo build -e examples/vmkf -o out --check")
def build(
    engagement: EngagementOpt = Path("."),
    out: OutOpt = Path("out"),
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if any output is stale.")
    ] = False,
) -> None:
    """Validate, then write every report format, the charts and engagement.json (and the Office
    files engagement.yaml lists under `office:`)."""
    from .commands.build import build as run

    _finish(lambda: run(engagement, out=out, check=check))
