"""`malmiljo workshop vote`: staff vote from their phones; closing writes workshops/<id>.yaml."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import console
from ..analysis.scoring import open_initiatives
from ..errors import InvalidEngagement, MalmiljoError, UsageError
from ..models import Engagement
from ..models.types import ID_PATTERN
from ..validate import load_engagement

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
DEFAULT_PORT = 8765


@dataclass(frozen=True)
class Listen:
    """Where the server listens and the address phones are given."""

    lan: bool = False
    port: int = DEFAULT_PORT
    url: str | None = None
    """The address phones should use (`--url`), instead of the one the server works out."""

    def again(self, bound_port: int) -> str:
        """The options a resume needs to keep the same address for the phones."""
        words = " --lan" if self.lan else ""
        if bound_port != DEFAULT_PORT:
            words += f" --port {bound_port}"
        if self.url:
            words += f" --url {self.url}"
        return words


def vote(
    engagement: Path,
    *,
    ident: str | None = None,
    dots: int | None = None,
    ballot: bool = False,
    top: int | None = None,
    tokens: int = 0,
    listen: Listen = Listen(),
) -> int:
    """Open (or resume) a voting session and serve it until it is closed or stopped."""
    eng = _engagement(engagement)
    ident = _ident(ident, "workshop")
    written = any(w.id == ident for w in eng.workshops)
    target = _target(engagement, "workshops", ident, written=written)

    def new() -> Any:
        return _new_setup(eng, ident, dots=dots, ballot=ballot, top=top, tokens=tokens)

    def resumed(record: dict[str, Any]) -> Any:
        return _resumed(record, dots=dots, ballot=ballot, top=top, tokens=tokens)

    return _session(engagement, eng, target, new, resumed, listen=listen)


def assess(
    engagement: Path,
    *,
    ident: str | None = None,
    area: str | None = None,
    tokens: int = 0,
    listen: Listen = Listen(),
) -> int:
    """Open (or resume) a self-assessment: staff rate today's and the target level."""
    from ..workshop.session import Setup

    eng = _engagement(engagement)
    ident = _ident(ident, "assessment")
    written = any(a.id == ident for a in eng.assessments)
    target = _target(engagement, "assessments", ident, written=written)
    if area is not None and area not in eng.area_by_id:
        from ..messages import did_you_mean

        raise UsageError(
            f"there is no area '{area}'{did_you_mean(area, eng.area_by_id, list_all=True)}"
        )
    capabilities = tuple(c.id for c in eng.capabilities if area is None or c.area == area)
    if not capabilities:
        raise UsageError("there is no capability to rate")
    if not 0 <= tokens <= 1000:
        raise UsageError("--tokens takes 1 to 1000 one-time codes")

    def new() -> Any:
        return Setup(
            id=ident,
            date=dt.date.today(),  # the day the session opened; a resume keeps it
            items=capabilities,
            dots=0,
            max_per_item=None,
            top=0,
            code=None if tokens else _codes(1, 6)[0],
            tokens=_codes(tokens, 8) if tokens else (),
            kind="assess",
            area=area,
            levels=(eng.meta.scale.min, eng.meta.scale.max),
            keys=secrets.token_urlsafe(32),
        )

    def resumed(record: dict[str, Any]) -> Any:
        setup = Setup.from_record(record)
        if setup.kind != "assess":
            raise UsageError(f"session '{ident}' is a vote, not an assessment; choose another --id")
        if (area is not None and area != setup.area) or (tokens and tokens != len(setup.tokens)):
            raise UsageError(
                f"session '{ident}' was opened with other settings (--area or --tokens); "
                "resume it without those options, or choose another --id"
            )
        return setup

    return _session(engagement, eng, target, new, resumed, listen=listen)


def _engagement(engagement: Path) -> Engagement:
    eng = load_engagement(engagement).engagement
    assert eng is not None  # load_engagement raises otherwise
    return eng


def _ident(ident: str | None, prefix: str) -> str:
    ident = ident or f"{prefix}-{dt.date.today().isoformat()}"
    if not re.match(ID_PATTERN, ident) or len(ident) > 64:
        raise UsageError(f"'{ident}' is not a valid id: a letter, then letters, digits, - or _")
    return ident


def _target(engagement: Path, folder: str, ident: str, *, written: bool) -> Path:
    target = engagement / folder / f"{ident}.yaml"
    if target.exists() or written:
        raise UsageError(f"'{ident}' is already written ({target}); choose another --id")
    return target


