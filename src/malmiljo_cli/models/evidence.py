"""interviews/*.yaml and workshops/*.yaml: what staff said and how they voted."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import StrictModel
from .types import Date, Id, Text

FindingKind = Literal["pain", "wish", "strength"]
Dots = Annotated[int, Field(ge=0)]
Ballot = Annotated[list[Id], Field(json_schema_extra={"uniqueItems": True})]
"""Initiative ids, best first; each at most once (checked with a position in checks.py)."""


class Finding(StrictModel):
    """One thing an interviewee said."""

    text: Text
    """What was said, as close to their words as possible."""
    area: Id
    """The focus area it concerns."""
    capability: Id | None = None
    """The capability it concerns, when one fits."""
    kind: FindingKind
    """pain (a problem today), wish (something wanted) or strength (works well)."""


class Interview(StrictModel):
    """interviews/<anything>.yaml: one interview."""

    id: Id
    """Unique id; capabilities cite it in `evidence`."""
    date: Date
    """When it took place, YYYY-MM-DD."""
    role: str | None = None
    """The interviewee's role (not their name)."""
    findings: list[Finding]
    """What came up."""


class Workshop(StrictModel):
    """workshops/<anything>.yaml: a prioritisation workshop."""

    id: Id
    """Unique id."""
    date: Date
    """When it took place, YYYY-MM-DD."""
    participants: int | None = Field(default=None, ge=1)
    """How many took part."""
    votes: dict[Id, Dots] = Field(default_factory=dict)
    """Dots per initiative id (dot voting)."""
    ballots: list[Ballot] = Field(default_factory=list)
    """Ranked ballots: each a list of initiative ids, best first."""
