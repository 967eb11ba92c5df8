"""The web application: join, vote, and the facilitator's live view, as one Starlette app.

Participants hold two cookies (HttpOnly, SameSite=Strict): the code they joined with and a device
key the server issued when they joined, signed with the session's secret, so a key the server
never issued cannot vote; the journal keeps only a hash of the key. The facilitator's secret travels in the
page's URL fragment and then in a request header, so it never appears in a request line or log.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..models import Engagement
from .live import Live
from .pages import Page, page, render, static
from .session import Refusal, check_vote, median, pooled_ratings, result_file, tally

MAX_BODY = 16 * 1024
BODY_TIMEOUT = 10.0
"""Seconds a request's body may take to arrive; a vote is a few hundred bytes."""
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
CONTENT_TYPES = {"css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"}


@dataclass
class Context:
    """What the app is given: the session, the engagement, and what closing does."""

    live: Live
    engagement: Engagement
    facilitator_secret: str
    join_url: str
    qr_svg: str
    close: Callable[[dict[str, Any]], str]
    """Writes the workshop file (blocking); returns its path as shown, or raises."""
    reachable: bool = True
    """Whether phones can open `join_url` (not when it is this computer's loopback)."""


def make_app(ctx: Context) -> Starlette:
    """The ASGI app for one session."""
    view = page(ctx.engagement, ctx.live.state.setup, reachable=ctx.reachable)
    handlers = _Handlers(ctx, view)
    return Starlette(
        routes=[
            Route("/", handlers.home),
            Route("/j", handlers.join),
            Route("/j/{code}", handlers.join),
            Route("/vote", handlers.vote_page),
            Route("/api/vote", handlers.vote, methods=["GET", "POST"]),
            Route("/facilitator", handlers.facilitator_page),
            Route("/api/facilitator", handlers.state),
            Route("/api/facilitator/qr", handlers.qr),
            Route("/api/facilitator/hide", handlers.hide, methods=["POST"]),
            Route("/api/facilitator/close", handlers.close, methods=["POST"]),
            Route("/static/{name}", handlers.static),
        ]
    )


def issue_key(secret: str) -> str:
    """A new device key: a random part and its signature with the session's secret."""
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_signature(secret, nonce)}"


def issued(secret: str, key: str) -> bool:
    """Whether the server issued `key` (its signature matches)."""
    nonce, dot, signature = key.partition(".")
    return bool(dot) and hmac.compare_digest(signature.encode(), _signature(secret, nonce).encode())


