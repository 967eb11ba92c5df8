"""Office files: the deck (python-pptx), the Word report (python-docx), the workbook (openpyxl)."""

from __future__ import annotations

from ...errors import UsageError


def office_available() -> None:
    """A clear message when the optional Office libraries are not installed."""
    import importlib.util

    missing = [
        package
        for module, package in (("pptx", "python-pptx"), ("docx", "python-docx"))
        if importlib.util.find_spec(module) is None
    ]
    if missing:
        raise UsageError(
            f"Office files need {' and '.join(missing)}; install them with "
            "`pip install 'malmiljo-cli[office]'`"
        )
