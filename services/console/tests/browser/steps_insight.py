"""The walk-through's later steps: the rest of a case's records, the mail in the case's
message log, the case on the dashboard, and an auditor replaying the case to version 3.
A communication officer sends a newsletter; a leader reads the councils and the pool.
The dashboard and the auditor's pages are done with the keyboard alone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from playwright.sync_api import Locator, Page, expect

from services.console.domain.timefmt import COPENHAGEN
from services.console.tests.browser.pages import check, sign_in


def the_rest_of_the_records(page: Page) -> None:
    """A dialogue noted, the handling plan reviewed, the complaint resolved."""
    page.get_by_role("link", name="Noter en dialog").click()
    page.get_by_label("Telefon").check()
    page.get_by_label("Hvad blev sagt?").fill("Bodil spurgte til besøgstider.")
    page.get_by_label("Hvem deltog? (valgfrit)").fill("Bodil Hansen")
    check(page, "dialog")
    page.get_by_role("button", name="Noter dialogen").click()
    expect(page.locator("#dialogue-notes")).to_contain_text("Bodil spurgte til besøgstider.")

    page.get_by_role("link", name="Følg op på handleplanen").click()
    page.get_by_label("Hvad viste opfølgningen?").fill("Færre opkald; tonen er bedre.")
    later = (datetime.now(COPENHAGEN) + timedelta(days=60)).date().isoformat()
    page.get_by_label("Næste opfølgning senest").fill(later)
    check(page)
    page.get_by_role("button", name="Registrer opfølgningen").click()
    expect(page.locator("#plan-reviews")).to_contain_text("Færre opkald")

    page.get_by_role("link", name=re.compile("^Afslut klagen")).click()
    page.get_by_label("Klagen får delvist medhold").check()
    page.get_by_label("Hvad blev svaret til klageren?").fill("Menuen ændres fra næste uge.")
    check(page)
    page.get_by_role("button", name="Afslut klagen").click()
    expect(page.locator("#complaints")).to_contain_text("Afsluttet: klagen får delvist medhold")


def _until(page: Page, found: Locator, tries: int = 60) -> None:
    """Reload until ``found`` shows: events reach the read side and the communication
    service a moment after the command."""
    for _ in range(tries):
        if found.count():
            return
        page.wait_for_timeout(250)
        page.reload()
    expect(found.first).to_be_visible()


def the_mail_is_in_the_message_log(page: Page) -> None:
    """The leader alert about the level is in the case's message log, and was sent."""
    log = page.locator("#message-log")
    _until(page, log.get_by_role("row", name=re.compile("Samarbejdstrappen: sag på trin")))
    sent = log.get_by_role("row", name=re.compile("Samarbejdstrappen: sag på trin 4.*Sendt"))
    _until(page, sent)
    check(page)


def the_case_is_on_the_dashboard(page: Page, tilbud: str) -> None:
    """The tilbud's dashboard counts one open case at level 4 this month (keyboard: the
    tilbud chosen by typing its name in the list grouped by citizen centre)."""
    page.get_by_role("link", name="Overblik").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Overblik for kommunen", level=1)).to_be_visible()
    chooser = page.get_by_label("Tilbud")
    chooser.focus()
    # The arrows move through the list (typing a name to jump there depends on how fast
    # the keys arrive, which a loaded machine does not keep).
    for _ in range(30):
        if chooser.input_value() == "bofaellesskabet-lyngen":
            break
        page.keyboard.press("ArrowDown")
    expect(chooser).to_have_value("bofaellesskabet-lyngen")
    page.keyboard.press("Tab")  # to "Vis overblik"
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Overblik for Bofællesskabet Lyngen (afdeling 2)")  # its name
    month = datetime.now(COPENHAGEN).strftime("%Y-%m")
    level_4 = page.locator("#table-cases_per_level tbody tr", has_text=month).locator("td").nth(3)
    _until(page, page.locator("#table-cases_per_level tbody tr", has_text=month))
    expect(level_4).to_have_text("1")
    chart = page.get_by_role("img", name=re.compile("^Diagram. Åbne sager pr. trin"))
    expect(chart).to_have_js_property("complete", True)
    assert chart.evaluate("image => image.naturalWidth") > 0, "the chart did not load"
    check(page, "overblik")
    # The tilbud's citizen centre: its tilbud rolled up by the read side.
    page.get_by_text("Vælg en afdeling, et borgercenter eller et tilbud").click()
    page.get_by_role("link", name="Borgercenter Vest").click()
    expect(heading).to_have_text("Overblik for Borgercenter Vest")
    expect(page.locator("#table-cases_per_level tbody tr", has_text=month)).to_be_visible()
    check(page)  # no screenshot: a roll-up page of charts is slow to capture under load


def an_auditor_replays_the_case(page: Page, base: str, case_id: str) -> None:
    """Find the case, replay it to version 3, download the export, see the verification;
    a caseworker was shown none of this (see the walk-through)."""
    sign_in(page, base, "revi", "Revisor")
    page.get_by_role("link", name="Revision").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Revision", level=1)).to_be_visible()
    check(page)  # the cases, newest first: the auditor chooses, types no id
    page.get_by_role("link", name=f"Historik for sag {case_id[:8]}").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Sagens historik", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name=re.compile("^Version 3:")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#replayed-version")).to_have_text("3")
    expect(page.get_by_role("heading", name="Sagen ved version 3", level=2)).to_be_visible()
    expect(page.locator("#replayed-relatives")).to_have_text("1")
    check(page, "revision")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent sagens revisionsspor (CSV)").click()
    assert download.value.suggested_filename == f"sag-{case_id}.csv"
    page.get_by_role("link", name="Kontroller revisionssporet").click()
    expect(page.locator("#verify-status")).to_contain_text("Revisionssporet")
    check(page)


def the_councils_and_the_pool(page: Page) -> None:
    """A leader reads the councils and this year's pool (none opened in this system)."""
    page.get_by_role("link", name="Råd", exact=True).click()
    expect(page.get_by_role("heading", name="Råd", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name=re.compile("^Deltagerpuljen")).click()
    expect(page.locator("#pool-facts")).to_contain_text("ikke åbnet")
    check(page)


def a_newsletter_is_sent(page: Page, base: str, tilbud: str) -> None:
    """A communication officer sends a newsletter to the tilbud's consenting relatives."""
    sign_in(page, base, "kim", "Kommunikation", landing="Overblik for kommunen")
    page.get_by_role("link", name="Kommunikation").click()
    page.get_by_label(tilbud, exact=True).focus()  # ticked among the centre's tilbud
    page.keyboard.press("Space")
    expect(page.get_by_label(tilbud, exact=True)).to_be_checked()
    page.get_by_label("Emne").fill("Nyt fra bofællesskabet")
    page.get_by_label("Tekst").fill("Vi holder julefrokost den 18. december.")
    check(page, "kommunikation")
    page.get_by_role("button", name="Send nyhedsbrevet").click()
    expect(page.locator("#flash")).to_contain_text(re.compile(r"sendt til \d+ pårørende"))
    expect(page.locator("#newsletters")).to_contain_text("Nyt fra bofællesskabet")
    check(page)
    page.get_by_role("button", name="Log af").click()
