"""Which slide layouts of a presentation the deck uses: found by their placeholders, then names.

A client's template names its layouts in its own language ("Rubrikbild", "Titel und Inhalt",
"Kapitel 3"), so the placeholders decide: a title layout has a centred title, a content layout
a title and one body, a blank layout neither. Where several qualify, a familiar name wins, then
the template's order. A missing one is an error that lists every layout found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...errors import MalmiljoError

ROLES = ("title", "content", "blank")
_NAMES = {
    "title": ("title slide", "rubrikbild", "titelbild", "title"),
    "content": ("title and content", "rubrik och innehåll", "titel och innehåll", "content"),
    "blank": ("blank", "tom", "leer"),
}
# Placeholder types (pptx.enum.shapes.PP_PLACEHOLDER) by number, to keep the import lazy.
_TITLE, _BODY, _CENTER_TITLE, _SUBTITLE, _OBJECT = 1, 2, 3, 4, 7
_CONTENT_KINDS = {_BODY, _OBJECT, 18, 12, 8, 14}  # body, object, picture, table, chart, media
_FOOTERS = {13, 15, 16}  # slide number, footer, date


@dataclass(frozen=True)
class Layouts:
    """The three layouts the deck is made of."""

    title: Any
    content: Any
    blank: Any


def kinds(layout: Any) -> list[int]:
    """The placeholder types of a layout, as numbers."""
    return [int(ph.placeholder_format.type) for ph in layout.placeholders]


def _fits(role: str, found: list[int]) -> bool:
    content = [k for k in found if k in _CONTENT_KINDS]
    if role == "title":
        return _CENTER_TITLE in found or (_TITLE in found and _SUBTITLE in found)
    if role == "content":
        return _TITLE in found and len(content) == 1
    return all(k in _FOOTERS for k in found)


def _score(role: str, name: str) -> int:
    lowered = name.strip().lower()
    names = _NAMES[role]
    if lowered in names:
        return 0
    return 1 if any(n in lowered for n in names) else 2


def find_layouts(presentation: Any, *, source: str) -> Layouts:
    """The title, content and blank layouts of `presentation`; an error naming what is missing."""
    layouts = list(presentation.slide_layouts)
    chosen: dict[str, Any] = {}
    for role in ROLES:
        fitting = [layout for layout in layouts if _fits(role, kinds(layout))]
        if fitting:
            chosen[role] = min(fitting, key=lambda layout: _score(role, layout.name))
    missing = [role for role in ROLES if role not in chosen]
    if missing:
        raise MalmiljoError(_missing_message(source, missing, layouts))
    return Layouts(**chosen)


_WANTED = {
    "title": "a title layout (a centred title, or a title and a subtitle)",
    "content": "a title-and-content layout (a title and one body placeholder)",
    "blank": "a blank layout (no title or body placeholder)",
}
_KIND_NAMES = {_TITLE: "title", _BODY: "body", _CENTER_TITLE: "centred title"}
_KIND_NAMES |= {_SUBTITLE: "subtitle", _OBJECT: "content", 18: "picture", 12: "table", 8: "chart"}


def _missing_message(source: str, missing: list[str], layouts: list[Any]) -> str:
    from ...console import printable

    wanted = "; ".join(_WANTED[role] for role in missing)
    listed = "\n".join(
        f"  '{printable(layout.name)}': "
        + (
            ", ".join(_KIND_NAMES[k] for k in kinds(layout) if k in _KIND_NAMES)
            or "no placeholders"
        )
        for layout in layouts
    )
    return (
        f"the template {source} lacks {wanted}. Its layouts and their placeholders:\n"
        f"{listed or '  (none)'}\nAdd the layout in PowerPoint's slide master view, or give "
        "another template."
    )
