"""A PDF sheet of one-time codes to cut out: each card a QR code of its join link and the code."""

from __future__ import annotations

import json
from importlib import resources

from ..errors import MalmiljoError
from .server import qr_svg


def cards_pdf(*, tokens: tuple[str, ...], base_url: str, title: str, hint: str, lang: str) -> bytes:
    """Typeset the cards with the packaged fonts; engagement text reaches Typst as data only."""
    import typst

    source = resources.files("malmiljo_cli").joinpath("templates", "workshop", "cards.typ")
    inputs = {
        "data": json.dumps(
            {"title": title, "hint": hint, "lang": lang, "cards": list(tokens)}, ensure_ascii=False
        )
    }
    inputs.update({f"qr{i}": qr_svg(f"{base_url}/j/{t}", scale=4) for i, t in enumerate(tokens)})
    with resources.as_file(resources.files("malmiljo_cli").joinpath("fonts")) as fonts:
        try:
            result = typst.compile(  # type: ignore[call-overload]
                source.read_bytes(),
                font_paths=[str(fonts)],
                ignore_system_fonts=True,
                sys_inputs=inputs,
                timestamp=0,
                format="pdf",
            )
        except typst.TypstError as exc:
            raise MalmiljoError(f"the code cards failed: {exc.message}") from exc
    if not isinstance(result, bytes):  # pragma: no cover - PDF output is one file
        raise TypeError("Typst returned pages instead of one PDF")
    return result
