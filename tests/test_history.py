"""The engagement at a git revision, in a real repository with the engagement in a subfolder."""

from __future__ import annotations

from pathlib import Path

import pytest

from malmiljo_cli.errors import InvalidEngagement, MalmiljoError
from malmiljo_cli.history import lap_commits, lap_tags, locate, snapshot

from .helpers import git


def test_snapshot_reads_the_subfolder_at_a_tag(repo: tuple[Path, Path]) -> None:
    top, engagement = repo
    (engagement / "initiatives" / "scrumtavla.yaml").unlink()  # the working tree differs
    assert locate(engagement).rel == "kund/vmkf"
    then = snapshot(engagement, "lap-1")
    assert "scrumtavla" in then.engagement.initiative_by_id
    assert then.rev == git(top, "rev-parse", "lap-1").strip()


def test_a_missing_revision_is_a_clear_error(repo: tuple[Path, Path]) -> None:
    _, engagement = repo
    with pytest.raises(MalmiljoError, match="there is no revision 'lap-9'"):
        snapshot(engagement, "lap-9")
    with pytest.raises(MalmiljoError, match="there is no revision '--output=x'"):
        snapshot(engagement, "--output=x")


def test_a_revision_without_the_engagement_is_a_clear_error(repo: tuple[Path, Path]) -> None:
    _, engagement = repo
    with pytest.raises(MalmiljoError, match="no engagement in 'kund/vmkf' at revision 'before'"):
        snapshot(engagement, "before")


def test_an_invalid_engagement_at_a_revision_names_revision_and_file(
    repo: tuple[Path, Path],
) -> None:
    top, engagement = repo
    (engagement / "areas.yaml").write_text("areas: [}\n", encoding="utf-8")
    git(top, "commit", "-q", "-am", "broken")
    with pytest.raises(InvalidEngagement) as caught:
        snapshot(engagement, "HEAD")
    assert "HEAD:kund/vmkf/areas.yaml" in {p.file for p in caught.value.problems}
    assert all(p.file.startswith("HEAD:kund/vmkf/") for p in caught.value.problems)


def test_outside_a_repository_is_a_clear_error(example: Path) -> None:
    with pytest.raises(MalmiljoError) as caught:
        locate(example)
    message = str(caught.value)
    assert "is not in a git repository" in message and "git tag lap-1" in message
    assert "\n" not in message and "fatal" not in message


def test_diff_outside_git_is_one_sentence(example: Path) -> None:
    from typer.testing import CliRunner

    from malmiljo_cli.cli import app

    done = CliRunner().invoke(app, ["diff", "-e", str(example), "--from", "lap-1"])
    assert done.exit_code == 2  # a usage problem, like every other
    assert done.stderr.count("\n") == 1 and "fatal" not in done.stderr, done.stderr
    assert len(done.stderr) < 200 + len(str(example))


def test_git_reason_drops_prefix_and_hints() -> None:
    from malmiljo_cli.history import _reason

    text = b"hint: try this\nfatal: bad revision 'x'\nhint: or that\n"
    assert _reason(text) == "bad revision 'x'"
    assert _reason(b"") == "git failed"


def test_laps_from_tags_or_from_commits(repo: tuple[Path, Path]) -> None:
    top, engagement = repo
    text = (engagement / "engagement.yaml").read_text(encoding="utf-8")
    (engagement / "engagement.yaml").write_text(text.replace("lap: 1", "lap: 2"), encoding="utf-8")
    git(top, "commit", "-q", "-am", "lap 2")
    (engagement / "areas.yaml").write_text(
        (engagement / "areas.yaml").read_text(encoding="utf-8") + "# ny rad\n", encoding="utf-8"
    )
    git(top, "commit", "-q", "-am", "later in lap 2")
    (top / "README.md").write_text("not the engagement\n", encoding="utf-8")
    git(top, "commit", "-q", "-am", "outside the folder")
    where = locate(engagement)
    assert lap_tags(where) == [(1, "lap-1")]
    head_of_folder = git(top, "rev-parse", "HEAD~1").strip()
    assert lap_commits(where) == [(1, git(top, "rev-parse", "lap-1").strip()), (2, head_of_folder)]


def test_files_marked_export_ignore_are_still_read(repo: tuple[Path, Path]) -> None:
    top, engagement = repo
    (top / ".gitattributes").write_text(
        "kund/vmkf/initiatives/** export-ignore\n", encoding="utf-8"
    )
    git(top, "add", ".gitattributes")
    git(top, "commit", "-q", "-m", "attributes")
    then = snapshot(engagement, "HEAD")
    assert len(then.engagement.initiatives) == len(list((engagement / "initiatives").iterdir()))
