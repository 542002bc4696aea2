"""The pages finished last, clicked in a real browser against the real services: the
list of theme evenings, names chosen instead of typed ids on a council and in a pool
application, the auditor's comparison of two versions of a case. axe-core on every
page (0 serious or critical); screenshots go to docs/console/."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import httpx
import pytest
from playwright.sync_api import Page, expect

from services.console.domain.timefmt import COPENHAGEN
from services.console.tests.browser.pages import check, sign_in
from services.console.tests.browser.system import System
from shared.auth import issue_token
from shared.config import CommonSettings

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def _api(url: str, path: str, body: dict[str, object], *roles: str) -> dict[str, object]:
    token = issue_token(CommonSettings(), "karen", list(roles))
    answer = httpx.post(url + path, json=body, headers={"Authorization": f"Bearer {token}"})
    assert answer.is_success, answer.text
    found: dict[str, object] = answer.json()
    return found


def _evening(system: System, title: str, days: int, capacity: int) -> str:
    starts = (datetime.now(COPENHAGEN) + timedelta(days=days)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    body = {"title": title, "topic": "finances", "organiser": "municipality",
            "organiser_name": "Kommunen", "starts_at": starts.isoformat(),
            "location": "Lyngen", "capacity": capacity}  # fmt: skip
    return str(_api(system.communication_url, "/theme-evenings", body, "communications")
               ["evening_id"])  # fmt: skip


def test_theme_evenings_are_listed_and_signed_up_for(page: Page, system: System) -> None:
    base = system.console_url
    _evening(system, "Økonomi i hverdagen", 30, 1)
    _evening(system, "Sundhed og trivsel", 10, 20)
    sign_in(page, base, "kim", "Kommunikation", landing="Overblik for kommunen")
    page.get_by_role("link", name="Kommunikation", exact=True).click()
    page.get_by_role("link", name="Se temaaftener og tilmeldinger").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Temaaftener", level=1)).to_be_visible()
    rows = page.locator("#evenings tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Sundhed og trivsel")  # the soonest first
    expect(rows.nth(1)).to_contain_text("0 af 1")
    expect(rows.nth(1)).to_contain_text(re.compile(r"\d+\. \w+ \d{4} kl\. 18\.00"))
    expect(rows.nth(1)).to_contain_text("Planlagt, ikke annonceret")
    check(page, "temaaftener")

    # By keyboard: the sign-up link of the full-to-be evening, then two sign-ups.
    page.get_by_role("link", name="Tilmeld en pårørende til Økonomi i hverdagen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Økonomi i hverdagen", level=1)).to_be_visible()
    page.get_by_role("button", name="Annoncér temaaftenen").click()  # sign-ups open now
    expect(page.locator("#flash")).to_contain_text("Temaaftenen er annonceret")
    for name, email in (("Bodil Hansen", "bodil@example.dk"), ("Karl Jensen", "karl@example.dk")):
        page.get_by_label("Den pårørendes navn").fill(name)
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("E-mail").press("Enter")
        expect(page.locator("#flash")).to_be_visible()
    expect(page.locator("#flash")).to_contain_text("står på ventelisten")
    check(page)
    page.get_by_role("link", name="Temaaftener").click()
    row = page.locator("#evenings tbody tr", has_text="Økonomi i hverdagen")
    expect(row).to_contain_text("1 af 1")
    expect(row.locator("td").nth(2)).to_have_text("1")  # one on the waiting list
    row.get_by_role("link", name="Økonomi i hverdagen", exact=True).click()
    expect(page.locator("#evening-seats")).to_have_text("1 af 1 pladser")


def _case_with_relatives(system: System, tilbud_id: str, *relatives: tuple[str, str]) -> str:
    body = {"cpr": "070761-4285", "tilbud_id": tilbud_id, "setting": "residential_offer"}
    case_id = str(_api(system.cases_url, "/cases", body, "caseworker")["case_id"])
    for name, relation in relatives:
        path = f"/cases/{case_id}/relatives"
        _api(system.cases_url, path, {"name": name, "relation": relation}, "caseworker")
    return case_id


def _sign_in_with(page: Page, base: str, name: str, *roles: str) -> None:
    page.goto(base + "/log-ind")
    page.get_by_label("Dit brugernavn").fill(name)
    for role in roles:
        page.get_by_label(role, exact=True).check()
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("button", name="Log af")).to_be_visible()


def test_a_council_is_formed_and_elected_by_names(page: Page, system: System) -> None:
    base = system.console_url
    today = datetime.now(COPENHAGEN).date()
    _case_with_relatives(system, "egely", ("Bodil Hansen", "daughter"), ("Karl Jensen", "son"))
    _sign_in_with(page, base, "rita", "Rådsadministrator", "Leder")
    page.get_by_role("link", name="Råd", exact=True).click()
    page.get_by_role("link", name="Dan et råd").click()
    page.get_by_label("Tilbud", exact=True).select_option(label="Egely")  # no id typed
    page.get_by_label("Pårørenderåd", exact=True).check()
    page.get_by_label("Formål").fill("Inddrage pårørende")
    page.get_by_label("Opgaver").fill("Høringer")
    page.get_by_label("Funktion").fill("Rådgivende")
    page.get_by_label("Pladser til pårørende").fill("1")
    page.get_by_label("Pladser til medarbejdere").fill("1")
    page.get_by_label("Centerchef, der har aftalt pladserne").select_option(
        label="Områdechef, Sundhed og Omsorg, område Nord"
    )
    page.get_by_label("Afdelingsleder", exact=True).fill("egely-leder")
    page.get_by_label("Aftalt den").fill(today.isoformat())
    check(page)
    page.get_by_role("button", name="Dan rådet").click()
    expect(page.get_by_role("heading", name="Pårørenderåd på Egely")).to_be_visible()

    page.get_by_label("Valgdato").fill((today + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Udskriv valg").click()
    expect(page.locator("#flash")).to_have_text("Valget er udskrevet.")
    # The tilbud's relatives reach the councils service from the case events.
    standing = page.get_by_label("Opstil kandidat")
    for _ in range(60):
        if standing.locator("option", has_text="Karl Jensen (søn)").count():
            break
        page.wait_for_timeout(250)
        page.reload()
    check(page, "raad-valg-navne")
    for name in ("Bodil Hansen (datter)", "Karl Jensen (søn)"):
        page.get_by_label("Opstil kandidat").select_option(label=name)
        page.get_by_role("button", name="Opstil").click()
        expect(page.locator("#flash")).to_have_text("Kandidaten er opstillet.")
    expect(page.get_by_text("2 kandidater (Bodil Hansen, Karl Jensen)")).to_be_visible()
    page.get_by_role("button", name="Åbn afstemningen").click()
    for voter in ("Bodil Hansen (datter)", "Karl Jensen (søn)"):
        page.get_by_label("Vælger").select_option(label=voter)
        page.get_by_label("Karl Jensen", exact=True).check()
        page.get_by_role("button", name="Registrer stemmen").click()
        expect(page.locator("#flash")).to_have_text("Stemmen er registreret.")
    check(page)
    page.get_by_role("button", name="Afslut valget og tæl op").click()
    result = page.get_by_role("table", name="Resultat")
    expect(result.get_by_role("row", name=re.compile("Karl Jensen"))).to_contain_text("2")
    expect(page.locator("#members")).to_contain_text("Karl Jensen")
    check(page)

    # The council applies for a budget; the initiators are ticked by name.
    council_url = page.url
    year = today.year
    page.goto(f"{base}/raad/pulje?aar={year}")
    page.get_by_role("link", name=f"Åbn puljen for {year}").click()
    page.get_by_role("button", name="Åbn puljen").click()
    expect(page.locator("#flash")).to_have_text("Deltagerpuljen er åbnet.")
    council_id = council_url.rstrip("/").rsplit("/", 1)[1]
    page.goto(f"{base}/raad/pulje/{year}/ansoeg?raad={council_id}")
    expect(page.locator("#applying-council")).to_contain_text("Pårørenderåd på Egely")
    page.get_by_label("Aktivitet").fill("Sommerudflugt til Mols")
    page.get_by_label("Beløb i kroner").fill("5000")
    page.get_by_label("Karl Jensen (søn)").check()
    check(page, "pulje-ansoeg")
    page.get_by_role("button", name="Send ansøgningen").click()
    expect(page.locator("#flash")).to_have_text("Ansøgningen er sendt til følgegruppen.")
    expect(page.get_by_role("rowheader", name="Sommerudflugt til Mols")).to_be_visible()


def test_an_auditor_compares_two_versions_of_a_case(page: Page, system: System) -> None:
    base = system.console_url
    case_id = _case_with_relatives(
        system, "bofaellesskabet-lyngen", ("Bodil Hansen", "daughter"), ("Karl Jensen", "son")
    )
    sign_in(page, base, "aud", "Revisor")
    page.goto(f"{base}/revision/sager/{case_id}")
    check(page)
    # By keyboard: choose version 1 and version 3 and send the form.
    page.get_by_label("Version A (før)").focus()
    page.keyboard.press("ArrowDown")  # Chromium changes a closed select with the arrows
    page.keyboard.press("Tab")
    expect(page.get_by_label("Version B (efter)")).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Fra version 1 til version 3")).to_be_visible()
    changes = page.locator("#changes")
    bodil = changes.get_by_role("row", name=re.compile("^Pårørende Bodil Hansen"))
    expect(bodil).to_contain_text("Tilføjet")
    expect(bodil).to_contain_text("Bodil Hansen (datter)")
    expect(changes).to_contain_text("Karl Jensen (søn)")
    expect(changes).not_to_contain_text("{")
    check(page, "revision-sammenlign")
    page.get_by_label("Version A (før)").select_option("3")
    page.get_by_label("Version B (efter)").select_option("3")
    page.get_by_role("button", name="Vis forskellen").click()
    expect(page.locator("#no-changes")).to_have_text("Sagen er den samme i de to versioner.")
