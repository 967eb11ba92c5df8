"""`malmiljo import-survey`: survey answers become an interview file, checked first."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from malmiljo_cli.analysis.interviews import synthesise
from malmiljo_cli.cli import app
from malmiljo_cli.validate import read_engagement

from .helpers import snapshot

runner = CliRunner()
SWEDISH_EXCEL = (
    "\ufeffTidstämpel;Svar;Område;Förmåga;Typ\r\n"
    '2026-01-01 10:00;"Vi hinner aldrig;\r\nutveckla något";arbetssatt;utvecklingstid;pain\r\n'
    "2026-01-01 10:05;;;;\r\n"
    "2026-01-01 11:00;Åsa: tavlan är bra;arbetssatt;overblick;strength\r\n"
)
MAP = (
    "--map",
    "Svar=text",
    "--map",
    "Område=area",
    "--map",
    "Förmåga=capability",
    "--map",
    "Typ=kind",
)


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _survey(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "enkät.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_answers_become_an_interview_in_house_style(example: Path, tmp_path: Path) -> None:
    survey = _survey(tmp_path, SWEDISH_EXCEL)
    args = ("import-survey", "-e", str(example), str(survey), "--id", "enkat-2026")
    code, out = _run(*args, "--date", "2026-01-02", *MAP, "--role", "Medarbetare")
    assert code == 0, out
    written = (example / "interviews" / "enkat-2026.yaml").read_text(encoding="utf-8")
    assert written == (
        "# From enkät.csv\n"
        "id: enkat-2026\n"
        "date: 2026-01-02\n"
        "role: Medarbetare\n"
        "findings:\n"
        "  - text: |-\n"
        "      Vi hinner aldrig;\n"
        "      utveckla något\n"
        "    area: arbetssatt\n"
        "    capability: utvecklingstid\n"
        "    kind: pain\n"
        "  - text: 'Åsa: tavlan är bra'\n"
        "    area: arbetssatt\n"
        "    capability: overblick\n"
        "    kind: strength\n"
    )
    eng = read_engagement(example)
    assert "enkat-2026" in {i.id for i in eng.interviews}
    groups = {g.capability: g for g in synthesise(eng, quotes=5).groups}
    assert "enkat-2026" in {q.interview for q in groups["utvecklingstid"].quotes}


def test_same_named_columns_need_no_map(minimal: Path, tmp_path: Path) -> None:
    survey = _survey(tmp_path, "text,area,kind\nTavlan hjälper,arbetssatt,strength\n")
    code, out = _run(
        "import-survey", "-e", str(minimal), str(survey), "--id", "e1", "--date", "2026-02-03"
    )
    assert code == 0, out
    assert "kind: strength\n" in (minimal / "interviews" / "e1.yaml").read_text(encoding="utf-8")


def test_bad_answers_are_all_reported_and_nothing_written(example: Path, tmp_path: Path) -> None:
    survey = _survey(
        tmp_path,
        "text;area;capability;kind\nhej;okand;;pain\n;arbetssatt;;wish\nx;teknik;spoke;sad\n",
    )
    before = snapshot(example)
    code, out = _run(
        "import-survey", "-e", str(example), str(survey), "--id", "e2", "--date", "2026-01-02"
    )
    assert code == 1, out
    assert out.splitlines() == [
        f"{survey}!B2: there is no area with id 'okand'",
        f"{survey}!A3: the field 'text' is required here",
        f"{survey}!D4: 'kind' must be one of 'pain', 'wish' or 'strength', not 'sad'",
        f"3 problem(s) in {survey}; nothing was written",
    ]
    assert snapshot(example) == before


def test_an_existing_interview_is_never_overwritten(example: Path, tmp_path: Path) -> None:
    survey = _survey(tmp_path, SWEDISH_EXCEL)
    before = snapshot(example)
    code, out = _run(
        "import-survey",
        "-e",
        str(example),
        str(survey),
        "--id",
        "it-chef",
        "--date",
        "2026-01-02",
        *MAP,
    )
    assert code == 2, out
    assert "an interview 'it-chef' already exists (" in out
    assert snapshot(example) == before


def test_usage_errors(example: Path, tmp_path: Path) -> None:
    survey = _survey(tmp_path, SWEDISH_EXCEL)
    base = ("import-survey", "-e", str(example), str(survey), "--id", "e3")
    cases = [
        ((*base, "--date", "2026-13-01", *MAP), "--date takes a date written as YYYY-MM-DD"),
        ((*base, "--date", "2026-01-01"), "has no column for text, area, kind"),
        ((*base, "--date", "2026-01-01", "--map", "Svar=citat"), "--map takes column=field"),
        ((*base, "--date", "2026-01-01", "--map", "Saknas=text"), "has no column 'Saknas'"),
        (
            (
                "import-survey",
                "-e",
                str(example),
                str(survey),
                "--id",
                "ä b",
                "--date",
                "2026-01-01",
            ),
            "not a valid id",
        ),
    ]
    for args, message in cases:
        code, out = _run(*args)
        assert code == 2, (args, out)
        assert message in out, out
