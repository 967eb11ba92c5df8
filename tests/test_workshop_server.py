"""`malmiljo workshop vote` as a real server: bad input refused, a SIGKILL loses nothing."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from malmiljo_cli.validate import validate_folder

from .helpers import snapshot
from .workshop_server import Server, participant, start


def _journal(engagement: Path, ident: str) -> bytes:
    return (engagement / ".malmiljo" / "workshops" / f"{ident}.jsonl").read_bytes()


@pytest.fixture
def session(example: Path) -> Iterator[tuple[Path, Server]]:
    meta = example / "engagement.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(
        text.replace("scoring:\n", "scoring:\n  max_dots_per_item: 2\n"), encoding="utf-8"
    )
    server = start(example, "--id", "konferens", "--ballot", "--dots", "3")
    yield example, server
    server.stop()


def _refused(answer: httpx.Response, status: int, code: str, words: str) -> None:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["ok"] is False and body["code"] == code, body
    assert words in body["message"], body


def test_bad_input_is_refused_and_nothing_is_written(session: tuple[Path, Server]) -> None:
    engagement, server = session
    phone = participant(server)
    assert phone.post("/api/vote", json={"dots": {"kunskapsbank": 2}}).json()["ok"]
    before, journal = snapshot(engagement), _journal(engagement, "konferens")

    _refused(phone.post("/api/vote", content=b"x" * 10_000_000), 413, "R601", "för stor")
    _refused(phone.post("/api/vote", json={"dots": {"finns-inte": 1}}), 422, "R603", "finns-inte")
    _refused(phone.post("/api/vote", json={"dots": {"kunskapsbank": 1000}}), 422, "R605", "Högst")
    _refused(
        phone.post("/api/vote", json={"dots": {"kunskapsbank": 2, "tva-team": 2}}),
        422,
        "R604",
        "3 prickar",
    )
    _refused(
        phone.post("/api/vote", json={"ballot": ["kunskapsbank", "kunskapsbank"]}),
        422,
        "R606",
        "två gånger",
    )
    _refused(phone.post("/api/vote", json={"ballot": ["nope"]}), 422, "R603", "nope")
    _refused(phone.post("/api/vote", content=b"{not json"), 400, "R602", "gick inte att läsa")
    deep = b"[" * 5000 + b"]" * 5000  # under 16 KiB, deeper than the parser goes
    _refused(phone.post("/api/vote", content=deep), 400, "R602", "gick inte att läsa")
    deep_object = b'{"a":' * 2500 + b"1" + b"}" * 2500
    _refused(phone.post("/api/vote", content=deep_object), 400, "R602", "gick inte att läsa")
    _refused(phone.post("/api/vote", json={}), 422, "R608", "minst en prick")
    stranger = httpx.Client(base_url=server.base, timeout=10)
    _refused(stranger.post("/api/vote", json={"dots": {"kunskapsbank": 1}}), 403, "R615", "din kod")
    # A device key the server never issued: made up, or another phone's with its signature cut.
    assert server.code is not None
    for made_up in ("my-own-phone", phone.cookies["mm_device"].split(".")[0] + ".AAAA"):
        forger = httpx.Client(base_url=server.base, timeout=10)
        forger.cookies.set("mm_code", server.code)
        forger.cookies.set("mm_device", made_up)
        _refused(forger.post("/api/vote", json={"dots": {"tva-team": 1}}), 403, "R615", "din kod")
    assert stranger.get("/j/WRONG1").status_code == 403
    forged = {"X-Facilitator": server.secret[:-1] + ("A" if server.secret[-1] != "A" else "B")}
    for path in ("/api/facilitator/close", "/api/facilitator/hide"):
        _refused(stranger.post(path, headers=forged, json={"hidden": True}), 403, "R611", "ledaren")
    _refused(stranger.get("/api/facilitator"), 403, "R611", "ledaren")

    assert snapshot(engagement) == before
    assert _journal(engagement, "konferens") == journal
    state = httpx.get(server.base + "/api/facilitator", headers=server.facilitator()).json()
    assert state["voted"] == 1 and state["closed"] is False


def test_a_one_time_code_votes_from_one_phone_only(example: Path) -> None:
    server = start(example, "--id", "kort", "--tokens", "3")
    try:
        assert len(server.tokens) == 3
        assert (example / ".malmiljo" / "workshops" / "kort-cards.pdf").read_bytes()[:5] == b"%PDF-"
        first = participant(server, server.tokens[0])
        assert first.post("/api/vote", json={"dots": {"kunskapsbank": 1}}).json()["ok"]
        # The same phone may change its vote; another phone with the same code may not vote.
        assert first.post("/api/vote", json={"dots": {"tva-team": 1}}).json()["ok"]
        second = httpx.Client(base_url=server.base, timeout=10)
        assert second.get(f"/j/{server.tokens[0]}").status_code == 403
        assert second.get(f"/j/{server.tokens[1]}").status_code == 303  # a key of its own
        journal = _journal(example, "kort")
        second.cookies.set("mm_code", server.tokens[0])
        _refused(second.post("/api/vote", json={"dots": {"kunskapsbank": 1}}), 403, "R610", "redan")
        assert _journal(example, "kort") == journal
        state = httpx.get(server.base + "/api/facilitator", headers=server.facilitator()).json()
        assert (state["voted"], state["expected"]) == (1, 3)
    finally:
        server.stop()


def test_sigkill_loses_no_acknowledged_vote(example: Path) -> None:
    server = start(example, "--id", "krasch", "--dots", "2")
    acknowledged: dict[str, dict[str, int]] = {}
    phones = {}
    stop = threading.Event()
    items = ["arendekoordinator", "tva-team", "kunskapsbank", "helpdesk-uppdrag"]

    def stream(worker: int) -> None:
        for n in range(400):
            if stop.is_set():
                return
            name = f"{worker}-{n}"
            try:
                phone = participant(server)
                vote = {items[(worker + n) % 4]: 1, items[(worker + n + 1) % 4]: 1}
                answer = phone.post("/api/vote", json={"dots": vote})
            except httpx.TransportError:
                return  # the server is gone: this vote was never acknowledged
            if answer.status_code == 200 and answer.json()["ok"]:
                acknowledged[name] = vote
                phones[name] = phone

    workers = [threading.Thread(target=stream, args=(w,)) for w in range(4)]
    for worker in workers:
        worker.start()
    while len(acknowledged) < 40:
        threading.Event().wait(0.01)
    server.kill()  # mid-stream: the workers are still sending
    stop.set()
    for worker in workers:
        worker.join(timeout=30)
    assert len(acknowledged) >= 40

    again = start(example, "--id", "krasch")
    try:
        for name, vote in acknowledged.items():
            phone = phones[name]
            phone.base_url = httpx.URL(again.base)
            mine = phone.get("/api/vote").json()
            assert mine["ok"] and mine["vote"]["dots"] == vote, (name, mine)
        closed = httpx.post(again.base + "/api/facilitator/close", headers=again.facilitator())
        assert closed.json()["ok"], closed.text
    finally:
        err = again.stop()
    assert "closed: wrote" in err
    result = validate_folder(example)
    assert result.ok, result.problems
    assert result.engagement is not None
    [workshop] = [w for w in result.engagement.workshops if w.id == "krasch"]
    assert workshop.participants is not None and workshop.participants >= len(acknowledged)
    assert sum(workshop.votes.values()) >= sum(sum(v.values()) for v in acknowledged.values())


def test_resume_refuses_other_settings_and_a_written_session(example: Path) -> None:
    from typer.testing import CliRunner

    from malmiljo_cli.cli import app

    server = start(example, "--id", "igen", "--dots", "2")
    phone = participant(server)
    assert phone.post("/api/vote", json={"dots": {"kunskapsbank": 2}}).json()["ok"]
    server.stop()
    runner = CliRunner()
    clash = runner.invoke(
        app, ["workshop", "vote", "-e", str(example), "--id", "igen", "--dots", "4"]
    )
    assert clash.exit_code == 2, clash.output
    assert "other settings (--dots)" in clash.output
    (example / "workshops" / "igen.yaml").write_text(
        "id: igen\ndate: 2026-01-01\nvotes: {kunskapsbank: 1}\n", encoding="utf-8"
    )
    done = runner.invoke(app, ["workshop", "vote", "-e", str(example), "--id", "igen"])
    assert done.exit_code == 2 and "already written" in done.output, done.output
    header = json.loads(_journal(example, "igen").splitlines()[0])
    assert header["dots"] == 2 and header["code"]
    assert (example / ".malmiljo" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_fifty_phones_at_once_lose_and_double_nothing() -> None:
    import sys

    from .helpers import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from workshop_load import run

    result = run(50)
    assert result.acknowledged == result.written_participants == 50
    assert result.written == result.expected
    assert result.still_serving


def test_a_second_server_for_the_same_session_refuses_and_the_first_keeps_counting(
    example: Path,
) -> None:
    first = start(example, "--id", "dubbel", "--dots", "2")
    try:
        phone = participant(first)
        assert phone.post("/api/vote", json={"dots": {"kunskapsbank": 1}}).json()["ok"]
        second = _cli(example, "--id", "dubbel", "--dots", "2", "--port", "0")
        assert second.returncode == 2, second.stderr
        assert "already being served" in second.stderr
        assert f"process {first.process.pid}" in second.stderr, second.stderr
        assert first.base in second.stderr  # names where the running one answers
        assert phone.post("/api/vote", json={"dots": {"tva-team": 2}}).json()["ok"]
        state = httpx.get(first.base + "/api/facilitator", headers=first.facilitator()).json()
        assert state["voted"] == 1
        closed = httpx.post(first.base + "/api/facilitator/close", headers=first.facilitator())
        assert closed.json()["ok"], closed.text
    finally:
        first.stop()
    written = (example / "workshops" / "dubbel.yaml").read_text(encoding="utf-8")
    assert "votes:\n  tva-team: 2\n" in written
    assert not (example / ".malmiljo" / "workshops" / "dubbel.lock").exists()


def test_a_start_that_cannot_listen_leaves_no_session(example: Path) -> None:
    import socket

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        port = str(busy.getsockname()[1])
        failed = _cli(example, "--id", "upptagen", "--dots", "2", "--port", port)
    finally:
        busy.close()
    assert failed.returncode == 2, failed.stderr
    assert "cannot listen on port" in failed.stderr
    assert list((example / ".malmiljo" / "workshops").iterdir()) == []
    # A retry with other settings is a new session, not a clash with the failed one.
    again = start(example, "--id", "upptagen", "--dots", "4")
    try:
        header = json.loads(_journal(example, "upptagen").splitlines()[0])
        assert header["dots"] == 4
    finally:
        again.stop()


def test_after_closing_phones_are_told_it_is_closed_until_the_server_stops(
    session: tuple[Path, Server],
) -> None:
    engagement, server = session
    phone = participant(server)
    assert phone.post("/api/vote", json={"dots": {"kunskapsbank": 2}}).json()["ok"]
    closed = httpx.post(server.base + "/api/facilitator/close", headers=server.facilitator())
    assert closed.json()["ok"], closed.text
    written = snapshot(engagement)
    late = phone.post("/api/vote", json={"dots": {"tva-team": 1}})
    _refused(late, 409, "R612", "stängd")
    assert phone.get("/vote").status_code == 200  # the page still answers, saying so
    assert "stängd" in phone.get("/vote").text
    assert server.process.poll() is None
    assert snapshot(engagement) == written
    err = server.stop()
    assert "closed: wrote" in err


def _cli(engagement: Path, *args: str) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    from .helpers import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "malmiljo_cli", "workshop", "vote", "-e", str(engagement)]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=60, env=env, check=False
    )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs of its own, unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path) -> Path:
    """Fill the disk to its last byte."""
    import os

    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_loses_nothing_acknowledged_and_counts_nothing_unjournalled(
    example: Path, small_disk: Path
) -> None:
    import shutil

    engagement = small_disk / "vmkf"
    shutil.copytree(example, engagement)
    server = start(engagement, "--id", "full", "--dots", "2")
    try:
        first, second, third = (participant(server) for _ in range(3))
        assert first.post("/api/vote", json={"dots": {"kunskapsbank": 2}}).json()["ok"]
        filler = _fill(small_disk)
        # The journal's last page may still hold a vote or two; then the disk says no.
        kept: dict[str, int] | None = None
        for n in range(500):
            vote = {"tva-team": 1 + n % 2}
            answer = second.post("/api/vote", json={"dots": vote})
            if answer.status_code != 200:
                break
            kept = vote
        _refused(answer, 503, "R619", "inte räknat")
        _refused(
            third.post("/api/vote", json={"dots": {"helpdesk-uppdrag": 1}}), 503, "R619", "ledaren"
        )
        facilitator = server.facilitator()
        state = httpx.get(server.base + "/api/facilitator", headers=facilitator).json()
        assert state["voted"] == 1 + (kept is not None)
        assert third.get("/api/vote").json()["vote"] is None
        mine = second.get("/api/vote").json()["vote"]
        assert (mine["dots"] if mine else None) == kept
        filler.unlink()
        assert third.post("/api/vote", json={"dots": {"helpdesk-uppdrag": 1}}).json()["ok"]
        closed = httpx.post(server.base + "/api/facilitator/close", headers=facilitator)
        assert closed.json()["ok"], closed.text
    finally:
        server.stop()
    lines = _journal(engagement, "full").splitlines()
    assert all(json.loads(line) for line in lines)  # no torn line was left behind
    result = validate_folder(engagement)
    assert result.ok and result.engagement is not None, result.problems
    [workshop] = [w for w in result.engagement.workshops if w.id == "full"]
    expected = {"kunskapsbank": 2, "helpdesk-uppdrag": 1, **(kept or {})}
    assert dict(workshop.votes) == expected
    assert workshop.participants == len(expected)
