"""Reusable validated field types: one definition per concept, used everywhere."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _check_colour(value: str) -> str:
    if not re.fullmatch(COLOUR_PATTERN, value):
        raise ValueError(f"'{value}' is not a colour written as #rrggbb")
    return value.lower()


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD (YAML 1.2 reads it as text); no timestamps, no times of day."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(DATE_PATTERN, value):
        return value
    raise PydanticCustomError("date_type", "Input should be a date written as YYYY-MM-DD")


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""A slug chosen by people: a letter, then letters, digits, '-' or '_'."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty piece of prose."""

Colour = Annotated[
    str,
    AfterValidator(_check_colour),
    WithJsonSchema({"type": "string", "pattern": COLOUR_PATTERN}),
]
"""A hex colour `#rrggbb`, stored lower-case."""

Date = Annotated[
    dt.date,
    Strict(False),
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]
"""A calendar date written YYYY-MM-DD."""


def _whole_number_key(value: Any) -> Any:
    """A quoted key such as "3" (and every key in JSON) is text; it still means 3."""
    if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9]+", value):
        return int(value)
    return value


LevelKey = Annotated[int, BeforeValidator(_whole_number_key)]
"""A level used as a key (scale labels), written `3:` or `"3":`."""

Level = Annotated[int, Field(ge=0, le=100)]
"""A level on the engagement's maturity scale; the scale's bounds are checked across files."""

Rating = Annotated[int, Field(ge=1, le=5)]
"""A 1-5 rating (effect, urgency, risk reduction)."""

Importance = Annotated[int, Field(ge=1, le=3)]

PersonDays = Annotated[float, Field(gt=0, le=100_000)]
"""Effort in person-days; never zero, so no score is silently divided by nothing, and never
beyond 100,000 (about 400 person-years), so a typo like 1e300 is caught, not printed."""

Fraction = Annotated[float, Field(ge=0, le=1)]
