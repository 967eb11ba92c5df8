"""`malmiljo workshop vote` as a real server: bad input refused, a SIGKILL loses nothing."""

from __future__ import annotations

import json
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
    _refused(phone.post("/api/vote", json={}), 422, "R608", "minst en prick")
    stranger = httpx.Client(base_url=server.base, timeout=10)
    _refused(stranger.post("/api/vote", json={"dots": {"kunskapsbank": 1}}), 403, "R615", "din kod")
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
        journal = _journal(example, "kort")
        second = httpx.Client(base_url=server.base, timeout=10)
        assert second.get(f"/j/{server.tokens[0]}").status_code == 403
        second.cookies.set("mm_code", server.tokens[0])
        second.cookies.set("mm_device", "another-phone")
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
