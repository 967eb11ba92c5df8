"""`malmiljo schema`: JSON Schema for every file kind (for editors) and for engagement.json."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..write.data.schema import schema_json, schemas, write_schemas


def schema(*, out: Path | None) -> int:
    """Print all schemas as one JSON object, or write `<kind>.schema.json` files into `out`."""
    if out is None:
        console.data(schema_json(schemas()))
        return 0
    for path in write_schemas(out):
        console.message(f"wrote {path}")
    return 0
