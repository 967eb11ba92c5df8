"""Hypothesis: random files never make validation raise anything but its own problems."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from malmiljo_cli.analysis.gaps import analyse_gaps
from malmiljo_cli.analysis.interviews import synthesise
from malmiljo_cli.analysis.trace import trace
from malmiljo_cli.validate import validate_folder

from .helpers import FIXTURES

FIELDS = ["id", "title", "area", "raises", "depends_on", "effect", "effort", "status",
          "urgency", "related_areas", "dropped_reason", "steps", "confidence", "bogus"]  # fmt: skip
IDS = st.sampled_from(["chef", "tavla", "ny", "organisation", "arbetssatt", "ledning", "overblick"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    IDS,
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from([*FIELDS, "to", "capability"]), inner, max_size=4)
    ),
    max_leaves=12,
)
NO_SURROGATES = st.characters(blacklist_categories=("Cs",))  # YAML cannot hold lone surrogates
INITIATIVE = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=10)


def _dump(data: Any) -> str:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return out.getvalue()


def _check(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "eng"
        shutil.copytree(FIXTURES / "minimal", root)
        for rel, text in files.items():
            (root / rel).write_text(text, encoding="utf-8")
        result = validate_folder(root)
        assert all(p.line >= 1 and p.column >= 1 for p in result.problems)
        if result.ok and result.engagement is not None:
            analyse_gaps(result.engagement)
            trace(result.engagement)
            synthesise(result.engagement)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(INITIATIVE)
def test_random_initiatives_never_crash_validation(data: dict[str, Any]) -> None:
    _check({"initiatives/tavla.yaml": _dump(data)})


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}#&*!|>'\"\n ,?%@`\t1é\\")), max_size=60))
def test_random_text_never_crashes_validation(text: str) -> None:
    _check({"initiatives/tavla.yaml": text, "areas.yaml": "areas:\n" + text})


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 6), st.integers(0, 6), st.integers(1, 3), st.integers(0, 7))
def test_valid_variations_of_levels_always_analyse(
    current: int, target: int, imp: int, to: int
) -> None:
    caps = (
        "capabilities:\n"
        f"  - {{id: ledning, area: organisation, name: L, current: {current}, target: {target}, importance: {imp}}}\n"
        "  - {id: overblick, area: arbetssatt, name: Ö, current: 2, target: 4}\n"
    )
    chef = (FIXTURES / "minimal" / "initiatives" / "chef.yaml").read_text(encoding="utf-8")
    _check({"capabilities.yaml": caps, "initiatives/chef.yaml": chef.replace("to: 4", f"to: {to}")})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(NO_SURROGATES, min_size=1, max_size=40).filter(lambda t: t.strip()),
    st.text(NO_SURROGATES, max_size=80),
    st.sampled_from(["proposed", "selected", "in_progress", "done"]),
)
def test_any_valid_text_renders_to_every_format(title: str, description: str, status: str) -> None:
    """Whatever text a valid engagement holds, every output format is produced."""
    from typer.testing import CliRunner

    from malmiljo_cli.cli import app

    chef = (
        "id: chef\narea: organisation\nraises: [{capability: ledning, to: 4}]\neffect: 5\n"
        f"effort: 20\nstatus: {status}\ntitle: {_json(title)}\ndescription: {_json(description)}\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "eng"
        shutil.copytree(FIXTURES / "minimal", root)
        (root / "initiatives" / "chef.yaml").write_text(chef, encoding="utf-8")
        assert validate_folder(root).ok
        result = CliRunner().invoke(app, ["build", "-e", str(root), "-o", str(Path(tmp) / "out")])
        assert result.exit_code == 0, result.output
        built = {p.name for p in (Path(tmp) / "out").iterdir()}
        assert {"report.md", "report.html", "report.pdf", "map.svg", "engagement.json"} <= built


def _json(text: str) -> str:
    """A YAML double-quoted scalar holding any text: characters YAML may not carry raw are escaped."""

    def one(ch: str) -> str:
        code = ord(ch)
        if ch in '\\"':
            return "\\" + ch
        if code in (0x9, 0x85) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF:
            return ch
        if 0xE000 <= code <= 0xFFFD or code >= 0x10000:
            return ch
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    return '"' + "".join(one(ch) for ch in text) + '"'
