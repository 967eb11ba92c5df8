"""Shell completion of ids: initiatives, areas, statuses and fields.

Completion runs on every Tab press, so it reads the `id:` lines with a regular expression instead
of loading and validating the engagement (no YAML parser, no models). The engagement is the one
the command would use: `-e PATH` if already typed, else `MALMILJO_ENGAGEMENT`, else the nearest
engagement.yaml above. A file it cannot read offers nothing rather than an error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

STATUSES = {
    "proposed": "on the list, not decided",
    "selected": "decided for this lap",
    "in_progress": "being carried out",
    "done": "carried out",
    "dropped": "will not be done (needs --reason)",
}

_TOP_ID = re.compile(r"^id:[ \t]*['\"]?([^\s'\"#]+)", re.MULTILINE)
_TITLE = re.compile(r"^title:[ \t]*(.+)$", re.MULTILINE)
_ITEM = re.compile(
    r"^[ \t]*-[ \t]+id:[ \t]*['\"]?([^\s'\"#]+)['\"]?[ \t]*(?:#.*)?$"
    r"(?:\n(?![ \t]*-)[^\n]*)*?\n[ \t]+(?:name|title):[ \t]*(.+)$",
    re.MULTILINE,
)
_MAX_BYTES = 1_000_000


def engagement_of(ctx: Any) -> Path:
    """The folder the command would read: `-e`, then MALMILJO_ENGAGEMENT, then the nearest
    engagement.yaml in or above the current folder."""
    from .where import find_engagement

    given = (getattr(ctx, "params", None) or {}).get("engagement")
    return find_engagement(Path(given or os.environ.get("MALMILJO_ENGAGEMENT") or "."))


def _text(path: Path) -> str:
    try:
        if path.stat().st_size > _MAX_BYTES:
            return ""
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def _clean(title: str) -> str:
    return title.strip().strip("'\"").split(" #")[0].strip()


def initiatives(root: Path) -> list[tuple[str, str]]:
    """(id, title) of every initiative file, sorted by id."""
    folder = root / "initiatives"
    found: list[tuple[str, str]] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yaml", ".yml"):
            continue
        text = _text(path)
        ident = _TOP_ID.search(text)
        title = _TITLE.search(text)
        if ident:
            found.append((ident.group(1), _clean(title.group(1)) if title else ""))
    return sorted(found)


def listed(root: Path, name: str) -> list[tuple[str, str]]:
    """(id, name) of the items of a list file such as capabilities.yaml or areas.yaml."""
    return sorted((m.group(1), _clean(m.group(2))) for m in _ITEM.finditer(_text(root / name)))


def _matching(items: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    return [(ident, help_) for ident, help_ in items if ident.startswith(incomplete)]


def initiative_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Completion: initiative ids with their titles."""
    return _matching(initiatives(engagement_of(ctx)), incomplete)


def area_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Completion: focus area ids with their names."""
    return _matching(listed(engagement_of(ctx), "areas.yaml"), incomplete)


def selectors(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Completion for `graph --select`: ID, +ID, ID+ and +ID+ with initiative ids."""
    plus = "+" if incomplete.startswith("+") else ""
    found = _matching(initiatives(engagement_of(ctx)), incomplete.removeprefix(plus))
    return [(plus + ident, title) for ident, title in found]


def statuses(incomplete: str) -> list[tuple[str, str]]:
    """Completion: the five statuses with what each means."""
    return [(name, means) for name, means in STATUSES.items() if name.startswith(incomplete)]


def field_values(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Completion for `set`'s VALUE where the field has known values: areas and statuses."""
    field = (getattr(ctx, "params", None) or {}).get("field")
    if field == "area":
        return area_ids(ctx, incomplete)
    if field == "status":
        return statuses(incomplete)
    return []


def initiative_fields(incomplete: str) -> list[str]:
    """Completion for `set`: the single-valued fields of an initiative."""
    return [name for name in SETTABLE if name.startswith(incomplete)]


# The fields `set` changes (lists and mappings are edited in the file); docs/format.md has them all.
SETTABLE = (
    "title",
    "area",
    "description",
    "effect",
    "urgency",
    "risk_reduction",
    "effort",
    "cost",
    "reach",
    "confidence",
    "status",
    "dropped_reason",
    "owner",
    "first_step",
    "visible_outcome",
    "motivation",
    "added_in_lap",
)
