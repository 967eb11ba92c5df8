"""Every error code, each from a small broken copy of the minimal engagement (tests/fixtures/invalid)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from malmiljo_cli.problems import CODES
from malmiljo_cli.validate import validate_folder

from .helpers import FIXTURES, snapshot

CASES = sorted((FIXTURES / "invalid").glob("*.yaml"))


def _apply(case: Path, folder: Path) -> list[str]:
    spec = YAML(typ="safe").load(case.read_text(encoding="utf-8"))
    for rel in spec.get("remove", []):
        (folder / rel).unlink()
    for rel, text in (spec.get("files") or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return list(spec["expect"])


def _order(entry: str) -> tuple[str, int, int, str]:
    where, code = entry.split(" ")[:2]
    rel, line, column = where.rsplit(":", 2)
    return rel, int(line), int(column), code


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_fixture_reports_file_line_column_and_code(case: Path, minimal: Path) -> None:
    expected = _apply(case, minimal)
    before = snapshot(minimal)
    problems = validate_folder(minimal).problems
    got = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.code))
    listing = "\n".join(f"{p.file}:{p.line}:{p.column} {p.code}: {p.message}" for p in got)
    assert len(got) == len(expected), listing
    for want, problem in zip(sorted(expected, key=_order), got, strict=True):
        where, code, *words = want.split(" ", 2)
        rel = Path(problem.file).relative_to(minimal).as_posix()
        assert f"{rel}:{problem.line}:{problem.column} {problem.code}" == f"{where} {code}", listing
        assert all(w in problem.message for w in words), listing
    assert snapshot(minimal) == before, "validate must never modify the engagement"


def test_every_code_has_a_fixture_or_a_dedicated_test() -> None:
    covered = {c.stem.split("_")[0] for c in CASES} | {"E103", "E109", "E110", "W403"}
    covered |= {"W501", "W502", "W503", "W504"}  # malmiljo check: tests/test_readiness.py
    assert set(CODES) <= covered, sorted(set(CODES) - covered)


def test_minimal_and_example_are_clean(minimal: Path, example: Path) -> None:
    assert validate_folder(minimal).problems == []
    result = validate_folder(example)
    assert result.ok
    assert [p.code for p in result.problems if p.is_error] == []
    assert len(result.engagement.initiatives) == 17 if result.engagement else False


def test_non_utf8_bytes_point_at_the_line(minimal: Path) -> None:
    path = minimal / "initiatives" / "tavla.yaml"
    path.write_bytes(
        b"id: tavla\ntitle: R\xe4ksm\xf6rg\xe5s\narea: arbetssatt\neffect: 4\neffort: 2\n"
    )
    [problem] = validate_folder(minimal).problems
    assert (problem.code, problem.line, problem.column) == ("E103", 2, 9)


def test_file_over_the_size_limit_is_refused(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MALMILJO_MAX_FILE_BYTES", "100")
    problems = validate_folder(minimal).problems
    assert {p.code for p in problems} == {"E109"}
    assert any(p.file.endswith("capabilities.yaml") for p in problems)


def test_deep_nesting_is_refused_not_a_crash(minimal: Path) -> None:
    path = minimal / "initiatives" / "tavla.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "steps: " + "[" * 200 + "]" * 200 + "\n",
        encoding="utf-8",
    )
    [problem] = validate_folder(minimal).problems
    assert (problem.code, problem.file.endswith("tavla.yaml")) == ("E110", True)


def test_bom_and_crlf_are_read(minimal: Path) -> None:
    path = minimal / "initiatives" / "tavla.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert validate_folder(minimal).problems == []


def test_all_problems_at_once(minimal: Path) -> None:
    (minimal / "initiatives" / "tavla.yaml").write_text(
        "id: tavla\ntitle: T\narea: nowhere\neffect: 7\neffort: 2\ndepends_on: [ghost]\n",
        encoding="utf-8",
    )
    codes = sorted(p.code for p in validate_folder(minimal).problems)
    assert codes == ["E204", "E302", "E304", "W401", "W402"], codes  # the bad rating hides nothing
    (minimal / "initiatives" / "tavla.yaml").write_text(
        "id: tavla\ntitle: T\narea: nowhere\neffect: 4\neffort: 2\ndepends_on: [ghost]\n",
        encoding="utf-8",
    )
    codes = sorted(p.code for p in validate_folder(minimal).problems)
    assert codes == ["E302", "E304", "W401", "W402"], codes


def test_yaml_12_rules(minimal: Path) -> None:
    """`yes` stays text and `010` is ten, as YAML 1.2 says; PyYAML's 1.1 rules would differ."""
    (minimal / "initiatives" / "tavla.yaml").write_text(
        "id: tavla\ntitle: yes\narea: arbetssatt\neffect: 4\neffort: 010\n"
        "raises: [{capability: overblick, to: 4}]\n",
        encoding="utf-8",
    )
    result = validate_folder(minimal)
    assert result.engagement is not None
    tavla = result.engagement.initiative_by_id["tavla"]
    assert (tavla.title, tavla.effort) == ("yes", 10)


def test_problem_json_shape(minimal: Path) -> None:
    from malmiljo_cli.write.terminal.diagnostics import as_json

    (minimal / "areas.yaml").write_text("areas: {}\n", encoding="utf-8")
    [entry, *_] = json.loads(as_json(validate_folder(minimal).problems))
    assert set(entry) == {"file", "line", "column", "severity", "code", "message"}


def test_every_code_is_documented() -> None:
    from .helpers import ROOT

    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f"| {code} |" not in text]
    assert missing == []


def test_a_scale_label_key_may_be_quoted(minimal: Path) -> None:
    """`"3": Låg` means level 3, as JSON and editors read it; a key outside the scale is caught."""
    meta = minimal / "engagement.yaml"
    text = meta.read_text(encoding="utf-8").replace(
        "  max: 5\n", '  max: 5\n  labels:\n    "3": Låg\n    9: Hög\n'
    )
    meta.write_text(text, encoding="utf-8")
    [problem] = validate_folder(minimal).problems
    assert (problem.code, "[9]" in problem.message) == ("E204", True), problem
    meta.write_text(meta.read_text(encoding="utf-8").replace("    9: Hög\n", ""), encoding="utf-8")
    result = validate_folder(minimal)
    assert result.engagement is not None
    assert result.engagement.meta.scale.label(3) == "Låg"
