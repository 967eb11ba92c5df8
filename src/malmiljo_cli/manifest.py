"""What `build` read and wrote, so that `build --check` can answer at once when nothing changed.

`build` writes MANIFEST beside its outputs: a SHA-256 digest of every file in the engagement
folder (the output folder and `.git` left out) and of the git state the earlier laps come from
(HEAD and the tags), the tool (a digest of the installed package's own files and the versions
of the libraries that draw and typeset), the settings that change the bytes
(SOURCE_DATE_EPOCH), and a digest per output file. `build --check` recomputes the inputs; when
they, the tool, the settings and every output on disk match, the outputs are up to date without
building anything. Any difference, or a missing or unreadable manifest, means a full build in
memory and a byte comparison, as before. Light on purpose: no models, no analysis imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MANIFEST = "build-manifest.json"
LIBRARIES = ("typst", "pygraphviz", "python-docx", "python-pptx", "openpyxl", "highspy", "jinja2")
SETTINGS = ("SOURCE_DATE_EPOCH",)
_PACKAGE = Path(__file__).resolve().parent


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def inputs(engagement: Path, out: Path) -> dict[str, str]:
    """Every file of the engagement folder by its relative path (outputs and .git left out),
    and the git state as `git:HEAD` and `git:tags`."""
    root, skip = engagement.resolve(), out.resolve()
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d != ".git" and (here / d).resolve() != skip)
        for name in files:
            path = here / name
            if path.is_file():
                found[path.relative_to(root).as_posix()] = _file_digest(path)
    found.update(_git_state(root))
    return dict(sorted(found.items()))


def _git_state(root: Path) -> dict[str, str]:
    """HEAD and the tags (earlier laps come from them); nothing outside a git repository."""
    state = {}
    for key, argv in (("git:HEAD", ["rev-parse", "HEAD"]), ("git:tags", ["show-ref", "--tags"])):
        try:
            result = subprocess.run(
                ["git", "-C", str(root), *argv], capture_output=True, check=False, timeout=30
            )
        except (OSError, subprocess.TimeoutExpired):
            return {}
        if result.returncode not in (0, 1):
            return {}
        state[key] = digest(result.stdout)
    return state


def tool() -> dict[str, str]:
    """The package's own files (code, templates, catalogues, fonts) and the libraries' versions."""
    from importlib.metadata import PackageNotFoundError, version

    files = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            files.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0")
            files.update(_file_digest(path).encode("ascii"))
    found = {"malmiljo": files.hexdigest()}
    for name in LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "absent"
    return found


def settings() -> dict[str, str]:
    return {name: os.environ.get(name, "") for name in SETTINGS}


def make(read: Mapping[str, str], outputs: Mapping[str, bytes]) -> bytes:
    """The manifest's bytes for a build that read `read` (from `inputs`, taken before it
    started) and wrote `outputs`; sorted keys: the same build gives the same bytes."""
    data = {
        "inputs": dict(read),
        "outputs": {name: digest(content) for name, content in sorted(outputs.items())},
        "settings": settings(),
        "tool": tool(),
    }
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def up_to_date(engagement: Path, out: Path, *, owned: str) -> int | None:
    """The number of outputs when the manifest proves them current, else None (build fully).

    Current: the same inputs, tool and settings as when they were built, every listed output
    on disk with its digest, and no file in the `owned` folder that the build did not write.
    """
    data = _read(out / MANIFEST)
    if data is None:
        return None
    if data.get("settings") != settings() or data.get("tool") != tool():
        return None
    outputs = data.get("outputs")
    if not isinstance(outputs, dict) or not _outputs_match(out, outputs, owned):
        return None
    if data.get("inputs") != inputs(engagement, out):
        return None
    return len(outputs)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _outputs_match(out: Path, outputs: Mapping[str, Any], owned: str) -> bool:
    for name, expected in outputs.items():
        path = out / name
        if not isinstance(expected, str) or not path.is_file() or _file_digest(path) != expected:
            return False
    folder = out / owned
    if folder.is_dir():
        written = {p.relative_to(out).as_posix() for p in folder.iterdir() if p.is_file()}
        if written - set(outputs):
            return False
    return True
