"""Reusable validated field types: one definition per concept, used everywhere."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _check_colour(value: str) -> str:
    if not _COLOUR.match(value):
        raise ValueError(f"'{value}' is not a colour written as #rrggbb")
    return value.lower()


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""A slug chosen by people: a letter, then letters, digits, '-' or '_'."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty piece of prose."""

Colour = Annotated[str, AfterValidator(_check_colour)]
"""A hex colour `#rrggbb`, stored lower-case."""

Level = Annotated[int, Field(ge=0, le=100)]
"""A level on the engagement's maturity scale; the scale's bounds are checked across files."""

Rating = Annotated[int, Field(ge=1, le=5)]
"""A 1-5 rating (effect, urgency, risk reduction)."""

Importance = Annotated[int, Field(ge=1, le=3)]

PersonDays = Annotated[float, Field(gt=0, le=100_000)]
"""Effort in person-days; never zero, so no score is silently divided by nothing, and never
beyond 100,000 (about 400 person-years), so a typo like 1e300 is caught, not printed."""

Fraction = Annotated[float, Field(ge=0, le=1)]
