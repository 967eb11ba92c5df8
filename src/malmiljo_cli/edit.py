"""Round-trip edits: change one top-level scalar, keep every other byte, check, write atomically.

Minimal version written for `prioritise --write` (issue 4). The laps issue owns the full editor;
when it lands, keep `set_top_level` as its entry point (or a thin wrapper) so callers don't change.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .errors import MalmiljoError
from .writer import write_text

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def scalar_text(value: str) -> str:
    """`value` as YAML: plain when it cannot be misread, otherwise double-quoted."""
    if _PLAIN.match(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def replace_top_level(text: str, key: str, value: str) -> str:
    """The text with the top-level `key` set to `value`: only the scalar's own span changes;
    a missing key is appended as a new last line."""
    from .load import _yaml

    root = _yaml().compose(text)
    if root is None or root.id != "mapping":
        raise MalmiljoError("the file does not hold a mapping; it cannot be edited")
    for k, node in root.value:
        if k.value == key:
            if node.id != "scalar":
                raise MalmiljoError(f"'{key}' is not a single value; it cannot be replaced")
            start, end = node.start_mark.index, node.end_mark.index
            return text[:start] + scalar_text(value) + text[end:]
    newline = "\r\n" if "\r\n" in text else "\n"
    separator = "" if not text or text.endswith("\n") else newline
    return f"{text}{separator}{key}: {scalar_text(value)}{newline}"


def set_top_level(path: Path, key: str, value: str) -> None:
    """Set one top-level scalar in a YAML file; refuse to write unless the result reads back."""
    raw = path.read_bytes()
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    text = raw.decode("utf-8-sig")
    changed = replace_top_level(text, key, value)
    if _read_back(changed).get(key) != value:
        raise MalmiljoError(
            f"{path}: setting '{key}' would not read back as '{value}'; not written"
        )
    write_text(path, bom + changed)


def _read_back(text: str) -> dict[str, Any]:
    from .load import _yaml

    data = _yaml().load(text)
    return data if isinstance(data, dict) else {}
