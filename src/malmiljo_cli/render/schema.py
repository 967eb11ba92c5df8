"""JSON Schema (draft 2020-12) for each file kind, generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..models import (
    AreasFile,
    Assessment,
    CapabilitiesFile,
    EngagementMeta,
    Initiative,
    Interview,
    Workshop,
)

KINDS: dict[str, type[BaseModel]] = {
    "engagement": EngagementMeta,
    "areas": AreasFile,
    "capabilities": CapabilitiesFile,
    "initiative": Initiative,
    "interview": Interview,
    "workshop": Workshop,
    "assessment": Assessment,
}


def schemas() -> dict[str, dict[str, Any]]:
    """Every file kind's schema, keyed by kind."""
    return {kind: _schema(kind, model) for kind, model in KINDS.items()}


def _schema(kind: str, model: type[BaseModel]) -> dict[str, Any]:
    from ..models.docs import describe

    body = describe(model.model_json_schema(mode="validation"), model)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **body,
    }


def schema_json(document: dict[str, Any]) -> str:
    """Stable JSON text for a schema document."""
    import json

    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def schema_files(folder: Path) -> dict[Path, bytes]:
    """`<kind>.schema.json` for every kind, as paths in `folder` and their bytes."""
    return {
        folder / f"{kind}.schema.json": schema_json(document).encode("utf-8")
        for kind, document in schemas().items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every kind's schema into `folder` as one change; return the paths."""
    from ..writer import commit

    files = schema_files(folder)
    commit(files)
    return sorted(files)
