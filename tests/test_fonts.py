"""The same bytes whatever fonts the machine has: Graphviz sees only the package's fonts.

Two font environments are made here from fontconfig files: a machine with DejaVu only, and one
where the Liberation fonts (1.x and 2.x, which chromium pulls in) answer for Helvetica and Arial.
`./dev test` installs Debian's fonts-liberation and fonts-liberation2 for this.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from malmiljo_cli.write.map import drawing
from malmiljo_cli.write.map.dot import FONT

from .helpers import snapshot

SYSTEM_FONTS = Path("/usr/share/fonts/truetype")
DEJAVU = [SYSTEM_FONTS / "dejavu"]
LIBERATION = [*DEJAVU, SYSTEM_FONTS / "liberation", SYSTEM_FONTS / "liberation2"]
WIDTH = re.compile(rb'<svg width="([0-9.]+)pt"')
# What the map asked for before it asked for a packaged font: the machine decided.
PROBE = 'digraph { node [fontname="Helvetica,Arial,sans-serif"]; a [label="Ärendekoordinator"] }'
DRAW_PROBE = (
    "import sys, pygraphviz\n"
    "svg = pygraphviz.AGraph(string=sys.argv[1]).draw(format='svg', prog='dot')\n"
    "sys.stdout.buffer.write(svg)\n"
)


def machine(folder: Path, dirs: list[Path], sans: str) -> dict[str, str]:
    """The environment of a machine whose fontconfig knows `dirs` and calls `sans` Helvetica."""
    for d in dirs:
        assert any(d.glob("*.ttf")), f"{d} has no fonts: ./dev test installs them with apt-get"
    folder.mkdir()
    # Even "DejaVu Sans" means `sans` here: only the package's own fonts can make the builds agree.
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family><prefer><family>{sans}</family></prefer>'
        "</alias>"
        for name in ("Helvetica", "Arial", "sans-serif", "DejaVu Sans")
    )
    dir_lines = "".join(f"<dir>{d}</dir>" for d in dirs)
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig>{dir_lines}<cachedir>{folder / 'fc-cache'}</cachedir>{aliases}</fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "XDG_CACHE_HOME": str(folder / "cache")}
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


@pytest.fixture
def machines(tmp_path: Path) -> dict[str, dict[str, str]]:
    return {
        "dejavu": machine(tmp_path / "dejavu", DEJAVU, "DejaVu Sans"),
        "liberation": machine(tmp_path / "liberation", LIBERATION, "Liberation Sans"),
    }


def svg_width(svg: bytes) -> float:
    found = WIDTH.search(svg)
    assert found is not None, svg[:300]
    return float(found.group(1))


def test_the_two_machines_lay_out_differently_without_the_packaged_fonts(
    machines: dict[str, dict[str, str]],
) -> None:
    """The control: plain Graphviz, given the machine's fonts, measures the text differently."""
    widths = {
        name: svg_width(
            subprocess.run(
                [sys.executable, "-c", DRAW_PROBE, PROBE],
                env=env,
                capture_output=True,
                check=True,
            ).stdout
        )
        for name, env in machines.items()
    }
    assert widths["dejavu"] != widths["liberation"], widths


