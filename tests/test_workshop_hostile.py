"""Slow and hostile clients against a real server limited to 1,024 open files (loopback only)."""

from __future__ import annotations

import select
import socket
import time
from pathlib import Path

import httpx

from .workshop_server import participant, start

HALF_SENT = 1100
FILE_LIMIT = 1024


def _half_sent(base: str, count: int) -> list[socket.socket]:
    """`count` connections that send the start of a request and then nothing more."""
    host, port = base.removeprefix("http://").split(":")
    opened = []
    for _ in range(count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.settimeout(5)
        try:
            sock.connect((host, int(port)))
            sock.sendall(b"POST /api/vote HTTP/1.1\r\nHost: x\r\nContent-Le")
        except OSError:
            sock.close()
            continue
        opened.append(sock)
    return opened


def _still_open(socks: list[socket.socket]) -> list[socket.socket]:
    """The connections the server has not closed (no end of stream, no reset, yet)."""
    poller = select.poll()
    by_fd = {s.fileno(): s for s in socks}
    for fd in by_fd:
        poller.register(fd, select.POLLIN)
    ended = set()
    for fd, _ in poller.poll(0):
        try:
            if by_fd[fd].recv(1024) == b"":
                ended.add(fd)
        except OSError:
            ended.add(fd)  # reset: closed too
    return [s for fd, s in by_fd.items() if fd not in ended]


def test_half_sent_requests_cannot_stall_the_room(example: Path) -> None:
    prefix = ("prlimit", f"--nofile={FILE_LIMIT}:{FILE_LIMIT}", "--")
    server = start(example, "--id", "seg", "--dots", "3", prefix=prefix)
    opened: list[socket.socket] = []
    try:
        began = time.monotonic()
        opened = _half_sent(server.base, HALF_SENT)
        assert len(opened) >= 1000  # they got in: the server accepted them, then had to cope

        # A real phone still joins and votes, well within 5 s.
        phone_began = time.monotonic()
        phone = participant(server)
        phone.timeout = httpx.Timeout(5)
        answer = phone.post("/api/vote", json={"dots": {"kunskapsbank": 1}})
        assert answer.status_code == 200 and answer.json()["ok"], answer.text
        assert time.monotonic() - phone_began < 5

        # Every half-sent request is closed by the server within 30 s of being opened.
        still = opened
        while still and time.monotonic() - began < 30:
            time.sleep(0.5)
            still = _still_open(still)
        assert still == [], f"{len(still)} still open after {time.monotonic() - began:.1f} s"
        state = httpx.get(server.base + "/api/facilitator", headers=server.facilitator()).json()
        assert state["voted"] == 1
    finally:
        for sock in opened:
            sock.close()
        err = server.stop()
    assert "Traceback" not in err
    assert len(err.encode()) < 4096, err[-2000:]
