"""Round-trip edits: change one value, keep every other byte, validate, write atomically.

Dumping a whole document through ruamel re-styles hand-written files (flush-left lists, extra
spaces in flow lists, quote styles). So an edit replaces only the text span of the one scalar,
which the composer knows from its start and end marks, and re-parses the result to prove that
nothing but that value changed. A list value (of scalars, or of flat mappings) replaces the
span of the whole list, written again in the style it had: flow `[a, b]` or a block of `- `
items at the same indentation. The engagement is validated with the new text in memory; only a
valid engagement is written, atomically, while the folder is locked against other malmiljo runs.
"""

from __future__ import annotations

import copy
import json
import os
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from .errors import InvalidEngagement, MalmiljoError, UsageError
from .load import Loc
from .problems import Problem
from .validate import Validation, validate_folder
from .writer import commit

Scalar = str | int | float | bool | None
Item = Scalar | Mapping[str, Scalar]
Value = Scalar | Sequence[Item]
"""A single value, or a list of single values or of flat mappings (like `raises`)."""
BOM = b"\xef\xbb\xbf"
LOCK_TIMEOUT = 10.0
# Plain words YAML 1.2 reads as text but YAML 1.1 tools (PyYAML, many editors) as booleans, and
# `=`, which YAML 1.1 resolves to a "value" tag those tools cannot even load.
YAML11_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "="})


@dataclass(frozen=True)
class Edit:
    """Set the value at `path` inside `file` (a key that is missing is added)."""

    file: Path
    path: Loc
    value: Value


@dataclass(frozen=True)
class FileChange:
    path: Path
    before: bytes
    after: bytes
    created: bool = False


@dataclass(frozen=True)
class Plan:
    """The outcome of edits computed in memory: new bytes per file and the validated engagement."""

    root: Path
    changes: tuple[FileChange, ...]
    validation: Validation

    @property
    def changed(self) -> bool:
        return any(c.before != c.after for c in self.changes)


def plan(root: Path, edits: Sequence[Edit], *, creates: Mapping[Path, str] | None = None) -> Plan:
    """Apply `edits` (and new files `creates`) in memory and validate; raise if there are errors."""
    texts: dict[Path, tuple[bytes, str]] = {}
    for edit in edits:
        raw, text = texts.get(edit.file) or _read(edit.file)
        try:
            texts[edit.file] = (raw, set_in_text(text, edit.path, edit.value))
        except MalmiljoError as exc:
            raise MalmiljoError(f"{edit.file}: {exc}") from None
    new = dict(creates or {})
    for path in new:
        _refuse_existing(path)
    result = validate_folder(root, overrides={**{p: t for p, (_, t) in texts.items()}, **new})
    errors = [p for p in result.problems if p.is_error]
    if errors or result.engagement is None:
        raise InvalidEngagement(errors)
    changes = tuple(
        FileChange(path, raw, _encode(raw, text)) for path, (raw, text) in texts.items()
    ) + tuple(
        FileChange(path, b"", text.encode("utf-8"), created=True) for path, text in new.items()
    )
    return Plan(root=root, changes=changes, validation=result)


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise MalmiljoError(f"{path} already exists; nothing was written")


def apply(edit_plan: Plan) -> None:
    """Write a plan's files atomically, refusing if any changed on disk since it was planned."""
    for change in edit_plan.changes:
        if change.created:
            _refuse_existing(change.path)
        elif change.path.read_bytes() != change.before:
            raise MalmiljoError(
                f"{change.path} changed on disk while malmiljo was editing it; "
                "nothing was written, run the command again"
            )
    commit({c.path: c.after for c in edit_plan.changes if c.after != c.before or c.created})


def edit(
    root: Path,
    edits: Sequence[Edit],
    *,
    dry_run: bool = False,
    creates: Mapping[Path, str] | None = None,
) -> Plan:
    """Plan and (unless `dry_run`) apply edits and new files while holding the engagement's lock."""
    with locked(root):
        result = plan(root, edits, creates=creates)
        if not dry_run:
            apply(result)
        return result


def set_scalar(root: Path, file: Path, path: Loc, value: Scalar) -> Plan:
    """Set one scalar in one file of the engagement at `root`, validated and atomically."""
    return edit(root, [Edit(file, path, value)])


