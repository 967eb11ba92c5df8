"""Redraw the README's workshop pictures (never by hand):  python scripts/workshop_images.py

Opens a session on a copy of examples/vmkf on 127.0.0.1, lets a dozen simulated phones vote,
and photographs a participant's page (360 px wide) and the facilitator's live tally with
Debian's headless chromium. Needs the `workshop` and `test` extras (playwright, httpx).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.test_html_browser import CHROMIUM_ARGS, chromium  # noqa: E402
from tests.workshop_server import participant, start  # noqa: E402

OUT = ROOT / "docs" / "images"
VOTES = [
    {"arendekoordinator": 2, "tva-team": 1},
    {"arendekoordinator": 1, "kunskapsbank": 1, "helpdesk-uppdrag": 1},
    {"tva-team": 2, "incidentprocess": 1},
    {"arendekoordinator": 2, "drift-teknikchef": 1},
    {"kunskapsbank": 2, "tva-team": 1},
    {"arendekoordinator": 1, "helpdesk-uppdrag": 2},
    {"drift-teknikchef": 2, "tva-team": 1},
    {"arendekoordinator": 2, "ledtidsmatning": 1},
    {"tjanstekatalog": 1, "tva-team": 2},
]


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp()) / "vmkf"
    shutil.copytree(ROOT / "examples" / "vmkf", folder)
    server = start(folder, "--id", "konferens", "--dots", "3")
    try:
        for vote in VOTES:
            assert participant(server).post("/api/vote", json={"dots": vote}).json()["ok"]
        for _ in range(3):
            participant(server)  # joined, not yet voted
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            phone = browser.new_context(
                viewport={"width": 360, "height": 740},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
            ).new_page()
            phone.goto(server.join_url)
            phone.wait_for_selector("#vote[data-ready]")
            for ident, taps in (("arendekoordinator", 2), ("kunskapsbank", 1)):
                for _ in range(taps):
                    phone.locator(f'li.card[data-id="{ident}"] .dot-plus').tap()
            phone.locator('li.card[data-id="arendekoordinator"]').scroll_into_view_if_needed()
            phone.evaluate("() => window.scrollTo(0, 0)")
            phone.screenshot(path=str(OUT / "workshop-phone.png"))
            desk = browser.new_context(viewport={"width": 1100, "height": 760}).new_page()
            desk.goto(f"{server.base}/facilitator#k={server.secret}")
            desk.wait_for_selector("#qr svg")
            desk.wait_for_selector("#bars li")
            desk.screenshot(path=str(OUT / "workshop-facilitator.png"))
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(folder.parent, ignore_errors=True)
    print(f"wrote {OUT / 'workshop-phone.png'} and {OUT / 'workshop-facilitator.png'}")


if __name__ == "__main__":
    main()
