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
from malmiljo_cli.validate import validate_folder
from malmiljo_cli.write.data.schema import schemas

from .helpers import EXAMPLE, FIXTURES


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
    from malmiljo_cli.load import FOLDERS

    if path.parent.name in FOLDERS:
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


CORPUS = YAML(typ="safe").load((FIXTURES / "schema_corpus.yaml").read_text(encoding="utf-8"))


def _case_name(case: dict[str, Any]) -> str:
    if "drop" in case:
        return f"{case['file']}: without {case['drop']}"
    return f"{case['file']}: {case['set']} = {json.dumps(case['to'], ensure_ascii=False)}"


def _change(data: dict[str, Any], case: dict[str, Any]) -> None:
    *parents, last = (case.get("set") or case["drop"]).split(".")
    node: Any = data
    for step in parents:
        node = node[int(step)] if isinstance(node, list) else node.setdefault(step, {})
    key: Any = int(last) if isinstance(node, list) else last
    if "drop" in case:
        del node[key]
    else:
        node[key] = case["to"]
    data.update(case.get("also", {}))


def _verdicts(folder: Path, case: dict[str, Any]) -> tuple[bool, bool]:
    """(validate refuses the engagement, the file's schema refuses the file) for one case."""
    path = folder / case["file"]
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    _change(data, case)
    _dump(data, path)
    refused = any(p.is_error for p in validate_folder(folder).problems)
    validator = ECMA_PATTERNS(
        schemas()[_kind(path)], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return refused, not validator.is_valid(_json_ready(data))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """`pattern` as JSON Schema means it (ECMA-262): `$` ends the text, also before a newline.

    Python's `re` lets `$` match before a final newline, so "#0072b2\n" would pass here but not
    in an editor, nor in validate (pydantic-core's regex agrees with ECMA-262).
    """
    import re

    if isinstance(instance, str) and not re.search(pattern.replace("$", r"\Z"), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


ECMA_PATTERNS = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)


def _dump(data: Any, path: Path) -> None:
    """As YAML, so keys keep their type (a level key 3 stays a number, as people write it)."""
    import io

    text = io.StringIO()
    YAML(typ="safe").dump(data, text)
    path.write_text(text.getvalue(), encoding="utf-8")


def _corpus_folder(minimal: Path) -> Path:
    for rel, data in CORPUS["base"].items():
        (minimal / rel).parent.mkdir(parents=True, exist_ok=True)
        _dump(data, minimal / rel)
    return minimal


def test_schemas_refuse_what_validate_refuses(tmp_path: Path) -> None:
    """Every disagreement is listed; only what JSON Schema cannot say may remain (with its why)."""
    import shutil

    disagree: dict[str, str] = {}
    wrong_way: list[str] = []
    for i, case in enumerate(CORPUS["cases"]):
        folder = _corpus_folder(shutil.copytree(FIXTURES / "minimal", tmp_path / str(i)))
        refused, schema_refused = _verdicts(folder, case)
        assert refused, f"validate accepts {_case_name(case)}: not an invalid case"
        if not schema_refused:
            disagree[_case_name(case)] = case.get("why", "(no reason given)")
        elif "why" in case:
            wrong_way.append(_case_name(case))
    expected = {_case_name(c): c["why"] for c in CORPUS["cases"] if "why" in c}
    listing = "\n".join(f"{name}: {why}" for name, why in disagree.items())
    assert disagree == expected, f"the schema accepts what validate refuses:\n{listing}"
    assert wrong_way == [], "these have a `why` but the schema refuses them"


def test_the_corpus_base_is_valid(minimal: Path) -> None:
    folder = _corpus_folder(minimal)
    assert validate_folder(folder).problems == []
    for rel in CORPUS["base"]:
        data = _json_ready(YAML(typ="safe").load((folder / rel).read_text(encoding="utf-8")))
        jsonschema.Draft202012Validator(schemas()[_kind(folder / rel)]).validate(data)


def test_the_docs_list_what_schemas_cannot_check() -> None:
    from .helpers import ROOT

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("## What the schemas cannot check", 1)[-1]
    reasons = sorted({c["why"] for c in CORPUS["cases"] if "why" in c})
    assert [r for r in reasons if f"- {r}" not in section] == []


@pytest.mark.parametrize("variant", ["example", "waves", "no capacity"])
def test_engagement_json_follows_its_schema(variant: str, example: Path, minimal: Path) -> None:
    """The example has a calendar (weeks); the minimal one waves; without capacity, no budget."""
    from malmiljo_cli.commands.build import build_files
    from malmiljo_cli.validate import read_engagement

    folder = example if variant == "example" else minimal
    if variant == "no capacity":
        meta = folder / "engagement.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").split("capacity:")[0], encoding="utf-8")
    files = build_files(read_engagement(folder), root=folder)
    document = json.loads(files["engagement.json"])
    roadmap, plan = document["analysis"]["roadmap"], document["analysis"]["plan"]
    assert (roadmap or {}).get("calendar", False) == (variant == "example")
    assert (plan["budget"] is None) == (variant == "no capacity")
    schema = schemas()["engagement.json"]
    validator = jsonschema.Draft202012Validator(schema)
    errors = [
        f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(document)
    ]
    assert errors == []
    document["analysis"]["gaps"]["total"]["surprise"] = 1
    assert not validator.is_valid(document)


def test_every_file_kind_has_a_schema() -> None:
    """A new file kind (a file or folder load.py reads) needs its schema in write/data/schema.py."""
    from malmiljo_cli.load import FOLDERS, REQUIRED_FILES

    kinds = {Path(name).stem for name in REQUIRED_FILES} | {folder[:-1] for folder in FOLDERS}
    assert kinds <= set(schemas(output=False))
