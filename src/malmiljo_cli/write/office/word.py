"""A Word document with python-docx: real headings, tables, figures with alternative text.

The pieces a document is made of (headings, paragraphs, bullet lists, tables, figures, page
numbers, the language) in one small class; `write/office/docx_report.py` decides what goes where.
Headings use Word's own Heading 1-3 styles, so the navigation pane and a table of contents work.
Every text passes `office_text`: control characters shown, never written raw into the XML.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from ...content.context import Chart
from .ooxml import drop_thumbnail, fixed_zip, office_text, office_time
from .raster import svg_to_png

FIGURE_CM = 16.0
TEXT_CM = 16.0  # A4 with 2.5 cm margins
FONT = "Calibri"  # Word's own; LibreOffice shows it as the metric-compatible Carlito
FIGURE_PPI = 200
HEADER_FILL = "DCE6F0"


class Document:
    """A document being written top to bottom."""

    def __init__(self, *, lang: str) -> None:
        import docx

        self.doc: Any = docx.Document()
        self.lang = lang
        self._language("sv-SE" if lang == "sv" else "en-GB")
        self._fonts()
        self._page_numbers()
        self._figures = 0
        self._style_ids: dict[str, str] = {}
        self._section: Any = None
        self._width: Any = None

    def add_paragraph(self, text: str = "") -> Any:
        """A paragraph at the end of the body. python-docx finds the end by searching the body
        for its section properties on every paragraph (quadratic in the document's length);
        here the new paragraph goes right before them."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        self._end(element)
        paragraph = Paragraph(element, self.doc._body)
        if text:
            paragraph.add_run(text)
        return paragraph

    def _add_table(self, rows: int, cols: int) -> Any:
        """A table at the end of the body, as `add_paragraph` adds a paragraph."""
        from docx.oxml.table import CT_Tbl
        from docx.table import Table

        if self._width is None:
            self._width = self.doc._block_width  # python-docx searches the whole body for it
        element = CT_Tbl.new_tbl(rows, cols, self._width)
        self._end(element)
        return Table(element, self.doc._body)

    def _end(self, element: Any) -> None:
        body = self.doc.element.body
        if self._section is None or self._section.getparent() is not body:
            self._section = body.sectPr
        if self._section is None:
            body.append(element)
        else:
            self._section.addprevious(element)

    def _styled(self, text: str, style: str) -> Any:
        """A paragraph in a named style. python-docx looks a style name up (and compares it with
        the default style) through XPath on every paragraph; here each name is looked up once."""
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.styles[style].style_id
        paragraph = self.add_paragraph(text)
        paragraph._p.style = self._style_ids[style]
        return paragraph

    def title(self, text: str, lines: Sequence[str]) -> None:
        self._styled(office_text(text), "Title")
        for line in lines:
            if line:
                self._styled(office_text(line), "Subtitle")

    def heading(self, text: str, level: int) -> None:
        self._styled(office_text(text), "Title" if level == 0 else f"Heading {level}")

    def paragraph(self, text: str, *, italic: bool = False, bold: bool = False) -> None:
        """A paragraph; a bold one is a small title and stays with what follows it."""
        if not text:
            return
        paragraph = self.add_paragraph()
        run = paragraph.add_run(office_text(text))
        run.italic, run.bold = italic, bold
        paragraph.paragraph_format.keep_with_next = bold

    def bullets(self, items: Sequence[str], *, numbered: bool = False) -> None:
        style = "List Number" if numbered else "List Bullet"
        for item in items:
            self._styled(office_text(item), style)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        fills: Sequence[Sequence[str]] | None = None,
        inks: Sequence[Sequence[str]] | None = None,
        widths: Sequence[float] | None = None,
    ) -> Any:
        """A table over the text width with a repeated, shaded header row; `widths` are relative
        column widths; optional fill and text colour per cell."""
        from docx.shared import Cm, Pt, RGBColor

        table = self._add_table(len(rows) + 1, len(header))
        if "Table Grid" not in self._style_ids:
            self._style_ids["Table Grid"] = self.doc.styles["Table Grid"].style_id
        table._tbl.tblStyle_val = self._style_ids["Table Grid"]
        table.autofit = False
        grid = _grid(table)
        shares = widths or [1.0] * len(header)
        for c, (column, share) in enumerate(zip(table.columns, shares, strict=True)):
            width = Cm(TEXT_CM * share / sum(shares))
            column.width = width  # the grid (LibreOffice) and each cell (Word)
            for cells in grid:
                cells[c].width = width
        for cell, name in zip(grid[0], header, strict=True):
            _fill(cell, office_text(name))
            cell.paragraphs[0].runs[0].bold = True
            _shade(cell, HEADER_FILL)
        _repeat_header(table.rows[0])
        for r, row in enumerate(rows):
            for c, (cell, text) in enumerate(zip(grid[r + 1], row, strict=True)):
                _fill(cell, office_text(text))
                fill = fills[r][c] if fills else ""
                if fill:
                    _shade(cell, fill.lstrip("#"))
                ink = inks[r][c] if inks else ""
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9.5)
                        if ink:
                            run.font.color.rgb = RGBColor.from_string(ink.lstrip("#").upper())
        self.add_paragraph()
        return table

    def facts(self, facts: Sequence[Any]) -> None:
        """Label-value rows as a two-column table."""
        if facts:
            table = self.table(["", ""], [[f.label, f.value] for f in facts])
            table.rows[0]._tr.getparent().remove(table.rows[0]._tr)

    def figure(self, chart: Chart) -> None:
        """The chart as a PNG (Word cannot show SVG everywhere), alt text and a caption."""
        from docx.shared import Cm

        png = svg_to_png(chart.svg, width_cm=FIGURE_CM, ppi=FIGURE_PPI)
        self.doc.add_picture(io.BytesIO(png), width=Cm(FIGURE_CM))
        self._figures += 1
        inline = self.doc.inline_shapes[-1]._inline
        inline.docPr.set("descr", office_text(chart.description))
        inline.docPr.set("title", office_text(chart.title))
        label = "Figur" if self.lang == "sv" else "Figure"
        self._styled(f"{label} {self._figures}. {office_text(chart.title)}", "Caption")

    def save(self, *, title: str, author: str, day: dt.date | None) -> bytes:
        """The .docx bytes, the same for the same content: properties and zip times fixed."""
        when = office_time(day)
        props = self.doc.core_properties
        props.title = office_text(title)
        props.author = props.last_modified_by = office_text(author)
        props.created = props.modified = props.last_printed = when
        props.revision = 1
        props.language = "sv-SE" if self.lang == "sv" else "en-GB"
        props.comments = props.subject = props.keywords = props.category = ""
        drop_thumbnail(self.doc.part.package)
        raw = io.BytesIO()
        self.doc.save(raw)
        return fixed_zip(raw.getvalue(), when)

    def _language(self, tag: str) -> None:
        """Spelling and hyphenation in the engagement's language, for every style."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        run_props = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = run_props.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            run_props.append(lang)
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)

    def _fonts(self) -> None:
        """A4 with even margins, one sans-serif family for text and headings."""
        from docx.shared import Cm

        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        for name in (
            "Normal",
            "Title",
            "Subtitle",
            "Caption",
            *(f"Heading {n}" for n in (1, 2, 3)),
        ):
            style = self.doc.styles[name]
            style.font.name = FONT
            fonts = style.element.rPr.rFonts
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(_qn(attribute), None)

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _page_numbers(self) -> None:
        """A centred page number in every footer (a PAGE field, so Word counts)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)


def _qn(name: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(name))


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _fill(cell: Any, text: str) -> None:
    """A new cell's text, as `cell.text = text` writes it, without its searches for content
    to clear (a new cell holds one empty paragraph)."""
    from docx.oxml.text.run import _RunContentAppender

    run = cell._tc.p_lst[0].add_r()
    _RunContentAppender.append_to_run_from_text(run, text)


def _grid(table: Any) -> list[list[Any]]:
    """Every cell, row by row, read once from the XML: python-docx's `table.cell(r, c)` and
    `row.cells` rebuild the whole table's cell list on every call (quadratic in the rows)."""
    from docx.table import _Cell

    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def _repeat_header(row: Any) -> None:
    """The header row repeats on every page a long table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)
