"""The words of CLI tables (column heads, statuses, quadrants, coverage) in the engagement's
language. Machine formats (JSON, CSV) keep the English keys and raw values, so tools need not
know the language; diagnostics stay English everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .i18n import LANGUAGES, catalogue


@dataclass(frozen=True)
class Words:
    """Look-ups into one language's catalogue; an unknown word comes back unchanged."""

    lang: str
    _cat: dict[str, Any]

    def __call__(self, word: str) -> str:
        """A column head or fixed phrase (`cli` in the catalogue)."""
        return str(self._cat["cli"].get(word, word))

    def status(self, status: str) -> str:
        return str(self._cat["status_values"].get(status, status))

    def quadrant(self, quadrant: str) -> str:
        return str(self._cat["quadrants"].get(quadrant, quadrant))

    def label(self, key: str, default: str) -> str:
        """A top-level catalogue label (as the report uses it), or `default` for raw output."""
        return str(self._cat.get(key, default))

    def coverage(self, coverage: str) -> str:
        return str(self._cat["coverage_values"].get(coverage, coverage))


def words(lang: str) -> Words:
    """The words of `lang` (English for a language without a catalogue)."""
    code = lang if lang in LANGUAGES else "en"
    return Words(code, catalogue(code))


RAW = Words("raw", {"cli": {}, "status_values": {}, "quadrants": {}, "coverage_values": {}})


def for_format(fmt: str, lang: str) -> Words:
    """The engagement's words for people's formats (table, md); raw values for JSON and CSV."""
    return words(lang) if fmt in ("table", "md") else RAW
