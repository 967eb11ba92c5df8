"""risks.yaml: the risk register the steering group owns."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import StrictModel
from .types import Id, Rating, Text

RiskStatus = Literal["open", "closed"]


class Risk(StrictModel):
    """Something that may go wrong, how likely and how bad, who owns it and what is done."""

    id: Id
    """Unique id, e.g. `nyckelperson-slutar`."""
    title: Text
    """The risk in a few words."""
    likelihood: Rating
    """How likely it is, 1 (rare) to 5 (almost certain)."""
    impact: Rating
    """How bad it would be, 1 (small) to 5 (severe)."""
    owner: Text
    """Who watches it and acts (a role or a name)."""
    mitigation: Text
    """What is done to make it less likely or less bad."""
    initiatives: list[Id] = Field(default_factory=list)
    """Initiatives it threatens (ids from initiatives/)."""
    capabilities: list[Id] = Field(default_factory=list)
    """Capabilities it threatens (ids from capabilities.yaml)."""
    status: RiskStatus = "open"
    """open (the default) or closed."""

    @property
    def score(self) -> int:
        """Likelihood times impact, 1 to 25."""
        return self.likelihood * self.impact


class RisksFile(StrictModel):
    """risks.yaml."""

    risks: list[Risk]
    """The risks, in any order; reports order them by likelihood times impact."""
