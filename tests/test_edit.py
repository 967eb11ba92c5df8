"""Round-trip edits change one scalar and keep every other byte (edit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from malmiljo_cli.edit import replace_top_level, scalar_text, set_top_level
from malmiljo_cli.errors import MalmiljoError

TEXT = "# Ärende\nid: x\nstatus: proposed   # ändras av prioritise\nsteps:\n  - status: proposed\n"


def test_only_the_scalar_changes() -> None:
    changed = replace_top_level(TEXT, "status", "selected")
    assert changed == TEXT.replace("status: proposed   #", "status: selected   #")


def test_missing_key_is_appended() -> None:
    assert (
        replace_top_level("id: x\neffort: 2", "status", "selected")
        == "id: x\neffort: 2\nstatus: selected\n"
    )
    assert replace_top_level("id: x\r\n", "status", "selected") == "id: x\r\nstatus: selected\r\n"


def test_values_that_would_be_misread_are_quoted() -> None:
    assert scalar_text("selected") == "selected"
    assert scalar_text("yes") == '"yes"'
    assert scalar_text("a: b") == '"a: b"'


def test_non_scalar_is_refused() -> None:
    with pytest.raises(MalmiljoError, match="not a single value"):
        replace_top_level(TEXT, "steps", "x")


def test_file_keeps_its_bom_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    set_top_level(path, "status", "selected")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == TEXT.replace("status: proposed   #", "status: selected   #")