def test_build_is_byte_identical_whatever_fonts_the_machine_has(
    example: Path, tmp_path: Path, machines: dict[str, dict[str, str]]
) -> None:
    outputs = {}
    for name, env in machines.items():
        out = tmp_path / f"out-{name}"
        done = subprocess.run(
            [sys.executable, "-m", "malmiljo_cli", "build", "-e", str(example), "-o", str(out)],
            env=env,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        assert b"graphviz:" not in done.stderr, done.stderr.decode()
        outputs[name] = snapshot(out)
    first, second = outputs["dejavu"], outputs["liberation"]
    assert {"map.svg", "report.html", "report.pdf", "report.md", "engagement.json"} <= set(first)
    assert set(first) == set(second)
    assert f'font-family="{FONT}"'.encode() in first["map.svg"]
    assert svg_width(first["map.svg"]) == svg_width(second["map.svg"])
    differ = [name for name in sorted(first) if first[name] != second[name]]
    assert differ == [], f"these files depend on the system's fonts: {differ}"


def test_the_map_asks_for_a_font_the_package_ships_in_regular_and_bold() -> None:
    family = FONT.split(",")[0]
    weights = set()
    for font in drawing.FONTS.iterdir():
        if font.suffix in {".ttf", ".otf"}:
            said = subprocess.run(
                ["fc-scan", "--format", "%{family[0]}|%{weight}\n", str(font)],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
            weights |= {
                w for f, w in (line.split("|") for line in said.splitlines()) if f == family
            }
    assert {"80", "200"} <= weights, weights  # fontconfig's regular and bold


@pytest.fixture
def fresh_conf() -> Iterator[None]:
    drawing.fontconfig_file.cache_clear()
    yield
    drawing.fontconfig_file.cache_clear()


def test_the_private_configuration_lists_only_links_to_the_package_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_conf: None
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cåche"))
    conf = drawing.fontconfig_file()
    assert conf.parent == tmp_path / "cåche" / "malmiljo" / "fontconfig"
    text = conf.read_text(encoding="utf-8")
    dirs = re.findall(r"<dir>(.*?)</dir>", text)
    assert len(dirs) == 1 and "/usr/share/fonts" not in text and "<include" not in text
    links = sorted(Path(dirs[0]).iterdir())
    assert links and all(link.resolve().parent == drawing.FONTS for link in links)
    drawing.draw("digraph { a }", "svg", date=drawing.dt.date(2020, 1, 1))
    assert not (drawing.FONTS / ".uuid").exists()  # fontconfig writes into the links' folder


def test_an_unwritable_cache_falls_back_to_a_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_conf: None
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    conf = drawing.fontconfig_file()
    assert conf.is_file() and not conf.is_relative_to(blocker)
    assert conf.parent.name.startswith("malmiljo-fontconfig-")


def test_the_users_fontconfig_setting_is_back_after_drawing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FONTCONFIG_FILE", "/somewhere/mine.conf")
    monkeypatch.setenv("FONTCONFIG_SYSROOT", "/sysroot")
    with drawing.packaged_fonts():
        assert os.environ["FONTCONFIG_FILE"] == str(drawing.fontconfig_file())
        assert "FONTCONFIG_SYSROOT" not in os.environ
    assert os.environ["FONTCONFIG_FILE"] == "/somewhere/mine.conf"
    assert os.environ["FONTCONFIG_SYSROOT"] == "/sysroot"


def test_a_system_dot_gets_the_private_configuration_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\nimport os, sys\nsys.stdin.read()\n"
        "sys.stdout.write('<?xml ' + os.environ.get('FONTCONFIG_FILE', 'unset') + ' '"
        " + os.environ.get('FONTCONFIG_SYSROOT', 'no-sysroot'))\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setitem(sys.modules, "pygraphviz", None)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FONTCONFIG_FILE", "/somewhere/mine.conf")
    monkeypatch.setenv("FONTCONFIG_SYSROOT", "/sysroot")
    result = drawing.draw("digraph { a }", "svg", date=drawing.dt.date(2020, 1, 1))
    assert result.engine.startswith("dot")
    assert result.data == f"<?xml {drawing.fontconfig_file()} no-sysroot".encode()


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_the_map_as_a_picture_is_the_same_whatever_fonts_the_machine_has(
    example: Path, tmp_path: Path, machines: dict[str, dict[str, str]], fmt: str
) -> None:
    drawn = []
    for name, env in machines.items():
        out = tmp_path / f"map-{name}.{fmt}"
        subprocess.run(
            [sys.executable, "-m", "malmiljo_cli", "graph", "-e", str(example), "-o", str(out)],
            env=env,
            capture_output=True,
            check=True,
        )
        drawn.append(out.read_bytes())
    assert drawn[0] == drawn[1]
