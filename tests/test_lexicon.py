"""One voice, in one language: what the commands print about a Swedish engagement holds none of
the English catalogue's phrases, and the reverse; so do the report, the deck, the Word file and
the workbook.

Every command runs once per language (a module fixture) on the example in a git repository with
two laps, on a copy without capacity or calendar (waves, no plan), and on copies it may change.
The phrases come from the catalogues themselves: every value that differs between sv.yaml and
en.yaml, split at its placeholders, fragments of two words or more that the other catalogue does
not hold. Text the engagement's own files hold (titles, quotes, names) is taken out first: a
Swedish quote in an English engagement is the client's words, not the tool's.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from malmiljo_cli.cli import app
from malmiljo_cli.content.i18n import catalogue
from malmiljo_cli.write.terminal.board import words as board_words
from malmiljo_cli.yamlio import parse

from .helpers import EXAMPLE, git

runner = CliRunner()
LANGS = ("sv", "en")
OTHER = {"sv": "en", "en": "sv"}

# Words the issue found in Swedish output, and their Swedish counterparts in English output.
KNOWN = {
    "sv": [
        r"\bthe plan\b",
        r"\bperson-days\b",
        r"\bleft out\b",
        r"\byes\b",
        r"\bcore\b",
        r"\bswing\b",
        r"\(area in general\)",
        r"this lap's plan",
        r"\bnot this lap\b",
        r"\bweighted gap\b",
        r"\bno problems found\b",
        r"\bworking tree\b",
    ],
    "en": [
        r"\bpersondagar\b",
        r"\bvarvets plan\b",
        r"\butanför planen\b",
        r"\bvågmästare\b",
        r"\(området i stort\)",
        r"\bviktat gap\b",
        r"\barbetskopian\b",
    ],
}

# A diagnostic's frame stays English (file:line:col: severity CODE:); what follows it is about
# the engagement only for `check`'s rules (W5xx), so other diagnostics are left out whole.
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (error|warning) (?P<code>[A-Z]\d+): ", re.MULTILINE)

# Commands on the example in its repository (lap 2 tagged, one more change in the working tree).
ON_REPO: tuple[tuple[str, ...], ...] = (
    ("prioritise",),
    ("prioritise", "--reconsider"),
    ("prioritise", "-f", "md"),
    ("prioritise", "--sensitivity", "20"),
    ("prioritise", "--sensitivity", "20", "-f", "md"),
    ("prioritise", "--budget", "50"),
    ("prioritise", "--budget", "85", "--must", "kompetensplan"),
    ("roadmap",),
    ("roadmap", "-f", "md"),
    ("gap",),
    ("gap", "-f", "md"),
    ("trace",),
    ("board",),
    ("board", "-f", "md"),
    ("board", "-f", "html"),
    ("check",),
    ("interviews",),
    ("interviews", "-f", "md"),
    ("score",),
    ("score", "-f", "md"),
    ("diff", "--from", "lap-1"),
    ("diff", "--from", "lap-1", "-f", "md"),
    ("diff", "--from", "lap-1", "--to", "lap-2"),
    ("lap", "history"),
    ("lap", "history", "-f", "md"),
)
# Commands on a copy without capacity.budget or a calendar, and with a rule broken.
ON_BARE: tuple[tuple[str, ...], ...] = (
    ("prioritise",),
    ("roadmap",),
    ("roadmap", "-f", "md"),
    ("roadmap", "--waves", "1", "--wave-capacity", "30"),
    ("board",),
    ("check",),
    ("score", "--method", "rice"),
)
# Commands that change the engagement: each on its own copy.
WRITING: tuple[tuple[str, ...], ...] = (
    ("prioritise", "--write"),
    ("lap", "new"),
)
RATED = """\
id: sjalvskattning
date: 2018-11-20
area: organisation
participants: 3
ratings:
  operativ-ledning:
    current: [0, 1, 3]
    target: [3, 4, 4]
  tydliga-roller:
    current: [1, 1, 1]
    target: [4, 4, 4]
