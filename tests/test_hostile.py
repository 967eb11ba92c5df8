"""Hostile input (tests/hostile/): each attack gets its clear error, and no file changes."""

from __future__ import annotations

import os
import shutil
import tracemalloc
from pathlib import Path

import pytest

from malmiljo_cli.validate import validate_folder

from .helpers import snapshot

HOSTILE = Path(__file__).parent / "hostile"

YAML_ATTACKS = {
    "billion_laughs.yaml": ("E107", "alias bomb"),
    "python_object_tag.yaml": ("E106", "python/object/apply:os.system"),
    "python_name_tag.yaml": ("E106", "python/name:os.system"),
    "custom_tag.yaml": ("E106", "!include"),
    "duplicate_keys.yaml": ("E108", "first on line 5"),
    "deep_nesting.yaml": ("E110", "deeper than 64"),
}


def test_every_attack_file_has_a_test() -> None:
    covered = set(YAML_ATTACKS)
    assert {p.name for p in HOSTILE.iterdir()} <= covered


@pytest.mark.parametrize("name", sorted(YAML_ATTACKS))
def test_yaml_attack_is_refused_with_its_code(name: str, minimal: Path) -> None:
    shutil.copy(HOSTILE / name, minimal / "initiatives" / "tavla.yaml")
    before = snapshot(minimal)
    tracemalloc.start()
    try:
        problems = validate_folder(minimal).problems
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    code, words = YAML_ATTACKS[name]
    errors = [p for p in problems if p.is_error]
    assert [(p.code, Path(p.file).name) for p in errors] == [(code, "tavla.yaml")], errors
    assert words in errors[0].message
    assert peak < 50_000_000, f"{name} used {peak:,} bytes: something expanded"
    assert snapshot(minimal) == before
    assert not Path("/tmp/malmiljo-pwned").exists()


def test_file_over_the_limit_is_refused_before_it_is_read(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = minimal / "initiatives" / "stor.yaml"
    big.write_text("id: stor\n" + "# fyllnad\n" * 600_000, encoding="utf-8")  # about 6 MB
    problems = validate_folder(minimal).problems
    assert [(p.code, Path(p.file).name) for p in problems] == [("E109", "stor.yaml")]
    monkeypatch.setenv("MALMILJO_MAX_FILE_BYTES", str(10_000_000))
    assert "E109" not in {p.code for p in validate_folder(minimal).problems}


def test_symlinked_file_pointing_outside_is_refused(minimal: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: hemlig\ntitle: Hemlig\narea: organisation\neffect: 1\neffort: 1\n")
    os.symlink(secret, minimal / "initiatives" / "hemlig.yaml")
    problems = validate_folder(minimal).problems
    assert [(p.code, Path(p.file).name) for p in problems] == [("E310", "hemlig.yaml")]


@pytest.mark.parametrize("logo", ["../../../etc/passwd", "/etc/passwd", "link.png"])
def test_logo_outside_the_engagement_is_refused(minimal: Path, tmp_path: Path, logo: str) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG")
    os.symlink(outside, minimal / "link.png")
    text = (minimal / "engagement.yaml").read_text(encoding="utf-8")
    (minimal / "engagement.yaml").write_text(text + f"logo: {logo}\n", encoding="utf-8")
    problems = validate_folder(minimal).problems
    assert [p.code for p in problems] == ["E310"]


def test_interrupted_write_leaves_the_file_as_it_was(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between the temp file and the rename: exit 130, old bytes, no temp file left."""
    from malmiljo_cli.commands.status import status
    from malmiljo_cli.handler import INTERRUPTED, run

    before = snapshot(minimal)

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    code = run(lambda: status(minimal, initiative="chef", new_status="done"))
    assert code == INTERRUPTED
    assert snapshot(minimal) == before
