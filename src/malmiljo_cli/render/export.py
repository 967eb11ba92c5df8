"""engagement.json: the validated model and every analysis result, for other tools."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..analysis.gaps import GapAnalysis
from ..analysis.roadmap import Roadmap
from ..analysis.scoring import Ranking
from ..analysis.selection import Instance, Solution
from ..models import Engagement

EXPORT_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Analysis:
    """Every analysis `build` computes; plan and roadmap are null without a budget."""

    gaps: GapAnalysis
    plan: tuple[Instance, Solution] | None
    ranking: Ranking | None
    roadmap: Roadmap | None


@dataclass(frozen=True)
class Export:
    """engagement.json: the shape its schema (`malmiljo schema`) is generated from."""

    schema_version: Literal[1]
    engagement: Engagement
    analysis: Analysis


def plain_data(value: Any) -> Any:
    """Dataclasses, mappings, sequences and sets as JSON values; floats to four decimals."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, Mapping):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(plain_data(v) for v in value)
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    return value


def engagement_json(eng: Engagement, *, analysis: Analysis) -> str:
    """The model as validated plus every analysis, with a schema_version."""
    document = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "engagement": eng.model_dump(mode="json"),
        "analysis": plain_data(analysis),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
