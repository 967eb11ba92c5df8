"""`malmiljo status`: move an initiative to another status, keeping the file as written."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..edit import Edit, edit, new_warnings, origin_of
from ..errors import UsageError
from ..models import Initiative
from ..validate import load_engagement
from ..write.terminal.diagnostics import as_text
from ..write.terminal.edits import as_unified_diff


def status(
    engagement: Path,
    *,
    initiative: str,
    new_status: str,
    reason: str | None = None,
    dry_run: bool = False,
) -> int:
    """Set the status (and for `dropped`, the reason); validate first, then write atomically."""
    if new_status == "dropped" and not (reason or "").strip():
        raise UsageError("dropping an initiative needs a reason: add --reason TEXT")
    if reason is not None and new_status != "dropped":
        raise UsageError("--reason is only used with the status 'dropped'")
    result = load_engagement(engagement)
    file, loc = origin_of(result, "initiative", initiative)
    edits = [Edit(file, (*loc, "status"), new_status)]
    if reason is not None:
        edits.append(Edit(file, (*loc, "dropped_reason"), reason.strip()))
    done = edit(engagement, edits, dry_run=dry_run)
    if dry_run:
        console.data(console.printable(as_unified_diff(done)) or "no change")
    else:
        assert result.engagement is not None
        old = result.engagement.initiative_by_id[initiative]
        console.data(console.printable(f"{initiative}: {_what(old, new_status, reason)} ({file})"))
    warnings = new_warnings(result, done)
    if warnings:
        console.message(as_text(warnings, style=lambda t, k: console.style(t, k)))
    return 0


def _what(old: Initiative, new_status: str, reason: str | None) -> str:
    """The change in words; a dropped initiative's new reason names the one it replaces."""
    if old.status != new_status:
        return f"{old.status} -> {new_status}"
    previous = " ".join((old.dropped_reason or "").split())
    if reason is None or reason.strip() == (old.dropped_reason or "").strip():
        return f"already {new_status}, unchanged"
    shown = previous if len(previous) <= 60 else previous[:59] + "…"
    return f"already {new_status}; its reason replaced (was: '{shown}')"
