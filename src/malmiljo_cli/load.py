"""Folder -> YAML documents with positions. Nothing here knows what the fields mean.

Reading goes through yamlio.parse (libyaml events folded into plain data: fast, YAML 1.2,
no tags beyond plain types). Positions are only needed when something is wrong, so a document
composes its node tree, which carries line and column for every node, on first demand.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .messages import not_an_engagement
from .problems import Problem
from .yamlio import YamlProblem, parse

REQUIRED_FILES = ("engagement.yaml", "areas.yaml", "capabilities.yaml")
OPTIONAL_FILES = ("risks.yaml",)
FOLDERS = ("initiatives", "interviews", "workshops", "assessments", "scenarios")
YAML_SUFFIXES = (".yaml", ".yml")

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Limits:
    """What a file may cost before it is refused rather than read."""

    max_bytes: int = 5_000_000
    max_nodes: int = 1_000_000
    max_depth: int = 64

    @classmethod
    def from_env(cls) -> Limits:
        raw = os.environ.get("MALMILJO_MAX_FILE_BYTES", "").strip()
        if not raw:
            return cls()
        if not raw.isdigit() or int(raw) == 0:
            raise UsageError(
                f"MALMILJO_MAX_FILE_BYTES must be a whole number of bytes, not '{raw}'"
            )
        return cls(max_bytes=int(raw))


@dataclass
class Document:
    """One parsed YAML file: its plain data, and positions on demand."""

    path: Path
    display: str
    text: str
    data: Any
    _root: Any = field(default=None, repr=False)

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the node at `loc`, or of its deepest existing parent."""
        node = self._tree()
        for i, step in enumerate(loc):
            child = _child(node, step, want_key=at_key and i == len(loc) - 1)
            if child is None:
                break
            node = child
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _tree(self) -> Any:
        if self._root is None:
            self._root = _yaml().compose(self.text)
        return self._root


def _child(node: Any, step: str | int, *, want_key: bool) -> Any:
    if node is None:
        return None
    if node.id == "mapping":
        for key, value in node.value:
            if key.value == str(step):
                return key if want_key else value
        return None
    if node.id == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None


def _yaml() -> Any:
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe", pure=False)
    except Exception:  # pragma: no cover - only without the C extension
        return YAML(typ="safe", pure=True)


@dataclass
class Folder:
    """Every document of an engagement folder, by where it belongs."""

    root: Path
    singles: dict[str, Document] = field(default_factory=dict)
    many: dict[str, list[Document]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)


KIND_OF = {
    "engagement.yaml": "engagement",
    "areas.yaml": "area",
    "capabilities.yaml": "capability",
    "initiatives": "initiative",
    "interviews": "interview",
    "workshops": "workshop",
    "assessments": "assessment",
    "scenarios": "scenario",
    "risks.yaml": "risk",
}


def load_folder(
    root: Path, *, limits: Limits | None = None, overrides: Mapping[Path, str] | None = None
) -> Folder:
    """Read every engagement file below `root`; unreadable files become problems.

    `overrides` maps files to the text to use instead of their content, so an edit can be
    validated before anything is written; a path not yet on disk is read as a new file.
    """
    if not root.is_dir():
        raise UsageError(not_an_engagement(root, missing=True))
    if not any((root / name).exists() for name in REQUIRED_FILES):
        raise UsageError(not_an_engagement(root, missing=False))
    limits = limits or Limits.from_env()
    folder = Folder(root=root)
    read = _inside(root, _reader(overrides or {}))
    for name in REQUIRED_FILES:
        path = root / name
        if path.is_dir():
            folder.problems.append(
                Problem(
                    _show(root, name),
                    1,
                    1,
                    "error",
                    "E105",
                    f"{name} is a folder; it must be a file",
                )
            )
            folder.failed.add(KIND_OF[name])
            continue
        if not path.is_file():
            folder.problems.append(
                Problem(
                    _show(root, name), 1, 1, "error", "E101", f"the required file {name} is missing"
                )
            )
            folder.failed.add(KIND_OF[name])
            continue
        doc = read(path, _show(root, name), limits, folder.problems)
        if doc is None:
            folder.failed.add(KIND_OF[name])
        else:
            folder.singles[name] = doc
    for name in OPTIONAL_FILES:
        path = root / name
        if not (path.exists() or (overrides and any(p.name == name for p in overrides))):
            continue
        if path.is_dir():
            folder.problems.append(
                Problem(_show(root, name), 1, 1, "error", "E105", f"{name} must be a file")
            )
            folder.failed.add(KIND_OF[name])
            continue
        doc = read(path, _show(root, name), limits, folder.problems)
        if doc is None:
            folder.failed.add(KIND_OF[name])
        else:
            folder.singles[name] = doc
    for sub in FOLDERS:
        if (root / sub).exists() and not (root / sub).is_dir():
            folder.problems.append(
                Problem(
                    _show(root, sub), 1, 1, "error", "E105", f"{sub} must be a folder of YAML files"
                )
            )
            folder.failed.add(KIND_OF[sub])
            folder.many[sub] = []
            continue
        docs = [
            read(p, _show(root, f"{sub}/{p.name}"), limits, folder.problems)
            for p in _with_new_files(root / sub, overrides or {})
        ]
        folder.many[sub] = [d for d in docs if d is not None]
        if len(folder.many[sub]) < len(docs):
            folder.failed.add(KIND_OF[sub])
    return folder


