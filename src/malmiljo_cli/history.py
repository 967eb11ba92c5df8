"""The engagement at a git revision, read with git and validated like the working tree.

The folder as it was at a revision is written from git's objects into a temporary folder, so
loading and validation are exactly those of today's files. The engagement may be a subfolder of
the repository.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .analysis.laps import LapPoint, lap_point
from .errors import InvalidEngagement, MalmiljoError, UsageError
from .messages import not_an_engagement
from .models import Engagement
from .validate import read_engagement, validate_folder

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Repo:
    """A git repository and where the engagement folder sits inside it."""

    top: Path
    rel: str  # posix path of the engagement folder below `top`; "" for the top itself

    def path_of(self, name: str) -> str:
        return f"{self.rel}/{name}" if self.rel else name


@dataclass(frozen=True)
class LapState:
    """The engagement as it stood in one lap, and the revision it was read from."""

    lap: int
    label: str  # the tag, or a short commit id
    commit: str
    engagement: Engagement


@dataclass(frozen=True)
class Skipped:
    """A lap that cannot be read: its files fail today's checks, or its revision lacks them."""

    lap: int
    label: str
    reason: str  # what git said; empty when the files are there but fail the checks
    errors: int = 0  # the engagement's errors at that revision


@dataclass(frozen=True)
class Snapshot:
    """The engagement as it was at one revision (or in the working tree, `rev` None)."""

    label: str
    rev: str | None
    engagement: Engagement


def locate(engagement: Path) -> Repo:
    """The repository holding the engagement folder, or a clear error."""
    if not engagement.is_dir():
        raise MalmiljoError(not_an_engagement(engagement, missing=True))
    found = _run(engagement, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise MalmiljoError(
            f"'{engagement}' is not in a git repository, so there are no earlier revisions "
            "to compare; commit the engagement to git and tag each lap (git tag lap-1)"
        )
    out = found.stdout.decode("utf-8", "replace")
    top = Path(out.strip()).resolve()
    rel = engagement.resolve().relative_to(top).as_posix()
    return Repo(top=top, rel="" if rel == "." else rel)


def _run(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args],
            input=stdin.encode() if stdin is not None else None,
            capture_output=True,
            check=False,
            timeout=120,
        )
    except FileNotFoundError:
        raise MalmiljoError("git is not installed, so revisions cannot be read") from None


def git(cwd: Path, *args: str, what: str) -> str:
    """Run git and return its output; failures become one sentence naming what was attempted."""
    done = _run(cwd, *args)
    if done.returncode != 0:
        raise MalmiljoError(f"could not {what}: {_reason(done.stderr)}")
    return done.stdout.decode("utf-8", "replace")


def _reason(stderr: bytes) -> str:
    """Git's last complaint as a short clause: no `fatal:` prefix, no hint lines."""
    lines = [
        line.strip()
        for line in stderr.decode("utf-8", "replace").splitlines()
        if line.strip() and not line.startswith("hint:")
    ]
    if not lines:
        return "git failed"
    text = re.sub(r"^(fatal|error|warning): ", "", lines[-1])
    return text if len(text) <= 100 else text[:97] + "..."


def resolve(repo: Repo, rev: str) -> str:
    """The commit id a revision names, or an error saying the revision does not exist."""
    done = _run(
        repo.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
    )
    if done.returncode != 0 or not rev.strip():
        raise MalmiljoError(f"there is no revision '{rev}' in the repository {repo.top}")
    return done.stdout.decode().strip()


def read_at(repo: Repo, commit: str, name: str) -> str | None:
    """A file of the engagement folder at a commit, or None when it is not there."""
    done = _run(repo.top, "cat-file", "blob", f"{commit}:{repo.path_of(name)}")
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def snapshot(engagement: Path, rev: str | None) -> Snapshot:
    """The validated engagement at `rev`; None means the working tree as it is on disk."""
    if rev is None:
        return Snapshot(WORKING_TREE, None, read_engagement(engagement))
    repo = locate(engagement)
    commit = resolve(repo, rev)
    return Snapshot(rev, commit, engagement_at(repo, commit, label=rev))


def engagement_at(repo: Repo, commit: str, *, label: str) -> Engagement:
    """Validate the engagement folder as it was at a commit; errors name `label:path`."""
    if read_at(repo, commit, "engagement.yaml") is None:
        where = repo.rel or "the top of the repository"
        raise MalmiljoError(f"there is no engagement in '{where}' at revision '{label}'")
    with extracted(repo, commit) as folder:
        result = validate_folder(folder)
    if not result.ok or result.engagement is None:
        prefix = folder.as_posix()
        shown = f"{label}:{repo.rel}" if repo.rel else f"{label}:."
        raise InvalidEngagement(
            [dataclasses.replace(p, file=p.file.replace(prefix, shown, 1)) for p in result.problems]
        )
    return result.engagement


