"""./dev waits for the package lock instead of failing, and says what it does during long steps."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .helpers import ROOT

DEV = ROOT / "dev"


def _functions(*names: str) -> str:
    """The shell text of some of ./dev's functions, to run them alone."""
    lines = DEV.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    for name in names:
        start = lines.index(next(line for line in lines if line.startswith(f"{name}()")))
        one_line = lines[start].endswith("}")
        end = start if one_line else next(i for i in range(start, len(lines)) if lines[i] == "}")
        out += lines[start : end + 1]
    return "\n".join(out)


def test_apt_get_waits_for_the_lock_and_says_so(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    fake = tmp_path / "apt-get"
    # Locked twice for update (an older apt that does not wait), then free.
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> {calls}\n'
        f"n=$(grep -c update {calls})\n"
        'case "$*" in *update*) [ "$n" -gt 2 ] || exit 100;; esac\n'
        "exit 0\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    script = (
        _functions("say", "apt_install")
        + "\nsleep() { :; }\nLOCK_WAIT=300\napt_install --no-install-recommends qpdf\n"
    )
    env = os.environ | {"PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    said = calls.read_text().splitlines()
    assert all("DPkg::Lock::Timeout=300" in line for line in said), said
    assert said[-1].endswith("install -y -qq --no-install-recommends qpdf"), said
    assert (
        "waiting" in done.stderr and "apt-get install --no-install-recommends qpdf" in done.stderr
    )


def test_apt_get_gives_up_after_the_wait(tmp_path: Path) -> None:
    fake = tmp_path / "apt-get"
    fake.write_text("#!/bin/sh\necho 'Could not get lock' >&2\nexit 100\n", encoding="utf-8")
    fake.chmod(0o755)
    script = _functions("say", "apt_install") + "\nsleep() { :; }\nLOCK_WAIT=20\napt_install qpdf\n"
    env = os.environ | {"PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 1 and "Could not get lock" in done.stderr, done.stderr


def test_long_steps_say_what_they_do() -> None:
    text = DEV.read_text(encoding="utf-8")
    demo = _functions("demo")
    assert 'say "building the example' in demo and 'say "validating' in demo
    for step in ("installing malmiljo", "mypy", "pytest", "ruff"):
        assert f'say "{step}' in text, step
    assert "apt-get update -qq &&" not in text  # every apt-get goes through apt_install
