"""Paths and small helpers the tests share."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "vmkf"
BIN = Path(sys.executable).parent


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


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALMILJO_")}
    return env | {
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "NO_COLOR": "1",
        "MALMILJO_PORT": "0",
        "COLUMNS": "100",
    }


def run_line(line: str, cwd: Path) -> tuple[int, str]:
    """Run one printed command line in a shell; a workshop is stopped once it is serving."""
    if line.startswith("malmiljo workshop "):
        return _serve_then_stop(line, cwd)
    done = subprocess.run(
        line, shell=True, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=300
    )
    return done.returncode, done.stdout + done.stderr


def _serve_then_stop(line: str, cwd: Path) -> tuple[int, str]:
    proc = subprocess.Popen(
        ["bash", "-c", f"exec {line}"],
        cwd=cwd,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    said = []
    for text in proc.stdout:
        said.append(text)
        if text.startswith("Facilitator"):
            break
    port = re.search(r"https?://[^/:]+:(\d+)", "".join(said))
    assert port, said
    _wait_for(int(port.group(1)))
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, "".join(said) + out + err


def _wait_for(port: int) -> None:
    """Until the server answers: a Ctrl-C before it serves is an interruption, not a stop."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # an answer, if not a page: the server is serving
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")


def in_english(folder: Path) -> Path:
    """The engagement in `folder` switched to `language: en` (the example is Swedish)."""
    path = folder / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    assert "language: sv" in text, "the engagement is not Swedish"
    path.write_text(text.replace("language: sv", "language: en"), encoding="utf-8")
    return folder