def _session(
    engagement: Path,
    eng: Engagement,
    target: Path,
    new: Callable[[], Any],
    resumed: Callable[[dict[str, Any]], Any],
    *,
    listen: Listen,
) -> int:
    """Take the session, listen, then open the journal (resuming it when it exists) and serve.

    Nothing is created before the socket listens, so a start that cannot listen leaves no
    session behind and a retry may choose other settings.
    """
    from ..workshop.journal import private_folder
    from ..workshop.lock import SessionLock

    path = private_folder(engagement, target.parent.name) / f"{target.stem}.jsonl"
    lock = SessionLock.acquire(path.with_suffix(".lock"), session=target.stem)
    try:
        state, records = _state(path, target, new, resumed)
        return _serve(
            engagement,
            eng,
            state,
            records,
            target=target,
            journal_path=path,
            lock=lock,
            listen=listen,
        )
    finally:
        lock.release()


def _state(
    path: Path, target: Path, new: Callable[[], Any], resumed: Callable[[dict[str, Any]], Any]
) -> tuple[Any, list[dict[str, Any]] | None]:
    """The session's state: from the journal's records when it exists (returned too), else new."""
    from ..workshop.journal import read
    from ..workshop.session import State

    if not path.exists():
        return State(new()), None
    records, _ = read(path)
    if not records or records[0].get("t") != "open":
        raise MalmiljoError(f"{path} is not a malmiljo session journal; move it away")
    if records[0].get("kind", "vote") != (
        "assess" if target.parent.name == "assessments" else "vote"
    ):
        raise UsageError(f"{path} belongs to another kind of session; choose another --id")
    setup = resumed(records[0])
    if not setup.keys:  # a journal from before device keys were signed: sign from now on
        setup = dataclasses.replace(setup, keys=secrets.token_urlsafe(32))
    state = State(setup)
    for record in records[1:]:
        state.apply(record)
    if state.closed:
        raise UsageError(f"session '{state.setup.id}' is closed; open a new one with another --id")
    return state, records


def _new_setup(
    eng: Engagement, ident: str, *, dots: int | None, ballot: bool, top: int | None, tokens: int
) -> Any:
    from ..workshop.session import Setup, default_dots

    live = [i.id for i in open_initiatives(eng)]
    if not live:
        raise UsageError("the engagement has no live initiative (all are done or dropped)")
    if (dots is not None and dots < 1) or (top is not None and not 1 <= top <= len(live)):
        raise UsageError(f"--dots takes 1 or more, --top 1 to {len(live)} (the live initiatives)")
    if not 0 <= tokens <= 1000:
        raise UsageError("--tokens takes 1 to 1000 one-time codes")
    if ballot:
        per_person, places = dots or 0, top or min(5, len(live))
    else:
        if top is not None:
            raise UsageError("--top goes with --ballot")
        per_person = dots or default_dots(len(live), eng.meta.scoring.dots_per_person)
        places = 0
    codes = _codes(tokens, 8) if tokens else ()
    return Setup(
        id=ident,
        date=dt.date.today(),  # the day the session opened; a resume keeps it
        items=tuple(live),
        dots=per_person,
        max_per_item=eng.meta.scoring.max_dots_per_item if per_person else None,
        top=places,
        code=None if tokens else _codes(1, 6)[0],
        tokens=codes,
        keys=secrets.token_urlsafe(32),
    )


def _codes(count: int, length: int) -> tuple[str, ...]:
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(secrets.choice(ALPHABET) for _ in range(length)))
    return tuple(sorted(found))


def _resumed(
    record: dict[str, Any], *, dots: int | None, ballot: bool, top: int | None, tokens: int
) -> Any:
    """The journal's setup; options that contradict it are refused rather than ignored."""
    from ..workshop.session import Setup

    setup = Setup.from_record(record)
    clashes = [
        name
        for name, differs in (
            ("--dots", dots is not None and dots != setup.dots),
            ("--ballot", ballot and not setup.top),
            ("--top", top is not None and top != setup.top),
            ("--tokens", tokens and tokens != len(setup.tokens)),
        )
        if differs
    ]
    if clashes:
        raise UsageError(
            f"session '{setup.id}' was opened with other settings ({', '.join(clashes)}); "
            "resume it without those options, or choose another --id"
        )
    return setup


