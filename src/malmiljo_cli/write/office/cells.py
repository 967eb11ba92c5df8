"""One cell of a workbook, written safely: text never runs as a formula."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...errors import MalmiljoError
from ...sheet import CellValue


def set_cell(cell: Any, value: CellValue | dt.date) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        cell.value = value
    except IllegalCharacterError:
        raise MalmiljoError(
            f"cell {cell.coordinate} holds a control character that .xlsx cannot store; "
            "remove it from the YAML file or export to .csv"
        ) from None
    if isinstance(value, str):
        cell.data_type = "s"  # a string, even when it starts with `=`: never run as a formula
