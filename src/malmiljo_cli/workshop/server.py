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


def lan_address() -> str:
    """This machine's address on the local network, as phones reach it (no packet is sent)."""
    try:
        found = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        found = []
    addresses = sorted({str(f[4][0]) for f in found} - {LOOPBACK, "127.0.1.1"})
    return addresses[0] if addresses else socket.gethostname()


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
