"""`malmiljo import-survey`: a survey export (one row per answer) as an interview file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from .. import console
from ..analysis.survey import FIELDS, findings_from
from ..edit import edit
from ..errors import UsageError
from ..models.types import ID_PATTERN
from ..sheet import Sheet, read_sheet
from ..validate import load_engagement
from ..write.data.yamlfile import as_yaml
from .sheet import report_problems


def import_survey(
    engagement: Path,
    *,
    file: Path,
    ident: str,
    date: str,
    mapping: Sequence[str] = (),
    role: str | None = None,
) -> int:
    """Check every answer, then write `interviews/<id>.yaml`; never overwrite an interview."""
    if not re.match(ID_PATTERN, ident):
        raise UsageError(f"'{ident}' is not a valid id: a letter, then letters, digits, - or _")
    when = _date(date)
    result = load_engagement(engagement)
    assert result.engagement is not None  # guaranteed by load_engagement
    target = engagement / "interviews" / f"{ident}.yaml"
    if ("interview", ident) in result.origins or target.exists():
        where = (
            result.where("interview", ident) if ("interview", ident) in result.origins else target
        )
        raise UsageError(f"an interview '{ident}' already exists ({where}); choose another --id")
    sheet = read_sheet(file)
    survey = findings_from(sheet, columns(sheet, mapping), result.engagement)
    if survey.problems:
        return report_problems(survey.problems, file)
    if not survey.findings:
        raise UsageError(f"{file} has no answers in the mapped columns; nothing was written")
    data = {"id": ident, "date": when, **({"role": role} if role else {})}
    text = as_yaml(
        {**data, "findings": list(survey.findings)}, comment=f"From {_one_line(file.name)}"
    )
    edit(engagement, [], creates={target: text})
    console.message(f"wrote {len(survey.findings)} findings to {target}")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date takes a date written as YYYY-MM-DD, not '{text}'") from None


def columns(sheet: Sheet, mapping: Sequence[str]) -> dict[str, int]:
    """Finding field -> column index: `--map column=field` first, then same-named columns."""
    found: dict[str, int] = {}
    for item in mapping:
        column, sep, field = item.rpartition("=")
        if not sep or field.strip() not in FIELDS:
            raise UsageError(
                f"--map takes column=field with a field among {', '.join(FIELDS)}; not '{item}'"
            )
        if column.strip() not in sheet.header:
            raise UsageError(
                f"{sheet.display} has no column '{column.strip()}'; "
                f"its columns are: {', '.join(sheet.header)}"
            )
        found[field.strip()] = sheet.header.index(column.strip())
    for field in FIELDS:
        if field not in found and field in sheet.header:
            found[field] = sheet.header.index(field)
    missing = [f for f in ("text", "area", "kind") if f not in found]
    if missing:
        raise UsageError(
            f"{sheet.display} has no column for {', '.join(missing)}; "
            f"map one with --map 'Column name={missing[0]}'"
        )
    return found


def _one_line(name: str) -> str:
    """A file name fit for a YAML comment: no line breaks, no control characters."""
    from ..console import printable

    return printable(name).replace("\n", "\\n").replace("\r", "\\r")