def _serve(
    engagement: Path,
    eng: Engagement,
    state: Any,
    records: list[dict[str, Any]] | None,
    *,
    target: Path,
    journal_path: Path,
    lock: Any,
    listen: Listen,
) -> int:
    from ..workshop.app import Context, make_app
    from ..workshop.journal import Journal
    from ..workshop.live import Live
    from ..workshop.server import LOOPBACK, bind, lan_address, make_server, public_url, qr_svg

    setup = state.setup
    sock = bind(lan=listen.lan, port=listen.port)
    try:
        bound = sock.getsockname()[1]
        base = (
            public_url(listen.url)
            if listen.url
            else f"http://{lan_address() if listen.lan else LOOPBACK}:{bound}"
        )
        local = f"http://{LOOPBACK}:{bound}"
        lock.name(f"process {os.getpid()}, {local}")
        if records is None:
            journal = Journal.create(journal_path, setup.as_record())
        else:
            journal, _ = Journal.reopen(journal_path)
            console.message(f"resuming session '{setup.id}' with {len(state.votes)} answer(s)")
    except BaseException:
        sock.close()
        raise
    join_url = f"{base}/j/{setup.code}" if setup.code else f"{base}/"
    secret = secrets.token_urlsafe(24)

    def close(data: dict[str, Any]) -> str:
        written = _write(engagement, target, data)
        console.message(
            f"closed: wrote {target}; phones are told voting is closed until you stop the "
            "server with Ctrl-C"
        )
        return written

    ctx = Context(
        live=Live(state, journal),
        engagement=eng,
        facilitator_secret=secret,
        join_url=join_url,
        qr_svg=qr_svg(join_url, fluid=True),
        close=close,
        reachable=listen.lan or listen.url is not None,
    )
    server = make_server(make_app(ctx))
    facilitator = f"{local}/facilitator#k={secret}"
    resume = f"malmiljo workshop {_verb(setup)} -e {engagement} --id {setup.id}"
    resume += listen.again(bound)
    try:
        _announce(
            engagement,
            eng,
            setup,
            base=base,
            join_url=join_url,
            facilitator=facilitator,
            lan=listen.lan,
            resume=resume,
        )
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops on Ctrl-C, then raises it again: a normal stop
        pass
    finally:
        sock.close()
        journal.close()
    if not state.closed:
        console.message(f"stopped; every counted answer is kept. Resume with: {resume}")
    return 0


def _announce(
    engagement: Path,
    eng: Engagement,
    setup: Any,
    *,
    base: str,
    join_url: str,
    facilitator: str,
    lan: bool,
    resume: str,
) -> None:
    from ..workshop.server import qr_text

    console.data(f"Participants join at: {join_url}")
    console.data(qr_text(join_url))
    if setup.tokens:
        cards = _cards(engagement, eng, setup, base)
        console.data(f"{len(setup.tokens)} one-time codes (cards to print: {cards}):")
        console.data(" ".join(setup.tokens))
    else:
        console.data(f"Session code: {setup.code}")
    console.data(f"Facilitator (keep this link to yourself): {facilitator}")
    noun = "capabilities to rate" if setup.kind == "assess" else "initiatives"
    what = [f"{len(setup.items)} {noun}"]
    if setup.dots:
        cap = f" (at most {setup.max_per_item} on one)" if setup.max_per_item else ""
        what.append(f"{setup.dots} dots each{cap}")
    if setup.top:
        what.append(f"a ranked ballot of the top {setup.top}")
    console.message(f"Session '{setup.id}': {', '.join(what)}.")
    if lan:
        console.message(
            "Listening on the local network (every interface of this computer): anyone on this "
            "network can open the join page; the session code keeps strangers from voting."
        )
    else:
        console.message(
            "Listening on this computer only; add --lan to let phones on the network join."
        )
    console.message(f"Stop with Ctrl-C; resume with: {resume}")


def _cards(engagement: Path, eng: Engagement, setup: Any, base: str) -> Path:
    from ..workshop.cards import cards_pdf
    from ..workshop.journal import private_folder
    from ..writer import write_bytes

    lang = eng.meta.language
    pdf = cards_pdf(
        tokens=setup.tokens,
        base_url=base,
        title=eng.meta.name,
        hint=f"{base}/",
        lang=lang,
    )
    path = private_folder(engagement, "workshops") / f"{setup.id}-cards.pdf"
    write_bytes(path, pdf)
    return path


def _verb(setup: Any) -> str:
    return "assess" if setup.kind == "assess" else "vote"


def _write(engagement: Path, target: Path, data: dict[str, Any]) -> str:
    """Write the session's file as one validated change; the message names what is wrong."""
    from ..edit import edit
    from ..write.data.yamlfile import as_yaml
    from ..write.terminal.diagnostics import as_text

    text = as_yaml(data, comment=f"Written by malmiljo workshop when session '{data['id']}' closed")
    try:
        edit(engagement, [], creates={target: text})
    except InvalidEngagement as exc:
        raise MalmiljoError(as_text(exc.problems)) from None
    return f"{target.parent.name}/{target.name}"
