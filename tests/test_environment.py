"""Filters and the sandboxed report environment."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import SecurityError

from malmiljo_cli.write.documents.environment import inline_svg, make_report_env, md, md_cell


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[klicka](http://x)", r"\[klicka\](http://x)"),
        ("<script>", r"\<script\>"),
        ("*fet* _kursiv_ `kod`", r"\*fet\* \_kursiv\_ \`kod\`"),
        ("# rubrik", r"\# rubrik"),
        ("1. lista", r"1\. lista"),
        ("&amp; R&D", "&amp;amp; R&D"),
    ],
)
def test_md_shows_markup_literally(text: str, shown: str) -> None:
    assert md(text) == shown


def test_md_cell_is_one_line_without_column_breaks() -> None:
    assert md_cell("a | b\nc") == r"a \| b c"


def test_inline_svg_drops_the_prologue() -> None:
    assert str(inline_svg('<?xml version="1.0"?>\n<svg/>')) == "<svg/>"


def _env(folder: Path | None = None) -> jinja2.Environment:
    env = make_report_env(lang="sv", autoescape=True, user_templates=folder)
    assert isinstance(env, jinja2.Environment)
    return env


def test_undefined_names_fail_loudly() -> None:
    with pytest.raises(jinja2.UndefinedError):
        _env().from_string("{{ nothing.here }}").render()


def test_templates_are_sandboxed() -> None:
    with pytest.raises(SecurityError):
        _env().from_string("{{ ''.__class__.__mro__ }}").render()


def test_user_template_overrides_by_name_and_can_extend_the_packaged_one(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "report.md.j2").write_text(
        '{% extends "malmiljo/report/report.md.j2" %}{% block method %}EGEN{% endblock %}',
        encoding="utf-8",
    )
    template = _env(tmp_path).get_template("report/report.md.j2")
    assert "malmiljo/" not in (template.filename or "")
    assert str(tmp_path) in (template.filename or "")


def test_numbers_are_formatted_by_filters() -> None:
    assert _env().from_string("{{ 1.5|num(1) }} {{ 0.5|pct }}").render() == "1,5 50\u00a0%"


def test_inline_svg_names_the_drawing_with_any_text() -> None:
    from malmiljo_cli.write.documents.environment import inline_svg

    svg = '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>t</title></svg>'
    out = str(inline_svg(svg, 'a \\x b "c" \x1b <d>'))
    assert out.startswith('<svg aria-label="a \\x b &#34;c&#34; \\x1b &lt;d&gt;" xmlns=')
    assert out.count('role="img"') == 1
