"""JSON Schema (draft 2020-12) for each file kind and for engagement.json, generated from the models.

The schemas say everything validate checks that JSON Schema can express; what it cannot (references
across files, levels on the engagement's scale, comparisons between two fields) is listed in
docs/format.md and kept honest by tests/test_schema.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ...models import (
    AreasFile,
    Assessment,
    CapabilitiesFile,
    EngagementMeta,
    Initiative,
    Interview,
    RisksFile,
    ScenarioFile,
    Workshop,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"

KINDS: dict[str, type[BaseModel]] = {
    "engagement": EngagementMeta,
    "areas": AreasFile,
    "capabilities": CapabilitiesFile,
    "initiative": Initiative,
    "interview": Interview,
    "workshop": Workshop,
    "assessment": Assessment,
    "scenario": ScenarioFile,
    "risks": RisksFile,
}
"""File kinds; `engagement.json` (the build output) is added by `schemas`."""

INTEGER_KEY = r"^[-+]?[0-9]+$"


class StrictSchema(GenerateJsonSchema):
    """Pydantic's generator, tightened where its defaults let through what validate refuses."""

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        out = super().dict_schema(schema)
        # Keys with a pattern come out as patternProperties, which lets any other key through.
        patterns = out.pop("patternProperties", None)
        if patterns:
            [(pattern, values)] = patterns.items()
            out["propertyNames"] = {**out.get("propertyNames", {}), "pattern": pattern}
            out["additionalProperties"] = values
        keys: Any = schema.get("keys_schema") or {}
        while str(keys.get("type", "")).startswith("function-"):  # a validator around the type
            keys = keys.get("schema") or {}
        if keys.get("type") == "int":  # JSON keys are text; these must read as whole numbers
            out["propertyNames"] = {"pattern": INTEGER_KEY}
        return out

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        out = super().str_schema(schema)
        # Text is stripped before its length is checked, so "   " is empty.
        if schema.get("strip_whitespace") and schema.get("min_length", 0) > 0:
            out.setdefault("pattern", r"\S")
        return out


def schemas(*, output: bool = True) -> dict[str, dict[str, Any]]:
    """Every file kind's schema, keyed by kind, and with `output` engagement.json's too."""
    found = {kind: _schema(model) for kind, model in KINDS.items()}
    if output:
        found["engagement.json"] = export_schema()
    return found


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    from ...models.docs import describe

    body = describe(model.model_json_schema(schema_generator=StrictSchema), model)
    return {"$schema": DIALECT, **body}


def export_schema() -> dict[str, Any]:
    """engagement.json, the output of `build`: every object closed and every field present."""
    from pydantic import TypeAdapter

    from ...models.docs import describe
    from .export import ExportJson

    body = TypeAdapter(ExportJson).json_schema(mode="serialization", schema_generator=StrictSchema)
    for name, definition in body.get("$defs", {}).items():
        _close(definition)
        if name == "Engagement":
            definition["description"] = "The engagement as validated (defaults filled in)."
    _close(body)
    body["title"] = "engagement.json"
    body["description"] = (
        "What `malmiljo build` writes for other tools: the engagement and every analysis."
    )
    from ...models import Engagement

    describe({"$defs": body["$defs"]}, Engagement)
    return {"$schema": DIALECT, **body}


def _close(definition: dict[str, Any]) -> None:
    """Output objects carry every field, and nothing else."""
    if "properties" in definition:
        definition["required"] = list(definition["properties"])
        definition["additionalProperties"] = False


def schema_json(document: dict[str, Any]) -> str:
    """Stable JSON text for a schema document."""
    import json

    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def schema_files(folder: Path, *, output: bool = True) -> dict[Path, bytes]:
    """`<kind>.schema.json` for every kind, as paths in `folder` and their bytes."""
    return {
        folder / f"{kind}.schema.json": schema_json(document).encode("utf-8")
        for kind, document in schemas(output=output).items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every kind's schema into `folder` as one change; return the paths."""
    from ...writer import commit

    files = schema_files(folder)
    commit(files)
    return sorted(files)