"""


@dataclass(frozen=True)
class Run:
    lang: str
    kind: str  # repo, bare or write
    args: tuple[str, ...]
    output: str  # stdout and stderr
    owned_elsewhere: tuple[str, ...]  # left-out reasons: worded by content/reasons.py (issue 19)


# --- the phrases ----------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{[^}]*\}")
WORD = re.compile(r"[^\W\d_][\w'’-]*")


def flat(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every leaf of a catalogue as (dotted path, text)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from flat(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from flat(value, f"{path}[{n}]")
    else:
        yield path, str(node)


def fragments(text: str) -> Iterator[str]:
    """The literal parts of a phrase between its placeholders, two words or more, lower case."""
    for part in PLACEHOLDER.split(text):
        part = " ".join(part.split()).strip(" ,.:;()!–-")
        if len(WORD.findall(part)) >= 2:
            yield part.lower()


@cache
def phrases(lang: str) -> list[str]:
    """`lang`'s prose that the other catalogue does not say: what must not leak across."""
    mine, theirs = dict(flat(catalogue(lang))), dict(flat(catalogue(OTHER[lang])))
    their_text = " ".join(" ".join(v.split()).lower() for v in theirs.values())
    found = {
        f
        for key, text in mine.items()
        if theirs.get(key) != text
        for f in fragments(text)
        if f not in their_text
    }
    return sorted(found)


def leaks(text: str, lang: str) -> list[str]:
    """The other language's catalogue phrases and known words found in `text`."""
    flat_text = " ".join(text.split()).lower()
    found = [
        p for p in phrases(OTHER[lang]) if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", flat_text)
    ]
    found += [k for k in KNOWN[lang] if re.search(k, flat_text, re.IGNORECASE)]
    return found


@cache
def own_words(folder: Path) -> list[str]:
    """Every text the engagement's files hold, longest first: the client's words."""
    found: set[str] = set()
    for path in sorted(folder.rglob("*.yaml")):
        for _, value in flat(parse(path.read_text(encoding="utf-8"))):
            text = " ".join(value.split()).lower()
            if len(WORD.findall(text)) >= 2:
                found.add(text)
    return sorted(found, key=len, reverse=True)


def tool_text(text: str, folder: Path, owned: tuple[str, ...] = ()) -> str:
    """`text` without the engagement's own words, the diagnostics' frames and `owned` phrases."""
    text = text.replace("\u00ad\n", "").replace("\u00ad", "")  # the PDF's soft hyphens
    kept = []
    for line in text.splitlines():
        match = DIAGNOSTIC.match(line)
        if match is None:
            kept.append(line)
        elif match["code"].startswith("W5"):
            kept.append(line[match.end() :])
    flat_text = " ".join(" ".join(kept).split()).lower()
    for said in [*owned, *own_words(folder)]:
        flat_text = flat_text.replace(" ".join(said.split()).lower(), " ")
    # Quotes and titles are printed in typographic quotes or shortened with an ellipsis.
    return re.sub(r"“[^”]*”|\S+…", " ", flat_text)


# --- the engagements and every command's output ---------------------------------------------


def _language(folder: Path, lang: str) -> None:
    path = folder / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("language: sv", f"language: {lang}"), encoding="utf-8")


def _repo(top: Path, lang: str) -> Path:
    """The example at lap 1 and lap 2 (tagged), then an effort changed in the working tree."""
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    folder = top / "eng"
    shutil.copytree(EXAMPLE, folder)
    _language(folder, lang)
    (folder / "assessments").mkdir()
    (folder / "assessments" / "sjalvskattning.yaml").write_text(RATED, encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "lap 1")
    git(top, "tag", "lap-1")
    meta = folder / "engagement.yaml"
    meta.write_text(meta.read_text("utf-8").replace("\nlap: 1\n", "\nlap: 2\n"), "utf-8")
    team = folder / "initiatives" / "tva-team.yaml"
    team.write_text(team.read_text("utf-8").replace("status: in_progress", "status: done"), "utf-8")
    git(top, "commit", "-q", "-am", "lap 2")
    git(top, "tag", "lap-2")
    base = folder / "initiatives" / "kunskapsbank.yaml"
    base.write_text(base.read_text("utf-8").replace("effort: 12", "effort: 15"), "utf-8")
    return folder


def _bare(folder: Path, lang: str) -> Path:
    """No budget, no calendar; a first step too short to act on."""
    shutil.copytree(EXAMPLE, folder)
    _language(folder, lang)
    meta = folder / "engagement.yaml"
    text = meta.read_text("utf-8")
    for line in ("  budget: 150\n", "  start: 2018-11-12\n", "  weeks: 26\n", "  per_week: 6\n"):
        assert line in text
        text = text.replace(line, "")
    meta.write_text(text, "utf-8")
    team = folder / "initiatives" / "tva-team.yaml"
    lines = team.read_text("utf-8").splitlines()
    lines = ["first_step: TBD" if line.startswith("first_step:") else line for line in lines]
    team.write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def _invoke(folder: Path, args: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*args, "-e", str(folder)])
    assert result.exit_code in (0, 1), (args, result.output)
    return result.output


