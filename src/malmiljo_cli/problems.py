"""A problem found in an engagement, and the catalogue of stable codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Stable codes: never renumber; add new ones at the end of their block. docs/errors.md explains each.
CODES: dict[str, str] = {
    # E1xx: reading files
    "E101": "required file missing",
    "E102": "YAML syntax error",
    "E103": "file is not UTF-8",
    "E104": "file is empty",
    "E105": "file has the wrong shape",
    "E106": "tag not allowed",
    "E107": "too many aliases",
    "E108": "duplicate key",
    "E109": "file too large",
    "E110": "nested too deeply",
    # E2xx: one file's content
    "E201": "required field missing",
    "E202": "unknown field",
    "E203": "wrong type",
    "E204": "invalid value",
    "E205": "invalid id",
    # E3xx: across files
    "E301": "duplicate id",
    "E302": "unknown area",
    "E303": "unknown capability",
    "E304": "unknown initiative",
    "E305": "unknown interview",
    "E306": "level outside the scale",
    "E307": "target below current",
    "E308": "dependency cycle",
    "E309": "depends on a dropped initiative",
    "E310": "path outside the engagement",
    # W4xx: warnings
    "W401": "gap that no initiative raises",
    "W402": "initiative raises nothing",
    "W403": "raise does not lift the capability",
    "W404": "workshop dots beyond the cap",
    "W405": "capability names a product",
    "W406": "scenario names an initiative in the wrong status",
    # W5xx: readiness (malmiljo check), the method's four rules for driving change
    "W501": "no motivation (emotional)",
    "W502": "no first step (immediate)",
    "W503": "no visible outcome (visible)",
    "W504": "large initiative not broken into steps (just demanding enough)",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located in a file; sorts by file, then position."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    """True when any problem should fail the run (warnings count under --strict)."""
    return any(p.is_error or strict for p in problems)
