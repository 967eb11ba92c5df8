"""Slides with python-pptx: a presentation on a template, and native text, tables and charts.

Everything a slide shows is editable in PowerPoint: titles and bullets in the layout's
placeholders, tables, charts with their data sheet, shapes. Only the initiative map is a picture.
Every text passes `office_text` (controls shown, long titles cut); the chart data sheet's cells
pass `cell_text` (a leading `=` cannot become a formula).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import MalmiljoError
from .layouts import Layouts, find_layouts
from .ooxml import cell_text, drop_thumbnail, fixed_zip, office_text, office_time

TITLE_LIMIT = 90
CELL_LIMIT = 120
WIDE = 12192000  # 13.33 in: 16:9 at the default height of 7.5 in
INK, MUTED, LINE = "222222", "666666", "C8C8C8"


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in EMU."""

    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Cell:
    """A table cell: its text and, optionally, a fill colour (#rrggbb) and bold text."""

    text: str
    fill: str = ""
    bold: bool = False


class Deck:
    """A presentation being built slide by slide."""

    def __init__(self, template: Path | None) -> None:
        from pptx import Presentation

        if template is None:
            self.prs: Any = Presentation()
            _widen(self.prs)
            source = "(built in)"
        else:
            self.prs = _open_template(template)
            source = str(template)
        _drop_slides(self.prs)
        self.layouts: Layouts = find_layouts(self.prs, source=source)

    @property
    def width(self) -> int:
        return int(self.prs.slide_width)

    @property
    def height(self) -> int:
        return int(self.prs.slide_height)

    def title_slide(self, title: str, subtitle: Sequence[str], notes: str) -> Any:
        slide = self.prs.slides.add_slide(self.layouts.title)
        slide.shapes.title.text = office_text(title, limit=TITLE_LIMIT * 2)
        body = [ph for ph in slide.placeholders if ph.placeholder_format.idx != 0]
        if body:
            _lines(body[0].text_frame, subtitle)
        self.notes(slide, notes)
        return slide

    def text_slide(
        self, title: str, bullets: Sequence[str], notes: str, levels: Sequence[int] = ()
    ) -> Any:
        """A title and bullets in the layout's body placeholder; `levels` indents them."""
        slide, body = self._content(title)
        _lines(body.text_frame, bullets)
        for paragraph, level in zip(body.text_frame.paragraphs, levels, strict=False):
            paragraph.level = level
        _fit(body, bullets)
        self.notes(slide, notes)
        return slide

    def figure_slide(self, title: str, notes: str) -> tuple[Any, Box]:
        """A titled slide with the body placeholder taken away; returns the space it held."""
        slide, body = self._content(title)
        box = Box(int(body.left), int(body.top), int(body.width), int(body.height))
        body._element.getparent().remove(body._element)
        self.notes(slide, notes)
        return slide, box

    def blank_slide(self, notes: str) -> Any:
        slide = self.prs.slides.add_slide(self.layouts.blank)
        for ph in list(slide.placeholders):
            ph._element.getparent().remove(ph._element)
        self.notes(slide, notes)
        return slide

    def _content(self, title: str) -> tuple[Any, Any]:
        slide = self.prs.slides.add_slide(self.layouts.content)
        slide.shapes.title.text = office_text(title, limit=TITLE_LIMIT)
        body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx != 0)
        body = next(
            (ph for ph in slide.placeholders if int(ph.placeholder_format.type) in (2, 7)), body
        )
        return slide, body

    @staticmethod
    def notes(slide: Any, text: str) -> None:
        """Speaker notes: the evidence behind the slide."""
        slide.notes_slide.notes_text_frame.text = office_text(text)

    def save(self, *, title: str, author: str, day: dt.date | None, lang: str) -> bytes:
        """The .pptx bytes, the same for the same slides: properties and zip times fixed."""
        when = office_time(day)
        props = self.prs.core_properties
        props.title = office_text(title)
        props.author = props.last_modified_by = office_text(author)
        props.created = props.modified = props.last_printed = when
        props.revision = 1
        props.language = "sv-SE" if lang == "sv" else "en-GB"
        drop_thumbnail(self.prs.part.package)
        raw = io.BytesIO()
        self.prs.save(raw)
        return fixed_zip(raw.getvalue(), when)


