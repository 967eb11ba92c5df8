"""One hierarchy for everything that ends a run on purpose; anything else is a bug."""

from __future__ import annotations

from .problems import Problem


class MalmiljoError(Exception):
    """A user-facing failure with a message and an exit code."""

    exit_code = 1


class UsageError(MalmiljoError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2


class InvalidEngagement(MalmiljoError):
    """The engagement has errors; they are reported, not raised as text."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{sum(p.is_error for p in problems)} error(s) in the engagement")
        self.problems = problems
