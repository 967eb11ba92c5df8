"""The words of CLI output (column heads, statuses, quadrants, coverage, and every sentence a
command prints about the engagement) in the engagement's language. Machine formats (JSON, CSV)
keep the English keys and raw values, so tools need not know the language; the frame of a
diagnostic (`file:line:col: severity CODE:`) stays English everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import i18n
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

    def term(self, key: str, default: str) -> str:
        """A fixed term by dotted path (`methods.weighted`, `criteria.effect`), or `default`."""
        found = _lookup(self._cat, key)
        return default if found is None else str(found)

    def coverage(self, coverage: str) -> str:
        return str(self._cat["coverage_values"].get(coverage, coverage))

    def phrase(self, key: str, n: int | None = None, **values: object) -> str:
        """The sentence `key` (a dotted path under `say`, else from the top of the catalogue)
        with `values` filled in; `<key>_one` when `n` is 1. `n` is written as a number."""
        if n is not None:
            values["n"] = self.num(n)
        one = _lookup(self._cat, f"{key}_one") if n == 1 else None
        pattern = one if one is not None else _lookup(self._cat, key)
        if pattern is None:  # RAW words, or a key only one language has: English, not a crash
            pattern = _lookup(catalogue("en"), key)
        if not isinstance(pattern, str):
            raise KeyError(f"no phrase {key!r} in the {self.lang} catalogue")
        return pattern.format(**values)

    def lines(self, key: str) -> list[str]:
        """A list of lines from the catalogue (a YAML snippet for a hint, say)."""
        found = _lookup(self._cat, key) or _lookup(catalogue("en"), key)
        return [str(line) for line in found or ()]

    def num(self, value: float, decimals: int = 0) -> str:
        """A number in this language's way: `1 234,5` in Swedish, `1,234.5` in English."""
        return i18n.number(value, decimals, lang=self._number_lang)

    def days(self, value: float) -> str:
        """Person-days with the unit: `12 persondagar`, `12.5 person-days`."""
        decimals = 0 if float(value).is_integer() else 1
        return f"{self.num(value, decimals)} {self.label('person_days', 'person-days')}"

    def pct(self, fraction: float) -> str:
        return i18n.percent(fraction, lang=self._number_lang)

    def stability(self, stability: str) -> str:
        return str(self._cat.get("stability_values", {}).get(stability, stability))

    def kind(self, kind: str) -> str:
        """A finding's kind (pain, wish, strength) as the table heads say it."""
        return self(kind)

    def rule(self, rule: str) -> str:
        """One of the method's four rules for change, as the `check` table heads say it."""
        return self(rule)

    @property
    def _number_lang(self) -> str:
        return self.lang if self.lang in LANGUAGES else "en"


def _lookup(cat: dict[str, Any], key: str) -> Any:
    """`a.b.c` under `say`, or from the top of the catalogue; None when absent."""
    for root in (cat.get("say", {}), cat):
        node: Any = root
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            return node
    return None


def words(lang: str) -> Words:
    """The words of `lang` (English for a language without a catalogue)."""
    code = lang if lang in LANGUAGES else "en"
    return Words(code, catalogue(code))


RAW = Words("raw", {"cli": {}, "status_values": {}, "quadrants": {}, "coverage_values": {}})


def for_format(fmt: str, lang: str) -> Words:
    """The engagement's words for people's formats (table, md); raw values for JSON and CSV."""
    return words(lang) if fmt in ("table", "md") else RAW
