"""engagement.json: the validated model and every analysis result, for other tools."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any, Literal

from typing_extensions import TypedDict

from ...analysis.scoring import Ranking
from ...models import Engagement
from .shapes import GapJson, PlanJson, ScheduleJson, WavesJson

EXPORT_SCHEMA_VERSION = 1


class AnalysisJson(TypedDict):
    """Every analysis `build` makes; ranking, plan and roadmap are null when they cannot be made."""

    gaps: GapJson
    ranking: Ranking | None
    plan: PlanJson | None
    roadmap: ScheduleJson | WavesJson | None


class ExportJson(TypedDict):
    """engagement.json; its JSON Schema (`malmiljo schema`) is generated from this."""

    schema_version: Literal[1]
    engagement: Engagement
    analysis: AnalysisJson


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


def engagement_json(eng: Engagement, *, analyses: Mapping[str, Any]) -> str:
    """The model as validated plus `analyses` (dataclasses allowed), with a schema_version."""
    document = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "engagement": eng.model_dump(mode="json"),
        "analysis": {name: plain_data(result) for name, result in sorted(analyses.items())},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
