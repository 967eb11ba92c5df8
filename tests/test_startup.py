"""Start-up stays light: `--help` and completion import no analysis, report, graph or solver library."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "pydantic",
    "ruamel",
    "jinja2",
    "graphviz",
    "pygraphviz",
    "typst",
    "highspy",
    "openpyxl",
    "pptx",
    "docx",
    "lxml",
    "PIL",
    "starlette",
    "uvicorn",
    "segno",
    "anyio",
)

PROBE = """
import json, sys
from malmiljo_cli.cli import app
try:
    app(sys.argv[1:], prog_name="malmiljo")
except SystemExit:
    pass
print(json.dumps(sorted(m.split(".")[0] for m in sys.modules)), file=sys.stderr)
"""


def _modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_help_imports_nothing_heavy() -> None:
    loaded = _modules("--help")
    assert "typer" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded.intersection(HEAVY))


def test_command_help_imports_nothing_heavy() -> None:
    # Typer itself (0.29) brings pydantic in to coerce option types, as any Typer app would.
    loaded = _modules("validate", "--help")
    heavy = set(HEAVY) - {"pydantic"}
    assert loaded.isdisjoint(heavy), sorted(loaded.intersection(heavy))


def test_workshop_help_imports_no_web_server() -> None:
    loaded = _modules("workshop", "vote", "--help")
    heavy = set(HEAVY) - {"pydantic"}
    assert loaded.isdisjoint(heavy), sorted(loaded.intersection(heavy))
