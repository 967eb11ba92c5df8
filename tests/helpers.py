"""Paths and small helpers the tests share."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "vmkf"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes below `folder`, to prove a command changed nothing."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def git(repo: Path, *args: str) -> str:
    """Run git in a test repository with a fixed identity; fail the test when git fails."""
    import subprocess

    done = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def in_english(folder: Path) -> Path:
    """The engagement in `folder` switched to `language: en` (the example is Swedish)."""
    path = folder / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    assert "language: sv" in text, "the engagement is not Swedish"
    path.write_text(text.replace("language: sv", "language: en"), encoding="utf-8")
    return folder
