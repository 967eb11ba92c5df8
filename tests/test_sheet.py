"""Spreadsheet cells both ways: reading CSV and XLSX, the cell format of each field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malmiljo_cli.analysis.sheet import COLUMNS, DECIMAL, WHOLE, CellError, cell_of, value_of
from malmiljo_cli.errors import MalmiljoError, UsageError
from malmiljo_cli.models import Initiative
from malmiljo_cli.models.initiative import Raise
from malmiljo_cli.sheet import column_letter, neutralise, read_sheet, restore


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (3, "D"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+46 70", "'+46 70"),
        ("-rad", "'-rad"),
        ("@home", "'@home"),
        ("-5", "-5"),  # a number stays a number
        ("'=x", "''=x"),  # already quoted: one more, so restore takes exactly one
        ("'vanlig", "'vanlig"),
        ("Åsa", "Åsa"),
    ],
)
def test_formula_cells_are_neutralised(text: str, cell: str) -> None:
    assert neutralise(text) == cell
    assert restore(cell) == text


@given(st.text(max_size=20))
def test_neutralise_round_trips_any_text(text: str) -> None:
    assert restore(neutralise(text)) == text
    if text[:1] in ("=", "+", "@") and not _number(text):  # "+0" is a number, not a formula
        assert neutralise(text).startswith("'")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lower() not in ("nan", "inf", "-inf", "+inf")


def test_numeric_fields_are_listed_once() -> None:
    """WHOLE and DECIMAL cover exactly the model's number fields, so none is read as text."""
    properties = Initiative.model_json_schema()["properties"]
    numbers = {
        name
        for name, schema in properties.items()
        if {"integer", "number"} & {s.get("type") for s in [schema, *schema.get("anyOf", [])]}
    }
    assert numbers == {*WHOLE, *DECIMAL}
    assert COLUMNS[0] == "id"


@pytest.mark.parametrize(
    ("field", "value", "cell"),
    [
        ("depends_on", ["a", "b"], "a, b"),
        ("depends_on", [], None),
        (
            "raises",
            [Raise(capability="kapacitet", to=3), Raise(capability="annan", to=4)],
            "kapacitet:3, annan:4",
        ),
        ("steps", ["Ett", "Två"], "Ett\nTvå"),
        ("effort", 12.0, 12),
        ("confidence", 0.8, 0.8),
        ("owner", None, None),
        ("description", "", None),
        ("title", "Ärende", "Ärende"),
    ],
)
def test_cells_read_back_as_their_value(field: str, value: object, cell: object) -> None:
    assert cell_of(field, value) == cell
    if cell is not None:
        back = value_of(field, cell)  # type: ignore[arg-type]
        expected = (
            [{"capability": r.capability, "to": r.to} for r in value]
            if field == "raises"
            else value
        )  # type: ignore[attr-defined, union-attr]
        assert back == expected


@pytest.mark.parametrize(
    ("field", "cell", "value"),
    [
        ("effort", "2,5", 2.5),
        ("effort", " 1 000 ", 1000),
        ("cost", "5\u00a0000", 5000),
        ("effect", 4.0, 4),
        ("depends_on", "a;b  c,\nd", ["a", "b", "c", "d"]),
        (
            "raises",
            "x: 3; y=4\nz:5",
            [{"capability": c, "to": t} for c, t in (("x", 3), ("y", 4), ("z", 5))],
        ),
        ("steps", "Ett\n\n  Två  \n", ["Ett", "Två"]),
    ],
)
def test_cells_written_by_people_are_read_generously(
    field: str, cell: object, value: object
) -> None:
    assert value_of(field, cell) == value  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "cell", "message"),
    [
        ("effort", "tolv", "'effort' must be a number, not 'tolv'"),
        ("effect", "2.5", "'effect' must be a whole number, not '2.5'"),
        ("effect", "nan", "must be a whole number"),
        ("raises", "kundfokus", "capability:level"),
        ("raises", "kundfokus:hög", "capability:level"),
    ],
)
def test_bad_cells_say_what_is_wrong(field: str, cell: str, message: str) -> None:
    with pytest.raises(CellError, match=message.replace("(", r"\(")):
        value_of(field, cell)