def _signature(secret: str, nonce: str) -> str:
    digest = hmac.new(secret.encode(), nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def device_hash(key: str) -> str:
    """What the journal keeps of a device key: enough to recognise it, not to impersonate it."""
    return hashlib.sha256(key.encode()).hexdigest()[:32]


class _Handlers:
    def __init__(self, ctx: Context, view: Page) -> None:
        self.ctx = ctx
        self.view = view
        self.t = view.t

    # Participants

    async def home(self, request: Request) -> Response:
        if self._code(request) is not None:
            return RedirectResponse("/vote", status_code=303)
        return self._html("join.html.j2", error=None)

    async def join(self, request: Request) -> Response:
        code = request.path_params.get("code") or request.query_params.get("code", "")
        code = code.strip().upper()
        key = request.cookies.get("mm_device", "")
        if not issued(self.ctx.live.state.setup.keys, key):
            key = issue_key(self.ctx.live.state.setup.keys)
        try:
            self.ctx.live.state.voter_for(code, device_hash(key))
        except Refusal as refusal:
            return self._html("join.html.j2", error=self._say(refusal), status=refusal.status)
        try:
            await self.ctx.live.join(device_hash(key))
        except OSError:
            unsaved = Refusal("R619")
            return self._html("join.html.j2", error=self._say(unsaved), status=unsaved.status)
        response = RedirectResponse("/vote", status_code=303)
        for name, value in (("mm_code", code), ("mm_device", key)):
            response.set_cookie(name, value, httponly=True, samesite="strict", max_age=86400)
        return _secured(response)

    async def vote_page(self, request: Request) -> Response:
        if self._code(request) is None:
            return _secured(RedirectResponse("/", status_code=303))
        template = "assess.html.j2" if self.view.kind == "assess" else "vote.html.j2"
        state = self.ctx.live.state
        result = self._result() if state.closed and not state.hidden else None
        return self._html(template, closed=state.closed, result=result)

    async def vote(self, request: Request) -> Response:
        try:
            code, device = self._voter(request)
            if request.method == "GET":
                voter = self.ctx.live.state.voter_for(code, device)
                mine = self.ctx.live.state.votes.get(voter)
                return _json({"ok": True, "vote": mine.as_json() if mine else None})
            payload = await _payload(request)
            ballot = check_vote(self.ctx.live.state.setup, payload)
            await self.ctx.live.vote(code=code, device=device, vote=ballot)
        except Refusal as refusal:
            return self._refused(refusal)
        except OSError:  # the journal could not be written: the vote is counted nowhere
            return self._refused(Refusal("R619"))
        return _json({"ok": True, "message": self.t["counted"]})

    def _code(self, request: Request) -> str | None:
        try:
            code, device = self._voter(request)
            self.ctx.live.state.voter_for(code, device)
        except Refusal:
            return None
        return code

    def _voter(self, request: Request) -> tuple[str, str]:
        code, key = request.cookies.get("mm_code"), request.cookies.get("mm_device")
        if not code or not key or not issued(self.ctx.live.state.setup.keys, key):
            raise Refusal("R615")
        return code, device_hash(key)

    # The facilitator

    async def facilitator_page(self, request: Request) -> Response:
        return self._html("facilitator.html.j2")

    def _facilitator(self, request: Request) -> None:
        given = request.headers.get("x-facilitator", "")
        if not hmac.compare_digest(given.encode(), self.ctx.facilitator_secret.encode()):
            raise Refusal("R611")

    async def state(self, request: Request) -> Response:
        try:
            self._facilitator(request)
        except Refusal as refusal:
            return self._refused(refusal)
        state = self.ctx.live.state
        counts = tally(state)
        shown = not state.hidden or state.closed
        rows = self._rows() if self.view.kind == "assess" else None
        return _json(
            {
                "ok": True,
                "voted": counts.voted,
                "joined": counts.joined,
                "expected": len(state.setup.tokens) or None,
                "ballots": counts.ballots,
                "hidden": state.hidden,
                "closed": state.closed,
                "bars": (rows or self._bars()) if shown else None,
                "join_url": self.ctx.join_url,
                "code": state.setup.code,
            }
        )

    def _bars(self) -> list[dict[str, Any]]:
        """A vote's tally: dots and Borda points per initiative, the leader first."""
        counts = tally(self.ctx.live.state)
        table = counts.dots if self.view.dots else counts.points
        ranked = sorted(self.view.cards, key=lambda c: (-table.get(c.id, 0), c.id))
        return [
            {
                "id": c.id,
                "title": c.title,
                "colour": c.colour,
                "dots": counts.dots.get(c.id, 0),
                "points": counts.points.get(c.id, 0),
            }
            for c in ranked
        ]

    def _result(self) -> list[dict[str, str]]:
        """What phones are shown once the session is closed, if the facilitator shows it."""
        if self.view.kind == "assess":
            return [{"title": r["title"], "text": r["text"]} for r in self._rows()]
        key = "dots" if self.view.dots else "points"
        units = (
            (self.t["dot_unit"], self.t["dots_unit"])
            if self.view.dots
            else (
                self.t["point_unit"],
                self.t["points_unit"],
            )
        )
        return [
            {"title": b["title"], "text": f"{b[key]} {units[0] if b[key] == 1 else units[1]}"}
            for b in self._bars()
        ]

    def _rows(self) -> list[dict[str, Any]]:
        """An assessment's live view: per capability, staff's median beside the assessed level."""
        pooled = pooled_ratings(self.ctx.live.state)
        rows = []
        for card in self.view.cards:
            cap = self.ctx.engagement.capability_by_id[card.id]
            now, aim = pooled.get(card.id, ([], []))
            text = [
                self.t[key].format(staff=_level(median(values)), assessed=assessed)
                for key, values, assessed in (
                    ("staff_today", now, cap.current),
                    ("staff_target", aim, cap.target),
                )
            ]
            text.append(self.t["answers"].format(n=max(len(now), len(aim))))
            rows.append(
                {
                    "id": card.id,
                    "title": card.title,
                    "colour": card.colour,
                    "text": " · ".join(text),
                }
            )
        return rows

    async def qr(self, request: Request) -> Response:
        try:
            self._facilitator(request)
        except Refusal as refusal:
            return self._refused(refusal)
        return _secured(Response(self.ctx.qr_svg, media_type="image/svg+xml"))

    async def hide(self, request: Request) -> Response:
        try:
            self._facilitator(request)
            payload = await _payload(request)
            if not isinstance(payload, dict) or type(payload.get("hidden")) is not bool:
                raise Refusal("R602")
            if self.ctx.live.state.closed:
                raise Refusal("R612")
            await self.ctx.live.record({"t": "hide", "hidden": payload["hidden"]})
        except Refusal as refusal:
            return self._refused(refusal)
        except OSError:
            return self._refused(Refusal("R619"))
        return _json({"ok": True})

    async def close(self, request: Request) -> Response:
        live = self.ctx.live
        try:
            self._facilitator(request)
            if live.state.closed:
                raise Refusal("R612")
            data = result_file(live.state)
        except Refusal as refusal:
            return self._refused(refusal)
        live.state.closed = True  # no vote is taken from here on
        await live.flush()
        data = result_file(live.state)
        try:
            where = await asyncio.to_thread(self.ctx.close, data)
        except Exception as exc:  # the engagement changed under us, or the disk said no
            live.state.closed = False
            return self._refused(Refusal("R614", str(exc)))
        with contextlib.suppress(OSError):  # the file is written: closed, whatever the journal says
            await live.record({"t": "closed", "file": where})
        return _json({"ok": True, "file": where, "message": self.t["written"].format(file=where)})

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        kind = name.rpartition(".")[2]
        if (
            name not in ("workshop.css", "vote.js", "assess.js", "facilitator.js")
            or kind not in CONTENT_TYPES
        ):
            return _secured(Response("not found", status_code=404, media_type="text/plain"))
        return _secured(Response(static(name), media_type=CONTENT_TYPES[kind]))

    # Shared

    def _html(self, template: str, *, status: int = 200, **extra: Any) -> Response:
        text = render(template, p=self.view, **extra)
        return _secured(Response(text, status_code=status, media_type="text/html; charset=utf-8"))

    def _say(self, refusal: Refusal) -> str:
        message = str(self.t["refusals"][refusal.key])
        return message.format(detail=refusal.detail) if "{detail}" in message else message

    def _refused(self, refusal: Refusal) -> Response:
        body = {"ok": False, "code": refusal.code, "message": self._say(refusal)}
        return _json(body, status=refusal.status)


async def _payload(request: Request) -> Any:
    """The request's JSON, refusing anything over MAX_BODY before reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise Refusal("R601")
    body = bytearray()
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_BODY:
                    raise Refusal("R601")
    except TimeoutError:
        raise Refusal("R618") from None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested thousands deep
        raise Refusal("R602") from None


def _json(body: dict[str, Any], *, status: int = 200) -> Response:
    text = json.dumps(body, ensure_ascii=False)
    return _secured(Response(text, status_code=status, media_type="application/json"))


def _secured(response: Response) -> Response:
    response.headers.update(HEADERS)
    return response


def _level(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
