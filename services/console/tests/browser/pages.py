"""What every browser step uses: axe-core on the page, screenshots, signing in."""

from __future__ import annotations

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

SHOTS = Path(__file__).resolve().parents[4] / "docs" / "console"
AXE = Axe()
checked: list[str] = []


def check(page: Page, shot: str | None = None) -> None:
    """axe-core on the page as it is now; optionally a screenshot for docs/console.md."""
    results = AXE.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{page.url}: {bad}"
    checked.append(page.url)
    if shot:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True, timeout=60_000)


def sign_in(page: Page, base: str, name: str, role: str, landing: str = "Sager") -> None:
    page.goto(base + "/")
    expect(page).to_have_url(re.compile("/log-ind$"))
    page.get_by_label("Dit brugernavn").fill(name)
    page.get_by_label(role, exact=True).check()
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name=landing, level=1)).to_be_visible()