def new_warnings(before: Validation, after: Plan) -> list[Problem]:
    """Warnings the edit brings (e.g. a gap no initiative raises any more after a drop)."""
    known = {(p.code, p.message) for p in before.problems}
    return [
        p for p in after.validation.problems if not p.is_error and (p.code, p.message) not in known
    ]


@contextmanager
def locked(root: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the engagement folder itself, so no lock file is left behind.

    Where flock does not exist (Windows), the compare-and-swap in `apply` is the only guard.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise MalmiljoError(
                        f"another malmiljo command is editing {root}; try again when it is done"
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _read(path: Path) -> tuple[bytes, str]:
    raw = path.read_bytes()
    try:
        return raw, raw.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError:
        raise MalmiljoError(f"{path} is not UTF-8 text; save it as UTF-8") from None


def _encode(raw: bytes, text: str) -> bytes:
    return (BOM if raw.startswith(BOM) else b"") + text.encode("utf-8")


# --- the text transformation -------------------------------------------------------------------


def set_in_text(text: str, path: Loc, value: Value) -> str:
    """`text` with the value at `path` set to `value`; every other byte is kept."""
    from ruamel.yaml.error import YAMLError

    from .yamlio import YamlProblem

    if not path:
        raise MalmiljoError("an edit needs the path of a value inside the file")
    if _is_list(value):
        value = _as_list(value)
    try:
        parent, in_flow = _parent_node(text, path)
        expected = _expected(text, path, value)
    except (YAMLError, YamlProblem):
        raise MalmiljoError(
            "the file is not valid YAML; fix it first (validate shows where)"
        ) from None
    key, node = _pair(parent, path[-1])
    if _is_list(value):
        candidates = _list_candidates(text, parent, key, node, path, _as_list(value), flow=in_flow)
    elif node is None:
        candidates = _added(text, parent, path[-1], value)
    elif node.id != "scalar":
        raise MalmiljoError(
            f"'{_dotted(path)}' is not a single value but a list or a mapping; edit it in the file"
        )
    else:
        indent = parent.start_mark.column
        scalar = cast(Scalar, value)  # not a list, so a single value
        candidates = _replaced(text, key, node, scalar, indent=indent, flow=in_flow)
    for candidate in candidates:
        if _parses_to(candidate, expected, path, value):
            return candidate
    raise MalmiljoError(
        f"cannot write {value!r} at '{_dotted(path)}' without changing other values"
    )


def _compose(text: str) -> Any:
    from ruamel.yaml import YAML

    # Marks index characters of `text` (the C composer too; the tests put åäö and emoji first).
    return YAML(typ="safe").compose(text)


def _load(text: str) -> Any:
    from .yamlio import parse

    # The reader validation uses, so "parses back" means the same as for `validate`.
    return parse(text)


def _parent_node(text: str, path: Loc) -> tuple[Any, bool]:
    node = _compose(text)
    in_flow = False
    for i, step in enumerate(path[:-1]):
        in_flow = in_flow or bool(getattr(node, "flow_style", False))
        child = _child(node, step) if node is not None else None
        if child is None or child.id == "scalar":
            raise MalmiljoError(f"there is no '{_dotted(path[: i + 1])}' to edit in the file")
        node = child
    if node is None or (node.id != "mapping" and not isinstance(path[-1], int)):
        raise MalmiljoError(f"'{_dotted(path[:-1]) or 'the file'}' is not a mapping")
    return node, in_flow or bool(getattr(node, "flow_style", False))


def _child(node: Any, step: str | int) -> Any:
    return _pair(node, step)[1]


def _pair(node: Any, step: str | int) -> tuple[Any, Any]:
    """The key node (None in a list) and the value node at `step`, or (None, None)."""
    if node.id == "mapping":
        return next(((k, v) for k, v in node.value if k.value == str(step)), (None, None))
    if node.id == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None, None


def _dotted(path: Loc) -> str:
    return ".".join(str(p) for p in path)


def _replaced(
    text: str, key: Any, node: Any, value: Scalar, *, indent: int, flow: bool
) -> Iterator[str]:
    start, end = node.start_mark.index, node.end_mark.index
    tail = _block_tail(text[start:end]) if node.style in ("|", ">") else ""
    prefix = ""
    if start == end and key is not None:  # an empty value (`owner:`): write after the colon
        start = end = text.index(":", key.end_mark.index) + 1
        prefix = " "
    for rendering in _renderings(value, style=node.style, indent=indent + 2, flow=flow):
        new = rendering.removesuffix("\n")  # the line break after the value is kept from `text`
        yield text[:start] + prefix + _newlines(text, new) + tail + text[end:]


def _block_tail(span: str) -> str:
    """The line break ending a block scalar's content, and the blank lines after it."""
    match = re.search(r"\r?\n[ \t\r\n]*\Z", span)
    return span[match.start() :] if match else ""


def _added(text: str, mapping: Any, key: str | int, value: Value) -> Iterator[str]:
    if mapping.id != "mapping" or isinstance(key, int):
        raise MalmiljoError(f"there is no item {key} to edit in the list")
    if getattr(mapping, "flow_style", False) or not mapping.value:
        raise MalmiljoError(f"cannot add '{key}' to a mapping written in flow style ({{...}})")
    at = _after_last_line(text, mapping.value[-1][1])
    indent = mapping.start_mark.column
    lead = "" if at == 0 or text[at - 1] == "\n" else "\n"
    if _is_list(value):
        renderings: Iterator[str] = iter([_after_colon(_as_list(value), indent=indent + 2)])
    else:
        scalar = cast(Scalar, value)  # not a list, so a single value
        renderings = (
            " " + r for r in _renderings(scalar, style=None, indent=indent + 2, flow=False)
        )
    for rendering in renderings:
        line = f"{lead}{' ' * indent}{key}:{rendering.removesuffix(chr(10))}\n"
        yield text[:at] + _newlines(text, line) + text[at:]


def _after_last_line(text: str, node: Any) -> int:
    """The start of the line after a value's last content line (comments on it stay with it)."""
    while node.id in ("mapping", "sequence") and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if node.id == "mapping" else last
    end = len(text[: node.end_mark.index].rstrip(" \t\r\n"))
    line_end = text.find("\n", end)
    return len(text) if line_end < 0 else line_end + 1


def _newlines(text: str, new: str) -> str:
    return new.replace("\n", "\r\n") if "\r\n" in text else new


def _renderings(value: Scalar, *, style: str | None, indent: int, flow: bool) -> Iterator[str]:
    """YAML texts for `value`, the preferred first; the caller keeps the first that parses back."""
    if not isinstance(value, str):
        yield _plain(value)
        return
    if style == ">" and value.endswith("\n") and "\n" not in value[:-1]:
        yield _folded(value, indent)
    if "\n" in value and not flow:
        yield _literal(value, indent)
    if "\n" not in value:
        if style == "'":
            yield "'" + value.replace("'", "''") + "'"
        elif style != '"' and value.lower() not in YAML11_WORDS:
            yield value
    yield _double_quoted(value)


def _plain(value: int | float | bool | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def _double_quoted(value: str) -> str:
    """JSON strings are YAML double-quoted scalars; escape what a YAML reader would refuse."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def _folded(value: str, indent: int) -> str:
    """One paragraph as a `>` block, wrapped at 80 columns (folding joins the lines again)."""
    import textwrap

    lines = textwrap.wrap(
        value, width=max(80 - indent, 20), break_long_words=False, break_on_hyphens=False
    )
    return ">\n" + "".join(f"{' ' * indent}{line}\n" for line in lines)


def _literal(value: str, indent: int) -> str:
    body = value.removesuffix("\n")
    chomp = "+" if body.endswith("\n") else ("" if value.endswith("\n") else "-")
    lines = [f"{' ' * indent}{line}" if line else "" for line in body.split("\n")]
    return f"|{chomp}\n" + "\n".join(lines) + "\n"


def _expected(text: str, path: Loc, value: Value) -> Any:
    data = copy.deepcopy(_load(text))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _parses_to(candidate: str, expected: Any, path: Loc, value: Value) -> bool:
    from .yamlio import YamlProblem

    try:
        data = _load(candidate)
        got = data
        for step in path:
            got = got[step]
    except (YamlProblem, LookupError, TypeError):  # this rendering does not fit here
        return False
    # `True == 1` in Python, so the type of the one new value is compared too.
    return bool(data == expected) and type(got) is type(value)


# --- list values: the whole list's span is written again, in the style it had ---------------


def _is_list(value: Value) -> bool:
    return isinstance(value, list | tuple)


def _as_list(value: Any) -> list[Any]:
    """Plain lists and dicts, so the value compares equal to what the reader returns."""
    return [dict(item) if isinstance(item, Mapping) else item for item in value]


def _list_candidates(
    text: str, parent: Any, key: Any, node: Any, path: Loc, items: list[Any], *, flow: bool
) -> Iterator[str]:
    if node is None:
        return _added(text, parent, path[-1], items)
    if node.id == "mapping":
        raise MalmiljoError(f"'{_dotted(path)}' is a mapping; it cannot be set to a list")
    if key is None:
        raise MalmiljoError(f"'{_dotted(path)}' is inside a list; only whole lists can be set")
    if flow or (node.id == "sequence" and node.flow_style):
        start, end = node.start_mark.index, node.end_mark.index
        if start == end:  # an empty value (`depends_on:`)
            start, end, new = _colon(text, key) + 1, end, " " + _flow(items)
        else:
            new = _flow(items)
    elif node.id == "sequence" and items:
        start, end = node.start_mark.index, _content_end(text, node)
        new = _block(items, column=node.start_mark.column)
    else:  # a block list that becomes empty, or a single value (`null`) that becomes a list
        start, end = _colon(text, key) + 1, _content_end(text, node)
        new = _after_colon(items, indent=parent.start_mark.column + 2)
    return iter([text[:start] + _newlines(text, new) + text[end:]])


def _colon(text: str, key: Any) -> int:
    return text.index(":", key.end_mark.index)


def _content_end(text: str, node: Any) -> int:
    """Where a value's last content ends (a comment after it on the same line stays)."""
    while node.id in ("mapping", "sequence") and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if node.id == "mapping" else last
    return len(text[: node.end_mark.index].rstrip(" \t\r\n"))


def _after_colon(items: list[Any], *, indent: int) -> str:
    """A list written after `key:`: `[]`, or a block of items on the following lines."""
    if not items:
        return " []"
    return "\n" + " " * indent + _block(items, column=indent)


def _block(items: list[Any], *, column: int) -> str:
    """`- item` lines at `column`; the first line without its indentation (it is already there)."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict):
            pairs = [f"{k}: {_item_text(v, f'{k}: {{}}')}" for k, v in item.items()]
            lines += ["- " + pairs[0], *("  " + pair for pair in pairs[1:])]
        else:
            lines.append("- " + _item_text(item, "- {}"))
    return ("\n" + " " * column).join(lines)


def _flow(items: list[Any]) -> str:
    parts = []
    for item in items:
        if isinstance(item, dict):
            pairs = (f"{k}: {_item_text(v, f'{{{{{k}: {{}}}}}}')}" for k, v in item.items())
            parts.append("{" + ", ".join(pairs) + "}")
        else:
            parts.append(_item_text(item, "[{}]"))
    return "[" + ", ".join(parts) + "]"


def _item_text(value: Scalar, context: str) -> str:
    """A value plain when it reads back as itself in `context` (e.g. `- {}`), else quoted."""
    if not isinstance(value, str):
        return _plain(value)
    for rendering in (value, _double_quoted(value)):
        if _reads_back(context.format(rendering), context.format(_double_quoted(value))):
            return rendering
    return _double_quoted(value)


def _reads_back(candidate: str, reference: str) -> bool:
    from .yamlio import YamlProblem

    try:
        return bool(_load(candidate) == _load(reference))
    except YamlProblem:
        return False


def origin_of(result: Validation, kind: str, ident: str) -> tuple[Path, Loc]:
    """The file and path inside it where an object is written, or a clear error."""
    from .messages import unknown_id

    origin = result.origins.get((kind, ident))
    if origin is None:
        known = [k for (k_kind, k) in result.origins if k_kind == kind]
        raise UsageError(unknown_id(kind, ident, known))
    return origin.doc.path, origin.loc