@pytest.fixture(scope="module")
def engagements(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    found = {}
    for lang in LANGS:
        root = tmp_path_factory.mktemp(f"lexicon-{lang}")
        found[lang] = {"repo": _repo(root / "repo", lang), "bare": _bare(root / "bare", lang)}
    return found


@pytest.fixture(scope="module")
def runs(
    engagements: dict[str, dict[str, Path]], tmp_path_factory: pytest.TempPathFactory
) -> list[Run]:
    done = []
    for lang, folders in engagements.items():
        for kind, commands in (("repo", ON_REPO), ("bare", ON_BARE)):
            folder = folders[kind]
            done += [Run(lang, kind, a, _invoke(folder, a), ()) for a in commands]
        for args in WRITING:
            copy = tmp_path_factory.mktemp(f"write-{lang}") / "eng"
            shutil.copytree(folders["repo"], copy)
            done.append(Run(lang, "write", args, _invoke(copy, args), ()))
    return done


# --- the tests ------------------------------------------------------------------------------


def test_the_phrase_lists_are_long_and_hold_the_words_the_issue_found() -> None:
    english, swedish = phrases("en"), phrases("sv")
    assert len(english) > 200 and len(swedish) > 200
    for said in ("left out", "this lap's plan", "area in general", "in progress", "no capacity"):
        assert any(said in p for p in english), said
    for said in ("utanför planen", "varvets plan", "området i stort", "optimeringens val"):
        assert any(said in p for p in swedish), said


def test_the_search_finds_a_leak_and_ignores_the_clients_words(tmp_path: Path) -> None:
    folder = tmp_path / "eng"
    shutil.copytree(EXAMPLE, folder)
    assert leaks("Varvets plan: 12 persondagar", "sv") == []
    assert "person-days" in " ".join(leaks("Varvets plan: 12 person-days", "sv"))
    assert "left out" in leaks("Left out\nid  varför inte", "sv")
    quote = "“Stämningen är bra, och när det brinner ställer alla upp för varandra.”"
    assert quote.lower().strip("“”") in own_words(folder)
    line = "x.yaml:3:1: warning W502: 'a': no first step (immediate)"
    assert "no first step" in tool_text(line, folder)
    assert tool_text("x.yaml:3:1: error E101: the plan is broken", folder).strip() == ""


def test_every_command_ran_and_said_something(runs: list[Run]) -> None:
    assert len(runs) == 2 * (len(ON_REPO) + len(ON_BARE) + len(WRITING))
    for run in runs:
        assert run.output.strip(), run.args
    by = {(r.lang, r.kind, r.args): r.output for r in runs}
    assert "Varvets plan (viktade kriterier)" in by["sv", "repo", ("prioritise",)]
    assert "This lap's plan (weighted criteria)" in by["en", "repo", ("prioritise",)]
    assert "ingen kapacitet" in by["sv", "bare", ("prioritise",)]
    assert "Personalens egen skattning" in by["sv", "repo", ("gap",)]
    assert "(området i stort)" in by["sv", "repo", ("interviews",)]
    assert "stabil" in by["sv", "repo", ("prioritise", "--sensitivity", "20")]
    assert "statusarna följer nu planen" in by["sv", "write", ("prioritise", "--write")]
    assert "W502" in by["sv", "bare", ("check",)]


@pytest.mark.parametrize("lang", LANGS)
def test_commands_speak_only_the_engagements_language(
    runs: list[Run], engagements: dict[str, dict[str, Path]], lang: str
) -> None:
    folder = engagements[lang]["repo"]
    found = {
        " ".join(r.args): leaked
        for r in runs
        if r.lang == lang
        and (leaked := leaks(tool_text(r.output, folder, r.owned_elsewhere), lang))
    }
    assert found == {}


# --- the documents --------------------------------------------------------------------------


def _documents(folder: Path, out: Path, *, office: bool = True) -> dict[str, str]:
    """The report (md, html, pdf, docx), the deck with its notes and the workbook, as text;
    without `office`, the report's md and html only."""
    formats = "md,html,pdf,docx" if office else "md,html"
    result = runner.invoke(app, ["report", "-e", str(folder), "-o", str(out), "-f", formats])
    assert result.exit_code == 0, result.output
    texts = {"md": (out / "report.md").read_text(encoding="utf-8")}
    page = (out / "report.html").read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)
    texts["html"] = html.unescape(re.sub(r"<[^>]+>", " ", page))
    if office:
        texts |= _office(folder, out)
    return texts


