"""`malmiljo export` and `malmiljo import`: the initiatives as a spreadsheet, both ways."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import console
from ..analysis.sheet import COLUMNS, InitiativeChange, SheetImport, check_sheet, row_of
from ..edit import Edit, edit
from ..errors import UsageError
from ..models import Engagement
from ..sheet import SUFFIXES, read_sheet
from ..validate import Validation, load_engagement, read_engagement
from ..write.data.yamlfile import as_yaml
from ..write.office.sheet import CSV_STYLES, SHEET_NAMES, as_csv, as_xlsx, changes_text, fixed_time
from ..writer import write_bytes

if TYPE_CHECKING:
    from ..write.office.workbook import ReadOnlySheet

SCHEMA_COMMENT = "yaml-language-server: $schema=../schemas/initiative.schema.json"


def export(engagement: Path, *, to: Path) -> int:
    """Write every initiative, one row each sorted by id, to an .xlsx or .csv file."""
    suffix = to.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"'{to}' must end in .xlsx or .csv; the ending picks the format")
    eng = read_engagement(engagement)
    rows = [row_of(initiative) for initiative in eng.initiatives]
    lang = eng.meta.language
    if suffix == ".xlsx":
        when = fixed_time(eng.meta.date, os.environ.get("SOURCE_DATE_EPOCH"))
        extra = _analysis_sheets(eng, engagement)
        data = as_xlsx(COLUMNS, rows, sheet_name=SHEET_NAMES[lang], when=when, extra=extra)
    else:
        data = as_csv(COLUMNS, rows, style=CSV_STYLES[lang])
    write_bytes(to, data)
    console.message(f"wrote {len(rows)} initiatives to {to}")
    return 0


def _analysis_sheets(eng: Engagement, root: Path) -> tuple[ReadOnlySheet, ...]:
    """The read-only sheets after the round-trip one: gaps, ranking, plan, roadmap, and the
    review of the previous lap's plan when git has one."""
    from ..analysis.gaps import analyse_gaps
    from ..analysis.plan import lap_plan
    from ..analysis.review import previous_review
    from ..analysis.roadmap import in_waves
    from ..analysis.schedule import schedule
    from ..analysis.scoring import rank
    from ..history import earlier_laps
    from ..write.office.workbook import analysis_sheets

    ranking = rank(eng)
    plan = lap_plan(eng, ranking)
    calendar = schedule(eng, plan, ranking)
    earlier = earlier_laps(root, eng)
    return analysis_sheets(
        eng,
        gaps=analyse_gaps(eng, plan.members),
        ranking=ranking,
        plan=plan,
        calendar=calendar,
        waves=in_waves(eng, ranking, plan) if calendar is None and plan.members else None,
        review=(
            previous_review(eng, earlier.previous, earlier.previous_label) if earlier else None
        ),
    )


def import_sheet(engagement: Path, *, file: Path, dry_run: bool = False) -> int:
    """Check every row, then update initiative files in place and create files for new ids."""
    result = load_engagement(engagement)
    assert result.engagement is not None  # guaranteed by load_engagement
    checked = check_sheet(read_sheet(file), result.engagement)
    files = _files(result, engagement, checked)
    problems = [str(p) for p in checked.problems] + _taken(engagement, checked, files)
    if problems:
        return report_problems(problems, file)
    if not checked.changes:
        console.data("no change")
        return 0
    edits, creates = _edits(result, engagement, checked.changes, files)
    edit(engagement, edits, creates=creates, dry_run=dry_run)
    text = console.printable(changes_text(checked.changes, files))
    console.data(text if dry_run else f"{text}\n{_summary(checked.changes)}")
    return 0


def report_problems(problems: Sequence[object], file: Path) -> int:
    """Print every bad cell, then the count; the exit code for findings."""
    for problem in problems:
        console.problem(console.printable(str(problem)))
    console.problem(f"{len(problems)} problem(s) in {file}; nothing was written")
    return 1


def _files(result: Validation, root: Path, checked: SheetImport) -> dict[str, str]:
    """Each changed initiative's file, relative to the engagement, for messages."""
    files = {}
    for change in checked.changes:
        origin = result.origins.get(("initiative", change.ident))
        path = origin.doc.path if origin is not None else _new_path(root, change.ident)
        files[change.ident] = path.relative_to(root).as_posix()
    return files


def _new_path(root: Path, ident: str) -> Path:
    return root / "initiatives" / f"{ident}.yaml"


def _taken(root: Path, checked: SheetImport, files: dict[str, str]) -> list[str]:
    """New ids whose file name is already used by another initiative's file."""
    return [
        f"{change.where}: a new initiative, but {files[change.ident]} already exists"
        for change in checked.changes
        if change.created and (root / files[change.ident]).exists()
    ]


def _edits(
    result: Validation, root: Path, changes: tuple[InitiativeChange, ...], files: dict[str, str]
) -> tuple[list[Edit], dict[Path, str]]:
    edits: list[Edit] = []
    creates: dict[Path, str] = {}
    for change in changes:
        if change.created:
            data = {"id": change.ident, **{f.field: f.written for f in change.fields}}
            comment = SCHEMA_COMMENT if (root / "schemas").is_dir() else None
            creates[root / files[change.ident]] = as_yaml(data, comment=comment)
            continue
        origin = result.origins[("initiative", change.ident)]
        edits += [Edit(origin.doc.path, (*origin.loc, f.field), f.written) for f in change.fields]
    return edits, creates


def _summary(changes: tuple[InitiativeChange, ...]) -> str:
    created = sum(c.created for c in changes)
    return f"updated {len(changes) - created} initiative(s), created {created}"
