"""Initiatives <-> spreadsheet rows: one column per field, lists joined so people can edit them.

A cell holds `a, b` for a list of ids, `kundfokus:3, overblick:4` for `raises`, and one step a
line for `steps`. An empty cell means the field's default (and for a required field, an error).
Importing checks every row against the model and the engagement and reports each bad cell by
its place; only a sheet without problems turns into changes, field by field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..messages import code_and_message, did_you_mean
from ..messages import unknown_id as unknown
from ..models import Engagement, Initiative
from ..sheet import CellValue, Sheet, present

COLUMNS: tuple[str, ...] = tuple(Initiative.model_fields)
WHOLE = ("effect", "urgency", "risk_reduction", "duration_weeks", "added_in_lap")
DECIMAL = ("effort", "cost", "reach", "confidence")
ID_LISTS = ("related_areas", "depends_on")
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_RAISE = re.compile(r"\s*([^:=\s]+)\s*[:=]\s*([0-9]+)\s*")


class CellError(ValueError):
    """A cell's text cannot be read as its field's value."""


def row_of(initiative: Initiative) -> tuple[CellValue, ...]:
    """The cells of one initiative, in the order of COLUMNS."""
    return tuple(cell_of(name, getattr(initiative, name)) for name in COLUMNS)


def cell_of(field: str, value: Any) -> CellValue:
    """One field's value as a cell: lists joined, whole floats as ints, nothing as empty."""
    if field in ID_LISTS:
        return ", ".join(value) or None
    if field == "raises":
        return ", ".join(f"{r.capability}:{r.to}" for r in value) or None
    if field == "steps":
        return "\n".join(value) or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == "":
        return None
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def value_of(field: str, cell: CellValue) -> Any:
    """The field's value read from a non-empty cell; CellError says why it cannot be read."""
    if field in WHOLE or field in DECIMAL:
        return _number(field, cell, whole=field in WHOLE)
    text = str(cell)
    if field in ID_LISTS:
        return [part for part in re.split(r"[,;\s]+", text) if part]
    if field == "raises":
        return [_raise(part) for part in re.split(r"[,;\n]+", text) if part.strip()]
    if field == "steps":
        return [line.strip() for line in text.splitlines() if line.strip()]
    return text


def _number(field: str, cell: CellValue, *, whole: bool) -> int | float:
    kind = "a whole number" if whole else "a number"
    number: float | None = None
    if isinstance(cell, int | float):
        number = cell
    else:
        text = _SPACES.sub("", str(cell))
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # a decimal comma, as Swedish spreadsheets write it
        try:
            number = float(text)
        except ValueError:
            number = None
    if number is None or number != number or abs(number) == float("inf"):
        raise CellError(f"'{field}' must be {kind}, not {_shown(cell)}")
    if isinstance(number, int) or number.is_integer():
        return int(number)
    if whole:
        raise CellError(f"'{field}' must be {kind}, not {_shown(cell)}")
    return number


def _raise(part: str) -> dict[str, Any]:
    match = _RAISE.fullmatch(part)
    if match is None:
        raise CellError(
            "write each raise as capability:level, e.g. 'overblick:3', "
            f"separated by commas; not {_shown(part.strip())}"
        )
    return {"capability": match.group(1), "to": int(match.group(2))}


def _shown(cell: CellValue) -> str:
    return f"'{cell}'" if isinstance(cell, str) else repr(cell)


# --- import --------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class CellProblem:
    """A bad cell: its row and 0-based column (for order), its place `file:sheet!D7`, and why."""

    row: int
    column: int
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class FieldChange:
    """One field that changes: model values before and after, and the value to write."""

    field: str
    old: Any
    new: Any
    written: Any


@dataclass(frozen=True)
class InitiativeChange:
    """What a row changes in one initiative (or, when `created`, the fields of a new one)."""

    ident: str
    where: str
    created: bool
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class SheetImport:
    """Every problem of a sheet, or (when there is none) every change it makes."""

    problems: tuple[CellProblem, ...]
    changes: tuple[InitiativeChange, ...]


@dataclass(frozen=True)
class _Row:
    """One row of a sheet, to say where its cells are."""

    sheet: Sheet
    number: int
    columns: Mapping[str, int]

    def problem(self, field: str, message: str) -> CellProblem:
        """A problem in this row's cell for `field` (its id cell when the column is absent)."""
        column = self.columns.get(field, self.columns.get("id", 0))
        return CellProblem(self.number, column, self.sheet.where(self.number, column), message)