def _office(folder: Path, out: Path) -> dict[str, str]:
    import subprocess

    import docx
    import openpyxl
    import pptx

    result = runner.invoke(app, ["deck", "-e", str(folder), "-o", str(out / "deck.pptx")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "-e", str(folder), "--to", str(out / "book.xlsx")])
    assert result.exit_code == 0, result.output
    texts = {}
    pdf = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    texts["pdf"] = pdf.stdout
    document = docx.Document(str(out / "report.docx"))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    texts["docx"] = "\n".join([*(p.text for p in document.paragraphs), *cells])
    deck = pptx.Presentation(str(out / "deck.pptx"))
    said = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                said.append(shape.text_frame.text)
            if shape.has_table:
                said += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            said.append(slide.notes_slide.notes_text_frame.text)
    texts["pptx"] = "\n".join(said)
    book = openpyxl.load_workbook(out / "book.xlsx")
    texts["xlsx"] = "\n".join(
        [sheet.title for sheet in book]
        + [str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v]
    )
    return texts


@pytest.fixture(scope="module")
def documents(
    engagements: dict[str, dict[str, Path]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, str]]:
    found = {}
    for lang in LANGS:
        found[lang] = _documents(engagements[lang]["repo"], tmp_path_factory.mktemp(f"docs-{lang}"))
        bare = _documents(
            engagements[lang]["bare"], tmp_path_factory.mktemp(f"bare-{lang}"), office=False
        )
        found[lang] |= {f"{kind} without capacity": text for kind, text in bare.items()}
    return found


def test_every_document_was_read_back(documents: dict[str, dict[str, str]]) -> None:
    for lang, texts in documents.items():
        kinds = {"md", "html", "pdf", "docx", "pptx", "xlsx"}
        assert set(texts) == kinds | {"md without capacity", "html without capacity"}
        assert all(len(t) > 500 for t in texts.values()), lang
    assert "Varvets plan" in documents["sv"]["pptx"] and "Varvets plan" in documents["sv"]["xlsx"]
    assert "This lap's plan" in documents["en"]["docx"]


@pytest.mark.parametrize("lang", LANGS)
def test_documents_speak_only_the_engagements_language(
    documents: dict[str, dict[str, str]], engagements: dict[str, dict[str, Path]], lang: str
) -> None:
    folder = engagements[lang]["repo"]
    found = {
        kind: leaked
        for kind, text in documents[lang].items()
        if (leaked := leaks(tool_text(text, folder), lang))
    }
    assert found == {}


# --- one word per idea, one name per number -------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_one_word_per_idea(lang: str) -> None:
    cat = catalogue(lang)
    # Left out of the plan: the CLI's heading, the report's list, the board's column.
    assert cat["left_out"] == cat["waiting"] == cat["board_columns"]["backlog"]
    # The lap's closure and the backlog's: one name each in the key figures, the gap tables, and
    # the totals of diff and lap history.
    assert cat["fig_lap_closes"].startswith(cat["lap_closure"])
    for closure in ("lap_closure", "backlog_closure"):
        assert cat["gap_totals"][closure] == cat[closure].lower()
    # Statuses: the board's columns are the statuses' own words.
    for status in ("in_progress", "done", "dropped"):
        assert cat["board_columns"][status].lower() == cat["status_values"][status]
    # A finding's kind: the same word in the interviews table and the report.
    for kind in ("pain", "wish", "strength"):
        assert cat["cli"][kind] == cat["finding_kinds"][kind].lower()
    # Value and score are two measures with two names, and the report says how they differ.
    assert (
        cat["value"].lower() == cat["cli"]["value"] != cat["cli"]["score"] == cat["score"].lower()
    )
    assert cat["cli"]["value"] in cat["plan_text"] and cat["cli"]["score"] in cat["plan_text"]
    assert cat["cli"]["value"] in cat["say"]["plan"]["order_note"]
    # Stable and swing: the sensitivity table uses the report's words.
    assert cat["stability_values"]["swing"].lower() in cat["stability_swing"].lower()
    # The board's card says owner as the report does.
    assert board_words(lang)["owner"] == cat["owner"]


def test_key_figures_count_what_they_say(documents: dict[str, dict[str, str]]) -> None:
    cat = catalogue("sv")
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([\d\s\u00a0]+) \|$", documents["sv"]["md"], re.M))
    total = int(rows[cat["fig_initiatives"]].replace("\u00a0", ""))
    by_status = [int(v) for k, v in rows.items() if k.startswith(f"{cat['fig_by_status']}: ")]
    assert len(by_status) >= 4 and sum(by_status) == total == len(
        list((EXAMPLE / "initiatives").glob("*.yaml"))
    )
