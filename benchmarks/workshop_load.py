"""Load test of `malmiljo workshop vote`: many phones vote at once; nothing is lost or doubled.

    .venv/bin/python benchmarks/workshop_load.py [--participants 200]

Starts a real server on 127.0.0.1 (an ephemeral port; loopback only) on a copy of examples/vmkf.
Every simulated participant joins; then all vote at the same moment (or spread over --spread
seconds, as a room does), and then all change their vote the same way.
The facilitator then closes the session, and the workshop file written must equal the sum of
every participant's last acknowledged vote. Bounded: each participant sends three requests, and
the whole run gives up after two minutes. Prints the answer times of the votes (p50, p95, max).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.workshop_server import Server, start  # noqa: E402

ITEMS = ["arendekoordinator", "tva-team", "kunskapsbank", "helpdesk-uppdrag", "drift-teknikchef"]
DEADLINE = 120.0


@dataclass(frozen=True)
class Result:
    participants: int
    acknowledged: int
    times_ms: list[float]
    expected: dict[str, int]
    written: dict[str, int]
    written_participants: int
    still_serving: bool
    wall: float = 0.0
    """Seconds the crowd took, from the first join to the last answer."""
    client_cpu: float = 0.0
    """CPU seconds the simulated phones used (this process, during the crowd)."""
    server_cpu: float = 0.0
    """CPU seconds the server process used during the crowd."""

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 0.95)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far, from /proc (Linux)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Phone:
    """A minimal HTTP/1.1 client on one kept-alive connection, with the cookies it was given.

    Hand-written on asyncio streams so that the client costs little next to the server: with a
    full HTTP library per simulated phone, the client's own CPU time was most of what was timed.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.address = writer.get_extra_info("peername")[:2]
        self.cookies: dict[str, str] = {}
        self.last: dict[str, int] | None = None
        """The last vote the server acknowledged."""

    @classmethod
    async def connect(cls, base: str) -> Phone:
        host, port = base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        return cls(reader, writer)

    async def send(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        """One request; a connection the server closed while idle (keep-alive) is reopened."""
        for _ in range(2):
            try:
                return await self._send(method, path, body)
            except (ConnectionError, IndexError):
                self.writer.close()
                self.reader, self.writer = await asyncio.open_connection(*self.address)
        raise ConnectionError(f"{method} {path}: the server closed the connection twice")

    async def _send(self, method: str, path: str, body: bytes) -> tuple[int, bytes]:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head = f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n"
        if body:
            head += "Content-Type: application/json\r\n"
        if cookie:
            head += f"Cookie: {cookie}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "set-cookie":
                key, _, rest = value.strip().partition("=")
                self.cookies[key] = rest.split(";")[0]
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def _joined(server: Server) -> Phone:
    phone = await Phone.connect(server.base)
    await phone.send("GET", f"/j/{server.code}")
    return phone


async def _vote(phone: Phone, pick: random.Random, spread: float, times: list[float]) -> bool:
    await asyncio.sleep(pick.uniform(0, spread))
    vote = {ident: 1 for ident in pick.sample(ITEMS, 3)}
    start = time.perf_counter()
    status, answer = await phone.send("POST", "/api/vote", json.dumps({"dots": vote}).encode())
    times.append((time.perf_counter() - start) * 1000)
    if status == 200 and json.loads(answer)["ok"]:
        phone.last = vote
        return True
    return False


async def _crowd(
    server: Server, participants: int, spread: float
) -> tuple[list[dict[str, int] | None], list[float]]:
    """Everyone joins (as they scan the code on arrival); then everyone votes at once (or spread
    over `spread` seconds), and then everyone changes their vote the same way."""
    times: list[float] = []
    picks = [random.Random(n) for n in range(participants)]

    async def crowd() -> list[Phone]:
        phones = await asyncio.gather(*(_joined(server) for _ in range(participants)))
        for _ in range(2):  # vote, then change the vote: only the last may count
            await asyncio.gather(
                *(_vote(p, r, spread, times) for p, r in zip(phones, picks, strict=True))
            )
        return list(phones)

    phones = await asyncio.wait_for(crowd(), timeout=DEADLINE)
    for phone in phones:
        phone.close()
    return [phone.last for phone in phones], times


def run(participants: int, *, spread: float = 0.0) -> Result:
    """One load test on a fresh copy of the example; the server is stopped whatever happens."""
    import httpx

    from malmiljo_cli.validate import read_engagement

    folder = Path(tempfile.mkdtemp()) / "vmkf"
    shutil.copytree(ROOT / "examples" / "vmkf", folder)
    server = start(folder, "--id", "last", "--dots", "3")
    try:
        server_before, client_before = cpu_seconds(server.process.pid), time.process_time()
        began = time.perf_counter()
        votes, times = asyncio.run(_crowd(server, participants, spread))
        wall = time.perf_counter() - began
        client_cpu = time.process_time() - client_before
        server_cpu = cpu_seconds(server.process.pid) - server_before
        still_serving = httpx.get(server.base + "/", timeout=10).status_code == 200
        closed = httpx.post(
            server.base + "/api/facilitator/close", headers=server.facilitator(), timeout=60
        )
        if not closed.json()["ok"]:
            raise AssertionError(closed.text)
    finally:
        server.stop()
    try:
        expected: dict[str, int] = {}
        for vote in votes:
            for ident, count in (vote or {}).items():
                expected[ident] = expected.get(ident, 0) + count
        [workshop] = [w for w in read_engagement(folder).workshops if w.id == "last"]
        return Result(
            participants=participants,
            acknowledged=sum(v is not None for v in votes),
            times_ms=times,
            expected=dict(sorted(expected.items())),
            written=dict(sorted(workshop.votes.items())),
            written_participants=workshop.participants or 0,
            still_serving=still_serving,
            wall=wall,
            client_cpu=client_cpu,
            server_cpu=server_cpu,
        )
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="Seconds over which each phone's votes are spread at random (0: all at once).",
    )
    args = parser.parse_args(argv)
    result = run(args.participants, spread=args.spread)
    ok = (
        result.written == result.expected
        and result.written_participants == result.acknowledged == result.participants
        and result.still_serving
    )
    print(f"participants          {result.participants} (votes spread over {args.spread:g} s)")
    print(f"votes acknowledged    {len(result.times_ms)} (last votes: {result.acknowledged})")
    print(f"file equals the sum   {'yes' if result.written == result.expected else 'NO'}")
    print(f"answer time p50       {percentile(result.times_ms, 0.5):6.1f} ms")
    print(f"answer time p95       {result.p95:6.1f} ms   (target < 100 ms)")
    print(f"answer time max       {max(result.times_ms):6.1f} ms")
    print(
        f"CPU: server {result.server_cpu:.2f} s, client {result.client_cpu:.2f} s, wall {result.wall:.1f} s"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