Reader = Callable[[Path, str, "Limits", list[Problem]], "Document | None"]


def _reader(overrides: Mapping[Path, str]) -> Reader:
    """`read_document`, except that overridden files parse the given text."""
    texts = {p.resolve(): t for p, t in overrides.items()}
    names = {p.name for p in overrides}

    def read(path: Path, display: str, limits: Limits, problems: list[Problem]) -> Document | None:
        # Resolving every path costs; only files with an overridden name can match.
        text = texts.get(path.resolve()) if path.name in names else None
        if text is None:
            return read_document(path, display, limits, problems)
        return parse_document(path, display, text, limits, problems)

    return read


def _inside(root: Path, read: Reader) -> Reader:
    """Refuse files that resolve outside the engagement (a symlink to /etc/passwd, say)."""
    base = root.resolve()
    folders: dict[Path, bool] = {}

    def outside(path: Path) -> bool:
        # Resolving every file costs; a plain file is inside when its folder is.
        if path.is_symlink():
            return not path.resolve().is_relative_to(base)
        if path.parent not in folders:
            folders[path.parent] = not path.parent.resolve().is_relative_to(base)
        return folders[path.parent]

    def guarded(
        path: Path, display: str, limits: Limits, problems: list[Problem]
    ) -> Document | None:
        if outside(path):
            message = (
                "the file is a link to somewhere outside the engagement folder; "
                "malmiljo reads only files inside it"
            )
            problems.append(Problem(display, 1, 1, "error", "E310", message))
            return None
        return read(path, display, limits, problems)

    return guarded


def _show(root: Path, rel: str) -> str:
    return (root / rel).as_posix()


def _with_new_files(folder: Path, overrides: Mapping[Path, str]) -> list[Path]:
    """The YAML files in `folder`, plus overridden paths in it that do not exist yet."""
    found = list(_yaml_files(folder))
    if not overrides:
        return found
    known = {p.resolve() for p in found}
    here = folder.resolve()
    for path in overrides:
        if (
            path.suffix in YAML_SUFFIXES
            and path.parent.resolve() == here
            and path.resolve() not in known
        ):
            found.append(path)
            known.add(path.resolve())
    return sorted(found, key=lambda p: p.name)


def _yaml_files(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return iter(())
    return iter(
        sorted(
            p
            for p in folder.iterdir()
            if p.suffix in YAML_SUFFIXES and not p.name.startswith(".") and p.is_file()
        )
    )


def read_document(
    path: Path, display: str, limits: Limits, problems: list[Problem]
) -> Document | None:
    """Parse one file into a mapping document; on failure append one problem and return None."""

    def fail(code: str, message: str, line: int = 1, column: int = 1) -> None:
        problems.append(Problem(display, line, column, "error", code, message))

    size = path.stat().st_size
    if size > limits.max_bytes:
        fail(
            "E109", f"the file is {size:,} bytes; files over {limits.max_bytes:,} bytes are refused"
        )
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        fail("E103", "the file is not UTF-8 text; save it as UTF-8", line, column)
        return None
    return parse_document(path, display, text, limits, problems)


def parse_document(
    path: Path, display: str, text: str, limits: Limits, problems: list[Problem]
) -> Document | None:
    """Parse a file's text into a mapping document; on failure append one problem."""

    def fail(code: str, message: str, line: int = 1, column: int = 1) -> None:
        problems.append(Problem(display, line, column, "error", code, message))

    try:
        data = parse(text, max_depth=limits.max_depth)
    except YamlProblem as problem:
        fail(problem.code, problem.message, problem.line, problem.column)
        return None
    if data is None:
        fail("E104", "the file is empty; it needs at least its required fields")
        return None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        fail("E105", f"the file holds {kind}, but it must be a mapping of keys to values")
        return None
    # Only aliases can make data larger than its text; without a '*' there is none.
    size_problem = _check_size(data, limits) if "*" in text else None
    if size_problem:
        fail(*size_problem)
        return None
    return Document(path=path, display=display, text=text, data=data)


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _check_size(data: Any, limits: Limits) -> tuple[str, str] | None:
    """Refuse alias bombs and absurd nesting by measuring the expanded size without expanding."""
    sizes: dict[int, int] = {}

    def expanded(value: Any, depth: int) -> int:
        if depth > limits.max_depth:
            raise _TooDeep
        if isinstance(value, dict):
            children = [*value.keys(), *value.values()]
        elif isinstance(value, list):
            children = value
        else:
            return 1
        known = sizes.get(id(value))
        if known is None:
            known = 1 + sum(expanded(c, depth + 1) for c in children)
            sizes[id(value)] = known
        return known

    try:
        total = expanded(data, 0)
    except _TooDeep:
        return "E110", f"the file nests deeper than {limits.max_depth} levels"
    if total > limits.max_nodes:
        return "E107", (
            f"aliases in the file expand to {total:,} values (more than "
            f"{limits.max_nodes:,}); this looks like an alias bomb"
        )
    return None


class _TooDeep(Exception):
    pass
