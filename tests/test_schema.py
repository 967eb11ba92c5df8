"""`malmiljo schema`: valid draft 2020-12 schemas that accept the example and reject bad files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.render.schema import schemas

from .helpers import EXAMPLE


def _json_ready(value: Any) -> Any:
    """What an editor's YAML plugin hands its JSON Schema validator: dates as text, keys as text."""
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _kind(path: Path) -> str:
    if path.parent.name in ("initiatives", "interviews", "workshops"):
        return path.parent.name[:-1]
    return path.stem


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if "schemas" not in p.parts)


def test_every_schema_is_valid_draft_2020_12() -> None:
    for document in schemas().values():
        jsonschema.Draft202012Validator.check_schema(document)
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", _files(EXAMPLE), ids=lambda p: p.relative_to(EXAMPLE).as_posix())
def test_example_files_validate_against_their_schema(path: Path) -> None:
    data = _json_ready(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(schemas()[_kind(path)]).validate(data)


def test_schema_rejects_a_typo_and_a_bad_rating() -> None:
    validator = jsonschema.Draft202012Validator(schemas()["initiative"])
    good = {"id": "a", "title": "T", "area": "x", "effect": 3, "effort": 2}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "efort": 2})
    assert not validator.is_valid({**good, "effect": 9})
    assert not validator.is_valid({**good, "id": "1a"})


def test_schema_command_writes_one_file_per_kind(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{k}.schema.json" for k in schemas())
    assert json.loads((tmp_path / "initiative.schema.json").read_text())["title"] == "Initiative"


def test_schema_to_stdout_is_stable_json() -> None:
    first = CliRunner().invoke(app, ["schema"]).stdout
    assert first == CliRunner().invoke(app, ["schema"]).stdout
    assert set(json.loads(first)) == set(schemas())


def test_format_reference_is_generated_from_the_models() -> None:
    """docs/format.md is rewritten by scripts/format_doc.py; a stale copy fails here."""
    import subprocess
    import sys

    from .helpers import ROOT

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "format_doc.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
