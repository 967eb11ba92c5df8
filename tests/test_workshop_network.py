"""The address phones use, on test hosts the test makes itself.

Two network namespaces joined by a veth pair stand for the venue's computer and a phone, with
addresses from 198.18.0.0/15 (set aside for tests, RFC 2544) and a default route in the venue
host. The server runs in one, the phone in the other; no packet reaches a real interface.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from malmiljo_cli.workshop.server import qr_text

from .helpers import ROOT
from .workshop_server import start

VENUE_ADDRESS = "198.18.7.1"
PHONE_ADDRESS = "198.18.7.2"

PHONE = """
import json, sys, time
import httpx
join_url = sys.argv[1]
deadline = time.monotonic() + 20
with httpx.Client(timeout=5) as phone:
    while True:
        try:
            joined = phone.get(join_url)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    base = join_url.split("/j/")[0]
    voted = phone.post(base + "/api/vote", json={"dots": {"kunskapsbank": 1}})
    print(json.dumps({"join": joined.status_code, "vote": voted.status_code,
                      "answer": voted.json()}))
"""


@dataclass(frozen=True)
class Hosts:
    venue: str
    phone: str


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=20)


@pytest.fixture
def hosts() -> Iterator[Hosts]:
    """Two namespaces joined by a veth pair, removed afterwards whatever happens."""
    tag = secrets.token_hex(3)
    made = Hosts(venue=f"mm-venue-{tag}", phone=f"mm-phone-{tag}")
    try:
        for name in (made.venue, made.phone):
            _ip("netns", "add", name)
            _ip("-n", name, "link", "set", "lo", "up")
        # The pair is made inside the venue namespace, so no end ever sits in the real one.
        _ip("-n", made.venue, "link", "add", "v0", "type", "veth", "peer", "p0")
        _ip("-n", made.venue, "link", "set", "p0", "netns", made.phone)
        for name, link, address in (
            (made.venue, "v0", VENUE_ADDRESS),
            (made.phone, "p0", PHONE_ADDRESS),
        ):
            _ip("-n", name, "addr", "add", f"{address}/24", "dev", link)
            _ip("-n", name, "link", "set", link, "up")
        _ip("-n", made.venue, "route", "add", "default", "via", PHONE_ADDRESS)
        yield made
    finally:
        for name in (made.venue, made.phone):
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=20)


def _in(host: str) -> tuple[str, ...]:
    return ("ip", "netns", "exec", host)


def test_lan_url_holds_the_venue_address_and_a_phone_votes_there(
    example: Path, hosts: Hosts
) -> None:
    server = start(example, "--id", "salen", "--lan", prefix=_in(hosts.venue), wait=False)
    try:
        assert re.fullmatch(
            rf"http://{re.escape(VENUE_ADDRESS)}:\d+/j/[A-Z2-9]{{6}}", server.join_url
        )
        assert qr_text(server.join_url) in "".join(server.stdout)  # the QR holds the same
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        phone = subprocess.run(
            [*_in(hosts.phone), sys.executable, "-c", PHONE, server.join_url],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
        assert phone.returncode == 0, phone.stderr
        answer = json.loads(phone.stdout)
        assert (answer["join"], answer["vote"]) == (303, 200), answer
        assert answer["answer"]["ok"] is True
    finally:
        err = server.stop()
    journal = (example / ".malmiljo" / "workshops" / "salen.jsonl").read_text(encoding="utf-8")
    votes = [json.loads(line) for line in journal.splitlines() if '"t":"vote"' in line]
    assert [v["dots"] for v in votes] == [{"kunskapsbank": 1}]
    port = server.join_url.split(":")[2].split("/")[0]
    hint = f"malmiljo workshop vote -e {example} --id salen --lan --port {port}"
    assert f"Resume with: {hint}\n" in err, err


def test_an_assessment_resume_hint_names_its_own_command(example: Path, hosts: Hosts) -> None:
    server = start(
        example, "--id", "rundan", "--lan", verb="assess", prefix=_in(hosts.venue), wait=False
    )
    err = server.stop()
    port = server.join_url.split(":")[2].split("/")[0]
    hint = f"malmiljo workshop assess -e {example} --id rundan --lan --port {port}"
    assert f"resume with: {hint}\n" in err, err  # said when it starts
    assert f"Resume with: {hint}\n" in err, err  # and when it stops


def test_lan_without_a_network_refuses_rather_than_print_loopback(
    example: Path, hosts: Hosts
) -> None:
    lonely = f"{hosts.venue}-alone"
    _ip("netns", "add", lonely)
    try:
        _ip("-n", lonely, "link", "set", "lo", "up")
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
        ran = subprocess.run(
            [
                *_in(lonely),
                sys.executable,
                "-m",
                "malmiljo_cli",
                "workshop",
                "vote",
                "-e",
                str(example),
                "--id",
                "ensam",
                "--lan",
                "--port",
                "0",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
    finally:
        subprocess.run(["ip", "netns", "del", lonely], capture_output=True, timeout=20)
    assert ran.returncode == 2, ran.stderr
    assert "--url" in ran.stderr and "127.0.0.1" not in ran.stdout
    assert not (example / ".malmiljo" / "workshops" / "ensam.jsonl").exists()


def test_url_is_what_phones_are_given(example: Path) -> None:
    server = start(example, "--id", "proxy", "--url", "https://rösta.example.org/salen/")
    try:
        assert server.code is not None
        wanted = f"https://rösta.example.org/salen/j/{server.code}"
        assert server.join_url == wanted
        assert qr_text(wanted) in "".join(server.stdout)
    finally:
        err = server.stop()
    assert "--url https://rösta.example.org/salen/" in err


def test_a_url_phones_could_not_open_is_refused(example: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "malmiljo_cli",
            "workshop",
            "vote",
            "-e",
            str(example),
            "--id",
            "fel",
            "--port",
            "0",
            "--url",
            "ftp://rosta.example.org",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert ran.returncode == 2, ran.stderr
    assert "--url takes the address phones should open" in ran.stderr
    assert not (example / ".malmiljo" / "workshops" / "fel.jsonl").exists()
