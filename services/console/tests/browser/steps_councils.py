"""A council administrator calls an election on the tilbud's council (formed through the
councils API beforehand: forming a council is not a page yet)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import httpx
from playwright.sync_api import Page, expect

from services.console.domain.timefmt import COPENHAGEN
from services.console.tests.browser.pages import check, sign_in
from shared.auth import issue_token
from shared.config import CommonSettings


def form_council(councils_url: str, tilbud: str) -> str:
    token = issue_token(CommonSettings(), "rita", ["council_admin"])
    today = datetime.now(COPENHAGEN).date().isoformat()
    body = {
        "tilbud_id": tilbud, "kind": "relatives_council",
        "frame": {"purpose": "Inddrage pårørende", "tasks": "Høringer", "function": "Rådgivende"},
        "seats": {"relatives": 4, "citizens": 0, "staff": 1},
        "agreement": {"centre_head": "centre-1", "department_head": "dept-1", "agreed_on": today},
    }  # fmt: skip
    answer = httpx.post(
        f"{councils_url}/councils", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def a_council_admin_calls_an_election(page: Page, base: str, councils_url: str) -> None:
    council_id = form_council(councils_url, "bofaellesskabet-lyngen")
    sign_in(page, base, "rita", "Rådsadministrator", landing="Overblik for kommunen")
    # The read side's list of councils follows the councils topic, which this system's
    # councils service does not publish to (no relay): open the council directly.
    page.goto(f"{base}/raad/{council_id}")
    expect(
        page.get_by_role("heading", name="Pårørenderåd på bofaellesskabet-lyngen")
    ).to_be_visible()
    held_on = (datetime.now(COPENHAGEN) + timedelta(days=30)).date().isoformat()
    page.get_by_label("Valgdato").fill(held_on)
    page.get_by_role("button", name="Udskriv valg").click()
    expect(page.locator("#flash")).to_have_text("Valget er udskrevet.")
    expect(page.get_by_role("heading", name=re.compile("kandidater opstilles"))).to_be_visible()
    check(page, "raad")
    page.get_by_role("button", name="Log af").click()
