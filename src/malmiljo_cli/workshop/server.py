"""Serving a session: the listening socket, the addresses people type, QR codes, uvicorn."""

from __future__ import annotations

import io
import socket
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


def qr_svg(url: str, *, scale: int = 10) -> str:
    """A QR code of `url` as SVG (dark modules on white), for the projector and the cards."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True, nl=False
    )
    return out.getvalue().decode("ascii")


def make_server(app: Any) -> Any:
    """A uvicorn server for `app` that logs no request; `.run(sockets=[...])` serves."""
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,  # the paths carry codes; nothing about a request is logged
        lifespan="off",
        server_header=False,
        timeout_graceful_shutdown=2,
    )
    return uvicorn.Server(config)
