"""The shared table renderer: text within 80 columns, Markdown, CSV and JSON escaping (write/terminal/tables.py)."""

from __future__ import annotations

import csv
import io
import json

from malmiljo_cli.write.terminal.tables import (
    Column,
    as_csv,
    as_markdown,
    as_text,
    csv_safe,
    md_escape,
    render,
)

COLUMNS = (
    Column("rank", "right"),
    Column("title", shrink=True, min_width=10),
    Column("score", "right"),
)
LONG = "Räksmörgås " * 12


def test_text_fits_80_columns_and_marks_shortened_cells() -> None:
    text = as_text(COLUMNS, [("1", LONG, "12.50"), ("10", "Kort", "3.00")])
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[2].endswith("…  12.50")
    assert lines[3].rstrip().endswith("3.00") and lines[3].startswith("  10")


def test_text_wraps_cells_of_wrapping_columns() -> None:
    columns = (Column("id"), Column("why", shrink=True, wrap=True))
    text = as_text(columns, [("a", "ord " * 40)], width=40)
    lines = text.splitlines()
    assert len(lines) > 3 and all(len(line) <= 40 for line in lines)
    assert lines[3].startswith("    ord")  # continuation lines keep the column


def test_text_neutralises_control_characters_and_newlines() -> None:
    text = as_text(COLUMNS, [("1", "a\x1b[31mred\nnext", "1")])
    assert "\x1b" not in text and "\\x1b" in text
    assert len(text.splitlines()) == 3


def test_wide_characters_count_double() -> None:
    text = as_text((Column("x"), Column("y")), [("日本", "z")])
    assert text.splitlines()[2] == "日本  z"


def test_markdown_cells_cannot_break_out() -> None:
    md = as_markdown(COLUMNS, [("1", "a | b `code` <script> *x*\nline", "2")])
    row = md.splitlines()[2]
    assert row.count(" | ") == 2
    assert "\\|" in row and "\\`code\\`" in row and "\\<script\\>" in row and "\\*x\\*" in row
    assert md.splitlines()[1] == "|---:|---|---:|"


def test_md_escape_keeps_swedish_letters() -> None:
    assert md_escape("Åsa_Öberg") == "Åsa\\_Öberg"


def test_csv_neutralises_formulas_but_not_numbers() -> None:
    assert csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert csv_safe("-2+3") == "'-2+3"
    assert csv_safe("-0.10") == "-0.10"
    assert csv_safe("+5") == "+5"
    parsed = list(csv.reader(io.StringIO(as_csv(COLUMNS, [("1", 'a "quoted", title', "=1+1")]))))
    assert parsed == [["rank", "title", "score"], ["1", 'a "quoted", title', "'=1+1"]]


def test_json_keeps_text_as_written() -> None:
    text = render("json", COLUMNS, [("1", "Överblick", "2.00")])
    assert "Överblick" in text
    assert json.loads(text) == [{"rank": "1", "title": "Överblick", "score": "2.00"}]
