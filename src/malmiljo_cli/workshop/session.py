"""A voting session as pure data: its setup, checking one vote, the tally, the workshop file.

No I/O here: the journal feeds records in, the web app asks questions. Every refusal carries a
stable code (docs/errors.md, "Workshop refusals") and a message key the pages translate.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..analysis.votes import borda

Kind = Literal["vote", "assess"]

# Code -> (HTTP status, message key in templates/workshop/<lang>.yaml).
REFUSALS: dict[str, tuple[int, str]] = {
    "R601": (413, "too_large"),
    "R602": (400, "malformed"),
    "R603": (422, "unknown_initiative"),
    "R604": (422, "too_many_dots"),
    "R605": (422, "too_many_on_one"),
    "R606": (422, "ballot_twice"),
    "R607": (422, "ballot_too_long"),
    "R608": (422, "empty_vote"),
    "R609": (403, "unknown_code"),
    "R610": (403, "code_used"),
    "R611": (403, "not_facilitator"),
    "R612": (409, "closed"),
    "R613": (409, "nobody_voted"),
    "R614": (409, "cannot_write"),
    "R615": (403, "not_joined"),
    "R616": (422, "unknown_capability"),
    "R617": (422, "level_outside"),
    "R618": (408, "too_slow"),
    "R619": (503, "not_saved"),
}


@dataclass(frozen=True)
class Refusal(Exception):
    """A request the session turns down, with what the phone should say."""

    code: str
    detail: str = ""

    @property
    def status(self) -> int:
        return REFUSALS[self.code][0]

    @property
    def key(self) -> str:
        return REFUSALS[self.code][1]


@dataclass(frozen=True)
class Setup:
    """What a session offers; fixed when it opens and kept in the journal's first record."""

    id: str
    date: dt.date
    items: tuple[str, ...]
    """Initiative ids on the ballot, in the order the page shows them."""
    dots: int
    """Dots per person; 0 when there is no dot voting."""
    max_per_item: int | None
    top: int
    """How many a ranked ballot orders; 0 when there is no ballot."""
    code: str | None
    """The shared session code; None when one-time codes are used instead."""
    tokens: tuple[str, ...] = ()
    kind: Kind = "vote"
    """`vote` (items are initiatives) or `assess` (items are capabilities, rated on the scale)."""
    area: str | None = None
    """The area an assessment covers (None: every area)."""
    levels: tuple[int, int] = (0, 5)
    """The scale an assessment rates on, lowest and highest level."""
    keys: str = ""
    """The secret that signs the device keys the server issues at join (kept for a resume)."""

    def as_record(self) -> dict[str, Any]:
        return {
            "t": "open",
            "version": 1,
            "id": self.id,
            "date": self.date.isoformat(),
            "items": list(self.items),
            "dots": self.dots,
            "max_per_item": self.max_per_item,
            "top": self.top,
            "code": self.code,
            "tokens": list(self.tokens),
            "kind": self.kind,
            "area": self.area,
            "levels": list(self.levels),
            "keys": self.keys,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Setup:
        low, high = record.get("levels", (0, 5))
        return cls(
            id=str(record["id"]),
            date=dt.date.fromisoformat(str(record["date"])),
            items=tuple(record["items"]),
            dots=int(record["dots"]),
            max_per_item=record["max_per_item"],
            top=int(record["top"]),
            code=record["code"],
            tokens=tuple(record["tokens"]),
            kind="assess" if record.get("kind") == "assess" else "vote",
            area=record.get("area"),
            levels=(int(low), int(high)),
            keys=str(record.get("keys", "")),
        )


@dataclass(frozen=True)
class Vote:
    """One person's vote: dots per initiative (zeros left out) and a ranked ballot; or, in an
    assessment, their ratings per capability (`current` and/or `target`)."""

    dots: Mapping[str, int]
    ballot: tuple[str, ...]
    ratings: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        if self.ratings:
            return {"ratings": {k: dict(v) for k, v in self.ratings.items()}}
        return {"dots": dict(self.dots), "ballot": list(self.ballot)}


def default_dots(live: int, dots_per_person: int | None) -> int:
    """The engagement's dots per person, else a third of the live initiatives, at most 5."""
    if dots_per_person is not None:
        return dots_per_person
    return max(1, min(5, live // 3))


def check_vote(setup: Setup, payload: Any) -> Vote:
    """The vote in a decoded JSON payload, or a Refusal saying what is wrong with it."""
    if setup.kind == "assess":
        return Vote(dots={}, ballot=(), ratings=_ratings(setup, payload))
    if not isinstance(payload, dict) or set(payload) - {"dots", "ballot"}:
        raise Refusal("R602")
    dots = _dots(setup, payload.get("dots", {}))
    ballot = _ballot(setup, payload.get("ballot", []))
    if not dots and not ballot:
        raise Refusal("R608")
    return Vote(dots=dots, ballot=ballot)


def _dots(setup: Setup, raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise Refusal("R602")
    if raw and not setup.dots:
        raise Refusal("R602", "this session has no dot voting")
    dots: dict[str, int] = {}
    for ident, count in raw.items():
        if ident not in setup.items:
            raise Refusal("R603", str(ident)[:64])
        if type(count) is not int or count < 0:
            raise Refusal("R602")
        if setup.max_per_item is not None and count > setup.max_per_item:
            raise Refusal("R605", str(setup.max_per_item))
        if count:
            dots[ident] = count
    if sum(dots.values()) > setup.dots:
        raise Refusal("R604", str(setup.dots))
    return dict(sorted(dots.items()))


def _ratings(setup: Setup, payload: Any) -> dict[str, dict[str, int]]:
    if not isinstance(payload, dict) or set(payload) != {"ratings"}:
        raise Refusal("R602")
    raw = payload["ratings"]
    if not isinstance(raw, dict):
        raise Refusal("R602")
    low, high = setup.levels
    found: dict[str, dict[str, int]] = {}
    for ident, rating in raw.items():
        if ident not in setup.items:
            raise Refusal("R616", str(ident)[:64])
        if not isinstance(rating, dict) or set(rating) - {"current", "target"}:
            raise Refusal("R602")
        for level in rating.values():
            if type(level) is not int:
                raise Refusal("R602")
            if not low <= level <= high:
                raise Refusal("R617", f"{low}–{high}")
        if rating:
            found[ident] = dict(sorted(rating.items()))
    if not found:
        raise Refusal("R608")
    return dict(sorted(found.items()))


def _ballot(setup: Setup, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(i, str) for i in raw):
        raise Refusal("R602")
    if raw and not setup.top:
        raise Refusal("R602", "this session has no ranked ballot")
    for ident in raw:
        if ident not in setup.items:
            raise Refusal("R603", ident[:64])
    if len(set(raw)) != len(raw):
        raise Refusal("R606")
    if len(raw) > setup.top:
        raise Refusal("R607", str(setup.top))
    return tuple(raw)


@dataclass
class State:
    """The session as the journal's records leave it: last vote per voter, who joined, flags."""

    setup: Setup
    votes: dict[str, Vote] = field(default_factory=dict)
    """voter -> their last vote (a voter is a one-time code, or a device in code sessions)."""
    bound: dict[str, str] = field(default_factory=dict)
    """one-time code -> the device that first voted with it."""
    joined: set[str] = field(default_factory=set)
    hidden: bool = False
    closed: bool = False

    def __post_init__(self) -> None:
        # Staff's answers are not shown to the room until the facilitator reveals them: a
        # running median anchors whoever has not answered yet.
        if self.setup.kind == "assess":
            self.hidden = True

    def apply(self, record: Mapping[str, Any]) -> None:
        """Fold one journal record into the state."""
        kind = record.get("t")
        if kind == "vote":
            voter, device = str(record["voter"]), str(record["device"])
            self.votes[voter] = Vote(
                dict(record.get("dots", {})),
                tuple(record.get("ballot", [])),
                dict(record.get("ratings", {})),
            )
            self.joined.add(device)
            if self.setup.code is None:
                self.bound.setdefault(voter, device)
        elif kind == "join":
            self.joined.add(str(record["device"]))
        elif kind == "hide":
            self.hidden = bool(record["hidden"])
        elif kind == "closed":
            self.closed = True

    def voter_for(self, code: str, device: str) -> str:
        """Who is voting: the one-time code, or the device in a shared-code session."""
        if self.setup.code is not None:
            if code != self.setup.code:
                raise Refusal("R609")
            return device
        if code not in self.setup.tokens:
            raise Refusal("R609")
        if self.bound.get(code, device) != device:
            raise Refusal("R610")
        return code


@dataclass(frozen=True)
class Tally:
    """What the facilitator sees: dots and Borda points per initiative, and who took part."""

    voted: int
    joined: int
    dots: Mapping[str, int]
    points: Mapping[str, int]
    ballots: int


def tally(state: State) -> Tally:
    """Sum every voter's last vote."""
    items = state.setup.items
    dots = dict.fromkeys(items, 0)
    for vote in state.votes.values():
        for ident, count in vote.dots.items():
            dots[ident] += count
    ballots = [v.ballot for v in state.votes.values() if v.ballot]
    return Tally(
        voted=len(state.votes),
        joined=max(len(state.joined), len(state.votes)),
        dots=dots,
        points=borda(ballots, items) if ballots else dict.fromkeys(items, 0),
        ballots=len(ballots),
    )


def workshop_file(state: State) -> dict[str, Any]:
    """The `workshops/<id>.yaml` content: dots per initiative (most first), ballots, participants.

    Ballots are sorted, so the file says nothing about who voted in which order.
    """
    if not state.votes:
        raise Refusal("R613")
    dots: dict[str, int] = {}
    for vote in state.votes.values():
        for ident, count in vote.dots.items():
            dots[ident] = dots.get(ident, 0) + count
    data: dict[str, Any] = {
        "id": state.setup.id,
        "date": state.setup.date,
        "participants": len(state.votes),
    }
    if dots:
        data["votes"] = dict(sorted(dots.items(), key=lambda kv: (-kv[1], kv[0])))
    ballots = sorted(list(v.ballot) for v in state.votes.values() if v.ballot)
    if ballots:
        data["ballots"] = ballots
    return data


def pooled_ratings(state: State) -> dict[str, tuple[list[int], list[int]]]:
    """Per capability, every last rating of today and of the target, each list sorted."""
    found: dict[str, tuple[list[int], list[int]]] = {i: ([], []) for i in state.setup.items}
    for vote in state.votes.values():
        for ident, rating in vote.ratings.items():
            if "current" in rating:
                found[ident][0].append(rating["current"])
            if "target" in rating:
                found[ident][1].append(rating["target"])
    return {k: (sorted(now), sorted(aim)) for k, (now, aim) in found.items()}


def median(values: list[int]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def assessment_file(state: State) -> dict[str, Any]:
    """The `assessments/<id>.yaml` content: sorted ratings per capability, so none says who."""
    if not state.votes:
        raise Refusal("R613")
    data: dict[str, Any] = {"id": state.setup.id, "date": state.setup.date}
    if state.setup.area is not None:
        data["area"] = state.setup.area
    data["participants"] = len(state.votes)
    data["ratings"] = {
        ident: {"current": now, "target": aim}
        for ident, (now, aim) in pooled_ratings(state).items()
        if now or aim
    }
    return data


def result_file(state: State) -> dict[str, Any]:
    """What closing writes, for either kind of session."""
    return assessment_file(state) if state.setup.kind == "assess" else workshop_file(state)
