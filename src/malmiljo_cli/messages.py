"""Pydantic's error wording rewritten for consultants, with a stable code for each kind."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

_TYPE_WORDS = {
    "int": "a whole number",
    "float": "a number",
    "string": "text",
    "str": "text",
    "list": "a list",
    "dict": "a mapping of keys to values",
    "bool": "true or false",
    "date": "a date written as YYYY-MM-DD",
}


def code_and_message(err: Any, *, allowed_fields: list[str]) -> tuple[str, str]:
    """The stable code and a plain sentence for one pydantic error dict."""
    kind: str = err["type"]
    loc = err["loc"]
    name = str(loc[-1]) if loc else "value"
    subject = _subject(tuple(loc))
    ctx = err.get("ctx") or {}
    given = _show(err.get("input"))
    if kind == "missing":
        return "E201", f"the field '{name}' is required here"
    if kind == "extra_forbidden":
        return "E202", f"unknown field '{name}'{did_you_mean(name, allowed_fields, list_all=True)}"
    if kind == "string_pattern_mismatch":
        return "E205", (
            f"{given} is not a valid id: start with a letter, then use only "
            "letters, digits, '-' or '_' (no spaces or å, ä, ö)"
        )
    if kind.endswith("_type") or kind.endswith("_parsing"):
        wanted = _TYPE_WORDS.get(kind.split("_")[0], kind.split("_")[0])
        return "E203", f"{subject} must be {wanted}, not {given}"
    if kind == "literal_error" and len(loc) >= 2 and loc[-1] == "[key]":
        key = str(err.get("input"))
        allowed = [
            str(v).strip("'")
            for v in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")
        ]
        return (
            "E202",
            f"unknown key '{key}' in '{loc[-3]}'{did_you_mean(key, allowed, list_all=True)}",
        )
    if kind == "literal_error":
        return "E204", f"{subject} must be one of {ctx.get('expected', '?')}, not {given}"
    if kind in _BOUNDS:
        return "E204", f"{subject} must be {_BOUNDS[kind]} {ctx.get(_BOUND_KEY[kind])}, not {given}"
    if kind in ("string_too_short", "too_short"):
        return "E204", f"{subject} must not be empty"
    if kind == "string_too_long":
        return "E204", f"{subject} is longer than {ctx.get('max_length')} characters"
    text = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    return "E204", f"{subject}: {text}" if name != "value" and loc else text


def _subject(loc: tuple[Any, ...]) -> str:
    """The field in words: `'effect'`, `item 2 of 'steps'`, `the key 'x' in 'labels'`."""
    if not loc:
        return "the value"
    last = loc[-1]
    if last == "[key]" and len(loc) >= 2:
        inside = f" in '{loc[-3]}'" if len(loc) >= 3 else ""
        return f"the key '{loc[-2]}'{inside}"
    if isinstance(last, int):
        owner = next((str(p) for p in reversed(loc[:-1]) if isinstance(p, str)), "")
        return f"item {last + 1} of '{owner}'" if owner else f"item {last + 1}"
    return f"'{last}'"


_BOUNDS = {
    "greater_than": "greater than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}
_BOUND_KEY = {
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
}


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:37]}...'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def did_you_mean(name: str, known: Iterable[str], *, list_all: bool = False) -> str:
    """`; did you mean 'x'?` for the closest known name; all names (or nothing) when none is close."""
    names = sorted(known)
    hint = difflib.get_close_matches(name, names, n=1)
    if hint:
        return f"; did you mean '{hint[0]}'?"
    return f"; allowed: {', '.join(names)}" if list_all and names else ""


def unknown_id(kind: str, ident: str, known: Iterable[str]) -> str:
    """The sentence for a reference to an id that does not exist."""
    return f"there is no {kind} with id '{ident}'{did_you_mean(ident, known)}"


def runnable(*words: object) -> str:
    """A hint's command line that runs as printed: `malmiljo` and each word shell-quoted where
    the shell would split or expand it (a space, a `$`), so `kund 2026` is `'kund 2026'` while
    `målbild` stays as written. Hints end their line, so they can be copied whole."""
    import re
    import shlex

    shown = (w.as_posix() if isinstance(w, PurePath) else str(w) for w in words)
    plain = re.compile(r"[\w@%+=:,./-]+")  # \w with åäö: letters no shell treats specially
    return " ".join(["malmiljo", *(w if plain.fullmatch(w) else shlex.quote(w) for w in shown)])


def not_an_engagement(root: object, *, missing: bool) -> str:
    """One sentence for a folder that holds no engagement, with the three ways to point at one."""
    what = "there is no folder" if missing else "there is no engagement.yaml"
    return (
        f"'{root}' is not an engagement: {what}. Point at one with -e PATH or "
        f"MALMILJO_ENGAGEMENT=PATH, or start one with: {runnable('init', 'PATH')}"
    )
