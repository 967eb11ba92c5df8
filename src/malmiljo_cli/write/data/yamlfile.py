"""New YAML files in the house style `malmiljo init` writes: mappings indented by 2, list items
by 2 with their `- ` (`indent(mapping=2, sequence=4, offset=2)`), multi-line text as `|` blocks."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any


def as_yaml(data: Mapping[str, Any], *, comment: str | None = None) -> str:
    """`data` (keys in the order given) as a YAML document that reads back as `data`."""
    from ruamel.yaml import YAML

    from ...yamlio import parse

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold long lines of text
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(_styled(data), out)
    text = (f"# {comment}\n" if comment else "") + out.getvalue()
    if parse(text) != _plain(data):
        raise AssertionError(f"the YAML written for {dict(data)!r} does not read back the same")
    return text


def _styled(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, Mapping):
        return CommentedMap((k, _styled(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        seq = CommentedSeq(_styled(v) for v in value)
        if not value:
            seq.fa.set_flow_style()  # `[]`
        return seq
    if isinstance(value, str) and "\n" in value.rstrip("\n"):
        return LiteralScalarString(value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
