"""engagement.json: the validated model and every analysis result, for other tools."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from ..models import Engagement

EXPORT_SCHEMA_VERSION = 1


def _rounded(value: Any) -> Any:
    """Floats to four decimals so the file is the same on every machine and stays readable."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, Mapping):
        return {str(k): _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _as_data(result: Any) -> Any:
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.asdict(result)
    return result


def engagement_json(eng: Engagement, *, analyses: Mapping[str, Any]) -> str:
    """The model as validated plus `analyses` (dataclasses allowed), with a schema_version."""
    results = {name: _as_data(result) for name, result in sorted(analyses.items())}
    document = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "engagement": eng.model_dump(mode="json"),
        "analysis": _rounded(results),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
