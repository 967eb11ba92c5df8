"""SVG -> PNG with Typst and the packaged fonts, for formats that cannot hold SVG (Word, the deck's
map). Typst ignores system fonts here, so the pixels are the same on every machine."""

from __future__ import annotations

from importlib import resources

from ...errors import MalmiljoError
from ..documents.pdf import packaged_font

# A figure `width_cm` wide at `ppi`; the map may be tall, so its longest side is capped.
_SOURCE = """#set page(width: auto, height: auto, margin: 0pt, fill: white)
#image(bytes(sys.inputs.at("svg")), format: "svg", {size})
"""
MAX_PIXELS = 6000


def svg_to_png(svg: str, *, width_cm: float, ppi: float = 200.0, height_cm: float = 0) -> bytes:
    """The SVG as a PNG `width_cm` wide (or fitted into width x height), at `ppi` pixels per inch."""
    import typst

    if height_cm:
        size = f'width: {width_cm:.2f}cm, height: {height_cm:.2f}cm, fit: "contain"'
    else:
        size = f"width: {width_cm:.2f}cm"
    longest = max(width_cm, height_cm) / 2.54 * ppi
    ppi = ppi if longest <= MAX_PIXELS else ppi * MAX_PIXELS / longest
    with resources.as_file(resources.files("malmiljo_cli").joinpath("fonts")) as fonts:
        try:
            result = typst.compile(  # type: ignore[call-overload]
                _SOURCE.format(size=size).encode("utf-8"),
                font_paths=[str(fonts)],
                ignore_system_fonts=True,
                sys_inputs={"svg": packaged_font(svg)},
                format="png",
                ppi=ppi,
            )
        except typst.TypstError as exc:
            raise MalmiljoError(f"a figure could not be drawn: {exc.message}") from exc
    if not isinstance(result, bytes):  # pragma: no cover - one page, one PNG
        raise TypeError("Typst returned several pages for one figure")
    return result