def test_csv_with_semicolons_bom_and_crlf_as_swedish_excel_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "ark.csv"
    text = 'id;title;steps\r\nå;"Öl; gärna";"Ett\r\nTvå"\r\n;;\r\nb;\'=1+1;\r\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    sheet = read_sheet(path)
    assert sheet.header == ("id", "title", "steps")
    assert sheet.rows == ((2, ("å", "Öl; gärna", "Ett\nTvå")), (4, ("b", "=1+1", "")))
    assert sheet.where(4, 1) == f"{path}!B4"


def test_csv_with_commas_and_no_bom(tmp_path: Path) -> None:
    path = tmp_path / "ark.csv"
    path.write_text('id,title\nx,"a, b"\n', encoding="utf-8")
    assert read_sheet(path).rows == ((2, ("x", "a, b")),)


def test_csv_in_windows_1252_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "ark.csv"
    path.write_bytes("id;title\nx;Åsa Öberg\n".encode("cp1252"))
    assert read_sheet(path).rows == ((2, ("x", "Åsa Öberg")),)


def test_xlsx_first_sheet_with_its_name(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Blad ä"
    sheet.append(["id", "effort", None])
    sheet.append(["x", 2.5])
    sheet.append([None, None])
    sheet.append(["y", "=A2"])
    book.save(tmp_path / "a.xlsx")
    read = read_sheet(tmp_path / "a.xlsx")
    assert read.display == f"{tmp_path / 'a.xlsx'}:Blad ä"
    assert read.header == ("id", "effort")
    assert read.rows == ((2, ("x", 2.5)), (4, ("y", "=A2")))


def test_files_that_are_not_spreadsheets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"neither \.xlsx nor \.csv"):
        read_sheet(tmp_path / "a.ods")
    with pytest.raises(UsageError, match="there is no file"):
        read_sheet(tmp_path / "a.csv")
    (tmp_path / "b.xlsx").write_bytes(b"not a zip")
    with pytest.raises(MalmiljoError, match=r"not a readable \.xlsx"):
        read_sheet(tmp_path / "b.xlsx")
    (tmp_path / "c.csv").write_bytes(b"")
    with pytest.raises(MalmiljoError, match="is empty"):
        read_sheet(tmp_path / "c.csv")


def test_dry_run_text_shows_where_long_values_differ() -> None:
    from malmiljo_cli.analysis.sheet import FieldChange, InitiativeChange
    from malmiljo_cli.write.office.sheet import changes_text

    old, new = "Samma början " * 8 + "slut.", "Samma början " * 8 + "annat slut."
    changes = [
        InitiativeChange("a", "x!A2", False, (FieldChange("motivation", old, new, new),)),
        InitiativeChange("b", "x!A3", True, (FieldChange("steps", None, ["Ett", "Två"], []),)),
    ]
    text = changes_text(changes, {"a": "initiatives/a.yaml", "b": "initiatives/b.yaml"})
    assert text.splitlines() == [
        "a (initiatives/a.yaml)",
        "  motivation: …början Samma början slut. -> …början Samma början annat slut.",
        "new b (initiatives/b.yaml)",
        "  steps: Ett | Två",
    ]


def test_separator_is_the_one_that_fits_every_row(tmp_path: Path) -> None:
    """Survey questions are full of commas; the header line alone would suggest `,`."""
    path = tmp_path / "enkät.csv"
    path.write_text(
        "Vad, om något, fungerar dåligt, och varför?;Område\r\nTavlan, ibland;arbetssatt\r\n",
        encoding="utf-8",
    )
    sheet = read_sheet(path)
    assert sheet.header == ("Vad, om något, fungerar dåligt, och varför?", "Område")
    assert sheet.rows == ((2, ("Tavlan, ibland", "arbetssatt")),)
