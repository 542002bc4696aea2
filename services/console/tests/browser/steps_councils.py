"""A council administrator forms the tilbud's council on the console's page, appoints a
staff member, calls a meeting with its agenda, and calls an election."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from playwright.sync_api import Page, expect

from services.console.domain.timefmt import COPENHAGEN
from services.console.tests.browser.pages import check, sign_in


def a_council_admin_forms_a_council_and_calls_an_election(page: Page, base: str) -> None:
    today = datetime.now(COPENHAGEN).date()
    sign_in(page, base, "rita", "Rådsadministrator", landing="Overblik for kommunen")
    page.get_by_role("link", name="Råd", exact=True).click()
    page.get_by_role("link", name="Dan et råd").click()
    check(page)
    page.get_by_role("button", name="Dan rådet").click()  # empty: said beside each field
    expect(page.locator("#tilbud_id-error")).to_contain_text("Feltet skal udfyldes.")
    page.get_by_label("Tilbud", exact=True).select_option(label="Bofællesskabet Lyngen")
    page.get_by_label("Pårørenderåd", exact=True).check()
    page.get_by_label("Formål").fill("Inddrage pårørende")
    page.get_by_label("Opgaver").fill("Høringer")
    page.get_by_label("Funktion").fill("Rådgivende")
    page.get_by_label("Pladser til pårørende").fill("4")
    page.get_by_label("Pladser til medarbejdere").fill("2")  # one is the department head's
    page.get_by_label("Centerchef, der har aftalt pladserne").select_option(
        label="Centerchef, Borgercenter Vest"
    )
    page.get_by_label("Afdelingsleder", exact=True).fill("dept-1")
    page.get_by_label("Aftalt den").fill(today.isoformat())
    check(page, "raad-dan")
    page.get_by_role("button", name="Dan rådet").click()
    expect(page.locator("#flash")).to_have_text("Rådet er dannet.")
    expect(
        page.get_by_role("heading", name="Pårørenderåd på Bofællesskabet Lyngen")
    ).to_be_visible()

    page.get_by_role("link", name="Udpeg et medlem").click()
    page.get_by_label("Medarbejder", exact=True).check()
    page.get_by_label("Personens id").fill("staff-7")
    page.get_by_label("Valgperioden begynder").fill(today.isoformat())
    check(page)
    page.get_by_role("button", name="Udpeg medlemmet").click()
    expect(page.locator("#flash")).to_have_text("Medlemmet er udpeget.")
    expect(page.locator("#members")).to_contain_text("staff-7")

    page.get_by_role("link", name="Indkald til møde").click()
    page.get_by_label("Rådsmøde", exact=True).check()
    page.get_by_label("Dato").fill((today + timedelta(days=14)).isoformat())
    page.get_by_label("Klokken").fill("17:00")
    page.get_by_label("Dagsorden").fill("Velkomst\nValg til rådet")
    check(page)
    page.get_by_role("button", name="Indkald").click()
    expect(page.locator("#meetings")).to_contain_text("dagsorden: Velkomst; Valg til rådet")

    held_on = (today + timedelta(days=30)).isoformat()
    page.get_by_label("Valgdato").fill(held_on)
    page.get_by_role("button", name="Udskriv valg").click()
    expect(page.locator("#flash")).to_have_text("Valget er udskrevet.")
    expect(page.get_by_role("heading", name=re.compile("kandidater opstilles"))).to_be_visible()
    check(page, "raad")
    page.get_by_role("button", name="Log af").click()
