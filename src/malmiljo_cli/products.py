"""Product and vendor names that a capability should not mention (the method: capabilities, not
products). A capability says what the unit should be able to do; the tool comes later."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

PRODUCTS: tuple[str, ...] = (
    "Active Directory",
    "AWS",
    "Azure",
    "Cisco",
    "Citrix",
    "Confluence",
    "Dynamics 365",
    "Entra ID",
    "Google Workspace",
    "Intune",
    "Jira",
    "Microsoft 365",
    "Office 365",
    "Oracle",
    "Salesforce",
    "SAP",
    "ServiceNow",
    "SharePoint",
    "Slack",
    "Teams",
    "TOPdesk",
    "Veeam",
    "VMware",
    "Zendesk",
    "Zoom",
)
"""Matched in any case on word boundaries, except the ordinary English words below."""

AS_WRITTEN: frozenset[str] = frozenset({"Slack", "Teams", "Zoom"})
"""Names that are also everyday words ("support teams"): matched only with a capital letter."""


def named_products(text: str, extra: Iterable[str] = ()) -> list[str]:
    """The product names in `text` (built-in ones and `extra`), each once, in order of appearance."""
    names = tuple(dict.fromkeys((*PRODUCTS, *(e.strip() for e in extra if e.strip()))))
    found = (m.lastgroup for m in _pattern(names).finditer(text))
    return list(dict.fromkeys(names[int(group[1:])] for group in found if group))


@cache
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation; group `p<i>` is names[i]. Whitespace inside a name matches any run."""
    parts = []
    for i, name in enumerate(names):
        words = r"\s+".join(re.escape(w) for w in name.split())
        body = words if name in AS_WRITTEN else f"(?i:{words})"
        parts.append(f"(?P<p{i}>(?<!\\w){body}(?!\\w))")
    return re.compile("|".join(parts))