def _open_template(path: Path) -> Any:
    from pptx import Presentation

    if not path.is_file():
        raise MalmiljoError(f"the template '{path}' does not exist")
    try:
        return Presentation(str(path))
    except Exception as exc:  # python-pptx raises several kinds for a file that is not a .pptx
        raise MalmiljoError(
            f"the template '{path}' cannot be read as a PowerPoint file (.pptx or .potx "
            f"saved as .pptx): {type(exc).__name__}"
        ) from exc


def _drop_slides(prs: Any) -> None:
    """A template's own example slides are not part of the deck."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def _widen(prs: Any) -> None:
    """python-pptx's built-in template is 4:3; stretch it to 16:9, placeholders with it."""
    scale = WIDE / prs.slide_width
    # Layouts first: they read their place from the master. All four set, or the rest become 0.
    for ph in [p for layout in prs.slide_layouts for p in layout.placeholders]:
        box = int(ph.left * scale), int(ph.top), int(ph.width * scale), int(ph.height)
        ph.left, ph.top, ph.width, ph.height = box
    for ph in prs.slide_master.placeholders:
        box = int(ph.left * scale), int(ph.top), int(ph.width * scale), int(ph.height)
        ph.left, ph.top, ph.width, ph.height = box
    prs.slide_width = WIDE


def _lines(frame: Any, lines: Sequence[str]) -> None:
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = office_text(line, limit=CELL_LIMIT * 3)


def _fit(body: Any, lines: Sequence[str]) -> None:
    """A font size that lets the text fit the placeholder: estimated from its lines and length
    (python-pptx cannot measure text, and LibreOffice ignores PowerPoint's shrink-on-overflow)."""
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt

    width_pt = body.width / 12700
    height_pt = body.height / 12700
    for size in (28, 24, 20, 18, 16, 14, 12, 11, 10):
        per_line = max(width_pt / (size * 0.47), 1)
        rows = sum(-(-max(len(line), 1) // per_line) for line in lines)
        if rows * size * 1.25 + len(lines) * size * 0.3 <= height_pt:
            break
    for paragraph in body.text_frame.paragraphs:
        for run in paragraph.runs:  # on the runs: a paragraph's default size is not honoured
            run.font.size = Pt(size)
    # The size is chosen here; a template's shrink-on-overflow would shrink it again in LibreOffice.
    body.text_frame.auto_size = MSO_AUTO_SIZE.NONE


def rgb(colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def add_table(
    slide: Any, box: Box, header: Sequence[str], rows: Sequence[Sequence[Cell]], *, size: int = 12
) -> Any:
    """A native table filling `box`'s width; text in `size` pt, fills where cells ask for one."""
    from pptx.util import Pt

    shape = slide.shapes.add_table(len(rows) + 1, len(header), box.left, box.top, box.width, 0)
    table = shape.table
    for c, name in enumerate(header):
        _cell(table.cell(0, c), Cell(name, bold=True), Pt(size))
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row):
            _cell(table.cell(r, c), cell, Pt(size))
    return table


def _cell(target: Any, cell: Cell, size: Any) -> None:
    target.text = office_text(cell.text, limit=CELL_LIMIT)
    for paragraph in target.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = size
            run.font.bold = cell.bold
            if cell.fill:
                run.font.color.rgb = rgb(ink_on(cell.fill))
    if cell.fill:
        target.fill.solid()
        target.fill.fore_color.rgb = rgb(cell.fill)


def ink_on(fill: str) -> str:
    """Dark text on light fills, white on dark ones (WCAG relative luminance)."""
    red, green, blue = (int(fill.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "FFFFFF" if lum < 0.22 else INK


def add_text(
    slide: Any,
    box: Box,
    text: str,
    *,
    size: int = 12,
    colour: str = INK,
    bold: bool = False,
    limit: int | None = CELL_LIMIT * 3,
) -> Any:
    """A text box."""
    from pptx.util import Pt

    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = office_text(text, limit=limit)
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), bold
            run.font.color.rgb = rgb(colour)
    return shape


def add_picture(slide: Any, box: Box, png: bytes, *, alt: str, aspect: float) -> Any:
    """A PNG fitted into `box` keeping its aspect (width / height), with alternative text."""
    width, height = box.width, int(box.width / aspect)
    if height > box.height:
        width, height = int(box.height * aspect), box.height
    left = box.left + (box.width - width) // 2
    picture = slide.shapes.add_picture(io.BytesIO(png), left, box.top, width, height)
    picture._element.nvPicPr.cNvPr.set("descr", office_text(alt))
    return picture


def chart_label(text: str) -> str:
    """A category or series name as the chart's data sheet stores it."""
    return cell_text(office_text(text, limit=60))
