"""`malmiljo set`: set one scalar field of an initiative, keeping the file as written."""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from .. import console
from ..edit import Edit, Scalar, edit, new_warnings, origin_of
from ..errors import UsageError
from ..messages import did_you_mean
from ..models import Initiative
from ..validate import load_engagement
from ..write.terminal.diagnostics import as_text
from ..write.terminal.edits import as_unified_diff

NULL_WORDS = ("null", "~", "")


def set_field(
    engagement: Path, *, initiative: str, field: str, value: str, dry_run: bool = False
) -> int:
    """Parse VALUE by the field's type, validate the engagement with it, then write atomically."""
    parsed = parse_value(field, value)
    result = load_engagement(engagement)
    file, loc = origin_of(result, "initiative", initiative)
    done = edit(engagement, [Edit(file, (*loc, field), parsed)], dry_run=dry_run)
    if dry_run:
        console.data(console.printable(as_unified_diff(done)) or "no change")
    else:
        what = "set" if done.changed else "unchanged"
        console.data(f"{console.printable(initiative)}.{field}: {what} ({file})")
    warnings = new_warnings(result, done)
    if warnings:
        console.message(as_text(warnings, style=lambda t, k: console.style(t, k)))
    return 0


def parse_value(field: str, raw: str) -> Scalar:
    """The YAML value for `raw` given the Initiative field's type; lists and mappings refused."""
    info = Initiative.model_fields.get(field)
    if info is None:
        tip = did_you_mean(field, Initiative.model_fields)
        raise UsageError(f"an initiative has no field '{field}'{tip}")
    if field == "id":
        raise UsageError("set does not rename initiatives; other files refer to the id")
    kinds = _kinds(info.annotation)
    if kinds & {list, dict}:
        raise UsageError(
            f"'{field}' is a list or a mapping; edit it in the file (set changes single values)"
        )
    if type(None) in kinds and raw.strip() in NULL_WORDS:
        return None
    if float in kinds:
        return _number(field, raw, whole=False)
    if int in kinds:
        return _number(field, raw, whole=True)
    return raw


def _kinds(annotation: Any) -> set[type]:
    """The plain Python types a field accepts (Literal counts as str, list[...] as list)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        args = typing.get_args(annotation)
        return set().union(*(_kinds(a) for a in (args[:1] if origin is typing.Annotated else args)))
    if origin is typing.Literal:
        return {str}
    if origin is not None:
        return {origin}
    return {annotation}


def _number(field: str, raw: str, *, whole: bool) -> int | float:
    text = raw.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        number = None
    if whole or number is None or number != number or number in (float("inf"), float("-inf")):
        kind = "a whole number" if whole else "a number"
        raise UsageError(f"'{field}' takes {kind}, not '{raw}'")
    return number
