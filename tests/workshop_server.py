"""A real `malmiljo workshop vote` server in a subprocess on 127.0.0.1, an ephemeral port."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .helpers import ROOT


@dataclass
class Server:
    """A running session: where it listens, its codes and the facilitator's secret."""

    process: subprocess.Popen[str]
    base: str
    join_url: str
    secret: str
    code: str | None
    tokens: list[str] = field(default_factory=list)
    stdout: list[str] = field(default_factory=list)

    def facilitator(self) -> dict[str, str]:
        return {"X-Facilitator": self.secret}

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> str:
        """Stop the server (as Ctrl-C does) unless it has ended; its stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            _, err = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return err


def start(
    engagement: Path,
    *args: str,
    verb: str = "vote",
    prefix: tuple[str, ...] = (),
    wait: bool = True,
) -> Server:
    """Start a session (`vote` or `assess`) and wait until it answers; fail if it cannot.

    `prefix` runs the server inside something (`ip netns exec HOST`, `prlimit ...`); without
    `wait` the caller checks that it answers (from where it can be reached).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [
            *prefix,
            sys.executable,
            "-m",
            "malmiljo_cli",
            "workshop",
            verb,
            "-e",
            str(engagement),
            "--port",
            "0",
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    lines: list[str] = []
    while True:
        line = process.stdout.readline()
        if not line:
            _, err = process.communicate(timeout=10)
            raise AssertionError(f"the server did not start:\n{''.join(lines)}\n{err}")
        lines.append(line)
        if line.startswith("Facilitator"):
            break
    text = "".join(lines)
    join = re.search(r"Participants join at: (\S+)", text)
    secret = re.search(r"#k=(\S+)", text)
    assert join and secret, text
    # The facilitator's link is on this computer's loopback: what the tests talk to. The join
    # address may be a name (--url) or a test host's address (--lan in a namespace).
    base = re.search(r"(http://127\.0\.0\.1:\d+)/facilitator", text)
    assert base, text
    code = re.search(r"Session code: (\S+)", text)
    tokens = re.search(r"one-time codes .*:\n(.+)\n", text)
    server = Server(
        process=process,
        base=base.group(1),
        join_url=join.group(1),
        secret=secret.group(1),
        code=code.group(1) if code else None,
        tokens=tokens.group(1).split() if tokens else [],
        stdout=lines,
    )
    if wait:
        _wait(server)
    return server


def _wait(server: Server) -> None:
    import httpx

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(server.base + "/", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    server.stop()
    raise AssertionError("the server did not answer within 20 s")


def participant(server: Server, code: str | None = None) -> Any:
    """An HTTP client that has joined the session (its own cookies: one device)."""
    import httpx

    client = httpx.Client(base_url=server.base, timeout=10)
    answer = client.get(f"/j/{code or server.code}")
    assert answer.status_code == 303, answer.text
    return client