def check_sheet(sheet: Sheet, engagement: Engagement) -> SheetImport:
    """All problems of an initiative sheet, or the changes it makes to `engagement`."""
    problems = _header_problems(sheet)
    if problems:
        return SheetImport(tuple(problems), ())
    columns = {name: i for i, name in enumerate(sheet.header)}
    rows: list[tuple[_Row, str, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for number, cells in sheet.rows:
        row = _Row(sheet, number, columns)
        given, bad = _read_row(row, cells)
        ident = given.get("id")
        if not isinstance(ident, str) or not ident.strip():
            problems.append(row.problem("id", "every row needs an id"))
            continue
        if ident in seen:
            problems.append(row.problem("id", f"the id '{ident}' is also on row {seen[ident]}"))
            continue
        seen[ident] = number
        problems += bad
        if not bad:
            rows.append((row, ident, given))
    known = {*engagement.initiative_by_id, *seen}
    changes = []
    for row, ident, given in rows:
        old = engagement.initiative_by_id.get(ident)
        model, bad = _validate(row, given, old)
        if model is not None:
            bad += _references(row, model, engagement, known)
        problems += bad
        if model is not None and not bad:
            change = _change(row, model, old, given)
            if change.fields:
                changes.append(change)
    return SheetImport(tuple(sorted(problems)), tuple(changes))


def _header_problems(sheet: Sheet) -> list[CellProblem]:
    problems = []
    for i, name in enumerate(sheet.header):
        header = _Row(sheet, 1, {name: i})
        if name not in COLUMNS:
            tip = did_you_mean(name, COLUMNS, list_all=True)
            problems.append(header.problem(name, f"unknown column '{name}'{tip}"))
        elif sheet.header.index(name) < i:
            problems.append(header.problem(name, f"the column '{name}' appears twice"))
    if "id" not in sheet.header:
        problems.append(_Row(sheet, 1, {}).problem("id", "the sheet needs an 'id' column"))
    return problems


def _read_row(row: _Row, cells: tuple[CellValue, ...]) -> tuple[dict[str, Any], list[CellProblem]]:
    given: dict[str, Any] = {}
    problems = []
    for name, i in row.columns.items():
        if not present(cells[i]):
            continue
        try:
            given[name] = value_of(name, cells[i])
        except CellError as exc:
            problems.append(row.problem(name, str(exc)))
    return given, problems


def _validate(
    row: _Row, given: dict[str, Any], old: Initiative | None
) -> tuple[Initiative | None, list[CellProblem]]:
    """The initiative the row describes: the sheet's columns over the file's other fields."""
    data = old.model_dump() if old is not None else {}
    for name in row.columns:
        data.pop(name, None)  # an empty cell means the default, not the file's value
    data.update(given)
    try:
        return Initiative.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            field = str(err["loc"][0]) if err["loc"] else "id"
            problems.append(row.problem(field, code_and_message(err, allowed_fields=[])[1]))
        return None, problems


def _references(
    row: _Row, model: Initiative, engagement: Engagement, known: set[str]
) -> list[CellProblem]:
    problems = []
    for field, area in [("area", model.area), *(("related_areas", a) for a in model.related_areas)]:
        if area not in engagement.area_by_id:
            problems.append(row.problem(field, unknown("area", area, engagement.area_by_id)))
    scale = engagement.meta.scale
    for item in model.raises:
        if item.capability not in engagement.capability_by_id:
            message = unknown("capability", item.capability, engagement.capability_by_id)
            problems.append(row.problem("raises", message))
        elif not scale.min <= item.to <= scale.max:
            message = f"level {item.to} for '{item.capability}' is outside the scale {scale.min}..{scale.max}"
            problems.append(row.problem("raises", message))
    for dep in model.depends_on:
        if dep == model.id:
            problems.append(row.problem("depends_on", "an initiative cannot depend on itself"))
        elif dep not in known:
            message = (
                unknown("initiative", dep, known) + " (neither in the engagement nor in the sheet)"
            )
            problems.append(row.problem("depends_on", message))
    return problems


def _change(
    row: _Row, model: Initiative, old: Initiative | None, given: dict[str, Any]
) -> InitiativeChange:
    fields = []
    for name in COLUMNS:
        if name == "id" or name not in row.columns:
            continue
        new = getattr(model, name)
        if old is None:
            if name in given:
                fields.append(FieldChange(name, None, new, _written(name, new, None)))
        elif not _same(getattr(old, name), new):
            before = getattr(old, name)
            fields.append(FieldChange(name, before, new, _written(name, new, before)))
    where = row.problem("id", "").where
    return InitiativeChange(model.id, where, old is None, tuple(fields))


def _same(old: Any, new: Any) -> bool:
    """Equal values; text ignores trailing spaces and line breaks, which spreadsheets drop."""
    if isinstance(old, str) and isinstance(new, str):
        return old.rstrip() == new.rstrip()
    return bool(old == new)


def _written(field: str, new: Any, old: Any) -> Any:
    """The value to put in the YAML file: plain lists and dicts, whole numbers without `.0`."""
    if field == "raises":
        return [{"capability": r.capability, "to": r.to} for r in new]
    if isinstance(new, list):
        return list(new)
    if isinstance(new, float) and new.is_integer():
        return int(new)
    if isinstance(new, str) and isinstance(old, str) and old.endswith("\n") and new:
        return new.rstrip("\n") + "\n"  # keeps a `|` block as it was written (no `|-`)
    return new
