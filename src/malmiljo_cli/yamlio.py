"""A fast, safe YAML 1.2 reader: libyaml's events (ruamel's C parser) folded into plain data.

Why not ruamel's own safe loader: it resolves every scalar through a slow Python resolver
(about six times the time of this reader on 2,000 files), and its C composer recurses, so a
deeply nested file crashes the interpreter. Folding events with an explicit stack is iterative,
refuses nesting beyond a limit, never constructs a tag other than YAML's plain types, keeps
aliases as shared references (so an alias bomb costs nothing until it is measured), and names
both lines of a duplicate key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(("null", "Null", "NULL", "~"), None),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_STD}map", f"{_STD}seq", f"{_STD}omap"}


@dataclass
class YamlProblem(Exception):
    """Why a text is not acceptable YAML for an engagement file, and where."""

    code: str
    message: str
    line: int = 1
    column: int = 1


def plain_scalar(value: str) -> Any:
    """Resolve an unquoted scalar by YAML 1.2's core schema (plus ISO dates)."""
    if not value:
        return None
    if value[0] in "0123456789+-.":
        if _INT.fullmatch(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _FLOAT.fullmatch(value):
            return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
        date = _DATE.fullmatch(value)
        if date:
            try:
                return dt.date(*map(int, date.groups()))
            except ValueError:
                return value
        return value
    return _CONSTANTS.get(value, value)


class _Mapping:
    """An open mapping: its dict, the key waiting for a value, and where each key stood."""

    __slots__ = ("data", "key", "key_mark", "lines")

    def __init__(self) -> None:
        self.data: dict[Any, Any] = {}
        self.key: Any = _NO_KEY
        self.key_mark: Any = None
        self.lines: dict[Any, int] = {}


_NO_KEY = object()


def parse(text: str, *, max_depth: int = 64) -> Any:
    """The single document in `text` as dicts, lists and scalars; raises YamlProblem."""
    from ruamel.yaml import events
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    stack: list[Any] = []
    anchors: dict[str, Any] = {}
    root: Any = None
    documents = 0
    try:
        for event in _events(text):
            kind = type(event)
            if kind is events.ScalarEvent:
                _check_tag(event, _SCALAR_TAGS)
                value = _scalar(event)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                _check_tag(event, _COLLECTION_TAGS)
                value = _Mapping() if kind is events.MappingStartEvent else []
                if len(stack) >= max_depth:
                    raise _at(event, "E110", f"the file nests deeper than {max_depth} levels")
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                done = stack.pop()
                if not stack:
                    root = done.data if isinstance(done, _Mapping) else done
                continue
            elif kind is events.AliasEvent:
                if event.anchor not in anchors:
                    raise _at(
                        event, "E102", f"YAML syntax error: the alias *{event.anchor} has no anchor"
                    )
                _put(stack[-1], anchors[event.anchor], event)
                continue
            else:
                if kind is events.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise _at(event, "E102", "the file holds more than one YAML document")
                continue
            if event.anchor:
                anchors[event.anchor] = value.data if isinstance(value, _Mapping) else value
            if not stack:
                root = value.data if isinstance(value, _Mapping) else value
            else:
                _put(stack[-1], value.data if isinstance(value, _Mapping) else value, event)
            if isinstance(value, _Mapping | list):
                stack.append(value)
    except MarkedYAMLError as exc:
        raise _from_marked(exc) from None
    except YAMLError as exc:  # the reader's errors carry a character offset, not a mark
        raise _from_offset(text, exc) from None
    return root


def _events(text: str) -> Any:
    """libyaml's event stream through ruamel's C parser; the pure parser where it is missing."""
    try:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - interpreters without the C extension
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CParser(text)
    while (event := parser.get_event()) is not None:
        yield event


def _scalar(event: Any) -> Any:
    if event.tag is None or event.tag == "!":
        return plain_scalar(event.value) if event.implicit[0] and event.tag is None else event.value
    if event.tag == f"{_STD}str":
        return event.value
    return plain_scalar(event.value)


def _check_tag(event: Any, allowed: set[str]) -> None:
    tag = event.tag
    if tag is None or tag == "!" or tag in allowed:
        return
    raise _at(event, "E106", f"the tag {tag} is not allowed; engagement files hold plain data only")


def _put(parent: Any, value: Any, event: Any) -> None:
    if isinstance(parent, list):
        parent.append(value)
        return
    if parent.key is _NO_KEY:
        try:
            hash(value)
        except TypeError:
            raise _at(event, "E102", "YAML syntax error: a key must be a plain value") from None
        if value in parent.data:
            first = parent.lines[value]
            raise _at(
                event,
                "E108",
                f"the key '{value}' appears twice in the same mapping (first on line {first})",
            )
        parent.key = value
        parent.lines[value] = event.start_mark.line + 1
        return
    parent.data[parent.key] = value
    parent.key = _NO_KEY


def _at(event: Any, code: str, message: str) -> YamlProblem:
    mark = event.start_mark
    return YamlProblem(code, message, mark.line + 1, mark.column + 1)


def _from_marked(exc: Any) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(getattr(exc, "problem", "") or exc).strip()
    context = getattr(exc, "context", None)
    detail = f"{problem} ({context})" if context else problem
    return YamlProblem("E102", f"YAML syntax error: {detail}", line, column)


def _from_offset(text: str, exc: Any) -> YamlProblem:
    offset = int(getattr(exc, "position", 0) or 0)
    before = text[:offset]
    line, column = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
    char = getattr(exc, "character", None)
    code = ord(char) if isinstance(char, str) and len(char) == 1 else char
    if isinstance(code, int):
        what = f"the character U+{code:04X}, which YAML does not allow in a file"
    else:
        what = str(exc).splitlines()[0]
    return YamlProblem("E102", f"YAML syntax error: {what}", line, column)
