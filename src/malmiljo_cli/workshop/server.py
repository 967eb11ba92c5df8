"""Serving a session: the listening socket, the addresses people type, QR codes, uvicorn."""

from __future__ import annotations

import asyncio
import io
import socket
import sys
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError

LOOPBACK = "127.0.0.1"
EVERYWHERE = "0.0.0.0"  # only with --lan, which says so in the terminal


def bind(*, lan: bool, port: int) -> socket.socket:
    """A listening socket: loopback only, or every interface with `lan`; port 0 picks a free one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # accepted sockets inherit it
    try:
        sock.bind((EVERYWHERE if lan else LOOPBACK, port))
    except OSError as exc:
        sock.close()
        raise UsageError(
            f"cannot listen on port {port}: {exc.strerror}; choose another with --port"
        ) from None
    sock.listen(512)
    return sock


# Where a packet to the wider network would go; connecting a UDP socket only asks the routing
# table which source address it would use, and sends nothing. TEST-NET-1 (RFC 5737) is routed by
# the default route like any outside address, and no host ever has it.
OUTWARD = "192.0.2.1"


def lan_address() -> str:
    """This machine's address on the network it reaches others by (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect((OUTWARD, 9))
        found = str(probe.getsockname()[0])
    except OSError:  # no default route: fall back to an interface's own address
        found = ""
    finally:
        probe.close()
    if found and not found.startswith("127.") and found != EVERYWHERE:
        return found
    for address in interface_addresses():
        return address
    raise UsageError(
        "this computer has no network address phones could reach; connect it to the room's "
        "network, or give the address phones should use with --url"
    )


def interface_addresses() -> list[str]:
    """The IPv4 addresses of the interfaces that are up, loopback left out (`ip -j addr`)."""
    import json
    import shutil
    import subprocess

    ip = shutil.which("ip")
    if ip is None:
        return []
    try:
        shown = subprocess.run(
            [ip, "-j", "-4", "addr", "show", "up"], capture_output=True, check=True, timeout=5
        )
        links = json.loads(shown.stdout or b"[]")
    except (OSError, subprocess.SubprocessError, ValueError):
        return []
    return [
        str(info["local"])
        for link in links
        if isinstance(link, dict) and "LOOPBACK" not in link.get("flags", [])
        for info in link.get("addr_info", [])
        if info.get("family") == "inet" and not str(info.get("local", "127.")).startswith("127.")
    ]


def public_url(url: str) -> str:
    """The address phones should use, as given with --url, without a trailing slash."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = parts._replace(scheme="")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise UsageError(
            f"--url takes the address phones should open, like http://vote.example.org or "
            f"http://192.168.1.20:8765, not '{url}'"
        )
    return url.strip().rstrip("/")


def qr_text(url: str) -> str:
    """A QR code of `url` drawn with block characters for the terminal."""
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def qr_svg(url: str, *, scale: int = 10, fluid: bool = False) -> str:
    """A QR code of `url` as SVG (dark modules on white), for the projector and the cards.

    `fluid`: a viewBox and no fixed size, so that the page can make it as large as it likes.
    """
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        scale=scale,
        border=2,
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=fluid,
    )
    return out.getvalue().decode("ascii")


HEADER_TIMEOUT = 5.0
"""Seconds a connection may take to send a request's headers; a phone needs a fraction of one."""
SPARE_FILES = 64
"""Files kept free for the journal, the workshop file, the engagement and the Python runtime."""


@dataclass(frozen=True)
class Limits:
    """How many connections the server holds open at once, and how many it accepts in one go."""

    connections: int
    backlog: int


def limits() -> Limits:
    """Raise the process's file limit as far as allowed; keep the connections below it.

    Each connection is an open file. At most `backlog` connections are accepted before the
    newest are looked at, so `connections + backlog` stays below the limit and accepting never
    runs out of files.
    """
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, 65536), hard))
            soft = min(wanted, 65536)
        except (ValueError, OSError):  # pragma: no cover - a container may forbid it
            pass
    soft = 65536 if soft == resource.RLIM_INFINITY else soft
    backlog = max(16, min(512, soft // 8))
    return Limits(connections=max(16, soft - backlog - SPARE_FILES), backlog=backlog)


def make_server(app: Any, *, bound: Limits | None = None) -> Any:
    """A uvicorn server for `app` that logs no request; `.run(sockets=[...])` serves.

    Slow and hostile clients cannot stall it: headers must arrive within HEADER_TIMEOUT, and when
    the connections reach the bound the oldest one with no request in progress is closed to make
    room, so a phone that sends a whole request always gets in.
    """
    import uvicorn

    bound = bound or limits()
    config = uvicorn.Config(
        app,
        http=_guarded_protocol(bound.connections),
        log_level="error",  # a malformed request is the client's problem, not a log line
        access_log=False,  # the paths carry codes; nothing about a request is logged
        lifespan="off",
        server_header=False,
        timeout_graceful_shutdown=2,
        backlog=bound.backlog,
    )
    return _quiet_server_class()(config)


def _guarded_protocol(bound: int) -> type[Any]:
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Guarded(H11Protocol):
        """uvicorn's HTTP/1.1 protocol with a deadline for headers and a bound on connections."""

        _timer: asyncio.TimerHandle | None = None
        _seen: object = None
        _since = 0.0

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)  # type: ignore[arg-type]
            self._await_headers()
            if len(self.connections) > bound:
                _make_room(self.connections, self)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            self._notice_request()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing() and not self._notice_request():
                self._await_headers()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_timer()
            super().connection_lost(exc)

        def idle(self) -> bool:
            """No request in progress: waiting for (the rest of) one's headers."""
            return self.cycle is None or self.cycle.response_complete

        def _notice_request(self) -> bool:
            if self.cycle is not None and self.cycle is not self._seen:
                self._seen = self.cycle
                self._stop_timer()
                return True
            return False

        def _await_headers(self) -> None:
            self._stop_timer()
            self._since = self.loop.time()
            self._timer = self.loop.call_later(HEADER_TIMEOUT, self._too_slow)

        def _stop_timer(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _too_slow(self) -> None:
            self._timer = None
            if self.idle():
                self.transport.abort()

    return Guarded


def _make_room(connections: set[Any], newest: Any) -> None:
    """Close the connection that has waited longest without sending a request."""
    waiting = [c for c in connections if c is not newest and c.idle()]
    oldest = min(waiting, key=lambda c: c._since, default=newest)
    oldest.transport.abort()
    connections.discard(oldest)


class _OneLine:
    """The event loop's error handler: one line a minute per kind of error, never a traceback.

    Running out of files makes asyncio report every failed accept; with tracebacks that grew the
    log by hundreds of megabytes a minute.
    """

    def __init__(self) -> None:
        self._last: dict[str, float] = {}

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = str(context.get("message", "error"))
        exc = context.get("exception")
        now = loop.time()
        if now - self._last.get(message, -60.0) < 60.0:
            return
        self._last[message] = now
        detail = f": {exc}" if exc is not None else ""
        sys.stderr.write(
            f"malmiljo workshop: {message}{detail} (repeats are not logged for a minute)\n"
        )


def _quiet_server_class() -> type[Any]:
    import uvicorn

    class QuietServer(uvicorn.Server):
        async def serve(self, sockets: list[socket.socket] | None = None) -> None:
            asyncio.get_running_loop().set_exception_handler(_OneLine())
            await super().serve(sockets)

    return QuietServer
