"""interviews/*.yaml and workshops/*.yaml: what staff said and how they voted."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from .base import StrictModel
from .types import Id, Text

FindingKind = Literal["pain", "wish", "strength"]
Dots = Annotated[int, Field(ge=0)]


class Finding(StrictModel):
    text: Text
    area: Id
    capability: Id | None = None
    kind: FindingKind


class Interview(StrictModel):
    id: Id
    date: dt.date = Field(strict=False)
    role: str | None = None
    findings: list[Finding]


class Workshop(StrictModel):
    id: Id
    date: dt.date = Field(strict=False)
    participants: int | None = Field(default=None, ge=1)
    votes: dict[Id, Dots] = Field(default_factory=dict)
    ballots: list[list[Id]] = Field(default_factory=list)
