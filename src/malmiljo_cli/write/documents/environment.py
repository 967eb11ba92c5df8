"""The Jinja environment factory: one place that registers filters and loads templates."""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import Any

from ...console import printable
from ...content import i18n

TEMPLATE_PACKAGE = "malmiljo_cli.templates"
BUILTIN_PREFIX = "malmiljo"
# Characters that start Markdown syntax anywhere in a line (CommonMark backslash escapes).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a line, these also start a list, heading, quote or thematic break.
_MD_LINE_START = re.compile(r"^(\s*)([-+*#=>]|\d+[.)])", re.MULTILINE)


def yaml_str(value: Any) -> str:
    """A YAML 1.2 double-quoted scalar (JSON strings are valid YAML), åäö kept as written."""
    return json.dumps(str(value), ensure_ascii=False)


def md(value: Any) -> str:
    """Escape text so Markdown shows it literally (no links, emphasis, HTML or headings)."""
    text = _ENTITY.sub("&amp;", _MD_INLINE.sub(r"\\\1", str(value)))
    # Escape the marker's last character: `\-`, `\#`, and `1\.` (an escaped digit does nothing).
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)[:-1]}\\{m.group(2)[-1]}", text)


def md_cell(value: Any) -> str:
    """Escape text for one Markdown table cell: one line, no column breaks."""
    return md(" ".join(str(value).split()))


def inline_svg(value: str, alt: str = "") -> Any:
    """An SVG made by malmiljo (text already XML-escaped), without its XML prologue.

    With `alt`, the drawing is one image to assistive technology, named by that text.
    """
    from markupsafe import Markup, escape

    text = re.sub(r"^<\?xml[^>]*>\s*|<!DOCTYPE[^>]*>\s*", "", value.lstrip())
    if alt:
        label = f'<svg aria-label="{escape(printable(alt))}"'
        text = re.sub(r"<svg\b", lambda _: label, text, count=1)  # a function: `\x1b` stays text
        if 'role="img"' not in text.split(">", 1)[0]:
            text = text.replace("<svg ", '<svg role="img" ', 1)
    return Markup(text.replace("<!-- ", "<!--").strip())


def make_env(*, autoescape: bool = False) -> Any:
    """A strict environment over the packaged templates; undefined names fail loudly."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("malmiljo_cli", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
    )
    env.filters["yaml_str"] = yaml_str
    env.finalize = visible
    return env


def refuse_output(value: Any) -> Any:
    """Refuse `{{ ... }}` in Typst templates: engagement text must reach Typst as data only."""
    import jinja2

    raise jinja2.TemplateError(
        "a Typst template must not print values with {{ }}; read them in Typst from `r` "
        "(the context as JSON), so no text can run as Typst code"
    )


def make_report_env(
    *, lang: str, autoescape: bool, user_templates: Path | None, data_only: bool = False
) -> Any:
    """A sandboxed, strict environment for reports; user templates override packaged ones by name.

    A user template may extend the packaged one it replaces as `malmiljo/<name>` and override
    only some blocks. With `data_only` (the Typst source) printing any value is an error.
    """
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    packaged = jinja2.PackageLoader("malmiljo_cli", "templates")
    loaders: list[jinja2.BaseLoader] = []
    if user_templates is not None:
        loaders.append(jinja2.FileSystemLoader(str(user_templates)))
    loaders += [packaged, jinja2.PrefixLoader({BUILTIN_PREFIX: packaged})]
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.finalize = refuse_output if data_only else visible
    env.filters.update(
        md=md,
        md_cell=md_cell,
        inline_svg=inline_svg,
        tojson_text=lambda v: json.dumps(v, ensure_ascii=False),
        num=partial(_num, lang=lang),
        pct=partial(i18n.percent, lang=lang),
    )
    return env


def visible(value: Any) -> Any:
    """Control characters from engagement text shown as `\\x1b`, never emitted raw (markup kept)."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


def _num(value: float, decimals: int = 0, *, lang: str) -> str:
    return i18n.number(value, decimals, lang=lang)
