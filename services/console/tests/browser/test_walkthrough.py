"""The README's walk-through done by clicking: a caseworker signs in, opens a case, adds
a relative, records consent, holds the move-in conversation, assesses level 3 with a
plan, reports an incident and sees level 4, notes a dialogue, reviews the plan and
resolves a complaint; a leader takes responsibility, sees the mail in the case's message
log and the case on the dashboard; an auditor replays the case to version 3. On the way:
a Danish error beside its field, a version conflict shown and resolved, and axe-core
on every page (no serious or critical violations). Screenshots go to docs/console/."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import httpx
import pytest
from playwright.sync_api import Page, expect

from services.console.domain.timefmt import COPENHAGEN
from services.console.tests.browser.pages import check, checked, sign_in
from services.console.tests.browser.steps_councils import (
    a_council_admin_forms_a_council_and_calls_an_election,
)
from services.console.tests.browser.steps_insight import (
    a_newsletter_is_sent,
    an_auditor_replays_the_case,
    the_case_is_on_the_dashboard,
    the_councils_and_the_pool,
    the_mail_is_in_the_message_log,
    the_rest_of_the_records,
)
from services.console.tests.browser.system import System
from shared.auth import issue_token
from shared.config import CommonSettings

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def test_a_caseworker_and_a_leader_do_the_walk_through(page: Page, system: System) -> None:
    base = system.console_url
    yesterday = (datetime.now(COPENHAGEN) - timedelta(days=1)).date().isoformat()

    # Sign in as a caseworker with the keyboard alone: the first Tab reaches the skip link.
    page.goto(base + "/log-ind")
    check(page, "log-ind")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Gå til sidens indhold")).to_be_focused()
    page.get_by_label("Dit brugernavn").focus()
    page.keyboard.type("anna")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Sagsbehandler", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Sager", level=1)).to_be_visible()
    check(page)

    # Open a case; a wrong CPR number is said in Danish beside its field.
    page.get_by_role("link", name="Opret sag").click()
    check(page)
    page.get_by_label("Borgerens CPR-nummer").fill("12345")
    page.get_by_label("Tilbud", exact=True).select_option("bofaellesskabet-lyngen")
    page.get_by_label("Plejehjem").check()
    page.get_by_role("button", name="Opret sag").click()
    summary = page.locator("[data-module=error-summary]")
    expect(summary).to_contain_text("Skriv CPR-nummeret med 10 cifre")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#cpr")
    expect(page.locator("#cpr-error")).to_contain_text("Skriv CPR-nummeret med 10 cifre")
    expect(page.get_by_label("Borgerens CPR-nummer")).to_have_attribute("aria-invalid", "true")
    check(page, "fejl-ved-feltet")
    page.get_by_label("Borgerens CPR-nummer").fill("070761-4285")
    page.get_by_role("button", name="Opret sag").click()
    expect(page.locator("#flash")).to_have_text("Sagen er oprettet.")
    case_url = page.url
    case_id = case_url.rsplit("/", 1)[1]

    # Add a relative.
    page.get_by_role("link", name="Tilføj pårørende").click()
    check(page)
    page.get_by_label("Den pårørendes navn").fill("Bodil Hansen")
    page.get_by_label("Datter").check()
    page.get_by_label("E-mail").fill("bodil@example.dk")
    page.get_by_role("button", name="Tilføj pårørende").click()
    expect(page.locator("#flash")).to_have_text("Den pårørende er tilføjet.")

    # Grant consent from the matrix: the link names the scope and the relative.
    page.get_by_role("link", name="Giv samtykke til invitere til møder for Bodil Hansen").click()
    check(page)
    page.get_by_label("Mundtligt").check()
    page.get_by_role("button", name="Registrer samtykke").click()
    matrix = page.locator("#consent-matrix")
    expect(matrix.get_by_role("row", name=re.compile("Invitere til møder"))).to_contain_text(
        "Givet mundtligt"
    )

    # Hold the move-in conversation with the template's checklist.
    page.get_by_role("link", name="Hold indflytningssamtale").click()
    page.get_by_label("Dato for samtalen").fill(yesterday)
    page.get_by_label("Klokkeslæt").fill("10:00")
    page.get_by_label("Økonomi").check()
    page.get_by_label("Medicin").check()
    page.get_by_label("Bodil Hansen").check()
    page.get_by_label("Hvad er aftalt?").fill("Bodil ringer fredag eftermiddag")
    page.get_by_label("Hvem er ansvarlig?").fill("Bodil Hansen")
    check(page)
    page.get_by_role("button", name="Registrer samtalen").click()
    expect(page.locator("#move-in-status")).to_contain_text("Holdt")

    # The agreement from the conversation was kept.
    page.get_by_role("link", name=re.compile("^Holdt eller brudt")).click()
    page.get_by_label("Ja, aftalen er holdt").check()
    check(page)
    page.get_by_role("button", name="Registrer").click()
    expect(page.locator("#agreements")).to_contain_text("Bodil ringer fredag eftermiddag")
    expect(page.locator("#agreements")).to_contain_text("Holdt")

    # Assess level 3: choose the level, then its characteristics and focus areas appear.
    page.get_by_role("link", name="Vurder trin").click()
    page.get_by_label("Trin 3: Samarbejde med større udfordringer").check()
    page.get_by_role("button", name="Vis kendetegn og fokusområder").click()
    page.get_by_label("Vanskelig dialog").check()
    page.get_by_label("Begrundelse").fill("Mange opkald og skarp tone over for personalet.")
    page.get_by_label("Plan for håndtering").check()
    page.get_by_label("Opfølgning på handleplanen senest").fill(
        (datetime.now(COPENHAGEN) + timedelta(days=30)).date().isoformat()
    )
    check(page, "vurder-trin")
    page.get_by_role("button", name="Registrer vurderingen").click()
    expect(page.locator("[aria-current=step]")).to_contain_text("Trin 3")

    # Report an incident; meanwhile someone else changes the case: the conflict is shown
    # with what changed, the input is kept, and sending again records it.
    page.get_by_role("link", name="Indberet hændelse").click()
    page.get_by_label("Trussel", exact=True).check()
    page.get_by_label("Personale", exact=True).check()
    page.get_by_label("Dato", exact=True).fill(yesterday)
    page.get_by_label("Klokkeslæt").fill("12:00")
    page.get_by_label("Beskrivelse").fill("Truede med at slå en medarbejder.")
    _someone_else_adds_a_relative(system, case_id)
    page.get_by_role("button", name="Indberet hændelsen").click()
    expect(page.locator("[data-module=error-summary]")).to_contain_text(
        "Sagen er ændret af en anden, siden du åbnede den"
    )
    expect(page.locator("#conflict-changes")).to_contain_text("Pårørende tilføjet af karen")
    expect(page.get_by_label("Beskrivelse")).to_have_value("Truede med at slå en medarbejder.")
    check(page, "konflikt")
    page.get_by_role("button", name="Indberet hændelsen").click()
    expect(page.locator("#flash")).to_have_text("Hændelsen er indberettet.")
    expect(page.locator("[aria-current=step]")).to_contain_text("Trin 4")
    expect(page.locator("[aria-current=step]")).to_contain_text("Sagen står her")
    expect(page.get_by_text("mangler en ansvarlig leder")).to_be_visible()
    check(page)

    # A complaint: the 24 hours to first contact count down, then the contact is recorded.
    page.get_by_role("link", name="Modtag klage").click()
    page.get_by_label("Bodil Hansen (datter)").check()
    page.get_by_label("Telefon").check()
    page.get_by_label("Hvad handler klagen om?").fill("Utilfreds med maden.")
    check(page)
    page.get_by_role("button", name="Modtag klagen").click()
    complaints = page.locator("#complaints")
    expect(complaints).to_contain_text(re.compile(r"Første kontakt senest .* \(om 2[34] timer\)"))
    page.get_by_role("link", name=re.compile("^Registrer første kontakt")).click()
    check(page)
    page.get_by_role("button", name="Registrer, at klageren er kontaktet nu").click()
    expect(page.locator("#flash")).to_have_text("Den første kontakt er registreret.")
    expect(complaints).to_contain_text(re.compile(r"Første kontakt \d+\. \w+ \d{4} kl\."))

    the_rest_of_the_records(page)

    # A caseworker is shown no leader button and no auditor page.
    expect(page.get_by_role("link", name="Tildel ansvarlig leder")).to_have_count(0)
    expect(page.get_by_role("link", name="Revision")).to_have_count(0)
    page.get_by_role("button", name="Log af").click()
    expect(page.get_by_role("heading", name="Du er logget af")).to_be_visible()
    check(page)

    # A leader finds the case among those missing a leader, and takes responsibility.
    sign_in(page, base, "lene", "Leder")
    _find_in_list(page, case_id)
    check(page, "sager")
    page.get_by_role("link", name=f"Åbn sag {case_id[:8]}").click()
    check(page, "sag")
    page.get_by_role("link", name="Tildel ansvarlig leder").click()
    check(page)
    page.get_by_role("button", name="Bliv ansvarlig leder for sagen").click()
    expect(page.locator("#flash")).to_have_text("Den ansvarlige leder er tildelt.")
    expect(page.locator("#case-leader")).to_have_text("lene")
    check(page)

    # The citizen withdraws a consent: one click in the matrix, then a confirmation.
    page.get_by_role(
        "link", name="Træk tilbage samtykke til invitere til møder for Bodil Hansen"
    ).click()
    expect(page.locator("#withdraw-what")).to_contain_text("Bodil Hansen")
    page.get_by_label("Skriftligt").check()
    check(page)
    page.get_by_role("button", name="Ja, træk samtykket tilbage").click()
    expect(page.locator("#flash")).to_have_text("Samtykket er trukket tilbage.")
    expect(matrix.get_by_role("row", name=re.compile("Invitere til møder"))).not_to_contain_text(
        "Givet"
    )
    # The mail about the case is in its message log; the case is on the dashboard.
    the_mail_is_in_the_message_log(page)
    the_case_is_on_the_dashboard(page, "Bofællesskabet Lyngen")
    the_councils_and_the_pool(page)
    page.get_by_role("button", name="Log af").click()
    a_newsletter_is_sent(page, base, "Bofællesskabet Lyngen")
    a_council_admin_forms_a_council_and_calls_an_election(page, base)

    # An auditor replays the case to version 3, downloads it, sees the verification.
    an_auditor_replays_the_case(page, base, case_id)

    # A case that does not exist is said in Danish too.
    page.goto(f"{base}/sager/00000000-0000-4000-8000-000000000000")
    expect(page.get_by_role("alert")).to_contain_text("Sagen findes ikke")
    check(page)
    assert len(checked) >= 33


def _someone_else_adds_a_relative(system: System, case_id: str) -> None:
    token = issue_token(CommonSettings(), "karen", ["caseworker"])
    answer = httpx.post(
        f"{system.cases_url}/cases/{case_id}/relatives",
        json={"name": "Karl", "relation": "son"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 201, answer.text


def _find_in_list(page: Page, case_id: str) -> None:
    """Filter the list to cases missing a leader; the read side may lag a moment."""
    page.get_by_label("Mangler en ansvarlig leder").check()
    page.get_by_role("button", name="Filtrer").click()
    link = page.get_by_role("link", name=f"Åbn sag {case_id[:8]}")
    for _ in range(50):
        if link.count():
            return
        page.wait_for_timeout(200)
        page.reload()
    expect(link).to_be_visible()