@contextmanager
def extracted(repo: Repo, commit: str) -> Iterator[Path]:
    """The engagement folder at `commit`, written into a temporary folder for the block.

    Blobs are read as committed (`ls-tree` + `cat-file --batch`), not through `git archive`,
    which would apply export-ignore and export-subst attributes. Links are left out: the loader
    refuses them outside the folder anyway.
    """
    entries = _blobs(repo, commit)
    contents = _cat(repo, [sha for _, sha in entries])
    with tempfile.TemporaryDirectory(prefix="malmiljo-rev-") as tmp:
        base = Path(tmp)
        for (path, _), data in zip(entries, contents, strict=True):
            target = base / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        yield base / repo.rel if repo.rel else base


def _blobs(repo: Repo, commit: str) -> list[tuple[str, str]]:
    """(path below the repository, blob id) of every regular file in the engagement folder."""
    args = ["ls-tree", "-r", "-z", "--full-tree", commit]
    out = git(repo.top, *args, *(["--", repo.rel] if repo.rel else []), what="list the files")
    found = []
    for record in filter(None, out.split("\0")):
        meta, path = record.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind == "blob" and mode in ("100644", "100755") and ".." not in Path(path).parts:
            found.append((path, sha))
    return found


def _cat(repo: Repo, shas: list[str]) -> list[bytes]:
    """The contents of blobs, read by one `git cat-file --batch` process."""
    if not shas:
        return []
    done = _run(repo.top, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in shas))
    if done.returncode != 0:
        raise MalmiljoError("could not read the files of the revision with git cat-file")
    out, at, blobs = done.stdout, 0, []
    for _ in shas:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1  # each blob is followed by a newline
    return blobs


def lap_tags(repo: Repo) -> list[tuple[int, str]]:
    """Tags named `lap-N`, as (N, tag) in lap order."""
    out = git(repo.top, "tag", "--list", "lap-*", what="list the lap tags")
    found = [
        (int(m.group(1)), tag) for tag in out.split() if (m := re.fullmatch(r"lap-(\d+)", tag))
    ]
    return sorted(found)


def previous_lap_tag(engagement: Path, lap: int) -> str:
    """The latest `lap-N` tag with N below `lap`: where the previous lap's plan was made."""
    earlier = [tag for n, tag in lap_tags(locate(engagement)) if n < lap]
    if not earlier:
        raise UsageError(
            f"there is no tag of a lap before lap {lap}; tag the commit where the last lap's "
            f"plan was made (git tag lap-{max(lap - 1, 1)} COMMIT) or give --since REV"
        )
    return earlier[-1]


def lap_commits(repo: Repo) -> list[tuple[int, str]]:
    """Per lap, the latest commit that touched the engagement while it was in that lap."""
    from .yamlio import YamlProblem, parse

    where = repo.rel or "."
    out = git(
        repo.top, "log", "--first-parent", "--format=%H", "--", where, what="read the history"
    )
    latest: dict[int, str] = {}
    for commit in out.split():  # newest first, so the first commit seen for a lap is its latest
        text = read_at(repo, commit, "engagement.yaml")
        try:
            data = parse(text or "")
        except YamlProblem:  # an unreadable old version simply does not mark a lap
            continue
        lap = data.get("lap", 1) if isinstance(data, dict) else None
        if isinstance(lap, int) and not isinstance(lap, bool):
            latest.setdefault(lap, commit)
    return sorted(latest.items())


def laps(engagement: Path) -> tuple[list[LapState], list[Skipped]]:
    """Every lap found in git (tags `lap-N`, else the latest commit per lap), validated."""
    repo = locate(engagement)
    found = lap_tags(repo) or lap_commits(repo)
    if not found:
        raise MalmiljoError(
            f"no lap tags (lap-N) and no commits of the engagement in {repo.top}; "
            "commit the engagement or tag a lap with: git tag lap-1"
        )
    states: list[LapState] = []
    skipped: list[Skipped] = []
    for lap, rev in found:
        commit = resolve(repo, rev)
        label = rev if rev.startswith("lap-") else rev[:12]
        try:
            states.append(LapState(lap, label, commit, engagement_at(repo, commit, label=label)))
        except InvalidEngagement as exc:
            # An old lap may not pass today's stricter checks; the trend goes on without it.
            errors = sum(p.is_error for p in exc.problems)
            skipped.append(Skipped(lap, label, "", errors))
        except MalmiljoError as exc:  # e.g. a tag on a commit without the engagement folder
            skipped.append(Skipped(lap, label, str(exc)))
    return states, skipped


@dataclass(frozen=True)
class EarlierLaps:
    """The engagement's earlier laps from git: the latest one in full, and each one's figures."""

    previous: Engagement
    previous_label: str
    points: tuple[LapPoint, ...]


def earlier_laps(engagement: Path, eng: Engagement) -> EarlierLaps | None:
    """Laps before `eng`'s, as `laps` finds them; None outside git or without an earlier lap."""
    try:
        states, _ = laps(engagement)
    except MalmiljoError:
        return None
    earlier = [s for s in states if s.lap < eng.meta.lap]
    if not earlier:
        return None
    points = tuple(
        lap_point(s.engagement, lap=s.lap, revision=s.label, commit=s.commit) for s in earlier
    )
    return EarlierLaps(earlier[-1].engagement, earlier[-1].label, points)
