"""The HTML report in a real headless browser (Debian's chromium): no console errors, links jump.

`./dev test` installs chromium when it runs as root; without it this test fails and says so.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from .test_report import render

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "chromium is missing: run ./dev test as root, or apt-get install chromium"
    return path


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str]]]:
    from playwright.sync_api import sync_playwright

    from .helpers import EXAMPLE

    folder = tmp_path_factory.mktemp("html")
    (folder / "report.html").write_bytes(render(EXAMPLE, "html")["report.html"])
    errors: list[str] = []
    with sync_playwright() as pw:
        # A fresh profile each run: playwright starts chromium with a temporary user-data-dir.
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        tab.on(
            "console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None
        )
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto((folder / "report.html").as_uri())
        yield tab, errors
        browser.close()


def test_no_console_errors(page: tuple[Any, list[str]]) -> None:
    tab, errors = page
    # The engagement's name first, the kind of document after, no word twice.
    assert (
        tab.title()
        == "Målmiljö för it-avdelningen i Västra Mälardalens kommunalförbund – Målmiljörapport"
    )
    assert errors == []


def test_every_internal_link_has_a_target(page: tuple[Any, list[str]]) -> None:
    tab, _ = page
    hrefs = tab.eval_on_selector_all('a[href^="#"]', "els => els.map(e => e.getAttribute('href'))")
    ids = set(tab.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
    assert hrefs
    assert sorted({h[1:] for h in hrefs} - ids) == []


def test_initiative_links_jump_to_their_section(page: tuple[Any, list[str]]) -> None:
    tab, _ = page
    hrefs = tab.eval_on_selector_all(
        'a[href^="#initiative-"]', "els => [...new Set(els.map(e => e.getAttribute('href')))]"
    )
    assert len(hrefs) >= 5
    for href in hrefs[:5]:
        tab.locator(f'a[href="{href}"]').first.click()
        assert tab.evaluate("location.hash") == href
        top = tab.evaluate(f"document.getElementById('{href[1:]}').getBoundingClientRect().top")
        assert abs(top) < 2, (href, top)


def test_map_nodes_link_to_their_initiative_sections(page: tuple[Any, list[str]]) -> None:
    tab, _ = page
    links = tab.eval_on_selector_all(
        "#map svg a",
        "els => els.map(e => e.getAttribute('href') || e.getAttribute('xlink:href')).filter(Boolean)",
    )
    targets = sorted({h for h in links if h.startswith("#initiative-")})
    assert len(targets) >= 10, links
    ids = set(tab.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
    assert [h for h in targets if h[1:] not in ids] == []
    for href in targets[:3]:
        tab.evaluate("window.scrollTo(0, 0)")
        node = tab.locator(f'#map svg a[*|href="{href}"]').first
        node.scroll_into_view_if_needed()
        node.click()
        assert tab.evaluate("location.hash") == href
        top = tab.evaluate(f"document.getElementById('{href[1:]}').getBoundingClientRect().top")
        assert abs(top) < 2, (href, top)


def test_the_page_fits_a_phone_without_sideways_scrolling(page: tuple[Any, list[str]]) -> None:
    tab, _ = page
    tab.set_viewport_size({"width": 390, "height": 800})
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    tab.set_viewport_size({"width": 1200, "height": 900})
    assert overflow <= 0
