"""The voting session as pure data (workshop/session.py), the journal, texts and refusal codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from malmiljo_cli.workshop import journal
from malmiljo_cli.workshop.pages import texts
from malmiljo_cli.workshop.session import (
    REFUSALS,
    Refusal,
    Setup,
    State,
    check_vote,
    default_dots,
    tally,
    workshop_file,
)

from .helpers import ROOT

SETUP = Setup(
    id="konferens",
    date=dt.date(2026, 3, 1),
    items=("a", "b", "c", "d"),
    dots=3,
    max_per_item=2,
    top=2,
    code="ABC234",
)


def refused(payload: Any, setup: Setup = SETUP) -> str:
    with pytest.raises(Refusal) as caught:
        check_vote(setup, payload)
    return caught.value.code


def test_a_valid_vote_drops_zeros_and_sorts() -> None:
    vote = check_vote(SETUP, {"dots": {"b": 2, "a": 1, "c": 0}, "ballot": ["c", "a"]})
    assert dict(vote.dots) == {"a": 1, "b": 2}
    assert vote.ballot == ("c", "a")


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ([], "R602"),
        ({"dots": {"a": 1}, "extra": 1}, "R602"),
        ({"dots": {"a": "1"}}, "R602"),
        ({"dots": {"a": True}}, "R602"),
        ({"dots": {"a": -1}}, "R602"),
        ({"dots": {"zz": 1}}, "R603"),
        ({"dots": {"a": 2, "b": 2}}, "R604"),
        ({"dots": {"a": 1000}}, "R605"),
        ({"ballot": ["a", "a"]}, "R606"),
        ({"ballot": ["a", "b", "c"]}, "R607"),
        ({"ballot": ["zz"]}, "R603"),
        ({"ballot": "a"}, "R602"),
        ({}, "R608"),
        ({"dots": {"a": 0}, "ballot": []}, "R608"),
    ],
)
def test_bad_votes_are_refused_with_their_code(payload: Any, code: str) -> None:
    assert refused(payload) == code


def test_last_vote_counts_and_one_time_codes_bind_to_one_device() -> None:
    setup = Setup(**{**SETUP.__dict__, "code": None, "tokens": ("T1", "T2")})
    state = State(setup)
    assert state.voter_for("T1", "phone-1") == "T1"
    state.apply({"t": "vote", "voter": "T1", "device": "phone-1", "dots": {"a": 2}, "ballot": []})
    state.apply({"t": "vote", "voter": "T1", "device": "phone-1", "dots": {"b": 1}, "ballot": []})
    with pytest.raises(Refusal) as caught:
        state.voter_for("T1", "phone-2")
    assert caught.value.code == "R610"
    with pytest.raises(Refusal):
        state.voter_for("T3", "phone-2")
    counts = tally(state)
    assert (counts.voted, dict(counts.dots)) == (1, {"a": 0, "b": 1, "c": 0, "d": 0})


def test_the_workshop_file_sums_last_votes_and_sorts_ballots() -> None:
    state = State(SETUP)
    with pytest.raises(Refusal):
        workshop_file(state)
    for device, dots, ballot in [
        ("x", {"a": 2}, ["b", "a"]),
        ("y", {"a": 1, "c": 2}, ["a"]),
        ("x", {"c": 1}, ["a", "b"]),
    ]:
        state.apply(
            {"t": "vote", "voter": device, "device": device, "dots": dots, "ballot": ballot}
        )
    assert workshop_file(state) == {
        "id": "konferens",
        "date": dt.date(2026, 3, 1),
        "participants": 2,
        "votes": {"c": 3, "a": 1},
        "ballots": [["a"], ["a", "b"]],
    }


def test_default_dots() -> None:
    assert default_dots(14, None) == 4
    assert default_dots(30, None) == 5
    assert default_dots(2, None) == 1
    assert default_dots(30, 7) == 7


def test_journal_cuts_a_torn_tail(tmp_path: Path) -> None:
    folder = journal.private_folder(tmp_path, "workshops")
    path = folder / "s.jsonl"
    log = journal.Journal.create(path, SETUP.as_record())
    log.append([{"t": "join", "device": "x"}])
    log.close()
    with path.open("ab") as handle:
        handle.write(b'{"t":"vote","voter":"x","dev')  # the power went mid-write
    again, records = journal.Journal.reopen(path)
    again.close()
    assert [r["t"] for r in records] == ["open", "join"]
    assert path.read_bytes().endswith(b"}\n")
    assert Setup.from_record(records[0]) == SETUP
    assert (tmp_path / ".malmiljo" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert path.stat().st_mode & 0o077 == 0


def test_texts_have_the_same_keys_in_both_languages() -> None:
    def keys(data: dict[str, Any], prefix: str = "") -> set[str]:
        found = set()
        for key, value in data.items():
            found.add(prefix + key)
            if isinstance(value, dict):
                found |= keys(value, f"{prefix}{key}.")
        return found

    assert keys(texts("sv")) == keys(texts("en"))
    assert {key for _, key in REFUSALS.values()} == set(texts("en")["refusals"])


def test_every_refusal_code_is_documented() -> None:
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert [code for code in REFUSALS if f"| {code} |" not in text] == []
