"""The table of commands: each names its options and makes one call. The options are declared in
options.py, the conventions they follow in commandline.py; command modules load lazily."""

from __future__ import annotations

import typer

from . import options as o
from .commandline import Command, Group, QuietOpt, VerboseOpt

app = typer.Typer(
    name="malmiljo",
    cls=Group,
    help="Målmiljömetoden from a folder of YAML files: validate, analyse gaps, prioritise, report.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
lap_app = typer.Typer(
    cls=Group, help="Go round again: start a new lap, or show the trend over laps."
)
workshop_app = typer.Typer(
    cls=Group, help="Staff vote from their phones in the room; results go into the engagement."
)
E = "-e examples/vmkf"  # the examples in --help run from the repository's root folder


@app.callback()
def main(
    version: o.VersionOpt = None, quiet: QuietOpt = False, verbose: VerboseOpt = False
) -> None:
    """Målmiljömetoden from a folder of YAML files."""


@app.command(cls=Command, epilog=f"Example: malmiljo validate {E} --format github")
def validate(
    engagement: o.EngagementOpt = o.HERE,
    fmt: o.DiagnosticsFormatOpt = o.DiagnosticsFormat.table,
    strict: o.StrictOpt = False,
) -> None:
    """Check every file of an engagement and report all problems with file:line:col."""
    from .commands.validate import validate as run

    o.finish(lambda: run(engagement, fmt=fmt.value, strict=strict))


@app.command(
    cls=Command, epilog="Example: malmiljo init kund-2026 --name 'Målbild 2026' --client 'Kommunen'"
)
def init(
    path: o.FolderArg,
    name: o.NameOpt = "Ny målmiljö",
    client: o.ClientOpt = "Kunden",
    lang: o.ScaffoldLangOpt = o.Lang.sv,
) -> None:
    """Create a new engagement with the method's four focus areas and commented examples."""
    from .commands.init import init as run

    o.finish(lambda: run(path, name=name, client=client, lang=lang.value))


@app.command(cls=Command, epilog="Example: malmiljo schema -o schemas/")
def schema(out: o.SchemaOutOpt = None) -> None:
    """Print JSON Schema (draft 2020-12) for every file kind and engagement.json."""
    from .commands.schema import schema as run

    o.finish(lambda: run(out=out))


@app.command(cls=Command, epilog=f"Example: malmiljo gap {E} --area organisation --format md")
def gap(
    engagement: o.EngagementOpt = o.HERE,
    area: o.AreaOpt = None,
    fmt: o.TableFormatOpt = o.TableFormat.table,
) -> None:
    """How far today is from the target, per capability and area, and how much the plan closes."""
    from .commands.gap import gap as run

    o.finish(lambda: run(engagement, area=area, fmt=fmt.value))


@app.command(cls=Command, epilog=f"Example: malmiljo trace {E} --format md")
def trace(
    engagement: o.EngagementOpt = o.HERE, fmt: o.TableFormatOpt = o.TableFormat.table
) -> None:
    """The traceability matrix: which initiative raises which capability to which level."""
    from .commands.gap import trace as run

    o.finish(lambda: run(engagement, fmt=fmt.value))


@app.command(cls=Command, epilog=f"Example: malmiljo interviews {E} --quotes 3 --format md")
def interviews(
    engagement: o.EngagementOpt = o.HERE,
    quotes: o.QuotesOpt = 2,
    fmt: o.ListFormatOpt = o.ListFormat.table,
) -> None:
    """What staff said: findings per area and capability, quotes, and gaps without evidence."""
    from .commands.interviews import interviews as run

    o.finish(lambda: run(engagement, quotes=quotes, fmt=fmt.value))


@app.command(cls=Command, epilog=f"Example: malmiljo status scrumtavla done {E}")
def status(
    initiative: o.InitiativeArg,
    new_status: o.StatusArg,
    engagement: o.EngagementOpt = o.HERE,
    reason: o.ReasonOpt = None,
    dry_run: o.DryRunOpt = False,
) -> None:
    """Set an initiative's status; the file keeps every other byte as it was."""
    from .commands.status import status as run

    o.finish(
        lambda: run(
            engagement,
            initiative=initiative,
            new_status=new_status.value,
            reason=reason,
            dry_run=dry_run,
        )
    )


@app.command("set", cls=Command, epilog=f"Example: malmiljo set scrumtavla owner 'Ivan Jaska' {E}")
def set_(
    initiative: o.InitiativeArg,
    field: o.FieldArg,
    new_value: o.ValueArg,
    engagement: o.EngagementOpt = o.HERE,
    dry_run: o.DryRunOpt = False,
) -> None:
    """Set one field of an initiative; the file keeps every other byte as it was."""
    from .commands.set import set_field as run

    o.finish(
        lambda: run(
            engagement, initiative=initiative, field=field, value=new_value, dry_run=dry_run
        )
    )


@app.command(cls=Command, epilog=f"Example: malmiljo board {E} --format md > board.md")
def board(
    engagement: o.EngagementOpt = o.HERE, fmt: o.BoardFormatOpt = o.BoardFormat.table
) -> None:
    """The initiatives in columns by status, each card with owner, first step and outcome."""
    from .commands.board import board as run

    o.finish(lambda: run(engagement, fmt=fmt.value))


@app.command(cls=Command, epilog=f"Example: malmiljo diff {E} --from lap-1 --format md")
def diff(
    rev_from: o.FromOpt,
    engagement: o.EngagementOpt = o.HERE,
    rev_to: o.ToRevisionOpt = None,
    fmt: o.ListFormatOpt = o.ListFormat.table,
) -> None:
    """What changed between two revisions: initiatives, capability levels, gap totals."""
    from .commands.diff import diff as run

    o.finish(lambda: run(engagement, rev_from=rev_from, rev_to=rev_to, fmt=fmt.value))


@app.command(cls=Command, epilog=f"Example: malmiljo review {E} --since lap-1")
def review(
    engagement: o.EngagementOpt = o.HERE,
    since: o.SinceOpt = None,
    fmt: o.ListFormatOpt = o.ListFormat.table,
) -> None:
    """What became of the last lap's plan: outcomes, planned against realised lift, gap closed.

    Each initiative's outcome, planned against realised lift per capability, and the gap closed."""
    from .commands.review import review_command as run

    o.finish(lambda: run(engagement, since=since, fmt=fmt.value))


app.add_typer(lap_app, name="lap")


@lap_app.command("new", cls=Command, epilog=f"Example: malmiljo lap new {E} --dry-run")
def lap_new(
    engagement: o.EngagementOpt = o.HERE,
    dry_run: o.DryRunOpt = False,
    fmt: o.PlainFormatOpt = o.PlainFormat.table,
) -> None:
    """Increment the lap in engagement.yaml and show what carries over and what could be dropped."""
    from .commands.lap import lap_new as run

    o.finish(lambda: run(engagement, dry_run=dry_run, fmt=fmt.value))


@lap_app.command("history", cls=Command, epilog=f"Example: malmiljo lap history {E} -f json")
def lap_history(
    engagement: o.EngagementOpt = o.HERE, fmt: o.ListFormatOpt = o.ListFormat.table
) -> None:
    """Per lap (git tags lap-N, or commits where the lap changed): gap, closure, status counts."""
    from .commands.lap import lap_history as run

    o.finish(lambda: run(engagement, fmt=fmt.value))


app.add_typer(workshop_app, name="workshop")


@workshop_app.command(
    "vote", cls=Command, epilog=f"Example: malmiljo workshop vote {E} --ballot --tokens 30 --lan"
)
def workshop_vote(
    engagement: o.EngagementOpt = o.HERE,
    ident: o.VoteIdOpt = None,
    dots: o.DotsOpt = None,
    ballot: o.BallotOpt = False,
    top: o.TopOpt = None,
    tokens: o.TokensOpt = 0,
    lan: o.LanOpt = False,
    port: o.PortOpt = 8765,
    url: o.UrlOpt = None,
) -> None:
    """Open a voting session (dots and/or a ranked ballot); closing writes workshops/<id>.yaml."""
    from .commands.workshop import Listen
    from .commands.workshop import vote as run

    listen = Listen(lan=lan, port=port, url=url)
    o.finish(
        lambda: run(
            engagement, ident=ident, dots=dots, ballot=ballot, top=top, tokens=tokens, listen=listen
        )
    )


@workshop_app.command(
    "assess", cls=Command, epilog=f"Example: malmiljo workshop assess {E} --area organisation --lan"
)
def workshop_assess(
    engagement: o.EngagementOpt = o.HERE,
    ident: o.AssessIdOpt = None,
    area: o.RateAreaOpt = None,
    tokens: o.TokensOpt = 0,
    lan: o.LanOpt = False,
    port: o.PortOpt = 8765,
    url: o.UrlOpt = None,
) -> None:
    """Staff rate today's and the target level of each capability; closing writes assessments/."""
    from .commands.workshop import Listen
    from .commands.workshop import assess as run

    listen = Listen(lan=lan, port=port, url=url)
    o.finish(lambda: run(engagement, ident=ident, area=area, tokens=tokens, listen=listen))


@app.command(cls=Command, epilog=f"Example: malmiljo score {E} --method wsjf --format md")
def score(
    engagement: o.EngagementOpt = o.HERE,
    method: o.MethodOpt = None,
    fmt: o.TableFormatOpt = o.TableFormat.table,
) -> None:
    """Rank every initiative that is not done or dropped, with its score and quadrant."""
    from .commands.score import score as run

    o.finish(lambda: run(engagement, method=o.value(method), fmt=fmt.value))


@app.command(
    cls=Command, epilog=f"Example: malmiljo prioritise {E} --budget 120 --must drift-teknikchef"
)
def prioritise(
    engagement: o.EngagementOpt = o.HERE,
    budget: o.BudgetOpt = None,
    max_count: o.MaxOpt = None,
    method: o.MethodOpt = None,
    must: o.MustOpt = None,
    exclude: o.ExcludeOpt = None,
    reconsider: o.ReconsiderOpt = False,
    write: o.WriteOpt = False,
    sensitivity: o.SensitivityOpt = 0,
    seed: o.SeedOpt = 0,
    alternatives: o.AlternativesOpt = 3,
    fmt: o.TableFormatOpt = o.TableFormat.table,
) -> None:
    """This lap's plan: decided work kept, the most o.value that still fits the capacity added."""
    from .commands.prioritise import prioritise as run

    o.finish(
        lambda: run(
            engagement,
            budget=budget,
            max_count=max_count,
            method=o.value(method),
            must=o.ids(must),
            exclude=o.ids(exclude),
            reconsider=reconsider,
            write=write,
            sensitivity=sensitivity,
            seed=seed,
            alternatives=alternatives,
            fmt=fmt.value,
        )
    )


@app.command(cls=Command, epilog=f"Example: malmiljo options {E} --format md")
def options(
    engagement: o.EngagementOpt = o.HERE,
    method: o.MethodOpt = None,
    budget: o.BudgetOpt = None,
    max_count: o.MaxOpt = None,
    fmt: o.ListFormatOpt = o.ListFormat.table,
) -> None:
    """The steering group's options: more capacity, one initiative more or fewer, scenarios.

    What more capacity buys, one initiative fewer or more, what makes over-committed decided work
    fit, and each scenario in scenarios/."""
    from .commands.options import options as run

    o.finish(
        lambda: run(
            engagement,
            method=o.value(method),
            budget=budget,
            max_count=max_count,
            fmt=fmt.value,
        )
    )


@app.command(cls=Command, epilog=f"Example: malmiljo roadmap {E} --format md")
def roadmap(
    engagement: o.EngagementOpt = o.HERE,
    wave_capacity: o.WaveCapacityOpt = None,
    waves: o.WavesOpt = None,
    method: o.MethodOpt = None,
    fmt: o.TableFormatOpt = o.TableFormat.table,
) -> None:
    """This lap's plan in calendar weeks within the weekly capacity (or in waves without one)."""
    from .commands.roadmap import roadmap as run

    o.finish(
        lambda: run(
            engagement,
            wave_capacity=wave_capacity,
            waves=waves,
            method=o.value(method),
            fmt=fmt.value,
        )
    )


@app.command(cls=Command, epilog=f"Example: malmiljo check {E} --strict")
def check(
    engagement: o.EngagementOpt = o.HERE,
    fmt: o.DiagnosticsFormatOpt = o.DiagnosticsFormat.table,
    strict: o.StrictOpt = False,
    step_threshold: o.StepThresholdOpt = 20.0,
) -> None:
    """Check the chosen initiatives against the method's four rules for driving change."""
    from .commands.check import check as run

    o.finish(lambda: run(engagement, fmt=fmt.value, strict=strict, step_threshold=step_threshold))


@app.command(cls=Command, epilog=f"Example: malmiljo graph {E} -o map.svg --select +tva-team")
def graph(
    engagement: o.EngagementOpt = o.HERE,
    out: o.GraphOutOpt = None,
    fmt: o.GraphFormatOpt = None,
    select: o.SelectOpt = None,
    area: o.NeighbourhoodOpt = None,
    capabilities: o.CapabilitiesOpt = False,
    status: o.StatusFilterOpt = o.StatusFilter.active,
    lang: o.LegendLangOpt = None,
) -> None:
    """Draw the colour-coded initiative map: areas, dependencies, status, critical path."""
    from .commands.graph import graph as run

    o.finish(
        lambda: run(
            engagement,
            out=out,
            fmt=o.value(fmt),
            select=select,
            area=area,
            capabilities=capabilities,
            status=status.value,
            lang=o.value(lang),
        )
    )


@app.command(cls=Command, epilog=f"Example: malmiljo export {E} -o initiativ.xlsx")
def export(out: o.SheetOutOpt, engagement: o.EngagementOpt = o.HERE) -> None:
    """Write the initiatives to a spreadsheet: one row each, one column per field."""
    from .commands.sheet import export as run

    o.finish(lambda: run(engagement, to=out))


@app.command("import", cls=Command, epilog=f"Example: malmiljo import {E} initiativ.xlsx --dry-run")
def import_(
    file: o.SheetArg, engagement: o.EngagementOpt = o.HERE, dry_run: o.ImportDryRunOpt = False
) -> None:
    """Update initiatives from a spreadsheet (files keep every other byte); new o.ids get new files."""
    from .commands.sheet import import_sheet as run

    o.finish(lambda: run(engagement, file=file, dry_run=dry_run))


@app.command(
    "import-survey",
    cls=Command,
    epilog=f"Example: malmiljo import-survey {E} examples/surveys/enkat.csv --id enkat-2026 "
    "--date 2026-03-01 --map Svar=text --map Område=area --map Typ=kind",
)
def import_survey(
    file: o.SurveyArg,
    ident: o.InterviewIdOpt,
    date: o.DateOpt,
    engagement: o.EngagementOpt = o.HERE,
    mapping: o.MapOpt = None,
    role: o.RoleOpt = None,
) -> None:
    """Turn survey answers into an interview file, so they count as evidence."""
    from .commands.survey import import_survey as run

    o.finish(
        lambda: run(engagement, file=file, ident=ident, date=date, mapping=mapping or [], role=role)
    )


@app.command(cls=Command, epilog=f"Example: malmiljo report {E} --format md,html --lang en")
def report(
    engagement: o.EngagementOpt = o.HERE,
    out: o.OutFolderOpt = None,
    formats: o.ReportFormatsOpt = None,
    lang: o.LangOpt = None,
    templates: o.TemplatesOpt = None,
) -> None:
    """Write the report in Markdown, HTML and PDF (and Word on request)."""
    from .commands.report import report as run

    chosen = ",".join(formats) if formats else "md,html,pdf"
    o.finish(
        lambda: run(
            engagement,
            out=o.out_folder(out, engagement),
            formats=chosen,
            lang=o.value(lang),
            templates=templates,
        )
    )


@app.command(cls=Command, epilog=f"Example: malmiljo deck {E} -o styrgrupp.pptx")
def deck(
    out: o.DeckOutOpt,
    engagement: o.EngagementOpt = o.HERE,
    template: o.DeckTemplateOpt = None,
    lang: o.LangOpt = None,
) -> None:
    """Write the steering group's deck: editable slides, native charts and tables."""
    from .commands.deck import deck as run

    o.finish(lambda: run(engagement, out=out, template=template, lang=o.value(lang)))


@app.command(cls=Command, epilog=f"Example: malmiljo build {E} -o out --check")
def build(
    engagement: o.EngagementOpt = o.HERE, out: o.OutFolderOpt = None, check: o.CheckOpt = False
) -> None:
    """Write every report format, the charts, engagement.json and the Office files listed."""
    from .commands.build import build as run

    o.finish(lambda: run(engagement, out=o.out_folder(out, engagement), check=check))
